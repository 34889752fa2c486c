"""The operations the CLI offers, as Python functions: review, extract, report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.article import Article, article_from_bytes, load_article
from factcheck.config import Config, load_config
from factcheck.errors import FactcheckError, RegistryError
from factcheck.extract.checkworthiness import CheckworthinessSettings
from factcheck.files import UNCHECKED, check_writable, read_bounded, write_atomic
from factcheck.models import Registry, Severity, SpanMismatch, validate_spans
from factcheck.pipeline import build_registry, check, collector_paused, default_knowledge_base, extract
from factcheck.registry.location import (
    Project,
    article_file,
    article_key,
    check_owner,
    project_of,
    registry_file,
    report_file,
    report_for_registry,
)
from factcheck.registry.merge import MergeSummary, merge_into_tree
from factcheck.registry.schema import modeline, point_modeline, schema_file
from factcheck.registry.yaml_io import (
    MAX_REGISTRY_BYTES,
    decode_registry,
    dump_registry,
    dump_tree,
    load_registry,
    load_registry_text,
    validate_tree,
)
from factcheck.report import SUFFIXES, ReportFormat, lint, render
from factcheck.report.markdown import render_markdown
from factcheck.rules import configured_extend_select, select_rules
from factcheck.rules.base import RuleFailure


@dataclass
class ReviewResult:
    article: Article
    registry: Registry
    registry_path: Path | None = None
    report_path: Path | None = None
    html_path: Path | None = None
    merge: MergeSummary | None = None
    # Codes of the rules this review ran; None when it ran them all. The registry keeps every rule's flags,
    # the lint lines and the exit code speak only for these.
    rules_run: frozenset[str] | None = None
    # Rules that raised on this article (an internal error: the CLI prints each and exits 3).
    rule_failures: list[RuleFailure] = field(default_factory=list)


def registry_path_for(article_path: str | Path, claims_dir: Path | None = None) -> Path:
    """The registry of an article (see ``factcheck.registry.location``): its project's claims/ unless given."""
    project = project_of(article_path)
    return registry_file(article_key(article_path, project), project, claims_dir)


def report_path_for(article_path: str | Path, reports_dir: Path | None = None, suffix: str = ".md") -> Path:
    project = project_of(article_path)
    return report_file(article_key(article_path, project), project, reports_dir, suffix)


def analyse(
    article: Article,
    *,
    kb: Any = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    as_of: dt.date | None = None,
    checkworthiness: CheckworthinessSettings | None = None,
    failures: list[RuleFailure] | None = None,
    memory: Any = None,
    extend_select: list[str] | None = None,
    key: str | None = None,
) -> Registry:
    """Extract and check an article: the registry model, nothing written. ``checkworthiness``: the model and
    threshold; default: the shipped model at its own threshold (``review`` and ``scan`` pass the project's
    ``[checkworthiness]``, read once by the caller, not once per article). ``failures``: a list that receives the
    rules that raised (an internal error; their flags are missing, the other rules' are there). ``memory``: a
    ``factcheck.memory.Memory`` to search each check-worthy claim in (the memory rule); the article's own past
    verdicts are left out of it: those recorded under ``key``, its path relative to the project root (its
    registry's ``article.path``; default: ``article.path``). ``select``, ``extend_select``, ``ignore``: the rules
    run (``select_rules``)."""
    kb = kb if kb is not None else default_knowledge_base()
    checkworthiness = checkworthiness or CheckworthinessSettings()
    if memory is not None:
        memory = memory.excluding(key if key is not None else article.path)
    # One pause for the whole article, not one per stage: each re-enable makes the collector scan every object
    # the stage left alive, and the next stage's objects would be scanned again.
    with collector_paused():
        extraction = extract(article, kb=kb, checkworthiness=checkworthiness)
        claims = check(extraction, select_rules(select, ignore, extend_select), kb=kb, as_of=as_of, memory=memory)
        if failures is not None:
            failures.extend(extraction.rule_failures)
        registry = build_registry(article, extraction, claims)
        # Freed before the collector resumes: otherwise its first pass walks the whole extraction (the document,
        # mentions, dates, office links) only for it to be freed a moment later.
        del extraction, claims
    return registry


