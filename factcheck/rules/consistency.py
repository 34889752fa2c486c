"""consistency.count-mismatch (CN01)."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from pathlib import Path

from factcheck.extract.numbers import UNITS
from factcheck.models import Flag, Mention, MentionKind, Severity, Span, TextEvidence
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.text_helpers import one_of

_WORDS = json.loads(Path(__file__).with_name("consistency_words.json").read_text(encoding="utf-8"))
# A list attached to the counted phrase: "five nations: A, B, C and D" / "— A, B and C" / "(A, B and C)".
_LIST_INTRO = re.compile(
    rf"\s*(?::|—|–|\s-\s|\(|,?\s+(?:{one_of(_WORDS['list_intro_closed'] + _WORDS['list_intro_open'])})\b)\s*"
)
# "including A and B": the list may be a part of what is counted.
_OPEN_ENDED = re.compile(one_of(_WORDS["list_intro_open"]))
_ITEM = r"[^,;:.()\n—–]{1,60}?"
_LIST = re.compile(rf"({_ITEM}(?:,\s*{_ITEM})*,?\s+(?:and|or)\s+{_ITEM})(?=\s*(?:[.;)\n—–]|\s-\s|$))")
# "three other individuals and one group": the count covers only part of what follows.
_MORE_COUNTED = re.compile(rf"\s+(?:and|or|plus)\s+(?:{one_of(_WORDS['more_counted'])})\s")
_ORDINALS = {word: rank for rank, word in enumerate(_WORDS["ordinals"], start=1)}
# Every match of _ENUM holds "One", "Another" (as written) or one of these ordinals in some letter case.
_ENUM_ORDINALS = tuple(_WORDS["enumeration_ordinals"])
_ORD = one_of(_ENUM_ORDINALS)
# "One is …", "The second is …", "… comes second", "Another is …", "Finally, …" right after a counted phrase.
_ENUM = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:(?P<one>One)\s+(?:is|was|of\s+(?:them|these|those)\s+is)\b"
    rf"|The\s+(?P<ordt>{_ORD})\b|(?P<ord>{one_of([w.capitalize() for w in _ENUM_ORDINALS])})(?:ly)?\b[\s,]"
    r"|(?P<another>Another)\s+(?:is|was)\b)"
    rf"|(?<!\bto\s)\b(?:comes?|came|ranks?|ranked)\s+(?P<ord2>{_ORD})\b"
    rf"|\b(?:is|was)\s+the\s+(?P<ord3>{_ORD})\s+(?:{one_of(_WORDS['enumeration_nouns'])})\b"
)


def _may_enumerate(text: str, folded: str | None, start: int, end: int) -> bool:
    """Whether _ENUM can match in text[start:end]: a few substring searches instead of trying the pattern at
    every position (most counts have no enumeration after them). ``folded``: the context's folded text."""
    if folded is None:
        return True
    return (
        text.find("One", start, end) >= 0
        or text.find("Another", start, end) >= 0
        or any(folded.find(w, start, end) >= 0 for w in _ENUM_ORDINALS)
    )


def _at(text: str, record: str, pos: int) -> TextEvidence:
    """Evidence for the enumeration item at ``pos``: the 40 characters from there."""
    span = Span(start=pos, end=min(pos + 40, len(text)))
    return TextEvidence(record=record, detail=f"{text[span.start : span.end]!r} at {pos}", span=span)


def _items(list_text: str) -> list[str]:
    parts = re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", list_text)
    return [p.strip() for p in parts if p.strip()]


def _item_range(list_text: str) -> tuple[int, int]:
    """Fewest and most items the list can hold: an "and" inside an item ("Richard McCourt and Dominic Wood",
    "on 20 and 21 August") may join two names rather than two items, except the list's final conjunction."""
    most = len(_items(list_text))
    commas = [p for p in re.split(r",\s*", list_text) if p.strip()]
    if any(re.search(r"\s(?:and|or)\s", p) for p in commas[:-1]):
        return max(2, len(commas)), most  # "fritas and hamburgers, Spanish and English": pairs, not one list
    least = len(commas) + (
        1 if re.search(r"\s(?:and|or)\s", commas[-1]) or re.match(r"(?:and|or)\s", commas[-1]) else 0
    )
    if re.match(r"(?:and|or)\s", commas[-1]):
        least -= 1  # ", and D": the conjunction starts the last item
    return max(2, min(least, most)), most


