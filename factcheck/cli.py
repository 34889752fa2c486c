"""The `factcheck` command line: parses arguments, calls the library, prints. No logic of its own."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from factcheck import api
from factcheck.article import parse_date
from factcheck.config import kb_layer_paths, load_config
from factcheck.errors import FactcheckError
from factcheck.extract.checkworthiness import CheckworthinessSettings
from factcheck.kb import DeskError
from factcheck.kb.cli import kb_app
from factcheck.memory.cli import memory_app
from factcheck.models import Severity
from factcheck.pipeline import configured_kb
from factcheck.registry.location import project_of
from factcheck.report import ReportFormat, lint
from factcheck.rules import configured_extend_select, select_rules

app = typer.Typer(
    name="factcheck",
    help=(
        "Find every checkable claim in a news article, flag what an expert fact-checker would flag, "
        "and keep the desk's annotations in a YAML registry.\n\n"
        "Start with:  factcheck review seeds/japan-central-asia-summit.txt"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


app.add_typer(kb_app, name="kb")
app.add_typer(memory_app, name="memory")


def _show_version(value: bool) -> None:
    if value:
        from factcheck import __version__

        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Find every checkable claim in a news article, flag what an expert fact-checker would flag, and keep the
    desk's annotations in a YAML registry. Start with:  factcheck review seeds/japan-central-asia-summit.txt"""


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class LintFormat(str, Enum):
    """review's output: lint lines (text), the registry (json), GitHub Actions annotations or SARIF 2.1.0."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class ScanFormat(str, Enum):
    """scan's standard output: the summary (text), GitHub Actions annotations or one SARIF 2.1.0 run."""

    text = "text"
    github = "github"
    sarif = "sarif"


