"""One table across many articles: counts and open errors per registry, with links to each article's report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factcheck.models import Registry
from factcheck.report.context import render_template
from factcheck.report.markdown import environment
from factcheck.report.summary import Summary, summarise


@dataclass
class IndexEntry:
    registry_path: Path
    link: str | None  # the article's report, relative to the index
    registry: Registry | None = None
    summary: Summary | None = None
    error: str | None = None


def index_entry(
    registry_path: Path, registry: Registry | None, link: str | None, error: str | None = None
) -> IndexEntry:
    summary = summarise(registry) if registry is not None else None
    return IndexEntry(registry_path=registry_path, link=link, registry=registry, summary=summary, error=error)


def render_index_markdown(entries: list[IndexEntry], *, template_dir: Path | None = None) -> str:
    """The Markdown summary table (template ``index.md.j2``)."""
    ok = [e for e in entries if e.summary is not None]
    totals = {
        "claims": sum(e.summary.claims for e in ok),
        "checkworthy": sum(e.summary.checkworthy for e in ok),
        "unreviewed": sum(e.summary.statuses["unreviewed"] for e in ok),
        "open_errors": sum(e.summary.severities["error"].open for e in ok),
        "open_warnings": sum(e.summary.severities["warning"].open for e in ok),
    }
    return render_template(environment(template_dir), "index.md.j2", {"entries": entries, "totals": totals})
