"""Titled mentions of office holders, found with the evaluator's own patterns over its truth table, and the
perturbations that turn a correct mention into the errors news really makes.

Nothing here uses factcheck: the patterns are built from bench/office_eval_data (titles) and the truth table's
names (bench/office_truth.py).

Forms found (``Mention.form``):
- ``full``: "Japanese Prime Minister Shinzo Abe", "President Barack Obama";
- ``surname``: "President Obama", "Chancellor Merkel";
- ``middle_initial``: "President George W. Bush", "Vice President Joseph R. Biden";
- ``appositive`` (possessive or appositive title): "Britain's prime minister, Theresa May,", "Japan's Prime
  Minister Shinzo Abe", "Theresa May, the British prime minister,", "Shinzo Abe, Japan's prime minister,".
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from office_truth import SUFFIXES, Term, Truth, fold, is_initial, name_key, surnames

# A word before the title that makes the mention something other than "the current holder" (or another office).
QUALIFIER = re.compile(
    r"(?i)(?:\b(?:former|ex|then|acting|late|interim|outgoing|incoming|future|would-be|next|deputy|vice|assistant|"
    r"first|second|lady|candidate|nominee|presumptive|elect|designate|one-time|onetime|past|previous|erstwhile|"
    r"under|shadow|junior|senior|fellow|no)\b[\s-]*)$"
)
AFTER_BAD = re.compile(r"^(?:-elect|-designate|\s+(?:in waiting|emeritus))", re.IGNORECASE)
NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ](?:(?:\.[A-Z])*\.|[\w-]*(?:['’][A-Z][\w-]*)?))"
# Capitalised words that may follow a titled surname without being part of the name.
NOT_NAME = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "june", "july", "august", "september", "october", "november", "december"}
NAME = rf"{NAME_TOKEN}(?:[ \t]+(?:(?:de|da|del|van|von|bin|al|le|la|di|du|dos|der)[ \t]+)?{NAME_TOKEN}){{0,3}}"


@dataclass(frozen=True)
class Mention:
    start: int  # whole mention: place + title + name (or name + title for appositives)
    end: int
    title_start: int
    title_end: int
    name_start: int
    name_end: int
    place_start: int | None
    place_end: int | None
    form: str  # full | surname | middle_initial | appositive
    person: str
    office: str
    country: str
    family: str

    @property
    def has_place(self) -> bool:
        return self.place_start is not None


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


class Finder:
    """Compiled patterns for one truth table."""

    def __init__(self, truth: Truth):
        self.truth = truth
        titles = _alternation(t for o in truth.offices.values() for t in o.titles)
        places = "|".join(_place_regex(w) for w in sorted(truth.place_words, key=len, reverse=True))
        title = rf"(?P<title>(?i:{titles}))"
        place = rf"(?P<place>{places})"
        # 1. premodifier: [Place|Place's] Title Name
        self.pre = re.compile(rf"(?<![\w.-])(?:{place}(?P<poss>['’]s)?[ \t]+)?{title}[ \t]+(?P<name>{NAME})")
        # 2. possessive appositive: Place's title, Name,
        self.poss = re.compile(rf"(?<![\w.-]){place}['’]s[ \t]+{title},[ \t]+(?P<name>{NAME})(?=,)")
        # 3. appositive after: Name, [the] [Place|Place's] title [of Place],
        self.app = re.compile(
            rf"(?P<name>{NAME}),[ \t]+(?:the[ \t]+)?(?:{place}(?:['’]s)?[ \t]+)?{title}"
            rf"(?:[ \t]+of[ \t]+(?P<place2>{places.replace('?P<', '?P<x')}))?(?=[,.;])"
        )

    def find(self, text: str, day: dt.date) -> list[Mention]:
        """Every titled mention whose person held the named office on ``day`` (by the truth table), in text order."""
        found: dict[tuple[int, int], Mention] = {}
        for m in self.pre.finditer(text):
            if m.group("place") and not m.group("poss") and self._country(m.group("place")) is None:
                continue
            start = m.start("place") if m.group("place") else m.start("title")
            if QUALIFIER.search(text[max(0, start - 30):start]) or AFTER_BAD.match(text[m.end("title"):]):
                continue
            mention = self._resolve(m, text, day, start, appositive=False, prefix=True)
            if mention:
                found[(mention.start, mention.end)] = mention
        for m in self.poss.finditer(text):
            start = m.start("place")
            if QUALIFIER.search(text[max(0, start - 30):start]):
                continue
            mention = self._resolve(m, text, day, start, appositive=True, prefix=True)
            if mention:
                found[(mention.start, mention.end)] = mention
        for m in self.app.finditer(text):
            between = text[m.end("name"):m.start("title")]
            if re.search(r"(?i)\b(?:former|then|acting|late|interim|deputy|vice|first)\b", between):
                continue
            mention = self._resolve(m, text, day, None, appositive=True, prefix=False)
            if mention:
                found[(mention.start, mention.end)] = mention
        # One reading per stretch of text: drop mentions inside a longer one.
        out = sorted(found.values(), key=lambda x: (x.start, -(x.end - x.start)))
        kept: list[Mention] = []
        for x in out:
            if kept and x.start < kept[-1].end:
                continue
            kept.append(x)
        return kept

    def _country(self, word: str | None) -> str | None:
        return self.truth.places.get(fold(word)) if word else None

    def _resolve(self, m: re.Match, text: str, day: dt.date, start: int | None, *, appositive: bool, prefix: bool):
        truth = self.truth
        country = self._country(m.group("place"))
        if country is None and "place2" in m.re.groupindex and m.group("place2"):
            country = self._country(m.group("place2"))
        office_keys = truth.title_offices.get(re.sub(r"\s+", " ", m.group("title")).lower(), set())
        if not office_keys:
            return None
        ns, name = m.start("name"), m.group("name")
        tokens = [(t.start() + ns, t.end() + ns, t.group()) for t in re.finditer(r"\S+", name)]
        # Premodifier: the name is a prefix of the capitalised run; appositive-after: a suffix.
        spans = [tokens[:k] for k in range(len(tokens), 0, -1)] if prefix else [tokens[k:] for k in range(len(tokens))]
        for toks in spans:
            words = " ".join(t[2] for t in toks)
            if len(toks) == 1:
                rest = tokens[1:] if prefix else tokens[:-1]
                if rest and (fold(rest[0][2]) not in NOT_NAME if prefix else True):
                    continue  # "Vice President George H.W. Bush": not the surname "George"
                people = truth.surname_index.get(fold(words), set())
            else:
                key = name_key(words)
                people = truth.names.get(key, set()) if key else set()
                if not people and fold(toks[0][2]) in ("lord", "lady", "baroness", "sir"):
                    people = truth.surname_index.get(fold(" ".join(t[2] for t in toks[1:])), set())
            if not people:
                continue
            terms = [t for t in (t for p in people for t in truth.by_person[p])
                     if t.office in office_keys and (country is None or t.country == country) and t.covers(day, 14)
                     and _scope_ok(truth, t)]
            hits = {(t.person, t.office, t.country) for t in terms}
            if len(hits) != 1:
                return None
            person, office, ctry = hits.pop()
            if len(toks) == 1:
                # A surname alone must pick out one holder of that office on that day.
                same = [t for t in truth.holders(office, ctry, day) if fold(words) in surnames(t.name, t.country)]
                if len({t.person for t in same}) != 1:
                    return None
            possessive = "poss" in m.re.groupindex and bool(m.group("poss"))
            form = "appositive" if appositive or possessive else (
                "surname" if len(toks) == 1 else "middle_initial" if any(is_initial(t[2]) for t in toks[1:-1]) else "full")
            n0, n1 = toks[0][0], toks[-1][1]
            ts, te = m.start("title"), m.end("title")
            ps = m.start("place") if m.group("place") else None
            pe = m.end("place") if m.group("place") else None
            s = min(x for x in (start, ts, n0) if x is not None)
            e = max(te, n1)
            return Mention(s, e, ts, te, n0, n1, ps, pe, form, person, office, ctry, truth.offices[office].family)
        return None


def _scope_ok(truth: Truth, term: Term) -> bool:
    scope = truth.offices[term.office].scope
    return scope == "*" or scope == term.country


def _place_regex(word: str) -> str:
    # Place words as the tables spell them, first letters capital (U.S., Japan, South Korean).
    return r"(?:" + "".join(_char(c) for c in word) + r")"


def _char(c: str) -> str:
    if c.isalpha():
        return re.escape(c)
    if c == " ":
        return r"[ \t]+"
    return re.escape(c)


# ---------------------------------------------------------------- perturbations

@dataclass(frozen=True)
class Perturbation:
    kind: str  # holder_swap | office_swap | no_such_office | date_shift
    expect: str  # the rule code expected on the mention's span (TM01, EN02, EN01) or "" for a negative control
    text: str
    date: dt.date
    start: int  # the mention's span in the perturbed text
    end: int
    detail: str


def replace_span(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def holder_swap(truth: Truth, text: str, m: Mention, day: dt.date, rng: random.Random) -> Perturbation | None:
    """The name replaced by the predecessor or successor in the same office, who did not hold it on ``day``."""
    terms = truth.by_office[(m.office, m.country)]
    mine = [t for t in terms if t.person == m.person and t.covers(day)]
    if not mine:
        return None
    cur = mine[0]
    before = [t for t in terms if t.person != m.person and t.start and t.start < cur.start and not t.near(day, 90)]
    after = [t for t in terms if t.person != m.person and t.start and t.start > cur.start and not t.near(day, 90)]
    options = ([max(before, key=lambda t: t.start)] if before else []) + ([min(after, key=lambda t: t.start)] if after else [])
    # Not someone who held it on the day in another term, nor a caretaker of a few weeks (acting holders).
    options = [t for t in options if not any(u.person == t.person and u.near(day, 90) for u in terms)
               and (t.end is None or (t.end - t.start).days >= 180)]
    if not options:
        return None
    other = rng.choice(options)
    name = truth.display[other.person].split(",")[0]  # "Edward George, Baron George" -> "Edward George"
    if m.form == "surname":
        name = _surname_display(name, other.country)
    if fold(name) == fold(text[m.name_start:m.name_end]):
        return None
    end = _name_end(text, m.name_end)
    if name.endswith(".") and text[end:end + 1] == ".":
        name = name[:-1]  # "Joseph R. Biden Jr." at a sentence's end: one full stop
    new = replace_span(text, m.name_start, end, name)
    delta = len(name) - (end - m.name_start)
    return Perturbation("holder_swap", "TM01", new, day, m.start, max(m.end, end) + delta,
                        f"{text[m.name_start:end]} -> {name}")


def _name_end(text: str, end: int) -> int:
    """The end of a name span, with the full stop of an abbreviated suffix ("Jr.", "Sr.") when the sentence goes
    on after it ("Joseph R. Biden Jr. said", "John G. Roberts Jr., who"): left behind, the stop would end the
    sentence ("Dick Cheney. said"), or stay before a possessive ("Dick Cheney.'s"). At a sentence's end ("... Jr.
    The") the stop is the sentence's and stays."""
    last = re.search(r"(\S+)$", text[:end])
    if not last or fold(last.group(1)) not in SUFFIXES or text[end:end + 1] != ".":
        return end
    return end + 1 if re.match(r"\s*[a-z,;:)'’]", text[end + 1:]) else end


