"""The registry's data model: spans, mentions, flags, claims, reviews and the registry itself.

Tool-owned parts (spans, kinds, mentions, flags' content) are rewritten on every run; editor-owned
parts (``Review``, a flag's ``disposition``/``reason``, editor-added claims) are never rewritten.
Models an editor writes reject unknown keys (``extra="forbid"``); value objects are frozen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer, model_validator

REGISTRY_FORMAT = 1

# Who owns a field of the registry: the one declaration the merge's key lists, the JSON Schema's descriptions and
# docs/registry.md's table are derived from (see ``owned_fields`` and ``ownership_table``).
TOOL, EDITOR, ONCE, TOOL_SETS = "tool", "editor", "tool, once", "tool sets, editor clears"
OWNER_EFFECT = {
    TOOL: "refreshed on every run",
    EDITOR: "never touched by the tool",
    ONCE: "written once, then kept for ever",
    TOOL_SETS: "set by the tool when the claim's text changes; the editor deletes it after a second look",
}


def owner(kind: str, effect: str | None = None) -> dict[str, Any]:
    """``json_schema_extra`` for a field owned by ``kind`` (TOOL, EDITOR, ONCE, TOOL_SETS)."""
    return {"owner": kind, "description": f"Owner: {kind}. {effect or OWNER_EFFECT[kind]}."}


def field_owner(model: type[BaseModel], name: str) -> str:
    extra = model.model_fields[name].json_schema_extra
    return extra.get("owner", TOOL) if isinstance(extra, dict) else TOOL  # type: ignore[return-value]


def owned_fields(model: type[BaseModel], kind: str) -> tuple[str, ...]:
    """The fields of ``model`` owned by ``kind``, in declaration order."""
    return tuple(name for name in model.model_fields if field_owner(model, name) == kind)


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


# No article has more code points than this (article.MAX_ARTICLE_BYTES): a span past it is a typo or an attack.
MAX_OFFSET = 64 * 1024 * 1024


class Span(_Frozen):
    """Code-point offsets into the normalised article text, end exclusive."""

    start: int = Field(ge=0, le=MAX_OFFSET)
    end: int = Field(ge=0, le=MAX_OFFSET)

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


class MentionAttrs(_Frozen):
    """What extraction found out about a mention beyond its text and kind; each field applies to some kinds and is
    None (left out of the registry) where it does not apply or is not known."""

    # a date
    relative: bool | None = Field(
        default=None, description="A date relative to the article's date ('last week', 'on Monday')."
    )
    weekday: int | None = Field(
        default=None, ge=0, le=6, description="The weekday written with the date (0 Monday … 6 Sunday)."
    )
    resolved: str | None = Field(
        default=None, description="The ISO date a relative or partial date means, once the article's date is known."
    )
    # a number
    count: int | None = Field(
        default=None, description="A count written in words ('three priorities'): the number counted."
    )
    noun: str | None = Field(default=None, description="What the count counts ('priorities'), '' when not found.")
    # a quote
    speaker_via: str | None = Field(default=None, description="How the quote's speaker was found.")
    speaker_name: str | None = Field(
        default=None, description="The speaker's full name, when the speaker is written shorter or as a pronoun."
    )
    # a person, organisation, country or office
    organisation: str | None = Field(default=None, description="The organisation named in a person's title.")
    country: str | None = Field(default=None, description="The country's ISO 3166-1 code.")
    cut: int | None = Field(default=None, description="Found in a capitalised run cut into pieces of this many words.")
    refers_to: str | None = Field(default=None, description="The full name a shorter mention of a person refers to.")

    def __contains__(self, key: object) -> bool:
        """``"refers_to" in attrs`` was how the old string dict was asked; on a model it would quietly be False."""
        raise TypeError(f"MentionAttrs is typed: test the field (attrs.{key} is not None), not membership")

    @model_serializer(mode="wrap")
    def _known_only(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Only the attributes that apply: a mention's attrs are written as ``{}`` (and left out) when none do."""
        return {k: v for k, v in handler(self).items() if v is not None}


NO_ATTRS = MentionAttrs()


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
    attrs: MentionAttrs = NO_ATTRS


class Evidence(_Frozen):
    """Why a flag was raised, in words: where it comes from (``source``), which record or part (``record``) and a
    sentence an editor reads (``detail``). The typed kinds below add the fields a report reads; a plain
    ``Evidence`` is what older registries hold and what a rule writes when it has nothing typed to add."""

    source: str
    record: str | None = None
    detail: str | None = None


