"""The Markdown review report: summary first, then every claim in article order."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2

from factcheck.models import Registry, ReviewStatus, Severity
from factcheck.text.lines import LineIndex

TEMPLATES = Path(__file__).parent / "templates"


def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """Templates from the package, or from a desk's own folder first (``--template DIR``)."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md_inline"] = md_inline
    return env


def md_inline(value: object) -> str:
    """Text safe inside a Markdown line or table cell: no HTML, no table breaks, no stray emphasis."""
    text = str(value)
    for ch, rep in (("\\", "\\\\"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("*", "\\*"), ("_", "\\_"), ("`", "\\`"), ("[", "\\["), ("]", "\\]")):
        text = text.replace(ch, rep)
    return " ".join(text.split())


def report_context(registry: Registry, article_text: str | None = None, *, line_offset: int = 0) -> dict:
    """Everything a report template shows, computed once."""
    lines = LineIndex(article_text, line_offset) if article_text is not None else None
    claims = []
    for claim in registry.claims:
        line, col = lines.position(claim.span.start) if lines else (None, None)
        flags = []
        for flag in claim.flags:
            fl, fc = lines.position(flag.span.start) if lines else (None, None)
            flags.append({"flag": flag, "line": fl, "col": fc})
        claims.append({"claim": claim, "line": line, "col": col, "flags": flags})
    severities = Counter(f.severity.value for c in registry.claims for f in c.flags)
    open_severities = Counter(f.severity.value for c in registry.claims for f in c.flags if f.disposition.value == "open")
    kinds = Counter(k.value for c in registry.claims for k in c.kinds)
    statuses = Counter(c.review.status.value for c in registry.claims)
    return {
        "registry": registry,
        "article": registry.article,
        "claims": claims,
        "counts": {
            "claims": len(registry.claims),
            "checkworthy": sum(1 for c in registry.claims if c.review.status is not ReviewStatus.NOT_CHECKWORTHY),
            "kinds": sorted(kinds.items()),
            "severities": [(s.value, severities.get(s.value, 0), open_severities.get(s.value, 0)) for s in reversed(Severity)],
            "statuses": [(s.value, statuses.get(s.value, 0)) for s in ReviewStatus if statuses.get(s.value, 0)],
            "boilerplate": len(registry.article.boilerplate),
        },
    }


def render_markdown(registry: Registry, article_text: str | None = None, *, template_dir: Path | None = None, line_offset: int = 0) -> str:
    """The Markdown report for a registry."""
    template = environment(template_dir).get_template("report.md.j2")
    return template.render(**report_context(registry, article_text, line_offset=line_offset))
