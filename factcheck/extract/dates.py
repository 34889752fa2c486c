"""Dates in text: absolute ("9 August 2024", "Aug. 9, 2024", "2024-08-09", "in 2020") and relative
("On Friday", "last week", "tomorrow", "this month"), each with its exact span and a normalised value.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from factcheck.text.casefold import Folded

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

_ABSOLUTE = [
    # Friday, August 9, 2024 / August 9, 2024 / Aug. 9 / August 9th
    re.compile(rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    # Friday 9 August 2024 / 9 August / 9th of August 2024
    re.compile(rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR}\b)?"),
    # 2024-08-09
    re.compile(r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"),
    # August 2024 / in August
    re.compile(rf"\b{_MONTH}(?:\s+{_YEAR})?\b"),
    # in 2020 / since 1991 / the 2020 election is left to the year-only pattern with a preposition
    re.compile(rf"\b(?:(?i:in|since|until|by|from|before|after|during|of|early|late|mid)\s+|(?i:mid)-\s*){_YEAR}\b"),
]
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_RELATIVE = re.compile(
    rf"\b(?:(?P<on>on|last|next|this|by|until|from|since)\s+)?(?P<weekday>{_WEEKDAY_NAMES})\b"
    r"|\b(?P<word>yesterday|today|tonight|tomorrow)\b"
    r"|\b(?P<rel>last|next|this|coming|past)\s+(?P<unit>week|weekend|month|year|spring|summer|autumn|fall|winter|quarter)\b"
    r"|\b(?P<ago>(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:day|week|month|year)s?\s+ago)\b"
    r"|\b(?P<earlier>earlier|later)\s+this\s+(?:week|month|year)\b",
    re.I,
)
_MAY_AS_VERB = re.compile(
    r"\b(?:may|May)\s+(?:be|have|not|also|well|still|need|take|come|help|seek|face|want|include|say|give|go|get|make|see|lead|result|affect|never|soon)\b"
)

# "Mrs May", "Theresa May", "Prime Minister May": the surname, not the month.
_MAY_AS_NAME = re.compile(r"(?:\b(?:Mrs|Ms|Mr|Miss|Dr)\.?|\bTheresa|\bMinister|\bPM)\s+$")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # ISO date, "YYYY-MM", "YYYY", or a relative expression normalised ("friday", "last week")
    relative: bool
    weekday: int | None = None
    date: dt.date | None = None

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        value: str | None,
        relative: bool,
        weekday: int | None = None,
        date: dt.date | None = None,
    ) -> None:
        # Filling the instance's dict at once is about four times as fast as the generated __init__ of a frozen
        # dataclass (one object.__setattr__ call per field); the object is as frozen afterwards.
        self.__dict__.update(
            start=start, end=end, text=text, value=value, relative=relative, weekday=weekday, date=date
        )


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


# Cheap tests that let find_dates skip patterns which cannot match (the results are the same, only faster).
_DIGIT = re.compile(r"\d")  # every absolute pattern but the month-name one needs a digit
_NEEDS_DIGIT = frozenset(range(len(_ABSOLUTE))) - {3}
# Patterns 0, 1 and 3 need a month name (case-sensitive; every spelling starts with one of these), 2 and 4 a year.
_MONTH_PREFIXES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_PREFIX = re.compile("|".join(_MONTH_PREFIXES))  # one scan instead of twelve substring tests
_NEEDS_MONTH = frozenset({0, 1, 3})
_NEEDS_YEAR = frozenset({2, 4})
_YEARISH = re.compile(r"(?:1[89]|20)\d\d")
# The absolute patterns worth trying, in order, by (has a digit, has a month name, has a year).
_PATTERNS_TO_TRY = {
    (digit, month, year): [
        pattern
        for index, pattern in enumerate(_ABSOLUTE)
        if not (
            (not digit and index in _NEEDS_DIGIT)
            or (not month and index in _NEEDS_MONTH)
            or (not year and index in _NEEDS_YEAR)
        )
    ]
    for digit in (False, True)
    for month in (False, True)
    for year in (False, True)
}
# The relative-date pre-test's vocabulary, as data: every alternative of _RELATIVE contains one of its words
# (weekdays and "yesterday"/"today" contain "day"). Only used on a lower-cased copy from safe_lower: re.I also
# matches a few non-ASCII look-alikes ("ſ", "ı") that str.lower() does not map to the ASCII letter.
_WORDS = json.loads(Path(__file__).with_name("date_words.json").read_text(encoding="utf-8"))
_RELATIVE_WORDS: tuple[str, ...] = tuple(_WORDS["relative_words"])


def _anchored(words: tuple[str, ...], anchors: str) -> str:
    """A pattern matching wherever one of ``words`` occurs, each found from one of its letters (the first of
    ``anchors`` it holds) and checked around it: "y(?<=day)", "m(?<=sum)(?=mer)". The engine then skips to the
    few anchor letters, rare in English text, instead of trying every position."""
    parts = []
    for word in words:
        letter = next((ch for ch in anchors if ch in word), None)
        if letter is None:
            raise ValueError(f"date_words.json: {word!r} holds none of the anchor letters {anchors!r}; add one")
        i = word.index(letter)
        parts.append(
            letter + (f"(?<={word[: i + 1]})" if i else "") + (f"(?={word[i + 1 :]})" if word[i + 1 :] else "")
        )
    return "|".join(parts)


# The same test as substrings, each word found from its least frequent letter in English text (the engine skips to
# those seven letters, about a tenth of the text, instead of nine that make up a third of it) and checked around it.
# A look-behind may see a word that begins before the range: a yes there only costs the full scan that decides.
_RELATIVE_WORD = re.compile(_anchored(_RELATIVE_WORDS, _WORDS["anchor_letters"]))
# _RELATIVE with its literals in lower case and without re.I, for the lower-cased text: it matches at the same
# places with the same spans (lower-casing keeps word and space characters what they are) and scans about 2.5
# times as fast; each match is then taken again from the original text for its groups as written.
_RELATIVE_FOLDED = re.compile(_RELATIVE.pattern.replace(_WEEKDAY_NAMES, _WEEKDAY_NAMES.lower()))


def find_dates(
    text: str, start: int = 0, end: int | None = None, *, folded: Folded | None = None, digits: bool = True
) -> list[DateMention]:
    """Date expressions inside text[start:end], longest first, never overlapping.

    ``folded``: ``Folded.of(text)``, made once by a caller that scans many ranges of one text (else made here).
    ``digits``: False when the caller knows the range holds no digit (``numbers.NumberStarts.may_start_in``, from
    the one scan of the text for numbers): the range is then not scanned for one again."""
    end = len(text) if end is None else end
    return _find_dates(text, start, end, (folded if folded is not None else Folded.of(text)).lowered, digits)


def _find_dates(text: str, start: int, end: int, lowered: str | None, digits: bool = True) -> list[DateMention]:
    """``lowered``: the whole text lower-cased (see ``text.casefold.safe_lower``), or None to scan the plain way."""
    has_digit = digits and _DIGIT.search(text, start, end) is not None
    has_month = _MONTH_PREFIX.search(text, start, end) is not None
    has_year = has_digit and _YEARISH.search(text, start, end) is not None
    patterns = _PATTERNS_TO_TRY[has_digit, has_month, has_year]
    maybe_relative = lowered is None or _RELATIVE_WORD.search(lowered, start, end) is not None
    if not patterns and not maybe_relative:
        return []  # no digit, month name or relative word (most sentences): nothing to set up for the scans
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # Which characters of text[start:end] a date already holds: a free-span test in the span's length, not in the
    # number of dates found so far (a page of dates in a row made this quadratic).
    held = bytearray(max(end - start, 0))

    def free(s: int, e: int) -> bool:
        if s >= e:  # an empty span is not free strictly inside a date
            return all(e <= ts or s >= te for ts, te in taken)
        return held.find(1, s - start, e - start) == -1

    def take(s: int, e: int) -> None:
        taken.append((s, e))
        held[s - start : e - start] = b"\x01" * (e - s)

    for pattern in patterns:
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            if not free(s, e):
                continue
            groups = m.groupdict()
            month_name = groups.get("month")
            if (
                month_name
                and month_name.lower().rstrip(".") == "may"
                and not groups.get("day")
                and (_MAY_AS_VERB.match(text, s, end) or _MAY_AS_NAME.search(text, max(start, s - 16), s))
            ):
                continue
            if month_name and not groups.get("day") and not groups.get("year") and month_name[0].islower():
                continue
            value, date, weekday = _absolute_value(groups)
            if value is None:
                continue
            if pattern is _ABSOLUTE[-1]:
                # keep the preposition out of the span: "in 2020" → "2020"
                s = m.start("year")
            found.append(DateMention(s, e, text[s:e], value, False, weekday, date))
            take(s, e)
    if lowered is None:
        relatives = _RELATIVE.finditer(text, start, end)
    elif not maybe_relative:
        relatives = ()
    else:
        relatives = (_RELATIVE.match(text, f.start(), end) for f in _RELATIVE_FOLDED.finditer(lowered, start, end))
    for m in relatives:
        s, e = m.span()
        if not free(s, e):
            continue
        if _is_name_word(text, start, s, e):
            continue
        groups = m.groupdict()
        if groups.get("weekday"):
            value = (
                f"{groups['on'].lower()} "
                if groups.get("on") and groups["on"].lower() in ("last", "next", "this")
                else ""
            ) + groups["weekday"].lower()
            weekday = WEEKDAYS[groups["weekday"].lower()]
        else:
            value = " ".join(m.group(0).lower().split())
            weekday = None
        found.append(DateMention(s, e, text[s:e], value, True, weekday))
        take(s, e)
    if len(found) > 1:  # most ranges hold one date at most
        found.sort(key=lambda d: (d.start, d.end))
    return found


_DAY_WORDS = frozenset({"today", "tonight", "tomorrow", "yesterday"})
_PROGRAMME = re.compile(r"\s+(?:programme|program|show|newspaper|paper|presenter|host)\b", re.I)


def _is_name_word(text: str, sentence_start: int, s: int, e: int) -> bool:
    """ "today" written as (part of) a name, not a date: capitalised inside a sentence ("BBC Radio 4's Today
    programme", "USA Today"), in capitals ("USA TODAY"), or followed by "programme" or "show"."""
    word = text[s:e]
    if word.lower() not in _DAY_WORDS:
        return False
    if len(word) > 1 and word.isupper():
        return True
    if _PROGRAMME.match(text, e):
        return True
    if word[0].isupper():
        before = text[sentence_start:s].rstrip(" \"“‘'(")
        return bool(before) and before[-1] not in ".!?:;\n"
    return False


# A year that names a time inside a noun phrase or a span, not when the sentence's event happened: "the landings
# of 1944", "the 2008 crisis", "2008's crash", "since 2010", "until 2027", "before 1990".
_YEAR_AS_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?:of|since|until|till|by|before|after|from|through|pre|post)\s+|[-–])$", re.I
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|this|that|our|whose)\s+$", re.I)
_NOUN_AFTER = re.compile(r"['’]s\b|\s+[a-z][a-z-]+")


