"""The evaluator's own truth table of office holders, read from the raw public tables (never from factcheck's KB).

Sources (each folder's PROVENANCE.txt says where it came from and its licence):
- office_holders/leaders_historic_all.csv (Peppercat, CC BY-NC 4.0; Wikidata facts): every country, ~1995-2023;
- office_holders_us/congress_legislators/executive_terms.csv (presidents and vice presidents since 1789) and
  leadership_terms.csv (Speaker, Senate leaders 2003-2025), CC0;
- office_holders_us/state_dept_pocom/principals.csv (Secretaries of State since 1790), public domain;
- office_holders_uk_ministers/appointments_flat.csv (UK ministers since 1979, IfG, CC BY 4.0).

Which raw position labels count as which office, and the titles news writes for it, are data:
bench/office_eval_data/offices.tsv. Country words (demonyms, names) come from ../shared/data/countries plus
bench/office_eval_data/places.tsv.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "office_eval_data"
FAMILIES = ("head", "vp", "foreign", "minister", "speaker", "central", "other")
# Countries whose names put the family name first (as news writes them: Xi Jinping, Park Geun-hye).
SURNAME_FIRST = {"china", "taiwan", "north-korea", "south-korea", "vietnam", "hong-kong", "singapore", "cambodia"}
PARTICLES = {"de", "da", "del", "della", "di", "van", "von", "der", "den", "bin", "al", "el", "le", "la", "dos", "das", "du", "ter"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True)
class Office:
    key: str
    family: str
    scope: str  # a country slug or "*"
    positions: re.Pattern
    titles: tuple[str, ...]


def load_offices(path: Path = DATA / "offices.tsv") -> list[Office]:
    rows = _tsv(path)
    offices = [Office(r[0], r[1], r[2], re.compile(f"(?:{r[3]})", re.IGNORECASE), tuple(r[4].split("|"))) for r in rows[1:]]
    assert all(o.family in FAMILIES for o in offices), "unknown family in offices.tsv"
    # Country-specific offices first: "Secretary of State" in the US is not the generic reading.
    return sorted(offices, key=lambda o: o.scope == "*")


def _given_groups(path: Path = DATA / "given_names.tsv") -> dict[str, str]:
    out = {}
    for row in _tsv(path):
        names = [fold(n) for n in row[0].split("|")]
        for n in names:
            out[n] = names[0]
    return out


def fold(text: str) -> str:
    """Lower case, accents dropped, apostrophes and dots removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[.'’`]", "", text).lower().strip()


GIVEN = _given_groups()


def name_tokens(name: str) -> list[str]:
    """The tokens of a name, folded; suffixes (Jr., III) dropped."""
    toks = [fold(t) for t in re.split(r"[\s,]+", name) if t]
    return [t for t in toks if t and t not in SUFFIXES]


def is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", token)) or bool(re.fullmatch(r"(?:[A-Z]\.){2,}", token))


def _tokens(name: str) -> list[str]:
    raw = [t for t in re.split(r"[\s,]+", name.strip()) if t]
    return [fold(t) for t in raw if fold(t) not in SUFFIXES and not is_initial(t)]


def _last(toks: list[str]) -> str:
    last = toks[-1]
    if len(toks) >= 3 and toks[-2] in PARTICLES:
        last = toks[-2] + " " + last
    return last


def _given(token: str) -> str:
    return GIVEN.get(token, token)


def name_key(name: str) -> str | None:
    """First given name + family name, middle names and initials dropped: 'George W. Bush' -> 'george bush'."""
    toks = _tokens(name)
    if len(toks) < 2:
        return None
    return f"{_given(toks[0])} {_strip_article(_last(toks))}"


def name_keys(name: str) -> set[str]:
    """Every key a mention of this name may have: also a middle name used as the given name ('Tayyip Erdogan' for
    Recep Tayyip Erdogan) and the family name without its article ('Bashar Assad' for Bashar al-Assad)."""
    toks = _tokens(name)
    if len(toks) < 2:
        return set()
    last = _strip_article(_last(toks))
    n_given = len(toks) - len(_last(toks).split())
    return {f"{_given(t)} {last}" for t in toks[:max(1, n_given)]}


def _strip_article(family: str) -> str:
    return re.sub(r"^(?:al|el)-", "", family)


def surnames(name: str, country: str) -> set[str]:
    """The ways news may write this person's family name alone."""
    toks = name_tokens(re.sub(r"\b[A-Z]\.\s*", "", name))
    if not toks:
        return set()
    if toks[0] in ("lord", "lady", "baroness", "sir"):
        return {" ".join(toks[1:])} if len(toks) > 1 else set()
    if country in SURNAME_FIRST and len(toks) >= 2:
        return {toks[0]}
    out = {toks[-1], _strip_article(toks[-1])}
    if len(toks) >= 3:
        out.add(" ".join(toks[-2:]))  # Peña Nieto, de Villepin
    if len(toks) >= 3 and toks[-2] in PARTICLES:
        out.add(toks[-2] + " " + toks[-1])
    return out


def parse_date(text: str, *, end: bool = False) -> dt.date | None:
    """'2005-02-12', '2011-01', '2005' -> a date (first day of the period, or last with end=True); '' -> None."""
    text = (text or "").strip()[:10]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            y, m = map(int, text.split("-"))
            if not end:
                return dt.date(y, m, 1)
            return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    except ValueError:
        return None
    return None


@dataclass
class Term:
    person: str
    name: str
    office: str
    country: str
    start: dt.date | None
    end: dt.date | None  # None: open (still in office at the source's date)
    source: str

    def covers(self, day: dt.date, margin: int = 0) -> bool:
        """Held on ``day`` with ``margin`` days to spare on each side (unknown start: not known to cover)."""
        if self.start is None:
            return False
        m = dt.timedelta(days=margin)
        return self.start + m <= day and (self.end is None or day <= self.end - m)

    def near(self, day: dt.date, margin: int) -> bool:
        """Held at any time within ``margin`` days of ``day`` (unknown start counts as near: cannot rule out)."""
        m = dt.timedelta(days=margin)
        lo = self.start or dt.date.min
        hi = self.end or dt.date.max
        return lo - m <= day <= (hi + m if hi < dt.date.max - m else dt.date.max)


@dataclass
class Truth:
    offices: dict[str, Office]
    terms: list[Term] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)  # folded country word -> slug
    place_words: set[str] = field(default_factory=set)  # the words as written ("U.S.", "Japanese")
    demonym: dict[str, str] = field(default_factory=dict)  # slug -> an adjective news writes ("Japanese")

    def index(self) -> Truth:
        self.terms = merge_terms(self.terms)
        close_open_ends(self.terms)
        self.by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
        self.by_person: dict[str, list[Term]] = defaultdict(list)
        self.names: dict[str, set[str]] = defaultdict(set)
        self.surname_index: dict[str, set[str]] = defaultdict(set)
        self.display: dict[str, str] = {}
        self.country_of: dict[str, set[str]] = defaultdict(set)
        for t in self.terms:
            self.by_office[(t.office, t.country)].append(t)
            self.by_person[t.person].append(t)
            if t.person not in self.display or t.source == "peppercat":
                self.display[t.person] = t.name
            self.country_of[t.person].add(t.country)
            for key in name_keys(t.name):
                self.names[key].add(t.person)
            for s in surnames(t.name, t.country):
                self.surname_index[s].add(t.person)
        for v in self.by_office.values():
            v.sort(key=lambda t: (t.start or dt.date.min, t.end or dt.date.max))
        self.title_offices: dict[str, set[str]] = defaultdict(set)
        for o in self.offices.values():
            for title in o.titles:
                self.title_offices[title.lower()].add(o.key)
        return self

    def holders(self, office: str, country: str, day: dt.date, margin: int = 0) -> list[Term]:
        return [t for t in self.by_office.get((office, country), []) if t.covers(day, margin)]

    def ever_held(self, person: str, office: str) -> bool:
        return any(t.office == office for t in self.by_person.get(person, []))

    def countries_with(self, office: str) -> set[str]:
        return {c for (o, c) in self.by_office if o == office}