class KbEvidence(Evidence):
    """A knowledge-base record behind a flag: its id (``record``), the KB layer it came from, and for a term of
    office the dates it ran (``end`` None: still running, or no end known). ``label`` names the record for a
    reader ("Yoshihide Suga (Q122465): Prime Minister of Japan"); ``detail`` is the whole sentence."""

    record: str
    layer: str
    label: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class TextEvidence(Evidence):
    """A part of the article behind a flag (what it contradicts, the scope it states, a speaker's name): where it
    is (``span``, offsets into the article text); ``record`` says which part, ``detail`` quotes it."""

    source: str = "article"
    span: Span


# A flag's evidence as stored: the typed kinds first, so that a mapping with ``layer`` reads as KbEvidence and
# one with ``span`` as TextEvidence (unknown keys are refused, so each mapping fits exactly one kind); a mapping
# with only source, record and detail (every registry written before the typed kinds) reads as Evidence.
AnyEvidence = KbEvidence | TextEvidence | Evidence


class Flag(_Strict):
    """A problem a rule found. Everything but ``disposition`` and ``reason`` is tool-owned."""

    code: str
    name: str
    severity: Severity
    message: str
    text: str
    span: Span
    suggestion: str | None = None
    evidence: list[AnyEvidence] = Field(default_factory=list)
    disposition: Disposition = Field(
        default=Disposition.OPEN,
        json_schema_extra=owner(
            EDITOR, "open, confirmed or dismissed; kept while the rule raises the flag on the same text"
        ),
    )
    reason: str | None = Field(default=None, json_schema_extra=owner(EDITOR))
    # True when no rule raises this flag any more but an editor had decided on it: the decision is kept,
    # not deleted, and the span (where the flag used to be) is no longer checked against the article.
    stale: bool | None = None


class Checkworthiness(_Frozen):
    """The model's calibrated probability that the claim is worth checking, the hand features that were on
    (each 1.0), and the word terms with the largest effect on the score (term: its share of the log-odds,
    negative when it lowered the score)."""

    score: float = Field(ge=0.0, le=1.0)
    features: dict[str, float] = Field(default_factory=dict)
    terms: dict[str, float] = Field(default_factory=dict)


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
    id: str = Field(json_schema_extra=owner(ONCE))
    text: str
    span: Span
    context: Context = Field(default_factory=Context)
    anchor: AnchorStatus = AnchorStatus.EXACT
    origin: Literal["tool", "editor"] = "tool"
    kinds: list[ClaimKind] = Field(default_factory=list)
    checkworthiness: Checkworthiness = Field(default_factory=lambda: Checkworthiness(score=0.0))
    mentions: list[Mention] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    review: Review = Field(
        default_factory=Review, json_schema_extra=owner(EDITOR, "the tool writes `status` once, for a new claim")
    )
    # Editor-added claims: the editor writes `quote` (and `occurrence` when the quote appears more than
    # once); the tool anchors it and fills the rest. Both stay editor-owned.
    quote: str | None = Field(default=None, json_schema_extra=owner(EDITOR, "a claim added by hand: its quote"))
    occurrence: int | None = Field(
        default=None,
        ge=1,
        json_schema_extra=owner(EDITOR, "which occurrence of `quote`, when it appears more than once"),
    )
    # Set by the tool when a claim's text changed since the last run: the text the review was made
    # against. The review needs a second look; the editor deletes this line once it has had one.
    previous_text: str | None = Field(default=None, json_schema_extra=owner(TOOL_SETS))


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


class DateBasis(str, Enum):
    """Where the article's date came from: a closed set (``ArticleDate.basis``; ``ArticleDate.detail`` says it in
    words)."""

    GIVEN = "given"  # --date, or the registry's editor_date
    FRONT_MATTER = "front-matter"
    DATELINE = "dateline"
    # a dateline the article has, without a year (or without a date): the date is unknown, and the year is
    # never guessed from the years the text names
    DATELINE_WITHOUT_YEAR = "dateline-without-year"
    TEXT_DATES = "text-dates"  # the latest full date the text names: a lower bound, the article may be later
    UNKNOWN = "unknown"


# How registries written before ``basis`` was a closed set said it (the words alone, now ``detail``): the start
# of the words and the basis they meant, tried in order. Only for reading those files.
_LEGACY_BASIS = (
    ("given with --date", DateBasis.GIVEN),
    ("the registry's editor_date", DateBasis.GIVEN),
    ("front matter", DateBasis.FRONT_MATTER),
    ("latest full date in the text", DateBasis.TEXT_DATES),
    ("no front matter, no dateline", DateBasis.UNKNOWN),
)


