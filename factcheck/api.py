"""The operations the CLI offers, as Python functions: review, extract, report."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.article import Article, load_article
from factcheck.errors import RegistryError
from factcheck.models import Registry, Severity
from factcheck.pipeline import build_registry, check, default_knowledge_base, extract
from factcheck.registry.yaml_io import dump_registry, load_registry
from factcheck.config import Config
from factcheck.report import SUFFIXES, ReportFormat, render
from factcheck.report.markdown import render_markdown
from factcheck.rules import select_rules
from factcheck.text.lines import LineIndex


@dataclass
class ReviewResult:
    article: Article
    registry: Registry
    registry_path: Path | None = None
    report_path: Path | None = None
    html_path: Path | None = None


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
) -> Registry:
    """Extract and check an article: the registry model, nothing written."""
    kb = kb if kb is not None else default_knowledge_base()
    extraction = extract(article, kb=kb)
    claims = check(extraction, select_rules(select, ignore), kb=kb, as_of=as_of)
    return build_registry(article, extraction, claims)


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file in the same folder, fsync, rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _guard_existing(path: Path, new_text: str) -> None:
    """Refuse to replace a registry an editor has annotated; it must be merged, not overwritten."""
    if not path.exists():
        return
    existing = path.read_text(encoding="utf-8")
    if existing == new_text:
        return
    registry, _ = load_registry(path)
    annotated = any(
        c.origin == "editor"
        or c.review.model_dump(exclude_defaults=True, exclude={"status"})
        or c.review.status.value not in ("unreviewed", "not-checkworthy")
        or any(f.disposition.value != "open" or f.reason for f in c.flags)
        for c in registry.claims
    )
    if annotated or "#" in existing.split("\n", 3)[-1]:
        raise RegistryError(
            "holds editor annotations or comments, and merging them into a re-run is not available yet; "
            "move the file aside or review with --claims-dir pointing elsewhere",
            path=path,
        )


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
) -> ReviewResult:
    """Review an article file: write its registry (and Markdown report unless ``reports_dir`` is None;
    with ``html`` also the HTML report)."""
    article = load_article(article_path, date=date, encoding=encoding)
    registry = analyse(article, kb=kb, select=select, ignore=ignore, as_of=as_of)
    result = ReviewResult(article=article, registry=registry)
    if write:
        registry_file = registry_path_for(article_path, claims_dir)
        text = dump_registry(registry)
        _guard_existing(registry_file, text)
        write_atomic(registry_file, text)
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
    except Exception:  # the article may have been moved or broken since; the report still renders
        return None, 0
    if hashlib.sha256(article.text.encode("utf-8")).hexdigest() != registry.article.sha256:
        return None, 0
    return article.text, article.line_offset


def registry_json(registry: Registry) -> str:
    """The registry as JSON (stable key order)."""
    return json.dumps(registry.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def lint_lines(article: Article, registry: Registry) -> list[str]:
    """One ``path:line:col  CODE  severity  message`` line per flag, in article order."""
    index = LineIndex(article.text, article.line_offset)
    out = []
    flags = sorted((f for c in registry.claims for f in c.flags), key=lambda f: (f.span.start, f.code))
    for flag in flags:
        line, col = index.position(flag.span.start)
        out.append(f"{article.path}:{line}:{col}  {flag.code}  {flag.severity.value}  {flag.message}")
    return out


def worst_severity(registry: Registry) -> Severity | None:
    flags = [f for c in registry.claims for f in c.flags if f.disposition.value != "dismissed"]
    return max((f.severity for f in flags), key=lambda s: s.rank, default=None)
