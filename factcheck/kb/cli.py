"""`factcheck kb ...` commands: validate desk files, show what the KB knows about a name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from factcheck.errors import FactcheckError
from factcheck.pipeline import configured_kb

from .desk import DeskError, check_against_kb, load_desk_files
from .store import KnowledgeBase, default_kb

kb_app = typer.Typer(
    help="Knowledge-base commands: validate desk layers, show what the KB knows.", no_args_is_help=True
)


@kb_app.command("check")
def check(paths: List[Path] = typer.Argument(..., metavar="FILE...", help="Desk KB YAML files to validate.")) -> None:
    """Validate desk-layer YAML files (keys, dates, duplicate ids, overlapping terms, references).

    Example:  factcheck kb check desk/people.yaml desk/orgs.yaml

    Exit 0 when every file is valid, 2 otherwise (errors as file:line:col: field: message).
    """
    try:
        loaded = load_desk_files(paths)
        kb = KnowledgeBase.from_default_data()
        problems = []
        for df in loaded:
            p = check_against_kb(kb, df)
            problems.extend(p)
            if not p:
                kb = KnowledgeBase.layered(kb, [df])  # later files may refer to earlier ones
        if problems:
            raise DeskError(problems)
    except DeskError as err:
        for p in err.problems:
            typer.echo(str(p), err=True)
        raise typer.Exit(2)
    for df in loaded:
        m = df.model
        typer.echo(
            f"{df.path}: ok ({len(m.people)} people, {len(m.offices)} offices, {len(m.organisations)} organisations, "
            f"{len(m.countries)} countries, {len(m.corrections)} corrections)"
        )


@kb_app.command("show")
def show(
    name: str = typer.Argument(..., metavar="NAME", help="A person, country, office phrase or organisation."),
    kb_paths: Optional[List[Path]] = typer.Option(
        None,
        "--kb",
        metavar="FILE",
        help="Desk KB YAML layered on the default and on factcheck.toml's [kb] layers (repeatable).",
    ),
    output_format: str = typer.Option("text", "--format", help="text or json"),
) -> None:
    """Print what each KB layer knows about NAME (offices with dates, Wikidata id, source, layer).

    Example:  factcheck kb show "Yoshihide Suga" --kb desk/people.yaml

    Exit 0 when something is known, 1 when nothing is, 2 on bad input.
    """
    try:
        kb = configured_kb(kb_paths) or default_kb()
    except DeskError as err:
        for p in err.problems:
            typer.echo(str(p), err=True)
        raise typer.Exit(2)
    except FactcheckError as err:  # factcheck.toml unreadable or a [kb] layer missing
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2)
    facts = kb.describe(name)
    if output_format == "json":
        typer.echo(json.dumps([f.model_dump() for f in facts], ensure_ascii=False, indent=2))
    elif output_format == "text":
        if not facts:
            typer.echo(f"nothing known about {name!r}")
        for f in facts:
            typer.echo(f"[{f.layer}] {f.kind:<12} {f.label} — {f.detail}  (id {f.record_id}; source {f.source})")
    else:
        typer.echo("--format must be text or json", err=True)
        raise typer.Exit(2)
    if not facts:
        raise typer.Exit(1)


def _load_for_status(kb_paths):
    try:
        return configured_kb(kb_paths) or default_kb()
    except DeskError as err:
        for p in err.problems:
            typer.echo(str(p), err=True)
        raise typer.Exit(2)
    except FactcheckError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2)


def office_status(kb: KnowledgeBase, office_ids: list[str]) -> list[dict]:
    """Per office: coverage window, the newest date its sources give, its last known holder(s)."""
    rows = []
    for oid in office_ids:
        o = kb.offices[oid]
        complete_from, known_to = kb.office_window(o)
        terms = kb.terms_of_office(oid)
        dates = [d for t in terms for d in (t.start, t.end) if d]
        last = kb.last_holders(oid)
        rows.append(
            {
                "office": oid,
                "title": o.title,
                "country": o.country_id,
                "single_seat": o.single_seat,
                "complete_from": complete_from.isoformat() if complete_from else None,
                "known_to": known_to.isoformat() if known_to else None,
                "newest_source_date": max(dates).isoformat() if dates else None,
                "abolished": o.abolished.isoformat() if o.abolished else None,
                "last_holder": "; ".join(
                    f"{kb.person(t.person_id).name if kb.person(t.person_id) else t.person_id} "
                    f"(since {t.start or '?'}{'' if t.end is None else f', to {t.end}'})"
                    for t in last
                )
                if o.single_seat
                else None,
                "source": o.source,
                "layer": o.layer,
                "terms": len(terms),
            }
        )
    return rows


@kb_app.command("status")
def status(
    country: Optional[List[str]] = typer.Option(
        None, "--country", metavar="CC", help="Only this country's offices (ISO alpha-2; repeatable)."
    ),
    office: Optional[List[str]] = typer.Option(
        None, "--office", metavar="ID", help="Only this office (repeatable), e.g. GB.prime-minister."
    ),
    all_offices: bool = typer.Option(
        False,
        "--all",
        help="Every office (thousands); default: heads of state and government and the refreshed offices.",
    ),
    kb_paths: Optional[List[Path]] = typer.Option(
        None,
        "--kb",
        metavar="FILE",
        help="Desk KB YAML layered on the default and on factcheck.toml's [kb] layers (repeatable).",
    ),
    output_format: str = typer.Option("text", "--format", help="text or json"),
) -> None:
    """Show, per office, the period over which the KB's list of holders is complete and the newest date it knows.

    Example:  factcheck kb status --country GB --country US

    An editor sees at a glance how fresh the knowledge is: a check on a date after "known to" cannot say who held
    the office, and outside the window the KB says it has no record instead of "not held". Exit 0; 2 on bad input.
    """
    from .refresh import read_offices

    if output_format not in ("text", "json"):
        typer.echo("--format must be text or json", err=True)
        raise typer.Exit(2)
    kb = _load_for_status(kb_paths)
    if office:
        missing = [o for o in office if o not in kb.offices]
        if missing:
            typer.echo(f"error: unknown office id {missing[0]!r}", err=True)
            raise typer.Exit(2)
        ids = list(office)
    else:
        countries = sorted(kb.countries) if not country else [c.upper() for c in country]
        refreshed = set(read_offices())
        ids = []
        for cid in countries:
            for o in kb.offices_of(cid):
                # by default: heads of state and government and the refreshed offices; with --country also the
                # country's single-seat offices with a known history (ministers, speakers)
                wanted = (
                    all_offices
                    or o.roles
                    or o.id in refreshed
                    or (
                        bool(country)
                        and o.single_seat
                        and o.complete_from is not None
                        and len(kb.terms_of_office(o.id)) >= 5
                    )
                )
                if wanted:
                    ids.append(o.id)
    rows = office_status(kb, list(dict.fromkeys(ids)))
    if output_format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{'office':<44} {'complete from':<13} {'known to':<10} {'newest':<10}  last known holder")
    for r in rows:
        window = r["complete_from"] or "-"
        typer.echo(
            f"{r['office'][:44]:<44} {window:<13} {r['known_to'] or '-':<10} {r['newest_source_date'] or '-':<10}  "
            f"{r['last_holder'] or ('(several seats)' if not r['single_seat'] else '-')}"
        )
    typer.echo(
        f"{len(rows)} offices; coverage per source: " + ", ".join(f"{k} {v}" for k, v in sorted(kb.coverage.items()))
    )


@kb_app.command("update")
def update(
    out_dir: Path = typer.Option(
        Path("desk"), "--out-dir", metavar="DIR", help="Where the dated layer file is written."
    ),
    offices_file: Optional[Path] = typer.Option(
        None,
        "--offices",
        metavar="FILE",
        help="Offices to refresh (office id<TAB>Wikidata position QID); default: the shipped list.",
    ),
    response: Optional[Path] = typer.Option(
        None,
        "--response",
        metavar="FILE",
        help="Use a saved sparql-results+json answer instead of the network (replay, tests).",
    ),
    endpoint: str = typer.Option("https://query.wikidata.org/sparql", "--endpoint", help="The SPARQL endpoint."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="YYYY-MM-DD", help="Date of the layer (default: today)."
    ),
) -> None:
    """Fetch the current holders of the configured offices from Wikidata into a dated desk layer (weekly desk step).

    Example:  factcheck kb update --out-dir desk/   (then list desk/kb-update-YYYY-MM-DD.yaml in [kb] layers)

    The only command that uses the network. The layer extends those offices' coverage to its date and closes the
    previous holder's term when a new holder has taken office. Exit 0 written; 2 on bad input or a failed fetch.
    """
    import datetime as dt
    import urllib.error

    from .refresh import build_query, desk_yaml, fetch, parse_response, read_offices

    try:
        offices = read_offices(offices_file) if offices_file else read_offices()
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except (OSError, ValueError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2)
    kb = default_kb()
    unknown = [o for o in offices if o not in kb.offices]
    if unknown:
        typer.echo(f"error: unknown office id {unknown[0]!r} in the offices list", err=True)
        raise typer.Exit(2)
    try:
        answer = json.loads(response.read_text("utf-8")) if response else fetch(build_query(offices), endpoint=endpoint)
    except (OSError, ValueError, urllib.error.URLError) as err:
        typer.echo(f"error: could not get an answer from {response or endpoint}: {err}", err=True)
        raise typer.Exit(2)
    holders, problems = parse_response(answer, offices)
    for p in problems:
        typer.echo(f"warning: {p}", err=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"kb-update-{day.isoformat()}.yaml"
    path.write_text(desk_yaml(holders, offices, day, endpoint), "utf-8")
    for h in holders:
        last = [kb.person(t.person_id) for t in kb.last_holders(h.office_id)]
        change = (
            ""
            if any(p and p.id == h.person_qid for p in last)
            else f"  (new: the default KB's last holder is {', '.join(p.name for p in last if p) or 'unknown'})"
        )
        typer.echo(f"{h.office_id}: {h.name} since {h.start}{change}")
    typer.echo(f"wrote {path} ({len(holders)} holders of {len(offices)} offices); add it to factcheck.toml [kb] layers")
