"""Desk-layer YAML: newsroom-maintained people, offices, organisations, country aliases, corrections.

Strict: unknown keys, bad dates, duplicate ids, a person's overlapping terms in one
office, references to unknown offices -> ``DeskError`` naming file:line:col and the
field, with the closest valid key for misspellings.  Every file is validated before
any is applied, and layers are applied to a fresh KB, so nothing is loaded half.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from rapidfuzz import process
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from .model import Country, Office, Organisation, Person, Term


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DeskTerm(_Strict):
    """A term of office held by a desk person."""

    office: str
    start: date
    end: date | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _order(self) -> DeskTerm:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class DeskPerson(_Strict):
    """A person (new, or extending a default one by its id, e.g. a Wikidata QID)."""

    id: str
    name: str
    aliases: list[str] = []
    terms: list[DeskTerm] = []


class DeskOffice(_Strict):
    """An office the default KB lacks (or more aliases for an existing id)."""

    id: str
    country: str
    title: str
    aliases: list[str] = []
    roles: list[Literal["head_of_state", "head_of_government"]] = []
    single_seat: bool | None = None  # default: as the office it extends, else True
    complete_from: date | None = None  # the desk's list of holders is complete from (default: its first term)
    known_to: date | None = None


class DeskOrganisation(_Strict):
    """An organisation: official name, acronyms, aliases, Wikidata id."""

    id: str
    name: str
    acronyms: list[str] = []
    aliases: list[str] = []
    wikidata: str | None = None
    kind: str | None = None


class DeskCountry(_Strict):
    """More surface forms for a country (by ISO alpha-2 id)."""

    id: str
    name: str | None = None
    aliases: list[str] = []
    demonyms: list[str] = []
    adjectives: list[str] = []


class DeskCorrection(_Strict):
    """Fix one default term: the term of ``person`` in ``office`` covering ``term_start``."""

    person: str
    office: str
    term_start: date
    start: date | None = None
    end: date | None = None
    remove: bool = False
    note: str | None = None


class DeskFile(_Strict):
    """Top level of a desk KB YAML file. ``as_of``, ``source`` and ``covers`` say that the file states the holders
    of the ``covers`` offices as of that date (``factcheck kb update`` writes them): their coverage then extends to
    ``as_of``, and a new holder's term closes the previous holder's open one."""

    as_of: date | None = None
    source: str | None = None
    covers: list[str] = []
    people: list[DeskPerson] = []
    offices: list[DeskOffice] = []
    organisations: list[DeskOrganisation] = []
    countries: list[DeskCountry] = []
    corrections: list[DeskCorrection] = []


@dataclass
class DeskProblem:
    """One problem in a desk file, located."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"


class DeskError(ValueError):
    """Raised when desk files are invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[DeskProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class LoadedDeskFile:
    """A validated desk file plus its YAML tree (for locating later problems)."""

    path: Path
    model: DeskFile
    tree: Any = field(repr=False)


class _Constructor(RoundTripConstructor):
    """Keep timestamps as strings so pydantic reports bad dates with their location."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: str(self.construct_scalar(node)))


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.allow_duplicate_keys = False
    return y