def merge_terms(terms: list[Term]) -> list[Term]:
    """One term per continuous tenure: rows split per cabinet or per source are joined when they overlap or touch."""
    groups: dict[tuple[str, str, str], list[Term]] = defaultdict(list)
    for t in terms:
        groups[(t.person, t.office, t.country)].append(t)
    out = []
    for group in groups.values():
        known = sorted((t for t in group if t.start), key=lambda t: t.start)
        out.extend(t for t in group if not t.start)
        cur: Term | None = None
        for t in known:
            if cur and (cur.end is None or t.start <= cur.end + dt.timedelta(days=31)):
                if cur.end is not None and (t.end is None or t.end > cur.end):
                    cur.end = t.end
                continue
            cur = Term(t.person, t.name, t.office, t.country, t.start, t.end, t.source)
            out.append(cur)
    return out


def close_open_ends(terms: list[Term]) -> None:
    """A term left open by an older snapshot ends where another person's later term of the same office begins."""
    groups: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for t in terms:
        groups[(t.office, t.country)].append(t)
    for group in groups.values():
        for t in group:
            if t.end is None and t.start:
                later = [u.start for u in group if u.person != t.person and u.start and u.start > t.start]
                if later:
                    t.end = min(later)


def classify(offices: list[Office], country: str, position: str) -> Office | None:
    for o in offices:
        if (o.scope == "*" or o.scope == country) and o.positions.fullmatch(position.strip()):
            return o
    return None


