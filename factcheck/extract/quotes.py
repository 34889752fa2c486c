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
    # ” the judge exclaimed / ” political scientist Christopher Wlezien told
    re.compile(rf"\s*,?\s*((?:the|a|an|his|her|their|its|one|another)?\s*(?:[\w’'.-]+\s+){{0,5}}?[\w’'.-]+)\s+(?:{SPEECH_VERBS}|exclaimed|responded|replied)\b"),
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


def find_quotes(text: str, start: int = 0, end: int | None = None, *, look_back: bool = True) -> list[QuoteMention]:
    """Direct quotes inside text[start:end] (normally a paragraph) with the speaker phrase next to them.

    A quote with no attribution of its own continues the attributed quote before it in the same paragraph
    ('“…,” he said. “…”'), or, when it opens its paragraph, the attributed quote that ends the paragraph
    before (the newspaper convention for a speech running over several paragraphs) or the speaker introduced
    by a colon there ('Kato said:').
    """
    end = len(text) if end is None else end
    out: list[QuoteMention] = []
    for m in _QUOTE.finditer(text, start, end):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if len(inner.split()) < _MIN_WORDS:
            continue
        speaker, pronoun = _speaker_before_colon(text, start, m.start())
        if speaker is None:
            speaker, pronoun = _speaker_after(text, m.end(), end)
        if speaker is None:
            speaker, pronoun = _speaker_before(text, start, m.start())
        if speaker is None and out and out[-1].speaker is not None:
            speaker, pronoun = out[-1].speaker, out[-1].pronoun
        if speaker is None and look_back and not text[start : m.start()].strip():
            speaker, pronoun = _speaker_of_previous_paragraph(text, start)
        out.append(QuoteMention(m.start(), m.end(), text[m.start() : m.end()], speaker, pronoun))
    return out


def _speaker_of_previous_paragraph(text: str, start: int):
    """The speaker carried over from the paragraph before text[start]: its closing quote's, or its colon's."""
    prev_end = len(text[:start].rstrip())
    if prev_end == 0:
        return None, False
    prev_start = text.rfind("\n", 0, prev_end) + 1
    if text[prev_end - 1] == ":":
        return _speaker_before_colon(text, prev_start, prev_end, any_distance=True)
    quotes = find_quotes(text, prev_start, prev_end, look_back=True) if prev_start < prev_end else []
    if quotes and quotes[-1].speaker is not None and len(text[quotes[-1].end : prev_end]) < 120:
        return quotes[-1].speaker, quotes[-1].pronoun
    return None, False


_COLON_CLAUSE = re.compile(
    rf"(?:^|(?<=[.!?”\n]\s)|(?<=\n))\s*(?:(?:As|And|But|So|Then|Later|Here|Now)\s*,?\s+)?"
    rf"(?P<np>(?:[\w’'.-]+\s+){{0,7}}?[\w’'.-]+?),?\s+(?:{SPEECH_VERBS}|reads|read|responded|echoed|reported|reports|reveals|revealed|"
    rf"exclaimed|continued|tweeted|wrote|writes|put it|summed it up|called them on it|weighed in)\b[^.!?:]{{0,60}}:\s*$"
)


def _speaker_before_colon(text: str, limit_start: int, pos: int, any_distance: bool = False):
    """'Reporter Jane Doe says:' right before a quote: the clause's subject is the speaker."""
    window_start = max(limit_start, pos - 250)
    m = _COLON_CLAUSE.search(text, window_start, pos)
    if not m:
        return None, False
    s, e = m.span("np")
    phrase = text[s:e]
    if phrase.split()[0] in ("he", "she", "they", "He", "She", "They", "I", "We", "we"):
        return (s, s + len(phrase.split()[0]), phrase.split()[0]), phrase.split()[0].lower() in ("he", "she", "they")
    return (s, e, phrase), False


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
            if i == 3:
                return (s, e, text[s:e]), False
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
