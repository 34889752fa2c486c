#!/usr/bin/env python3
"""Build the default knowledge base from the shared public data.

Usage:  python scripts/build_kb.py ../shared/data [--out factcheck/kb/data]

Writes ``kb.json.gz`` (the compact built KB), ``BUILD_LOG.md`` (what was dropped
or repaired and why, counts per source) and ``PROVENANCE.md``.  Deterministic:
no timestamps, sorted output, gzip mtime 0 -> two runs are byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.kb.names import name_words, normalise, slugify, strip_diacritics, title_case_caps  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from kb_phoenix import extend_leaders  # noqa: E402
from kb_offices import OfficeMap, name_forms, office_facts, several_seats, uk_ministers, unify_people, us_offices, birth_of  # noqa: E402

HAND_CURATED = ROOT / "scripts" / "hand_curated"


def curated_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a hand-curated file (comment lines start with #)."""
    lines = (HAND_CURATED / name).read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


ONE_DAY = timedelta(days=1)
# Offices several people hold at once: open rows are not closed by the next person's start.
MULTI_SEAT = {"US.senator", "US.representative"}
# Sources that list who held an office at a snapshot (an open row ends when a successor appears); the others
# give real end dates.
SNAPSHOT_SOURCES = {"office_holders", "factbook", "world_leaders_2026"}
# Congress: complete term histories for everyone who sat at any time from this date (congress-legislators'
# monthly snapshots start 2012-09; see its PROVENANCE.txt).
CONGRESS_COMPLETE_FROM = date(2012, 9, 1)

# Slugs of office_holders places whose name does not match a country name directly.
SLUG_TO_ISO = {
    "congo-kinshasa": "CD", "congo-brazzaville": "CG", "ivory-coast": "CI", "caymans": "KY",
    "faroes": "FO", "bosnia-herzegovina": "BA", "micronesia": "FM", "st-kitts-and-nevis": "KN",
    "timor-leste": "TL", "turks-and-caicos": "TC", "czechia": "CZ", "eswatini": "SZ",
    "cabo-verde": "CV", "north-korea": "KP", "south-korea": "KR", "palestine": "PS",
    "vietnam": "VN", "russia": "RU", "laos": "LA", "syria": "SY", "iran": "IR",
    "curacao": "CW", "sint-maarten": "SX", "georgia": "GE", "european-union": "EU",
    "united-states": "US", "united-kingdom": "GB", "british-virgin-islands": "VG",
    "saint-vincent-and-the-grenadines": "VC", "saint-lucia": "LC", "aland": "AX",
    "sao-tome-and-principe": "ST", "moldova": "MD", "tanzania": "TZ", "bolivia": "BO",
    "venezuela": "VE", "brunei": "BN", "gambia": "GM", "bahamas": "BS", "netherlands": "NL",
}
# Factbook GEC codes whose conventional short name does not match a country name.
GEC_TO_ISO = {"bm": "MM", "cb": "KH", "cg": "CD", "cf": "CG", "vq": "VI", "vi": "VG", "iv": "CI", "uk": "GB", "us": "US",
              "ks": "KR", "kn": "KP", "rs": "RU", "vm": "VN", "bx": "BN", "ga": "GM",
              "bf": "BS", "tt": "TL", "fm": "FM", "wz": "SZ", "cv": "CV", "ez": "CZ"}
# Pseudo-country entities (not in mledoze) we keep because office data covers them.
EXTRA_ENTITIES = {
    "EU": {"name": "European Union", "official": "European Union", "aliases": ["EU"],
           "iso3": None, "adjectives": [], "demonyms": []},
    # office_holders' "world" page: its UN officers (office_map.tsv) belong here; the names are kept from the text
    # matcher (MATCHER_STOPLIST): "UN" in a sentence stays an organisation, "UN Secretary-General" still resolves
    "UN": {"name": "United Nations", "official": "United Nations", "aliases": ["UN", "U.N."],
           "iso3": None, "adjectives": [], "demonyms": []},
}
# Surface forms never offered to a text matcher (ordinary words / people's names);
# lookups through kb.country() still work for them.  "Chad", "Jordan", "Georgia",
# "Turkey", "China", "Niger" stay: capitalised in news text they almost always mean
# the country (documented in docs/knowledge-base.md).
MATCHER_STOPLIST = {"Man", "Nihon", "Nippon", "Kiribati Islands", "United Nations", "UN", "U.N."}
MONARCH_WORDS = ["king", "queen", "monarch", "emperor", "empress", "sultan", "emir", "amir",
                 "grand duke", "prince", "sovereign", "co prince"]
EXCLUDE_BEFORE = {"deputy", "vice", "first", "assistant", "crown", "minister", "former",
                  "second", "third", "senior", "associate", "lieutenant", "under", "sub", "the", "to",
                  "advisor", "adviser", "spouse", "wife", "husband", "chief", "secretary"}
ALLOWED_OF = {"the republic", "the state council", "the government", "the council of ministers",
              "the cabinet of ministers", "the federal government", "the swiss confederation",
              "the presidency", "the executive yuan", "the presidential council", "the nation",
              "the federation", "government", "the union", "the state", "state"}
EXCLUDE_AFTER = {"of", "for", "to", "pro", "in", "at", "s", "general", "emeritus", "elect",
                 "consort", "regent"}
TITLE_SYNONYMS = {
    "prime minister": ["PM", "Premier"],
    "premier": ["Prime Minister", "PM"],
    "chancellor": ["Federal Chancellor"],
    "president": [],
}
HONORIFICS = {"sir", "dame", "sr", "gen", "dr", "sheikh", "shaykh", "archbishop", "acting",
              "interim", "transitional", "lt", "col", "maj", "brig", "general", "field", "marshal",
              "his", "her", "majesty", "highness"}
# Words that qualify a tenure but are not part of an office title ("Caretaker Prime Minister"
# is the Prime Minister).  Stripped from titles; rows with them still match the office.
QUALIFIERS = {"acting", "caretaker", "interim", "transitional", "transition", "provisional"}
# Words an office title ends with; a Factbook title that stops before one was cut at an unknown word
# ("Presidential [Leadership Council Chairperson]"), one that ends in a function word was cut mid-name.
HEAD_WORDS = {"president", "chairperson", "chairman", "chair", "minister", "premier", "king", "queen", "emir",
              "amir", "sultan", "monarch", "leader", "regent", "governor", "chancellor"}
FUNCTION_WORDS = {"of", "the", "for", "and", "in", "on"}
# Titles that can only name a head of government / a head of state; used to reject
# office_holders fallbacks that put a prime minister first in a country's list (Syria 2025).
HOG_ONLY_TITLES = {"prime minister", "premier", "chancellor", "federal chancellor", "chief minister"}
HOS_WORDS = {"president", "king", "queen", "monarch", "emperor", "emir", "amir", "sultan",
             "grand duke", "prince", "co prince", "captains regent", "supreme leader", "head of state",
             "chairman", "chairperson", "federal president", "governor general"}
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


class Log:
    """Collects build-log lines by section, plus counters."""

    def __init__(self) -> None:
        self.sections: dict[str, list[str]] = defaultdict(list)
        self.counts: Counter[str] = Counter()

    def add(self, section: str, line: str) -> None:
        self.sections[section].append(line)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] += n


LOG = Log()


