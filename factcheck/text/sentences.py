"""Placeholder sentence splitter; replaced by the evaluated splitter on the sentences branch."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (code-point offsets into `text`, end exclusive) inside text[start:end]."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for match in _END.finditer(text, start, end):
        spans.append((pos, match.end()))
        pos = match.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out
