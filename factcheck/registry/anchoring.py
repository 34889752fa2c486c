"""Re-anchoring a stored quote into a revised article (W3C TextPositionSelector + TextQuoteSelector).

Order of attempts, each one only trusted when it cannot be wrong:

1. **stored position**: the quote is still at its offsets and its prefix or suffix still surrounds it
   (or the document diff maps the old offsets onto the same place) → ``exact``.
2. **document diff**: old offsets mapped through a token-level diff of the old text (or, when only the
   registry is known, a sketch of it rebuilt from the stored quotes and contexts) to the new text; the
   quote is there verbatim → ``moved``.
3. **exact quote + context**: every occurrence of the quote, ranked by how much of the stored
   prefix/suffix surrounds it; one occurrence, or a unique best → ``moved``; a tie → ``ambiguous``. Then the
   same with whitespace normalised (every run of spaces and line breaks read as one space), so re-wrapping a
   hard-wrapped article moves its claims instead of orphaning them.
4. **fuzzy**: the quote against sentence windows of the new text (rapidfuzz); the best must reach
   ``MIN_SCORE``, beat the second best by ``MARGIN`` and, when the diff knows where the claim's unchanged
   neighbours went, lie there → ``fuzzy``; a close runner-up or a look-alike elsewhere → ``ambiguous``;
   nothing good enough → ``orphaned``.

Hypothesis (the annotation tool) has no threshold in its last step and once re-anchored a note onto a
look-alike sentence; here a look-alike makes the outcome ``ambiguous``, never a confident wrong anchor.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

MIN_SCORE = 75.0  # fuzzy: minimum rapidfuzz score (0–100) for a candidate
MARGIN = 8.0  # fuzzy: the best candidate must beat the second best by this much
CONTEXT_CHARS = 32

# words with their trailing space: rare enough for difflib to stay near-linear (spaces alone are not)
_TOKEN = re.compile(r"\x00+|[^\s\x00]+\s*|\s+", re.UNICODE)
# Where the fuzzy step's windows end: after a sentence's mark, and at a blank line. A single line break ends
# none: in a hard-wrapped text it falls anywhere in a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?;:\"'”’])\s+|\n\s*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_ONE_SPACE = str.maketrans("\n\r\t\xa0", "    ")  # whitespace characters a re-wrap swaps, one for one


@dataclass(frozen=True)
class Anchor:
    status: str  # exact | moved | fuzzy | ambiguous | orphaned
    start: int
    end: int
    score: float = 100.0

    @property
    def confident(self) -> bool:
        return self.status in ("exact", "moved", "fuzzy")


@dataclass(frozen=True)
class StoredQuote:
    """What the registry keeps about a claim's place: the quote, its offsets and its context."""

    text: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""