def _surname_display(name: str, country: str) -> str:
    toks = [t for t in name.split() if not is_initial(t)]
    from office_truth import PARTICLES, SURNAME_FIRST
    if country in SURNAME_FIRST:
        return toks[0]
    if len(toks) >= 3 and fold(toks[-2]) in PARTICLES:
        return " ".join(toks[-2:])
    return toks[-1]


# Offices a title may be swapped into: the ones news uses most, per family.
SWAP_FAMILIES = ("head", "vp", "foreign", "minister")


def office_swap(truth: Truth, text: str, m: Mention, day: dt.date, rng: random.Random) -> Perturbation | None:
    """The title replaced by another office of the same country, held by someone else on ``day``, that the
    person never held (by the truth table)."""
    options = []
    for key, office in sorted(truth.offices.items()):
        if key == m.office or office.family not in SWAP_FAMILIES or (office.scope not in ("*", m.country)):
            continue
        if not truth.holders(key, m.country, day) or truth.ever_held(m.person, key):
            continue
        if office.titles[0].lower() in ("chancellor",) and m.country == "united-kingdom":
            continue
        options.append(office)
    # The confusions news makes are among the top offices: prefer them, fall back to other ministers.
    top = [o for o in options if o.family in ("head", "vp", "foreign")]
    options = top or options
    if not options:
        return None
    return _retitle(text, m, day, rng.choice(options).titles[0], "office_swap", "EN02")


