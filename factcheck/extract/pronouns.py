"""Who "he" or "she" in an attribution ("…,” he said") means: a person named before it, with gender agreement.

News writes the speaker of a pronoun attribution as the subject of the text before it ("Reid said that Sanders
has energized voters. He added, “…”"), so the resolver reads the sentences before the pronoun, newest first, and
in each takes the first person whose gender agrees, not the one named last. It ignores people named inside
quotation marks (they are what the speaker talks about) or used as a modifier ("the Trump campaign"), and, while a sentence names someone else, people named
only in a possessive ("Trump's remarks"). A person whose gender the article does not give (no honorific, no
gendered title, a given name the table does not list) is taken only when nobody else before the pronoun could be
meant; otherwise the pronoun stays unresolved: an unresolved speaker is better than a wrong one.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from factcheck.extract.gender import name_gender, title_gender
from factcheck.models import Mention

_WANT = {"he": "m", "she": "f"}


class PronounResolver:
    """Resolves pronoun speakers over one article's person mentions, sentences and quotation spans."""

    def __init__(self, text: str, people: Sequence[Mention], sentences: Sequence[tuple[int, int]],
                 quoted: Sequence[tuple[int, int]]) -> None:
        self._text = text
        quoted = sorted(quoted)
        q_starts = [s for s, _ in quoted]

        def in_quote(m: Mention) -> bool:
            i = bisect.bisect_right(q_starts, m.span.start) - 1
            return i >= 0 and quoted[i][1] >= m.span.end

        def modifier(m: Mention) -> bool:  # "the Trump campaign", "a Clinton presidency": no one named
            return text[max(0, m.span.start - 4) : m.span.start].lower().endswith(("the ", " a ", "an "))

        self._people = sorted((m for m in people if not in_quote(m) and not modifier(m)), key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self._people]
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
        compatible = {_name(m) for m in before if self._genders.get(_name(m)) in (want, None)}
        if not compatible:
            return None
        # Sentences newest first; in each, its people in order, possessives last.
        groups: dict[int, list[Mention]] = {}
        for m in before:
            k = bisect.bisect_right(self._sentence_starts, m.span.start) - 1
            groups.setdefault(k, []).append(m)
        for k in sorted(groups, reverse=True):
            ordered = sorted(groups[k], key=lambda m: (self._possessive(m), m.span.start))
            for m in ordered:
                name = _name(m)
                g = self._genders.get(name)
                if g == want:
                    return name
                if g is None:
                    return name if compatible == {name} else None
        return None

    def _possessive(self, m: Mention) -> bool:
        return self._text.startswith(("’s", "'s", "’ ", "' "), m.span.end)


def _name(m: Mention) -> str:
    return m.attrs.get("refers_to", m.text)


def _genders(people: Sequence[Mention]) -> dict[str, str | None]:
    """Each person's gender as the article gives it: an honorific or gendered title on any mention of them
    ("Mrs May"), else their given name in the data table; None when neither says, or they disagree."""
    found: dict[str, set[str]] = {}
    for m in people:
        name = _name(m)
        g = title_gender(m.role.text if m.role else None) or name_gender(name)
        found.setdefault(name, set())
        if g:
            found[name].add(g)
    return {name: (gs.pop() if len(gs) == 1 else None) for name, gs in found.items()}
