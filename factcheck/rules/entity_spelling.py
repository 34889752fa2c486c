"""entity.inconsistent-spelling (EN05): one name spelt two ways in the same article."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator

from factcheck.kb.names import normalise
from factcheck.models import Flag, Mention, MentionKind, Severity, TextEvidence
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.near_miss_helpers import one_small_typo

_Form = tuple[MentionKind, tuple[str, ...]]  # a name's kind and its normalised words


def _differ_by_a_typo(a: list[str], b: list[str], kind: MentionKind) -> bool:
    """Same number of words, one of them spelt a little differently, and not as singular and plural
    ("Senate Republican" and "Senate Republicans" are both right), nor as a person's short and full given name
    ("Steve Gerrard" and "Steven Gerrard": both name him)."""
    if len(a) != len(b) or len(a) < 2 or not one_small_typo(a, b):
        return False
    j, x, y = next((j, x, y) for j, (x, y) in enumerate(zip(a, b)) if x != y)
    if kind is MentionKind.PERSON and j == 0 and (x.startswith(y) or y.startswith(x)):
        return False
    return x.rstrip("s") != y.rstrip("s")


# "[sic]" or "(sic)" after a name, possibly after its possessive: the writer marks the spelling as the source's.
_SIC = re.compile(r"(?:['’]s)?\s*[\[(]sic[\])]", re.IGNORECASE)


class InconsistentSpelling(Rule):
    """One name spelt two ways in the same article.

    What it flags:
        Two person or organisation names in one article that differ by a typo of one or two letters in one word
        of at least five letters, all other words equal: "Marco Rubio" eleven times and "Mario Rubio" once,
        "Quinnipiac University" and "Qunnipiac University", "Rahm Emanuel" and "Rahm Emanual". The flag goes on
        the first mention of the spelling the knowledge base does not know when it knows the other, else of the
        rarer one, counting the differing word wherever the article writes it ("Corey said"); the suggestion is
        the other spelling. When nothing tells them apart, the later one is flagged with no suggestion.
        Singular and plural ("Academy Award", "Academy Awards") are not flagged, nor are short words ("Hiroshi
        Sato" and "Hiroshi Kato" are two people), a short and a full given name ("Steve Gerrard", "Steven
        Gerrard"), or a spelling the article marks "[sic]" (quoted as the source wrote it).

    Why it matters:
        A name spelt two ways is wrong at least once, and the reader cannot tell which. No knowledge base is
        needed: the article contradicts itself.

    Example:
        "Senator Marco Rubio said ... Mario Rubio later told reporters ..." → warning on "Mario Rubio",
        suggestion "Marco Rubio".

    Configuration:
        Dismiss the flag in the registry when both spellings are right (two different people or bodies).
    """

    code = "EN05"
    name = "entity.inconsistent-spelling"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Flag]:
        forms: dict[_Form, list[Mention]] = defaultdict(list)
        text = ctx.text
        for kind in (MentionKind.PERSON, MentionKind.ORGANISATION):
            for m in ctx.mentions_of(kind):
                # a surname back-reference copies its full mention; a spelling marked [sic] is quoted as written
                if m.attrs.refers_to is None and not _SIC.match(text, m.span.end):
                    forms[(kind, tuple(normalise(m.text).split()))].append(m)
        for (kind_a, a), (kind_b, b) in _pairs_differing_in_one_word(forms):
            if not _differ_by_a_typo(list(a), list(b), kind_a):
                continue
            first, second = forms[(kind_a, a)], forms[(kind_b, b)]
            # Which spelling is the suspect: the one the knowledge base does not know when it knows the other;
            # else the rarer one, counting the differing word wherever the article writes it ("Corey said").
            x, y = next((x, y) for x, y in zip(a, b) if x != y)
            votes = (
                (self._known(ctx, first[0].text), _word_count(ctx.text, first[0].text, x)),
                (self._known(ctx, second[0].text), _word_count(ctx.text, second[0].text, y)),
            )
            if votes[0] == votes[1]:
                suspect, other, suggestion = second, first, None
                verdict = "one of them is wrong; nothing in the article says which."
            else:
                suspect, other = (first, second) if votes[0] < votes[1] else (second, first)
                suggestion = other[0].text
                verdict = "one spelling is wrong."
            yield self.flag(
                ctx,
                suspect[0].span.start,
                suspect[0].span.end,
                f"{suspect[0].text!r} ({_times(len(suspect))}) is spelt {other[0].text!r} elsewhere in the article "
                f"({_times(len(other))}): {verdict}",
                suggestion=suggestion,
                evidence=[
                    TextEvidence(
                        detail=f"{other[0].text!r} at offsets " + ", ".join(str(m.span.start) for m in other[:10]),
                        span=other[0].span,
                    )
                ],
            )

    @staticmethod
    def _known(ctx: CheckContext, name: str) -> bool:
        kb = ctx.kb
        return kb is not None and (bool(kb.people_named(name)) or kb.organisation(name) is not None)


def _pairs_differing_in_one_word(forms: dict[_Form, list[Mention]]) -> list[tuple[_Form, _Form]]:
    """Pairs of (kind, words) keys of the same kind and length that differ in exactly one word, earlier key
    first, in article order: found by blocking on the other words, not by trying every pair (an archive page
    can name thousands)."""
    order = sorted(forms, key=lambda key: forms[key][0].span.start)
    rank = {key: i for i, key in enumerate(order)}
    blocks: dict[tuple[MentionKind, int, tuple[str, ...]], list[_Form]] = defaultdict(list)
    for key in order:
        kind, words = key
        if len(words) >= 2:
            for j in range(len(words)):
                blocks[(kind, j, words[:j] + words[j + 1 :])].append(key)
    pairs = {pair for group in blocks.values() if len(group) > 1 for pair in itertools.combinations(group, 2)}
    return sorted(pairs, key=lambda pair: (rank[pair[0]], rank[pair[1]]))


def _word_count(text: str, name: str, folded_word: str) -> int:
    """How often the article writes the name's word that is ``folded_word`` once normalised, as a whole word."""
    word = next((w for w in name.split() if normalise(w) == folded_word), folded_word)
    return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text))


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"
