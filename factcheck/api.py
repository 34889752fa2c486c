"""The operations the CLI offers, as Python functions: review, extract, report."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.article import Article, article_from_bytes, load_article
from factcheck.config import Config
from factcheck.errors import FactcheckError, RegistryError
from factcheck.models import Registry, Severity, SpanMismatch, validate_spans
from factcheck.pipeline import build_registry, check, collector_paused, default_knowledge_base, extract
from factcheck.registry.merge import MergeSummary, merge_into_tree
from factcheck.registry.yaml_io import dump_registry, dump_tree, load_registry, load_registry_text, validate_tree
from factcheck.report import SUFFIXES, ReportFormat, render
from factcheck.report.markdown import render_markdown
from factcheck.rules import select_rules
from factcheck.rules.base import RuleFailure
from factcheck.text.lines import LineIndex


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


def registry_path_for(article_path: str | Path, claims_dir: Path) -> Path:
    return claims_dir / f"{Path(article_path).stem}.yaml"


def report_path_for(article_path: str | Path, reports_dir: Path, suffix: str = ".md") -> Path:
    return reports_dir / f"{Path(article_path).stem}{suffix}"


def analyse(
    article: Article,
    *,
    kb: Any = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    as_of: dt.date | None = None,
    failures: list[RuleFailure] | None = None,
    memory: Any = None,
) -> Registry:
    """Extract and check an article: the registry model, nothing written. ``failures``: a list that receives the
    rules that raised (an internal error; their flags are missing, the other rules' are there). ``memory``: a
    ``factcheck.memory.Memory`` to search each check-worthy claim in (the memory rule); the article's own past
    verdicts are left out of it."""
    kb = kb if kb is not None else default_knowledge_base()
    if memory is not None:
        memory = memory.excluding(article.path)
    # One pause for the whole article, not one per stage: each re-enable makes the collector scan every object
    # the stage left alive, and the next stage's objects would be scanned again.
    with collector_paused():
        extraction = extract(article, kb=kb)
        claims = check(extraction, select_rules(select, ignore), kb=kb, as_of=as_of, memory=memory)
        if failures is not None:
            failures.extend(extraction.rule_failures)
        return build_registry(article, extraction, claims)


_UNCHECKED = object()

# ``review``'s default memory: the project's (under the folder holding factcheck.toml), brought up to date.
PROJECT_MEMORY: Any = object()


def project_memory(kb: Any = None) -> Any:
    """The desk memory of the project the current folder is in, synced with its registries; None when it has
    no record (no verdict recorded, nothing imported) or there is no project."""
    from factcheck.config import load_config
    from factcheck.memory import open_memory, project_root

    root = project_root()
    if root is None:
        return None
    return open_memory(root, kb=kb, desk=load_config(root / "factcheck.toml").desk_name)


def write_atomic(path: Path, content: str, *, expected: bytes | None | object = _UNCHECKED) -> None:
    """Write via a temporary file in the same folder, fsync, rename: a reader never sees half a file.

    With ``expected`` (the bytes read earlier, or None for "did not exist"), refuse to replace a file
    that changed on disk in the meantime (another editor, a git pull).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if expected is not _UNCHECKED:
            current = path.read_bytes() if path.exists() else None
            if current != expected:
                raise RegistryError(
                    "changed on disk since factcheck read it (another editor, a git pull?); nothing was written. "
                    "Run the command again to merge into the new version",
                    path=path,
                )
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_registry(path: Path, fresh: Registry, article_text: str, *, not_run: frozenset[str] = frozenset()) -> tuple[Registry, MergeSummary | None]:
    """Write a fresh analysis to ``path``, merging it into the registry already there.

    The existing file is parsed and validated first: one that fails is never overwritten (the error
    names file:line:col). The merged result is validated again before the atomic write, and the write
    is refused if the file changed on disk since it was read. Flags of the rules in ``not_run`` (left out of
    this analysis) are kept as they were.
    """
    if not path.exists():
        write_atomic(path, dump_registry(fresh), expected=None)
        return fresh, None
    raw = path.read_bytes()
    old, tree = load_registry_text(raw.decode("utf-8"), str(path))
    summary = merge_into_tree(tree, old, fresh, article_text, not_run=not_run)
    merged = validate_tree(tree, str(path))
    try:
        validate_spans(merged, article_text)
    except SpanMismatch as exc:  # a merge bug must never reach the editor's file
        raise RegistryError(f"merge produced an inconsistent registry, nothing written: {exc}", path=path) from None
    text = dump_tree(tree)
    if text.encode("utf-8") != raw:
        write_atomic(path, text, expected=raw)
    return merged, summary


def review(
    article_path: str | Path,
    *,
    date: dt.date | None = None,
    encoding: str = "utf-8",
    claims_dir: Path = Path("claims"),
    reports_dir: Path | None = Path("reports"),
    write: bool = True,
    kb: Any = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    as_of: dt.date | None = None,
    html: bool = False,
    raw: bytes | None = None,
    memory: Any = PROJECT_MEMORY,
) -> ReviewResult:
    """Review an article file: write its registry (and Markdown report unless ``reports_dir`` is None;
    with ``html`` also the HTML report). With ``raw`` (e.g. standard input's bytes) the article is those bytes
    and ``article_path`` only names it: in messages, and for the registry and report files. ``memory``: the desk
    memory to search (default: the project's, see ``project_memory``; None: none)."""
    if raw is not None:
        article = article_from_bytes(raw, path=Path(article_path).as_posix(), date=date, encoding=encoding)
    else:
        article = load_article(article_path, date=date, encoding=encoding)
    if memory is PROJECT_MEMORY:
        memory = project_memory(kb)
    failures: list[RuleFailure] = []
    registry = analyse(article, kb=kb, select=select, ignore=ignore, as_of=as_of, failures=failures, memory=memory)
    result = ReviewResult(article=article, registry=registry, rule_failures=failures)
    not_run: frozenset[str] = frozenset()
    if select or ignore:
        result.rules_run = frozenset(rule.code for rule in select_rules(select, ignore))
        not_run = frozenset(rule.code for rule in select_rules()) - result.rules_run
    if write:
        registry_file = registry_path_for(article_path, claims_dir)
        registry, result.merge = write_registry(registry_file, registry, article.text, not_run=not_run)
        result.registry = registry
        result.registry_path = registry_file
        if reports_dir is not None:
            report_file = report_path_for(article_path, reports_dir)
            write_atomic(report_file, render_markdown(registry, article.text, line_offset=article.line_offset))
            result.report_path = report_file
            if html:
                html_file = report_path_for(article_path, reports_dir, ".html")
                write_atomic(html_file, render(registry, ReportFormat.html, article_text=article.text, line_offset=article.line_offset))
                result.html_path = html_file
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
    registry, _ = load_registry(registry_path)
    article_text, line_offset = _article_text_for(registry)
    return render(registry, format, article_text=article_text, line_offset=line_offset, template_dir=template_dir, config=config)


def report_all(
    claims_dir: str | Path,
    reports_dir: Path,
    *,
    format: ReportFormat | str = ReportFormat.md,
    template_dir: Path | None = None,
    config: Config | None = None,
) -> tuple[list[Path], str]:
    """Write the report of every registry in ``claims_dir`` into ``reports_dir``; return the paths and the
    Markdown summary table across them (links relative to ``reports_dir``). Unreadable registries get a row
    saying why and no report."""
    from factcheck.report.index import index_entry, render_index_markdown

    fmt = ReportFormat(format)
    written, entries = [], []
    for path in sorted(Path(claims_dir).glob("*.yaml")):
        try:
            registry, _ = load_registry(path)
            article_text, line_offset = _article_text_for(registry)
            text = render(registry, fmt, article_text=article_text, line_offset=line_offset, template_dir=template_dir, config=config)
        except RegistryError as exc:
            entries.append(index_entry(path, None, None, error=str(exc)))
            continue
        target = reports_dir / f"{path.stem}{SUFFIXES[fmt]}"
        write_atomic(target, text)
        written.append(target)
        entries.append(index_entry(path, registry, target.name))
    return written, render_index_markdown(entries, template_dir=template_dir)


def _article_text_for(registry: Registry) -> tuple[str | None, int]:
    path = Path(registry.article.path)
    if not path.is_file():
        return None, 0
    try:
        article = load_article(path)
    except (FactcheckError, OSError):  # the article may have been moved or broken since; the report still renders
        return None, 0
    if hashlib.sha256(article.text.encode("utf-8")).hexdigest() != registry.article.sha256:
        return None, 0
    return article.text, article.line_offset


def registry_json(registry: Registry) -> str:
    """The registry as JSON (stable key order)."""
    return json.dumps(registry.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def lint_lines(article: Article, registry: Registry, codes: frozenset[str] | None = None) -> list[str]:
    """One ``path:line:col  CODE  severity  message`` line per live flag (of the rules in ``codes``), in article
    order. Flags the editor dismissed, and stale ones (no longer raised), are the registry's record, not news."""
    index = LineIndex(article.text, article.line_offset)
    out = []
    flags = sorted(live_flags(registry, codes), key=lambda f: (f.span.start, f.code))
    for flag in flags:
        line, col = index.position(flag.span.start)
        out.append(f"{article.path}:{line}:{col}  {flag.code}  {flag.severity.value}  {flag.message}")
    return out


def flags_of(registry: Registry, codes: frozenset[str] | None = None) -> list:
    """The registry's flags, or those of the rules in ``codes``."""
    return [f for c in registry.claims for f in c.flags if codes is None or f.code in codes]


def live_flags(registry: Registry, codes: frozenset[str] | None = None) -> list:
    """The flags still to act on: neither dismissed by the editor nor stale."""
    return [f for f in flags_of(registry, codes) if f.disposition.value != "dismissed" and not f.stale]


def worst_severity(registry: Registry, codes: frozenset[str] | None = None) -> Severity | None:
    flags = live_flags(registry, codes)
    return max((f.severity for f in flags), key=lambda s: s.rank, default=None)


def validate_registry(path: str | Path) -> Registry:
    """Parse and validate a registry file; raises RegistryError (file:line:col: field: expected …)."""
    path = Path(path)
    registry, _ = load_registry(path)
    article_text, _ = _article_text_for(registry)
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

    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")) if p.is_dir() else [p])
    rows = []
    for file in files:
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
