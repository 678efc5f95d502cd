"""Officials: names (from the gazetteer or found by honorific/post patterns), their posts,
the country each acts for, and later references to them ("الدكتور الأنصاري", "Pompeo").

Posts follow a small grammar over `posts.tsv`: a post is a head word and its complement;
a title chain is split into posts where a new head starts ("نائب رئيس مجلس الوزراء
وزير الخارجية" is two posts), except inside the complement of a relational head
("مساعد وزير الخارجية") or of an advisor's whole title ("مستشار نائب رئيس مجلس الوزراء
وزير الخارجية"). Nationality adjectives are taken out of the post text and give the
official's country ("وزير الخارجية الأمريكي" → "وزير الخارجية", US); a country named as a
genitive stays, as stated ("وزير خارجية الولايات المتحدة", US), without the epithet that may
follow it ("الصديقة"). English posts may be written in lower case after the name
("X, then deputy prime minister and minister of foreign affairs").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from ..text.lexicon import CountryForm, Entity, Lexicon, PostHead, word_list
from ..text.normalize import normalize
from ..text.segment import Document, Sentence
from ..text.tokens import Token, clitic_readings, match_key
from .mentions import COUNTRY, OFFICIAL, ORGANIZATION, PLACE, Mention, SentenceMentions

_NOT_LETTERS = re.compile(r"[^\w]+|_|\d")
# Word lists of data/lexicon/word_lists.tsv
NAME_PARTICLES = frozenset(word_list("name-particle"))
ARABIC_POST_STOPS = frozenset(word_list("post-stop"))
DESTINATION_WORDS = frozenset(word_list("destination"))  # سفير … لدى الولايات المتحدة keeps its country
COORDINATORS = frozenset(word_list("name-coordinator"))
ENGLISH_CONNECTORS = frozenset(word_list("english-connector"))
COMPLEMENT_LEADS = frozenset(word_list("complement-lead"))  # "Minister of Trade, and Energy"
COUNTRY_PREPOSITIONS = frozenset(word_list("country-preposition"))  # "Minister of State of Qatar", "في قطر"
MAX_NAME_TOKENS = 7
TITLE_CASE_MIN_WORD = 3  # headline style leaves short words ("at", "a", "of", "and") in lower case
MAX_POST_TOKENS = 14


@dataclass(frozen=True)
class PostText:
    """One post as the article states it, nationality markers removed."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PostMention:
    first: int
    last: int
    start: int
    end: int
    posts: tuple[PostText, ...]
    country: str | None
    coordinated: bool  # starts with "و" / "and": belongs to the next name


@dataclass(frozen=True)
class NameMention:
    """A person's name in a sentence; `key` is the gazetteer key when known."""

    first: int
    last: int
    start: int
    end: int
    text: str
    key: str | None
    words: tuple[str, ...]  # normalised name words, without ال


@dataclass
class Person:
    """An official of the article: identity, names, country, posts and mentions."""

    id: str
    key: str | None
    names: dict[str, str] = field(default_factory=dict)  # lang → name as written or labelled
    words: frozenset[str] = frozenset()
    edges: frozenset[str] = frozenset()  # first and family names of every form ("Mohammed", "Thani")
    country: str | None = None
    posts: list[tuple[PostText, int]] = field(default_factory=list)  # (post, sentence)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence, start, end)
    titles: set[str] = field(default_factory=set)  # titles of address written before a name ("sheikh")


@dataclass
class PersonReference:
    """A mention of a person in a sentence, resolved to the article's Person."""

    person: Person
    first: int
    last: int
    start: int
    end: int


def _text(document: Document, tokens: Sequence[Token]) -> str:
    return " ".join(document.text_of(t.start, t.end) for t in tokens)


def name_words(text: str) -> tuple[str, ...]:
    """Normalised words of a name, without the article ال or punctuation, for matching references."""
    return tuple(match_key(w) for w in _NOT_LETTERS.sub(" ", normalize(text)).split())


