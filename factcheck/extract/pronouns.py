"""Who "he" or "she" in an attribution ("…,” he said") means: a person named before it, with gender agreement.

News writes the speaker of a pronoun attribution as the subject of the text before it ("Reid said that Sanders
has energized voters. He added, “…”"), so the resolver reads the sentences before the pronoun, newest first, and
in each takes the first person whose gender agrees, not the one named last. It ignores people named inside
quotation marks (they are what the speaker talks about) or used as a modifier ("the Trump campaign"), and, while a
sentence names someone else, people named only in a possessive ("Trump's remarks"). A person whose gender the article
does not give (no honorific, no gendered title, a given name the table does not list) is taken only when nobody else
before the pronoun could be meant; otherwise the pronoun stays unresolved: an unresolved speaker is better than a wrong
one. So does a pronoun after an unnamed person who speaks ("The solution, the partner told them, was simple. “…” he
said"): the pronoun may mean them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from factcheck.extract.gender import name_gender, title_gender
from factcheck.extract.lexicon import word_file
from factcheck.models import Mention

_WANT = {"he": "m", "she": "f", "his": "m", "her": "f"}  # "his remark that “…”" is resolved as "he said" is


class PronounResolver:
    """Resolves pronoun speakers over one article's person mentions, sentences and quotation spans."""

    def __init__(
        self,
        text: str,
        people: Sequence[Mention],
        sentences: Sequence[tuple[int, int]],
        quoted: Sequence[tuple[int, int]],
        speakers: Sequence[tuple[int, int, str]] = (),
    ) -> None:
        """``speakers``: the speaker phrases of the article's quotes ("King" in '“…,” King said', "a spokesman");
        one that is no person mention found here is someone of unknown gender the pronoun may mean."""
        self._text = text
        quoted = sorted(quoted)
        q_starts = [s for s, _ in quoted]

        def in_quote(start: int, end: int) -> bool:
            i = bisect.bisect_right(q_starts, start) - 1
            return i >= 0 and quoted[i][1] >= end

        def modifier(start: int) -> bool:  # "the Trump campaign", "a Clinton presidency": no one named
            return (
                _ARTICLE_BEFORE.search(text, max(0, start - 5), start) is not None
            )  # not "chairman X", "Republican X"

        # (start, end, name) of each candidate: the people, and the speakers no person mention covers
        found = [(m.span.start, m.span.end, _name(m)) for m in people]
        covered = sorted((s, e) for s, e, _ in found)
        for s, e, phrase in speakers:
            if _may_be_a_person(phrase) and not any(cs < e and s < ce for cs, ce in covered):
                found.append((s, e, f"{phrase}@{s}"))  # a name of its own: unknown gender
        # A person named inside another's title ("Trump campaign chairman Paul Manafort") is a modifier too.
        roles = sorted((m.role.span.start, m.role.span.end) for m in people if m.role is not None)
        role_starts = [rs for rs, _ in roles]

        def in_role(start: int, end: int) -> bool:  # titles do not overlap: the last one starting before decides
            i = bisect.bisect_right(role_starts, start) - 1
            return i >= 0 and roles[i][1] >= end

        self._in_quote = in_quote
        self._people = sorted(
            c for c in found if not in_quote(c[0], c[1]) and not modifier(c[0]) and not in_role(c[0], c[1])
        )
        self._starts = [c[0] for c in self._people]
        self._sentences = sorted(sentences)
        self._sentence_starts = [s for s, _ in self._sentences]
        self._genders = _genders(people)

    def gender(self, name: str) -> str | None:
        return self._genders.get(name)

    def referent(self, pos: int, pronoun: str, *, window: int = 1500) -> str | None:
        """The full name (``refers_to`` or the mention's text) the pronoun at ``pos`` means, or None."""
        want = _WANT.get(pronoun.lower())
        if want is None:
            return None
        lo = bisect.bisect_left(self._starts, max(0, pos - window))
        hi = bisect.bisect_left(self._starts, pos)
        before = self._people[lo:hi]
        compatible = {name for _, _, name in before if self._genders.get(name) in (want, None)}
        if not compatible:
            return None
        # "he told Hannity": the person the pronoun's own clause names as its object is someone else.
        obj = _OBJECT_AFTER.match(self._text, pos)
        excluded = obj.group(1) if obj else None
        # Sentences newest first; in each, its people in order, possessives and objects of a preposition last. A
        # sentence whose subject is the same pronoun ("He said on Thursday that Trump …") names only others.
        groups: dict[int, list[tuple[int, int, str]]] = {}
        for c in before:
            k = bisect.bisect_right(self._sentence_starts, c[0]) - 1
            groups.setdefault(k, []).append(c)
        for k in sorted(groups, reverse=True):
            if k >= 0 and self._opens_with(k, want):
                continue
            ordered = sorted(groups[k], key=lambda c: (self._not_subject(c), c[0]))
            for c in ordered:
                name = c[2]
                if excluded and name.split()[-1] == excluded:
                    continue
                g = self._genders.get(name)
                if g == want:
                    return (
                        name
                        if self._clear(k, c, ordered, want)
                        and not self._intervening(k, c, before, pos, pronoun.capitalize())
                        else None
                    )
                if g is None:  # a speaker phrase of its own is someone we cannot name in full: unresolved
                    return name if compatible == {name} and name in self._genders else None
        return None

    def _clear(self, k: int, chosen: tuple[int, int, str], ordered: list[tuple[int, int, str]], want: str) -> bool:
        """Whether the person chosen in sentence k is clearly the one meant: not the interviewer when the sentence
        names whom they asked ("Scott Conroy asked Sanders whether …" before the answer), nor a person named only
        in a possessive or as an object while the sentence's subject is a name no person mention covers
        ("Clinton's husband, Bill, hurled the kitchen sink at Sanders", "Obama also addressed Trump's …")."""
        if not self._not_subject(chosen):
            asked = _ASKED.match(self._text, chosen[1])
            return not (asked and any(c[0] == asked.end() and self._genders.get(c[2]) == want for c in ordered))
        if any(not self._not_subject(c) for c in ordered):
            return True
        start = self._sentences[k][0] if k >= 0 else 0
        return _NAMED_SUBJECT.match(self._text, start) is None

    def _intervening(
        self, k: int, chosen: tuple[int, int, str], before: list[tuple[int, int, str]], pos: int, pronoun: str
    ) -> bool:
        """Whether someone else stands between the chosen person (in sentence k) and the pronoun at pos: an unnamed
        person who speaks ("the partner told them"), a later sentence whose subject is a name no person mention covers
        ("Obama also addressed …"), or a later paragraph that names people, none of them the chosen one (the writer
        has moved on to them)."""
        text = self._text
        for m in _ROLE_SPEAKS.finditer(text, chosen[1], pos):
            if m.group("noun") in _person_nouns() and not self._in_quote(m.start("noun"), m.end("noun")):
                return True  # 'The solution, the partner told them, was simple. “…” he said': the partner spoke
        starts = {c[0] for c in before}
        for j in range(k + 1, len(self._sentences)):
            s, _ = self._sentences[j]
            if s >= pos:
                break
            m = _NAMED_SUBJECT.match(text, s)
            if m and not self._in_quote(m.end() - 1, m.end()) and not any(s <= c < m.end() for c in starts):
                return True
        para = text.rfind("\n", 0, pos)
        while para > chosen[1]:
            prev = text.rfind("\n", 0, para)
            here = [c for c in before if prev < c[0] < para]
            if here:
                # unless it goes on about the same pronoun ("He said on Thursday that Trump …")
                opens = re.search(rf"(?:^|[.!?”\"]\s+){pronoun}\b", text[prev + 1 : para])
                return opens is None and all(c[2] != chosen[2] for c in here)
            para = prev
        return False

    def _opens_with(self, k: int, want: str) -> bool:
        """Whether sentence k's subject is "he" (want "m") or "she" (want "f")."""
        start = self._sentences[k][0]
        m = _PRONOUN_OPENING.match(self._text, start)
        return m is not None and _WANT[m.group(1).lower()] == want

    def _not_subject(self, c: tuple[int, int, str]) -> bool:
        """A possessive ("Trump's remarks") or the object of a preposition ("an interview with Sean Hannity")."""
        return (
            self._text.startswith(_POSSESSIVE, c[1])
            or _AFTER_PREPOSITION.search(self._text, max(0, c[0] - 18), c[0]) is not None
        )


