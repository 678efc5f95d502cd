"""What every fact kind reads: the analysis of each sentence, built once per article.

`analyse_article` finds, sentence by sentence, the mentions, dates, amounts, durations,
names, posts and the sentence frame (which round a sentence talks about). The fact kinds
(officials, rounds, chairs, topics, agreements, commitments, dialogues) are functions
over the resulting `ArticleContext`; none of them changes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..text.lexicon import Lexicon
from ..text.segment import Document, Sentence
from ..text.tokens import Token, tokenize
from .dates import DateMention, find_dates, resolve
from .frames import FrameReader, SentenceFrame
from .mentions import Mention, SentenceMentions, find_mentions
from .model import CalendarValue, Evidence, RoundKey, Supported
from .numbers import Amount, Duration, find_amounts, find_durations
from .people import NameMention, Person, PersonReference, PostMention, find_names, find_posts
from .tuning import TIMING_SCOPE


@dataclass(frozen=True)
class SentenceAnalysis:
    """Everything found in one sentence; printed by `qusgraph explain --debug`.

    `people`, `speaker` and `commentary` are filled by later stages (officials, commentary),
    which return new analyses rather than changing these.
    """

    sentence: Sentence
    mentions: SentenceMentions
    frame: SentenceFrame
    dates: list[tuple[DateMention, CalendarValue | None]] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    people: list[PersonReference] = field(default_factory=list)
    speaker: Person | None = None
    commentary: bool = False


@dataclass(frozen=True)
class ArticleContext:
    """One article as the fact kinds see it."""

    document: Document
    lexicon: Lexicon
    analyses: tuple[SentenceAnalysis, ...]
    home_country: str | None  # the country of the news agency that wrote the article

    @property
    def lang(self) -> str:
        return self.document.lang

    @property
    def published(self) -> date | None:
        return self.document.article.published


@dataclass(frozen=True)
class RoundNote:
    """What one sentence says about a round, in the order it says it; a note with nothing
    but the ordinal still makes the round known."""

    key: RoundKey
    mentions: tuple[Evidence, ...] = ()
    dates: tuple[Supported[CalendarValue], ...] = ()
    places: tuple[Supported[str], ...] = ()
    chairs: tuple[Supported[str], ...] = ()
    topics: tuple[Supported[str], ...] = ()


def analyse_article(document: Document, lexicon: Lexicon) -> ArticleContext:
    """Analyse every sentence; frames are read in text order, since a sentence's round may
    be carried over from the sentences before it."""
    reader = FrameReader(document, lexicon)
    analyses = []
    year: int | None = None  # the year the text named last: "the following year" counts from it
    for sentence in document.sentences:
        analyses.append(_analyse(document, lexicon, reader, sentence, year))
        year = next((int(value.text[:4]) for _, value in reversed(analyses[-1].dates) if value is not None), year)
    return ArticleContext(document, lexicon, tuple(analyses), _home_country(document, lexicon))


def _analyse(document: Document, lexicon: Lexicon, reader: FrameReader, sentence: Sentence,
             year: int | None) -> SentenceAnalysis:
    mentions = find_mentions(sentence, lexicon)
    tokens = sentence.tokens
    future = mentions.has_cue("future")
    dates: list[tuple[DateMention, CalendarValue | None]] = []
    for mention in find_dates(tokens, lexicon):
        value = resolve(mention, document.article.published, future, anchor_year=year)
        dates.append((mention, value))
        year = int(value.text[:4]) if value is not None else year
    # "Next Tuesday, Secretary Blinken …": capitalised words that make a date are no name
    dated = {tokens[d.first].index + i for d, _ in dates for i in range(d.last - d.first + 1)}
    names = [n for n in find_names(document, sentence, mentions, lexicon)
             if not any(n.first <= i <= n.last for i in dated)]
    blocked = {i for n in names for i in range(n.first, n.last + 1)}
    posts = find_posts(document, sentence, mentions, blocked, lexicon)
    # "وزير الدولة لشؤون الطاقة" names a post, not the topic energy
    mentions.topics = [t for t in mentions.topics
                       if not any(p.first <= t.first and t.last <= p.last for p in posts)]
    # "بالتزامن مع بطولة كأس العالم", "in the middle of the World Cup": a date, not a topic
    mentions.topics = [t for t in mentions.topics if not _timed(mentions, t)]
    date_spans = [(tokens[d.first].index, tokens[d.last].index) for d, _ in dates]
    frame = reader.read(mentions, date_spans)
    return SentenceAnalysis(sentence, mentions, frame, dates=dates, amounts=find_amounts(tokens, lexicon),
                            durations=find_durations(tokens, lexicon), names=names, posts=posts)


def _timed(mentions: SentenceMentions, topic: Mention) -> bool:
    """Whether a topic stands in the phrase of a timing cue ("تزامنت الخامسة مع استضافة قطر
    لبطولة كأس العالم"): after it, within TIMING_SCOPE tokens, with no comma between."""
    tokens = mentions.sentence.tokens
    commas = [t.index for t in tokens if t.text in (",", "،", ";", "؛")]
    return any(cue.last < topic.first and topic.first - cue.last <= TIMING_SCOPE
               and not any(cue.last < c < topic.first for c in commas)
               for cue in mentions.cues_of("timing"))


def _home_country(document: Document, lexicon: Lexicon) -> str | None:
    """The country of the news agency that wrote the article (its dateline or source)."""
    article = document.article
    spans = [document.dateline] if document.dateline else []
    first_body = next((s for s in document.sentences if not s.is_title), None)
    if first_body is not None:
        spans.append((first_body.start, first_body.end))
    for start, end in spans:
        tokens = tokenize(article.text[start:end], offset=start)
        for position in range(len(tokens)):
            for match in lexicon.entity_forms.matches_at(tokens, position):
                entity = match.payload
                if entity.kind == "organization" and entity.subkind == "news-agency":
                    return entity.country
    return None


CLAUSE_VERB_CUES = ("speech", "event", "host", "sign", "agenda", "reaffirm", "chair", "joint-subject")


def clause_starts(mentions: SentenceMentions) -> list[int]:
    """Tokens where a new clause starts: "ثم", "فيما", or a verb cue right after a comma."""
    starts = {m.first for m in mentions.cues_of("clause-break")}
    tokens = mentions.sentence.tokens
    verb_cues = {m.first for m in mentions.cues_of(*CLAUSE_VERB_CUES)}
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if previous.text in (",", "،", ";", "؛") and token.index in verb_cues:
            starts.add(token.index)
    return sorted(starts)


def evidence(sentence: Sentence, start: int, end: int) -> Evidence:
    return Evidence(sentence.index, start, end)


def span_of(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    """Character span of tokens[first..last] (positions in the sentence's token list)."""
    return tokens[first].start, tokens[last].end