def name_edges(words: Sequence[str]) -> frozenset[str]:
    """The first and the family name of a name's words, without particles."""
    core = [w for w in words if w not in NAME_PARTICLES]
    return frozenset({core[0], core[-1]}) if core else frozenset()


# --------------------------------------------------------------------------- posts
def find_posts(document: Document, sentence: Sentence, mentions: SentenceMentions,
               blocked: set[int], lexicon: Lexicon) -> list[PostMention]:
    """Post phrases of a sentence (not overlapping the tokens in `blocked`)."""
    tokens = sentence.tokens
    base = tokens[0].index if tokens else 0
    entity_at = {i: m for m in mentions.entities for i in range(m.first, m.last + 1)}
    blocked = blocked | {i for m in mentions.honorifics for i in range(m.first, m.last + 1)}
    affairs = {m.last for m in mentions.cues_of("affairs")}
    found: list[PostMention] = []
    position = 0
    while position < len(tokens):
        head = _head_at(tokens, position, lexicon, document.lang, blocked)
        if head is None:
            position += 1
            continue
        head_position = position
        mentions_read, position = _read_post_chain(document, tokens, position, head, lexicon, blocked, entity_at,
                                                   base, affairs)
        if mentions_read:
            mentions_read[0] = _with_leads(tokens, head_position, mentions_read[0], lexicon, entity_at)
        found.extend(mentions_read)
    return found


def _with_leads(tokens: Sequence[Token], position: int, mention: PostMention, lexicon: Lexicon,
                entity_at: dict[int, Mention]) -> PostMention:
    """"X, then the British foreign secretary", "X as secretary of state": the post's span takes in
    the words that lead to it, so that it still stands next to the name it belongs to."""
    first = position
    cursor = position - 1
    while cursor >= 0:
        token = tokens[cursor]
        entity = entity_at.get(token.index)
        if token.text in lexicon.post_leads:
            first = cursor
        elif token.text != "'s" and (entity is None or entity.kind != COUNTRY):  # "then Kuwait's …"
            break
        cursor -= 1
    if first == position:
        return mention
    return replace(mention, first=tokens[first].index, start=tokens[first].start)


def _head_at(tokens: Sequence[Token], position: int, lexicon: Lexicon, lang: str,
             blocked: set[int]) -> tuple[PostHead, int, bool] | None:
    """A post head at `position`: (head, last position, joined by a conjunction)."""
    if tokens[position].index in blocked:
        return None
    for match in lexicon.posts.matches_at(tokens, position):
        if match.payload.lang != lang:
            continue
        first_word = tokens[position].text
        coordinated = first_word == "and" or (
            first_word.startswith("و") and first_word not in lexicon.post_first_words
            and first_word[1:] in clitic_readings(first_word))
        return match.payload, match.last, coordinated
    return None


