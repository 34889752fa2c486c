"""`factcheck memory …`: import public fact-checks, search the desk memory, show what it holds."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

memory_app = typer.Typer(
    name="memory",
    help=(
        "The desk memory: every verdict recorded in the registries (claims/*.yaml) and every public fact-check "
        "imported, searched for each new claim by `factcheck review` (rule MM01).\n\n"
        "Start with:  factcheck memory import fact-checks.jsonl && factcheck memory search 'the claim'"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


class SearchFormat(str, Enum):
    text = "text"
    json = "json"


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _root() -> Path:
    from factcheck.memory import project_root

    root = project_root()
    if root is None:
        _fail(
            "no factcheck.toml in this folder or above: the memory lives in the project root "
            "(create factcheck.toml there)"
        )
    return root


def _open(root: Path):
    from factcheck.api import project_memory
    from factcheck.errors import FactcheckError

    try:
        return project_memory()
    except FactcheckError as exc:
        _fail(str(exc))


@memory_app.command("import")
def import_command(
    files: list[Path] = typer.Argument(
        ...,
        metavar="FILE...",
        help="ClaimReview JSON-LD (an object, a list or an @graph) or JSON Lines of ClaimReview objects.",
    ),
) -> None:
    """Import public fact-checks (schema.org ClaimReview) into the desk memory.

    Example:

        factcheck memory import fact-checks.jsonl review.jsonld

    Reads claimReviewed, reviewRating.alternateName, author.name, url, datePublished and itemReviewed.appearance.
    A record already imported (same url and claim) is replaced. Exit 2 when a file is not JSON.
    """
    from factcheck.errors import FactcheckError
    from factcheck.memory import import_records
    from factcheck.memory.claimreview import read_claimreviews

    root = _root()
    records, skipped = [], 0
    for path in files:
        try:
            result = read_claimreviews(path)
        except FactcheckError as exc:
            _fail(str(exc))
        records.extend(result.records)
        skipped += result.skipped
        typer.echo(
            f"{path}: {len(result.records)} fact-checks"
            + (
                f", {result.skipped} objects skipped (not a ClaimReview with claimReviewed and url)"
                if result.skipped
                else ""
            )
        )
    added, replaced = import_records(root, records)
    memory = _open(root)
    typer.echo(
        f"memory: {added} added, {replaced} replaced; {len(memory) if memory else 0} records in "
        f"{root / '.factcheck' / 'memory'}"
    )


@memory_app.command("search")
def search_command(
    text: str | None = typer.Argument(None, metavar="TEXT", help="The claim to look for."),
    queries: Path | None = typer.Option(
        None, "--queries", metavar="FILE", help='JSON Lines of {"id": …, "text": …}: one search per line.'
    ),
    top: int = typer.Option(5, "--top", metavar="K", min=1, help="How many matches per query."),
    output_format: SearchFormat = typer.Option(
        SearchFormat.text, "--format", help="text: a block per query; json: one line per query."
    ),
) -> None:
    """Search the desk memory for a claim (or a file of claims).

    Example:

        factcheck memory search "Leaders will hold their first summit in Astana" --top 3

    JSON: one line per query, {"id": …, "matches": [{"url", "text", "rating", "source", "date", "score"}]};
    score is the re-ranked probability (0-1) that the record is the same claim.
    """
    if (text is None) == (queries is None):
        _fail("give either TEXT or --queries FILE")
    items: list[tuple[object, str]] = []
    if queries is not None:
        try:
            lines = queries.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            _fail(f"{queries}: {exc.strerror or exc}")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                items.append((item.get("id", number), str(item["text"])))
            except (ValueError, KeyError, AttributeError):
                _fail(f'{queries}:{number}: expected a JSON object with "text" (and "id")')
    else:
        items.append((None, text))
    memory = _open(_root())
    for qid, query in items:
        matches = memory.search(query, top) if memory is not None else []
        if output_format is SearchFormat.json:
            sys.stdout.write(
                json.dumps({"id": qid, "matches": [m.as_json() for m in matches]}, ensure_ascii=False) + "\n"
            )
            continue
        if qid is not None:
            typer.echo(f"{qid}: {query}")
        if not matches:
            typer.echo(
                "  no match"
                + (
                    ""
                    if memory is not None
                    else " (the memory is empty: record verdicts in claims/*.yaml or `factcheck memory import`)"
                )
            )
        for m in matches:
            r = m.record
            meta = ", ".join(x for x in (r.rating, r.source, r.date) if x)
            typer.echo(f"  {m.score:.3f}  {r.text}\n         {meta}  {r.url}")


@memory_app.command("status")
def status_command() -> None:
    """Bring the memory up to date with the registries and say what it holds.

    Example:

        factcheck memory status
    """
    from collections import Counter

    memory = _open(_root())
    if memory is None:
        typer.echo("memory: empty (no verdict in claims/*.yaml, nothing imported)")
        return
    records = memory.index.records
    origins = Counter(records[i].origin.value for i in range(len(records)))
    typer.echo(f"memory: {len(memory)} records ({', '.join(f'{n} {o}' for o, n in sorted(origins.items()))})")
