"""Resolving the article's date, in order: --date or front matter; a dateline; explicit dates in the text;
otherwise unknown. The basis is recorded in words so an editor can see how much to trust it."""

from __future__ import annotations

import datetime as dt
import re

from factcheck.extract.dates import find_dates
from factcheck.models import ArticleDate
from factcheck.text.segment import Document

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "TOKYO, Aug 8 (Reuters) -", "WASHINGTON (AP) —", "March 13 -", "LONDON, 9 August 2024 –"
_DATELINE = re.compile(
    rf"^(?:(?P<place>[A-Z][A-Z .'’-]{{1,40}}(?:,\s*[A-Z][A-Za-z .]{{1,30}})?)\s*,?\s*)?"
    rf"(?:(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)\s*)?"
    rf"(?:\((?P<agency>[A-Za-z .]{{2,30}})\)\s*)?[-—–]{{1,2}}\s",
)


def find_dateline(doc: Document) -> tuple[str, dt.date | None, str | None] | None:
    """(dateline text, date if it has a full one, month-day value if it has no year) of the first body paragraph."""
    for paragraph in doc.paragraphs:
        if paragraph.kind != "body":
            continue
        m = _DATELINE.match(doc.text, paragraph.start, paragraph.end)
        if not m or not (m.group("date") or m.group("agency") or m.group("place")):
            return None
        if not m.group("date") and not (m.group("place") and m.group("place").isupper()):
            return None
        line = m.group(0).strip()
        if not m.group("date"):
            return line, None, None
        dates = find_dates(doc.text, m.start("date"), m.end("date"))
        if not dates:
            return line, None, None
        d = dates[0]
        return line, d.date, d.value if d.date is None else None
    return None


def resolve_article_date(doc: Document, *, override: dt.date | None = None) -> ArticleDate:
    """The article's date and the basis for it."""
    article = doc.article
    if override is not None:
        return ArticleDate(value=override, basis="given with --date")
    if article.date is not None:
        basis = "given with --date" if article.date_basis == "option" else "front matter"
        return ArticleDate(value=article.date, basis=basis)
    full_dates = sorted(
        {d.date for s in doc.sentences for d in find_dates(doc.text, s.start, s.end) if d.date is not None}
    )
    dateline = find_dateline(doc)
    if dateline is not None:
        line, date, partial = dateline
        if date is not None:
            return ArticleDate(value=date, basis=f"dateline {line!r}")
        if partial is not None:
            years = sorted({d.year for d in full_dates})
            if len(years) == 1:
                month, day = int(partial[2:4]), int(partial[5:7])
                try:
                    return ArticleDate(
                        value=dt.date(years[0], month, day),
                        basis=f"dateline {line!r}, year {years[0]} from the dates in the text",
                    )
                except ValueError:
                    pass
            return ArticleDate(value=None, basis=f"dateline {line!r} gives no year; pass --date")
    if full_dates:
        latest = full_dates[-1]
        return ArticleDate(
            value=latest,
            basis=f"latest full date in the text ({latest.isoformat()}); no dateline or front matter, so verify",
        )
    relative = [
        d.text for s in doc.sentences for d in find_dates(doc.text, s.start, s.end) if d.relative
    ]
    basis = "no front matter, no dateline, no full date in the text"
    if relative:
        basis += f"; relative date {relative[0]!r} cannot be resolved"
    return ArticleDate(value=None, basis=basis)


__all__ = ["find_dateline", "resolve_article_date"]