def _read_post_chain(document: Document, tokens: Sequence[Token], position: int,
                     head: tuple[PostHead, int, bool], lexicon: Lexicon, blocked: set[int],
                     entity_at: dict[int, Mention], base: int, affairs: set[int]) -> tuple[list[PostMention], int]:
    """Read a chain of posts from the head at `position`; return its mentions and the next position.

    A chain is one person's titles, except that a last "، و + post" right before a name is
    that next person's ("…وزير الخارجية، ووزير الخارجية الأمريكي أنتوني بلينكن")."""
    lang = document.lang
    kind, head_last, coordinated = head
    segments: list[tuple[int, int, bool]] = []
    segment_coordinated = coordinated
    comma_coordinated: set[int] = set()  # segments that start after "، و"
    segment_start = position
    previous_kind, previous_end = kind.kind, head_last
    advisor_chain = kind.kind == "advisor"
    cursor = head_last + 1
    while cursor < len(tokens) and cursor - position < MAX_POST_TOKENS:
        token = tokens[cursor]
        if token.index in blocked:
            break
        entity = entity_at.get(token.index)
        if entity is not None and entity.kind == PLACE and tokens[cursor - 1].text in DESTINATION_WORDS:
            # a capital after لدى, to, at stands for its country: "السفير الكويتي لدى واشنطن"
            cursor = entity.last - base + 1
            continue
        if entity is not None and entity.kind in (OFFICIAL, PLACE):
            break
        if not token.is_word and token.text not in ("'s",):
            if lang == "en" and token.text == "," \
                    and _listed_complement(document, tokens, cursor + 1, lexicon, blocked):
                cursor += 1  # "Under Secretary for Economic Growth, Energy, and the Environment"
                continue
            if token.text in ("،", ",") and cursor + 1 < len(tokens):
                following = _head_at(tokens, cursor + 1, lexicon, lang, blocked)
                if following is not None and following[2]:
                    segments.append((segment_start, cursor - 1, segment_coordinated))
                    segment_start, segment_coordinated = cursor + 1, True
                    comma_coordinated.add(segment_start)
                    previous_kind, previous_end = following[0].kind, following[1]
                    advisor_chain = following[0].kind == "advisor"
                    cursor = following[1] + 1
                    continue
            break
        found = _head_at(tokens, cursor, lexicon, lang, blocked)
        if found is not None:
            new_head, new_last, new_coordinated = found
            joins = (previous_end == cursor - 1 and previous_kind in ("relational", "advisor")) or (
                advisor_chain and new_head.kind == "minister")
            if not joins:
                split = cursor - 1 if tokens[cursor - 1].text in COORDINATORS else cursor
                segments.append((segment_start, split - 1, segment_coordinated))
                segment_start, segment_coordinated = split, new_coordinated or split < cursor
                advisor_chain = new_head.kind == "advisor"
            previous_kind, previous_end = new_head.kind, new_last
            cursor = new_last + 1
            continue
        if entity is not None and entity.kind in (COUNTRY, ORGANIZATION):
            cursor = entity.last - base + 1
            continue
        # the second half of a hyphenated word goes on with the first: "International Co-operation"
        hyphenated = tokens[cursor - 1].end == token.start - 1 and document.text_of(token.start - 1, token.start) == "-"
        if lang == "ar" and _accusative_genitive(tokens[cursor - 1].text, token.text, lexicon):
            cursor += 1  # "وزيرا للخارجية": the post's complement, after the accusative head
            continue
        if (not hyphenated and _ends_post(document, token, lang, lexicon)) \
                or _starts_english_name(document, tokens, cursor, lexicon):
            break
        cursor += 1
    segments.append((segment_start, cursor - 1, segment_coordinated))
    hints = [kind.country] if kind.country else []
    groups = [segments]
    if len(segments) > 1 and segments[-1][0] in comma_coordinated and cursor < len(tokens) \
            and tokens[cursor].index in blocked:
        groups = [segments[:-1], segments[-1:]]
    mentions = [_post_mention(document, tokens, group, entity_at, lexicon, affairs, hints) for group in groups]
    return mentions, cursor


def _post_mention(document: Document, tokens: Sequence[Token], segments: list[tuple[int, int, bool]],
                  entity_at: dict[int, Mention], lexicon: Lexicon, affairs: set[int],
                  hints: list[str]) -> PostMention:
    posts: list[PostText] = []
    countries: list[str] = []
    for first, last, strip in segments:
        text, country = _post_text(document, tokens[first : last + 1], entity_at, lexicon, strip, affairs)
        if text:
            posts.append(text)
        if country:
            countries.append(country)
    position, end = segments[0][0], segments[-1][1]
    before = _country_just_before(tokens, position, entity_at)
    country = countries[0] if countries else before or (hints[0] if hints else None)
    first_token, last_token = tokens[position], tokens[end]
    return PostMention(first_token.index, last_token.index, first_token.start, last_token.end,
                       tuple(posts), country, segments[0][2])


