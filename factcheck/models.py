"""The registry's data model: spans, mentions, flags, claims, reviews and the registry itself.

Tool-owned parts (spans, kinds, mentions, flags' content) are rewritten on every run; editor-owned
parts (``Review``, a flag's ``disposition``/``reason``, editor-added claims) are never rewritten.
Models an editor writes reject unknown keys (``extra="forbid"``); value objects are frozen.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

REGISTRY_FORMAT = 1


class Severity(str, Enum):
    """Closed, ordered set of flag severities: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class ClaimKind(str, Enum):
    EVENT = "event"
    ROLE = "role"
    QUOTE = "quote"
    ATTRIBUTION = "attribution"
    QUANTITY = "quantity"
    DATE = "date"
    PREDICTION = "prediction"
    COMPARISON = "comparison"


class MentionKind(str, Enum):
    PERSON = "person"
    OFFICE = "office"
    ORGANISATION = "organisation"
    COUNTRY = "country"
    DATE = "date"
    NUMBER = "number"
    QUOTE = "quote"


class ReviewStatus(str, Enum):
    """What the desk decided about a claim. No value YAML would read as a boolean."""

    UNREVIEWED = "unreviewed"
    ACCURATE = "accurate"
    INACCURATE = "inaccurate"
    MISLEADING = "misleading"
    UNVERIFIABLE = "unverifiable"
    NOT_CHECKWORTHY = "not-checkworthy"
    NEEDS_REVISION = "needs-revision"


