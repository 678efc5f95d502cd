"""Stage 1, text in: articles read from files, folders, JSON Lines and pages; page chrome cut;
normalised text with an offset map; tokens; title, paragraphs, sentences and dateline; and the
lexicon — the language data of data/lexicon/ that every later stage reads."""