def _listed_complement(document: Document, tokens: Sequence[Token], position: int, lexicon: Lexicon,
                       blocked: set[int]) -> bool:
    """Whether the words after a comma go on listing a post's domains: a capitalised complement
    ("Energy"), maybe after "and" or "the" — not a name or another post."""
    while position < len(tokens) and tokens[position].text in COMPLEMENT_LEADS:
        position += 1
    if position >= len(tokens) or tokens[position].index in blocked:
        return False
    token = tokens[position]
    return token.text in lexicon.post_complements and document.text_of(token.start, token.end)[:1].isupper()


def _starts_english_name(document: Document, tokens: Sequence[Token], position: int, lexicon: Lexicon) -> bool:
    """"Secretary of Energy Chris Wright": a capitalised given name and another capitalised word."""
    if document.lang != "en" or position + 1 >= len(tokens):
        return False
    token, following = tokens[position], tokens[position + 1]
    original = document.text_of(following.start, following.end)
    return token.text in lexicon.given_names and original[:1].isupper()


ACCUSATIVE_ALIF = "ا"  # the indefinite accusative: "عين نائبا لرئيس مجلس الوزراء"
GENITIVE_LAM = "ل"  # the preposition that stands for the construct state after it


def _accusative_genitive(head: str, following: str, lexicon: Lexicon) -> bool:
    """Whether `head` is a post word in the accusative ("نائبا", "ووزيرا") and `following` its
    complement with ل ("لرئيس", "للخارجية"): "نائبا لرئيس مجلس الوزراء" is the post "نائب رئيس
    مجلس الوزراء" in the accusative."""
    word = normalize(head)
    if not word.endswith(ACCUSATIVE_ALIF) or not following.startswith(GENITIVE_LAM):
        return False
    bare = word[: -len(ACCUSATIVE_ALIF)]
    return bare in lexicon.post_first_words or (bare[:1] == "و" and bare[1:] in lexicon.post_first_words)


def _construct_state(words: list[str], lexicon: Lexicon) -> list[str]:
    """An accusative post as the post itself: "نائبا لرئيس" → "نائب رئيس", "وزيرا للخارجية" →
    "وزير الخارجية"."""
    out = list(words)
    for i in range(len(out) - 1):
        if _accusative_genitive(out[i], normalize(out[i + 1]), lexicon):
            out[i] = out[i][: -len(ACCUSATIVE_ALIF)]
            rest = out[i + 1][len(GENITIVE_LAM):]
            out[i + 1] = ACCUSATIVE_ALIF + rest if rest.startswith(GENITIVE_LAM) else rest  # لل… → ال…
    return out


def _ends_post(document: Document, token: Token, lang: str, lexicon: Lexicon) -> bool:
    if token.text in lexicon.post_ends:  # "وزير الخارجية آنذاك", "… التركية الشقيقة"
        return True
    if lang == "ar":
        if token.text in ARABIC_POST_STOPS or normalize(token.text) in ARABIC_POST_STOPS:
            return True
        if token.text[:1] in ("ب", "ل") and token.text not in lexicon.post_complements:
            readings = clitic_readings(token.text) - {token.text}
            # "بوزارة العمل", "لشؤون الدفاع" go on; "بالوفد الأمريكي" does not
            return bool(readings) and not readings & lexicon.post_complements
        return False
    if token.text in ENGLISH_CONNECTORS:
        return False
    if lexicon.could_start_date(token.text):  # "secretary of state on Monday"
        return True
    original = document.text_of(token.start, token.end)
    # a post written in lower case goes on through a complement's words ("minister of foreign affairs")
    return not original[:1].isupper() and token.text not in lexicon.post_complements