def year_dates_the_sentence(text: str, start: int, end: int) -> bool:
    """Whether a year (or month) mention at text[start:end] can date the event its sentence tells: not when it
    modifies a noun ("the 2008 crisis", "2008's crash"), follows "of" ("the landings of 1944") or bounds a span
    ("since 2010", "until 2027")."""
    before = text[max(0, start - 12) : start]
    if _YEAR_AS_MODIFIER_BEFORE.search(before):
        return False
    if text.startswith(("'s", "’s"), end):
        return False
    return not (_DETERMINER_BEFORE.search(before) and _NOUN_AFTER.match(text, end))


def _absolute_value(groups: dict) -> tuple[str | None, dt.date | None, int | None]:
    weekday = WEEKDAYS[groups["weekday"].lower()] if groups.get("weekday") else None
    if groups.get("iso"):
        try:
            date = dt.date.fromisoformat(groups["iso"])
        except ValueError:
            return None, None, None
        return date.isoformat(), date, weekday
    year = int(groups["year"]) if groups.get("year") else None
    month = _month(groups["month"]) if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    if month and day:
        if not 1 <= day <= 31:
            return None, None, None
        if year:
            try:
                date = dt.date(year, month, day)
            except ValueError:
                return None, None, None
            return date.isoformat(), date, weekday
        return f"--{month:02d}-{day:02d}", None, weekday
    if month:
        return (f"{year:04d}-{month:02d}" if year else f"--{month:02d}"), None, weekday
    if year:
        return f"{year:04d}", None, weekday
    return None, None, None


