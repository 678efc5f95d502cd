"""Chairs: the people named with a chair cue (برئاسة، ترأس، co-chaired), or the subject of a
verb whose object is the round ("X and Y convened the fifth round"), except the chairs of a
session other than the opening one ("the closing session was chaired by …"), of a working
group or of preparatory meetings."""

from __future__ import annotations

from collections.abc import Sequence

from ..text.lexicon import Cue, word_list
from .analysis import ArticleContext, RoundNote, SentenceAnalysis, clause_starts, evidence
from .mentions import COUNTRY, CUE, Mention
from .model import RoundKey, Supported
from .people import Person, PersonReference, name_words

LEADING = "chair-leading"  # the cue read from a verb of leading and its side (not a cue of cues.tsv)
HOSTING = "chair-hosting"  # the cue read from a verb of hosting and the talks it hosts (idem)
CO_CHAIR_WORDS = frozenset(word_list("co-chair-word"))  # "X co-chaired the round with Y"
OBJECT_PRONOUNS = word_list("object-pronoun")  # attached to a chair verb: "ترأسها" (chaired it)
CHAIR_VERB_END = "راس"  # ترأس، يترأس as normalised (تراس): the verb an object pronoun attaches to
RELATIVE_REACH = 2  # words between a relative pronoun and its chair verb: "which he co-chaired"
# words from a verb of leading to its side: "led the U.S. delegation", "will lead his country's delegation"
LEAD_OBJECT_REACH = 4
HOST_OBJECT_REACH = 3  # words from a verb of hosting to the talks it hosts: "will host this year's dialogue"
WELCOMED_REACH = 2  # words besides posts from "welcomed" to the guest: "welcomed the U.S. Secretary of State X"
GUEST_ROUND_REACH = 6  # words from the guest to the round: "X to the capital for the second round"
GUEST_LINKER = "for"  # "welcomed X to Doha for the second round": the round the guest came for
WELCOMING = "chair-welcomed"  # the cue read from welcoming a guest for the round (not a cue of cues.tsv)
CHAIR_OBJECT_REACH = 3  # a chair verb's object round starts within: "co-chaired the fourth U.S.-Qatar …"