PROJECT_REPORTS = object()  # review's default reports_dir: the project's reports/ folder

# ``review``'s default memory: the project's (under the folder holding factcheck.toml), brought up to date.
PROJECT_MEMORY: Any = object()


def _memory_home(project: Project | None) -> tuple[Path, Config] | None:
    """The root and settings of ``project`` (default: the one the current folder is in); None without a
    factcheck.toml."""
    from factcheck.memory import project_root

    if project is not None:
        return (project.root, project.config) if project.config.path is not None else None
    root = project_root()
    return (root, load_config(root / "factcheck.toml")) if root is not None else None


def project_memory(kb: Any = None, project: Project | None = None) -> Any:
    """The desk memory of ``project`` (default: the one the current folder is in), synced with its registries;
    None when it has no record (no verdict recorded, nothing imported) or there is no project (no factcheck.toml)."""
    from factcheck.memory import open_memory

    home = _memory_home(project)
    if home is None:
        return None
    root, config = home
    return open_memory(root, kb=kb, desk=config.desk_name, claims_dir=config.claims_dir)


def project_memory_root(kb: Any = None, project: Project | None = None) -> Path | None:
    """The root of ``project`` (default: the current folder's) when its desk memory holds records, the memory
    synced with its registries first; else None. ``scan`` syncs here, once, and its workers open the memory read
    only (``open_memory(root, sync=False)``), once per worker."""
    from factcheck.memory import memory_size

    home = _memory_home(project)
    if home is None:
        return None
    root, config = home
    return root if memory_size(root, kb=kb, desk=config.desk_name, claims_dir=config.claims_dir) else None


@dataclass
class Existing:
    """A registry already on disk, read and validated before anything is analysed or written."""

    raw: bytes
    registry: Registry
    tree: Any


def read_existing(path: Path, key: str | None = None) -> Existing | None:
    """The registry at ``path`` (None when there is none), validated; with ``key``, refused unless it is that
    article's (``location.check_owner``)."""
    if not path.exists() and not path.is_symlink():
        return None
    raw = read_bounded(path, MAX_REGISTRY_BYTES, what="registry")
    old, tree = load_registry_text(decode_registry(raw, str(path)), str(path))
    if key is not None:
        check_owner(old.article.path, key, path)
    return Existing(raw, old, tree)


def merged_text(
    path: Path, fresh: Registry, article_text: str, existing: Existing | None, *, not_run: frozenset[str] = frozenset()
) -> tuple[Registry, MergeSummary | None, str]:
    """The registry text to write: ``fresh`` alone, or merged into the ``existing`` one (validated again, so a
    merge bug never reaches the editor's file)."""
    if existing is None:
        return fresh, None, dump_registry(fresh)
    summary = merge_into_tree(existing.tree, existing.registry, fresh, article_text, not_run=not_run)
    merged = validate_tree(existing.tree, str(path))
    try:
        validate_spans(merged, article_text)
    except SpanMismatch as exc:  # a merge bug must never reach the editor's file
        raise RegistryError(f"merge produced an inconsistent registry, nothing written: {exc}", path=path) from None
    return merged, summary, dump_tree(existing.tree)


def write_registry(
    path: Path, fresh: Registry, article_text: str, *, not_run: frozenset[str] = frozenset()
) -> tuple[Registry, MergeSummary | None]:
    """Write a fresh analysis to ``path``, merging it into the registry already there.

    The existing file is parsed and validated first: one that fails is never overwritten (the error
    names file:line:col). The merged result is validated again before the atomic write, and the write
    is refused if the file changed on disk since it was read. Flags of the rules in ``not_run`` (left out of
    this analysis) are kept as they were.
    """
    existing = read_existing(path)
    merged, summary, text = merged_text(path, fresh, article_text, existing, not_run=not_run)
    _write_outputs([(path, text, existing.raw if existing else None)])
    return merged, summary