def resolve_relative(mention: DateMention, anchor: dt.date, tense: str | None = None) -> dt.date | None:
    """The calendar date a relative expression means, given the article's date; None if it names a span.

    ``tense`` ("future" or "past", from the sentence) decides which way a bare weekday points.
    """
    value = (mention.value or "").lower()
    if value in ("today", "tonight"):
        return anchor
    if value == "yesterday":
        return anchor - dt.timedelta(days=1)
    if value == "tomorrow":
        return anchor + dt.timedelta(days=1)
    if mention.weekday is not None:
        delta = mention.weekday - anchor.weekday()
        if value.startswith("last "):
            return anchor + dt.timedelta(days=(delta - 7) if delta >= 0 else delta)
        if value.startswith("next "):
            return anchor + dt.timedelta(days=(delta + 7) if delta <= 0 else delta)
        if tense == "future":
            return anchor + dt.timedelta(days=delta if delta >= 0 else delta + 7)
        if tense == "past":
            return anchor + dt.timedelta(days=delta if delta <= 0 else delta - 7)
        # Without a tense, a bare weekday in news means the nearest one.
        if delta > 3:
            delta -= 7
        elif delta < -3:
            delta += 7
        return anchor + dt.timedelta(days=delta)
    return None


def complete_partial(value: str, anchor: dt.date) -> dt.date | None:
    """A month-day value ("--08-09") in the year that puts it nearest the anchor date."""
    if not value.startswith("--") or len(value) != 7:
        return None
    month, day = int(value[2:4]), int(value[5:7])
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best
