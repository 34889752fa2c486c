"""What the desk memory holds: one record per past verdict (the desk's own, or an imported public fact-check),
and what a search returns."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Origin(str, Enum):
    """Where a record came from: a claim the desk reviewed in one of its registries, or an imported ClaimReview."""

    REGISTRY = "registry"
    CLAIMREVIEW = "claimreview"


class Verdict(str, Enum):
    """The past verdict in the desk's words (a registry's review status, or an imported rating mapped onto it)."""

    ACCURATE = "accurate"
    INACCURATE = "inaccurate"
    MISLEADING = "misleading"
    UNVERIFIABLE = "unverifiable"

    @property
    def is_warning(self) -> bool:
        return self in (Verdict.INACCURATE, Verdict.MISLEADING)


class Evidence(BaseModel):
    """What re-ranking compares: stemmed content words, numbers, years and named entities (country ids, names)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    words: tuple[str, ...] = ()
    numbers: tuple[float, ...] = ()
    years: tuple[int, ...] = ()
    entities: tuple[str, ...] = ()
    # People named with a given name and a surname, as "given surname" ("eric trump"): ``entities`` keys people by
    # their surname alone, so "Eric Trump" and "Donald Trump" share "n:trump"; this tells them apart.
    people: tuple[str, ...] = ()


class MemoryRecord(BaseModel):
    """One past verdict. ``url`` is the imported fact-check's address, or ``claims/NAME.yaml#C03`` for the desk's
    own."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    origin: Origin
    text: str
    url: str
    # The fact-check's title (ClaimReview ``headline`` or ``name``): BM25 indexes it with the claim (it often words
    # the claim as people repeat it: "Did Trump Say ...?"); the re-ranker compares the claim alone.
    headline: str | None = None
    verdict: Verdict | None = None
    rating: str | None = None
    source: str | None = None
    date: str | None = None
    reviewer: str | None = None
    notes: str | None = None
    article: str | None = None
    appearances: tuple[str, ...] = ()
    evidence: Evidence = Field(default_factory=Evidence)


class Match(BaseModel):
    """A record found for a query: ``score`` is the probability that it is the same claim (0-1, the re-ranker's
    match model); ``bm25`` the first stage's score. Matches come ordered by the re-ranker's ranking model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    record: MemoryRecord
    score: float
    bm25: float
    # How much of both claims' words (weighted by rarity) the two share: the harmonic mean of the two coverages.
    overlap: float = 0.0
    # Why the two cannot be the same claim although they share words ("" when nothing says so): both name people,
    # organisations or countries and none in common, their numbers or years differ (``evidence.conflict``), or they
    # share names but say something else about them (``evidence.SAID_OTHERWISE``).
    conflict: str = ""
    # The two name people, organisations or countries in common and share no number or year: then the words they
    # say about them decide (``evidence.plain_overlaps``).
    names_only: bool = False

    def as_json(self) -> dict:
        r = self.record
        return {
            "url": r.url,
            "text": r.text,
            "rating": r.rating,
            "source": r.source,
            "date": r.date,
            "score": round(self.score, 4),
        }