def _write_outputs(outputs: list[tuple[Path, str, bytes | None | object]]) -> None:
    """Write every (path, text, expected bytes) after checking all of them can be written: one output that
    cannot (a read-only file or folder) means nothing is written. Unchanged files are left alone."""
    todo = []
    for path, text, expected in outputs:
        data = text.encode("utf-8")
        if expected is not UNCHECKED and expected is not None and data == expected:
            continue
        check_writable(path)
        todo.append((path, text, expected))
    for path, text, expected in todo:
        write_atomic(path, text, expected=expected)


def review(
    article_path: str | Path,
    *,
    date: dt.date | None = None,
    encoding: str = "utf-8",
    claims_dir: Path | None = None,
    reports_dir: Path | None | object = PROJECT_REPORTS,
    write: bool = True,
    kb: Any = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    as_of: dt.date | None = None,
    html: bool = False,
    raw: bytes | None = None,
    memory: Any = PROJECT_MEMORY,
    project: Project | None = None,
    extend_select: list[str] | None = None,
) -> ReviewResult:
    """Review an article file: write its registry (and Markdown report unless ``reports_dir`` is None;
    with ``html`` also the HTML report). With ``raw`` (e.g. standard input's bytes) the article is those bytes
    and ``article_path`` only names it: in messages, and for the registry and report files. ``memory``: the desk
    memory to search (default: the project's, see ``project_memory``; None: none). ``project``: the article's
    project (``location.project_of``) when the caller has it already, so factcheck.toml is read once.

    The registry and reports go to the article's project (``factcheck.registry.location``) unless ``claims_dir``
    / ``reports_dir`` say otherwise. Everything is checked before anything is written: the registry already
    there parses, validates and belongs to this article; every output can be written."""
    project = project if project is not None else project_of(article_path)
    key = article_key(article_path, project) if write else Path(article_path).as_posix()
    registry_path = registry_file(key, project, claims_dir)
    existing = read_existing(registry_path, key) if write else None
    # A date the desk gave once (--date, or editor_date written by hand) holds until changed.
    editor_date = date or (existing.registry.article.editor_date if existing else None)
    if raw is not None:
        article = article_from_bytes(raw, path=Path(article_path).as_posix(), date=editor_date, encoding=encoding)
    else:
        article = load_article(article_path, date=editor_date, encoding=encoding)
    if date is None and editor_date is not None:
        article = dataclasses.replace(article, date_basis="registry")
    if memory is PROJECT_MEMORY:
        memory = project_memory(kb, project)
    failures: list[RuleFailure] = []
    settings = project.config
    worthiness = CheckworthinessSettings(settings.checkworthiness_model, settings.checkworthy_threshold)
    extend = configured_extend_select(settings, extend_select) or None
    registry = analyse(
        article,
        kb=kb,
        select=select,
        ignore=ignore,
        as_of=as_of,
        checkworthiness=worthiness,
        failures=failures,
        memory=memory,
        extend_select=extend,
        key=key,
    )
    registry.article.path = key
    registry.article.editor_date = editor_date
    result = ReviewResult(article=article, registry=registry, rule_failures=failures)
    not_run: frozenset[str] = frozenset()
    if select or ignore or extend:
        result.rules_run = frozenset(rule.code for rule in select_rules(select, ignore, extend))
        not_run = frozenset(rule.code for rule in select_rules()) - result.rules_run
    if not write:
        return result
    registry, result.merge, text = merged_text(registry_path, registry, article.text, existing, not_run=not_run)
    schema = schema_file(claims_dir if claims_dir is not None else project.claims)  # travels with the registries
    text = point_modeline(text, modeline(registry_path, schema.path))
    outputs: list[tuple[Path, str, bytes | None | object]] = [(registry_path, text, existing.raw if existing else None)]
    if schema.text is not None:
        outputs.append((schema.path, schema.text, UNCHECKED))
    result.registry = registry
    result.registry_path = registry_path
    if reports_dir is not None:
        folder = None if reports_dir is PROJECT_REPORTS else Path(reports_dir)  # type: ignore[arg-type]
        result.report_path = report_file(key, project, folder)
        outputs.append(
            (result.report_path, render_markdown(registry, article.text, line_offset=article.line_offset), UNCHECKED)
        )
        if html:
            result.html_path = report_file(key, project, folder, ".html")
            page = render(registry, ReportFormat.html, article_text=article.text, line_offset=article.line_offset)
            outputs.append((result.html_path, page, UNCHECKED))
    _write_outputs(outputs)
    return result


