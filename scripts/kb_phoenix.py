"""Earlier heads of state and government from the Phoenix/PETRARCH2 actor dictionary, for scripts/build_kb.py.

office_holders (Peppercat) lists most countries' leaders only from the mid-1990s: Israel's prime ministers from
1999, France's from 1997, so Menachem Begin (1977-83) and Jacques Chirac's first premierships are missing. The
Phoenix country dictionary (generated from CountryInfo.txt, MIT) gives each leader's periods in government as
``ISRGOV 770621-831010`` without saying which office. This module extends a leader office's list of holders
backwards only along a chain of such periods that hand over day to day: from the KB's earliest holder of the
office, the one period that ends within HANDOVER of that start (when several do, the entry the dictionary lists
just before the current holder's, as it lists each office's holders in order), and so on until no single
period fits. A minister's period rarely ends on a leader's handover day; when one does beside a leader's, and
the dictionary order does not decide, the chain stops there (honest: the earlier years stay outside the
office's coverage window).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from factcheck.kb.names import normalise, slugify, title_case_caps

# A handover in the dictionary may differ from the office_holders date by a day or two (time zones, sworn in
# the next day: Juppé 1995-05-17/18).
HANDOVER = timedelta(days=3)
# Words the dictionary puts before some leaders' names ("HOJATOLISLAM SAYYED ALI KHAMENEI").
HONORIFIC_WORDS = {"hojatolislam", "ayatollah", "sayyed", "sheikh", "shaykh", "mullah", "general", "dr", "sir",
                   "colonel", "marshal"}
# Titles in a dictionary entry's name ("RUSSIAN_PRESIDENT_YELTSIN"): such a name is replaced by a synonym without.
TITLE_WORDS = {"president", "prime", "minister", "premier", "chancellor", "king", "queen"}
# Only these offices are extended: monarchs' reigns are not in the dictionary (a realm's governor-general or prime
# minister would follow the Queen), nor are colonial governors a chief executive.
EXTENDED_TITLES = {"president", "prime minister", "premier", "chancellor", "federal chancellor", "taoiseach",
                   "federal president"}


@dataclass(frozen=True)
class Period:
    index: int  # the entry's place in the dictionary (its order lists an office's holders one after another)
    name: str
    forms: tuple[str, ...]
    start: date
    end: date


def _day(text: str) -> date | None:
    """YYMMDD (two-digit years: 00-29 are 20xx) or YYYYMMDD."""
    try:
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6:
            yy = int(text[:2])
            return date((2000 if yy < 30 else 1900) + yy, int(text[2:4]), int(text[4:]))
    except ValueError:
        return None
    return None


def _name(raw: str) -> str:
    words = [w for w in raw.replace("_", " ").split()]
    while len(words) > 2 and normalise(words[0]) in HONORIFIC_WORDS:
        words = words[1:]
    return title_case_caps(" ".join(words))


def government_periods(path: Path) -> dict[str, list[Period]]:
    """Per ISO3 code, every closed ``<ISO3>GOV start-end`` period of the dictionary's people, in file order."""
    out: dict[str, list[Period]] = {}
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        entry = json.loads(line)
        forms = tuple(sorted({_name(entry["name"]), *(_name(s) for s in entry.get("synonyms", []))}))
        clean = [f for f in forms if not set(normalise(f).split()) & TITLE_WORDS]
        name = _name(entry["name"])
        if name not in clean:
            if not clean:
                continue
            name = max(clean, key=lambda f: (len(f.split()), f))
        for code in entry.get("codes", []):
            m = re.fullmatch(r"([A-Z]{3})GOV (\d{6,8})-(\d{6,8})", code.strip())
            if not m:
                continue
            start, end = _day(m.group(2)), _day(m.group(3))
            if start and end and start < end:
                out.setdefault(m.group(1), []).append(Period(index, name, forms, start, end))
    return out


def extend_leaders(path: Path, offices: dict[str, dict], terms: list[dict], iso3_of: dict[str, str],
                   person_of: Callable[[str, tuple[str, ...]], str | None], name_of: Callable[[str], str],
                   log: Callable[[str, str], None]) -> list[dict]:
    """New terms (pid, name, office, start, end, source 'phoenix') before each leader office's earliest holder.
    ``person_of(country, forms)`` gives the KB person of one of the names in that country, else None;
    ``name_of(pid)`` a known person's name."""
    periods = government_periods(path)
    by_office: dict[str, list[dict]] = {}
    for t in terms:
        by_office.setdefault(t["office"], []).append(t)
    used: set[Period] = set()
    added: list[dict] = []
    for oid in sorted(offices):
        o = offices[oid]
        known = [t for t in by_office.get(oid, []) if t["start"]]
        candidates = periods.get(iso3_of.get(o["country"], ""), [])
        if not o.get("roles") or not known or not candidates or normalise(o["title"]) not in EXTENDED_TITLES:
            continue
        first = min(known, key=lambda t: t["start"])
        frontier, names = first["start"], {normalise(name_of(first["pid"]))}
        current = next((p.index for p in candidates if normalise(p.name) in names), None)
        chain = []
        while True:
            fits = [p for p in candidates if p not in used and abs(p.end - frontier) <= HANDOVER and p.start < frontier]
            if len({p.index for p in fits}) == 1:  # one person's periods listed twice: the longest
                fits = [min(fits, key=lambda p: p.start)]
            if len(fits) > 1 and current is not None:
                fits = [p for p in fits if p.index == current - 1] or fits
            if len(fits) != 1:
                if fits:
                    log("leaders before the sources' first holder (Phoenix): chain stopped",
                        f"{oid}: before {frontier} {len(fits)} periods end together ({', '.join(p.name for p in fits)})")
                break
            (p,) = fits
            used.add(p)
            chain.append(p)
            frontier, current = p.start, p.index
        for p in chain:
            pid = person_of(o["country"], p.forms) or "phoenix:" + slugify(p.name)
            added.append({"pid": pid, "name": p.name, "office": oid, "start": p.start, "end": None, "source": "phoenix"})
        # each period ends where the next holder (already known or just added) starts
        ordered = sorted(added[len(added) - len(chain):], key=lambda t: t["start"])
        for a, b in zip(ordered, ordered[1:] + [first]):
            a["end"] = b["start"]
        if chain:
            log("leaders before the sources' first holder (Phoenix)",
                f"{oid}: {len(chain)} holders from {chain[-1].start} ({', '.join(p.name for p in reversed(chain))})")
    return added
