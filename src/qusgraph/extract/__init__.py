"""Extraction: article text → sentences → mentions → sentence frames → facts.

Each stage is a module whose output is plain data (printed by `qusgraph explain --debug`):

* `mentions`  — gazetteer and lexicon hits per sentence (entities, topics, agreements, cues)
* `numbers`, `dates` — amounts, counts, durations and dates, resolved against publication
* `people`    — names, posts and the officials they make
* `frames`    — which round each sentence talks about; event frames for place and date
* `analysis`  — the above, per sentence, built once per article (`ArticleContext`)
* `officials`, `chairs`, `commentary`, `rounds`, `topics`, `agreements`, `commitments`,
  `dialogues` — one pure function per fact kind over the sentence analyses and frames
* `tuning`    — the windows and weights those rules use, each with what it measures
* `facts`     — the driver: runs the kinds in the order of their data and assembles the
  typed records (`qusgraph.rdf.model`)
"""

from __future__ import annotations

from ..text.articles import Article
from ..text.lexicon import Lexicon
from ..text.segment import segment
from .facts import Extraction, extract


def extract_article(article: Article, lexicon: Lexicon) -> Extraction:
    """Segment an article and extract its facts."""
    return extract(segment(article, lexicon), lexicon)


__all__ = ["Extraction", "extract_article"]
