"""Offices beyond heads of state and government, for scripts/build_kb.py.

Reads the UK ministers (Institute for Government) and the US data (congress-legislators, State Department
POCOM) into raw term rows, maps source labels onto canonical office ids (``hand_curated/office_map.tsv``), and
computes per office: single or many seats, the coverage window (the period over which its holder list is
complete) and, for leaders' titles, the date the office ceased to exist.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from factcheck.kb.names import _words_match, name_parts, normalise, slugify

# A holder list with a gap longer than this between one holder's end and the next one's start is incomplete there.
MAX_GAP = timedelta(days=60)
# Terms of two people overlapping by more than this are two seats, not a handover.
OVERLAP = timedelta(days=31)
# Overlaps that year-only dates (widened to 1 January .. 31 December) cannot make.
YEAR_WIDE = timedelta(days=400)
# An office whose newest term ended this long before its source's date, with no successor, no longer exists
# (only decided for leaders' titles; a ministry missing its newest holder is more likely a gap in the data).
ABOLISHED_AFTER = timedelta(days=365)
LEADER_WORDS = {"president", "prime minister", "premier", "chancellor"}
# A member of Congress last seen in the current file this long before the term's nominal end left early (died,
# resigned); closer to it, the file was only updated ahead of a new Congress.
LISTED_MARGIN = timedelta(days=62)
# Members who left Congress before 2012 (no dates in the source) are kept only when born from this year: the
# people news of the last decades names; earlier ones would only add namesakes.
HISTORICAL_BORN_FROM = 1900


def _d(value: str | None) -> date | None:
    value = (value or "").strip()
    return date.fromisoformat(value[:10]) if len(value) >= 10 else None


def birth_of(value: str | None) -> str | None:
    """A birth date as the source gives it, YYYY or YYYY-MM-DD (a month-only date keeps its year); None if absent."""
    m = re.match(r"\d{4}(?:-\d{2}-\d{2})?", (value or "").strip())
    return m.group(0) if m else None


def same_birth(a: str | None, b: str | None) -> bool | None:
    """Whether two birth dates can be one person's: the same day when both sources give the day, else the same
    year (None when either is unknown)."""
    if not a or not b:
        return None
    return a == b if len(a) == len(b) == 10 else a[:4] == b[:4]


def left_by(last_seen: date | None, snapshot: date) -> date | None:
    """When a member no longer in congress-legislators' current file had left: by the end of the month after the
    last monthly snapshot that listed them (a conservative end, never before the real one; at most the source's
    date), or None when they are listed at the source's date."""
    if last_seen is None or last_seen >= snapshot:
        return None
    month = last_seen.month + 2
    return min(date(last_seen.year + (month - 1) // 12, (month - 1) % 12 + 1, 1), snapshot)


class OfficeMap:
    """``hand_curated/office_map.tsv``: (source, label) -> office id, title; plus the generic rule."""

    def __init__(self, rows: list[list[str]]):
        self.by_label: dict[tuple[str, str], tuple[str, str]] = {}
        for source, label, oid, title in rows:
            self.by_label[(source, normalise(label))] = (oid, title)

    def get(self, source: str, label: str) -> tuple[str, str] | None:
        key = normalise(label)
        return self.by_label.get((source, key)) or self.by_label.get(("*", key))


def uk_ministers(data: Path, omap: OfficeMap, log: Callable[[str, str], None]) -> tuple[list[dict], date]:
    """Raw terms from the IfG Ministers Database: the named posts (PM, DPM, Secretaries of State, law officers,
    leaders of the Houses, "Minister for X", every "Secretary of State for X"); the generic "Minister of State,
    <dept>" and whips are left out."""
    path = data / "office_holders_uk_ministers" / "appointments_flat.csv"
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    known_to = max(max(_d(r["start_date"]) for r in rows), max(_d(r["end_date"]) or date.min for r in rows))
    out = []
    for r in rows:
        post = r["post"].strip()
        mapped = omap.get("ifg", post)
        if mapped is None:
            # "Minister of State, Home Office" is one of several junior posts; "Secretary of State for Transport,
            # Local Government and the Regions" is one named department's head, comma or not
            generic = "," in post and not post.startswith("Secretary of State for ")
            if generic or r["rank"] == "Parl." or "Whip" in post or post.startswith(("Parliamentary", "Minister of State")):
                log("ifg", "skipped")
                continue
            mapped = (f"GB.{slugify(post)}", post)
        oid, title = mapped
        names = [n for n in r["all_names"].split("|") if n]
        if "Prime Minister" == post and r["rank"] != "PM":
            continue
        out.append({"pid": "ifg:" + r["person_id"], "name": r["name"].strip(), "aliases": names, "office": oid,
                    "title": title, "label": post, "start": _d(r["start_date"]), "end": _d(r["end_date"]),
                    "source": "ifg_ministers", "country": "GB"})
        log("ifg", "used")
    return out, known_to


def us_offices(data: Path, omap: OfficeMap, president_office: str, log: Callable[[str, str], None]) -> tuple[list[dict], dict[str, date]]:
    """Raw terms from congress-legislators (presidents, vice presidents, members of Congress, leaders) and POCOM
    (Secretaries of State and the other principal officers). Returns the rows and each source's date."""
    base = data / "office_holders_us"
    cl = base / "congress_legislators"
    out: list[dict] = []
    snap_cl = max(_d(r["last_seen_in_current_file"]) for r in csv.DictReader(open(cl / "congress_terms.csv", encoding="utf-8")))
    qid_of: dict[str, str] = {}
    for f in ("executive_terms.csv", "congress_terms.csv", "leadership_terms.csv"):
        for r in csv.DictReader(open(cl / f, encoding="utf-8")):
            if r.get("wikidata", "").startswith("Q"):
                qid_of[r["bioguide"]] = r["wikidata"]

    def pid(r) -> str:
        if r.get("wikidata", "").startswith("Q"):
            return r["wikidata"]
        if r["bioguide"]:
            return qid_of.get(r["bioguide"]) or "bioguide:" + r["bioguide"]
        # presidents who never sat in Congress have no bioguide id: never one shared empty id
        return f"govtrack:{r['govtrack']}" if r.get("govtrack") else "us:" + slugify(f"{r['first']} {r['last']}")

    def clip(end: date | None, snapshot: date) -> date | None:
        return None if end is None or end > snapshot else end  # a scheduled end is not a known one

    for r in csv.DictReader(open(cl / "executive_terms.csv", encoding="utf-8")):
        oid, title = (president_office, "President") if r["type"] == "prez" else ("US.vice-president", "Vice President")
        out.append({"pid": pid(r), "name": f"{r['first']} {r['last']}", "aliases": [], "office": oid, "title": title,
                    "label": title, "start": _d(r["start"]), "end": clip(_d(r["end"]), snap_cl),
                    "source": "congress_legislators", "country": "US"})
    historical = list(csv.DictReader(open(cl / "raw" / "legislators-historical.csv", encoding="utf-8")))
    born = {r["bioguide_id"]: birth_of(r["birthday"]) for r in historical}
    in_terms: set[str] = set()
    for r in csv.DictReader(open(cl / "congress_terms.csv", encoding="utf-8")):
        if r["type"] not in ("sen", "rep"):
            log("us", f"congress_terms row of type {r['type']!r} skipped")
            continue
        in_terms.add(r["bioguide"])
        oid, title = ("US.senator", "Senator") if r["type"] == "sen" else ("US.representative", "Representative")
        end = clip(_d(r["end"]), snap_cl)
        left = left_by(_d(r["last_seen_in_current_file"]), snap_cl)
        if left and (end is None or end > left + LISTED_MARGIN):
            # died or resigned: gone from the current file long before the term's nominal end (McCain 2018)
            log("congress terms ended when the member left", f"{r['first']} {r['last']} {r['type']} {r['state']}: "
                f"nominal end {r['end']}, last seen {r['last_seen_in_current_file']}; ends {left}")
            end = left
        out.append({"pid": pid(r), "name": f"{r['first']} {r['last']}", "aliases": [r["name_official"]] if r["name_official"] else [],
                    "office": oid, "title": title, "label": title, "start": _d(r["start"]), "end": end,
                    "source": "congress_legislators", "country": "US", "detail": f"{r['state']} {r['party']}",
                    "birth": born.get(r["bioguide"])})
    for r in historical:
        # members who left before 2012 (congress_terms lacks them): the source gives their last chamber, no dates,
        # so the term's start and end are unknown; it says they sat there, not when (Hillary Clinton, Senate)
        year = birth_of(r["birthday"])
        if r["bioguide_id"] in in_terms or r["type"] not in ("sen", "rep") or year is None or int(year[:4]) < HISTORICAL_BORN_FROM:
            continue
        oid, title = ("US.senator", "Senator") if r["type"] == "sen" else ("US.representative", "Representative")
        first = r["nickname"] or r["first_name"]
        aliases = [f"{r['first_name']} {r['last_name']}", r["full_name"], re.sub(r"\s*\(.*?\)$", "", r["wikipedia_id"])]
        out.append({"pid": qid_of.get(r["bioguide_id"]) or "bioguide:" + r["bioguide_id"], "name": f"{first} {r['last_name']}",
                    "aliases": sorted({a.strip() for a in aliases if a.strip()} - {f"{first} {r['last_name']}"}),
                    "office": oid, "title": title, "label": title, "start": None, "end": None,
                    "source": "congress_legislators", "country": "US", "birth": year})
        log("us", "historical member added without dates")
    for r in csv.DictReader(open(cl / "leadership_terms.csv", encoding="utf-8")):
        label = r["title"].strip()
        mapped = omap.get("congress_legislators", f"{r['chamber']} {label}") or omap.get("congress_legislators", label)
        oid, title = mapped or (f"US.{slugify(label if label.lower().startswith(r['chamber']) else r['chamber'] + ' ' + label)}", label)
        end = _d(r["end"])
        if end is None and _d(r["last_seen_in_current_file"]) and _d(r["last_seen_in_current_file"]) < snap_cl:
            end = _d(r["last_seen_in_current_file"])  # the role ended by the time the person left Congress
        out.append({"pid": pid(r), "name": r["name_official"], "aliases": [], "office": oid, "title": title, "label": label,
                    "start": _d(r["start"]), "end": end, "source": "congress_legislators", "country": "US"})
    pocom = base / "state_dept_pocom" / "principals.csv"
    prows = list(csv.DictReader(open(pocom, encoding="utf-8")))
    snap_pocom = max(_d(r["started"]) or date.min for r in prows)
    for r in prows:
        mapped = omap.get("pocom", r["position_id"])
        oid, title = mapped or (f"US.{slugify(r['position'])}", r["position"])
        start = _d(r["started"]) or _d(r["appointed"])
        words = r["name"].split()
        aliases = [f"{words[0]} {words[-1]}"] if len(words) > 2 else []
        out.append({"pid": "pocom:" + r["person_id"], "name": r["name"].strip(), "aliases": aliases, "office": oid,
                    "title": title, "label": r["position"], "start": start, "end": _d(r["ended"]),
                    "source": "state_dept_pocom", "country": "US", "birth": birth_of(r["birth"])})
    return out, {"congress_legislators": snap_cl, "state_dept_pocom": snap_pocom}


PEERAGE = re.compile(r"(?P<name>[^,]+), (?:Baron|Baroness|Lord|Lady|Viscount|Viscountess|Earl|Countess|Marquess) .+")
MIDDLE_INITIAL = re.compile(r"[A-Z]\.?")


def name_forms(name: str) -> set[str]:
    """Other forms of a name that news writes: without the peerage a Wikidata label adds ("Edward George, Baron
    George" -> "Edward George") and without a middle initial ("John W. Snow" -> "John Snow")."""
    out = set()
    m = PEERAGE.fullmatch(name.strip())
    if m:
        out.add(m.group("name").strip())
    for n in {name.strip(), *out}:
        words = n.split()
        # only after a given name written out: "A. P. J. Abdul Kalam" is initials and a name, nothing to drop
        if (len(words) >= 3 and not MIDDLE_INITIAL.fullmatch(words[0])
                and any(MIDDLE_INITIAL.fullmatch(w) for w in words[1:-1])):
            out.add(" ".join([words[0], *(w for w in words[1:-1] if not MIDDLE_INITIAL.fullmatch(w)), words[-1]]))
    out.discard(name.strip())
    return out


def _born_alike(a: dict, b: dict) -> bool:
    """Two names of one person born in one year: the same surname and given names that begin alike or are listed
    variants ("Jacob L. Lew" and "Jack Lew", born 1955; "William Cohen" and "Bill Cohen")."""
    pa, pb = name_parts(a["name"]), name_parts(b["name"])
    if pa is None or pb is None or not _words_match(pa.last, pb.last):
        return False
    return pa.first[:1] == pb.first[:1] or _words_match(pa.first, pb.first)


def unify_people(raw_terms: list[dict], office_country: dict[str, str], log: Callable[[str, str], None]) -> None:
    """Give a row without a Wikidata id the QID of the same person in another source. First: the same surname
    starting the same office within a week ("Michael R. Pompeo" in POCOM, "Mike Pompeo" in Wikidata). Then: the
    one QID person of the same country born the same year, with the same surname and a given name that begins
    alike, on the same day when both sources give the day ("Jacob L. Lew", born 1955 in POCOM, is Wikidata's "Jack
    Lew", born 1955-08-29; David Evans and Donald Evans, both born in 1946, are two). Then: the one QID person whose own name
    (not an alias: "George Bush" is an alias of both Bushes) equals the row's name or alias, holding an office of
    the same country, unless their birth dates differ. Never across countries, never when two
    QIDs qualify: a wrong merge is worse than a duplicate (it makes two people one)."""
    remap: dict[str, str] = {}
    starts: dict[tuple[str, str], set[tuple[date, str]]] = defaultdict(set)
    by_name: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    born: dict[str, str] = {}
    by_birth: dict[tuple[str | None, str], dict[str, dict]] = defaultdict(dict)
    for t in raw_terms:
        key = normalise(t["name"])
        if t["pid"].startswith("Q") and t.get("birth"):
            born.setdefault(t["pid"], t["birth"])
        if t["pid"].startswith("Q") and key and t["source"] == "office_holders":
            # names as Wikidata labels them; "George Bush" (first + last name) is how congress-legislators names both
            by_name[(office_country.get(t["office"]), key)].add(t["pid"])
            peer = PEERAGE.fullmatch(t["name"].strip())
            if peer:  # "John Reid, Baron Reid of Cardowan" is the IfG's "John Reid"
                by_name[(office_country.get(t["office"]), normalise(peer.group("name")))].add(t["pid"])
            if t["start"]:
                starts[(t["office"], key.split()[-1])].add((t["start"], t["pid"]))
            if t.get("birth"):
                by_birth[(office_country.get(t["office"]), t["birth"][:4])].setdefault(t["pid"], t)
    for t in raw_terms:
        key = normalise(t["name"])
        if t["pid"].startswith("Q") or t["pid"] in remap or not key or not t["start"]:
            continue
        near = {pid for d, pid in starts.get((t["office"], key.split()[-1]), ()) if abs((d - t["start"]).days) <= 7}
        if len(near) == 1:
            remap[t["pid"]] = next(iter(near))
            log("people unified by office, surname and start", f"{t['pid']} {t['name']!r} -> {remap[t['pid']]}")
    for t in raw_terms:
        if t["pid"].startswith("Q") or t["pid"] in remap or not t.get("birth"):
            continue
        c = office_country.get(t["office"])
        alike = {pid for pid, other in by_birth.get((c, t["birth"][:4]), {}).items()
                 if same_birth(t["birth"], other["birth"])
                 and any(_born_alike({"name": n}, other) for n in [t["name"], *t.get("aliases", [])])}
        if len(alike) == 1:
            remap[t["pid"]] = next(iter(alike))
            log("people unified by surname and birth date", f"{t['pid']} {t['name']!r} (born {t['birth']}) -> {remap[t['pid']]}")
    for t in raw_terms:
        if t["pid"].startswith("Q") or t["pid"] in remap:
            continue
        c = office_country.get(t["office"])
        for n in [t["name"], *t.get("aliases", [])]:
            q = by_name.get((c, normalise(n)))
            if q and len(q) == 1:
                qid = next(iter(q))
                if same_birth(t.get("birth"), born.get(qid)) is False:
                    log("namesakes kept apart (birth dates differ)", f"{t['pid']} {t['name']!r} (born {t['birth']}) "
                        f"is not {qid} (born {born[qid]})")
                    break
                remap[t["pid"]] = qid
                log("people unified by name within a country", f"{t['pid']} {t['name']!r} -> {remap[t['pid']]}")
                break
    for t in raw_terms:
        t["pid"] = remap.get(t["pid"], t["pid"])


def _contiguous_from(terms: list[dict], known_to: date | None) -> date | None:
    """The earliest date from which every day up to the newest term is held by someone (gaps <= MAX_GAP)."""
    dated = sorted((t for t in terms), key=lambda t: (t["start"] or date.min))
    if not dated or dated[-1]["start"] is None:
        return None
    frontier = dated[-1]["start"]
    for t in reversed(dated[:-1]):
        if t["start"] is None:
            break
        if t["end"] is not None and t["end"] + MAX_GAP < frontier:
            break
        frontier = min(frontier, t["start"])
    return frontier


def _complete_segments(terms: list[dict], before: date | None) -> list[tuple[date, date]]:
    """Earlier stretches, ending before ``before`` (the start of the newest one), over which every day is held by
    a known holder (gaps <= MAX_GAP): a hole in a holder list (France's foreign ministers 2017-2024 missing) leaves
    the list complete on either side of it, not only after it."""
    if before is None:
        return []
    spans = sorted((t["start"], t["end"] or date.max) for t in terms if t["start"] is not None and t["start"] < before)
    out: list[list[date]] = []
    for start, end in spans:
        if out and (out[-1][1] == date.max or start <= out[-1][1] + MAX_GAP):
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, min(e, before)) for s, e in out if s < before and e < before - MAX_GAP]


