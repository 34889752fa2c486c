"""The KnowledgeBase: the embedded default data plus desk layers on top, with lookups."""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from itertools import chain, groupby, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .model import Country, Fact, Office, Organisation, Person, Term
from .names import name_keys, name_words, normalise
from .sorted_table import SortedTable, starting_with

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_DATA = DATA_DIR / "kb.json.gz"
DEFAULT_LAYER = "default"

_ROLE_WORDS = {
    "head of state": "head_of_state",
    "head of government": "head_of_government",
}
# The titles of leaders' offices that carry no role: a prime minister's office abolished since ("leader_offices_of").
_LEADER_OFFICE_TITLES = ("president", "prime minister", "premier", "chancellor", "federal chancellor")
# tokens too common to block on when looking for fuzzy candidates
_BLOCK_STOP = {"of", "the", "for", "and", "de", "la", "on", "in", "to", "at", "du", "des", "et"}


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_fromordinal = date.fromordinal


def _day(n: int) -> date | None:
    return _fromordinal(n) if n else None


def _segments(text: str) -> tuple[tuple[date, date], ...]:
    """'730000:731000,...' (day numbers) -> ((start, end), ...)."""
    return tuple(
        (_fromordinal(int(a)), _fromordinal(int(b))) for a, b in (part.split(":") for part in text.split(",") if part)
    )


class LazyRecords(dict):
    """id -> record, each built from its raw row on first access (the default KB holds tens of thousands of
    people and offices; an article touches a few dozen). Iterating builds them all."""

    def __init__(self, make, raw: dict[str, int]):
        super().__init__()
        self._make = make
        self._raw = raw  # id -> row number in the columns ``make`` reads, for records not built yet
        self._rows = dict(raw)  # id -> row number of every default record (never changes)
        self.changed: set[str] = set()  # ids set by a layer: their columns no longer describe them

    def copy(self) -> LazyRecords:
        """A copy that builds what is still unbuilt on its own, sharing the columns (builds nothing)."""
        new = LazyRecords(self._make, dict(self._raw))
        new._rows = self._rows
        new.changed = set(self.changed)
        dict.update(new, dict.items(self))
        return new

    def row_numbers(self) -> dict[str, int]:
        """id -> row number of every default record (never changes; read only)."""
        return self._rows

    def column_rows(self):
        """(id, row number) of every record the default columns still describe, in id order."""
        return ((key, row) for key, row in self._rows.items() if key not in self.changed)

    def _load(self, key):
        rec = self._make(self._raw.pop(key))
        dict.__setitem__(self, key, rec)
        return rec

    def __getitem__(self, key):
        try:
            return dict.__getitem__(self, key)
        except KeyError:
            if key in self._raw:
                return self._load(key)
            raise

    def get(self, key, default=None):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        return self._load(key) if key in self._raw else default

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or key in self._raw

    def __len__(self) -> int:
        return dict.__len__(self) + len(self._raw)

    def __setitem__(self, key, value) -> None:
        self._raw.pop(key, None)
        self.changed.add(key)
        dict.__setitem__(self, key, value)

    def _all(self) -> None:
        for key in sorted(self._raw):
            self._load(key)

    def __iter__(self):
        self._all()
        return dict.__iter__(self)

    def keys(self):
        self._all()
        return dict.keys(self)

    def values(self):
        self._all()
        return dict.values(self)

    def items(self):
        self._all()
        return dict.items(self)


class TermRows:
    """Person (or office) id -> its terms, oldest first, on the default data: the term rows of the id, from the
    term table's person (office) column as a SortedTable, less the rows a layer removed; a layer's changed lists
    (``replace_terms``) are held apart and win. (A dict of every person's and office's row list took ~0.1 s to
    build at the first review in each process.)"""

    def __init__(self, column: tuple[int, ...], numbers: dict[str, int], removed: set[int]) -> None:
        self._rows = SortedTable(column, range(len(column)))  # each id's rows stay in table order: oldest first
        self._numbers = numbers  # id -> the number the column holds for it
        self._removed = removed  # the KB's own set: rows a layer replaced or removed
        self._changed: dict[str, tuple] = {}

    def get(self, key: str, default: tuple = ()) -> tuple:
        """The term rows (or Term records, where a layer changed the list) of ``key``."""
        found = self._changed.get(key)
        if found is not None:
            return found
        n = self._numbers.get(key)
        if n is None:
            return default
        rows = self._rows.get(n)
        if self._removed:
            rows = tuple(r for r in rows if r not in self._removed)
        return rows or default

    def __setitem__(self, key: str, items: tuple) -> None:
        self._changed[key] = items


def _row_numbers(records: dict, ids: tuple[str, ...]) -> dict[str, int]:
    """id -> row number in the default columns (kept by LazyRecords; counted here for a plain dict)."""
    return records.row_numbers() if isinstance(records, LazyRecords) else {rid: i for i, rid in enumerate(ids)}