def _country_just_before(tokens: Sequence[Token], position: int, entity_at: dict[int, Mention]) -> str | None:
    if position == 0:
        return None
    mention = entity_at.get(tokens[position - 1].index)
    if mention is not None and mention.kind == COUNTRY:
        form: CountryForm = mention.value
        return form.iso
    return None


def _post_text(document: Document, tokens: Sequence[Token], entity_at: dict[int, Mention],
               lexicon: Lexicon, coordinated: bool, affairs: set[int]) -> tuple[PostText | None, str | None]:
    """The post as stated, without nationality markers, and the country they named."""
    kept: list[Token] = []
    country: str | None = None
    skip_until = -1
    for offset, token in enumerate(tokens):
        if token.index <= skip_until:
            continue
        mention = entity_at.get(token.index)
        if mention is not None and mention.kind == COUNTRY:
            form: CountryForm = mention.value
            previous = kept[-1].text if kept else ""
            preposition = _has_preposition(token) or previous in COUNTRY_PREPOSITIONS
            destination = previous in DESTINATION_WORDS or (bool(kept) and kept[-1].index in affairs)
            # an Arabic post names its country as a genitive, as stated: "وزير خارجية الولايات
            # المتحدة", "رئيس الجمهورية التركية"; adjectives and "of Qatar", "في قطر" are taken out
            genitive = document.lang == "ar" and form.kind == "name" and not preposition and bool(kept)
            if not destination and (form.kind == "adjective" or preposition or genitive):
                country = country or form.iso
            if not destination and not genitive and (form.kind == "adjective" or preposition):
                if previous in COUNTRY_PREPOSITIONS and kept:
                    kept.pop()
                skip_until = mention.last
                continue
            kept.extend(t for t in tokens[offset:] if t.index <= mention.last)
            skip_until = mention.last
            continue
        kept.append(token)
    while kept and (not kept[-1].is_word or document.lang == "en" and kept[-1].text in ENGLISH_CONNECTORS):
        kept.pop()
    if not kept:
        return None, country
    words = [document.text_of(t.start, t.end) for t in kept]
    if coordinated:
        words[0] = "" if kept[0].text == "and" else words[0][1:]
        if not words[0]:
            kept, words = kept[1:], words[1:]
        if not kept:
            return None, country
    if document.lang == "ar":
        words = _construct_state(words, lexicon)
    # words written joined ("Co-operation", "Vice-President") stay joined as written, and a
    # comma of a listed post ("for Economic Growth, Energy, and the Environment") follows its word
    text = "".join(("" if t.text == "," else "-" if i and kept[i - 1].end + 1 == t.start
                    and document.text_of(t.start - 1, t.start) == "-" else " ") + w
                   for i, (t, w) in enumerate(zip(kept, words, strict=True)) if w).strip()
    return PostText(text, kept[0].start, kept[-1].end), country


def _has_preposition(token: Token) -> bool:
    return token.is_arabic and token.text[:1] in ("ب", "ل") and token.text[1:3] == "ال"