def overlapping(terms: list[dict], by_more_than: timedelta = OVERLAP) -> list[tuple[dict, dict]]:
    """Pairs of successive terms (sorted by start) of two people that overlap by more than OVERLAP."""
    out = []
    for a, b in zip(terms, terms[1:]):
        if a["pid"] != b["pid"] and b["start"] and (a["end"] or date.max) - b["start"] > by_more_than:
            out.append((a, b))
    return out


def one_seat(terms: list[dict], overlaps: list[tuple[dict, dict]]) -> bool:
    """Whether an office is held by one person at a time: its terms overlap at most at a few handovers."""
    return len(terms) < 3 or len(overlaps) <= max(1, len(terms) // 5)


def several_seats(rows: list[dict]) -> bool:
    """Whether a source's rows of an office show several seats (justices, deputy prime ministers), judged from
    the rows whose start and end the source gives, each person's merged: such an office's open rows are current
    holders side by side, not terms to close at the next person's start (Sotomayor, since 2009, is no
    predecessor of Kagan). Only overlaps longer than a year count: a source's year-only dates, widened to whole
    years, make successive ministers overlap by up to one."""
    spans: dict[str, list[list]] = defaultdict(list)
    for r in sorted((r for r in rows if r["start"] and r["end"]), key=lambda r: (r["start"], r["end"])):
        mine = spans[r["pid"]]
        if mine and r["start"] <= mine[-1][1]:
            mine[-1][1] = max(mine[-1][1], r["end"])
        else:
            mine.append([r["start"], r["end"]])
    terms = sorted(({"pid": pid, "start": a, "end": b} for pid, v in spans.items() for a, b in v),
                   key=lambda t: (t["start"], t["pid"]))
    return not one_seat(terms, overlapping(terms, YEAR_WIDE))


def office_facts(offices: dict[str, dict], terms_out: list[dict], known_to: dict[str, date],
                 declared: dict[str, dict], log: Callable[[str, str], None]) -> None:
    """Set single_seat, complete_from, known_to, segments (earlier complete stretches) and abolished on each office
    dict (and log overlapping terms of single-seat offices)."""
    by_office: dict[str, list[dict]] = defaultdict(list)
    for t in terms_out:
        by_office[t["office"]].append(t)
    for oid in sorted(offices):
        o = offices[oid]
        terms = sorted(by_office.get(oid, []), key=lambda t: (t["start"] or date.min, t["pid"]))
        overlaps = overlapping(terms)
        decl = declared.get(oid)
        single = decl["single"] if decl else one_seat(terms, overlaps)
        if not decl and not single and o.get("roles"):
            # a head of state or government is one person at a time: an acting holder beside an ill one (Olmert,
            # Sharon) or a rotation listed as one cabinet (Bennett, Lapid) is not a second seat; a council that
            # shares the office (San Marino's two Captains Regent) overlaps at nearly every handover
            single = 2 * len(overlaps) < len(terms) - 1
        o["single_seat"] = single
        if single:
            for a, b in overlaps:
                log("overlapping terms of single-seat offices",
                    f"{oid}: {a['pid']} {a['start']}..{a['end'] or 'open'} overlaps {b['pid']} {b['start']}..{b['end'] or 'open'}")
        o["known_to"] = known_to.get(oid)
        if decl:
            o["complete_from"], o["known_to"] = decl["from"], decl["to"]
        elif single:
            o["complete_from"] = _contiguous_from(terms, o["known_to"])
        else:
            o["complete_from"] = None
        o["segments"] = _complete_segments(terms, o["complete_from"]) if single and not decl else []
        o["abolished"] = None
        if single and terms and normalise(o["title"]) in LEADER_WORDS and not o.get("roles") and o["known_to"]:
            last_end = max((t["end"] or date.max) for t in terms)
            if last_end != date.max and last_end + ABOLISHED_AFTER < o["known_to"]:
                o["abolished"] = last_end
                log("offices no longer held", f"{oid} {o['title']!r}: newest term ended {last_end}, no successor by {o['known_to']}")
