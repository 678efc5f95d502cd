"""A timeline of each dialogue: every round on a time axis, with its ordinal, date (and the
precision the articles gave it), place, chairs, agreements and commitments, each item a
link to its page. `qusgraph timeline -o FILE.svg` and the server's `/timeline` draw the same
picture with drawsvg.

The data comes from two SPARQL queries, run by whoever holds the store (the CLI on a
read-only view, the server through its query workers), so the module needs no store of
its own: `timeline_data(run)` takes a function from SPARQL text to rows of strings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import escape

import drawsvg as draw

from ..rdf.namespaces import XSD

Rows = list[dict[str, str]]
Runner = Callable[[str], Rows]

# Most precise first: a round's date stated to the day beats one stated to the month.
PRECISION = {XSD + "date": "day", XSD + "gYearMonth": "month", XSD + "gYear": "year"}
KINDS = ("place", "chair", "agreement", "commitment")

ROUNDS_QUERY = """
SELECT ?round ?dialogue ?dialogueLabel ?ordinal ?date ?datatype WHERE {
  ?round a qus:Round ; qus:ordinal ?ordinal .
  OPTIONAL { ?round qus:partOf ?dialogue
             OPTIONAL { ?dialogue rdfs:label ?dialogueLabel FILTER(lang(?dialogueLabel) = "en") } }
  OPTIONAL { ?round qus:date ?date BIND(STR(DATATYPE(?date)) AS ?datatype) }
}"""

ITEMS_QUERY = """
SELECT ?round ?kind ?item ?en ?ar WHERE {
  { ?round a qus:Round ; qus:place ?item BIND("place" AS ?kind) }
  UNION { ?round a qus:Round ; qus:chair ?item BIND("chair" AS ?kind) }
  UNION { ?item a qus:Agreement ; qus:round ?round BIND("agreement" AS ?kind) }
  UNION { ?item a qus:Commitment ; qus:round ?round BIND("commitment" AS ?kind) }
  OPTIONAL { ?item rdfs:label ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?item rdfs:label ?ar FILTER(lang(?ar) = "ar") }
}"""


@dataclass(frozen=True)
class Item:
    iri: str
    label: str


@dataclass
class RoundEntry:
    iri: str
    ordinal: int
    date: str = ""  # the most precise date stated, as written (2022-11-22, 2021-11, 2019)
    precision: str = ""  # day | month | year | "" (unknown)
    items: dict[str, list[Item]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

    @property
    def when(self) -> float | None:
        """The date as a year with a fraction (the middle of the month or year it names)."""
        if not self.date:
            return None
        parts = [int(p) for p in self.date.split("-")[:3] if p.isdigit()]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0] + 0.5
        if len(parts) == 2:
            return parts[0] + (parts[1] - 0.5) / 12
        day = date(parts[0], parts[1], parts[2])
        return parts[0] + (day.timetuple().tm_yday - 0.5) / 366


@dataclass
class DialogueLine:
    iri: str
    label: str
    rounds: list[RoundEntry] = field(default_factory=list)


def timeline_data(run: Runner) -> list[DialogueLine]:
    """Every dialogue of the store with its rounds in order, each round with its items."""
    dialogues: dict[str, DialogueLine] = {}
    rounds: dict[str, RoundEntry] = {}
    for row in run(ROUNDS_QUERY):
        key = row.get("dialogue", "")
        line = dialogues.setdefault(key, DialogueLine(key, row.get("dialogueLabel") or "Dialogue"))
        entry = rounds.get(row["round"])
        if entry is None:
            entry = rounds[row["round"]] = RoundEntry(row["round"], int(row["ordinal"]))
            line.rounds.append(entry)
        precision = PRECISION.get(row.get("datatype", ""), "")
        if precision and (not entry.precision or _finer(precision, entry.precision)
                          or (precision == entry.precision and row["date"] < entry.date)):
            entry.date, entry.precision = row["date"], precision
    for row in run(ITEMS_QUERY):
        entry = rounds.get(row["round"])
        if entry is None or row["kind"] not in entry.items:
            continue
        bucket = entry.items[row["kind"]]
        if all(item.iri != row["item"] for item in bucket):
            bucket.append(Item(row["item"], row.get("en") or row.get("ar") or _tail(row["item"])))
    for line in dialogues.values():
        line.rounds.sort(key=lambda r: r.ordinal)
        for entry in line.rounds:
            for bucket in entry.items.values():
                bucket.sort(key=lambda item: item.label)
    return sorted(dialogues.values(), key=lambda d: d.label)


def _finer(new: str, old: str) -> bool:
    order = list(PRECISION.values())
    return order.index(new) < order.index(old)


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


# ------------------------------------------------------------------------ drawing
CARD_WIDTH = 230
GAP = 20
MARGIN = 30
LINE = 16
AXIS_Y = 70  # of a lane: where its time axis runs
DOT = 8  # a round's dot sits this far into its card
TITLE_SIZE = 16
TEXT_SIZE = 12
HEADINGS = {"chair": "Chairs", "agreement": "Agreements", "commitment": "Commitments"}


class Anchor(draw.DrawingParentElement):
    """An SVG <a>: drawsvg has no link element, and writes attributes as given (so escape)."""

    TAG_NAME = "a"

    def __init__(self, href: str, **kwargs: object) -> None:
        super().__init__(href=escape(href, quote=True), **kwargs)


def _positions(rounds: list[RoundEntry]) -> list[float]:
    """x of each round: by date on a shared scale, pushed right so that cards never overlap.
    A round without a date sits between its neighbours (rounds are in ordinal order)."""
    known = [(i, r.when) for i, r in enumerate(rounds) if r.when is not None]
    times: list[float] = []
    for index, entry in enumerate(rounds):
        if entry.when is not None:
            times.append(entry.when)
            continue
        before = [t for i, t in known if i < index]
        after = [t for i, t in known if i > index]
        if before and after:
            times.append((before[-1] + after[0]) / 2)
        elif before:
            times.append(max(before[-1], times[-1] if times else before[-1]) + 0.5)
        elif after:
            times.append(after[0] - 0.5)
        else:
            times.append(float(index))
    # Keep times non-decreasing (an undated round guessed before a dated one).
    for index in range(1, len(times)):
        times[index] = max(times[index], times[index - 1])
    scale = 160.0  # pixels a year, before pushing cards apart
    xs: list[float] = []
    for when in times:
        x = MARGIN + (when - times[0]) * scale
        if xs:
            x = max(x, xs[-1] + CARD_WIDTH + GAP)
        xs.append(x)
    return xs


def _year_ticks(rounds: list[RoundEntry], xs: list[float]) -> list[tuple[float, int]]:
    """Year boundaries placed on the piecewise-linear axis the cards define."""
    points = [(r.when, x) for r, x in zip(rounds, xs, strict=True) if r.when is not None]
    if len(points) < 2:
        return []
    ticks = []
    for year in range(int(points[0][0]) + 1, int(points[-1][0]) + 1):
        for (t0, x0), (t1, x1) in zip(points, points[1:], strict=False):
            if t0 <= year <= t1 and t1 > t0:
                ticks.append((DOT + x0 + (x1 - x0) * (year - t0) / (t1 - t0), year))
                break
    return ticks


def _card_lines(entry: RoundEntry) -> list[tuple[str, str | None, bool]]:
    """(text, link IRI or None, heading?) lines of one round's card."""
    when = f"{entry.date} ({entry.precision})" if entry.date else "date not stated"
    lines: list[tuple[str, str | None, bool]] = [(f"Round {entry.ordinal}", entry.iri, True), (when, None, False)]
    for place in entry.items["place"]:
        lines.append((place.label, place.iri, False))
    for kind in ("chair", "agreement", "commitment"):
        if entry.items[kind]:
            lines.append((HEADINGS[kind], None, True))
            lines.extend((f"· {item.label}", item.iri, False) for item in entry.items[kind])
    return lines