def _retitle(text: str, m: Mention, day: dt.date, title: str, kind: str, expect: str) -> Perturbation:
    """The mention with its title replaced (lower case where the article wrote it so)."""
    if text[m.title_start].islower():
        title = title.lower()
    new = replace_span(text, m.title_start, m.title_end, title)
    delta = len(title) - (m.title_end - m.title_start)
    return Perturbation(kind, expect, new, day, m.start, m.end + delta,
                        f"{text[m.title_start:m.title_end]} -> {title} ({m.country})")


NONEXISTENT = (("president", "President"), ("prime_minister", "Prime Minister"))
# News writes these as the same office ("Chinese Prime Minister" for the Premier).
SAME_AS = {"prime_minister": ("premier_cn",)}


def no_such_office(truth: Truth, text: str, m: Mention, day: dt.date, rng: random.Random) -> Perturbation | None:
    """The title replaced by a head-of-state/government title the named country never had in the truth table
    (only for mentions that name the country: "Japanese President Shinzo Abe")."""
    if not m.has_place:
        return None
    options = [(k, t) for k, t in NONEXISTENT if k != m.office]
    has_heads = any(o == "president" or o == "prime_minister" for (o, c) in truth.by_office if c == m.country)
    options = [(k, t) for k, t in options
               if not any(m.country in truth.countries_with(o) for o in (k, *SAME_AS.get(k, ())))]
    if not options or not has_heads:
        return None
    return _retitle(text, m, day, rng.choice(options)[1], "no_such_office", "EN01")