def _slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def load_places(data: Path, slugs: set[str]) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """Country words -> Peppercat slug, and one demonym per slug, from mledoze + demonyms tables + places.tsv."""
    places: dict[str, str] = {}
    demonym: dict[str, str] = {}
    written: set[str] = set()
    mledoze = json.loads((data / "countries/mledoze/countries.json").read_text(encoding="utf-8"))
    adjectivals = json.loads((data / "countries/demonyms/demonyms.json").read_text(encoding="utf-8"))
    for c in mledoze:
        names = [c["name"]["common"], c["name"]["official"]]
        slug = next((_slugify(n) for n in names if _slugify(n) in slugs), None)
        if slug is None:
            continue
        words = set(names)
        dem = (c.get("demonyms") or {}).get("eng", {})
        words.update(v for v in dem.values() if v)
        for a in adjectivals.get(c["cca2"].lower(), {}).get("adjectivals", []):
            words.add(a.title())
        if dem.get("m"):
            demonym[slug] = dem["m"]
        for w in words:
            if w[:1].isupper() and fold(w) not in places:
                places[fold(w)] = slug
                written.add(w)
    for row in _tsv(DATA / "places.tsv"):
        for w in row[1].split("|"):
            places[fold(w)] = row[0]
            written.add(w)
    demonym.update({"united-states": "U.S.", "united-kingdom": "British"})
    return places, demonym, written


def build_truth(data: str | Path) -> Truth:
    """Read the raw tables under ``data`` (../shared/data) into a Truth."""
    data = Path(data)
    offices = load_offices()
    terms: list[Term] = []
    catalogs: set[str] = set()

    def add(person: str, name: str, country: str, position: str, start: str, end: str, source: str) -> None:
        office = classify(offices, country, position)
        if office is None or not name.strip():
            return
        terms.append(Term(person, name.strip(), office.key, country, parse_date(start), parse_date(end, end=True), source))

    with open(data / "office_holders/leaders_historic_all.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            catalogs.add(r["slug"])
            add(r["personID"] or f"pep:{r['person']}", r["person"], r["slug"], r["position"], r["start"], r["end"], "peppercat")
    us = data / "office_holders_us"
    with open(us / "congress_legislators/executive_terms.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            pos = {"prez": "President", "viceprez": "Vice President"}[r["type"]]
            add(r["wikidata"] or (r["bioguide"] and f"bio:{r['bioguide']}") or f"govtrack:{r['govtrack']}", f"{r['first']} {r['last']}", "united-states", pos, r["start"], r["end"], "us-executive")
    with open(us / "congress_legislators/leadership_terms.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            title = r["title"]
            if title in ("Majority Leader", "Minority Leader"):
                title = f"{r['chamber'].title()} {title}"
            end = r["end"]
            if not end and r["last_seen_in_current_file"] < "2026-06":
                end = r["last_seen_in_current_file"]
            add(r["wikidata"] or f"bio:{r['bioguide']}", r["name_official"], "united-states", title, r["start"], end, "us-leadership")
    with open(us / "state_dept_pocom/principals.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["position"] == "Secretary of State":
                add(f"pocom:{r['person_id']}", r["name"], "united-states", r["position"], r["started"] or r["appointed"], r["ended"], "us-pocom")
    with open(data / "office_holders_uk_ministers/appointments_flat.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            pos = "Prime Minister" if r["rank"] == "PM" else r["post"]
            add(f"ifg:{r['person_id']}", r["name"], "united-kingdom", pos, r["start_date"], r["end_date"], "uk-ifg")
    _merge_people(terms)
    places, demonym, written = load_places(data, catalogs)
    return Truth({o.key: o for o in offices}, terms, places, written, demonym).index()


def _merge_people(terms: list[Term]) -> None:
    """Give one id to one person across sources: a source without Wikidata ids joins the Wikidata person with the
    same name key in the same country who held the same office at an overlapping time (George Bush the elder,
    1989-93, does not join George W. Bush, 2001-09)."""
    qid_terms: dict[tuple[str, str, str], list[Term]] = defaultdict(list)
    for t in terms:
        if re.fullmatch(r"Q\d+", t.person):
            qid_terms[(t.country, t.office, name_key(t.name) or t.name)].append(t)
    for t in terms:
        if re.fullmatch(r"Q\d+", t.person) or t.start is None:
            continue
        cands = {q.person for q in qid_terms.get((t.country, t.office, name_key(t.name) or t.name), [])
                 if q.start and q.near(t.start, 60) or (q.start and t.near(q.start, 60))}
        if len(cands) == 1:
            t.person = cands.pop()
    # The same non-Wikidata person across the UK rows keeps its IfG id; names are per row.