def find_chairs(context: ArticleContext, analyses: Sequence[SentenceAnalysis]) -> list[RoundNote]:
    """One note per chair cue whose round is known, with the chairs it names (maybe none)."""
    notes: list[RoundNote] = []
    previous_people: list[Person] = []  # "ترأسه …" with a pronoun: the people of the sentence before
    ministers = _foreign_ministers(context, analyses)
    meetings_excluded = False  # the last chair sentence was about a thematic or preparatory meeting
    for analysis in analyses:
        frame = analysis.frame
        mentions = analysis.mentions
        cues = _outermost(mentions.cues_of("chair", "chair-by-pronoun", "chair-subject") + _leading_a_side(analysis))
        excluded_by_session = False
        for cue in cues:
            object_round = _object_round(analysis, cue)
            if cue.value.cue == "chair-subject" and object_round is None:
                continue  # "X and Y held talks" is no round; "X and Y held the sixth round" is
            clause_end = _clause_end(analysis, cue.last)
            starts = [s for s in clause_starts(mentions) if s <= cue.first]
            if _refers_back(analysis, cue):  # "جلسة خصصت للتعاون الأمني، ترأسها …": the session's chair
                starts = starts[:-1]
            clause_start = starts[-1] if starts else analysis.sentence.tokens[0].index
            # "the sixth session was co-chaired by …": a session that is the round itself is no
            # thematic session
            sessions = [m for m in mentions.cues_of("session") if clause_start <= m.first <= clause_end
                        and not any(r.first <= m.first <= r.last for r in frame.rounds)]
            # "اجتماعات تحضيرية", "preparatory talks": meetings before the round, not the round
            preparatory = any(clause_start <= m.first <= clause_end for m in mentions.cues_of("preparatory"))
            # "the two co-chairs spent the session on …": a noun naming the round's chairs, who
            # chair no thematic session by being named
            naming_chairs = any(m.first <= cue.first and cue.last <= m.last
                                for m in mentions.cues_of("two-foreign-ministers"))
            if naming_chairs:
                sessions = []
            if sessions or preparatory:
                opening = any(clause_start <= m.first <= clause_end for m in mentions.cues_of("opening"))
                excluded_by_session = preparatory or not opening
            # "وترأست الجانب الأمريكي في الاجتماعات": the meetings of the sentence before
            elif meetings_excluded and not frame.rounds and any(
                    clause_start <= m.first <= clause_end for m in mentions.cues_of("meeting-anaphor")):
                excluded_by_session = True
            meetings_excluded = excluded_by_session
            if excluded_by_session:
                continue
            # the subject may stand before a comma ("X, Qatar's …, co-chaired"): only a conjunction
            # ("while", "فيما") ends the reach of a chair verb back to its subject
            breaks = [m.first for m in mentions.cues_of("clause-break") if m.first <= cue.first]
            subject_start = max(breaks) if breaks else analysis.sentence.tokens[0].index
            people = _chair_people(context, analysis, cue, (subject_start, clause_end), previous_people)
            described = [m for m in mentions.cues_of("two-foreign-ministers") if clause_start <= m.first <= clause_end]
            if not people and described:  # "وزيرا خارجية البلدين", "the two foreign ministers"
                where = described[0]
                people = [PersonReference(person, where.first, where.last, where.start, where.end)
                          for person in ministers]
            # the round chaired is the verb's object when one is named in its clause ("Blinken, who
            # co-chaired the fourth U.S.-Qatar Strategic Dialogue", "ترأس … اجتماع الدورة التاسعة"),
            # else the round (or coordinated rounds) the sentence speaks of where the verb stands
            chaired = [r for r in frame.rounds if cue.last < r.first <= clause_end]
            if object_round is None and chaired and cue.value.cue == "chair":
                object_round = chaired[0].key
            keys = [object_round] if object_round is not None else frame.rounds_at(cue.first)
            for key in keys:
                notes.append(RoundNote(key, chairs=tuple(
                    Supported(r.person.id, evidence(analysis.sentence, r.start, r.end)) for r in people)))
        if analysis.people:
            previous_people = [r.person for r in analysis.people]
    return notes


def chairs_by_round(notes: Sequence[RoundNote]) -> dict[RoundKey, set[str]]:
    """{round: {person id}} of the chair notes."""
    chairs: dict[RoundKey, set[str]] = {}
    for note in notes:
        for chair in note.chairs:
            chairs.setdefault(note.key, set()).add(chair.value)
    return chairs