class FailOn(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"
    never = "never"


def _date(value: Optional[str], where: str = "--date") -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return parse_date(value, where=where)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _stdin_bytes() -> bytes:
    """Standard input, at most the size an article may have (an endless pipe is refused, not read forever)."""
    from factcheck.article import MAX_ARTICLE_BYTES
    from factcheck.files import read_stream

    return read_stream(sys.stdin.buffer, MAX_ARTICLE_BYTES, where="<stdin>", what="article")


def _fail(exc: Exception) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


def _kb(paths: Optional[list[Path]]):
    """The default knowledge base (None), or the default with factcheck.toml's [kb] layers and --kb files on top."""
    try:
        return configured_kb(paths)
    except (DeskError, FactcheckError) as exc:
        _fail(exc)


def _kb_paths(paths: Optional[list[Path]]) -> list[Path]:
    """factcheck.toml's [kb] layers, then the --kb files."""
    try:
        return kb_layer_paths(paths)
    except FactcheckError as exc:
        _fail(exc)


def _exit_code(registry, fail_on: FailOn, codes: frozenset[str] | None = None) -> int:
    if fail_on is FailOn.never:
        return 0
    worst = api.worst_severity(registry, codes)
    return 1 if worst is not None and worst.rank >= Severity(fail_on.value).rank else 0


def _print_summary(result: api.ReviewResult, min_severity: Severity = Severity.INFO, quiet: bool = False) -> None:
    for line in api.lint_lines(result.article, result.registry, result.rules_run, min_severity):
        typer.echo(line)
    if quiet:
        return
    hidden = lint.hidden_counts(result.registry, result.rules_run, min_severity)
    flags = api.live_flags(result.registry, result.rules_run)
    settled = len(api.flags_of(result.registry, result.rules_run)) - len(flags)
    by_severity = Counter(f.severity.value for f in flags)
    claims = result.registry.claims
    checkworthy = sum(1 for c in claims if c.review.status.value != "not-checkworthy")
    date = result.registry.article.date
    ran = result.rules_run
    scope = "" if ran is None else f" from {len(ran)} rule{'' if len(ran) == 1 else 's'} run"
    typer.echo(
        f"{result.article.path}: {len(claims)} claims ({checkworthy} check-worthy), "
        f"{len(flags)} flags{scope} "
        f"({', '.join(f'{by_severity.get(s.value, 0)} {s.value}' for s in reversed(Severity))}"
        f"{f'; {settled} dismissed or stale, not shown' if settled else ''}); "
        f"date {date.value or 'unknown'} ({date.detail})"
    )
    if hidden:  # what --min-severity left out, and how to see it
        counts = ", ".join(f"{hidden[s.value]} {s.value}" for s in reversed(Severity) if hidden.get(s.value))
        typer.echo(f"not shown: {counts} (--min-severity {min(hidden, key=lambda v: Severity(v).rank)} shows them)")
    for label, path in (
        ("registry", result.registry_path),
        ("report", result.report_path),
        ("report", result.html_path),
    ):
        if path is not None:
            typer.echo(f"{label}: {path}")
    if result.merge is not None:
        _print_merge(result.merge)


def _print_merge(summary) -> None:
    """What a re-run did to an existing registry: new claims, claims a human should confirm."""
    anchors = summary.anchors
    parts = [f"kept {summary.kept} claims"]
    if summary.added:
        parts.append(f"added {', '.join(summary.added)}")
    if summary.editor_added:
        parts.append(f"anchored your {', '.join(summary.editor_added)}")
    typer.echo("merged: " + "; ".join(parts))
    confirm = summary.needs_attention()
    if confirm:
        typer.echo("to confirm: " + ", ".join(f"{cid} ({anchors[cid]})" for cid in confirm))
    if summary.changed:
        typer.echo("text changed since review (see previous_text): " + ", ".join(summary.changed))


def _print_result(
    result: api.ReviewResult,
    output_format: OutputFormat | LintFormat,
    min_severity: Severity = Severity.INFO,
    quiet: bool = False,
    sarif: lint.SarifWriter | None = None,
) -> None:
    """The registry as JSON on stdout, GitHub annotations, the article's results in the SARIF log, or the lint
    lines and counts."""
    if output_format.value == "json":
        sys.stdout.write(api.registry_json(result.registry))
    elif output_format.value in ("github", "sarif"):
        items = api.lint_diagnostics(result.article, result.registry, result.rules_run, min_severity)
        if sarif is not None:
            sarif.write(items)
        else:
            for line in lint.render_github(items):
                typer.echo(line)
    else:
        _print_summary(result, min_severity, quiet)


DATE_HELP = "The article's date (YYYY-MM-DD); overrides front matter and dateline."
ENCODING_HELP = "Encoding of the article file, e.g. cp1252 for old Windows files."
FAIL_ON_HELP = (
    "Exit 1 when a flag at or above this severity is open or confirmed (dismissed and stale flags do not count)."
)
AS_OF_HELP = "Review as of this date (YYYY-MM-DD): predictions whose date has passed are marked checkable."
CLAIMS_DIR_HELP = (
    "Where registries are written (default: claims/ at the project root, the folder holding factcheck.toml; "
    "a registry mirrors the article's path there: wire/a/story.txt → claims/wire/a/story.yaml)."
)
EXTEND_SELECT_HELP = (
    "Also run these rules, on top of the default set or --select's: codes, names or prefixes (--extend-select MM01 "
    "turns on the opt-in desk-memory rule). Adds to factcheck.toml's [rules] extend_select."
)
KB_HELP = "A desk knowledge-base YAML file layered over the default and factcheck.toml's [kb] layers (repeatable)."


@app.command()
def review(
    articles: list[Path] = typer.Argument(
        ...,
        metavar="ARTICLE...",
        help=(
            "Article files (.txt or .md, optional YAML front matter) or folders of them (searched recursively); '-' "
            "for standard input."
        ),
    ),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=DATE_HELP),
    encoding: str = typer.Option("utf-8", "--encoding", metavar="NAME", help=ENCODING_HELP),
    output_format: LintFormat = typer.Option(
        LintFormat.text,
        "--output-format",
        "--format",
        help=(
            "text: lint lines and counts; json: the registry on stdout; github: GitHub Actions annotations; sarif: "
            "SARIF 2.1.0 for code-scanning dashboards."
        ),
    ),
    min_severity: Optional[Severity] = typer.Option(
        None,
        "--min-severity",
        help=(
            "Print flags at or above this severity (default: [lint] min_severity in factcheck.toml, else warning); "
            "the counts line says how many were not shown."
        ),
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print the lint lines only: no counts, no file names written, no merge summary."
    ),
    claims_dir: Optional[Path] = typer.Option(None, "--claims-dir", metavar="DIR", help=CLAIMS_DIR_HELP),
    reports_dir: Optional[Path] = typer.Option(
        None, "--reports-dir", metavar="DIR", help="Where reports are written (default: reports/ at the project root)."
    ),
    select: Optional[list[str]] = typer.Option(
        None,
        "--select",
        metavar="RULE",
        help=(
            "Only these rules: codes, names or prefixes, comma-separated or repeated (--select TM,HG01). The registry "
            "keeps the other rules' flags as they were."
        ),
    ),
    ignore: Optional[list[str]] = typer.Option(
        None,
        "--ignore",
        metavar="RULE",
        help=(
            "Skip these rules: codes, names or prefixes (--ignore AT03,CL). The registry keeps their flags as they "
            "were."
        ),
    ),
    extend_select: Optional[list[str]] = typer.Option(None, "--extend-select", metavar="RULE", help=EXTEND_SELECT_HELP),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help=FAIL_ON_HELP),
    kb_paths: Optional[list[Path]] = typer.Option(None, "--kb", metavar="FILE", help=KB_HELP),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP),
    html: Optional[bool] = typer.Option(
        None, "--html/--no-html", help="Also write the HTML report (default: [report] html in factcheck.toml)."
    ),
    stdin_name: Optional[str] = typer.Option(
        None,
        "--stdin-name",
        metavar="NAME",
        help=(
            "With ARTICLE '-': the article's name (e.g. wire/0412.txt) for the lint lines and, since it names them, "
            "the registry and report to write. Without it nothing is written."
        ),
    ),
) -> None:
    """Review an article: write its claim registry and Markdown report, print one line per flag.

    Example:

        factcheck review seeds/japan-central-asia-summit.txt --date 2024-08-05

    writes claims/japan-central-asia-summit.yaml and reports/japan-central-asia-summit.md.
    ARTICLE '-' reads standard input: `curl -s URL | factcheck review - --format json`.
    Exit codes: 0 clean, 1 flags at or above --fail-on, 2 bad input, 3 internal error (a rule raised; the
    other rules' flags are written, the error is printed to stderr).
    """
    files = _article_files(articles)
    if len(files) > 1 and (stdin_name is not None or any(str(f) == "-" for f in files)):
        _fail(FactcheckError("standard input ('-') is reviewed on its own; give it as the only ARTICLE"))
    if len(files) > 1 and output_format is LintFormat.json:
        _fail(FactcheckError("--output-format json writes one registry: review one article at a time"))
    worst, kb = 0, _kb(kb_paths)
    sarif = None
    if output_format is LintFormat.sarif:  # one run over every article reviewed
        from factcheck import __version__

        try:
            sarif = lint.SarifWriter(
                sys.stdout,
                version=__version__,
                rules=select_rules(select, ignore, configured_extend_select(load_config(), extend_select)),
            )
        except FactcheckError as exc:
            _fail(exc)
    try:
        for article in files:
            worst = max(
                worst,
                _review_one(
                    article,
                    date=date,
                    encoding=encoding,
                    output_format=output_format,
                    min_severity=min_severity,
                    quiet=quiet,
                    claims_dir=claims_dir,
                    reports_dir=reports_dir,
                    select=select,
                    ignore=ignore,
                    fail_on=fail_on,
                    extend_select=extend_select,
                    kb=kb,
                    as_of=as_of,
                    html=html,
                    stdin_name=stdin_name,
                    sarif=sarif,
                ),
            )
    except BaseException:
        if sarif is not None and sarif.started:
            sarif.close()  # a log already begun stays valid JSON when a later article is refused (exit 2)
        raise
    if sarif is not None:
        sarif.close()
    raise typer.Exit(worst)