class CountMismatch(Rule):
    """A stated count that does not match what the text enumerates, or ordinals that contradict each other.

    What it flags:
        "five Central Asian nations: Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan" (four listed);
        "two other areas" followed by "One is …", "… comes second", "The third is …" (three enumerated);
        the same ordinal given to two items. Only lists attached to the count (after a colon, dash, bracket,
        "namely" or "including") and enumerations in the sentences right after it are compared; with
        "including" or "such as" only a list longer than the count is a mismatch.

    Why it matters:
        A count that does not add up is either a wrong number or a missing item, and readers notice.

    Example:
        "The leaders agreed on three priorities: trade, energy, transport and education." is flagged on
        "three priorities" (four listed).

    Configuration:
        None. Precision over recall: an enumeration that cannot be identified clearly is not compared. The
        vocabularies (ordinals, what introduces a list, what counts an enumerated item) are data:
        ``factcheck/rules/consistency_words.json``; the pattern and its pre-check words are both made from it.
    """

    code = "CN01"
    name = "consistency.count-mismatch"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> Iterator[Flag]:
        text = ctx.text
        for number in ctx.mentions_of(MentionKind.NUMBER):
            count = number.attrs.count
            if not count or number.text.split()[0].lower() not in UNITS:
                continue  # only counts written in words ("three priorities"), not figures
            sentence = ctx.sentence_at(number.span.start)
            end = sentence.end if sentence is not None else len(text)
            if _MORE_COUNTED.match(text, number.span.end):
                continue
            flag = self._attached_list(ctx, number, count, end) or self._enumeration(ctx, number, count)
            if flag:
                yield flag

    def _attached_list(self, ctx: CheckContext, number: Mention, count: int, sentence_end: int) -> Flag | None:
        text = ctx.text
        intro = _LIST_INTRO.match(text, number.span.end, sentence_end)
        if not intro:
            return None
        open_ended = bool(_OPEN_ENDED.search(intro.group(0)))
        listed = _LIST.match(text, intro.end(), sentence_end)
        if not listed:
            return None
        items = _items(listed.group(1))
        if any(len(i.split()) > 6 for i in items) or len(items) < 2:
            return None
        least, most = _item_range(listed.group(1))
        if least <= count <= most or (open_ended and least < count):
            return None
        if re.search(r"\sor\s+[^,]*$", listed.group(1)) and most < count:
            return None  # "one of the four banks - A or B": alternatives drawn from the count, not all of it
        return self.flag(
            ctx,
            number.span.start,
            number.span.end,
            f"{number.text!r} but the list that follows names {len(items)}: correct the count or the list.",
            evidence=[
                TextEvidence(
                    record="enumeration", detail="; ".join(items), span=Span(start=listed.start(1), end=listed.end(1))
                )
            ],
        )

    def _enumeration(self, ctx: CheckContext, number: Mention, count: int) -> Flag | None:
        """'two other areas … One is X … Y comes second … The third is Z' in the next three sentences."""
        text = ctx.text
        k = bisect.bisect_left(ctx.sentence_starts(), number.span.end)
        following = ctx.doc.sentences[k : k + 3]
        if not following:
            return None
        window_start, window_end = number.span.end, following[-1].end
        if not _may_enumerate(text, ctx.folded_text(), window_start, window_end):
            return None
        seen: dict[int, int] = {}
        positions = []
        for m in _ENUM.finditer(text, window_start, window_end):
            word = m.group("ord") or m.group("ordt") or m.group("ord2") or m.group("ord3")
            rank = 1 if m.group("one") else (_ORDINALS[word.lower()] if word else max(seen, default=0) + 1)
            if rank in seen and word:
                return self.flag(
                    ctx,
                    number.span.start,
                    number.span.end,
                    f"Two items are both called {word.lower()!r} in the enumeration after {number.text!r}: check the "
                    "order.",
                    evidence=[_at(text, "ordinal", p) for p in (seen[rank], m.start())],
                )
            seen[rank] = m.start()
            positions.append(m.start())
        if len(seen) >= 2 and max(seen) > count:
            return self.flag(
                ctx,
                number.span.start,
                number.span.end,
                f"{number.text!r} but the text then enumerates {max(seen)} items: correct the count or the "
                "enumeration.",
                evidence=[_at(text, "enumeration", p) for p in positions],
            )
        return None
