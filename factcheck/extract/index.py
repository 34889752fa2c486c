"""The article's sentences and mentions with the look-ups every later stage asks for (mentions by kind, by
sentence; the sentence holding an offset; the text folded to lower case), each built once, on first use."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from factcheck.models import Mention, MentionKind
from factcheck.text.segment import Document, Sentence


@dataclass
class MentionIndex:
    """``doc`` and its ``mentions`` (in text order), indexed. The lists are read, never changed: an index over
    other mentions is a new ``MentionIndex``."""

    doc: Document
    mentions: list[Mention]

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def _by_kind(self) -> dict[MentionKind, list[Mention]]:
        # a defaultdict: no empty list made (and dropped) per mention, as setdefault's default would be
        out: defaultdict[MentionKind, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            out[m.kind].append(m)
        return dict(out)

    def mentions_of(self, kind: MentionKind) -> Iterator[Mention]:
        """The mentions of one kind, in the order of ``mentions``."""
        return iter(self._by_kind.get(kind, ()))

    @cached_property
    def _folded(self) -> str | None:
        low = self.text.lower()
        if len(low) != len(self.text):
            return None
        return low.replace("ı", "i").replace("ſ", "s")

    def folded_text(self) -> str | None:
        """The text in lower case with the same offsets, for fast case-insensitive pre-checks with a
        case-sensitive pattern of lower-case ASCII words; None when lower-casing changes the length ("İ").

        "ı" and "ſ" (which ``re.IGNORECASE`` matches to "i" and "s") become "i" and "s"; the Kelvin sign lowers to "k".
        """
        return self._folded

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.doc.sentences]

    def sentence_starts(self) -> list[int]:
        return self._sentence_starts

    def sentence_index(self, pos: int) -> int | None:
        """Index of the sentence holding offset ``pos`` (by bisection), or None when it is in no sentence."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.doc.sentences[i].end:
            return i
        return None

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding offset ``pos``, or None."""
        i = self.sentence_index(pos)
        return None if i is None else self.doc.sentences[i]

    @cached_property
    def _by_sentence(self) -> dict[MentionKind, dict[int, list[Mention]]]:
        return {}

    def mentions_in_sentence(self, kind: MentionKind, index: int) -> list[Mention]:
        """The mentions of one kind that start in sentence ``index``, in the order of ``mentions``."""
        table = self._by_sentence.get(kind)
        if table is None:
            table = self._by_sentence[kind] = {}
            for m in self.mentions_of(kind):
                i = self.sentence_index(m.span.start)
                if i is not None:
                    table.setdefault(i, []).append(m)
        return table.get(index, [])