def _article_files(paths: list[Path]) -> list[Path]:
    """Files as given; folders searched recursively for articles (.txt, .md, ...), sorted."""
    from factcheck.article import ARTICLE_SUFFIXES

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in ARTICLE_SUFFIXES and p.is_file() and not any(part.startswith(".") for part in p.parts)
            )
            if not found:
                _fail(FactcheckError("is a directory holding no article (.txt or .md)", path=path))
            out.extend(found)
        else:
            out.append(path)
    return out


def _review_one(
    article: Path,
    *,
    date,
    encoding,
    output_format,
    min_severity,
    quiet,
    claims_dir,
    reports_dir,
    select,
    ignore,
    fail_on,
    kb,
    as_of,
    html,
    stdin_name,
    sarif=None,
    extend_select=None,
) -> int:
    """Review one article and print its lines; the exit code it earns (0, 1 or 2)."""
    from_stdin = str(article) == "-"
    if stdin_name is not None and not from_stdin:
        _fail(FactcheckError("--stdin-name names standard input's article; pass ARTICLE '-' with it"))
    try:
        named = Path(stdin_name) if stdin_name else article
        project = project_of(named)
        settings = project.config
        least = min_severity or Severity(settings.min_severity)
        result = api.review(
            named,
            date=_date(date),
            encoding=encoding,
            claims_dir=claims_dir,
            reports_dir=reports_dir if reports_dir is not None else api.PROJECT_REPORTS,
            select=select,
            ignore=ignore,
            kb=kb,
            as_of=_date(as_of, "--as-of"),
            html=settings.review_html if html is None else html,
            raw=_stdin_bytes() if from_stdin else None,
            write=not from_stdin or stdin_name is not None,
            project=project,
            extend_select=extend_select,
        )
    except FactcheckError as exc:
        _fail(exc)
    _print_result(result, output_format, least, quiet, sarif)
    for failure in result.rule_failures:
        typer.echo(str(failure), err=True)
    return 3 if result.rule_failures else _exit_code(result.registry, fail_on, result.rules_run)


