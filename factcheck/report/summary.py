"""What every report format shows first: counts and the open items an editor must still decide.

The summary is derived from the registry alone (plus line numbers when the article text is at hand), so
it is the same in Markdown, HTML and JSON.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict

from factcheck.models import (
    AnchorStatus,
    ClaimKind,
    Registry,
    ReviewStatus,
    Severity,
    flag_is_open,
)
from factcheck.text.lines import LineIndex

UNCONFIRMED_ANCHORS = (AnchorStatus.FUZZY, AnchorStatus.AMBIGUOUS, AnchorStatus.ORPHANED)
# Statuses that are a decision about the claim's truth (a verdict), as opposed to "not decided yet".
VERDICT_STATUSES = (
    ReviewStatus.ACCURATE,
    ReviewStatus.INACCURATE,
    ReviewStatus.MISLEADING,
    ReviewStatus.UNVERIFIABLE,
    ReviewStatus.NEEDS_REVISION,
)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SeverityCount(_Out):
    total: int
    open: int


class OpenItem(_Out):
    """Something an editor must still decide, pointing at its claim."""

    kind: Literal["unreviewed", "open-error", "anchor"]
    claim: str
    line: int | None = None
    col: int | None = None
    detail: str


class Summary(_Out):
    claims: int
    checkworthy: int
    statuses: dict[str, int]
    severities: dict[str, SeverityCount]
    kinds: dict[str, int]
    open_items: list[OpenItem]


def in_article_order(claims):
    """Claims by where they start in the article (ties by id): the order every report lists them in."""
    return sorted(claims, key=lambda c: (c.span.start, c.id))


def has_verdict(claim) -> bool:
    """A claim the desk has decided: a verdict status (accurate, inaccurate, …)."""
    return claim.review.status in VERDICT_STATUSES


def is_time_flag(flag) -> bool:
    """Time-related flags (family TM or names under ``time.``) get a timeline in the HTML report."""
    return flag.code.upper().startswith("TM") or flag.name.startswith("time.")


def summarise(registry: Registry, article_text: str | None = None, *, line_offset: int = 0) -> Summary:
    """Counts by review status, flag severity and claim kind, and the open items in article order."""
    lines = LineIndex(article_text, line_offset) if article_text is not None else None
    claims = registry.claims
    flags = [(c, f) for c in claims for f in c.flags]
    total = Counter(f.severity for _, f in flags)
    still_open = Counter(f.severity for c, f in flags if flag_is_open(c, f))
    statuses = Counter(c.review.status for c in claims)
    kinds = Counter(k for c in claims for k in c.kinds)

    def where(offset: int, claim) -> tuple[int | None, int | None]:
        if lines is None or claim.anchor is AnchorStatus.ORPHANED:
            return None, None
        return lines.position(offset)

    items: list[OpenItem] = []
    for claim in in_article_order(claims):
        line, col = where(claim.span.start, claim)
        if claim.anchor in UNCONFIRMED_ANCHORS:
            items.append(
                OpenItem(
                    kind="anchor",
                    claim=claim.id,
                    line=line,
                    col=col,
                    detail=f"anchor {claim.anchor.value}: confirm where this claim is in the article",
                )
            )
        for flag in claim.flags:
            if flag.severity is Severity.ERROR and flag_is_open(claim, flag):
                fl, fc = where(flag.span.start, claim)
                items.append(
                    OpenItem(kind="open-error", claim=claim.id, line=fl, col=fc, detail=f"{flag.code} {flag.message}")
                )
        if claim.review.status is ReviewStatus.UNREVIEWED:
            items.append(OpenItem(kind="unreviewed", claim=claim.id, line=line, col=col, detail=claim.text))
    return Summary(
        claims=len(claims),
        checkworthy=sum(1 for c in claims if c.review.status is not ReviewStatus.NOT_CHECKWORTHY),
        statuses={s.value: statuses.get(s, 0) for s in ReviewStatus},
        severities={
            s.value: SeverityCount(total=total.get(s, 0), open=still_open.get(s, 0)) for s in reversed(Severity)
        },
        kinds={k.value: kinds.get(k, 0) for k in ClaimKind},
        open_items=items,
    )
