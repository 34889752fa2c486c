"""Small text helpers the language rules share: the sentence around an offset, quote spans to skip."""

from __future__ import annotations

import bisect
import re

from factcheck.models import Mention, MentionKind, Span
from factcheck.rules.base import CheckContext


class Sentences:
    """The article's sentences, for finding the one around an offset (built once per rule run)."""

    def __init__(self, ctx: CheckContext):
        self.pairs = [(s.start, s.end) for s in ctx.doc.sentences]
        self.starts = [p[0] for p in self.pairs]

    def at(self, pos: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding offset pos."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.pairs[i][0] <= pos < self.pairs[i][1]:
            return self.pairs[i]
        return None

    def index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1


class SpanIndex:
    """Mentions indexed by start offset, to find the ones a span covers by bisection instead of a scan."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda k: mentions[k].span.start)
        self.starts = [mentions[k].span.start for k in self.order]

    def covered(self, span: Span) -> list[int]:
        """Positions (in mention order) of the mentions whose span lies within ``span``."""
        lo, hi = bisect.bisect_left(self.starts, span.start), bisect.bisect_right(self.starts, span.end)
        return sorted(k for k in self.order[lo:hi] if span.covers(self.mentions[k].span))

    def first_covered(self, span: Span) -> Mention | None:
        found = self.covered(span)
        return self.mentions[found[0]] if found else None

    def last_covered(self, span: Span) -> Mention | None:
        found = self.covered(span)
        return self.mentions[found[-1]] if found else None


def quote_spans(ctx: CheckContext) -> list[tuple[int, int]]:
    """Spans of direct quotes, sorted; rules about the writer's own claims skip text inside them."""
    return sorted((m.span.start, m.span.end) for m in ctx.mentions_of(MentionKind.QUOTE))


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether pos lies inside one of the sorted spans."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def headline_end(ctx: CheckContext) -> int:
    """Offset where the headline ends (0 when there is none)."""
    return ctx.doc.headline.end if ctx.doc.headline else 0


_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s(\[]))[‘'](?=\w)")
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?])[’'](?=[\s.,;:!?)]|$)")


def in_open_quote(text: str, start: int, pos: int) -> bool:
    """Whether pos follows an opening quotation mark in text[start:pos] that is not closed before it.

    Catches quotes the quote extractor missed: curly double marks counted open/close, straight double marks by
    parity, single marks (headlines: Greek sprinters 'won't run again') by an opening mark before a word with
    no closing mark after a word. Apostrophes inside words ("won't") are neither.
    """
    before = text[start:pos]
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return True
    # one character past pos so an opening mark right before pos sees the word it opens
    opens = [m.start() for m in _OPEN_SINGLE.finditer(text[start : pos + 1]) if m.start() < pos - start]
    if not opens:
        return False
    return not _CLOSE_SINGLE.search(before, opens[-1] + 1)