@app.command()
def extract(
    article: Path = typer.Argument(..., metavar="ARTICLE", help="Article file (.txt or .md)."),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=DATE_HELP),
    encoding: str = typer.Option("utf-8", "--encoding", metavar="NAME", help=ENCODING_HELP),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", help="text: counts; json: the registry on stdout."
    ),
    claims_dir: Optional[Path] = typer.Option(None, "--claims-dir", metavar="DIR", help=CLAIMS_DIR_HELP),
    kb_paths: Optional[list[Path]] = typer.Option(None, "--kb", metavar="FILE", help=KB_HELP),
) -> None:
    """Write only the claim registry for an article (no report).

    Example:

        factcheck extract seeds/japan-central-asia-summit.txt --format json
    """
    try:
        result = api.review(
            article, date=_date(date), encoding=encoding, claims_dir=claims_dir, reports_dir=None, kb=_kb(kb_paths)
        )
    except FactcheckError as exc:
        _fail(exc)
    _print_result(result, output_format)


@app.command()
def report(
    registry: Path = typer.Argument(
        ...,
        metavar="REGISTRY",
        help="A registry written by `factcheck review` (claims/NAME.yaml), or a folder of them.",
    ),
    report_format: ReportFormat = typer.Option(
        ReportFormat.md,
        "--format",
        "-f",
        help="md, html, json, claimreview (schema.org JSON-LD) or annotations (W3C Web Annotation JSON-LD).",
    ),
    output: Optional[Path] = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Where to write; '-' for stdout. Default: reports/NAME.<ext> (for a folder: the reports/ folder).",
    ),
    template: Optional[Path] = typer.Option(
        None, "--template", metavar="DIR", help="A folder with your own report.md.j2 / report.html.j2 / index.md.j2."
    ),
    config_path: Optional[Path] = typer.Option(
        None, "--config", metavar="FILE", help="Settings file (default: the nearest factcheck.toml)."
    ),
) -> None:
    """Render the review report from an existing registry (keeps the desk's annotations).

    Example:

        factcheck report claims/japan-central-asia-summit.yaml --format html

    writes reports/japan-central-asia-summit.html. For a folder (`factcheck report claims/`) it writes every
    article's report and, for Markdown, reports/index.md: one table of all articles with links to their reports.
    """
    if template is not None and not template.is_dir():
        _fail(FactcheckError("--template must be a folder holding report.md.j2 and/or report.html.j2", path=template))
    try:
        config = (
            load_config(config_path)
            if config_path is not None
            else project_of(registry / "registry.yaml" if registry.is_dir() else registry).config
        )
        if registry.is_dir():
            _report_folder(registry, report_format, output, template, config)
            return
        text, warnings = api.render_report(registry, template_dir=template, format=report_format, config=config)
        warnings = api.settings_warnings(report_format, config) + warnings
    except FactcheckError as exc:
        _fail(exc)
    for line in warnings:
        typer.echo(f"warning: {line}", err=True)
    if output is not None and str(output) == "-":
        sys.stdout.write(text)
        return
    target = output or api.default_report_path(registry, api.validate_registry(registry), report_format)
    api.write_atomic(target, text)
    typer.echo(f"report: {target}")