class OffsetMap:
    """Old → new character offsets through a token-level diff (difflib on words with their trailing space)."""

    def __init__(self, old: str, new: str):
        old_spans = [m.span() for m in _TOKEN.finditer(old)]
        new_spans = [m.span() for m in _TOKEN.finditer(new)]
        # a line break and a space are the same token ending (same length, so offsets still map one to one)
        old_tokens = [old[s:e].translate(_ONE_SPACE) for s, e in old_spans]
        new_tokens = [new[s:e].translate(_ONE_SPACE) for s, e in new_spans]
        # The unchanged head and tail are matched as they are; difflib diffs only the middle (it grows
        # faster than linearly: a long article with one paragraph inserted took seconds).
        head = 0
        limit = min(len(old_tokens), len(new_tokens))
        while head < limit and old_tokens[head] == new_tokens[head]:
            head += 1
        tail = 0
        while tail < limit - head and old_tokens[-1 - tail] == new_tokens[-1 - tail]:
            tail += 1
        matcher = SequenceMatcher(
            None, old_tokens[head : len(old_tokens) - tail], new_tokens[head : len(new_tokens) - tail]
        )
        blocks = [(0, 0, head)] + [(a + head, b + head, size) for a, b, size in matcher.get_matching_blocks()]
        blocks.append((len(old_tokens) - tail, len(new_tokens) - tail, tail))
        self._blocks: list[tuple[int, int, int]] = []  # (old char start, new char start, char length)
        for a, b, size in blocks:
            if size == 0:
                continue
            old_start, new_start = old_spans[a][0], new_spans[b][0]
            length = old_spans[a + size - 1][1] - old_start
            self._blocks.append((old_start, new_start, length))
        self._starts = [b[0] for b in self._blocks]

    def _block(self, offset: int, *, end: bool = False) -> tuple[int, int, int] | None:
        i = bisect.bisect_right(self._starts, offset - (1 if end else 0)) - 1
        if i < 0:
            return None
        block = self._blocks[i]
        inside = block[0] <= offset <= block[0] + block[2] if end else block[0] <= offset < block[0] + block[2]
        return block if inside else None

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """New offsets when the whole old span lies in one unchanged run of the diff; else None."""
        if end <= start:
            return None
        block = self._block(start)
        if block is None or end > block[0] + block[2]:
            return None
        shift = block[1] - block[0]
        return start + shift, end + shift

    def map_before(self, offset: int, within: int) -> int | None:
        """New offset of the end of the last unchanged run ending at most ``within`` chars before ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            old_start, new_start, length = self._blocks[i]
            end = min(old_start + length, offset)
            if end <= offset - within:
                return None
            if end > old_start:
                return new_start + (end - old_start)
            i -= 1
        return None

    def map_after(self, offset: int, within: int) -> int | None:
        """New offset of the start of the first unchanged run starting at most ``within`` chars after ``offset``."""
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        while i < len(self._blocks):
            old_start, new_start, length = self._blocks[i]
            start = max(old_start, offset)
            if start >= offset + within:
                return None
            if start < old_start + length:
                return new_start + (start - old_start)
            i += 1
        return None

    def map_point(self, offset: int, *, end: bool = False) -> int | None:
        block = self._block(offset, end=end)
        return None if block is None else offset + block[1] - block[0]


def sketch_old_text(quotes: list[StoredQuote], length: int | None = None) -> str:
    """The old article text as far as a registry knows it: quotes and contexts at their offsets, NULs elsewhere."""
    size = max([length or 0] + [q.end + len(q.suffix) for q in quotes])
    chars = ["\x00"] * size
    for q in quotes:
        for offset, piece in ((q.start - len(q.prefix), q.prefix), (q.start, q.text), (q.end, q.suffix)):
            if offset < 0:
                piece, offset = piece[-offset:], 0
            chars[offset : offset + len(piece)] = piece
    return "".join(chars[:size])


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored prefix (read backwards) and suffix (forwards) still surround a span; a
    line break and a space are the same here (a re-wrap swaps one for the other)."""
    score = 0
    before = text[max(0, start - len(prefix)) : start]
    for a, b in zip(reversed(before), reversed(prefix)):
        if a != b and not (a.isspace() and b.isspace()):
            break
        score += 1
    after = text[end : end + len(suffix)]
    for a, b in zip(after, suffix):
        if a != b and not (a.isspace() and b.isspace()):
            break
        score += 1
    return score


