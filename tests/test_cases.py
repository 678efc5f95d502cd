"""Golden cases: articles written for this suite in styles the dev corpus does not have
(numbered rounds, joint statements, wire briefings, previews with Levantine month names,
officials missing from the gazetteer, analyses of several dialogues with fact boxes). Each
folder holds `article.txt` and the facts expected of it (`expected.json`); every kind of fact
must match exactly. Rounds are named as the contract keys them: "5", or "KW-US/5" for a round
of another dialogue than the article's own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from qusgraph.extract import extract_article
from qusgraph.extract.model import ArticleFacts, RoundKey
from qusgraph.text.articles import read_text_file
from qusgraph.text.lexicon import Lexicon

CASES = sorted((Path(__file__).parent / "cases").glob("*/article.txt"))


def _round(key: RoundKey | None) -> int | str | None:
    """A round as expected.json names it: 5 for the article's own dialogue, "GB-QA/2" for another."""
    if key is None:
        return None
    return key.label if key.dialogue else key.ordinal


def observed(facts: ArticleFacts) -> dict[str, Any]:
    return {
        "officials": {o.id: [o.country.value if o.country else None, sorted(p.value[0] for p in o.positions)]
                      for o in facts.officials},
        "rounds": {r.key.label: {"dates": sorted({d.value.text for d in r.dates}),
                                    "places": sorted({p.value for p in r.places}),
                                    "chairs": sorted({c.value for c in r.chairs}),
                                    "topics": sorted({t.value for t in r.topics})}
                   for r in facts.rounds},
        "agreements": sorted(([_round(a.round), a.type, a.quantity.value if a.quantity else None,
                               sorted(t.value for t in a.topics)] for a in facts.agreements), key=repr),
        "commitments": sorted([int(c.amount), c.currency, c.party.value if c.party else None,
                               _round(c.round.value) if c.round else None, c.duration.value if c.duration else None]
                              for c in facts.commitments),
    }


def expected(path: Path) -> dict[str, Any]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        "officials": {k: [v[0], sorted(v[1])] for k, v in raw["officials"].items()},
        "rounds": {k: {f: sorted(v[f]) for f in ("dates", "places", "chairs", "topics")}
                   for k, v in raw["rounds"].items()},
        "agreements": sorted(([a[0], a[1], a[2], sorted(a[3])] for a in raw["agreements"]), key=repr),
        "commitments": sorted(raw["commitments"]),
    }


@pytest.mark.parametrize("article", CASES, ids=[p.parent.name for p in CASES])
@pytest.mark.parametrize("kind", ["officials", "rounds", "agreements", "commitments"])
def test_case(article: Path, kind: str, lexicon: Lexicon) -> None:
    want = expected(article.with_name("expected.json"))
    published = json.loads(article.with_name("expected.json").read_text(encoding="utf-8"))["published"]
    facts = extract_article(read_text_file(article, lexicon, date.fromisoformat(published)), lexicon).facts
    assert observed(facts)[kind] == want[kind]