def _foreign_ministers(context: ArticleContext, analyses: Sequence[SentenceAnalysis]) -> list[Person]:
    """The article's foreign ministers, if it names exactly two of different countries: whom
    "the two foreign ministers" of a dialogue's two countries are."""
    posts = [tuple(name_words(form)) for form, cue in context.lexicon.cues.forms()
             if cue.cue == "foreign-minister"]
    found: dict[str, Person] = {}
    for analysis in analyses:
        for reference in analysis.people:
            person = reference.person
            stated = [name_words(text.text) for text, _ in person.posts]
            if person.country and any(_contains(words, post) for words in stated for post in posts):
                found.setdefault(person.country, person)
    return list(found.values()) if len(found) == 2 else []


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether `phrase` occurs in `words`, word for word."""
    return any(tuple(words[i:i + len(phrase)]) == tuple(phrase) for i in range(len(words) - len(phrase) + 1))


def _leading_a_side(analysis: SentenceAnalysis) -> list[Mention]:
    """"led the Qatari delegation", "headed the U.S. side", "يقود الجانب الأمريكي": a verb of
    leading with a side or delegation as its object, read as one chair cue."""
    mentions = analysis.mentions
    sides = mentions.cues_of("side")
    found = []
    for verb in mentions.cues_of("lead-verb"):
        side = next((m for m in sides if verb.last < m.first <= verb.last + LEAD_OBJECT_REACH), None)
        if side is not None:
            found.append(Mention(CUE, verb.first, side.last, verb.start, side.end, Cue(LEADING, verb.value.lang)))
    # "X will host the talks", "X hosts this year's dialogue": whoever hosts the round itself
    # leads the host side; a hosted dinner or reception has no round or talks as its object
    hosted = [(m.first, m.last, m.end) for m in mentions.cues_of("dialogue-anaphor")] + [
        (r.first, r.last, r.end) for r in analysis.frame.rounds]
    for verb in mentions.cues_of("host"):
        if verb.value.lang != "en":
            continue
        target = next((h for h in hosted if verb.last < h[0] <= verb.last + HOST_OBJECT_REACH), None)
        if target is not None:
            found.append(Mention(CUE, verb.first, target[1], verb.start, target[2], Cue(HOSTING, verb.value.lang)))
    found.extend(_welcomed_for_the_round(analysis))
    return found


def _welcomed_for_the_round(analysis: SentenceAnalysis) -> list[Mention]:
    """"welcomed Secretary X to Doha for the second round": a guest welcomed for the round
    itself leads the visiting side (a guest welcomed for a dinner or a visit does not)."""
    found = []
    tokens = analysis.sentence.tokens
    for verb in analysis.mentions.cues_of("welcome"):
        if verb.value.lang != "en":
            continue
        # the guest's post does not count: "welcomed U.S. Secretary of State X"
        titled = {i for p in analysis.posts for i in range(p.first, p.last + 1)} | {
            i for m in analysis.mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1)}
        guest = next((r for r in analysis.people if verb.last < r.first and len(
            set(range(verb.last + 1, r.first)) - titled) <= WELCOMED_REACH), None)
        if guest is None:
            continue
        target = next((r for r in analysis.frame.rounds if guest.last < r.first <= guest.last + GUEST_ROUND_REACH
                       and any(t.text == GUEST_LINKER and guest.last < t.index < r.first for t in tokens)), None)
        if target is not None:
            found.append(Mention(CUE, verb.first, guest.last, verb.start, guest.end, Cue(WELCOMING, verb.value.lang)))
    return found


def _object_round(analysis: SentenceAnalysis, cue: Mention) -> RoundKey | None:
    """The round a chair verb takes as its object: "co-chaired the fourth round", "ترأس الجولة الثانية"."""
    following = [r for r in analysis.frame.rounds if cue.last < r.first <= cue.last + CHAIR_OBJECT_REACH]
    return following[0].key if following else None


def _refers_back(analysis: SentenceAnalysis, cue: Mention) -> bool:
    """Whether a chair verb refers to a noun of the clause before it: an object pronoun
    ("ترأسها", "ترأسه"), a relative pronoun ("which he co-chaired", "التي ترأسها") or a
    participle after a comma (", led by X")."""
    tokens = analysis.sentence.tokens
    position = next((i for i, t in enumerate(tokens) if t.index == cue.first), 0)
    word = tokens[position].text
    relatives = {i for m in analysis.mentions.cues_of("relative") for i in range(m.first, m.last + 1)}
    before = tokens[max(0, position - RELATIVE_REACH):position]
    pronoun = next((p for p in OBJECT_PRONOUNS if word.endswith(p)), None)
    with_pronoun = pronoun is not None and word[: -len(pronoun)].endswith(CHAIR_VERB_END)
    # "a working group on counterterrorism, led by X": a participle after a comma describes the noun before it
    last = position + cue.last - cue.first
    passive = position > 0 and tokens[position - 1].text in (",", "،") and (
        tokens[last].text == "by" or last + 1 < len(tokens) and tokens[last + 1].text == "by")
    return with_pronoun or passive or any(t.index in relatives for t in before)


def _outermost(cues: list[Mention]) -> list[Mention]:
    """The cues in text order without those inside a longer one ("chaired" in "co-chaired")."""
    return sorted((c for c in cues if not any(o is not c and o.first <= c.first and c.last <= o.last
                                              and o.last - o.first > c.last - c.first for o in cues)),
                  key=lambda m: m.first)


def _clause_end(analysis: SentenceAnalysis, after: int) -> int:
    breaks = [m.first for m in analysis.mentions.cues_of("clause-break")
              if m.first > after] + [m.first for m in _outermost(analysis.mentions.cues_of("chair")) if m.first > after]
    tokens = analysis.sentence.tokens
    return (min(breaks) - 1) if breaks else tokens[-1].index


def _chair_people(context: ArticleContext, analysis: SentenceAnalysis, cue: Mention, clause: tuple[int, int],
                  previous_people: list[Person]) -> list[PersonReference]:
    """Who a chair cue names: after it ("برئاسة X و Y", "chaired by"), else before it, in its
    clause ("X led the Qatari delegation, while Y led the American side")."""
    clause_start, clause_end = clause
    before = unique_people([r for r in analysis.people if clause_start <= r.first and r.last < cue.first])
    if cue.value.cue in ("chair-subject", HOSTING):  # "X and Y convened the fifth round": the subject only
        return before
    if cue.value.cue == WELCOMING:  # the guest, the cue's last words
        return unique_people([r for r in analysis.people if cue.first < r.first and r.last <= cue.last])
    if cue.value.cue == "chair-by-pronoun":
        seen = {r.person.id for r in before}
        for person in reversed(previous_people):
            if len(before) >= 2:  # a round has two chairs, one per side
                break
            if person.id not in seen:
                seen.add(person.id)
                before.append(PersonReference(person, cue.first, cue.last, cue.start, cue.end))
        return before
    # "co-chaired by A and B, not by C", "برئاسة A و B، بمشاركة C": the people after a negation or
    # a word of taking part are not chairs
    negations = [m.first for m in analysis.mentions.cues_of("negation", "participation")
                 if cue.last < m.first <= clause_end]
    names_end = min(negations) - 1 if negations else clause_end
    after = unique_people([r for r in analysis.people if cue.last < r.first <= names_end])
    if cue.value.cue == LEADING:  # the subject of "led the U.S. delegation", before it in English
        return (before or after) if context.lang == "en" else (after or before)
    form = context.document.text_of(cue.start, cue.end).lower()
    tokens = analysis.sentence.tokens
    position = next((i for i, t in enumerate(tokens) if t.index == cue.last), len(tokens))
    # "co-chaired by X", "co-chaired on the Qatari side by X", "co-chaired in Washington … by X"
    reach = after[0].first if after else clause_end
    by_follows = any(t.text == "by" for t in tokens[position + 1:] if t.index < reach)
    names_follow = context.lang == "ar" or form.endswith(" by") or by_follows or "delegation" in form
    # "which he co-chaired with Sheikh Mohammed", "X co-chaired the round with Y": the subject and the partner
    with_follows = any(t.text in CO_CHAIR_WORDS for t in tokens[position + 1:] if t.index < reach)
    if after and with_follows:
        return unique_people(before[-1:] + after)
    if after and (names_follow or not before):  # "The fifth round's co-chairs, X and Y, …"
        return after
    return before if context.lang == "en" or not after else after


def unique_people(references: list[PersonReference]) -> list[PersonReference]:
    """The references with each person once, at their first reference."""
    seen: set[str] = set()
    out: list[PersonReference] = []
    for reference in references:
        if reference.person.id not in seen:
            seen.add(reference.person.id)
            out.append(reference)
    return out