def report(
    registry_path: str | Path,
    *,
    template_dir: Path | None = None,
    format: ReportFormat | str = ReportFormat.md,
    config: Config | None = None,
) -> str:
    """The report for an existing registry in any format (md, html, json, claimreview, annotations).

    Line numbers and the highlighted article appear when the article is still where it was, unchanged.
    """
    return render_report(registry_path, template_dir=template_dir, format=format, config=config)[0]


def render_report(
    registry_path: str | Path,
    *,
    template_dir: Path | None = None,
    format: ReportFormat | str = ReportFormat.md,
    config: Config | None = None,
) -> tuple[str, list[str]]:
    """``report``'s text and the warnings to show beside it (verdicts an export left out, and why)."""
    registry, _ = load_registry(registry_path)
    article_text, line_offset = _article_text_for(registry, registry_path)
    text = render(
        registry, format, article_text=article_text, line_offset=line_offset, template_dir=template_dir, config=config
    )
    return text, export_warnings(registry, format, str(registry_path))


def export_warnings(registry: Registry, format: ReportFormat | str, where: str) -> list[str]:
    """For the linked-data exports: one line per verdict left out because its text is orphaned or changed."""
    if ReportFormat(format) not in (ReportFormat.claimreview, ReportFormat.annotations):
        return []
    from factcheck.report.jsonld import withheld

    return [f"{where}: {cid}: verdict not exported ({why})" for cid, why in withheld(registry)]


def settings_warnings(format: ReportFormat | str, config: Config) -> list[str]:
    """What a published export lacks in factcheck.toml: who publishes it, and where the reports live."""
    if ReportFormat(format) not in (ReportFormat.claimreview, ReportFormat.annotations):
        return []
    where = str(config.path) if config.path else "factcheck.toml (none found)"
    out = []
    if not config.desk_name_set:
        out.append(f"{where}: [desk] name is unset: the export's author is \"factcheck\"; set the desk's name")
    if not config.report_base_url:
        out.append(f"{where}: [report] base_url is unset: claim URLs are relative; set where reports are published")
    return out


def report_all(
    claims_dir: str | Path,
    reports_dir: Path,
    *,
    format: ReportFormat | str = ReportFormat.md,
    template_dir: Path | None = None,
    config: Config | None = None,
    warnings: list[str] | None = None,
) -> tuple[list[Path], str]:
    """Write the report of every registry in ``claims_dir`` into ``reports_dir``; return the paths and the
    Markdown summary table across them (links relative to ``reports_dir``). Unreadable registries get a row
    saying why and no report."""
    from factcheck.report.index import index_entry, render_index_markdown

    fmt = ReportFormat(format)
    written, entries = [], []
    for path in registry_files([Path(claims_dir)]):
        try:
            registry, _ = load_registry(path)
            article_text, line_offset = _article_text_for(registry, path)
            text = render(
                registry,
                fmt,
                article_text=article_text,
                line_offset=line_offset,
                template_dir=template_dir,
                config=config,
            )
            if warnings is not None:
                warnings.extend(export_warnings(registry, fmt, str(path)))
        except RegistryError as exc:
            entries.append(index_entry(path, None, None, error=str(exc)))
            continue
        target = report_for_registry(path, registry.article.path, reports_dir, SUFFIXES[fmt])
        write_atomic(target, text)
        written.append(target)
        entries.append(index_entry(path, registry, target.relative_to(reports_dir).as_posix()))
    return written, render_index_markdown(entries, template_dir=template_dir)


def _article_text_for(registry: Registry, registry_path: str | Path) -> tuple[str | None, int]:
    path = article_file(registry_path, registry.article.path)
    if path is None:
        return None, 0
    try:
        article = load_article(path)
    except (FactcheckError, OSError):  # the article may have been moved or broken since; the report still renders
        return None, 0
    if hashlib.sha256(article.text.encode("utf-8")).hexdigest() != registry.article.sha256:
        return None, 0
    return article.text, article.line_offset


