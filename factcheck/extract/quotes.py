"""Direct quotes and who they are attributed to.

A direct quote is text between paired quotation marks that reads as speech (several words); a quoted
word or two ("so-called 'reforms'") is a scare quote and is left alone. The speaker is found in the
attribution next to the quote: '…,” said Hiroshi Kato', '…,” Kato said', 'Kato said: “…”', or a
pronoun ("he said") resolved to the person named last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|explained|explains|noted|notes|argued|argues|asked|asks|"
    "warned|warns|wrote|writes|insisted|insists|claimed|claims|declared|declares|continued|continues|"
    "recalled|recalls|acknowledged|acknowledges|announced|announces|remarked|replied|replies|tweeted|posted|"
    "according to|observed|stressed|stresses|emphasised|emphasized|suggested|suggests|predicted|joked|conceded|concluded"
)
_QUOTE = re.compile(r"“([^“”]{1,3000}?)”|\"([^\"\n]{1,3000}?)\"")
_MIN_WORDS = 4
_SPEAKER_NAME = r"((?:[A-Z][\w’'.-]*|of|for|the|at|and|de|von|van|bin|al|-)(?:\s+(?:[A-Z][\w’'.-]*|of|for|the|at|and|de|von|van|bin|al))*)"
_PRONOUN = r"(he|she|they|He|She|They)"
_AFTER = [
    # ”, said Hiroshi Kato / ” said the Executive Director …
    re.compile(rf"\s*,?\s*(?:{SPEECH_VERBS})\s+(?:the\s+)?{_SPEAKER_NAME}"),
    # ”, Hiroshi Kato said / ” Executive Director … Hiroshi Kato said
    re.compile(rf"\s*,?\s*(?:the\s+)?{_SPEAKER_NAME}(?:,[^,]{{1,80}},)?\s+(?:{SPEECH_VERBS})\b"),
    re.compile(rf"\s*,?\s*{_PRONOUN}\s+(?:{SPEECH_VERBS})\b"),
]
_BEFORE = re.compile(rf"{_SPEAKER_NAME}(?:,[^,]{{1,80}},)?\s+(?:{SPEECH_VERBS})(?:\s+\w+){{0,3}}\s*[:,]?\s*$")
_BEFORE_PRONOUN = re.compile(rf"{_PRONOUN}\s+(?:{SPEECH_VERBS})(?:\s+\w+){{0,3}}\s*[:,]?\s*$")


@dataclass(frozen=True)
class QuoteMention:
    start: int  # the quote including its quotation marks
    end: int
    text: str
    speaker: tuple[int, int, str] | None  # the attribution phrase as written ("Executive Director … Hiroshi Kato")
    pronoun: bool = False  # the speaker is a pronoun, to be resolved to the last person named


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[QuoteMention]:
    """Direct quotes inside text[start:end] (normally a paragraph) with the speaker phrase next to them."""
    end = len(text) if end is None else end
    out = []
    for m in _QUOTE.finditer(text, start, end):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if len(inner.split()) < _MIN_WORDS:
            continue
        speaker, pronoun = _speaker_after(text, m.end(), end)
        if speaker is None:
            speaker, pronoun = _speaker_before(text, start, m.start())
        out.append(QuoteMention(m.start(), m.end(), text[m.start() : m.end()], speaker, pronoun))
    return out


def _trim_speaker(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    words = text[s:e]
    while words and words.split()[-1].lower() in ("of", "for", "the", "at", "and", "-"):
        e = s + words.rstrip().rfind(" ")
        words = text[s:e]
    while words.lower().startswith(("the ", "and ")):
        s += words.index(" ") + 1
        words = text[s:e]
    if not words or not words[0].isupper():
        return None
    return s, e, text[s:e]


def _speaker_after(text: str, pos: int, limit: int):
    window_end = min(limit, pos + 200)
    for i, pattern in enumerate(_AFTER):
        m = pattern.match(text, pos, window_end)
        if m:
            s, e = m.span(1)
            if i == 2:
                return (s, e, text[s:e]), True
            trimmed = _trim_speaker(text, s, e)
            if trimmed:
                return trimmed, False
    return None, False


def _speaker_before(text: str, limit_start: int, pos: int):
    window_start = max(limit_start, pos - 200)
    chunk_start = max(text.rfind(".", window_start, pos) + 1, window_start)
    m = _BEFORE.search(text, chunk_start, pos)
    if m:
        trimmed = _trim_speaker(text, *m.span(1))
        if trimmed:
            return trimmed, False
    m = _BEFORE_PRONOUN.search(text, chunk_start, pos)
    if m:
        s, e = m.span(1)
        return (s, e, text[s:e]), True
    return None, False
