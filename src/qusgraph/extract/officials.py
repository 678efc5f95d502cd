"""Officials: the people named in an article, with their posts and countries.

A person's country comes from the gazetteer, else from a nationality marker of a post
("وزير الخارجية الأمريكي"), else from the side they act for ("عن الجانب القطري"), else
(in `official_records`) from the agency that wrote the article. A post standing alone
("سعادة وزير الخارجية") refers to the person named earlier who holds it, in the
country it names ("وزير الخارجية الأمريكي"). A title used with a name beside a fuller post
("Secretary Blinken", "Secretary of State") is no new post.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..text.lexicon import CountryForm, word_list
from ..text.normalize import normalize
from ..text.tokens import Token
from .analysis import ArticleContext, SentenceAnalysis
from .mentions import COUNTRY
from .model import Evidence, OfficialRecord, Supported
from .people import (
    NameMention,
    PeopleRegistry,
    Person,
    PersonReference,
    PostMention,
    distinct_posts,
    name_words,
)
from .tuning import APPOSITIVE_MODIFIERS

SEPARATORS = word_list("post-separator")


@dataclass(frozen=True)
class People:
    """The officials of an article and the analyses with each sentence's people filled in."""

    analyses: tuple[SentenceAnalysis, ...]
    people: tuple[Person, ...]  # in order of first mention


def find_people(context: ArticleContext) -> People:
    """Resolve every name to a Person, attach the posts stated next to names, then the posts
    that stand for a person named earlier."""
    registry = PeopleRegistry(context.lexicon)
    analyses = []
    for analysis in context.analyses:
        sentence = analysis.sentence
        # tokens allowed between a name and its post ("X، وزير خارجية قطر"), and between a
        # post and its name ("وزير الخارجية سعادة الشيخ X")
        country_tokens = {i for m in analysis.mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1)}
        honorific_tokens = {i for m in analysis.mentions.honorifics for i in range(m.first, m.last + 1)}
        appositive = _appositive_tokens(context, analysis) if context.lang == "en" else set()
        index = PostIndex(sentence.tokens, analysis.posts, country_tokens | appositive, honorific_tokens)
        sides = _side_countries(analysis)
        claimed = frozenset(n for name in analysis.names for n in index.after(name))
        people: list[PersonReference] = []
        titles = {m.last: normalize(context.document.text_of(m.start, m.end)).lower()
                  for m in analysis.mentions.honorifics}
        byline = _byline(analysis)
        for name in analysis.names:
            if byline and name.key is None:
                continue  # "بقلم: د. X", "By X": the writer, not an official
            person = registry.resolve(name, context.lang, titles.get(name.first - 1))
            if person is None:
                continue
            people.append(PersonReference(person, name.first, name.last, name.start, name.end))
            person.mentions.append((sentence.index, name.start, name.end))
            post = index.post_of(name, context.lang, claimed)
            if post is not None:
                for text in post.posts:
                    person.posts.append((text, sentence.index))
                if person.country is None and post.country is not None:
                    person.country = post.country
            side = [iso for iso, end in sides if end < name.first]
            if person.country is None and side:
                person.country = side[-1]
        people.extend(_post_anaphora(analysis, people, index, registry.people))
        analyses.append(replace(analysis, people=people))
    return People(tuple(analyses), tuple(registry.people))


def _byline(analysis: SentenceAnalysis) -> bool:
    """Whether the sentence is a byline: a byline cue opens it ("بقلم:", "كتب:", "By")."""
    tokens = analysis.sentence.tokens
    opening = next((t.index for t in tokens if t.is_word), None)
    return opening is not None and any(c.first == opening for c in analysis.mentions.cues_of("byline"))


def _appositive_tokens(context: ArticleContext, analysis: SentenceAnalysis) -> set[int]:
    """"X, the foreign ministry spokesperson,": the article and lower-case modifiers that open
    an English appositive ending in a post; they may stand between a name and that post."""
    tokens = analysis.sentence.tokens
    position = {t.index: i for i, t in enumerate(tokens)}
    found: set[int] = set()
    for post in analysis.posts:
        at = position.get(post.first)
        if at is None:
            continue
        cursor = at - 1
        modifiers: list[int] = []
        while cursor >= 0 and len(modifiers) < APPOSITIVE_MODIFIERS and tokens[cursor].is_word \
                and tokens[cursor].text != "the" \
                and context.document.text_of(tokens[cursor].start, tokens[cursor].end).islower():
            modifiers.append(tokens[cursor].index)
            cursor -= 1
        if cursor >= 1 and tokens[cursor].text == "the" and tokens[cursor - 1].text in SEPARATORS:
            found.update(modifiers + [tokens[cursor].index])
    return found


def _side_countries(analysis: SentenceAnalysis) -> list[tuple[str, int]]:
    """"عن الجانب القطري … وعن الجانب الأمريكي": each side's country and where its phrase ends."""
    sides = []
    for cue in sorted(analysis.mentions.cues_of("side"), key=lambda m: m.first):
        for entity in analysis.mentions.entities_of(COUNTRY):
            if entity.first == cue.last + 1:
                form: CountryForm = entity.value
                sides.append((form.iso, entity.last))
    return sides