def _locate(tree: Any, loc: tuple) -> tuple[int, int]:
    """Line/column (1-based) of the deepest YAML node on ``loc``."""
    node, line, col = tree, 0, 0
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line, col = node.lc.key(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line, col = node.lc.item(part)
            node = node[part]
        else:
            break
    else:
        if isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None and not loc:
            line, col = node.lc.line, node.lc.col
    return line + 1, col + 1


def _model_at(loc: tuple) -> type[BaseModel]:
    """The pydantic model whose field the last element of ``loc`` names."""
    model: type[BaseModel] = DeskFile
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        f = model.model_fields.get(part)
        if f is None:
            break
        ann = f.annotation
        inner = getattr(ann, "__args__", (ann,))[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            model = inner
    return model


def _field_name(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out or "(document)"


def _pydantic_problems(path: Path, tree: Any, err: ValidationError) -> list[DeskProblem]:
    problems = []
    for e in err.errors():
        loc = tuple(e["loc"])
        line, col = _locate(tree, loc)
        msg = e["msg"]
        if e["type"] == "extra_forbidden" and loc:
            valid = sorted(_model_at(loc).model_fields)
            best = process.extractOne(str(loc[-1]), valid, score_cutoff=60)
            msg = f"unknown key {loc[-1]!r}; expected one of {', '.join(valid)}"
            if best:
                msg += f" (did you mean {best[0]!r}?)"
        elif e["type"].startswith("date"):
            msg = f"expected a date YYYY-MM-DD, got {e.get('input')!r} ({msg})"
        elif e["type"] == "missing":
            msg = "required field is missing"
        elif e["type"] == "value_error":
            msg = msg.removeprefix("Value error, ")
        problems.append(DeskProblem(str(path), line, col, _field_name(loc), msg))
    return problems


def _semantic_problems(path: Path, tree: Any, model: DeskFile) -> list[DeskProblem]:
    problems: list[DeskProblem] = []

    def add(loc: tuple, msg: str) -> None:
        line, col = _locate(tree, loc)
        problems.append(DeskProblem(str(path), line, col, _field_name(loc), msg))

    for section in ("people", "offices", "organisations", "countries"):
        seen: dict[str, int] = {}
        for i, rec in enumerate(getattr(model, section)):
            if rec.id in seen:
                add((section, i, "id"), f"duplicate id {rec.id!r} (first at {section}[{seen[rec.id]}])")
            else:
                seen[rec.id] = i
    for i, p in enumerate(model.people):
        by_office: dict[str, list[tuple[int, DeskTerm]]] = {}
        for j, t in enumerate(p.terms):
            by_office.setdefault(t.office, []).append((j, t))
        for office, items in by_office.items():
            items.sort(key=lambda x: x[1].start)
            for (j1, a), (j2, b) in zip(items, items[1:]):
                if a.end is None or b.start < a.end:
                    add(
                        ("people", i, "terms", j2, "start"),
                        f"term in {office} starting {b.start} overlaps term [{j1}] ({a.start} – {a.end or 'open'}) "
                        "of the same person",
                    )
    return problems


def load_desk_file(path: Path) -> LoadedDeskFile:
    """Parse and validate one desk file; raises DeskError with every problem found."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DeskError([DeskProblem(str(path), 1, 1, "(file)", f"cannot read: {exc}")]) from None
    try:
        tree = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DeskError([DeskProblem(str(path), line, col, "(yaml)", f"{exc.problem or exc}")]) from None
    if tree is None:
        tree = CommentedMap()
    if not isinstance(tree, CommentedMap):
        raise DeskError(
            [
                DeskProblem(
                    str(path),
                    1,
                    1,
                    "(document)",
                    "expected a mapping with keys people, offices, organisations, countries, corrections",
                )
            ]
        )
    try:
        model = DeskFile.model_validate(_plain(tree))
    except ValidationError as err:
        raise DeskError(_pydantic_problems(path, tree, err)) from None
    problems = _semantic_problems(path, tree, model)
    if problems:
        raise DeskError(problems)
    return LoadedDeskFile(path, model, tree)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def load_desk_files(paths: list[Path]) -> list[LoadedDeskFile]:
    """Validate all files; raise one DeskError with the problems of all of them."""
    loaded, problems = [], []
    for p in paths:
        try:
            loaded.append(load_desk_file(p))
        except DeskError as err:
            problems.extend(err.problems)
    if problems:
        raise DeskError(problems)
    return loaded


def check_against_kb(kb, df: LoadedDeskFile) -> list[DeskProblem]:
    """References that need the KB: offices and people that must exist, corrections that must match a term."""
    problems: list[DeskProblem] = []

    def add(loc: tuple, msg: str) -> None:
        line, col = _locate(df.tree, loc)
        problems.append(DeskProblem(str(df.path), line, col, _field_name(loc), msg))

    desk_office_ids = {o.id for o in df.model.offices}

    class _OfficeIds:  # membership without building every default office record
        def __contains__(self, oid: str) -> bool:
            return oid in desk_office_ids or oid in kb.offices

        def __iter__(self):
            return iter(set(kb.offices) | desk_office_ids)

    office_ids = _OfficeIds()
    country_ids = set(kb.countries) | {c.id for c in df.model.countries}
    for i, o in enumerate(df.model.offices):
        if o.country not in country_ids:
            add(("offices", i, "country"), f"unknown country id {o.country!r} (use ISO alpha-2, e.g. 'JP')")
    for i, c in enumerate(df.model.countries):
        if c.id not in kb.countries and not c.name:
            add(("countries", i, "name"), f"new country {c.id!r} needs a name")
    for i, p in enumerate(df.model.people):
        for j, t in enumerate(p.terms):
            if t.office not in office_ids:
                close = process.extractOne(t.office, sorted(office_ids), score_cutoff=70)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                add(("people", i, "terms", j, "office"), f"unknown office id {t.office!r}{hint}")
    for i, oid in enumerate(df.model.covers):
        if oid not in office_ids:
            add(("covers", i), f"unknown office id {oid!r}")
    for i, c in enumerate(df.model.corrections):
        if c.office not in office_ids:
            add(("corrections", i, "office"), f"unknown office id {c.office!r}")
            continue
        if not any(
            t.person_id == c.person and t.office_id == c.office and (t.start == c.term_start or t.covers(c.term_start))
            for t in kb.terms_of(c.person)
        ):
            add(
                ("corrections", i, "term_start"),
                f"no term of {c.person} in {c.office} starts on or covers {c.term_start}",
            )
    return problems


def desk_layer(kb, df: LoadedDeskFile) -> list[Person]:
    """Apply one validated desk file's countries, offices, organisations, people and terms to ``kb`` (a fresh copy
    being layered by ``KnowledgeBase.layered``), and return the default-layer people the file extended (raises
    DeskError on unresolved references). Terms change through ``kb.replace_terms``, person by person and office by
    office: the other records of the default KB are never built."""
    problems = check_against_kb(kb, df)
    if problems:
        raise DeskError(problems)
    layer = str(df.path)
    m = df.model
    for c in m.countries:
        old = kb.countries.get(c.id)
        if old:
            kb.countries[c.id] = old.model_copy(
                update={
                    "aliases": tuple(dict.fromkeys((*old.aliases, *c.aliases))),
                    "demonyms": tuple(dict.fromkeys((*old.demonyms, *c.demonyms))),
                    "adjectives": tuple(dict.fromkeys((*old.adjectives, *c.adjectives))),
                    "layer": layer if (c.aliases or c.demonyms or c.adjectives) else old.layer,
                }
            )
        else:
            kb.countries[c.id] = Country(
                id=c.id,
                name=c.name or c.id,
                aliases=tuple(c.aliases),
                demonyms=tuple(c.demonyms),
                adjectives=tuple(c.adjectives),
                source="desk",
                layer=layer,
            )
    for o in m.offices:
        old = kb.offices.get(o.id)
        aliases = tuple(dict.fromkeys((*(old.aliases if old else ()), *o.aliases)))
        kb.offices[o.id] = Office(
            id=o.id,
            country_id=o.country,
            title=o.title,
            aliases=aliases,
            roles=tuple(o.roles) or (old.roles if old else ()),
            source="desk",
            layer=layer,
            single_seat=o.single_seat if o.single_seat is not None else (old.single_seat if old else True),
            complete_from=o.complete_from or (old.complete_from if old else None),
            known_to=o.known_to or (old.known_to if old else None),
            complete_segments=old.complete_segments if old and not o.complete_from else (),
            established=old.established if old else None,
            abolished=old.abolished if old else None,
        )
    for g in m.organisations:
        kb.organisations[g.id] = Organisation(
            id=g.id,
            name=g.name,
            acronyms=tuple(g.acronyms),
            aliases=tuple(g.aliases),
            wikidata_id=g.wikidata,
            kind=g.kind,
            source="desk",
            layer=layer,
        )
    shadowed: list[Person] = []
    for p in m.people:
        old = kb.people.get(p.id)
        if old:
            shadowed.append(old)
            aliases = tuple(dict.fromkeys(a for a in (old.name, *old.aliases, *p.aliases) if a != p.name))
        else:
            aliases = tuple(p.aliases)
        kb.people[p.id] = Person(id=p.id, name=p.name, aliases=aliases, source="desk", layer=layer)
        for t in p.terms:
            new = Term(person_id=p.id, office_id=t.office, start=t.start, end=t.end, source="desk", layer=layer)
            # the desk is authoritative: it replaces overlapping default terms of the same person+office
            kb.replace_terms([x for x in kb.terms_of(p.id) if x.office_id == t.office and x.overlaps(new)], [new])
    if m.as_of is not None:
        for oid in m.covers:
            office = kb.offices.get(oid)
            if office is None:
                continue
            kb.office_known_to[oid] = max(kb.office_known_to.get(oid, m.as_of), m.as_of)
            if not office.single_seat:
                continue
            terms = kb.terms_of_office(oid)
            new = [t for t in terms if t.layer == layer and t.start is not None]
            if not new:
                continue
            newest = max(new, key=lambda t: t.start)
            # the previous holder's open term ends when the newest holder's begins
            ending = [
                t
                for t in terms
                if t.end is None and t.person_id != newest.person_id and (t.start is None or t.start < newest.start)
            ]
            kb.replace_terms(
                ending,
                [
                    t.model_copy(
                        update={"end": newest.start, "layer": layer, "source": f"{t.source}+{m.source or 'desk'}"}
                    )
                    for t in ending
                ],
            )
    for c in m.corrections:
        hits = [
            t
            for t in kb.terms_of(c.person)
            if t.office_id == c.office and (t.start == c.term_start or t.covers(c.term_start))
        ]
        upd: dict[str, Any] = {"layer": layer, "source": "desk-correction"}
        if c.start is not None:
            upd["start"] = c.start
        if c.end is not None:
            upd["end"] = c.end
        kb.replace_terms(
            hits,
            [] if c.remove else [t.model_copy(update={**upd, "source": f"{t.source}+desk-correction"}) for t in hits],
        )
    return shadowed