# --------------------------------------------------------------------------- names
def find_names(document: Document, sentence: Sentence, mentions: SentenceMentions,
               lexicon: Lexicon) -> list[NameMention]:
    """Names of people: gazetteer officials, and names after honorifics or next to posts."""
    names: list[NameMention] = []
    eponyms = {m.first for m in mentions.cues_of("eponym")} | {m.last for m in mentions.cues_of("eponym")}
    for mention in mentions.entities_of(OFFICIAL):
        if mention.first - 1 in eponyms or mention.last + 1 in eponyms:
            continue  # "the Trump administration", "إدارة بايدن" name a government, not the person
        entity: Entity = mention.value
        text = document.text_of(mention.start, mention.end)
        names.append(NameMention(mention.first, mention.last, mention.start, mention.end, text, entity.key,
                                 name_words(text)))
    taken = {i for n in names for i in range(n.first, n.last + 1)}
    tokens = sentence.tokens
    if not tokens:
        return names
    base = tokens[0].index
    entity_at = {i: m for m in mentions.entities for i in range(m.first, m.last + 1)}
    cue_at = {i for m in mentions.cues for i in range(m.first, m.last + 1)}
    for honorific in mentions.honorifics:
        start = honorific.last + 1
        while any(h.first == start for h in mentions.honorifics):
            start = next(h.last for h in mentions.honorifics if h.first == start) + 1
        if start in taken or start - base >= len(tokens):
            continue
        words = _name_run(document, tokens, start - base, lexicon, entity_at, cue_at)
        if words:
            first, last = tokens[words[0]], tokens[words[-1]]
            text = _text(document, [tokens[i] for i in words])
            names.append(NameMention(first.index, last.index, first.start, last.end, text, None,
                                     name_words(text)))
            taken.update(range(first.index, last.index + 1))
    # in a headline in Title Case ("… Foreign Minister Al Thani at a Joint Press Availability")
    # capitals do not mark names
    if document.lang == "en" and not (sentence.is_title and _title_case(document, tokens)):
        # a title of address is no part of a name ("Foreign Minister Sheikh Dr. Ahmad …")
        taken.update(i for h in mentions.honorifics for i in range(h.first, h.last + 1))
        names.extend(_english_names(document, tokens, taken, lexicon, entity_at, cue_at))
    return sorted(names, key=lambda n: n.first)


def _title_case(document: Document, tokens: Sequence[Token]) -> bool:
    """Whether every longer word of an English line is capitalised, as in a headline."""
    words = [document.text_of(t.start, t.end) for t in tokens if t.is_word and len(t.text) > TITLE_CASE_MIN_WORD]
    return bool(words) and all(w[:1].isupper() for w in words)


def _name_run(document: Document, tokens: Sequence[Token], position: int, lexicon: Lexicon,
              entity_at: dict[int, Mention], cue_at: set[int]) -> list[int]:
    """Positions of the name words that start at `position` (stops at posts, cues, marks)."""
    run: list[int] = []
    cursor = position
    while cursor < len(tokens) and len(run) < MAX_NAME_TOKENS:
        token = tokens[cursor]
        if token.text == "." and run and len(tokens[run[-1]].text) == 1:
            cursor += 1  # an initial: John Q. Public, مايكل ر. بومبيو
            continue
        if document.lang == "en" and run and _bare_initial(document, tokens, cursor):
            run.append(cursor)  # an initial without its full stop, as Gulf papers print them: Barbara A Leaf
            cursor += 1
            continue
        if not token.is_word or token.index in entity_at or token.index in cue_at:
            break
        if _head_at(tokens, cursor, lexicon, document.lang, set()) is not None:
            break
        if document.lang == "en":
            original = document.text_of(token.start, token.end)
            if not original[:1].isupper() and token.text not in NAME_PARTICLES:
                break
        elif normalize(token.text) in ARABIC_POST_STOPS or (run and token.text.startswith("و")
                                                            and len(token.text) > 2):
            break
        run.append(cursor)
        cursor += 1
        if document.lang == "ar" and token.text.startswith("ال") and not (
                cursor < len(tokens) and tokens[cursor].text in NAME_PARTICLES):
            break  # a family name with the article ends the name: ماجد بن محمد الأنصاري
    while run and tokens[run[-1]].text in NAME_PARTICLES:
        run.pop()
    return run


def _bare_initial(document: Document, tokens: Sequence[Token], position: int) -> bool:
    """Whether an English token is a middle initial printed without its full stop: one capital
    letter (not the pronoun "I") between capitalised words, though it reads as a cue ("A")."""
    if position + 1 >= len(tokens):
        return False
    original = document.text_of(tokens[position].start, tokens[position].end)
    following = document.text_of(tokens[position + 1].start, tokens[position + 1].end)
    return (len(original) == 1 and original.isupper() and original != "I"
            and len(following) > 1 and following[:1].isupper() and tokens[position + 1].is_word)


