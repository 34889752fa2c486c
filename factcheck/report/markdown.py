"""The Markdown review report: summary and open items first, then every claim in article order."""

from __future__ import annotations

from pathlib import Path

from factcheck.models import Registry
from factcheck.report.context import TEMPLATES, render_template, report_context
from factcheck.report.context import environment as _environment

__all__ = ["TEMPLATES", "environment", "md_inline", "render_markdown", "report_context"]


def md_inline(value: object) -> str:
    """Text safe inside a Markdown line or table cell: no HTML, no table breaks, no stray emphasis."""
    text = str(value)
    for ch, rep in (
        ("\\", "\\\\"),
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("|", "\\|"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("`", "\\`"),
        ("[", "\\["),
        ("]", "\\]"),
    ):
        text = text.replace(ch, rep)
    return " ".join(text.split())


def md_url(value: str) -> str:
    """A URL inside ``<…>`` in Markdown: angle brackets and spaces percent-encoded."""
    return value.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def environment(template_dir: Path | None = None):
    env = _environment(template_dir, autoescape=False)
    env.filters["md_inline"] = md_inline
    env.filters["md_url"] = md_url
    return env


def render_markdown(
    registry: Registry, article_text: str | None = None, *, template_dir: Path | None = None, line_offset: int = 0
) -> str:
    """The Markdown report for a registry."""
    context = report_context(registry, article_text, line_offset=line_offset)
    return render_template(environment(template_dir), "report.md.j2", context)
