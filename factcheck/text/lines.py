"""Line and column of an offset, derived when rendering (never stored)."""

from __future__ import annotations

import bisect


class LineIndex:
    """1-based line and column for code-point offsets into a text."""

    def __init__(self, text: str, line_offset: int = 0):
        self._starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self._starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._line_offset = line_offset

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1 + self._line_offset, offset - self._starts[line] + 1