@app.command("rules")
def rules_command(
    rule: Optional[str] = typer.Argument(None, metavar="RULE", help="A rule code or name; omit to list every rule."),
) -> None:
    """List the rules, or show one rule's documentation.

    Example:

        factcheck rules TM02
    """
    from factcheck.rules import get_rule
    from factcheck.rules.reference import rules_table

    if rule is None:
        for code, name, severity, summary in rules_table():
            typer.echo(f"{code}  {name:<40} {severity:<8} {summary}")
        return
    try:
        found = get_rule(rule)
    except KeyError:
        _fail(FactcheckError(f"no rule {rule!r}; `factcheck rules` lists them"))
    typer.echo(f"{found.code}  {found.name}  (default severity: {found.severity.value})\n")
    typer.echo(found.documentation())


def _report_folder(folder: Path, report_format: ReportFormat, output: Optional[Path], template, config) -> None:
    to_stdout = output is not None and str(output) == "-"
    reports_dir = project_of(folder / "registry.yaml").reports if output is None or to_stdout else output
    warnings: list[str] = api.settings_warnings(report_format, config)
    written, index = api.report_all(
        folder, reports_dir, format=report_format, template_dir=template, config=config, warnings=warnings
    )
    for line in warnings:
        typer.echo(f"warning: {line}", err=True)
    if report_format is not ReportFormat.md:
        for path in written:
            typer.echo(f"report: {path}")
        return
    if to_stdout:
        sys.stdout.write(index)
        return
    for path in written:
        typer.echo(f"report: {path}")
    api.write_atomic(reports_dir / "index.md", index)
    typer.echo(f"summary: {reports_dir / 'index.md'}")


@app.command()
def validate(
    registries: list[Path] = typer.Argument(
        ..., metavar="REGISTRY...", help="Registry files (claims/NAME.yaml) or folders of them (searched recursively)."
    ),
) -> None:
    """Check registries an editor has edited: YAML syntax, keys, values, spans.

    Every error is listed, each as file:line:col: claim-id.field: what was expected, with the closest valid key
    or value and the fix for the common YAML slips (an unquoted colon, a tab, yes/no/False read as booleans).
    `factcheck review` runs the same check before it writes, and never overwrites a registry that fails.

    Example:

        factcheck validate claims/japan-central-asia-summit.yaml

    Exit codes: 0 valid, 2 errors.
    """
    failed = False
    for path in api.registry_files(registries):
        try:
            registry = api.validate_registry(path)
        except FactcheckError as exc:
            for error in getattr(exc, "errors", [exc]):
                typer.echo(f"{error}", err=True)
            failed = True
            continue
        typer.echo(f"{path}: ok ({len(registry.claims)} claims)")
    if failed:
        raise typer.Exit(2)


@app.command()
def schema(
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Where to write; default stdout."
    ),
) -> None:
    """Write the registry's JSON Schema (for VS Code and other editors using yaml-language-server).

    `factcheck review` keeps a copy in the project's claims folder (claims/registry.schema.json) and starts each
    registry with a modeline pointing at it (`# yaml-language-server: $schema=registry.schema.json`, or
    `../../registry.schema.json` for claims/wire/a/story.yaml), so this command is needed only elsewhere.

    Example:

        factcheck schema --output schemas/registry.schema.json
    """
    from factcheck.registry.schema import schema_text

    text = schema_text()
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    api.write_atomic(output, text)
    typer.echo(f"schema: {output}")