def date_shift(truth: Truth, text: str, m: Mention, day: dt.date, years: int = -10) -> Perturbation | None:
    """The article's date moved by ``years``: TM01 expected when the person held the office nowhere near the new
    date and the truth table knows who did; a negative control ("") when the person held it then too."""
    try:
        new_day = day.replace(year=day.year + years)
    except ValueError:
        new_day = day.replace(year=day.year + years, day=28)
    mine = [t for t in truth.by_person[m.person] if t.office == m.office and t.country == m.country]
    if any(t.covers(new_day, 30) for t in mine):
        return Perturbation("date_shift", "", text, new_day, m.start, m.end, f"{day} -> {new_day} (still held)")
    if any(t.near(new_day, 365) for t in mine) or not truth.holders(m.office, m.country, new_day):
        return None
    return Perturbation("date_shift", "TM01", text, new_day, m.start, m.end, f"{day} -> {new_day}")


PERTURBATIONS = (holder_swap, office_swap, no_such_office)


def perturb(truth: Truth, text: str, m: Mention, day: dt.date, seed: int) -> list[Perturbation]:
    """Every applicable perturbation of one correct mention (deterministic for a seed)."""
    out = []
    for fn in PERTURBATIONS:
        p = fn(truth, text, m, day, random.Random(f"{seed}:{fn.__name__}:{m.start}"))
        if p:
            out.append(p)
    p = date_shift(truth, text, m, day)
    if p:
        out.append(p)
    return out


def with_front_matter(text: str, day: dt.date) -> str:
    """The article as a file with its date in front matter (the tool's own date detection is not measured)."""
    return f"---\ndate: {day.isoformat()}\n---\n{text}"


__all__ = [
    "Finder",
    "Mention",
    "Perturbation",
    "date_shift",
    "holder_swap",
    "no_such_office",
    "office_swap",
    "perturb",
    "replace_span",
    "with_front_matter",
]