# A sentence whose subject is a name: a capitalised word (not a listed opener) and its possessive noun or a verb
# ("Clinton's husband, Bill, …", "Obama also addressed …", "Podliska's lawsuit demands …").
_NAMED_SUBJECT = re.compile(
    r"\s*(?:(?:But|And|Then|Still|Later|Now|So|Meanwhile)\s+)?(?!(?:The|A|An|This|That|These|Those|It|Its|He|She|They|"
    r"We|I|You|His|Her|Their|Our|There|Here|What|Who|Why|How|One|Some|Many|Most|Each|All|Both|Such|Other|No|Nothing|"
    r"Everyone|Nobody|Someone|Everything|Something)\b)[A-Z][\w.-]+(?:(?:’s|'s)\s+[a-z]+|\s+(?:also\s+|then\s+|later\s+)?"
    r"[a-z]+(?:ed|s))\b"
)
# "… asked Sanders": the person asked, right after the interviewer.
_ASKED = re.compile(r"\s+(?:\w+ly\s+)?(?:asked|questioned|pressed|interviewed)\s+")
_ARTICLE_BEFORE = re.compile(r"(?<![\w’'])(?:[Tt]he|[Aa]n?)\s$")
_POSSESSIVE = ("’s", "'s", "’ ", "' ")
_PRONOUN_OPENING = re.compile(r"\s*(?:(?:But|And|Then|Still|Later|Now|So)\s+)?(He|She)\b")
_AFTER_PREPOSITION = re.compile(
    r"\b(?:with|to|by|for|from|about|against|at|of|on|than)\s+(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+)?$", re.IGNORECASE
)  # "an interview with Sean Hannity", "bridges to Mr. Sanders"
_OBJECT_AFTER = re.compile(
    r"\w+\s+(?:\w+\s+)?(?:told|tells|asked|asks|informed|reminded|assured|warned)\s+([A-Z][\w’'-]+)"
)
_NOT_A_PERSON = frozenset("i we you they it".split())
# An unnamed person as the subject of a speech verb: 'the partner told them', 'a spokesman said'.
_ROLE_SPEAKS = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)\s+(?:[a-z-]+\s+){0,2}?(?P<noun>[a-z-]+)\s+(?:\w+ly\s+)?"
    r"(?:said|says|told|tells|added|adds|wrote|writes|explained|explains|recalled|recalls|replied|replies)\b"
)


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """The "people" section of ``speaker_nouns.txt`` (a person, not a group or a document, could be "he")."""
    return word_file("speaker_nouns.txt", "people")