def _english_names(document: Document, tokens: Sequence[Token], taken: set[int], lexicon: Lexicon,
                   entity_at: dict[int, Mention], cue_at: set[int]) -> list[NameMention]:
    """English names of two or more capitalised words next to a post."""
    found: list[NameMention] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        original = document.text_of(token.start, token.end)
        if token.index in taken or not token.is_word or not original[:1].isupper():
            position += 1
            continue
        run = _name_run(document, tokens, position, lexicon, entity_at, cue_at)
        after_connector = position > 0 and tokens[position - 1].text in ENGLISH_CONNECTORS
        given = next((k for k, i in enumerate(run) if k and tokens[i].text in lexicon.given_names), None)
        if given is not None and (after_connector or tokens[run[0]].text not in lexicon.given_names):
            position = run[given]  # "of Agriculture Thomas Baker": the name starts at the given name
            continue
        if len(run) >= 2 and not after_connector and _next_to_post(tokens, run, lexicon, document.lang,
                                                                   entity_at):
            first, last = tokens[run[0]], tokens[run[-1]]
            text = _text(document, [tokens[i] for i in run])
            found.append(NameMention(first.index, last.index, first.start, last.end, text, None,
                                     name_words(text)))
            taken.update(range(first.index, last.index + 1))
            position = run[-1] + 1
        else:
            position += 1
    return found


def _next_to_post(tokens: Sequence[Token], run: list[int], lexicon: Lexicon, lang: str,
                  entity_at: dict[int, Mention]) -> bool:
    after = run[-1] + 1
    if after < len(tokens) and tokens[after].text == ",":
        after += 1
    while after < len(tokens) and (tokens[after].index in entity_at and entity_at[tokens[after].index].kind == COUNTRY):
        after += 1  # "Khalid Al-Muhannadi, Qatar's Minister of State"
    if after < len(tokens) and _head_at(tokens, after, lexicon, lang, set()) is not None:
        return True
    before = run[0] - 1
    if before >= 0 and tokens[before].text == ",":
        before -= 1
    for start in range(max(0, before - 6), before + 1):
        for match in lexicon.posts.matches_at(tokens, start):
            if match.payload.lang == lang and match.last <= before:
                return True
    return False


# --------------------------------------------------------------------------- one person's posts
def distinct_posts(posts: Sequence[tuple[PostText, int]], lexicon: Lexicon) -> list[tuple[PostText, int]]:
    """A person's posts less those that another of them states more fully: "Secretary Blinken"
    beside "Secretary of State", "الرئيس أردوغان" beside "رئيس الجمهورية التركية" — a title used
    with the name is no new post. A post that the fuller one qualifies with a relational head
    ("رئيس مجلس الوزراء" beside "نائب رئيس مجلس الوزراء") is a post of its own."""
    qualifiers = _qualifier_words(lexicon)
    words = [frozenset(name_words(post.text)) for post, _ in posts]
    return [entry for entry, own in zip(posts, words, strict=True)
            if not any(own < other and not (other - own) & qualifiers for other in words)]


def _qualifier_words(lexicon: Lexicon) -> frozenset[str]:
    """First words of the relational and advisor heads (نائب، مساعد، Deputy, Adviser)."""
    return frozenset(name_words(form)[0] for form, head in lexicon.posts.forms()
                     if head.kind in ("relational", "advisor") and name_words(form))


# --------------------------------------------------------------------------- spelling variants
FUZZY_WORD = 0.8  # similarity of each name word (difflib ratio) for a spelling variant
FUZZY_NAME = 0.88  # similarity of the whole name