@app.command()
def status(
    paths: list[Path] = typer.Argument(..., metavar="PATH...", help="Registry folders or files (e.g. claims/)."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", help="text: a table; json: one object per registry."
    ),
) -> None:
    """The desk's progress at a glance: per article, claims by review status and open flags.

    Example:

        factcheck status claims/

    `confirm` counts claims whose anchor is fuzzy, ambiguous or orphaned; `changed` claims whose text
    changed since they were reviewed. Exit 2 when a registry does not validate.
    """
    import json

    from factcheck.models import ReviewStatus

    rows = api.status(paths)
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        short = {
            s.value: s.value.replace("not-checkworthy", "not-cw").replace("needs-revision", "revise")
            for s in ReviewStatus
        }
        header = ["registry", "claims", *short.values(), "open flags", "confirm", "changed"]
        table = [header]
        for row in rows:
            if "error" in row:
                continue
            table.append(
                [
                    row["registry"],
                    str(row["claims"]),
                    *(str(row["status"][k]) for k in short),
                    str(row["open_flags"]),
                    str(len(row["to_confirm"])),
                    str(len(row["changed"])),
                ]
            )
        widths = [max(len(r[i]) for r in table) for i in range(len(header))]
        for r in table:
            typer.echo(
                "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
            )
        for row in rows:
            if "error" in row:
                typer.echo(f"error: {row['error']}", err=True)
    if any("error" in row for row in rows):
        raise typer.Exit(2)


