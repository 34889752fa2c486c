"""time.relative-date-without-dateline (TM02)."""

from __future__ import annotations

from factcheck.models import DateBasis, MentionKind, Severity
from factcheck.rules.base import CheckContext, Rule


class RelativeDateWithoutDateline(Rule):
    """A relative date ("On Friday", "last week", "tomorrow") in an article whose date is unknown.

    What it flags:
        A relative date expression when the article has no front-matter date, no ``--date``, no dateline
        and no full date in the text, so nobody can tell which Friday is meant. An article with a dateline that
        gives no year ("TOKYO, Oct 1 (Reuters) -") is not flagged: its date basis says the year is missing, and
        the year is never guessed from the years the text names. The dateline is found after the headline, on
        the line after it, and after the lines wire stories put before it (a second headline line in capitals,
        summary bullets, an editor's note such as "(Corrects spelling in paragraph 2)"); places may be
        accented or joined ("SÃO PAULO", "LONDON/PARIS"). "Today" as a name ("the Today programme",
        "USA TODAY") is no relative date.

    Why it matters:
        Stale news reads as new. A wire story re-published months later still says "On Friday"; an editor must
        pin the date before the claim can be checked against the record.

    Example:
        "On Friday, leaders from five Central Asian nations and Japan are scheduled to convene" in an undated
        article is flagged on "On Friday". With ``--date 2024-08-05`` the mention instead records the resolved
        date (2024-08-02 under the nearest-weekday reading) and nothing is flagged.

    Configuration:
        None. Give the article a date (``--date`` or front matter ``date:``) to resolve relative dates.
    """

    code = "TM02"
    name = "time.relative-date-without-dateline"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext):
        if ctx.article_date.value is not None or ctx.article_date.basis is DateBasis.DATELINE_WITHOUT_YEAR:
            return  # dated; or a dateline the editor gives the year of (the article's date basis says so)
        for mention in ctx.mentions_of(MentionKind.DATE):
            if not mention.attrs.relative:
                continue
            yield self.flag(
                ctx,
                mention.span.start,
                mention.span.end,
                f"Relative date {mention.text!r} with no article date: add a dateline or pass --date so it can be "
                "resolved.",
            )