def _may_be_a_person(phrase: str) -> bool:
    """Whether a quote's speaker phrase may be one person: not a pronoun, an acronym ("CNN") or an organisation
    ("the White House", "the ministry")."""
    from factcheck.extract.entities import ORG_HEADS

    words = phrase.split()
    last = words[-1].lower().strip(".,")
    return not (phrase.lower() in _NOT_A_PERSON or phrase.isupper() or last in ORG_HEADS)


def _name(m: Mention) -> str:
    return m.attrs.refers_to or m.text


def _genders(people: Sequence[Mention]) -> dict[str, str | None]:
    """Each person's gender as the article gives it: an honorific or gendered title on any mention of them
    ("Mrs May"), else their given name in the data table; None when neither says, or they disagree."""
    found: dict[str, set[str]] = {}
    untitled: set[str] = set()  # the names with a mention whose title gives no gender
    for m in people:
        name = _name(m)
        gs = found.setdefault(name, set())
        g = title_gender(m.role.text if m.role else None)
        if g:
            gs.add(g)
        else:
            untitled.add(name)
    for name in untitled:  # the given name says the same at each such mention: read once per name
        if g := name_gender(name):
            found[name].add(g)
    return {name: (gs.pop() if len(gs) == 1 else None) for name, gs in found.items()}