class KnowledgeBase:
    """Countries, offices, terms, people and organisations, from the default KB and desk layers."""

    # The first day from which the KB lists every country's leader offices, those abolished since included
    # (Turkey's prime minister, 2018; the Comoros', 2002): the office_holders source (../shared/data/office_holders,
    # PROVENANCE.txt) covers 1995-2023. An office abolished before then (Iran's prime minister, 1989) is not in it,
    # so "the country has no such office" can be said only from this day on.
    OFFICES_LISTED_FROM = date(1995, 1, 1)

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.offices: dict[str, Office] = {}
        self.people: dict[str, Person] = {}
        self.organisations: dict[str, Organisation] = {}
        self._term_list: list[Term] = []  # terms that are no default row: a layer's, or all of a KB built in code
        self._term_cols: dict | None = None  # the default KB's terms, as columns (Term records built when asked for)
        self._term_removed: set[int] = set()  # default rows a layer replaced or removed
        self.coverage: dict[str, date] = {}
        self._country_coverage: dict[str, date] = {}
        self._matcher_stoplist: set[str] = set()
        self.layers: list[str] = []
        self._index_cache: dict[str, object] = {}
        self._shadowed: list[Person] = []  # default-layer records a desk layer extended (for describe)
        self._office_cols: dict = {}
        self._person_cols: dict = {}
        self._term_cache: dict[int, Term] = {}
        self.office_known_to: dict[str, date] = {}  # desk layers (kb update) that extend an office's window

    # ------------------------------------------------------------ loading
    @classmethod
    def from_default_data(cls, path: Path = DEFAULT_DATA) -> KnowledgeBase:
        """Load the compact built data (``kb.json.gz``) as layer ``default``."""
        payload = json.loads(gzip.decompress(path.read_bytes()))
        kb = cls()
        kb.layers.append(DEFAULT_LAYER)
        kb.coverage = {k: date.fromisoformat(v) for k, v in payload["coverage"].items()}
        kb._country_coverage = {k: date.fromisoformat(v) for k, v in payload["country_coverage"].items()}
        kb._matcher_stoplist = set(payload.get("matcher_stoplist", []))
        kb._term_cols = _columns(payload["terms"])
        kb._term_cols["sources"] = tuple(payload["term_sources"])
        mc = Country.model_construct
        for cid, iso3, name, official, aliases, dems, adjs, hos, hog, src in payload["countries"]:
            kb.countries[cid] = mc(
                id=cid,
                iso3=iso3,
                name=name,
                official_name=official,
                aliases=tuple(aliases),
                demonyms=tuple(dems),
                adjectives=tuple(adjs),
                head_of_state_title=hos,
                head_of_government_title=hog,
                source=src,
                layer=DEFAULT_LAYER,
            )
        oc = Office.model_construct
        cols = _columns(payload["offices"])
        kb._office_cols = cols
        segments = cols.get("segments")

        def make_office(i: int) -> Office:
            return oc(
                id=cols["id"][i],
                country_id=cols["country"][i],
                title=cols["title"][i],
                aliases=tuple(a for a in cols["aliases"][i].split("|") if a),
                roles=tuple(r for r in cols["roles"][i].split(",") if r),
                source=cols["source"][i],
                layer=DEFAULT_LAYER,
                single_seat=bool(cols["single_seat"][i]),
                complete_from=_day(cols["complete_from"][i]),
                known_to=_day(cols["known_to"][i]),
                complete_segments=_segments(segments[i]) if segments else (),
                established=None,
                abolished=_day(cols["abolished"][i]),
            )

        kb.offices = LazyRecords(make_office, {oid: i for i, oid in enumerate(cols["id"])})
        pc = Person.model_construct
        pcols = _columns(payload["people"])
        kb._person_cols = pcols
        psources = payload["person_sources"]

        def make_person(i: int) -> Person:
            return pc(
                id=pcols["id"][i],
                name=pcols["name"][i],
                aliases=tuple(a for a in pcols["aliases"][i].split("|") if a),
                source=psources[pcols["source"][i]],
                layer=DEFAULT_LAYER,
            )

        kb.people = LazyRecords(make_person, {pid: i for i, pid in enumerate(pcols["id"])})
        gc = Organisation.model_construct
        for oid, name, acr, aliases, wd, src, kind in payload["organisations"]:
            kb.organisations[oid] = gc(
                id=oid,
                name=name,
                acronyms=tuple(acr),
                aliases=tuple(aliases),
                wikidata_id=wd,
                source=src,
                layer=DEFAULT_LAYER,
                kind=kind,
            )
        return kb

    @classmethod
    def layered(cls, default: KnowledgeBase | None, desk_files: Iterable[Any]) -> KnowledgeBase:
        """A new KB: ``default``'s records (left untouched; None for an empty base) with the validated desk files
        (``load_desk_files``) applied in order, each as one layer. Raises DeskError on unresolved references."""
        from .desk import desk_layer

        kb = cls()
        if default is not None:
            # the default KB's records stay columns: copies share them and build a record only when asked for
            kb.countries, kb.organisations = dict(default.countries), dict(default.organisations)
            kb.offices, kb.people = (
                r.copy() if isinstance(r, LazyRecords) else dict(r) for r in (default.offices, default.people)
            )
            kb._office_cols, kb._person_cols = default._office_cols, default._person_cols
            kb._term_cols, kb._term_cache = default._term_cols, default._term_cache
            kb._term_removed, kb._term_list = set(default._term_removed), list(default._term_list)
            kb.coverage, kb._country_coverage = dict(default.coverage), dict(default._country_coverage)
            kb._matcher_stoplist = set(default._matcher_stoplist)
            kb.office_known_to = dict(default.office_known_to)
            kb.layers = list(default.layers)
            kb._shadowed = list(default._shadowed)
        for df in desk_files:
            shadowed = desk_layer(kb, df)
            kb._shadowed.extend(shadowed)
            kb.layers.append(str(df.path))
            kb._invalidate()
        return kb

    def _invalidate(self) -> None:
        terms = self._index_cache.get("terms")  # kept up to date by replace_terms
        self._index_cache.clear()
        if terms is not None:
            self._index_cache["terms"] = terms

    @property
    def _terms(self) -> list[Term]:
        if self._term_cols is None:
            return self._term_list
        removed = self._term_removed
        return [self._term_at(i) for i in range(len(self._term_cols["person"])) if i not in removed] + self._term_list

    @_terms.setter
    def _terms(self, terms: list[Term]) -> None:
        self._term_list = list(terms)
        self._term_cols = None
        self._term_removed = set()
        self._term_cache = {}
        self._index_cache.pop("terms", None)

    def replace_terms(self, remove: Iterable[Term], add: Iterable[Term]) -> None:
        """Remove terms (as returned by ``terms_of``/``terms_of_office``) and add others, keeping the term indexes
        current: a desk layer changes a few people's terms without building the other 50,000."""
        by_p, by_o = self._terms_by()
        ids = {id(t) for t in remove}
        rows = {i for i, t in self._term_cache.items() if id(t) in ids} if ids else set()
        touched_p, touched_o = set(), set()
        for t in remove:
            touched_p.add(t.person_id)
            touched_o.add(t.office_id)
        self._term_removed |= rows
        self._term_list = [t for t in self._term_list if id(t) not in ids]
        added_p: dict[str, list[Term]] = defaultdict(list)
        added_o: dict[str, list[Term]] = defaultdict(list)
        for t in add:
            self._term_list.append(t)
            touched_p.add(t.person_id)
            touched_o.add(t.office_id)
            added_p[t.person_id].append(t)
            added_o[t.office_id].append(t)
        for index, touched, added in ((by_p, touched_p, added_p), (by_o, touched_o, added_o)):
            for key in touched:
                items = [
                    x
                    for x in (*index.get(key, ()), *added.get(key, ()))
                    if (x not in rows if isinstance(x, int) else id(x) not in ids)
                ]
                index[key] = tuple(sorted(items, key=self._term_order))

    def _term_order(self, x) -> tuple:
        """Oldest first, then office, then person: for a default row number or a Term."""
        if isinstance(x, int):
            c = self._term_cols
            return c["start"][x], self._office_cols["id"][c["office"][x]], self._person_cols["id"][c["person"][x]]
        return (x.start.toordinal() if x.start else 0), x.office_id, x.person_id

    def _term_at(self, i: int) -> Term:
        t = self._term_cache.get(i)
        if t is None:
            c = self._term_cols
            t = Term.model_construct(
                person_id=self._person_cols["id"][c["person"][i]],
                office_id=self._office_cols["id"][c["office"][i]],
                start=_day(c["start"][i]),
                end=_day(c["end"][i]),
                source=c["sources"][c["source"][i]],
                layer=DEFAULT_LAYER,
            )
            self._term_cache[i] = t
        return t

    def _index(self, name: str, builder) -> dict:
        idx = self._index_cache.get(name)
        if idx is None:
            idx = builder()
            self._index_cache[name] = idx
        return idx  # type: ignore[return-value]

    # ------------------------------------------------------------ coverage
    @property
    def coverage_end(self) -> date:
        """Overall coverage end: the office_holders snapshot (the one source covering every country)."""
        return self.coverage.get("office_holders") or min(self.coverage.values())

    def coverage_end_for(self, country_id: str | None) -> date:
        """Last date for which the KB knows the holders of this country's offices."""
        if country_id and country_id in self._country_coverage:
            return self._country_coverage[country_id]
        return self.coverage_end

    # ------------------------------------------------------------ countries
    def _country_index(self) -> dict[str, str]:
        def build() -> dict[str, str]:
            idx: dict[str, str] = {}
            for pass_ in ("name", "other"):
                for c in self.countries.values():
                    forms = (
                        [c.name, c.official_name, c.id, c.iso3]
                        if pass_ == "name"
                        else list(c.aliases) + list(c.demonyms) + list(c.adjectives)
                    )
                    for f in forms:
                        if f:
                            idx.setdefault(normalise(f), c.id)
            return idx

        return self._index("country", build)

    def _code_only_keys(self) -> frozenset[str]:
        """The country index's keys that only an ISO code gives ("co", "jpn"): no name, alias or demonym is
        spelt so."""

        def build() -> dict[str, frozenset[str]]:
            named = {
                normalise(f)
                for c in self.countries.values()
                for f in (c.name, c.official_name, *c.aliases, *c.demonyms, *c.adjectives)
                if f
            }
            codes = {normalise(f) for c in self.countries.values() for f in (c.id, c.iso3) if f}
            return {"keys": frozenset(codes - named)}

        return self._index("country_codes", build)["keys"]

    def country(self, surface: str) -> Country | None:
        """Country for a name, official name, alias, ISO code, demonym or adjective ('Japanese', 'U.S.'). An ISO
        code counts only in capitals ("CO", "JPN"): "Acme Co President" names a company, not Colombia."""
        key = normalise(surface)
        cid = self._country_index().get(key)
        if cid and not surface.strip().isupper() and key in self._code_only_keys():
            return None
        return self.countries.get(cid) if cid else None

    def longest_country_name(self) -> int:
        """The most words in any name, alias or demonym of a country: no longer run of words can name one."""
        return self._index(
            "longest_country_name", lambda: {"words": max((len(f.split()) for f in self._country_index()), default=0)}
        )["words"]

    def country_surface_forms(self) -> dict[str, str]:
        """Every capitalised surface form -> country id, for building a (longest-match) text matcher.

        Lowercase forms, two-letter codes other than 'UK'/'US', and the stoplist are excluded.
        Built once and cached like the other indexes (the same dict until the KB changes); do not mutate it.
        """

        def build() -> dict[str, str]:
            out: dict[str, str] = {}
            for cid in sorted(self.countries):
                c = self.countries[cid]
                for f in (c.name, c.official_name, *c.aliases, *c.demonyms, *c.adjectives):
                    if not f or not f[0].isupper() or f in self._matcher_stoplist:
                        continue
                    if len(f) <= 2 and f not in ("UK", "US"):
                        continue
                    out.setdefault(f, cid)
            return out

        return self._index("surface_forms", build)

    # ------------------------------------------------------------ whole-KB entries, from columns where they hold
    def _office_entries(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(id, country, normalised title and aliases) of every office in id order: read from the default columns
        for the records no layer replaced, so an index over all offices builds no record."""

        def build():
            offices, c = self.offices, self._office_cols
            rows: list[tuple[str, str, tuple[str, ...]]] = []
            if isinstance(offices, LazyRecords) and c:
                rows = [
                    (oid, c["country"][i], tuple(k for k in c["keys"][i].split("|") if k))
                    for oid, i in offices.column_rows()
                ]
                extra: Iterable[str] = offices.changed
            else:
                extra = list(offices)
            for oid in extra:
                o = offices[oid]
                rows.append((oid, o.country_id, name_keys((o.title, *o.aliases))))
            return tuple(sorted(rows, key=lambda row: row[0]) if extra else rows)  # a tuple: see _frozen

        return self._index("office_entries", build)

    def person_name_words(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(person ids, names): one item per distinct name of two words or more of every person, in id order then
        name order, the name written as its ``name_parts`` words joined by spaces (``names.name_words``).

        Read from the default columns for the records no layer replaced: the build stores each person's words
        where they are not its keys already, so no name is parsed here (parsing the default KB's 42,000 names was
        about a quarter of the linker's name index's ~0.45 s at the first review in each process)."""

        def build():
            keys, stored = self._person_cols.get("keys"), self._person_cols.get("name_words")
            words = [k if w is None else w for k, w in zip(keys, stored)] if keys else None
            return self._person_items(words, lambda p: name_words((p.name, *p.aliases)))

        return self._index("person_name_words", build)

    def _person_keys(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(person ids, keys): one item per normalised name or alias of every person, in id order then name order."""

        def build():
            return self._person_items(
                self._person_cols.get("keys"),
                lambda p: "|".join(name_keys((p.name, *p.aliases))),
            )

        return self._index("person_keys", build)

    def _person_items(self, column, record_items) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(ids, items) of every person in id order, one pair per item: ``column[row]`` holds a default row's
        items joined by "|", ``record_items(person)`` those of a record a layer replaced (or of a KB built in code).

        Two flat tuples: a tuple per person or per item would be tens of thousands of new objects, which make the
        garbage collector run full collections while they are built."""
        people = self.people
        if isinstance(people, LazyRecords) and self._person_cols:
            if not people.changed:  # the default rows alone, in the columns' (id) order: read as they are
                return _flat_items(self._person_cols["id"], column)
            rows = [(pid, column[i]) for pid, i in people.column_rows()]
            extra: Iterable[str] = people.changed
        else:
            rows, extra = [], list(people)  # (id, items joined by "|")
        for pid in extra:
            rows.append((pid, record_items(people[pid])))
        rows.sort(key=lambda row: row[0])
        return _flat_items([pid for pid, _items in rows], [items for _pid, items in rows])

    # ------------------------------------------------------------ offices
    def _offices_by_country(self) -> dict[str, list[str]]:
        def build():
            idx: dict[str, list[str]] = defaultdict(list)
            for oid, cid, _keys in self._office_entries():
                idx[cid].append(oid)
            return idx

        return self._index("offices_by_country", build)

    def offices_of(self, country_id: str) -> list[Office]:
        """Offices of a country: head of state first, then head of government, then others."""

        def key(o: Office) -> tuple:
            return (0 if "head_of_state" in o.roles else 1 if "head_of_government" in o.roles else 2, o.id)

        return sorted((self.offices[i] for i in self._offices_by_country().get(country_id, [])), key=key)

    def leader_offices_of(self, country_id: str) -> list[Office]:
        """The country's head-of-state and head-of-government offices, and offices titled like them (a prime
        minister's office abolished since), which is what "the country has a prime minister" is about."""
        # Kept per country like the other indexes: the linker and EN01 ask it for every titled mention and named
        # country, and each answer sorts and tests all of the country's offices (the UK has 745).
        known = self._index("leader_offices", dict)
        found = known.get(country_id)
        if found is None:
            found = known[country_id] = tuple(self.offices[i] for i in self._leader_office_ids(country_id))
        return list(found)

    def _leader_office_ids(self, country_id: str) -> list[str]:
        """The ids of leader_offices_of, in offices_of's order: the roles and titles read from the default columns
        for the records no layer replaced, so only the leaders' records are built (the UK has 745 offices, and
        building them all to sort them was most of a first question about a country)."""
        offices, c = self.offices, self._office_cols
        lazy = isinstance(offices, LazyRecords) and bool(c)
        rows = offices.row_numbers() if lazy else {}
        ranked = []
        for oid in self._offices_by_country().get(country_id, []):
            if lazy and oid not in offices.changed:
                i = rows[oid]
                roles: tuple[str, ...] = tuple(r for r in c["roles"][i].split(",") if r)  # as make_office reads them
                title = c["title"][i]
            else:
                o = offices[oid]
                roles, title = o.roles, o.title
            if roles or normalise(title) in _LEADER_OFFICE_TITLES:
                rank = 0 if "head_of_state" in roles else 1 if "head_of_government" in roles else 2
                ranked.append((rank, oid))  # offices_of's order
        return [oid for _, oid in sorted(ranked)]

    def office_window(self, office: Office, on: date | None = None) -> tuple[date | None, date]:
        """(complete from, known to) of an office's holder list: known to falls back to the country's coverage
        end; a desk layer from ``kb update`` extends it to the date it was fetched. Given a day ``on`` inside an
        earlier complete stretch (before a hole in the sources), complete from is that stretch's start."""
        known_to = office.known_to or (self.coverage_end_for(office.country_id) if self.coverage else date.max)
        extra = self.office_known_to.get(office.id)
        if extra and extra > known_to:
            known_to = extra
        complete_from = office.complete_from
        if complete_from is None and office.layer != DEFAULT_LAYER and office.single_seat:
            # a desk's own office: its list of holders vouches for itself from its first term
            complete_from = min((t.start for t in self.terms_of_office(office.id) if t.start), default=None)
        if on is not None and (complete_from is None or on < complete_from):
            for a, b in office.complete_segments:
                if a <= on <= b:
                    return a, known_to
        return complete_from, known_to

    def last_holders(self, office_id: str) -> list[Term]:
        """The terms of the newest holder(s) the KB knows for an office (open terms, else the latest to end)."""
        terms = self.terms_of_office(office_id)
        open_terms = [t for t in terms if t.end is None]
        if open_terms:
            newest = max((t.start or date.min) for t in open_terms)
            return [t for t in open_terms if (t.start or date.min) == newest]
        if not terms:
            return []
        last = max(t.end for t in terms)
        return [t for t in terms if t.end == last]

    def _office_title_index(self) -> dict[tuple[str, str], tuple[str, ...]]:
        def build():
            return _key_index(self.offices, self._office_cols, lambda o: (o.title, *o.aliases), lambda o: o.country_id)

        return self._index("office_title", build)

    def offices_titled(self, country_id: str, title: str) -> tuple[str, ...]:
        """Ids of a country's offices whose title or an alias is exactly ``title`` (normalised), in id order."""
        return self._office_title_index().get((country_id, title), ())

    def is_office_title(self, title: str) -> bool:
        """Whether some office of any country has ``title`` (normalised) as its title or an alias."""
        return title in self._index("office_titles", lambda: {t for _, t in self._office_title_index()})

    def _office_names_by_country(self) -> dict[str, str]:
        """country id -> the normalised titles and aliases of its offices, one a line (read from the columns: no
        office record is built)."""

        def build():
            names: dict[str, list[str]] = defaultdict(list)
            for _oid, cid, keys in self._office_entries():
                names[cid].extend(keys)
            return {cid: "\n".join(keys) for cid, keys in names.items()}

        return self._index("office_names", build)

    def has_office_name_containing(self, country_id: str, title: str) -> bool:
        """Whether a title or alias of one of the country's offices holds ``title`` (normalised) as whole words:
        a British "Secretary of State" is one of many Secretaries of State for X."""
        # The same few questions recur article after article (BBC: 295 asked, 63 different), each a search through
        # all of a country's office names (GB: 745): the answers are kept as an index of the KB like the others.
        answers = self._index("office_name_containing", dict)
        key = (country_id, title)
        found = answers.get(key)
        if found is None:
            joined = self._office_names_by_country().get(country_id, "")
            found = answers[key] = re.search(r"\b" + re.escape(title) + r"\b", joined) is not None
        return found

    def resolve_office(self, title: str, country_id: str | None) -> Office | None:
        """The office a title means in a country ('PM' + 'JP' -> JP.prime-minister); None if it has none."""
        if not country_id:
            return None
        key = normalise(title)
        role = _ROLE_WORDS.get(key)
        if role:
            # an office with a role is a leader's office: the leaders' list is offices_of's order, filtered
            for o in self.leader_offices_of(country_id):
                if role in o.roles:
                    return o
            return None
        ids = self._office_title_index().get((country_id, key), ())
        if not ids:
            return None
        exact = [i for i in ids if normalise(self.offices[i].title) == key]
        return self.offices[(exact or ids)[0]]

    TITLE_PHRASES = (
        re.compile(r"^(?P<title>.+?) of (?P<country>.+)$"),
        re.compile(r"^(?P<country>.+?)(?:'s|’s|s') (?P<title>.+)$"),
    )

    def office_by_phrase(self, phrase: str) -> Office | None:
        """'Japanese Prime Minister', 'Prime Minister of Japan', "Japan's prime minister", 'U.S. President'."""
        phrase = " ".join(phrase.split())
        for rx in self.TITLE_PHRASES:
            m = rx.match(phrase)
            if m:
                c = self.country(m.group("country"))
                if c:
                    o = self.resolve_office(m.group("title"), c.id)
                    if o:
                        return o
        words = phrase.split()
        for i in range(len(words) - 1, 0, -1):  # longest country prefix first
            c = self.country(" ".join(words[:i]))
            if c:
                return self.resolve_office(" ".join(words[i:]), c.id)
        return None

    # ------------------------------------------------------------ people / terms
    def _person_index(self) -> SortedTable[str, str]:
        """normalised name or alias -> ids of the people known by it, in id order."""

        def build():
            ids, keys = self._person_keys()
            return SortedTable(keys, ids)

        return self._index("person", build)

    def people_named(self, name: str) -> list[Person]:
        """People whose full name, alias or transliteration variant normalises to ``name`` (no surname-only)."""
        return [self.people[i] for i in self._person_index().get(normalise(name), ())]

    def person(self, person_id: str) -> Person | None:
        """A person by id (Wikidata QID where known)."""
        return self.people.get(person_id)

    def _terms_by(self) -> tuple[TermRows | dict[str, tuple], TermRows | dict[str, tuple]]:
        """person id -> terms and office id -> terms, oldest first; on the default data, row numbers whose Term
        records are built when asked for."""

        def build():
            if self._term_cols is not None:
                c, removed = self._term_cols, self._term_removed
                by_p = TermRows(c["person"], _row_numbers(self.people, self._person_cols["id"]), removed)
                by_o = TermRows(c["office"], _row_numbers(self.offices, self._office_cols["id"]), removed)
                # a layer's terms, each in its person's and office's list in order (replace_terms does the same)
                added_p: dict[str, list[Term]] = defaultdict(list)
                added_o: dict[str, list[Term]] = defaultdict(list)
                for t in self._term_list:
                    added_p[t.person_id].append(t)
                    added_o[t.office_id].append(t)
                for index, added in ((by_p, added_p), (by_o, added_o)):
                    for key, terms in added.items():
                        index[key] = tuple(sorted((*index.get(key, ()), *terms), key=self._term_order))
                return by_p, by_o
            by_p_list: dict[str, list] = defaultdict(list)
            by_o_list: dict[str, list] = defaultdict(list)
            for t in sorted(self._terms, key=lambda t: (t.start or date.min, t.office_id, t.person_id)):
                by_p_list[t.person_id].append(t)
                by_o_list[t.office_id].append(t)
            return _frozen(by_p_list), _frozen(by_o_list)

        return self._index("terms", build)

    def _materialise(self, items: tuple) -> list[Term]:
        return [self._term_at(x) if isinstance(x, int) else x for x in items]

    def terms_of(self, person_id: str) -> list[Term]:
        """Merged tenures of a person, oldest first."""
        return self._materialise(self._terms_by()[0].get(person_id, ()))

    def holders(self, office_id: str, on: date) -> list[Term]:
        """Terms of ``office_id`` covering day ``on`` (usually one)."""
        return [t for t in self.terms_of_office(office_id) if t.covers(on)]

    def terms_of_office(self, office_id: str) -> list[Term]:
        """All terms of an office, oldest first."""
        return self._materialise(self._terms_by()[1].get(office_id, ()))

    def person_name_keys(self) -> tuple[str, ...]:
        """The normalised names and aliases of every person, in id order (for whole-KB indexes)."""
        return self._person_keys()[1]

    @property
    def terms(self) -> list[Term]:
        """All terms (read-only copy)."""
        return list(self._terms)

    # ------------------------------------------------------------ organisations
    def _org_index(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        def build():
            names: dict[str, list[str]] = defaultdict(list)
            acr: dict[str, list[str]] = defaultdict(list)
            for o in sorted(self.organisations.values(), key=lambda o: o.id):
                for n in (o.name, *o.aliases):
                    k = normalise(n)
                    if k and o.id not in names[k]:
                        names[k].append(o.id)
                for a in o.acronyms:
                    k = normalise(a)
                    if k and o.id not in acr[k]:
                        acr[k].append(o.id)
            return names, acr

        return self._index("org", build)

    def organisation(self, name: str) -> Organisation | None:
        """Organisation by official name, alias or (unambiguous) acronym."""
        names, acr = self._org_index()
        k = normalise(name)
        ids = names.get(k) or []
        if not ids:
            a = acr.get(k) or []
            ids = a if len(a) == 1 else []
        if not ids:
            return None
        ids = sorted(ids, key=lambda i: (normalise(self.organisations[i].name) != k, i))
        return self.organisations[ids[0]]

    def _fuzzy_index(self, kind: str) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """(id -> normalised forms, token -> ids), built once per KB state."""

        def build():
            if kind == "org":
                forms = {o.id: name_keys((o.name, *o.aliases)) for o in self.organisations.values()}
            else:
                # the keys _person_keys already read, each person's in one run
                ids, keys = self._person_keys()
                forms = {pid: tuple(k for _, k in run) for pid, run in groupby(zip(ids, keys), key=itemgetter(0))}
            # Each record once under each of its tokens, kept as tuples (see ``_frozen``). Records come one at a
            # time: a record already under a token is the token's last one.
            block: dict[str, list[str]] = defaultdict(list)
            for rid, keys in forms.items():
                for f in keys:
                    for tok in f.split():
                        if tok not in _BLOCK_STOP:
                            ids = block[tok]
                            if not ids or ids[-1] != rid:
                                ids.append(rid)
            return forms, _frozen(block)

        return self._index("fuzzy_" + kind, build)

    def _fuzzy_prefixed(self, kind: str, prefix: str) -> tuple[str, ...]:
        """The blocked tokens that start with the 4-letter ``prefix`` (so have more than 3 letters): the fallback of
        ``_fuzzy`` when no token of a name is in the index, rarely needed (a near miss shares its other tokens).
        The tokens are kept sorted, when first needed (one sort in C): a prefix's are one run of them."""
        tokens = self._index("fuzzy_tokens_" + kind, lambda: {"sorted": tuple(sorted(self._fuzzy_index(kind)[1]))})[
            "sorted"
        ]
        return starting_with(tokens, prefix)

    def _fuzzy(self, name: str, kind: str, limit: int) -> list[tuple[str, float]]:
        """Token-blocked candidates (a shared non-stop token; failing that a shared 4-letter token prefix), scored
        by rapidfuzz's ratio on normalised names. Only the candidates are scored, never the whole KB."""
        forms, block = self._fuzzy_index(kind)
        key = normalise(name)
        toks = [t for t in key.split() if t not in _BLOCK_STOP]
        cand: set[str] = set()
        for t in toks:
            ids = block.get(t)
            if ids and len(ids) <= 400:
                cand.update(ids)
        if not cand:  # fall back to prefix blocks (typo in every token is rare)
            for t in toks:
                for tok in self._fuzzy_prefixed(kind, t[:4]) if len(t) >= 4 else ():
                    cand.update(block[tok])
        scored = []
        for rid in cand:
            best = max(fuzz.ratio(key, f) for f in forms[rid]) if forms[rid] else 0.0
            scored.append((rid, best / 100.0))
        scored.sort(key=lambda x: (-x[1], x[0]))
        return scored[:limit]

    def organisation_candidates(self, name: str, limit: int = 3) -> list[tuple[Organisation, float]]:
        """Closest organisations (score 0..1) among token-blocked candidates, best first."""
        return [(self.organisations[i], s) for i, s in self._fuzzy(name, "org", limit)]

    def person_candidates(self, name: str, limit: int = 3) -> list[tuple[Person, float]]:
        """Closest people (score 0..1) among token-blocked candidates, best first."""
        return [(self.people[i], s) for i, s in self._fuzzy(name, "person", limit)]

    def _shadowed_named(self, name: str) -> list[Person]:
        key = normalise(name)
        return [p for p in self._shadowed if key in {normalise(n) for n in (p.name, *p.aliases)}]

    # ------------------------------------------------------------ describe
    def describe(self, name: str) -> list[Fact]:
        """Everything known about a name, each fact with its source and layer (used by ``kb show``)."""
        facts: list[Fact] = []
        c = self.country(name)
        if c:
            facts.append(
                Fact(
                    kind="country",
                    record_id=c.id,
                    label=c.name,
                    detail=(
                        f"head of state: {c.head_of_state_title}; head of government: {c.head_of_government_title}; "
                        f"coverage to {self.coverage_end_for(c.id)}"
                    ),
                    source=c.source,
                    layer=c.layer,
                )
            )
        o = self.office_by_phrase(name)
        if o:
            facts.append(
                Fact(
                    kind="office",
                    record_id=o.id,
                    label=o.title,
                    detail=f"country {o.country_id}; roles {', '.join(o.roles) or '-'}",
                    source=o.source,
                    layer=o.layer,
                )
            )
        for p in [*self._shadowed_named(name), *self.people_named(name)]:
            wd = p.wikidata_id or "no Wikidata id"
            facts.append(
                Fact(
                    kind="person",
                    record_id=p.id,
                    label=p.name,
                    detail=f"{wd}; aliases: {', '.join(p.aliases) or '-'}",
                    source=p.source,
                    layer=p.layer,
                )
            )
            for t in self.terms_of(p.id):
                off = self.offices.get(t.office_id)
                title = f"{off.title} ({off.country_id})" if off else t.office_id
                facts.append(
                    Fact(
                        kind="term",
                        record_id=t.office_id,
                        label=title,
                        detail=t.dates(" – "),
                        source=t.source,
                        layer=t.layer,
                    )
                )
        g = self.organisation(name)
        if g:
            facts.append(
                Fact(
                    kind="organisation",
                    record_id=g.id,
                    label=g.name,
                    detail=f"acronyms: {', '.join(g.acronyms) or '-'}; Wikidata: {g.wikidata_id or '-'}",
                    source=g.source,
                    layer=g.layer,
                )
            )
        return facts


def _key_index(records, cols: dict, names, country=None) -> dict[Any, tuple[str, ...]]:
    """normalised name -> ids in id order (keyed (country, name) when ``country`` is given), read from the default
    columns (a loop over strings, no record built) for the records no layer replaced, then from the others."""
    idx: dict = defaultdict(list)
    lazy = isinstance(records, LazyRecords) and bool(cols)
    changed = records.changed if lazy else set(records)
    if lazy:
        countries = cols["country"] if country else None
        for i, (rid, keys) in enumerate(zip(cols["id"], cols["keys"])):
            if rid in changed:
                continue
            for k in keys.split("|"):
                if k:
                    idx[(countries[i], k) if country else k].append(rid)
    touched = set()
    for rid in sorted(changed):
        rec = records[rid]
        for k in dict.fromkeys(k for k in map(normalise, names(rec)) if k):
            key = (country(rec), k) if country else k
            idx[key].append(rid)
            touched.add(key)
    if lazy:
        for key in touched:
            idx[key].sort()
    return _frozen(idx)


def _flat_items(ids: Sequence[str], items: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(ids, items), one pair per item, of records given as ids and their items joined by "|" ("" for none)."""
    counts = [joined.count("|") + 1 if joined else 0 for joined in items]
    joined = "|".join(filter(None, items))
    return tuple(chain.from_iterable(map(repeat, ids, counts))), tuple(joined.split("|")) if joined else ()


def _columns(table: dict[str, list]) -> dict[str, tuple]:
    """A table of the built data, its columns made tuples: the process keeps them for its whole life and only reads
    them, and the garbage collector would walk each column list's 50,000 items at every full collection (a tuple
    of strings or numbers it leaves alone once it has seen it)."""
    return {name: tuple(column) for name, column in table.items()}


def _frozen(index: dict[Any, list]) -> dict[Any, tuple]:
    """A whole-KB index with tuples for lists, built once and only read after.

    The garbage collector scans every list and set at each full collection as long as the process lives (the
    default KB's indexes hold ~100,000 of them), and a tuple of strings or numbers only until the first collection
    finds it holds nothing it could keep alive: built as lists, kept as tuples."""
    return {key: tuple(items) for key, items in index.items()}


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The embedded default KB, loaded once per process."""
    return KnowledgeBase.from_default_data()


def load_kb(desk_paths: Iterable[Path] = (), *, include_default: bool = True) -> KnowledgeBase:
    """Default KB plus desk YAML layers applied in order (a fresh object; the cached default is untouched)."""
    from .desk import load_desk_files

    desk_files = load_desk_files([Path(p) for p in desk_paths])  # validates all before applying any
    return KnowledgeBase.layered(default_kb() if include_default else None, desk_files)
