"""A text lower-cased with its offsets kept, for the fast case-insensitive scans of dates, numbers and rule words."""

from __future__ import annotations

from dataclasses import dataclass

# The non-ASCII characters that re.I lets match an ASCII letter but that lower-case to something else ("K", the
# Kelvin sign, lowers to "k"); "İ" also lowers to two characters. A text holding one is scanned the plain way.
FOLDS_TO_ASCII = "ſıİ"  # tested with `in` (instant on the common one-byte-per-character strings), not a regex scan


def safe_lower(text: str) -> str | None:
    """The text lower-cased, if that maps each character to one character and none that re.I matches as an ASCII
    letter to another one; else None."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(c in text for c in FOLDS_TO_ASCII):
        return None
    return lowered


@dataclass(frozen=True)
class Folded:
    """A text and ``safe_lower`` of it (None: scan it the plain way), computed once per article and handed to every
    scan over its sentences."""

    text: str
    lowered: str | None

    @classmethod
    def of(cls, text: str) -> Folded:
        return cls(text, safe_lower(text))
