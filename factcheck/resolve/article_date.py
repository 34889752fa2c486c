"""Resolving the article's date, in order: --date or front matter; a dateline; explicit dates in the text;
otherwise unknown. The basis is a closed kind (``DateBasis``), with the detail in words so an editor can see how
much to trust it.

When the date stays unknown, ``date_range`` works out the span of dates the article could have, from three
kinds of evidence, each recorded as a bound with its reason (and KB record) so an editor can weigh it:

* a year or month the text names ("in 2023", "March 2024") is a lower bound: an article mentions no year
  after its own — except a target or deadline ("by 2030", "until 2027"), which is skipped;
* a person named with a national office and no qualifier ("Prime Minister Fumio Kishida", not "former",
  "then-", not in a sentence told in the simple past) is presented as the current holder, so the article's
  date lies within that person's terms of that office, if the text is right;
* the knowledge base's newest source: the tool can place nothing later than that date.

The range is the intersection of the bounds; a report showing one person's tenure drops the bound that
person's own title gave (see ``DateRange`` in ``factcheck.models``), since that is what is in question.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from factcheck.extract.dates import DateMention, find_dates
from factcheck.extract.index import MentionIndex
from factcheck.extract.mentions import sentence_dates
from factcheck.kb import KnowledgeBase
from factcheck.models import ArticleDate, DateBasis, DateBound, DateRange, Mention, MentionKind
from factcheck.resolve.linking import OfficeLink, format_term, link_offices, office_label, terms_in
from factcheck.text.casefold import Folded
from factcheck.text.segment import Document

# The start of the detail of a date taken from the text's own dates (``DateBasis.TEXT_DATES``).
FROM_TEXT_DATES = "latest full date in the text"


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "TOKYO, Aug 8 (Reuters) -", "WASHINGTON (AP) —", "March 13 -", "LONDON, 9 August 2024 –"
_DATELINE = re.compile(
    rf"(?:(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’/-]{{1,40}}(?:,\s*[A-Z][A-Za-z .]{{1,30}})?)\s*,?\s*)?"
    rf"(?:(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)\s*)?"
    rf"(?:\((?P<agency>[A-Za-z .]{{2,30}})\)\s*)?[-—–]{{1,2}}\s",
)


# Lines a wire story may carry between its headline and its dateline: a second headline line in capitals,
# summary bullets ("* Shares fall 2 pct"), an editor's note ("(Corrects spelling in paragraph 2)").
_PREAMBLE_LINE = re.compile(r"[^a-z\n]{1,200}|[*•]\s[^\n]{0,200}|\([^()\n]{1,200}\)")


def _dateline_match(doc: Document, paragraph) -> re.Match[str] | None:
    """The dateline at the start of a body paragraph, or after its preamble lines ("Leaders meet\nTOKYO, Oct 1
    (Reuters) - ...": a headline line not set off by a blank line)."""
    text = doc.text
    pos = paragraph.start
    while pos < paragraph.end:
        m = _DATELINE.match(text, pos, paragraph.end)
        if m and (m.group("date") or m.group("agency") or m.group("place")):
            return m
        newline = text.find("\n", pos, paragraph.end)
        line_is_headline = pos == paragraph.start and doc.headline is None and newline - pos <= 200
        if newline == -1 or not (line_is_headline or _PREAMBLE_LINE.fullmatch(text, pos, newline)):
            return None
        pos = newline + 1
    return None


def find_dateline(doc: Document, folded: Folded | None = None) -> tuple[str, dt.date | None, str | None] | None:
    """(dateline text, date if it has a full one, month-day value if it has no year) of the first body paragraph
    (after any paragraphs of preamble lines: capitals, bullets, an editor's note)."""
    for paragraph in doc.paragraphs:
        if paragraph.kind != "body":
            continue
        m = _dateline_match(doc, paragraph)
        if m is None:
            lines = doc.text[paragraph.start : paragraph.end].split("\n")
            if all(_PREAMBLE_LINE.fullmatch(line.strip()) for line in lines):
                continue  # a paragraph of preamble: the dateline may follow
            return None
        if not m.group("date") and not (m.group("place") and m.group("place").isupper()):
            return None
        line = m.group(0).strip()
        if not m.group("date"):
            return line, None, None
        dates = find_dates(doc.text, m.start("date"), m.end("date"), folded=folded)
        if not dates:
            return line, None, None
        d = dates[0]
        return line, d.date, d.value if d.date is None else None
    return None


def resolve_date(
    doc: Document,
    *,
    override: dt.date | None = None,
    dates: list[list[DateMention]] | None = None,
    folded: Folded | None = None,
) -> ArticleDate:
    """The article's date, the kind of basis for it and the basis in words. ``dates``: the dates of each sentence
    (``sentence_dates``), when the caller found them already; ``folded``: ``Folded.of(doc.text)``."""
    article = doc.article
    if override is not None:
        return ArticleDate(value=override, basis=DateBasis.GIVEN, detail="given with --date")
    if article.date is not None:
        if article.date_basis == "option":
            return ArticleDate(value=article.date, basis=DateBasis.GIVEN, detail="given with --date")
        if article.date_basis == "registry":  # the registry's editor_date: a date the desk gave, kept
            return ArticleDate(value=article.date, basis=DateBasis.GIVEN, detail="the registry's editor_date")
        return ArticleDate(value=article.date, basis=DateBasis.FRONT_MATTER, detail="front matter")
    folded = folded if folded is not None else Folded.of(doc.text)
    if dates is None:
        dates = sentence_dates(doc, folded)
    full_dates = sorted({d.date for in_sentence in dates for d in in_sentence if d.date is not None})
    dateline = find_dateline(doc, folded)
    if dateline is not None:
        line, date, partial = dateline
        if date is not None:
            return ArticleDate(value=date, basis=DateBasis.DATELINE, detail=f"dateline {line!r}")
        if partial is not None:
            # The year is not guessed from the years the text names (a 1987 story citing 1986 would be dated
            # 1986): the month and day are kept in the detail, and the editor gives the year.
            return ArticleDate(
                value=None,
                basis=DateBasis.DATELINE_WITHOUT_YEAR,
                detail=f"dateline {line!r} gives {partial} (month-day) and no year; pass --date or add a "
                "date to the front matter",
            )
    if full_dates:
        latest = full_dates[-1]
        return ArticleDate(
            value=latest,
            basis=DateBasis.TEXT_DATES,
            detail=f"{FROM_TEXT_DATES} ({latest.isoformat()}); no dateline or front matter, so verify",
        )
    relative = [d.text for in_sentence in dates for d in in_sentence if d.relative]
    if dateline is not None:
        return ArticleDate(
            value=None,
            basis=DateBasis.DATELINE_WITHOUT_YEAR,
            detail=f"dateline {dateline[0]!r} gives no date, and the text no full date; pass --date",
        )
    detail = "no front matter, no dateline, no full date in the text"
    if relative:
        detail += f"; relative date {relative[0]!r} cannot be resolved"
    return ArticleDate(value=None, basis=DateBasis.UNKNOWN, detail=detail)


_YEAR_OR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# "by 2030", "until the end of 2027", "before 2026": a target or deadline, not a year already reached.
_TARGET_BEFORE = re.compile(
    r"\b(?:by|until|till|before|through|to)\s+(?:(?:the\s+)?(?:end|start|middle)\s+of\s+)?$", re.I
)


def _mentioned_year_bounds(text: str, mentions: Iterable[Mention]) -> list[DateBound]:
    """The latest year (or month) the text names, as a lower bound; targets ("by 2030") are skipped. ``mentions``:
    the article's date mentions (others are passed over)."""
    best: tuple[dt.date, Mention] | None = None
    for m in mentions:
        if m.kind is not MentionKind.DATE or m.attrs.relative:
            continue
        ym = _YEAR_OR_MONTH.match(m.value or "")
        if not ym or not 1800 <= int(ym.group(1)) <= 2100:
            continue
        if _TARGET_BEFORE.search(text[max(0, m.span.start - 30) : m.span.start]):
            continue
        try:
            first = dt.date(int(ym.group(1)), int(ym.group(2) or 1), int(ym.group(3) or 1))
        except ValueError:
            continue
        if best is None or first > best[0]:
            best = (first, m)
    if best is None:
        return []
    first, m = best
    return [
        DateBound(
            earliest=first,
            reason=f"the text mentions {m.text!r} (offset {m.span.start}); "
            "an article names no later time than its own, except as a target",
        )
    ]


def _office_holder_bounds(kb: KnowledgeBase, office_links: list[OfficeLink]) -> list[DateBound]:
    """One bound per person named as the present holder of a national office: that person's terms of it."""
    bounds = []
    seen = set()
    for link in office_links:
        if link.office is None or len(link.holders) != 1 or link.qualifier is not None or link.past_tense:
            continue
        person = link.holders[0]
        record = f"{person.id} {link.office.id}"
        terms = [t for t in terms_in(kb, person.id, link.office.id) if t.start is not None]
        if record in seen or not terms:
            continue
        seen.add(record)
        ends = [t.end for t in terms]
        latest = None if any(e is None for e in ends) else max(ends)  # type: ignore[type-var]
        bounds.append(
            DateBound(
                earliest=min(t.start for t in terms),
                latest=latest,
                record=record,
                reason=f"'{link.mention.role.text} {link.mention.text}' (offset {link.mention.span.start}) names "
                f"the current holder; if that is right, the article is from {person.name}'s time as "
                f"{office_label(kb, link.office)} "
                f"({', '.join(format_term(t) for t in terms)})",
            )
        )
    return bounds


def date_range(
    doc: Document,
    mentions: list[Mention],
    kb: KnowledgeBase | None = None,
    office_links: list[OfficeLink] | None = None,
    *,
    index: MentionIndex | None = None,
) -> DateRange | None:
    """The span of dates an undated article could have, with every bound's reason (None when nothing bounds it).

    ``office_links``: the article's links (``link_offices``), found once by the pipeline; computed here if None.
    ``index``: ``MentionIndex(doc, mentions)``, when the caller has it (its date mentions are listed already)."""
    index = index if index is not None else MentionIndex(doc, mentions)
    bounds = _mentioned_year_bounds(doc.text, index.mentions_of(MentionKind.DATE))
    if kb is not None:
        if office_links is None:
            office_links = link_offices(index, kb)
        bounds += _office_holder_bounds(kb, office_links)
        newest = max(kb.coverage.values(), default=None)
        if newest is not None:
            bounds.append(
                DateBound(
                    latest=newest,
                    reason=f"the knowledge base's newest source is dated {newest}; "
                    "the tool cannot place the article later",
                )
            )
    return DateRange.intersecting(bounds)


def with_date_range(
    article_date: ArticleDate,
    doc: Document,
    mentions: list[Mention],
    kb: KnowledgeBase | None = None,
    office_links: list[OfficeLink] | None = None,
    *,
    index: MentionIndex | None = None,
) -> ArticleDate:
    """The article date, with the span of dates it could have when its value is unknown (``index``: see
    ``date_range``)."""
    if article_date.value is not None:
        return article_date
    found = date_range(doc, mentions, kb, office_links, index=index)
    return article_date if found is None else article_date.model_copy(update={"range": found})


__all__ = ["FROM_TEXT_DATES", "DateBasis", "date_range", "find_dateline", "resolve_date", "with_date_range"]
