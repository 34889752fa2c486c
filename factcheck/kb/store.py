"""The KnowledgeBase: the embedded default data plus desk layers on top, with lookups."""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .model import Country, Fact, Office, Organisation, Person, Term
from .names import normalise

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_DATA = DATA_DIR / "kb.json.gz"
DEFAULT_LAYER = "default"

_ROLE_WORDS = {
    "head of state": "head_of_state",
    "head of government": "head_of_government",
}
# tokens too common to block on when looking for fuzzy candidates
_BLOCK_STOP = {"of", "the", "for", "and", "de", "la", "on", "in", "to", "at", "du", "des", "et"}


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class KnowledgeBase:
    """Countries, offices, terms, people and organisations, from the default KB and desk layers."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.offices: dict[str, Office] = {}
        self.people: dict[str, Person] = {}
        self.organisations: dict[str, Organisation] = {}
        self._terms: list[Term] = []
        self.coverage: dict[str, date] = {}
        self._country_coverage: dict[str, date] = {}
        self._matcher_stoplist: set[str] = set()
        self.layers: list[str] = []
        self._index_cache: dict[str, object] = {}
        self._shadowed: list[Person] = []  # default-layer records a desk layer extended (for describe)

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
        mc = Country.model_construct
        for cid, iso3, name, official, aliases, dems, adjs, hos, hog, src in payload["countries"]:
            kb.countries[cid] = mc(id=cid, iso3=iso3, name=name, official_name=official, aliases=tuple(aliases),
                                   demonyms=tuple(dems), adjectives=tuple(adjs), head_of_state_title=hos,
                                   head_of_government_title=hog, source=src, layer=DEFAULT_LAYER)
        oc = Office.model_construct
        for oid, country, title, aliases, roles, src in payload["offices"]:
            kb.offices[oid] = oc(id=oid, country_id=country, title=title, aliases=tuple(aliases),
                                 roles=tuple(roles), source=src, layer=DEFAULT_LAYER)
        pc = Person.model_construct
        for pid, name, aliases, src in payload["people"]:
            kb.people[pid] = pc(id=pid, name=name, aliases=tuple(aliases), source=src, layer=DEFAULT_LAYER)
        tc = Term.model_construct
        kb._terms = [tc(person_id=p, office_id=o, start=_d(s), end=_d(e), source=src, layer=DEFAULT_LAYER)
                     for p, o, s, e, src in payload["terms"]]
        gc = Organisation.model_construct
        for oid, name, acr, aliases, wd, src, kind in payload["organisations"]:
            kb.organisations[oid] = gc(id=oid, name=name, acronyms=tuple(acr), aliases=tuple(aliases),
                                       wikidata_id=wd, source=src, layer=DEFAULT_LAYER, kind=kind)
        return kb

    @classmethod
    def layered(cls, default: KnowledgeBase | None, desk_files: Iterable[Any]) -> KnowledgeBase:
        """A new KB: ``default``'s records (left untouched; None for an empty base) with the validated desk files
        (``load_desk_files``) applied in order, each as one layer. Raises DeskError on unresolved references."""
        from .desk import desk_layer

        kb = cls()
        if default is not None:
            kb.countries, kb.offices = dict(default.countries), dict(default.offices)
            kb.people, kb.organisations = dict(default.people), dict(default.organisations)
            kb._terms = list(default._terms)
            kb.coverage, kb._country_coverage = dict(default.coverage), dict(default._country_coverage)
            kb._matcher_stoplist = set(default._matcher_stoplist)
            kb.layers = list(default.layers)
            kb._shadowed = list(default._shadowed)
        for df in desk_files:
            terms, shadowed = desk_layer(kb, df)
            kb._terms = terms
            kb._shadowed.extend(shadowed)
            kb.layers.append(str(df.path))
            kb._invalidate()
        return kb

    def _invalidate(self) -> None:
        self._index_cache.clear()

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
                    forms = [c.name, c.official_name, c.id, c.iso3] if pass_ == "name" else \
                        list(c.aliases) + list(c.demonyms) + list(c.adjectives)
                    for f in forms:
                        if f:
                            idx.setdefault(normalise(f), c.id)
            return idx
        return self._index("country", build)

    def country(self, surface: str) -> Country | None:
        """Country for a name, official name, alias, ISO code, demonym or adjective ('Japanese', 'U.S.')."""
        cid = self._country_index().get(normalise(surface))
        return self.countries.get(cid) if cid else None

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

    # ------------------------------------------------------------ offices
    def offices_of(self, country_id: str) -> list[Office]:
        """National offices of a country: head of state first, then head of government, then others."""
        def key(o: Office) -> tuple:
            return (0 if "head_of_state" in o.roles else 1 if "head_of_government" in o.roles else 2, o.id)
        return sorted((o for o in self.offices.values() if o.country_id == country_id), key=key)

    def _office_title_index(self) -> dict[tuple[str, str], list[str]]:
        def build():
            idx: dict[tuple[str, str], list[str]] = defaultdict(list)
            for o in sorted(self.offices.values(), key=lambda o: o.id):
                for t in (o.title, *o.aliases):
                    k = (o.country_id, normalise(t))
                    if o.id not in idx[k]:
                        idx[k].append(o.id)
            return idx
        return self._index("office_title", build)

    def resolve_office(self, title: str, country_id: str | None) -> Office | None:
        """The office a title means in a country ('PM' + 'JP' -> JP.prime-minister); None if it has none."""
        if not country_id:
            return None
        key = normalise(title)
        role = _ROLE_WORDS.get(key)
        if role:
            for o in self.offices_of(country_id):
                if role in o.roles:
                    return o
            return None
        ids = self._office_title_index().get((country_id, key), [])
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
    def _person_index(self) -> dict[str, list[str]]:
        def build():
            idx: dict[str, list[str]] = defaultdict(list)
            for p in sorted(self.people.values(), key=lambda p: p.id):
                for n in (p.name, *p.aliases):
                    k = normalise(n)
                    if k and p.id not in idx[k]:
                        idx[k].append(p.id)
            return idx
        return self._index("person", build)

    def people_named(self, name: str) -> list[Person]:
        """People whose full name, alias or transliteration variant normalises to ``name`` (no surname-only)."""
        return [self.people[i] for i in self._person_index().get(normalise(name), [])]

    def person(self, person_id: str) -> Person | None:
        """A person by id (Wikidata QID where known)."""
        return self.people.get(person_id)

    def _terms_by(self) -> tuple[dict[str, list[Term]], dict[str, list[Term]]]:
        def build():
            by_p: dict[str, list[Term]] = defaultdict(list)
            by_o: dict[str, list[Term]] = defaultdict(list)
            for t in sorted(self._terms, key=lambda t: (t.start or date.min, t.office_id, t.person_id)):
                by_p[t.person_id].append(t)
                by_o[t.office_id].append(t)
            return by_p, by_o
        return self._index("terms", build)

    def terms_of(self, person_id: str) -> list[Term]:
        """Merged tenures of a person, oldest first."""
        return list(self._terms_by()[0].get(person_id, []))

    def holders(self, office_id: str, on: date) -> list[Term]:
        """Terms of ``office_id`` covering day ``on`` (usually one)."""
        return [t for t in self._terms_by()[1].get(office_id, []) if t.covers(on)]

    def terms_of_office(self, office_id: str) -> list[Term]:
        """All terms of an office, oldest first."""
        return list(self._terms_by()[1].get(office_id, []))

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

    def _fuzzy_index(self, kind: str) -> tuple[dict[str, tuple[str, ...]], dict[str, set[str]], dict[str, set[str]]]:
        """(id -> normalised forms, token -> ids, 4-letter token prefix -> ids), built once per KB state."""
        def build():
            if kind == "org":
                records = {o.id: (o.name, *o.aliases) for o in self.organisations.values()}
            else:
                records = {p.id: (p.name, *p.aliases) for p in self.people.values()}
            forms: dict[str, tuple[str, ...]] = {}
            block: dict[str, set[str]] = defaultdict(set)
            prefix: dict[str, set[str]] = defaultdict(set)
            for rid, names in sorted(records.items()):
                forms[rid] = tuple(dict.fromkeys(k for k in map(normalise, names) if k))
                for f in forms[rid]:
                    for tok in f.split():
                        if tok not in _BLOCK_STOP:
                            block[tok].add(rid)
                            if len(tok) > 3:
                                prefix[tok[:4]].add(rid)
            return forms, dict(block), dict(prefix)
        return self._index("fuzzy_" + kind, build)

    def _fuzzy(self, name: str, kind: str, limit: int) -> list[tuple[str, float]]:
        """Token-blocked candidates (a shared non-stop token; failing that a shared 4-letter token prefix), scored
        by rapidfuzz's ratio on normalised names. Only the candidates are scored, never the whole KB."""
        forms, block, prefix = self._fuzzy_index(kind)
        key = normalise(name)
        toks = [t for t in key.split() if t not in _BLOCK_STOP]
        cand: set[str] = set()
        for t in toks:
            ids = block.get(t)
            if ids and len(ids) <= 400:
                cand |= ids
        if not cand:  # fall back to prefix blocks (typo in every token is rare)
            for t in toks:
                cand |= prefix.get(t[:4], set())
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
            facts.append(Fact(kind="country", record_id=c.id, label=c.name,
                              detail=f"head of state: {c.head_of_state_title}; head of government: {c.head_of_government_title}; coverage to {self.coverage_end_for(c.id)}",
                              source=c.source, layer=c.layer))
        o = self.office_by_phrase(name)
        if o:
            facts.append(Fact(kind="office", record_id=o.id, label=o.title, detail=f"country {o.country_id}; roles {', '.join(o.roles) or '-'}",
                              source=o.source, layer=o.layer))
        for p in [*self._shadowed_named(name), *self.people_named(name)]:
            wd = p.wikidata_id or "no Wikidata id"
            facts.append(Fact(kind="person", record_id=p.id, label=p.name,
                              detail=f"{wd}; aliases: {', '.join(p.aliases) or '-'}", source=p.source, layer=p.layer))
            for t in self.terms_of(p.id):
                off = self.offices.get(t.office_id)
                title = f"{off.title} ({off.country_id})" if off else t.office_id
                facts.append(Fact(kind="term", record_id=t.office_id, label=title,
                                  detail=f"{t.start or '?'} – {t.end or 'present'}", source=t.source, layer=t.layer))
        g = self.organisation(name)
        if g:
            facts.append(Fact(kind="organisation", record_id=g.id, label=g.name,
                              detail=f"acronyms: {', '.join(g.acronyms) or '-'}; Wikidata: {g.wikidata_id or '-'}",
                              source=g.source, layer=g.layer))
        return facts


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The embedded default KB, loaded once per process."""
    return KnowledgeBase.from_default_data()


def load_kb(desk_paths: Iterable[Path] = (), *, include_default: bool = True) -> KnowledgeBase:
    """Default KB plus desk YAML layers applied in order (a fresh object; the cached default is untouched)."""
    from .desk import load_desk_files

    desk_files = load_desk_files([Path(p) for p in desk_paths])  # validates all before applying any
    return KnowledgeBase.layered(default_kb() if include_default else None, desk_files)
