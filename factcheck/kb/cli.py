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

kb_app = typer.Typer(help="Knowledge-base commands: validate desk layers, show what the KB knows.", no_args_is_help=True)


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
        typer.echo(f"{df.path}: ok ({len(m.people)} people, {len(m.offices)} offices, {len(m.organisations)} organisations, "
                   f"{len(m.countries)} countries, {len(m.corrections)} corrections)")


@kb_app.command("show")
def show(
    name: str = typer.Argument(..., metavar="NAME", help="A person, country, office phrase or organisation."),
    kb_paths: Optional[List[Path]] = typer.Option(None, "--kb", metavar="FILE", help="Desk KB YAML layered on the default and on factcheck.toml's [kb] layers (repeatable)."),
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
