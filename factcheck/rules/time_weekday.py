"""time.weekday-mismatch (TM03)."""

from __future__ import annotations

import calendar
import datetime as dt

from factcheck.models import MentionKind, Severity
from factcheck.rules.base import CheckContext, Rule


class WeekdayMismatch(Rule):
    """A weekday that does not match the date it is written with.

    What it flags:
        "Friday, August 10, 2024" when 10 August 2024 was a Saturday. Dates without a year are checked too
        once a stated article date (front matter, ``--date``, dateline) places them in a year, unless the weekday fits
        that day in the year before or after (the inferred year may be wrong).

    Why it matters:
        One of the two is wrong, and the reader cannot tell which: the event's date must be checked against
        the record.

    Example:
        "The summit opens on Friday, August 10, 2024." is flagged on "Friday, August 10, 2024" (a Saturday).

    Configuration:
        None.
    """

    code = "TM03"
    name = "time.weekday-mismatch"
    severity = Severity.ERROR

    def check(self, ctx: CheckContext):
        for mention in ctx.mentions_of(MentionKind.DATE):
            weekday = mention.attrs.weekday
            if weekday is None or mention.attrs.relative:
                continue
            iso = (
                mention.value
                if mention.value and len(mention.value) == 10 and mention.value[4] == "-"
                else mention.attrs.resolved
            )
            if not iso:
                continue
            date = dt.date.fromisoformat(iso)
            stated = weekday
            if date.weekday() == stated:
                continue
            if (
                mention.value
                and mention.value.startswith("--")
                and (ctx.date_is_lower_bound or _matches_nearby_year(date, stated))
            ):
                continue  # the year was inferred; the weekday fits the year before or after: likely our guess is wrong
            actual = calendar.day_name[date.weekday()]
            yield self.flag(
                ctx,
                mention.span.start,
                mention.span.end,
                f"{calendar.day_name[stated]} does not match {date:%-d %B %Y}, which is a {actual}: check which of the "
                "two is right.",
                suggestion=f"{actual}, or the date of the {calendar.day_name[stated]}",
            )


def _matches_nearby_year(date: dt.date, weekday: int) -> bool:
    for year in (date.year - 1, date.year + 1):
        try:
            if date.replace(year=year).weekday() == weekday:
                return True
        except ValueError:
            continue
    return False
