"""Numbers in text, in digits and words ("5", "$1.13bn", "76%", "five", "three top priorities").

A small count followed by a noun phrase keeps the phrase in its span ("five Central Asian nations") so
later checks can compare a stated count with what the text enumerates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12,
    "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000, "tn": 10**12, "mn": 1_000_000,
}
OTHER = {"dozen": 12, "a dozen": 12, "half": 0.5, "a hundred": 100, "a thousand": 1000, "a million": 1_000_000}

_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|a dozen|dozens|a hundred|hundreds|a thousand|thousands|a million|millions|a billion|billions)"
    r"(?:\s+(?:hundred|thousand|million|billion|trillion))?"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CURRENCY = r"(?:US\$|A\$|C\$|HK\$|\$|£|€|¥|₹|₽|₩)"
_SCALE = r"(?:\s?(?:bn|mn|tn|m|k)\b|\s(?:hundred|thousand|million|billion|trillion)\b)"
_UNIT_AFTER = r"(?:\s?%|\s(?:per ?cent|percent|percentage points?)\b)"



def _number_pattern(currency: str, flags: int) -> re.Pattern:
    return re.compile(
        rf"(?P<cur>{currency})?(?P<digits>{_DIGITS})(?P<scale>{_SCALE})?(?P<unit>{_UNIT_AFTER})?"
        rf"|\b(?P<words>{_WORD_NUMBER})\b(?P<wunit>{_UNIT_AFTER})?",
        flags,
    )


_NUMBER = _number_pattern(_CURRENCY, re.I)
# The same pattern with its literals in lower case and no re.I, for lower-cased ASCII text: it matches at the
# same places as _NUMBER on the original text (in ASCII, re.I folds only A-Z) and scans about twice as fast.
_NUMBER_FOLDED = _number_pattern(_CURRENCY.lower(), 0)
# The counted thing: up to four words after a small count, stopping at function words and punctuation.
_COUNTED = re.compile(r"\s+((?:(?:[A-Za-z][\w’'-]*)\s+){0,3}?(?:[A-Za-z][\w’'-]*s)\b)")
_STOP = {
    "and", "or", "of", "the", "a", "an", "to", "in", "on", "at", "for", "with", "by", "from", "is", "are",
    "was", "were", "has", "have", "had", "will", "would", "that", "which", "who", "as", "than", "per",
    "percent", "cent", "times", "years", "days", "weeks", "months", "hours", "minutes",
}


_ANY_DIGIT = re.compile(r"\d")
# In ASCII text, a match of the words alternative has one of these as a whole word (a maximal run of \w,
# lowered): its first word ("twenty" of "twenty-one"), or the word after "a" ("a dozen").
_NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(
    "dozen dozens hundred hundreds thousand thousands million millions billion billions".split()
)
_WORD_RUN = re.compile(r"\w+")


def may_hold_number(segment: str) -> bool:
    """False only when the number pattern cannot match in segment (ASCII, no digit, no number word)."""
    if not segment.isascii() or _ANY_DIGIT.search(segment):
        return True
    return not _NUMBER_WORDS.isdisjoint(_WORD_RUN.findall(segment.lower()))


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float | None
    count: int | None = None  # a small whole count of things, when a noun phrase follows
    noun: str | None = None


def word_value(words: str) -> float | None:
    """The value of a number written in words ("twenty-one", "three hundred", "a dozen")."""
    words = words.lower().strip()
    if words in OTHER:
        return float(OTHER[words])
    total = 0.0
    current = 0.0
    for token in re.split(r"[\s-]+", words):
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token in SCALES:
            current = (current or 1) * SCALES[token]
            if SCALES[token] >= 1000:
                total += current
                current = 0
        elif token in ("a", "an"):
            current = current or 1
        else:
            return None
    return total + current


def find_numbers(text: str, start: int = 0, end: int | None = None, *, exclude: list[tuple[int, int]] = ()) -> list[NumberMention]:
    """Numbers inside text[start:end], skipping ranges already taken (dates)."""
    end = len(text) if end is None else end
    out: list[NumberMention] = []
    segment = text[start:end]
    if not may_hold_number(segment):
        return out  # nothing the pattern could match: skip the scan
    for m in _number_matches(text, start, end, segment):
        s, e = m.span()
        if any(not (e <= xs or s >= xe) for xs, xe in exclude):
            continue
        if m.group("digits"):
            # Part of a larger token (a code like "A380", a version "3.5.1", a time "10:30"): not a quantity.
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_/") and not m.group("cur"):
                continue
            if e < len(text) and (text[e].isalpha() or (text[e] in ".:" and e + 1 < len(text) and text[e + 1].isdigit())):
                continue
            value = float(m.group("digits").replace(",", ""))
            scale = (m.group("scale") or "").strip().lower()
            if scale == "m" and not m.group("cur") and _is_distance(text, m, value, end):
                scale = ""  # "the 800m", "10,000m": metres, not millions
            if scale:
                value *= SCALES[scale]
        else:
            words = m.group("words")
            if words.lower() == "one" and _is_pronoun_one(text, s, e):
                continue
            value = word_value(words) if not words.lower().endswith("s") else None
        count = None
        noun = None
        is_plain_count = not m.group("cur") and not m.group("unit") and not m.group("wunit") and not (m.groupdict().get("scale"))
        if is_plain_count and value is not None and value == int(value) and 2 <= value <= 100:
            counted = _COUNTED.match(text, e, end)
            if counted:
                phrase_words = counted.group(1).split()
                if phrase_words and phrase_words[0].lower() not in _STOP:
                    # stop the phrase at the first function word
                    kept = []
                    for w in phrase_words:
                        if w.lower() in _STOP and kept:
                            break
                        kept.append(w)
                    if kept and kept[-1].lower() not in _STOP:
                        noun = " ".join(kept)
                        e = text.index(kept[-1], e) + len(kept[-1])
                        count = int(value)
        out.append(NumberMention(s, e, text[s:e], value, count, noun))
    return out


def _number_matches(text: str, start: int, end: int, segment: str) -> Iterator[re.Match]:
    """``_NUMBER.finditer(text, start, end)``; an ASCII segment is scanned lower-cased without re.I, and each
    match found there is taken again from the original text (the same match: same span, groups in their case)."""
    if not segment.isascii():
        yield from _NUMBER.finditer(text, start, end)
        return
    # "\b" at the segment's start looks at the character before it: keep a stand-in of the same class.
    lead = ("a" if _WORD_CHAR.match(text, start - 1) else " ") if start > 0 else ""
    folded = lead + segment.lower()
    offset = start - len(lead)
    match = _NUMBER.match
    for f in _NUMBER_FOLDED.finditer(folded, len(lead)):
        yield match(text, f.start() + offset, end)


_WORD_CHAR = re.compile(r"\w")


def _is_pronoun_one(text: str, s: int, e: int) -> bool:
    """'One is connectivity', 'no one', 'the one that' are not counts."""
    before = text[max(0, s - 6) : s].lower()
    after = text[e : e + 4]
    return before.endswith(("no ", "the ", "this ", "that ", "any ", "each ", "every ")) or after.startswith((" is", " of", " was", " who", " that"))


# Race distances in metres written "800m", "10,000m"; without a currency sign these are not millions.
RACE_DISTANCES = frozenset({50, 60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000})
_AFTER_DISTANCE = re.compile(r"\s+([a-z]+)")
_DISTANCE_WORDS = frozenset(
    """hurdles freestyle backstroke breaststroke butterfly medley relay race races final finals heat heats title
    titles record records sprint run runner runners steeplechase indoor indoors gold silver bronze champion
    champions championship event events""".split()
)


def _is_distance(text: str, m: re.Match, value: float, end: int) -> bool:
    """A "…m" number that is a race distance: a standard distance written with a thousands comma ("10,000m") or
    followed by a word of the sport ("800m final", "110m hurdles"); "800m people" and "800m." stay millions."""
    if value != int(value) or int(value) not in RACE_DISTANCES or m.group("scale") != "m":
        return False
    if "," in m.group("digits"):
        return True
    after = _AFTER_DISTANCE.match(text, m.end("scale"), end)
    return after is not None and after.group(1) in _DISTANCE_WORDS