class Disposition(str, Enum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class AnchorStatus(str, Enum):
    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    AMBIGUOUS = "ambiguous"
    ORPHANED = "orphaned"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Span(_Frozen):
    """Code-point offsets into the normalised article text, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self

    def covers(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class Spanned(_Frozen):
    """A piece of the article: the exact text and where it is."""

    text: str
    span: Span


class Mention(_Frozen):
    """Something named or stated inside a claim: a person, office, organisation, country, date, number or quote.

    ``role`` is the title phrase attached to a person ("Japanese Prime Minister"); ``speaker`` is who a
    quote is attributed to; ``value`` is a normalised value (ISO date, number) where one can be computed.
    """

    kind: MentionKind
    text: str
    span: Span
    role: Spanned | None = None
    speaker: Spanned | None = None
    value: str | None = None
    kb: str | None = None
    attrs: dict[str, str] = Field(default_factory=dict)


class Evidence(_Frozen):
    """Why a flag was raised: a knowledge-base record or the text that contradicts."""

    source: str
    record: str | None = None
    detail: str | None = None


class Flag(_Strict):
    """A problem a rule found. Everything but ``disposition`` and ``reason`` is tool-owned."""

    code: str
    name: str
    severity: Severity
    message: str
    text: str
    span: Span
    suggestion: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    disposition: Disposition = Disposition.OPEN
    reason: str | None = None
    # True when no rule raises this flag any more but an editor had decided on it: the decision is kept,
    # not deleted, and the span (where the flag used to be) is no longer checked against the article.
    stale: bool | None = None


class Checkworthiness(_Frozen):
    score: float = Field(ge=0.0, le=1.0)
    features: dict[str, float] = Field(default_factory=dict)


class EvidenceLink(_Strict):
    """A source an editor cites for a verdict."""

    url: str | None = None
    quote: str | None = None
    accessed: dt.date | None = None
    note: str | None = None


class Review(_Strict):
    """The editor's decision about a claim. The tool writes it once, for a new claim, and never again."""

    status: ReviewStatus = ReviewStatus.UNREVIEWED
    verdict: str | None = None
    rating: str | None = None
    notes: str | None = None
    evidence: list[EvidenceLink] = Field(default_factory=list)
    reviewer: str | None = None
    reviewed: dt.date | None = None


class Context(_Frozen):
    """Text just before and after a claim, for re-anchoring after the article changes (W3C TextQuoteSelector)."""

    prefix: str = ""
    suffix: str = ""


class Claim(_Strict):
    id: str
    text: str
    span: Span
    context: Context = Field(default_factory=Context)
    anchor: AnchorStatus = AnchorStatus.EXACT
    origin: Literal["tool", "editor"] = "tool"
    kinds: list[ClaimKind] = Field(default_factory=list)
    checkworthiness: Checkworthiness = Field(default_factory=lambda: Checkworthiness(score=0.0))
    mentions: list[Mention] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
    # Editor-added claims: the editor writes `quote` (and `occurrence` when the quote appears more than
    # once); the tool anchors it and fills the rest. Both stay editor-owned.
    quote: str | None = None
    occurrence: int | None = Field(default=None, ge=1)
    # Set by the tool when a claim's text changed since the last run: the text the review was made
    # against. The review needs a second look; the editor deletes this line once it has had one.
    previous_text: str | None = None


class DateBound(_Frozen):
    """One reason the article's date lies in [earliest, latest] (either end may be open)."""

    earliest: dt.date | None = None
    latest: dt.date | None = None
    reason: str
    record: str | None = None  # the KB record behind it ("<person id> <office id>"), when one did


class DateRange(_Frozen):
    """The span of dates an undated article could have: the intersection of its ``bounds``.

    ``earliest`` after ``latest`` means the bounds contradict each other (something in the text is wrong).
    """

    earliest: dt.date | None = None
    latest: dt.date | None = None
    bounds: list[DateBound] = Field(default_factory=list)

    @classmethod
    def intersecting(cls, bounds: list[DateBound]) -> DateRange | None:
        """The range all the bounds allow (None when there are none)."""
        if not bounds:
            return None
        lows = [b.earliest for b in bounds if b.earliest is not None]
        highs = [b.latest for b in bounds if b.latest is not None]
        return cls(earliest=max(lows) if lows else None, latest=min(highs) if highs else None, bounds=bounds)


class ArticleDate(_Frozen):
    """The article's date and how it was found; ``value`` is None when it could not be resolved, and then
    ``range`` (when anything bounds it) is the span of dates it could have."""

    value: dt.date | None = None
    basis: str
    range: DateRange | None = None


class Boilerplate(_Frozen):
    kind: str
    text: str
    span: Span


class ArticleInfo(_Strict):
    path: str
    sha256: str
    title: str | None = None
    source: str | None = None
    language: str | None = None
    date: ArticleDate
    paragraphs: int = 0
    sentences: int = 0
    boilerplate: list[Boilerplate] = Field(default_factory=list)


class Registry(_Strict):
    format: int = REGISTRY_FORMAT
    article: ArticleInfo
    claims: list[Claim] = Field(default_factory=list)


class SpanMismatch(ValueError):
    """A stored span does not cover the text stored with it."""


def iter_spanned(registry: Registry):
    """Every (claim id or None, where, text, span) stored in a registry, for validation against the article.

    ``where`` is a tuple ("claim", id, "mention", 2, "role") joined into words only for an error message: a
    registry holds thousands of spans and nearly all of them match."""
    for item in registry.article.boilerplate:
        yield None, ("boilerplate", item.kind), item.text, item.span
    for claim in registry.claims:
        cid = claim.id
        yield cid, ("claim", cid), claim.text, claim.span
        for i, mention in enumerate(claim.mentions):
            yield cid, ("claim", cid, "mention", i), mention.text, mention.span
            if mention.role is not None:
                yield cid, ("claim", cid, "mention", i, "role"), mention.role.text, mention.role.span
            if mention.speaker is not None:
                yield cid, ("claim", cid, "mention", i, "speaker"), mention.speaker.text, mention.speaker.span
        for i, flag in enumerate(claim.flags):
            if flag.stale:
                continue
            yield cid, ("claim", cid, "flag", i, flag.code), flag.text, flag.span


def validate_spans(registry: Registry, text: str) -> None:
    """Raise SpanMismatch if a stored span's text differs from the article text at its offsets.

    Orphaned and ambiguous claims are skipped: their text is no longer (or not surely) where it was.
    """
    orphaned = {c.id for c in registry.claims if c.anchor in (AnchorStatus.ORPHANED, AnchorStatus.AMBIGUOUS)}
    for claim_id, where, quote, span in iter_spanned(registry):
        if claim_id in orphaned:
            continue
        actual = text[span.start : span.end]
        if span.end > len(text) or actual != quote:
            raise SpanMismatch(
                f"{' '.join(map(str, where))}: span {span.start}-{span.end} covers {actual!r}, but the registry stores {quote!r}"
            )
