"""Knowledge-base records (pydantic v2, frozen value objects).

Every record carries ``source`` (the dataset that said it, e.g. ``office_holders``)
and ``layer`` (``default`` for the embedded KB, or the desk YAML file path) so a
flag can cite its evidence.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["head_of_state", "head_of_government"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    layer: str = "default"


class Country(_Record):
    """A country or territory, keyed by ISO 3166-1 alpha-2 code (``id``)."""

    id: str
    iso3: str | None = None
    name: str
    official_name: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    head_of_state_title: str | None = None
    head_of_government_title: str | None = None


class Office(_Record):
    """An office of a state (or the EU) such as ``JP.prime-minister``; ``roles`` says whether it is HoS/HoG.

    ``complete_from``/``known_to`` are the coverage window: the period over which the KB's holder list for this
    office is complete (from its sources); None means unknown (no completeness is claimed). ``established`` and
    ``abolished`` date the office itself where the sources show it (Turkey's prime minister until 2018-07-09).
    ``complete_segments`` are earlier stretches, before ``complete_from``, over which the list is complete too (a
    hole in the sources leaves the list complete on either side of it).
    ``single_seat`` is False for offices several people hold at once (senators, deputy prime ministers).
    """

    id: str
    country_id: str
    title: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    single_seat: bool = True
    complete_from: date | None = None
    known_to: date | None = None
    complete_segments: tuple[tuple[date, date], ...] = ()
    established: date | None = None
    abolished: date | None = None

    def exists_on(self, day: date) -> bool:
        """False when the sources show the office did not exist yet, or no longer, on ``day``."""
        if self.abolished is not None and day >= self.abolished:
            return False
        return self.established is None or day >= self.established

    def window_covers(self, day: date) -> bool:
        """True when the holder list is complete on ``day`` (inside the coverage window)."""
        if any(a <= day <= b for a, b in self.complete_segments):
            return True
        return (
            self.complete_from is not None and self.known_to is not None and self.complete_from <= day <= self.known_to
        )


class Term(_Record):
    """One real tenure (Wikidata's per-cabinet rows merged); ``end`` None = open/current."""

    person_id: str
    office_id: str
    start: date | None
    end: date | None = None

    def dates(self, between: str = " to ") -> str:
        """'2020-09-16 to 2021-10-04' ('present' for an open term, '?' for an unknown start; 'dates unknown' when
        the source gives neither: a member of Congress who left before 2012)."""
        if self.start is None and self.end is None:
            return "dates unknown"
        return f"{self.start or '?'}{between}{self.end or 'present'}"

    def covers(self, day: date) -> bool:
        """True when ``day`` falls inside the term (start inclusive, end exclusive)."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end

    def overlaps(self, other: Term, margin: timedelta = timedelta(0)) -> bool:
        """True when the two terms share more than ``margin`` of time (an unknown start is early, an unknown end
        runs on). A margin lets a handover's days count as no overlap."""
        self_start, other_start = self.start or date.min, other.start or date.min
        self_end, other_end = self.end or date.max, other.end or date.max
        return self_start < other_end - margin and other_start < self_end - margin


class Person(_Record):
    """A person; ``id`` is the Wikidata QID where known, else ``fc:<slug>``."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def wikidata_id(self) -> str | None:
        """The Wikidata QID, or None for people without one."""
        return self.id if self.id.startswith("Q") else None


class Organisation(_Record):
    """An organisation with official name, acronyms, aliases and Wikidata id where known."""

    id: str
    name: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    wikidata_id: str | None = None
    kind: str | None = None


class Fact(BaseModel):
    """One thing the KB knows about a name, with the layer that said it (``kb describe``/``kb show``)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["country", "office", "person", "organisation", "term"]
    record_id: str
    label: str
    detail: str
    source: str
    layer: str