# ---------------------------------------------------------------- dates
def parse_date(value: str, *, end: bool = False) -> tuple[date | None, bool]:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; partial dates widen (start -> first day, end -> last)."""
    value = (value or "").strip()
    if not value:
        return None, False
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        raise ValueError(value)
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return (date(y, 12, 31) if end else date(y, 1, 1)), True
    if d is None:
        mo_i = int(mo)
        if end:
            nxt = date(y + (mo_i == 12), mo_i % 12 + 1, 1)
            return nxt - ONE_DAY, True
        return date(y, mo_i, 1), True
    return date(y, int(mo), int(d)), False


def parse_factbook_date(text: str) -> date | None:
    m = re.search(r"since (\d{1,2}) ([A-Za-z]+)\.? (\d{4})", text)
    if m:
        mon = MONTHS.get(m.group(2)[:3].lower())
        if mon:
            return date(int(m.group(3)), mon, int(m.group(1)))
    m = re.search(r"since ([A-Za-z]+)\.? (\d{4})", text)
    if m and m.group(1)[:3].lower() in MONTHS:
        return date(int(m.group(2)), MONTHS[m.group(1)[:3].lower()], 1)
    m = re.search(r"since (\d{4})", text)
    return date(int(m.group(1)), 1, 1) if m else None


# ---------------------------------------------------------------- countries
def clean_demonym(text: str) -> list[str]:
    text = html.unescape(text)
    text = re.sub(r"\(.*?\)", "", text)
    out = []
    for part in re.split(r",|;| or ", text):
        part = part.strip()
        if part and len(part) > 2 and part[0].isupper():
            out.append(part)
    return out


def build_countries(data: Path):
    mledoze = json.loads((data / "countries/mledoze/countries.json").read_text("utf-8"))
    demonyms = json.loads((data / "countries/demonyms/demonyms.json").read_text("utf-8"))
    factbook = list(csv.DictReader(open(data / "countries/factbook/factbook_countries_executive.csv", encoding="utf-8")))
    countries: dict[str, dict] = {}
    # form -> {country: priority}; lower priority number wins
    claims: dict[str, dict[str, int]] = defaultdict(dict)

    def claim(form: str, cid: str, prio: int, kind: str) -> None:
        form = form.strip()
        if not form or not normalise(form):
            return
        if strip_diacritics(form).encode("ascii", "ignore").decode() != strip_diacritics(form):
            return  # non-Latin script alternative spellings
        cur = claims[form].get(cid)
        if cur is None or prio < cur:
            claims[form][cid] = prio
        countries[cid]["_forms"].setdefault(form, (prio, kind))

    for c in sorted(mledoze, key=lambda c: c["cca2"]):
        cid = c["cca2"]
        countries[cid] = {"id": cid, "iso3": c.get("cca3"), "name": c["name"]["common"],
                          "official": c["name"]["official"], "_forms": {}}
        claim(c["name"]["common"], cid, 0, "name")
        claim(c["name"]["official"], cid, 0, "name")
        for alt in c.get("altSpellings", []):
            if alt == cid and alt not in ("UK", "US"):
                continue
            if len(alt) < 2:
                continue
            claim(alt, cid, 1, "alias")
        for g in ("m", "f"):
            dem = (c.get("demonyms", {}).get("eng") or {}).get(g)
            if dem:
                # a territory's demonym loses against a sovereign state's ('American': US not MP)
                claim(dem, cid, 1 if c.get("independent") else 4, "demonym")
    independent = {c["cca2"] for c in mledoze if c.get("independent")}
    for cid, extra in EXTRA_ENTITIES.items():
        countries[cid] = {"id": cid, "iso3": extra["iso3"], "name": extra["name"],
                          "official": extra["official"], "_forms": {}}
        claim(extra["name"], cid, 0, "name")
        for a in extra["aliases"]:
            claim(a, cid, 1, "alias")
    LOG.count("countries.mledoze", len(mledoze))

    for iso2, entry in sorted(demonyms.items()):
        cid = iso2.upper()
        if cid not in countries:
            LOG.add("countries", f"demonyms.json key `{iso2}` not in mledoze: skipped")
            continue
        for kind, key in (("adjective", "adjectivals"), ("demonym", "demonyms")):
            for form in entry.get(key, []):
                pretty = form.title() if form != "u.s." else "U.S."
                if pretty.lower() in ("uk", "us", "usa"):
                    pretty = pretty.upper()
                pretty = re.sub(r"\bAnd\b", "and", pretty)
                claim(pretty, cid, 2 if cid in independent else 4, kind)

    # Factbook: GEC -> ISO by name
    name_to_iso = {}
    for cid, c in countries.items():
        for form, (prio, kind) in c["_forms"].items():
            if kind in ("name", "alias"):
                name_to_iso.setdefault(normalise(form), cid)
    fb_by_iso: dict[str, dict] = {}
    for row in factbook:
        iso = GEC_TO_ISO.get(row["gec"]) or name_to_iso.get(normalise(html.unescape(row["conventional_short"]))) \
            or name_to_iso.get(normalise(html.unescape(row["conventional_long"])))
        if not iso:
            if row["chief_of_state"] or row["head_of_government"]:
                LOG.add("countries", f"Factbook `{row['gec']}` {row['conventional_short']!r}: no ISO country; skipped")
            LOG.count("factbook.unmatched")
            continue
        if iso in fb_by_iso:
            LOG.add("countries", f"Factbook `{row['gec']}` maps to {iso} already taken by `{fb_by_iso[iso]['gec']}`; skipped")
            continue
        fb_by_iso[iso] = row
        indep = iso in independent
        for form in clean_demonym(row["nationality_adjective"]):
            claim(form, iso, 3 if indep else 5, "adjective")
        for form in clean_demonym(row["nationality_noun"]):
            claim(form, iso, 3 if indep else 5, "demonym")
    for cid, form, kind in curated_rows("country_aliases.tsv"):
        claim(form, cid, 1, kind)

    # resolve conflicts: a form keeps the best-priority country, if unique
    for form in sorted(claims):
        owners = claims[form]
        best = min(owners.values())
        winners = sorted(c for c, p in owners.items() if p == best)
        if len(winners) > 1:
            LOG.add("countries", f"form {form!r} claimed by {', '.join(winners)} at equal priority: dropped")
            LOG.count("countries.forms_dropped_ambiguous")
            for c in owners:
                countries[c]["_forms"].pop(form, None)
            continue
        for c in owners:
            if c != winners[0]:
                countries[c]["_forms"].pop(form, None)
                LOG.add("countries", f"form {form!r} given to {winners[0]}, not {c}")
                LOG.count("countries.forms_reassigned")
    return countries, fb_by_iso


# ---------------------------------------------------------------- factbook executive
TITLE_VOCAB: set[str] = set()
# normalised full position labels of office_holders rows -> number of rows
KNOWN_TITLES: Counter[str] = Counter()


def _known(words: list[str]) -> bool:
    return normalise(" ".join(words)) in KNOWN_TITLES


def clean_title(title: str) -> str:
    """Normalise a position string into an office title.

    Drops parentheses, leading qualifiers/honorifics ("Caretaker", "Acting", "Sheikh") and
    cuts concatenated roles where both halves are known position labels
    ("Prime Minister Minister of Foreign Affairs" -> "Prime Minister").
    """
    title = re.sub(r"\s*\(.*?\)\s*", " ", html.unescape(title or "")).strip(" ,;")
    title = title.split(",")[0].strip()  # 'President, Presidential Council' -> 'President'
    words = title.split()
    while words and words[0].rstrip(".,").lower() in (QUALIFIERS | HONORIFICS):
        words = words[1:]
    for i in range(1, len(words)):
        if _known(words[:i]) and _known(words[i:]) and words[i][:1].isupper():
            words = words[:i]
            break
    return " ".join(words)


def title_prefix(words: list[str]) -> int:
    """Length of the longest leading run of words that is a known position label (0 if none)."""
    for n in range(len(words), 0, -1):
        if _known(words[:n]):
            return n
    return 0


def parse_factbook_holder(text: str):
    """'Prime Minister Sanae TAKAICHI (since 21 October 2025)' -> (title, name, since).

    The title is the longest run of leading words found in office-holder position labels
    (TITLE_VOCAB); the name starts at the first word outside it or the first all-caps word.
    """
    text = html.unescape(text or "").split(";")[0].strip()
    if not text:
        return None
    since = parse_factbook_date(text)
    head = re.split(r"\(", text)[0].strip()
    words = head.split()
    idx = None
    for i, w in enumerate(words):
        letters = [ch for ch in w if ch.isalpha()]
        bare = w.rstrip(".,").lower()
        if bare in HONORIFICS:
            continue
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            idx = i
            break
        if normalise(w) not in TITLE_VOCAB:
            idx = i
            break
    if idx is None:
        return None
    skip = HONORIFICS | QUALIFIERS
    lead = 0
    while lead < idx and words[lead].rstrip(".,").lower() in skip:
        lead += 1
    cand = words[lead:idx]
    # The vocabulary also holds place names from labels ("Governor of Vladimir Oblast"), so
    # "President Vladimir Vladimirovich PUTIN" would give "President Vladimir": keep only the
    # longest prefix that is a whole known position label; the rest belongs to the name.
    n = title_prefix(cand)
    # cut only when what follows looks like a given name: capitalised, no connector
    # ("President of the Swiss Confederation", "Sultan and Prime Minister" stay whole)
    if n and n < len(cand) and (not cand[n][:1].isupper() or cand[n - 1].endswith(",")
                                or title_prefix(cand[n:])):
        n = 0
    if not n and cand and not _known(cand) and normalise(cand[-1]) not in FUNCTION_WORDS:
        # "Presidential Leadership Council Chairperson Dr. Rashad ...": the vocabulary stopped at "Leadership";
        # extend over capitalised words to a head word ("Chairperson") when one follows within four words
        for j in range(idx, min(idx + 4, len(words))):
            if not words[j][:1].isupper() or words[j].rstrip(".,").lower() in HONORIFICS:
                break
            if normalise(words[j]) in HEAD_WORDS:
                LOG.add("office titles repaired", f"Factbook holder {head!r}: title {' '.join(cand)!r} extended to the head word {words[j]!r}")
                LOG.count("titles_repaired.factbook_title_extended")
                cand = words[lead:j + 1]
                idx = j + 1
                break
    elif not n and cand and normalise(cand[-1]) in FUNCTION_WORDS and title_prefix(cand):
        # "President of the National Council for the [Safeguard ...]": cut mid-name; keep the known label
        n = title_prefix(cand)
    if n:
        if n < len(cand):
            LOG.add("office titles repaired", f"Factbook holder {head!r}: title {' '.join(cand)!r} cut to known label {' '.join(cand[:n])!r}")
            LOG.count("titles_repaired.factbook_name_in_title")
        idx = lead + n
        title_words = cand[:n]
    else:
        title_words = [w for w in words[:idx] if w.rstrip(".,").lower() not in skip]
    title = clean_title(" ".join(title_words).strip(" ,"))
    name_words = [w for w in words[idx:] if w.rstrip(".,").lower() not in skip]
    name = title_case_caps(" ".join(name_words))
    return title, name, since


# ---------------------------------------------------------------- offices
def split_title(title: str, role: str) -> tuple[str, list[str]]:
    """'President and Prime Minister' -> the role's half; a title whose halves are not both position labels
    ('Secretary of State for Foreign and Political Affairs') stays whole."""
    parts = [p.strip() for p in re.split(r"\band\b", title) if p.strip()]
    if len(parts) > 1 and all(title_prefix(p.split()) == len(p.split()) for p in parts):
        part = parts[0] if role == "head_of_state" else parts[-1]
        return part, [part, title]
    return title, [title]


def office_variants(title: str, aliases: list[str]) -> list[list[str]]:
    forms = {normalise(title)} | {normalise(a) for a in aliases}
    if forms & set(MONARCH_WORDS):
        forms |= set(MONARCH_WORDS) - {"prince"} if "prince" not in forms else set(MONARCH_WORDS)
    return sorted({tuple(f.split()) for f in forms if f}, key=lambda t: (-len(t), t))


def label_matches(label: str, variants: list[list[str]], country_names: set[str] = frozenset()) -> bool:
    toks = normalise(label).split()
    for var in variants:
        n = len(var)
        for i in range(len(toks) - n + 1):
            if tuple(toks[i:i + n]) != tuple(var):
                continue
            before = toks[i - 1] if i > 0 else None
            after = toks[i + n] if i + n < len(toks) else None
            if before in EXCLUDE_BEFORE:
                continue
            if after == "of":
                rest = " ".join(toks[i + n + 1:])
                if rest not in ALLOWED_OF and rest not in country_names and not any(
                        rest == "the " + c for c in country_names):
                    continue
            elif after in EXCLUDE_AFTER:
                continue
            if before is not None and before not in ("and",) and i > 0:
                # something precedes: only accept when the label is a role list starting
                # with another complete role (e.g. 'Crown Prince Prime Minister')
                if toks[0] in ("deputy", "vice", "first"):
                    continue
            return True
    return False


def build(data: Path, out: Path) -> None:
    countries, fb_by_iso = build_countries(data)
    mledoze = json.loads((data / "countries/mledoze/countries.json").read_text("utf-8"))
    independent_ids = {c["cca2"] for c in mledoze if c.get("independent")} | set(EXTRA_ENTITIES)
    oh = data / "office_holders"
    historic = list(csv.DictReader(open(oh / "leaders_historic_all.csv", encoding="utf-8")))
    observed = list(csv.DictReader(open(oh / "observed_officeholders_2021_2025.csv", encoding="utf-8")))
    current = list(csv.DictReader(open(oh / "current_at_last_snapshot.csv", encoding="utf-8")))
    wl = list(csv.DictReader(open(data / "world_leaders_2026/all-leaders.csv", encoding="utf-8")))
    wl_meta = json.loads((data / "world_leaders_2026/all-leaders.json").read_text("utf-8"))
    wl_date = date.fromisoformat(wl_meta["snapshot_date"])
    LOG.count("rows_in.office_holders.historic", len(historic))
    LOG.count("rows_in.office_holders.observed", len(observed))
    LOG.count("rows_in.office_holders.current", len(current))
    LOG.count("rows_in.world_leaders_2026", len(wl))
    oh_snapshot = max(date.fromisoformat(r["snapshot_date"]) for r in current)

    # slug -> country
    name_to_iso = {}
    for cid, c in sorted(countries.items()):
        for form, (prio, kind) in c["_forms"].items():
            if kind in ("name", "alias"):
                name_to_iso.setdefault(normalise(form), cid)
    # Factbook conventional names too: mledoze now says "Türkiye", office_holders' slug is "turkey"
    fb_names = {}
    for iso, row in sorted(fb_by_iso.items()):
        for key in ("conventional_short", "conventional_long"):
            form = normalise(html.unescape(row[key]))
            if form and form != "none":
                fb_names.setdefault(form, iso)
    slug_iso: dict[str, str | None] = {}
    slug_rows = Counter(r["slug"].lower() for r in historic + observed + current)
    for slug in sorted(slug_rows):
        iso = SLUG_TO_ISO.get(slug) or name_to_iso.get(normalise(slug.replace("-", " ")))
        if not iso and fb_names.get(normalise(slug.replace("-", " "))):
            iso = fb_names[normalise(slug.replace("-", " "))]
            LOG.add("places matched by Factbook name", f"`{slug}` -> {iso} ({slug_rows[slug]} rows): no mledoze name/alias, Factbook conventional name matches")
            LOG.count("places.matched_by_factbook_name")
        slug_iso[slug] = iso
        if not iso:
            LOG.add("sub-national / unrecognised places dropped",
                    f"`{slug}`: {slug_rows[slug]} rows (not a country in mledoze)")
            LOG.count("rows_dropped.place_not_a_country", slug_rows[slug])
    slug_snapshot = {}
    for r in current:
        s = r["slug"].lower()
        slug_snapshot[s] = max(slug_snapshot.get(s, date.min), date.fromisoformat(r["snapshot_date"]))

    for r in historic + observed + current:
        TITLE_VOCAB.update(normalise(r["position"]).split())
        KNOWN_TITLES[normalise(r["position"])] += 1
    TITLE_VOCAB.update({"co", "prince", "and", "sultan", "emir", "amir"})
    # factbook coverage: the latest 'since' date the final edition mentions
    fb_parsed = {}
    for iso, row in sorted(fb_by_iso.items()):
        fb_parsed[iso] = {"head_of_state": parse_factbook_holder(row["chief_of_state"]),
                          "head_of_government": parse_factbook_holder(row["head_of_government"])}
    fb_cov = max(h[2] for v in fb_parsed.values() for h in v.values() if h and h[2])

    # ------------------------------------------------ titles of HoS / HoG per country
    cur_by_slug = defaultdict(list)
    for r in current:
        cur_by_slug[r["slug"].lower()].append(r)
    wl_by_iso = {r["ISO"]: r for r in wl}
    offices: dict[str, dict] = {}
    office_of_role: dict[tuple[str, str], str] = {}
    iso_slugs = defaultdict(list)
    for slug, iso in slug_iso.items():
        if iso:
            iso_slugs[iso].append(slug)
    hist_by_slug = defaultdict(list)
    for r in historic:
        hist_by_slug[r["slug"].lower()].append(r)

    def holder_key(name: str | None) -> frozenset:
        return frozenset(w for w in normalise(name or "").split() if len(w) > 2)

    # names of the sovereign states' heads of state (Factbook, else office_holders order 0)
    sovereign_hos: dict[frozenset, str] = {}
    for iso in sorted(independent_ids):
        fb = fb_parsed.get(iso, {}).get("head_of_state")
        names = [fb[1]] if fb and fb[1] else []
        for slug in iso_slugs.get(iso, []):
            names += [r["person"] for r in cur_by_slug.get(slug, []) if r["order"] == "0"]
        for n in names:
            if holder_key(n):
                sovereign_hos.setdefault(holder_key(n), iso)

    def sovereign_of(name: str | None) -> str | None:
        k = holder_key(name)
        if not k:
            return None
        for other, iso in sovereign_hos.items():
            if k == other or len(k & other) >= 2:
                return iso
        return None

    for iso in sorted(countries):
        titles = {}
        holders = {}
        for role, wl_key, order in (("head_of_state", "HoS Title", "0"), ("head_of_government", "HoG Title", "1")):
            fb = fb_parsed.get(iso, {}).get(role)
            title, src = None, None
            holder = None
            if fb and fb[0]:
                title, src, holder = fb[0], "factbook", fb[1]
            elif iso in wl_by_iso and wl_by_iso[iso][wl_key]:
                title, src = wl_by_iso[iso][wl_key], "world_leaders_2026"
                holder = wl_by_iso[iso]["Head of State" if role == "head_of_state" else "Head of Government"]
            else:
                for slug in iso_slugs.get(iso, []):
                    for r in cur_by_slug.get(slug, []):
                        if r["order"] == order and not normalise(r["position"]).startswith(("vice", "deputy")):
                            if role == "head_of_state" and normalise(clean_title(r["position"])) in HOG_ONLY_TITLES:
                                LOG.add("office titles repaired", f"{iso}: first office_holders row {r['position']!r} is a head-of-government title; not used for the head of state")
                                LOG.count("titles_repaired.hog_title_as_hos")
                                continue
                            title, src, holder = r["position"], "office_holders", r["person"]
                if not title and role == "head_of_state":
                    # latest historic head-of-state-like label of the place (Syria: President)
                    best = None
                    for slug in iso_slugs.get(iso, []):
                        for r in hist_by_slug.get(slug, []):
                            if normalise(clean_title(r["position"])) in HOS_WORDS and r["start"]:
                                if best is None or r["start"] > best["start"]:
                                    best = r
                    if best:
                        title, src = best["position"], "office_holders"
                        LOG.add("office titles repaired", f"{iso}: head-of-state title {clean_title(title)!r} taken from the latest historic row ({best['person']}, {best['start']})")
                        LOG.count("titles_repaired.hos_from_historic")
            if title:
                cleaned = clean_title(title)
                if cleaned != re.sub(r"\s*\(.*?\)\s*", " ", title).strip():
                    LOG.add("office titles repaired", f"{iso} {role}: {title!r} -> {cleaned!r} (qualifier / concatenated role removed)")
                    LOG.count("titles_repaired.cleaned")
                title = cleaned
                if normalise(title) == "monarch":
                    title = "Monarch"
                titles[role] = (title, src)
                holders[role] = holder
        if not titles:
            continue
        if iso not in independent_ids and "head_of_state" in titles:
            hos_t = normalise(titles["head_of_state"][0])
            own = holders.get("head_of_state")
            if own and sovereign_of(own) is None and hos_t.split()[0] in HOS_WORDS \
                    and not set(hos_t.split()) & set(MONARCH_WORDS):
                # Taiwan, Palestine, Kosovo: not "independent" in mledoze, own head of state
                LOG.add("offices", f"{iso}: not independent in mledoze, but its head of state ({titles['head_of_state'][0]} {own}) is no sovereign's; office kept")
                LOG.count("offices.non_independent_hos_kept")
                keep_hos = True
            else:
                keep_hos = False
        if iso not in independent_ids and "head_of_state" in titles and not keep_hos:
            LOG.add("offices", f"{iso}: dependent territory; its head of state ({titles['head_of_state'][0]}) is the sovereign's, no separate office")
            LOG.count("offices.dependent_territory_hos_skipped")
            del titles["head_of_state"]
            if not titles:
                continue
        hos = titles.get("head_of_state")
        hog = titles.get("head_of_government")
        if hos and hog and normalise(hos[0]) == normalise(hog[0]) and " and " not in hos[0]:
            oid = f"{iso}.{slugify(hos[0])}"
            offices[oid] = {"id": oid, "country": iso, "title": hos[0], "aliases": {hos[0]},
                            "roles": ["head_of_state", "head_of_government"], "source": hos[1]}
            office_of_role[(iso, "head_of_state")] = office_of_role[(iso, "head_of_government")] = oid
        else:
            for role, val in (("head_of_state", hos), ("head_of_government", hog)):
                if not val:
                    continue
                t, aliases = split_title(val[0], role)
                oid = f"{iso}.{slugify(t)}"
                if oid in offices:
                    offices[oid]["roles"].append(role)
                else:
                    offices[oid] = {"id": oid, "country": iso, "title": t, "aliases": set(aliases),
                                    "roles": [role], "source": val[1]}
                office_of_role[(iso, role)] = oid
        if (iso, "head_of_government") not in office_of_role and (iso, "head_of_state") not in office_of_role:
            continue
        countries[iso]["hos_title"] = offices[office_of_role[(iso, "head_of_state")]]["title"] if hos else None
        countries[iso]["hog_title"] = offices[office_of_role[(iso, "head_of_government")]]["title"] if hog else None
    for o in offices.values():
        for a in list(o["aliases"]):
            o["aliases"].update(TITLE_SYNONYMS.get(normalise(a), []))
        if set(normalise(a) for a in o["aliases"]) & set(MONARCH_WORDS) and normalise(o["title"]) != "emperor":
            o["aliases"].update({"Monarch", "King", "Queen"})
        if normalise(o["title"]) == "emperor":
            o["aliases"].add("Monarch")
    LOG.count("offices", len(offices))
    # titles that still look wrong: qualifiers, lowercase fragments, very long strings,
    # trailing words no position label has (usually a person's name)
    for oid in sorted(offices):
        t = offices[oid]["title"]
        words = t.split()
        why = []
        if set(normalise(t).split()) & QUALIFIERS:
            why.append("qualifier")
        if not t[:1].isupper() or any(w[:1].islower() and w not in ("of", "the", "and", "for", "de", "du") for w in words):
            why.append("lowercase fragment")
        if len(t) > 40 or len(words) > 5:
            why.append("long")
        if normalise(t) not in KNOWN_TITLES and normalise(t) not in HOS_WORDS and not title_prefix(words) \
                and normalise(words[-1]) not in HEAD_WORDS:
            why.append("not a known position label")
        if why:
            LOG.add("suspicious office titles (remaining)", f"{oid} {t!r}: {', '.join(why)}")
            LOG.count("offices.suspicious_titles")

    # ------------------------------------------------ rows -> raw terms
    raw_terms: list[dict] = []  # person_id, name, office, start, end, source
    people_names: dict[str, Counter] = defaultdict(Counter)
    wiki_titles: dict[str, set] = defaultdict(set)
    label_aliases: dict[str, Counter] = defaultdict(Counter)

    cnames = defaultdict(set)
    for cid, c in countries.items():
        for form, (prio, kind) in c["_forms"].items():
            if kind in ("name", "alias"):
                cnames[cid].add(normalise(form))

    def office_for_label(iso: str, label: str) -> list[str]:
        found = []
        for role in ("head_of_state", "head_of_government"):
            oid = office_of_role.get((iso, role))
            if oid and oid not in found and label_matches(label, office_variants(offices[oid]["title"], sorted(offices[oid]["aliases"])), cnames[iso]):
                found.append(oid)
        return found

    omap = OfficeMap(curated_rows("office_map.tsv"))
    known_to: dict[str, date] = {}

    def generic_office(iso: str, label: str, source: str, title: str | None = None) -> list[str]:
        """The office a label names when it is no head of state or government: 'Minister of Foreign Affairs'
        -> <iso>.minister-of-foreign-affairs (or the id office_map.tsv gives it)."""
        mapped = omap.get(source, label)
        if mapped and mapped[0].startswith(iso + "."):  # the map's labels name offices of one country
            oid, title = mapped
        else:
            title = title or clean_title(label)
            if not title or not title[:1].isupper():
                return []
            oid = f"{iso}.{slugify(title)}"
        if oid not in offices:
            offices[oid] = {"id": oid, "country": iso, "title": title, "aliases": {title}, "roles": [], "source": source}
            LOG.count(f"offices.new_from.{source}")
        return [oid]

    def add_row(kind: str, slug: str, label: str, name: str, qid: str, start_s: str, end_s: str,
                snapshot: date, source: str, birth: str = "") -> None:
        iso = slug_iso.get(slug.lower())
        if not iso:  # a page that is no country ("world") gives only the offices office_map.tsv places in an entity
            mapped = omap.get("office_holders", label)
            iso = mapped[0].split(".")[0] if mapped and mapped[0].split(".")[0] in EXTRA_ENTITIES else None
        if not iso:
            return
        try:
            start, p1 = parse_date(start_s)
            end, p2 = parse_date(end_s, end=True)
        except ValueError as exc:
            LOG.add("dates dropped", f"{kind} {slug} {label!r} {name}: unparseable date {exc}")
            LOG.count("rows_dropped.bad_date")
            return
        if p1 or p2:
            LOG.count("dates_widened.partial")
        if start and start > snapshot:
            LOG.add("dates dropped", f"{kind} {slug} {label!r} {name} ({qid}): start {start} after the source snapshot {snapshot} (typo or scheduled)")
            LOG.count("rows_dropped.start_after_snapshot")
            return
        if end and end > snapshot:
            LOG.add("dates repaired", f"{kind} {slug} {label!r} {name} ({qid}): end {end} after snapshot {snapshot}; made open")
            LOG.count("rows_repaired.end_after_snapshot")
            end = None
        if start and end and end < start:
            LOG.add("dates dropped", f"{kind} {slug} {label!r} {name} ({qid}): end {end} before start {start}")
            LOG.count("rows_dropped.end_before_start")
            return
        oids = office_for_label(iso, label) or generic_office(iso, label, "office_holders")
        if not oids:
            LOG.count(f"rows_skipped.no_office_title.{kind}")
            return
        for oid in oids:
            known_to[oid] = max(known_to.get(oid, date.min), snapshot)
            offices[oid].setdefault("source_labels", set()).add(label)
        pid = qid.strip() if qid and qid.strip().startswith("Q") else "fc:" + slugify(name)
        for oid in oids:
            raw_terms.append({"pid": pid, "name": name.strip(), "office": oid, "start": start, "end": end,
                              "source": source, "birth": birth_of(birth)})
            if normalise(label).startswith(normalise(offices[oid]["title"]) + " of "):
                label_aliases[oid][label] += 1
        LOG.count(f"rows_used.{kind}")

    for r in historic:
        add_row("historic", r["slug"], r["position"], r["person"], r["personID"], r["start"], r["end"],
                date.fromisoformat(r["snapshot_date"]), "office_holders", r["DOB"])
        if r["personID"].startswith("Q") and r["enwiki"]:
            wiki_titles[r["personID"]].add(re.sub(r"\s*\(.*?\)$", "", r["enwiki"]))
    for r in observed:
        add_row("observed", r["slug"], r["position"], r["person"], r["personID"], r["since"], "",
                date.fromisoformat(r["last_seen"]), "office_holders")
    for r in current:
        add_row("current", r["slug"], r["position"], r["person"], r["personID"], r["since"], "",
                date.fromisoformat(r["snapshot_date"]), "office_holders")

    # names -> qid within an office (to attach Factbook/world_leaders rows)
    def find_pid(oid: str, name: str) -> str | None:
        key = normalise(name)
        toks = {w for w in key.split() if len(w) > 2}  # 'al', 'bin' do not identify anyone
        best = None
        for t in sorted(raw_terms, key=lambda t: not t["pid"].startswith("Q")):
            if t["office"] != oid:
                continue
            tk = normalise(t["name"])
            if tk == key:
                return t["pid"]
            other = {w for w in tk.split() if len(w) > 2}
            # one name's words inside the other's ("Rashad al-Alimi" / "Rashad Muhammad al-Alimi"): two words shared
            # is not enough ("Lee Jae-myung" and "Lee Myung-bak" share "Lee" and "myung" and are two presidents)
            if best is None and len(toks & other) >= 2 and (toks <= other or other <= toks):
                best = t["pid"]
        if best:
            return best
        q = global_names.get(key)
        if q and len(q) == 1:
            return next(iter(q))
        # surname-level match on the most recent holder only
        recent = sorted((t for t in raw_terms if t["office"] == oid),
                        key=lambda t: t["start"] or date.min)
        if recent:
            other = {w for w in normalise(recent[-1]["name"]).split() if len(w) > 2}
            if toks and other and (toks <= other or other <= toks):
                return recent[-1]["pid"]
        return None

    global_names: dict[str, set] = defaultdict(set)
    for t in raw_terms:
        if t["pid"].startswith("Q"):
            global_names[normalise(t["name"])].add(t["pid"])
    fb_holder = {}
    for iso, roles in sorted(fb_parsed.items()):
        for role, parsed in roles.items():
            oid = office_of_role.get((iso, role))
            if not parsed or not oid or not parsed[1]:
                continue
            title, name, since = parsed
            if since is None:
                LOG.add("factbook holders skipped", f"{iso} {role}: {name!r} has no 'since' date in the Factbook text; not added (an undated open term would cover all time)")
                LOG.count("rows_dropped.factbook_undated")
                continue
            if (iso, oid) in fb_holder and fb_holder[(iso, oid)][0] == name:
                continue
            fb_holder[(iso, oid)] = (name, since)
            pid = find_pid(oid, name) or "fc:" + slugify(name)
            raw_terms.append({"pid": pid, "name": name, "office": oid, "start": since, "end": None,
                              "source": "factbook"})
            LOG.count("rows_used.factbook")
    LOG.count("rows_in.factbook_holders", sum(1 for v in fb_parsed.values() for h in v.values() if h))

    country_cov: dict[str, date] = {}
    for slug, iso in slug_iso.items():
        if iso and slug in slug_snapshot:
            country_cov[iso] = max(country_cov.get(iso, date.min), slug_snapshot[slug])
    for iso in fb_by_iso:
        if any(office_of_role.get((iso, r)) for r in ("head_of_state", "head_of_government")):
            country_cov[iso] = max(country_cov.get(iso, date.min), fb_cov)

    for r in wl:
        iso = r["ISO"]
        if iso not in countries:
            LOG.add("world_leaders_2026", f"{r['Country']} ({iso}): not a country in the KB; skipped")
            LOG.count("rows_dropped.world_leaders.entity")
            continue
        ok = True
        for role, nk, sk in (("head_of_state", "Head of State", "HoS Since"), ("head_of_government", "Head of Government", "HoG Since")):
            oid = office_of_role.get((iso, role))
            name, since_s = r[nk].strip(), r[sk].strip()
            if not oid or not name:
                LOG.add("world_leaders_2026", f"{r['Country']} {role}: empty name or no office; skipped")
                ok = False
                continue
            since = date.fromisoformat(since_s) if since_s else None
            fb = fb_holder.get((iso, oid))
            agrees = fb and (set(normalise(fb[0]).split()) & {w for w in normalise(name).split() if len(w) > 2})
            if not agrees:
                LOG.add("world_leaders_2026", f"{r['Country']} {role}: {name} (since {since_s or '?'}) not corroborated by the Factbook ({fb[0] if fb else 'none'}); dropped, coverage not extended")
                LOG.count("rows_dropped.world_leaders.uncorroborated")
                ok = False
                continue
            pid = find_pid(oid, name) or "fc:" + slugify(name)
            raw_terms.append({"pid": pid, "name": name, "office": oid, "start": since, "end": None,
                              "source": "world_leaders_2026"})
            LOG.count("rows_used.world_leaders_2026")
        if ok:
            country_cov[iso] = wl_date

    # ------------------------------------------------ UK ministers and US offices
    for oid in {o for (iso, _r), o in office_of_role.items() if iso in countries}:
        known_to[oid] = max(known_to.get(oid, date.min), country_cov.get(offices[oid]["country"], date.min))
    uk_rows, ifg_date = uk_ministers(data, omap, lambda sec, what: LOG.count(f"rows_{what}.ifg_ministers"))
    us_rows, us_dates = us_offices(data, omap, office_of_role[("US", "head_of_state")],
                                   lambda sec, line: LOG.add(sec, line))
    source_dates = {"ifg_ministers": ifg_date, **us_dates}
    for t in uk_rows + us_rows:
        oid = t["office"]
        if t["start"] and t["end"] and t["end"] < t["start"]:
            LOG.add("dates dropped", f"{t['source']} {oid} {t['name']}: end {t['end']} before start {t['start']}")
            LOG.count("rows_dropped.end_before_start")
            continue
        if oid not in offices:
            offices[oid] = {"id": oid, "country": t["country"], "title": t["title"], "aliases": {t["title"]},
                            "roles": [], "source": t["source"]}
            LOG.count(f"offices.new_from.{t['source']}")
        else:
            offices[oid]["source"] = "+".join(sorted(set(offices[oid]["source"].split("+")) | {t["source"]}))
        known_to[oid] = max(known_to.get(oid, date.min), source_dates[t["source"]])
        offices[oid].setdefault("source_labels", set()).add(t["label"])
        raw_terms.append(t)
        LOG.count(f"rows_used.{t['source']}")
    office_country = {oid: o["country"] for oid, o in offices.items()}
    def unified(section: str, line: str) -> None:
        LOG.count("people.unified_by_name")
        if "birth" in section:  # the new joins are few: each is listed for review
            LOG.add(section, line)

    unify_people(raw_terms, office_country, unified)
    for t in raw_terms:
        for a in t.get("aliases", []):
            wiki_titles[t["pid"]].add(a)

    # ------------------------------------------------ people ids
    for t in raw_terms:
        if not t["pid"].startswith("Q"):
            LOG.count("people.rows_without_qid")
        # the Wikidata label (office_holders) names a person before a source's legal or first-name form
        people_names[t["pid"]][t["name"]] += 1000 if t["source"] == "office_holders" else 1

    # ------------------------------------------------ merge into tenures
    by_office = defaultdict(list)
    for t in raw_terms:
        by_office[t["office"]].append(t)
    terms_out = []
    for oid in sorted(by_office):
        rows = sorted(by_office[oid], key=lambda t: (t["start"] or date.min, t["pid"], t["end"] or date.max))
        # close open rows with the next other person's start (one seat: the next holder succeeded them)
        if oid in MULTI_SEAT or (not offices[oid]["roles"] and several_seats(rows)):
            if any(t["end"] is None and t["start"] and t["source"] in SNAPSHOT_SOURCES for t in rows):
                LOG.add("open rows kept open (several seats)", f"{oid} {offices[oid]['title']!r}")
                LOG.count("offices.several_seats_open_rows_kept")
        else:
            for t in rows:
                if t["end"] is None and t["start"] and t["source"] in SNAPSHOT_SOURCES:
                    nxt = [o["start"] for o in rows if o["pid"] != t["pid"] and o["start"] and o["start"] > t["start"]]
                    if nxt:
                        t["end"] = min(nxt)
                        LOG.count("terms.closed_with_successor_start")
        per_person = defaultdict(list)
        for t in rows:
            per_person[t["pid"]].append(t)
        merged = []
        for pid in sorted(per_person):
            items = sorted(per_person[pid], key=lambda t: (t["start"] or date.min, t["end"] or date.max))
            cur = None
            for t in items:
                if cur and (cur["end"] is None or (t["start"] or date.min) <= cur["end"] + ONE_DAY):
                    if cur["end"] is not None and (t["end"] is None or t["end"] > cur["end"]):
                        cur["end"] = t["end"]
                    if cur["start"] is None and t["start"] is not None:
                        # a snapshot row without a "since" date only says the person held it then: the other
                        # source's start is the start (world_leaders has no date for Carney, the Factbook has)
                        cur["start"] = t["start"]
                        LOG.count("terms.unknown_start_from_another_source")
                    cur["sources"].add(t["source"])
                    cur["n"] += 1
                    continue
                cur = {"pid": pid, "office": oid, "start": t["start"], "end": t["end"], "sources": {t["source"]}, "n": 1}
                merged.append(cur)
        starts = {m["start"] for m in merged if m["start"]}
        for m in merged:
            if oid not in MULTI_SEAT and m["end"] and (m["end"] + ONE_DAY) in starts and m["end"] not in starts:
                other = [o for o in merged if o["start"] == m["end"] + ONE_DAY and o["pid"] != m["pid"]]
                if other:
                    m["end"] = m["end"] + ONE_DAY
                    LOG.count("terms.end_snapped_to_successor_start")
            LOG.count("terms.rows_merged_away", m["n"] - 1)
        terms_out.extend(merged)
    terms_out = earlier_leaders(data, countries, offices, terms_out, people_names, wiki_titles)
    LOG.count("terms.out", len(terms_out))

    # ------------------------------------------------ people
    people = {}
    for pid in sorted({t["pid"] for t in terms_out}):
        names = people_names[pid]
        name = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        aliases = set(names) | wiki_titles.get(pid, set())
        forms = set().union(*(name_forms(a) for a in aliases | {name})) - aliases - {name}
        LOG.count("people.name_form_aliases", len(forms))
        aliases |= forms
        # "Gerhard Schroeder" is how English writes "Gerhard Schröder"
        transliterated = {a.translate(UMLAUTS) for a in aliases | {name}} - aliases - {name}
        LOG.count("people.umlaut_aliases", len(transliterated))
        aliases |= transliterated
        aliases.discard(name)
        people[pid] = {"id": pid, "name": name, "aliases": sorted(aliases)}
    for oid, c in label_aliases.items():
        for label, n in c.items():
            if n >= 1 and not normalise(label).startswith(("deputy", "vice")):
                offices[oid].setdefault("labels", set()).add(label)
    check_people(people)

    # ------------------------------------------------ office aliases (hand-curated), windows, dated offices
    apply_office_aliases(offices)
    apply_title_forms(offices)
    declared = {oid: {"single": False, "from": CONGRESS_COMPLETE_FROM, "to": source_dates["congress_legislators"]}
                for oid in MULTI_SEAT}
    office_facts(offices, terms_out, known_to, declared, LOG.add)
    for o in offices.values():
        LOG.count("offices.with_coverage_window" if o["complete_from"] else "offices.without_coverage_window")
        LOG.count("offices.earlier_complete_segments", len(o["segments"]))

    # ------------------------------------------------ organisations
    orgs = build_organisations(data)

    # ------------------------------------------------ write
    def d(x):
        return x.isoformat() if x else None

    country_rows = []
    for cid in sorted(countries):
        c = countries[cid]
        forms = c["_forms"]
        aliases = sorted(f for f, (p, k) in forms.items() if k in ("name", "alias") and f not in (c["name"], c["official"]))
        dems = sorted(f for f, (p, k) in forms.items() if k == "demonym")
        adjs = sorted(f for f, (p, k) in forms.items() if k == "adjective")
        country_rows.append([cid, c["iso3"], c["name"], c["official"], aliases, dems, adjs,
                             c.get("hos_title"), c.get("hog_title"), "mledoze+demonyms+factbook"])
    def day(x):
        return x.toordinal() if x else 0  # columns of day numbers parse far faster than ISO strings

    def keys(*names):
        return "|".join(dict.fromkeys(k for k in map(normalise, names) if k))

    office_list = [offices[k] for k in sorted(offices)]
    for o in office_list:
        o["aliases"] = sorted(set(o["aliases"]) | o.get("labels", set()) - {o["title"]})
    office_cols = {
        "id": [o["id"] for o in office_list], "country": [o["country"] for o in office_list],
        "title": [o["title"] for o in office_list], "aliases": ["|".join(o["aliases"]) for o in office_list],
        "roles": [",".join(sorted(set(o["roles"]))) for o in office_list], "source": [o["source"] for o in office_list],
        "single_seat": [int(o["single_seat"]) for o in office_list],
        "complete_from": [day(o["complete_from"]) for o in office_list],
        "known_to": [day(o["known_to"]) for o in office_list], "abolished": [day(o["abolished"]) for o in office_list],
        "segments": [",".join(f"{day(a)}:{day(b)}" for a, b in o["segments"]) for o in office_list],
        "keys": [keys(o["title"], *o["aliases"]) for o in office_list],
    }
    person_sources: dict[str, set] = defaultdict(set)
    for t in terms_out:
        person_sources[t["pid"]] |= t["sources"]
    person_list = [people[k] for k in sorted(people)]
    person_source_names = sorted({"+".join(sorted(v)) for v in person_sources.values()})
    person_source_ix = {s: i for i, s in enumerate(person_source_names)}
    person_cols = {
        "id": [p["id"] for p in person_list], "name": [p["name"] for p in person_list],
        "aliases": ["|".join(p["aliases"]) for p in person_list],
        "source": [person_source_ix["+".join(sorted(person_sources[p["id"]]))] for p in person_list],
        "keys": [keys(p["name"], *p["aliases"]) for p in person_list],
    }
    # The words of each person's names, as the linker's name index reads them (kb.names.name_words): stored only
    # where they are not the keys already (9 names in 10 are), so the KB stays compact.
    word_keys: dict[str, str] = {}
    words = [name_words((p["name"], *p["aliases"]), word_keys) for p in person_list]
    person_cols["name_words"] = [None if w == key else w for w, key in zip(words, person_cols["keys"])]
    person_ix = {pid: i for i, pid in enumerate(person_cols["id"])}
    office_ix = {oid: i for i, oid in enumerate(office_cols["id"])}
    # in the order the KB's indexes want (oldest first, then office, then person): no sort when loading
    term_list = sorted(terms_out, key=lambda t: (t["start"] or date.min, t["office"], t["pid"]))
    term_sources = sorted({"+".join(sorted(t["sources"])) for t in term_list})
    source_ix = {s: i for i, s in enumerate(term_sources)}
    term_cols = {
        "person": [person_ix[t["pid"]] for t in term_list], "office": [office_ix[t["office"]] for t in term_list],
        "start": [day(t["start"]) for t in term_list], "end": [day(t["end"]) for t in term_list],
        "source": [source_ix["+".join(sorted(t["sources"]))] for t in term_list],
    }
    office_rows, person_rows, term_rows = office_list, person_list, term_list
    payload = {
        "format": 2,
        "coverage": {"office_holders": d(oh_snapshot), "factbook": d(fb_cov), "world_leaders_2026": d(wl_date),
                     **{k: d(v) for k, v in source_dates.items()}},
        "country_coverage": {k: d(v) for k, v in sorted(country_cov.items())},
        "countries": country_rows, "offices": office_cols, "people": person_cols,
        "terms": term_cols, "term_sources": term_sources, "person_sources": person_source_names, "organisations": orgs,
        "matcher_stoplist": sorted(MATCHER_STOPLIST),
    }
    out.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    (out / "kb.json.gz").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    LOG.count("out.countries", len(country_rows))
    LOG.count("out.offices", len(office_rows))
    LOG.count("out.people", len(person_rows))
    LOG.count("out.terms", len(term_rows))
    LOG.count("out.organisations", len(orgs))
    write_log(out, payload)


def earlier_leaders(data: Path, countries: dict, offices: dict[str, dict], terms_out: list[dict],
                    people_names: dict[str, Counter], wiki_titles: dict[str, set]) -> list[dict]:
    """Leaders before the sources' first holder of each leader office, from the Phoenix dictionary's chains of
    handovers (scripts/kb_phoenix.py: Menachem Begin, Jacques Chirac's premierships)."""
    country_of = {oid: o["country"] for oid, o in offices.items()}
    people_in: dict[tuple[str, str], set[str]] = defaultdict(set)
    for t in terms_out:
        for n in set(people_names[t["pid"]]) | wiki_titles.get(t["pid"], set()):
            people_in[(country_of[t["office"]], normalise(n))].add(t["pid"])

    def person_of(country: str, forms: tuple[str, ...]) -> str | None:
        found = set().union(*(people_in.get((country, normalise(f)), set()) for f in forms))
        if not found:
            # The dictionary writes Spanish and Portuguese names with the mother's surname too ("Julio Maria
            # Sanguinetti Coirolo"), the other sources mostly without: the same name less its last word, when it
            # still has three words (a given name and two more: "Abdur Rahman Biswas" is not "Abdur Rahman") and names
            # one person of the country, is that person.
            found = set().union(
                *(people_in.get((country, " ".join(normalise(f).split()[:-1])), set())
                  for f in forms if len(normalise(f).split()) >= 4)
            )
            if len(found) == 1:
                LOG.add("people.phoenix_joined", f"{forms[0]} = {name_of(next(iter(found)))} ({country}; the name less its last word)")
        return next(iter(found)) if len(found) == 1 else None

    def name_of(pid: str) -> str:
        return sorted(people_names[pid].items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if people_names[pid] else pid

    added = extend_leaders(data / "organisations/phoenix/Phoenix.Countries.actors.jsonl", offices, terms_out,
                           {cid: c["iso3"] for cid, c in countries.items() if c.get("iso3")}, person_of, name_of,
                           LOG.add)
    out = list(terms_out)
    for t in added:
        people_names[t["pid"]][t["name"]] += 1
        same = [m for m in out if m["pid"] == t["pid"] and m["office"] == t["office"] and m["start"] == t["end"]]
        if same:  # the dictionary's period runs on into the person's known term: one tenure
            same[0]["start"] = t["start"]
            same[0]["sources"].add("phoenix")
            continue
        out.append({"pid": t["pid"], "office": t["office"], "start": t["start"], "end": t["end"],
                    "sources": {"phoenix"}, "n": 1})
        LOG.count("terms.leaders_from_phoenix")
    return out


def apply_office_aliases(offices: dict[str, dict]) -> None:
    """hand_curated/office_aliases.tsv: the names news gives an office. An id ``*.<suffix>`` gives the alias to
    that office in every country ("*.minister-of-foreign-affairs  Foreign Minister")."""
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for oid in offices:
        by_suffix[oid.split(".", 1)[1]].append(oid)
    for oid, alias, _why in curated_rows("office_aliases.tsv"):
        targets = by_suffix.get(oid[2:], []) if oid.startswith("*.") else [oid]
        if not oid.startswith("*.") and oid not in offices:
            raise SystemExit(f"office_aliases.tsv: no office {oid!r}")
        for t in targets:
            offices[t]["aliases"].add(alias)
            LOG.count("offices.hand_curated_aliases")


def apply_title_forms(offices: dict[str, dict]) -> None:
    """hand_curated/office_title_forms.tsv: the short form news gives a family of offices ("Secretary of State for
    Trade and Industry" -> "Trade and Industry Secretary"), from the title and the sources' labels of each office.
    A form another office of the country already has, or would get too, is given to none: a title that may mean
    two offices would link the wrong one ("Foreign Minister" of a "Minister for Europe and Foreign Affairs" beside
    the "Minister of Foreign Affairs")."""
    rules = [(cid, re.compile(rx), form) for cid, rx, form, _why in curated_rows("office_title_forms.tsv")]
    taken: dict[tuple[str, str], set[str]] = defaultdict(set)
    for oid, o in offices.items():
        for name in (o["title"], *o["aliases"]):
            taken[(o["country"], normalise(name))].add(oid)
    wanted: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for oid in sorted(offices):
        o = offices[oid]
        names = {o["title"], *o.get("source_labels", ()), *o.get("labels", ())}
        for cid, rx, form in rules:
            if cid not in ("*", o["country"]):
                continue
            for name in sorted(names):
                m = rx.fullmatch(name)
                if m:
                    wanted[(o["country"], normalise(m.expand(form)))].setdefault(oid, m.expand(form))
    for key in sorted(wanted):
        got = wanted[key]
        others = (taken.get(key, set()) | set(got)) - set(got)
        if len(got) > 1 or others:
            if not (len(got) == 1 and taken.get(key, set()) == set(got)):
                LOG.add("title forms not given (would name two offices)",
                        f"{key[0]} {next(iter(got.values()))!r}: {', '.join(sorted(set(got) | taken.get(key, set())))}")
            continue
        (oid, alias), = got.items()
        if key in taken and oid in taken[key]:
            continue
        offices[oid]["aliases"].add(alias)
        LOG.count("offices.title_form_aliases")


def check_people(people: dict[str, dict]) -> None:
    """Integrity: an alias may not be another person's name (that would make two people one in every lookup).
    Such aliases are dropped and logged; two people may share a name (the linker then treats it as ambiguous)."""
    names: dict[str, set[str]] = defaultdict(set)
    for pid, p in people.items():
        names[normalise(p["name"])].add(pid)
        words = {w for w in normalise(p["name"]).split() if len(w) > 2}
        for a in p["aliases"]:
            latin = strip_diacritics(a).isascii()
            if latin and words and not words & {w for w in normalise(a).split() if len(w) > 2}:
                # "Pope Francis" / "Jorge Mario Bergoglio" is one person; "Donald Trump" / "Dwight Eisenhower" is two
                LOG.add("aliases sharing no word with the name (check for merged people)", f"{pid} {p['name']!r}: {a!r}")
                LOG.count("people.aliases_sharing_no_word")
    for pid in sorted(people):
        p = people[pid]
        keep = []
        for a in p["aliases"]:
            others = names.get(normalise(a), set()) - {pid}
            if others:
                LOG.add("aliases dropped (another person's name)", f"{pid} {p['name']!r}: alias {a!r} is the name of {', '.join(sorted(others))}")
                LOG.count("people.aliases_dropped_other_persons_name")
                continue
            keep.append(a)
        p["aliases"] = keep


# ---------------------------------------------------------------- organisations
# Both spellings of a word are the same name: "World Tourism Organisation" is the "World Tourism Organization".
SPELLING_PAIRS = [("Organisation", "Organization"), ("Organisations", "Organizations"), ("Centre", "Center"),
                  ("Defence", "Defense"), ("Labour", "Labor"), ("Programme", "Program")]
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def spelling_variants(name: str) -> set[str]:
    """The name with each British/American word swapped (one swap per variant, both directions)."""
    out = set()
    for a, b in SPELLING_PAIRS:
        for x, y in ((a, b), (b, a)):
            swapped = re.sub(rf"\b{x}\b", y, name)
            if swapped != name:
                out.add(swapped)
    return out


def build_organisations(data: Path) -> list:
    orgs: dict[str, dict] = {}
    by_name: dict[str, str] = {}
    corrections = {wrong: right for wrong, right, _where in curated_rows("spelling_corrections.tsv")}

    def correct(text: str) -> str:
        fixed = " ".join(corrections.get(w, w) for w in text.split(" "))
        if fixed != text:
            LOG.add("organisations", f"spelling corrected: {text!r} -> {fixed!r}")
        return fixed

    def register(oid, name, acronyms, aliases, wikidata, source, kind=None):
        name, aliases = correct(name), [correct(a) for a in aliases]
        key = normalise(name)
        if not key:
            return
        existing = by_name.get(key)
        if existing is None:
            for a in aliases:
                if normalise(a) in by_name:
                    existing = by_name[normalise(a)]
                    break
        if existing:
            o = orgs[existing]
            o["acronyms"].update(a for a in acronyms if a)
            o["aliases"].update(a for a in aliases + [name] if a and a != o["name"])
            o["sources"].add(source)
            LOG.count(f"organisations.merged_from.{source}")
            return
        orgs[oid] = {"id": oid, "name": name, "acronyms": set(a for a in acronyms if a),
                     "aliases": set(a for a in aliases if a and a != name), "wikidata": wikidata,
                     "sources": {source}, "kind": kind}
        for n in [name] + aliases:
            if n:
                by_name.setdefault(normalise(n), oid)
        LOG.count(f"organisations.new_from.{source}")

    org_dir = data / "organisations"
    for r in csv.DictReader(open(org_dir / "supraverden/supraverden_orgs_en.csv", encoding="utf-8")):
        acr = [r.get(k, "").strip() for k in ("Abbreviation_en", "Abbreviation_other_en", "Abbreviation_other_2_en", "Abbreviation_former_en")]
        ali = [r.get(k, "").strip() for k in ("Name_other_en", "Name_other_2_en", "Name_other_1_en", "Name_other_3_en", "Name_other_4_en")]
        register(r["Wikidata_code"].strip(), r["Name_en"].strip(), acr, [a for a in ali if a], r["Wikidata_code"].strip() or None,
                 "supraverden", r.get("Type") or None)
    lines = (org_dir / "supraverden/ECB_List_of_International_Organisations_v1_5_extract.csv").read_text("utf-8").splitlines()
    for row in csv.reader(lines[4:]):
        if not row or not row[0].strip():
            continue
        m = re.fullmatch(r"(.*?)\s*\[(.+?)\]\s*", row[0])
        name, acr = (m.group(1), [m.group(2)]) if m else (row[0].strip(), [])
        register("ecb:" + row[2].strip(), name, acr, [], None, "supraverden_ecb")
    for r in csv.DictReader(open(org_dir / "cow_igo/cow_igo_v3_list.csv", encoding="utf-8")):
        long = r["longorgname"].strip()
        m = re.fullmatch(r"(.*?)\s*\(([^()]+)\)\s*", long)
        name, acr = (m.group(1), [m.group(2)]) if m else (long, [])
        if m and " " in m.group(2) and not m.group(2).isupper():
            name, acr = long, []  # parenthesis is an alternative name, not an acronym
            alias = [m.group(1), m.group(2)]
        else:
            alias = []
        register("cow:" + str(int(float(r["ionum"]))), name, acr, alias + [r["orgname"].strip()], None, "cow_igo", "intergovernmental")
    for fname in ("CRSChannelCode.csv", "IATIOrganisationIdentifier.csv"):
        for r in csv.DictReader(open(org_dir / "iati_crs" / fname, encoding="utf-8")):
            name = r["name_en"].strip()
            if not name or r.get("status", "active") != "active" or re.match(r"(?i)(other|unspecified|public sector|donor|recipient)\b", name):
                continue
            acr = [r["acronym_in_name"].strip()] if r.get("acronym_in_name") else []
            if acr:
                name = re.sub(r"\s*\(" + re.escape(acr[0]) + r"\)\s*$", "", name)
            register(f"iati:{r['code']}", name, acr, [], None, "iati_crs")
    for row in curated_rows("organisations.tsv"):
        oid, name, acr, ali, kind = (row + [""] * 5)[:5]
        register(oid, name, [a for a in acr.split("|") if a], [a for a in ali.split("|") if a], None, "hand_curated", kind or None)
    rows = []
    for oid in sorted(orgs):
        o = orgs[oid]
        variants = set().union(*(spelling_variants(n) for n in {o["name"], *o["aliases"]})) - {o["name"]} - o["aliases"]
        o["aliases"] |= variants
        LOG.count("organisations.spelling_variant_aliases", len(variants))
        rows.append([o["id"], o["name"], sorted(o["acronyms"]), sorted(o["aliases"] - {o["name"]}),
                     o["wikidata"], "+".join(sorted(o["sources"])), o["kind"]])
    return rows


# ---------------------------------------------------------------- log
def write_log(out: Path, payload: dict) -> None:
    lines = ["# Default KB build log", "",
             "Generated by `python scripts/build_kb.py <shared data>`; deterministic (no timestamps).", "",
             "## Counts", "", "| key | count |", "|---|---:|"]
    for k in sorted(LOG.counts):
        lines.append(f"| {k} | {LOG.counts[k]} |")
    lines += ["", "## Coverage end per source", ""]
    for k, v in sorted(payload["coverage"].items()):
        lines.append(f"- {k}: {v}")
    for section in sorted(LOG.sections):
        lines += ["", f"## {section}", ""]
        lines += [f"- {x}" for x in LOG.sections[section]]
    (out / "BUILD_LOG.md").write_text("\n".join(lines) + "\n", "utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (e.g. ../shared/data)")
    ap.add_argument("--out", type=Path, default=ROOT / "factcheck/kb/data")
    args = ap.parse_args()
    build(args.data, args.out)
    print(f"wrote {args.out}/kb.json.gz and BUILD_LOG.md")


if __name__ == "__main__":
    main()
