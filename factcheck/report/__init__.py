"""Review reports in every format, from a registry (and the article text when it is at hand).

from factcheck.report import render
text = render(registry, "html", article_text=article.text)
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from factcheck.config import Config
from factcheck.models import Registry


class ReportFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"
    claimreview = "claimreview"
    annotations = "annotations"


# The file name suffix each format is written under in reports/.
SUFFIXES = {
    ReportFormat.md: ".md",
    ReportFormat.html: ".html",
    ReportFormat.json: ".json",
    ReportFormat.claimreview: ".claimreview.jsonld",
    ReportFormat.annotations: ".annotations.jsonld",
}


def render(
    registry: Registry,
    fmt: ReportFormat | str,
    *,
    article_text: str | None = None,
    line_offset: int = 0,
    template_dir: Path | None = None,
    config: Config | None = None,
) -> str:
    """The report for ``registry`` in format ``fmt`` (md, html, json, claimreview, annotations)."""
    fmt = ReportFormat(fmt)
    config = config or Config()
    if fmt is ReportFormat.md:
        from factcheck.report.markdown import render_markdown

        return render_markdown(registry, article_text, template_dir=template_dir, line_offset=line_offset)
    if fmt is ReportFormat.html:
        from factcheck.report.html import render_html

        return render_html(registry, article_text, template_dir=template_dir, line_offset=line_offset)
    if fmt is ReportFormat.json:
        from factcheck.report.json_report import render_json

        return render_json(registry, article_text, line_offset=line_offset)
    from factcheck.report.jsonld import render_annotations, render_claimreview

    return (
        render_claimreview(registry, config)
        if fmt is ReportFormat.claimreview
        else render_annotations(registry, config)
    )


__all__ = ["ReportFormat", "SUFFIXES", "render"]