def timeline_svg(dialogues: list[DialogueLine], href: Callable[[str], str]) -> str:
    """The timeline as an SVG document; `href` maps an IRI to where its page is read."""
    lanes = []
    width = 2 * MARGIN + CARD_WIDTH
    for line in dialogues:
        xs = _positions(line.rounds)
        cards = [_card_lines(entry) for entry in line.rounds]
        height = AXIS_Y + 30 + max((len(c) for c in cards), default=0) * LINE + 30
        lanes.append((line, xs, cards, height))
        if xs:
            width = max(width, int(xs[-1] + CARD_WIDTH + MARGIN))
    total = sum(lane[3] for lane in lanes) or 80
    drawing = draw.Drawing(width, total, font_family="DejaVu Sans, Noto Naskh Arabic, sans-serif")
    drawing.append(draw.Rectangle(0, 0, width, total, fill="#fbfbfd"))
    if not lanes:
        drawing.append(draw.Text("No rounds in this store yet.", TITLE_SIZE, MARGIN, 40, fill="#52606d"))
    top = 0
    for line, xs, cards, height in lanes:
        group = draw.Group(class_="dialogue", transform=f"translate(0,{top})")
        title = draw.Text(line.label, TITLE_SIZE, MARGIN, 28, font_weight="bold", fill="#8a1538")
        group.append(Anchor(href(line.iri)) if line.iri else draw.Group())
        group.children[-1].append(title)
        axis_end = (xs[-1] + CARD_WIDTH) if xs else width - MARGIN
        group.append(draw.Line(MARGIN, AXIS_Y, axis_end, AXIS_Y, stroke="#52606d", stroke_width=1.5))
        for x, year in _year_ticks(line.rounds, xs):
            group.append(draw.Line(x, AXIS_Y - 6, x, AXIS_Y + 6, stroke="#52606d"))
            group.append(draw.Text(str(year), TEXT_SIZE - 1, x, AXIS_Y - 10, text_anchor="middle", fill="#52606d"))
        for entry, x, lines in zip(line.rounds, xs, cards, strict=True):
            card = draw.Group(class_="round", data_ordinal=str(entry.ordinal))
            card.append(draw.Circle(x + DOT, AXIS_Y, 6, fill="#8a1538" if entry.date else "white",
                                    stroke="#8a1538", stroke_width=2))
            box_height = len(lines) * LINE + 12
            card.append(draw.Rectangle(x, AXIS_Y + 18, CARD_WIDTH, box_height, rx=4, fill="white",
                                       stroke="#d9e2ec"))
            card.append(draw.Line(x + DOT, AXIS_Y + 6, x + DOT, AXIS_Y + 18, stroke="#8a1538"))
            y = AXIS_Y + 18 + LINE
            for text, iri, heading in lines:
                label = draw.Text(_fit(text), TEXT_SIZE + (1 if iri == entry.iri else 0), x + 8, y,
                                  font_weight="bold" if heading else "normal",
                                  fill="#8a1538" if iri else ("#1f2933" if heading else "#52606d"))
                if iri:
                    link = Anchor(href(iri))
                    link.append(draw.Title(iri))
                    link.append(label)
                    card.append(link)
                else:
                    card.append(label)
                y += LINE
            group.append(card)
        drawing.append(group)
        top += height
    return str(drawing.as_svg())


def _fit(text: str, limit: int = 31) -> str:
    """Cards have a fixed width: long labels are cut (the full IRI is in the link's title)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def store_runner(store: object) -> Runner:
    """A runner over a QusStore (the CLI's read-only view)."""
    import pyoxigraph as ox

    def run(sparql: str) -> Rows:
        results = store.query(sparql)  # type: ignore[attr-defined]
        assert isinstance(results, ox.QuerySolutions)
        names = [v.value for v in results.variables]
        rows = []
        for solution in results:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            rows.append(row)
        return rows

    return run


__all__ = ["DialogueLine", "RoundEntry", "store_runner", "timeline_data", "timeline_svg"]
