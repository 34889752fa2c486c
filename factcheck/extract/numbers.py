"""Numbers in text, in digits and words ("5", "$1.13bn", "76%", "five", "three top priorities").

A small count followed by a noun phrase keeps the phrase in its span ("five Central Asian nations") so
later checks can compare a stated count with what the text enumerates.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.text.casefold import Folded

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 10**12,
    "bn": 1_000_000_000,
    "m": 1_000_000,
    "k": 1_000,
    "tn": 10**12,
    "mn": 1_000_000,
}
OTHER = {"dozen": 12, "a dozen": 12, "half": 0.5, "a hundred": 100, "a thousand": 1000, "a million": 1_000_000}

_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|a dozen|dozens|a hundred|hundreds|a thousand|thousands|a million|millions|a billion|billions)"
    r"(?:\s+(?:hundred|thousand|million|billion|trillion))?"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CURRENCY = r"(?:US\$|A\$|C\$|HK\$|\$|£|€|¥|₹|₽|₩)"
_SCALE = r"(?:\s?(?:bn|mn|tn|m|k)\b|\s(?:hundred|thousand|million|billion|trillion)\b)"
_UNIT_AFTER = r"(?:\s?%|\s(?:per ?cent|percent|percentage points?)\b)"


_NUMBER = re.compile(
    rf"(?P<cur>{_CURRENCY})?(?P<digits>{_DIGITS})(?P<scale>{_SCALE})?(?P<unit>{_UNIT_AFTER})?"
    rf"|\b(?P<words>{_WORD_NUMBER})\b(?P<wunit>{_UNIT_AFTER})?",
    re.I,
)
# The counted thing: up to four words after a small count, stopping at function words and punctuation.
_COUNTED = re.compile(r"\s+((?:(?:[A-Za-z][\w’'-]*)\s+){0,3}?(?:[A-Za-z][\w’'-]*s)\b)")
_STOP = {
    "and",
    "or",
    "of",
    "the",
    "a",
    "an",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "that",
    "which",
    "who",
    "as",
    "than",
    "per",
    "percent",
    "cent",
    "times",
    "years",
    "days",
    "weeks",
    "months",
    "hours",
    "minutes",
}


# Where a match of _NUMBER can start, found once per text (not once per sentence) and then looked up by bisection:
# the first digit of a run of digits or a currency sign (or the letters of "US$", "HK$", "A$", "C$" before a "$"),
# or the start of a word that begins with the first word of a number in words. Trying _NUMBER only there (and
# after a match that stops inside a run of digits, see _number_matches) finds what its finditer finds.
# "2004" is one start, not four. The look-behind comes after the character class, so the engine skips to them.
_NUMBER_CHAR = re.compile(r"[\d$£€¥₹₽₩](?<!\d\d)")
_DOLLAR = re.compile(r"\$")
_FIRST_NUMBER_WORDS = sorted(
    [*TENS, *UNITS, "dozens", "hundreds", "thousands", "millions", "billions"]
    + ["a dozen", "a hundred", "a thousand", "a million", "a billion"]
)


def _by_first_letter(words: list[str]) -> str:
    """A regex source for `words`, grouped by first letter ("t(?:en|wo|...)|f(?:ive|...)"): the engine tries a
    group only when its letter is there instead of every word in turn."""
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())


# Exact test for one position (in lower-cased text): a number word starts there and no word character precedes.
_NUMBER_WORD_START = re.compile(rf"(?<!\w)(?={_by_first_letter(_FIRST_NUMBER_WORDS)})")
# The scan for them: the character before a number word, when it is an ASCII non-word character (a set the
# engine tests from a table, and which stops it at about a fifth of the text rather than at the half of it that
# starts like a number word) or any non-ASCII character (those are checked again with _NUMBER_WORD_START).
_ASCII_NON_WORD = "".join(chr(c) for c in range(128) if not re.match(r"\w", chr(c)))
_BEFORE_NUMBER_WORD = re.compile(
    rf"[{re.escape(_ASCII_NON_WORD)}\x80-\U0010ffff](?={_by_first_letter(_FIRST_NUMBER_WORDS)})"
)


def _number_word_starts(lowered: str) -> list[int]:
    """Sorted offsets in the lower-cased text where a word starting with a number word begins."""
    starts = [0] if _NUMBER_WORD_START.match(lowered) else []
    for m in _BEFORE_NUMBER_WORD.finditer(lowered):
        before = m.start()
        if lowered[before] < "\x80" or _NUMBER_WORD_START.match(lowered, before + 1):
            starts.append(before + 1)
    return starts


def number_starts(text: str, folded: Folded | None = None) -> list[int] | None:
    """Sorted offsets where a match of the number pattern may start (a superset, but of a run of digits only its
    first one), or None when the text holds a character the case-insensitive pattern matches as an ASCII letter
    that lower-casing does not map to one. ``folded``: ``Folded.of(text)`` when the caller has it."""
    # The same test as for dates: re.I lets "ſ", "ı", "İ" match an ASCII letter they do not lower to ("K", the
    # Kelvin sign, lowers to "k"), and a text that changes length when lower-cased would shift the offsets.
    lowered = (folded if folded is not None else Folded.of(text)).lowered
    if lowered is None:
        starts = None  # scanned the plain way
    else:
        starts = list(map(re.Match.start, _NUMBER_CHAR.finditer(text)))
        starts += _number_word_starts(lowered)  # letters: never where a digit or a currency sign is
        if "$" in text:  # "A$", "C$", "US$", "HK$" start before the sign
            starts += [q for m in _DOLLAR.finditer(text) for q in (m.start() - 1, m.start() - 2) if q >= 0]
            starts = list(set(starts))
        starts.sort()  # two sorted runs (three with dollars): a merge
    return starts


@dataclass(frozen=True)
class NumberStarts:
    """``number_starts`` of one text, found once by a caller that scans many ranges of it (``find_mentions``)."""

    text: str
    starts: list[int] | None

    @classmethod
    def of(cls, folded: Folded) -> NumberStarts:
        return cls(folded.text, number_starts(folded.text, folded))

    def may_start_in(self, start: int, end: int) -> bool:
        """Whether a number can start inside text[start:end]: False when no start lies there and the range does not
        open inside a run of digits (``_number_matches`` there finds nothing)."""
        if self.starts is None:
            return True
        i = bisect.bisect_left(self.starts, start)
        return (i < len(self.starts) and self.starts[i] < end) or (
            # a digit there: str.isdecimal is the pattern's \d (the same Unicode property), without a regex call
            start < end and self.text[start : start + 1].isdecimal()
        )


def _number_matches(text: str, start: int, end: int, starts: list[int] | None) -> Iterator[re.Match]:
    """The matches of ``_NUMBER.finditer(text, start, end)``: the pattern is tried only where a match may start."""
    if starts is None:
        yield from _NUMBER.finditer(text, start, end)
        return
    match = _NUMBER.match
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end)
    pos = start  # no match can start before the end of the last one
    moved = True
    while True:
        # The starts hold only the first digit of a run, but the scan can stand inside one: at the range's start,
        # or where a match stopped ("12,3456" matches "12,345", then "6"). A digit always starts a match.
        while moved and pos < end and text[pos : pos + 1].isdecimal():  # a digit (``\d``) at pos
            m = match(text, pos, end)
            pos = m.end()
            yield m
        while i < j and starts[i] < pos:
            i += 1
        if i == j:
            return
        m = match(text, starts[i], end)
        i += 1
        moved = m is not None
        if moved:
            pos = m.end()
            yield m


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float | None
    count: int | None = None  # a small whole count of things, when a noun phrase follows
    noun: str | None = None

    def __init__(
        self, start: int, end: int, text: str, value: float | None, count: int | None = None, noun: str | None = None
    ) -> None:
        # Filling the instance's dict at once is about three times as fast as the generated __init__ of a frozen
        # dataclass (one object.__setattr__ call per field); the object is as frozen afterwards.
        self.__dict__.update(start=start, end=end, text=text, value=value, count=count, noun=noun)


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


def find_numbers(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    exclude: list[tuple[int, int]] = (),
    starts: NumberStarts | None = None,
) -> list[NumberMention]:
    """Numbers inside text[start:end], skipping ranges already taken (dates). ``starts``: ``NumberStarts`` of the
    text, made once by a caller that scans many ranges of it (else found here)."""
    end = len(text) if end is None else end
    if starts is not None and not starts.may_start_in(start, end):
        return []  # most sentences hold no number: skip setting up the scan
    out: list[NumberMention] = []
    # The excluded spans by start, with the furthest end among each prefix: a number overlaps one iff, among the
    # spans starting before its end, the furthest end is past its start (log time per number, not one pass each).
    # Most sentences with a number hold no date: nothing to sort then.
    x_starts: list[int] = []
    x_reach: list[int] = []
    if exclude:
        exclude = sorted(exclude)
        x_starts = [xs for xs, _ in exclude]
        x_reach = list(itertools.accumulate((xe for _, xe in exclude), max))
    where = starts.starts if starts is not None else number_starts(text)
    for m in _number_matches(text, start, end, where):
        s, e = m.span()
        k = bisect.bisect_left(x_starts, e)
        if k and x_reach[k - 1] > s:
            continue
        cur, digits, scale, unit, words, wunit = m.group("cur", "digits", "scale", "unit", "words", "wunit")
        if digits:
            # Part of a larger token (a code like "A380", a version "3.5.1", a time "10:30"): not a quantity.
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_/") and not cur:
                continue
            if e < len(text) and (
                text[e].isalpha() or (text[e] in ".:" and e + 1 < len(text) and text[e + 1].isdigit())
            ):
                continue
            value = float(digits.replace(",", ""))
            factor = (scale or "").strip().lower()
            if factor == "m" and not cur and _is_distance(text, m, value, end):
                factor = ""  # "the 800m", "10,000m": metres, not millions
            if factor:
                value *= SCALES[factor]
        else:
            if words.lower() == "one" and _is_pronoun_one(text, s, e):
                continue
            value = word_value(words) if not words.lower().endswith("s") else None
        count = None
        noun = None
        is_plain_count = not cur and not unit and not wunit and not scale
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


def _is_pronoun_one(text: str, s: int, e: int) -> bool:
    """'One is connectivity', 'no one', 'the one that' are not counts."""
    before = text[max(0, s - 6) : s].lower()
    after = text[e : e + 4]
    return before.endswith(("no ", "the ", "this ", "that ", "any ", "each ", "every ")) or after.startswith(
        (" is", " of", " was", " who", " that")
    )


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
