"""Terms of office against the article's date, for time-related flags, as a small inline SVG.

The input is what a flag already carries: each ``KbEvidence`` with a start date is a term of office (its
``label``, ``start`` and ``end``), and the article's date comes from the registry. A flag without such
evidence gets no timeline; nothing raises.

An undated article's registry may carry the span of dates it could have (``ArticleDate.range``, worked out
in ``factcheck.resolve.article_date``); the timeline shades that span. A bound that came from the very record the
flag questions (the flagged person's own title) is left out: it would only repeat what the text claims.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from factcheck.models import DateRange, Flag, KbEvidence


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, as ``xml.sax.saxutils.escape`` writes them: that module imports
    urllib.request, http.client and ssl, ~30 ms of the start of every process that writes a report."""
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class Term:
    label: str
    start: dt.date
    end: dt.date | None  # None: still in office (or end unknown)


@dataclass(frozen=True)
class Timeline:
    terms: tuple[Term, ...]
    article_date: dt.date | None
    article_range: DateRange | None = None  # when the date is unknown: the span it could have


def terms_from_flag(flag: Flag) -> list[Term]:
    """The terms of office in the flag's evidence (KB evidence with a start date), labelled with the record's
    label (or its id). A term that ends before it starts is left out."""
    terms = []
    for evidence in flag.evidence:
        if not isinstance(evidence, KbEvidence) or evidence.start is None:
            continue
        if evidence.end is not None and evidence.end < evidence.start:
            continue
        terms.append(Term(label=evidence.label or evidence.record, start=evidence.start, end=evidence.end))
    return terms


def range_for_flag(flag: Flag, article_range: DateRange | None) -> DateRange | None:
    """The article's possible dates without the bounds that came from the records this flag questions."""
    if article_range is None:
        return None
    questioned = {e.record for e in flag.evidence if e.record}
    return DateRange.intersecting([b for b in article_range.bounds if b.record is None or b.record not in questioned])


def timeline_for(flag: Flag, article_date: dt.date | None, article_range: DateRange | None = None) -> Timeline | None:
    """The timeline input for one flag, or None when the flag is not about terms of office."""
    terms = terms_from_flag(flag)
    if not terms:
        return None
    return Timeline(
        terms=tuple(sorted(terms, key=lambda t: (t.start, t.end or dt.date.max, t.label))),
        article_date=article_date,
        article_range=None if article_date else range_for_flag(flag, article_range),
    )


def range_text(article_range: DateRange | None) -> str:
    """'2020-01-01 to 2021-10-04', 'from …', 'no later than …', or '' when nothing bounds it."""
    lo, hi = (article_range.earliest, article_range.latest) if article_range else (None, None)
    if lo and hi and lo > hi:
        return f"its bounds contradict ({lo} is after {hi})"
    if lo and hi:
        return f"{lo} to {hi}"
    if lo:
        return f"from {lo}"
    return f"no later than {hi}" if hi else ""


def range_label(article_range: DateRange | None) -> str:
    """'article date unknown: 2020-01-01 to 2021-10-04'."""
    text = range_text(article_range)
    return f"article date unknown: {text}" if text else "article date unknown"


WIDTH, LABELS, ROW, RIGHT, TOP = 360, 124, 16, 10, 18


def _year_step(years: int) -> int:
    return next(step for limit, step in ((8, 1), (16, 2), (40, 5), (10**6, 10)) if years <= limit)


def short_label(label: str, width: int = 20) -> str:
    """The name a bar is labelled with: the label up to its first ':' or ',', without '(Q…)', at most ``width``."""
    short = re.sub(r"\s*\([^)]*\)", "", re.split(r"[:,]", label, maxsplit=1)[0]).strip() or label
    return short if len(short) <= width else short[: width - 1] + "…"


def render_svg(timeline: Timeline) -> str:
    """A deterministic SVG: a label column, one bar per term, year ticks, a red line at the article's date.

    A term that covers the article's date is drawn green; the others blue.
    """
    days = [t.start for t in timeline.terms] + [t.end for t in timeline.terms if t.end]
    if timeline.article_date:
        days.append(timeline.article_date)
    band = timeline.article_range
    if band is not None and not (band.earliest and band.latest and band.earliest > band.latest):
        days += [d for d in (band.earliest, band.latest) if d]
    else:
        band = None
    lo, hi = min(days), max(days)
    if any(t.end is None for t in timeline.terms):  # leave room to show an open term running on
        hi = max(hi, max(t.start for t in timeline.terms) + dt.timedelta(days=365))
    pad = max(30, (hi - lo).days // 12)
    lo, hi = lo - dt.timedelta(days=pad), hi + dt.timedelta(days=pad)
    span = max(1, (hi - lo).days)
    left = LABELS

    def x(day: dt.date) -> float:
        return round(left + (WIDTH - left - RIGHT) * (day - lo).days / span, 1)

    axis_y = TOP + ROW * len(timeline.terms) + 2
    height = axis_y + 14
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="terms of office against the article date">'
    ]
    if band is not None and (band.earliest or band.latest):
        bx0 = x(band.earliest) if band.earliest else left
        bx1 = x(band.latest) if band.latest else WIDTH - RIGHT
        reasons = "; ".join(b.reason for b in band.bounds)
        parts.append(
            f"<g><title>{escape(range_label(band) + '. ' + reasons)}</title>"
            f'<rect x="{bx0}" y="4" width="{max(1.0, round(bx1 - bx0, 1))}" height="{axis_y - 4}" '
            f'class="article-range"/></g>'
        )
    for i, term in enumerate(timeline.terms):
        y = TOP + i * ROW
        x0, x1 = x(term.start), x(term.end or hi)
        inside = (
            timeline.article_date is not None
            and term.start <= timeline.article_date
            and (term.end is None or timeline.article_date < term.end)
        )
        end_text = term.end.isoformat() if term.end else "open"
        title = escape(f"{term.label}: {term.start.isoformat()} – {end_text}")
        label = short_label(term.label)
        parts.append(
            f"<g><title>{title}</title>"
            f'<text x="{left - 4}" y="{y + ROW - 7}" class="term-label" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{x0}" y="{y}" width="{max(1.0, round(x1 - x0, 1))}" height="{ROW - 4}" rx="2" '
            f'class="term{" covers" if inside else ""}{" open" if term.end is None else ""}"/></g>'
        )
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" class="axis"/>')
    step = _year_step(hi.year - lo.year)
    for year in range(lo.year + 1, hi.year + 1):
        if year % step:
            continue
        tx = x(dt.date(year, 1, 1))
        parts.append(
            f'<line x1="{tx}" y1="{axis_y}" x2="{tx}" y2="{axis_y + 3}" class="axis"/>'
            f'<text x="{tx}" y="{axis_y + 12}" class="tick" text-anchor="middle">{year}</text>'
        )
    if timeline.article_date:
        ax = x(timeline.article_date)
        parts.append(f'<line x1="{ax}" y1="4" x2="{ax}" y2="{axis_y}" class="article-date"/>')
        anchor = "end" if ax > (left + WIDTH) / 2 else "start"
        dx = -3 if anchor == "end" else 3
        parts.append(
            f'<text x="{round(ax + dx, 1)}" y="11" class="article-date-label" text-anchor="{anchor}">'
            f"article {timeline.article_date.isoformat()}</text>"
        )
    else:
        parts.append(
            f'<text x="4" y="11" class="article-date-label">{escape(range_label(timeline.article_range))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