class PostIndex:
    """The posts of one sentence, indexed once, so that finding the post next to each name
    costs the gap between them rather than the length of the sentence (a sentence of a
    thousand names and posts used to take minutes).

    A post is next to a name when only separators and allowed tokens stand between them:
    country tokens between a name and the post after it, honorifics between a post and the
    name after it.
    """

    def __init__(self, tokens: Sequence[Token], posts: Sequence[PostMention],
                 post_markers: set[int], name_markers: set[int]) -> None:
        self.posts = posts
        self._position = {t.index: i for i, t in enumerate(tokens)}
        count = len(tokens)
        # first position at or after i whose token may not stand between a name and its post
        self._blocked_from = [count] * (count + 1)
        for i in range(count - 1, -1, -1):
            allowed = tokens[i].text in SEPARATORS or tokens[i].index in post_markers
            self._blocked_from[i] = self._blocked_from[i + 1] if allowed else i
        # last position at or before i whose token may not stand between a post and its name
        self._blocked_until = [-1] * count
        for i in range(count):
            allowed = tokens[i].text in SEPARATORS or tokens[i].index in name_markers
            self._blocked_until[i] = (self._blocked_until[i - 1] if i else -1) if allowed else i
        # posts (as positions in `posts`) by the position of their first and of their last token
        self._starting: dict[int, list[int]] = {}
        self._ending: dict[int, list[int]] = {}
        for number, post in enumerate(posts):
            if post.first in self._position:
                self._starting.setdefault(self._position[post.first], []).append(number)
            if post.last in self._position:
                self._ending.setdefault(self._position[post.last], []).append(number)

    def after(self, name: NameMention) -> list[int]:
        """Posts right after a name: "X، وزير …" (not "و وزير …", which belongs to the next name)."""
        here = self._position.get(name.last)
        if here is None:
            return []
        reach = self._blocked_from[here + 1]
        found = [n for at in range(here + 1, min(reach, len(self._blocked_until) - 1) + 1)
                 for n in self._starting.get(at, ())]
        return sorted(n for n in found if self.posts[n].first > name.last and not self.posts[n].coordinated)

    def before(self, name: NameMention) -> list[tuple[int, bool]]:
        """Posts right before a name ("Secretary X"), each with whether nothing stands between."""
        here = self._position.get(name.first)
        if here is None:
            return []
        reach = self._blocked_until[here - 1] if here else -1
        found = [(n, at == here - 1) for at in range(max(reach, 0), here) for n in self._ending.get(at, ())]
        return sorted((n, tight) for n, tight in found if self.posts[n].last < name.first)

    def post_of(self, name: NameMention, lang: str, claimed: frozenset[int] = frozenset()) -> PostMention | None:
        """The post stated next to a name: after it ("X، وزير …"), or before it ("Secretary X");
        English puts a title right before a name first ("Secretary of State X"). A post right
        after another name (`claimed`) is that name's, not the next one's ("X نائب رئيس مجلس
        الوزراء وزير الدولة لشؤون الدفاع والشيخ Y")."""
        after = self.after(name)
        tight_before = [n for n, tight in self.before(name) if tight]
        before = [n for n, tight in self.before(name) if tight or n not in claimed]
        ordered = (tight_before + after + before) if lang == "en" else (after + before)
        return self.posts[ordered[0]] if ordered else None

    def next_to_some_name(self, names: Sequence[NameMention]) -> set[int]:
        """Positions in `posts` of the posts that stand next to some name."""
        return {n for name in names for n in self.after(name)} | {
            n for name in names for n, _ in self.before(name)}


def _post_anaphora(analysis: SentenceAnalysis, named_people: list[PersonReference], index: PostIndex,
                   people: Sequence[Person]) -> list[PersonReference]:
    """"سعادة وزير الخارجية", "الوزير الأمريكي": a post standing for a person named earlier."""
    named = {i for ref in named_people for i in range(ref.first, ref.last + 1)}
    next_to_names = index.next_to_some_name(analysis.names)
    found: list[PersonReference] = []
    for number, post in enumerate(analysis.posts):
        if any(i in named for i in range(post.first, post.last + 1)) or not post.posts:
            continue
        if number in next_to_names:
            continue
        for person in reversed(people):
            if _holds(person, post):
                found.append(PersonReference(person, post.first, post.last, post.start, post.end))
                break
    return found


def _holds(person: Person, post: PostMention) -> bool:
    """Whether a post standing alone refers to `person`. The countries must agree: "وزير
    الخارجية الأمريكي" is not the Qatari minister. With its country stated, a post refers to
    the person whose post says as much or more ("وزير الخارجية الأمريكي" → "وزير خارجية الولايات
    المتحدة"); without, only to the person who was given that very post."""
    if post.country is not None and person.country is not None and post.country != person.country:
        return False
    wanted = {p.text for p in post.posts}
    if wanted & {text.text for text, _ in person.posts}:
        return True
    if post.country is None or post.country != person.country:
        return False
    stated = [frozenset(name_words(text.text)) for text, _ in person.posts]
    return all(any(frozenset(name_words(w)) <= s for s in stated) for w in wanted)


def official_records(context: ArticleContext, people: Sequence[Person]) -> list[OfficialRecord]:
    """One record per person mentioned, with their country and distinct posts."""
    records = []
    for person in people:
        if not person.mentions:
            continue
        record = OfficialRecord(person.id, person.key, dict(person.names))
        first_sentence, start, end = person.mentions[0]
        country = person.country or context.home_country
        if country is not None:
            record.country = Supported(country, Evidence(first_sentence, start, end))
        seen: set[str] = set()
        for post, sentence_index in distinct_posts(person.posts, context.lexicon):
            if normalize(post.text) in seen:
                continue
            seen.add(normalize(post.text))
            evidence = Evidence(sentence_index, post.start, post.end)
            record.positions.append(Supported((post.text, context.lang), evidence))
        record.mentions = [Evidence(s, a, b) for s, a, b in person.mentions]
        records.append(record)
    return records