class OfficialSpellings:
    """The gazetteer's officials by name, to recognise a spelling the gazetteer lacks
    (بلينكين for بلينكن, Hegseth / Hegsith): every word close, the whole name closer."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.forms: dict[int, list[tuple[tuple[str, ...], str]]] = {}
        self.by_ends: dict[tuple[str, str], set[str]] = {}
        self.edges: dict[str, frozenset[str]] = {}
        for form, payload in lexicon.entity_forms.forms():
            if payload.kind == "official":
                words = tuple(w for w in name_words(form) if w not in NAME_PARTICLES)
                self.forms.setdefault(len(words), []).append((words, payload.key))
                self.edges[payload.key] = self.edges.get(payload.key, frozenset()) | name_edges(words)
                if len(words) >= 2:
                    self.by_ends.setdefault((words[0], words[-1]), set()).add(payload.key)

    def match(self, words: tuple[str, ...]) -> str | None:
        """The one official whose name is a close spelling of `words`, or whose full name
        has the same first and family name ("Mohammed Al-Khulaifi"), if there is one."""
        core = tuple(w for w in words if w not in NAME_PARTICLES)
        if len(core) >= 2:
            shortened = self.by_ends.get((core[0], core[-1]), set())
            if len(shortened) == 1:
                return next(iter(shortened))
        keys: set[str] = set()
        joined = " ".join(core)
        if len(core) == 1 and len(joined) < 5:
            return None
        for candidate, key in self.forms.get(len(core), ()):
            if all(_similar(a, b) for a, b in zip(core, candidate, strict=True)) and \
                    SequenceMatcher(None, joined, " ".join(candidate)).ratio() >= FUZZY_NAME:
                keys.add(key)
        return keys.pop() if len(keys) == 1 else None


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a, b).ratio() >= FUZZY_WORD


# --------------------------------------------------------------------------- people of an article
class PeopleRegistry:
    """The officials of one article, resolving every name mention to one Person."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.spellings = lexicon.derived(OfficialSpellings)  # built once per lexicon
        self.people: list[Person] = []
        self._by_key: dict[str, Person] = {}

    def resolve(self, name: NameMention, lang: str, title: str | None = None) -> Person | None:
        """The Person a name refers to; a new one for a new full name; None if unknown.
        `title` is the title of address written right before the name ("Sheikh")."""
        if name.key is None and not any(set(name.words) <= p.words for p in self.people):
            variant_of = self.spellings.match(name.words)
            if variant_of is not None:
                name = NameMention(name.first, name.last, name.start, name.end, name.text, variant_of, name.words)
        if name.key is not None:
            person = self._by_key.get(name.key)
            if person is None:
                entity = self.lexicon.entity("official", name.key)
                person = Person(id=name.key, key=name.key, names=dict(entity.labels),
                                words=frozenset(w for f in entity.labels.values() for w in name_words(f)),
                                edges=self.spellings.edges.get(name.key, frozenset()),
                                country=entity.country)
                self._by_key[name.key] = person
                self.people.append(person)
            person.words = person.words | frozenset(name.words)
            person.edges = person.edges | name_edges(name.words)
            if title:
                person.titles.add(title)
            return person
        words = [w for w in name.words if w not in NAME_PARTICLES]
        if not words:
            return None
        # a part of a name refers to someone named earlier; first to one whose name it starts
        # or ends ("Sheikh Mohammed" is Mohammed bin Abdulrahman, not Khalid bin Mohammed)
        known = [p for p in reversed(self.people) if set(words) <= p.words]
        at_edge = [p for p in known if words[0] in p.edges or words[-1] in p.edges]
        # "Sheikh Mohammed" is the Mohammed introduced as Sheikh, not a namesake introduced without it
        titled = [p for p in (at_edge or known) if title and title in p.titles]
        if known:
            return (titled or at_edge or known)[0]
        if len(words) < 2:
            return None
        person = Person(id="name:" + " ".join(name.words), key=None, names={lang: name.text},
                        words=frozenset(name.words), edges=name_edges(words), titles={title} if title else set())
        self.people.append(person)
        return person