def registry_files(paths: list[Path]) -> list[Path]:
    """The registries named: files as given, folders searched recursively for .yaml/.yml (sorted)."""
    files: list[Path] = []
    for p in paths:
        files.extend(
            sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file()) if p.is_dir() else [p]
        )
    return files


def default_report_path(registry_path: Path, registry: Registry, format: ReportFormat | str) -> Path:
    """Where ``report`` writes by default: the registry's project's reports/, mirroring the article's path."""
    return report_for_registry(registry_path, registry.article.path, None, SUFFIXES[ReportFormat(format)])


def registry_json(registry: Registry) -> str:
    """The registry as JSON (stable key order)."""
    return json.dumps(registry.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def lint_lines(
    article: Article, registry: Registry, codes: frozenset[str] | None = None, min_severity: Severity = Severity.INFO
) -> list[str]:
    """One ``path:line:col  CODE  severity  message`` line per live flag (of the rules in ``codes``, at or above
    ``min_severity``), in article order. Flags the editor dismissed, and stale ones (no longer raised, or on an
    orphaned claim), are the registry's record, not news."""
    return lint.render_text(lint_diagnostics(article, registry, codes, min_severity))


def lint_diagnostics(
    article: Article, registry: Registry, codes: frozenset[str] | None = None, min_severity: Severity = Severity.INFO
) -> list[lint.Diagnostic]:
    return lint.diagnostics(
        article.path, article.text, registry, codes=codes, min_severity=min_severity, line_offset=article.line_offset
    )


def flags_of(registry: Registry, codes: frozenset[str] | None = None) -> list:
    """The registry's flags, or those of the rules in ``codes``."""
    return [f for c in registry.claims for f in c.flags if codes is None or f.code in codes]


def live_flags(registry: Registry, codes: frozenset[str] | None = None) -> list:
    """The flags still to act on: not dismissed by the editor, and current (not stale, their claim not orphaned)."""
    return [f for _, f in lint.live(registry, codes)]


def worst_severity(registry: Registry, codes: frozenset[str] | None = None) -> Severity | None:
    flags = live_flags(registry, codes)
    return max((f.severity for f in flags), key=lambda s: s.rank, default=None)


def validate_registry(path: str | Path) -> Registry:
    """Parse and validate a registry file; raises RegistryError (file:line:col: field: expected …)."""
    path = Path(path)
    registry, _ = load_registry(path)
    article_text, _ = _article_text_for(registry, path)
    if article_text is not None:
        try:
            validate_spans(registry, article_text)
        except SpanMismatch as exc:
            raise RegistryError(str(exc), path=path) from None
    return registry


def registry_schema() -> dict:
    """The JSON Schema of a registry file, for editors' YAML plugins (yaml-language-server)."""
    from factcheck.registry.schema import registry_schema as build

    return build()


def status(paths: list[Path]) -> list[dict]:
    """Per registry: claims by review status, open flags, anchors needing a look; errors as rows too."""
    from factcheck.models import ReviewStatus

    rows = []
    for file in registry_files(paths):
        row: dict[str, Any] = {"registry": str(file)}
        try:
            registry, tree = load_registry(file)
        except RegistryError as exc:
            row["error"] = str(exc)
            rows.append(row)
            continue
        row["article"] = registry.article.path
        row["claims"] = len(registry.claims)
        row["status"] = {s.value: sum(1 for c in registry.claims if c.review.status is s) for s in ReviewStatus}
        row["open_flags"] = sum(1 for c in registry.claims for f in c.flags if f.disposition.value == "open")
        row["to_confirm"] = sorted(c.id for c in registry.claims if c.anchor.value not in ("exact", "moved"))
        row["changed"] = sorted(c.id for c in registry.claims if c.previous_text is not None)
        row["pending"] = sum(1 for c in (tree.get("claims") or []) if isinstance(c, dict) and "id" not in c)
        rows.append(row)
    return rows