class ArticleDate(_Frozen):
    """The article's date and how it was found; ``value`` is None when it could not be resolved, and then
    ``range`` (when anything bounds it) is the span of dates it could have. ``basis`` is the kind of source
    (closed); ``detail`` says it in words for the editor ("dateline 'TOKYO, Aug 8 (Reuters) -'")."""

    value: dt.date | None = None
    basis: DateBasis
    detail: str = ""
    range: DateRange | None = None

    @property
    def is_lower_bound(self) -> bool:
        """True when the date is the latest one the text names: the article may be later."""
        return self.value is not None and self.basis is DateBasis.TEXT_DATES

    @model_validator(mode="before")
    @classmethod
    def _legacy_words(cls, data: Any) -> Any:
        """A registry written before the split keeps only the words, under ``basis``: read them as the detail,
        and the basis from how they start (the words each kind was written with). Unknown words are rejected."""
        if not isinstance(data, dict) or "detail" in data or not isinstance(data.get("basis"), str):
            return data
        words = data["basis"]
        if words in {b.value for b in DateBasis}:
            return data
        basis = next((b for start, b in _LEGACY_BASIS if words.startswith(start)), None)
        if basis is None and words.startswith("dateline "):
            basis = DateBasis.DATELINE if data.get("value") else DateBasis.DATELINE_WITHOUT_YEAR
        if basis is None:
            return data  # not a basis: the field's own validation rejects it
        return {**data, "basis": basis, "detail": words}


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
    # The date the desk gave the article (`review --date`, or written here by hand): used on every later run,
    # over front matter and dateline, until changed. Editor-owned.
    editor_date: dt.date | None = Field(
        default=None, json_schema_extra=owner(EDITOR, "set by `review --date` or by hand; used until changed")
    )
    paragraphs: int = 0
    sentences: int = 0
    boilerplate: list[Boilerplate] = Field(default_factory=list)


class Registry(_Strict):
    format: int = REGISTRY_FORMAT
    article: ArticleInfo
    claims: list[Claim] = Field(default_factory=list)


def flag_is_current(claim: Claim, flag: Flag) -> bool:
    """A flag that speaks for the article as it is now: raised on this run's text (not ``stale``) on a claim that
    is still found in the article (not ``orphaned``). Only current flags are printed, counted and fail a run."""
    return not flag.stale and claim.anchor is not AnchorStatus.ORPHANED


def flag_is_open(claim: Claim, flag: Flag) -> bool:
    """A current flag nobody has acted on yet (disposition ``open``): what reports count as still to do."""
    return flag.disposition is Disposition.OPEN and flag_is_current(claim, flag)


def claim_is_current(claim: Claim) -> bool:
    """A claim whose review speaks for the article as it is: still found, and its text unchanged since review."""
    return claim.anchor is not AnchorStatus.ORPHANED and claim.previous_text is None


def ownership_table() -> str:
    """docs/registry.md's "who owns what" table, from the fields' ``owner`` metadata."""
    rows = [("`format`, the `article` block", TOOL, "rewritten on every run")]
    for model, label in ((ArticleInfo, "article"), (Claim, "claim"), (Flag, "flag")):
        for kind in (TOOL, ONCE, EDITOR, TOOL_SETS):
            names = owned_fields(model, kind)
            if not names or (model is ArticleInfo and kind == TOOL):
                continue
            effect = (
                "; ".join(
                    dict.fromkeys(
                        str((model.model_fields[n].json_schema_extra or {}).get("description", ""))  # type: ignore[union-attr]
                        .split(". ", 1)[-1]
                        .rstrip(".")
                        for n in names
                    )
                )
                if kind != TOOL
                else OWNER_EFFECT[TOOL]
            )
            owner_cell = f"**{kind}**" if kind != TOOL else kind
            rows.append((f"{label} {', '.join(f'`{n}`' for n in names)}", owner_cell, effect))
    rows.append(("every comment, key order, quoting and layout", "**editor**", "kept"))
    lines = ["| Part | Owner | On a re-run |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


class SpanMismatch(ValueError):
    """A stored span does not cover the text stored with it."""


def iter_spanned(registry: Registry) -> Iterator[tuple[str | None, tuple[str | int, ...], str, Span]]:
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
                f"{' '.join(map(str, where))}: span {span.start}-{span.end} covers {actual!r}, "
                f"but the registry stores {quote!r}"
            )