class ScanEngine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def scan(
    paths: list[Path] = typer.Argument(
        ...,
        metavar="PATH...",
        help=(
            "Article files, folders (searched recursively for .txt/.md) and JSON Lines files (.jsonl: one "
            "{id, text, date?, title?, source?} per line)."
        ),
    ),
    output: Optional[Path] = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write one JSON line per article (failures included) here, as results arrive.",
    ),
    csv_path: Optional[Path] = typer.Option(None, "--csv", metavar="FILE", help="Write one CSV row per flag here."),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        metavar="N",
        help="Worker processes (local engine) or workers of a local Dask cluster; 0: all cores.",
    ),
    engine: ScanEngine = typer.Option(
        ScanEngine.local,
        "--engine",
        help="local: a process pool on this machine; dask: a Dask cluster (pip install 'factcheck[dask]').",
    ),
    scheduler: Optional[str] = typer.Option(
        None,
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (tcp://HOST:8786); without it --engine dask starts a local cluster.",
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Skip ids already in --output and append to it (and to --csv)."
    ),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="Replace an existing --output/--csv instead of refusing."
    ),
    select: Optional[list[str]] = typer.Option(
        None,
        "--select",
        metavar="RULE",
        help="Only these rules: codes, names or prefixes, comma-separated or repeated (--select TM,HG01).",
    ),
    ignore: Optional[list[str]] = typer.Option(
        None, "--ignore", metavar="RULE", help="Skip these rules: codes, names or prefixes (--ignore AT03,CL)."
    ),
    extend_select: Optional[list[str]] = typer.Option(None, "--extend-select", metavar="RULE", help=EXTEND_SELECT_HELP),
    fail_on: FailOn = typer.Option(
        FailOn.never,
        "--fail-on",
        help="Exit 1 when any article has a flag at or above this severity (default never: a scan is an audit).",
    ),
    encoding: str = typer.Option("utf-8", "--encoding", metavar="NAME", help=ENCODING_HELP),
    max_bytes: int = typer.Option(
        2 * 1024 * 1024,
        "--max-bytes",
        metavar="BYTES",
        help="Articles larger than this are reported as failed, not scanned.",
    ),
    kb_paths: Optional[list[Path]] = typer.Option(None, "--kb", metavar="FILE", help=KB_HELP),
    timings: bool = typer.Option(
        False,
        "--timings",
        help="Add each article's review time ('seconds') to --output; without it a re-run writes the same bytes.",
    ),
    timeout: Optional[float] = typer.Option(
        None,
        "--timeout",
        metavar="SECONDS",
        min=0.001,
        help=(
            "Time budget per article (local engine; default: factcheck.toml [scan] timeout, else 60): an article over "
            "it is stopped and recorded as failed, the rest go on."
        ),
    ),
    output_format: ScanFormat = typer.Option(
        ScanFormat.text,
        "--output-format",
        help=(
            "Standard output: text: the summary; github: GitHub Actions annotations; sarif: one SARIF 2.1.0 run over "
            "every article (the summary then goes to standard error)."
        ),
    ),
    min_severity: Optional[Severity] = typer.Option(
        None,
        "--min-severity",
        help=(
            "With --output-format github/sarif: flags at or above this severity (default: [lint] min_severity in "
            "factcheck.toml, else warning). --output and --csv keep every flag."
        ),
    ),
) -> None:
    """Review a whole corpus on all cores (or a Dask cluster): JSON Lines / CSV of flags and a summary table.

    Example:

        factcheck scan archive/ feed.jsonl --output scan.jsonl --csv flags.csv --jobs 4

        factcheck scan archive/ --output-format sarif > scan.sarif     # for a code-scanning dashboard

    Exit codes: 0 all articles scanned (and none flagged at --fail-on), 1 a flag at or above --fail-on,
    2 bad usage or input (a path missing, an output that exists), 3 some articles failed (they are in the output
    with their error; takes precedence over 1).
    """
    from factcheck import scan as scanning

    if resume and output is None:
        _fail(ValueError("--resume needs --output: the ids already scanned are read from it"))
    for target in (output, csv_path):
        if target is not None and target.exists() and target.stat().st_size and not (resume or overwrite):
            _fail(ValueError(f"{target} exists; pass --resume to continue that scan or --overwrite to replace it"))
    kb = _kb(
        kb_paths
    )  # validate the desk layers (factcheck.toml's [kb] layers + --kb) here, once, before any worker starts
    try:
        settings = load_config()
        extend = tuple(configured_extend_select(settings, extend_select))
        rules = select_rules(
            select, ignore, list(extend)
        )  # a mistyped rule fails here, not once per article in the workers
        # The desk memory (rule MM01), as review has it: synced here once, opened read only by each worker.
        memory_root = api.project_memory_root(kb) if any(rule.code == "MM01" for rule in rules) else None
    except FactcheckError as exc:
        _fail(exc)
    budget = timeout if timeout is not None else settings.scan_timeout
    config = scanning.ScanConfig.with_desk_files(
        _kb_paths(kb_paths),
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        extend_select=extend,
        encoding=encoding,
        max_bytes=max_bytes,
        checkworthiness=CheckworthinessSettings(settings.checkworthiness_model, settings.checkworthy_threshold),
        memory=str(memory_root) if memory_root is not None else None,
    )
    try:
        skip = scanning.done_ids(output) if resume and output is not None else {}
        total = max(scanning.count_items(paths) - sum(skip.values()), 0)
        items = scanning.iter_items(paths, max_bytes=max_bytes, skip=skip)
        summary = scanning.ScanSummary(skipped=sum(skip.values()))
        progress = scanning.ScanProgress(
            total, stream=sys.stderr, tty=sys.stderr.isatty() and not os.environ.get("NO_COLOR")
        )
        annotations = None
        if output_format is not ScanFormat.text:
            from factcheck import __version__

            least = min_severity or Severity(settings.min_severity)
            annotations = scanning.LintOutput(
                output_format.value, sys.stdout, rules=rules, version=__version__, min_severity=least
            )
            if resume and output is not None:
                annotations.add_earlier(output)
        writer = scanning.ResultWriter(output, csv_path, append=resume, timings=timings)
        try:
            for result in scanning.scan(
                items, config, jobs=jobs or None, engine=engine.value, scheduler=scheduler, timeout=budget
            ):
                writer.write(result)
                summary.add(result)
                progress.update(result)
                if annotations is not None:
                    annotations.add(result)
        finally:
            writer.close()
            progress.close()
            if annotations is not None:
                annotations.close()
    except FactcheckError as exc:
        _fail(exc)
    typer.echo(
        summary.render(time.perf_counter() - progress.started), nl=False, err=output_format is not ScanFormat.text
    )
    if summary.failed:
        raise typer.Exit(3)
    worst = summary.worst_severity()
    if fail_on is not FailOn.never and worst is not None and worst.rank >= Severity(fail_on.value).rank:
        raise typer.Exit(1)


def main() -> None:
    """Entry point: run the app, turning stray OS errors into a one-line message and exit 2."""
    try:
        app()
    except FactcheckError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        typer.echo(f"error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