def occurrences(text: str, quote: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where ``quote`` starts in ``text`` (within ``text[start:end]``, overlaps included)."""
    if not quote:
        return []
    end = len(text) if end is None else end
    found, i = [], text.find(quote, start, end)
    while i != -1:
        found.append(i)
        i = text.find(quote, i + 1, end)
    return found


_SPACE_RUN = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    """Every run of whitespace as one space, ends stripped: how two texts that differ only in wrapping compare."""
    return _SPACE_RUN.sub(" ", text).strip()


class SpaceNormalised:
    """A text with whitespace runs collapsed to one space, and the way back to the original offsets."""

    def __init__(self, text: str):
        pieces, origin, last = [], [], 0
        for m in _SPACE_RUN.finditer(text):
            pieces.append(text[last : m.start()])
            origin.extend(range(last, m.start()))
            pieces.append(" ")
            origin.append(m.start())
            last = m.end()
        pieces.append(text[last:])
        origin.extend(range(last, len(text)))
        self.text = "".join(pieces)
        self._origin = origin

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Original (start, end) of every place ``quote`` occurs once whitespace is normalised on both sides."""
        needle = normalise_space(quote)
        return [(self._origin[i], self._origin[i + len(needle) - 1] + 1) for i in occurrences(self.text, needle)]


class Reanchorer:
    """Re-anchors many stored quotes into one new text; the diff and the sentence windows are computed once."""

    def __init__(
        self, new_text: str, old_text: str | None = None, *, min_score: float = MIN_SCORE, margin: float = MARGIN
    ):
        self.text = new_text
        self.offsets = OffsetMap(old_text, new_text) if old_text is not None else None
        self.min_score = min_score
        self.margin = margin
        self._windows: list[tuple[int, int]] | None = None
        self._normalised: SpaceNormalised | None = None

    def normalised(self) -> SpaceNormalised:
        if self._normalised is None:
            self._normalised = SpaceNormalised(self.text)
        return self._normalised

    def anchor(self, q: StoredQuote) -> Anchor:
        text, quote = self.text, q.text
        if not quote:
            return Anchor("orphaned", q.start, q.end, 0.0)
        mapped = self.offsets.map_span(q.start, q.end) if self.offsets else None
        # 1. the stored position, trusted when the context or the diff agrees
        if text[q.start : q.end] == quote:
            same_place = mapped == (q.start, q.end)
            context = _context_score(text, q.start, q.end, q.prefix, q.suffix)
            enough = context >= min(8, len(q.prefix) + len(q.suffix))
            if same_place or (mapped is None and enough):
                return Anchor("exact", q.start, q.end)
        # 2. the document diff (the same words, wrapped alike or not)
        if mapped is not None and text[mapped[0] : mapped[1]].translate(_ONE_SPACE) == quote.translate(_ONE_SPACE):
            return Anchor("moved", *mapped)
        # 3. the exact quote, disambiguated by its context
        found = occurrences(text, quote)
        if len(found) == 1:
            return Anchor("moved", found[0], found[0] + len(quote))
        if found:
            scored = sorted(
                ((_context_score(text, s, s + len(quote), q.prefix, q.suffix), s) for s in found), reverse=True
            )
            (best, where), (second, _) = scored[0], scored[1]
            if best > second and best >= min(8, len(q.prefix) + len(q.suffix)):
                return Anchor("moved", where, where + len(quote))
            return Anchor("ambiguous", where, where + len(quote), 100.0)
        # 3b. the same words, wrapped differently
        spaced = self.normalised().find_all(quote) if normalise_space(quote) else []
        if len(spaced) == 1:
            return Anchor("moved", *spaced[0])
        if spaced:
            scored = sorted(((_context_score(text, s, e, q.prefix, q.suffix), s, e) for s, e in spaced), reverse=True)
            if scored[0][0] > scored[1][0] and scored[0][0] >= min(8, len(q.prefix) + len(q.suffix)):
                return Anchor("moved", scored[0][1], scored[0][2])
            return Anchor("ambiguous", scored[0][1], scored[0][2], 100.0)
        # 4. fuzzy, with a minimum score and a margin over the runner-up, where the diff expects it
        return self._fuzzy(q, self._expected_region(q))

    def _expected_region(self, q: StoredQuote) -> tuple[int, int] | None:
        """Where the claim should be, from where its unchanged neighbours went (None: the diff cannot tell)."""
        if self.offsets is None:
            return None
        lo = self.offsets.map_before(q.start, CONTEXT_CHARS) if q.start > 0 else 0
        hi = self.offsets.map_after(q.end, CONTEXT_CHARS)
        if lo is None and hi is None:
            return None
        reach = 2 * len(q.text) + 40
        lo = lo if lo is not None else hi - reach
        hi = hi if hi is not None else lo + reach
        return (lo, hi) if lo <= hi + 1 else None

    def windows(self) -> list[tuple[int, int]]:
        """Candidate spans: each sentence-like piece of the new text and each pair of neighbours."""
        if self._windows is None:
            pieces, last = [], 0
            for m in _SENTENCE_END.finditer(self.text):
                if m.start() > last:
                    pieces.append((last, m.start()))
                last = m.end()
            if last < len(self.text):
                pieces.append((last, len(self.text)))
            pairs = [
                (a[0], b[1]) for a, b in zip(pieces, pieces[1:]) if not _PARAGRAPH_BREAK.search(self.text, a[1], b[0])
            ]
            self._windows = pieces + pairs
        return self._windows

    def _snap(self, start: int, end: int) -> tuple[int, int]:
        """Widen a partial alignment to whole words: an anchor never starts or ends inside a word."""
        text = self.text
        while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        return start, end

    def _fuzzy(self, q: StoredQuote, region: tuple[int, int] | None = None) -> Anchor:
        quote = q.text
        scored: list[tuple[float, int, int]] = []
        for ws, we in self.windows():
            window = self.text[ws:we]
            if len(window) > 1.3 * len(quote):
                aligned = fuzz.partial_ratio_alignment(quote, window, score_cutoff=self.min_score - self.margin)
                if aligned is None:
                    continue
                s, e = self._snap(ws + aligned.dest_start, ws + aligned.dest_end)
                # partial alignments are length-biased; re-score the aligned piece as a whole
                score = fuzz.ratio(quote, self.text[s:e])
            else:
                s, e = ws, we
                score = fuzz.ratio(quote, window)
            if score >= self.min_score - self.margin:
                scored.append((score, s, e))
        if not scored:
            return Anchor("orphaned", q.start, q.end, 0.0)
        scored.sort(key=lambda t: (-t[0], t[1]))
        best = scored[0]
        # candidates that are the same place (a sentence and the pair containing it) are not rivals
        rivals = [c for c in scored[1:] if c[2] <= best[1] or c[1] >= best[2]]
        second = rivals[0][0] if rivals else 0.0
        if best[0] < self.min_score:
            return Anchor("orphaned", q.start, q.end, best[0])
        if best[0] - second < self.margin:
            return Anchor("ambiguous", best[1], best[2], best[0])
        if region is not None and not (best[1] < region[1] + 20 and region[0] - 20 < best[2]):
            # a look-alike far from where the claim's unchanged neighbours went: a human decides
            return Anchor("ambiguous", best[1], best[2], best[0])
        return Anchor("fuzzy", best[1], best[2], best[0])


def context_for(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str]:
    return text[max(0, start - chars) : start], text[end : end + chars]
