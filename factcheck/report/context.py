"""What the Markdown and HTML templates show, computed once from a registry (and the article text if at hand)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from factcheck.errors import FactcheckError
from factcheck.models import AnchorStatus, Registry, Severity, flag_is_current, flag_is_open
from factcheck.report.summary import has_verdict, in_article_order, is_time_flag, summarise
from factcheck.report.timeline import range_text, render_svg, timeline_for
from factcheck.text.lines import LineIndex

TEMPLATES = Path(__file__).parent / "templates"
LINK_SCHEMES = ("http", "https", "mailto")


def environment(template_dir: Path | None = None, *, autoescape: bool = False) -> jinja2.Environment:
    """Templates from a desk's own folder first (``--template DIR``), then the package's.

    A sandboxed environment: a template reads the report's data and calls its filters, and nothing else (no
    ``__class__``/``__globals__`` walk to ``os``). Render through ``render_template`` so a template's mistake is
    one ReportError naming the template and line."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["safe_url"] = safe_url
    env.filters["shorten"] = shorten
    return env


class TemplateError(FactcheckError):
    """A report template does not parse, or fails while rendering (a desk's own template, usually)."""


def render_template(env: jinja2.Environment, name: str, context: dict) -> str:
    """Render template ``name``; any template error becomes one TemplateError naming the file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template does not parse: {exc.message}", path=exc.filename or name, line=exc.lineno
        ) from None
    except SecurityError as exc:
        raise TemplateError(
            f"template tried something a report template may not do: {exc}",
            path=_template_file(env, name),
            line=_template_line(exc),
        ) from None
    except jinja2.TemplateError as exc:  # UndefinedError and the rest
        raise TemplateError(
            f"template failed: {exc}", path=_template_file(env, name), line=_template_line(exc)
        ) from None
    except (TypeError, ValueError, AttributeError, ArithmeticError, LookupError, RecursionError) as exc:
        raise TemplateError(
            f"template failed: {type(exc).__name__}: {exc}", path=_template_file(env, name), line=_template_line(exc)
        ) from None


def _template_file(env: jinja2.Environment, name: str) -> str:
    try:
        return env.get_template(name).filename or name
    except jinja2.TemplateError:
        return name


def _template_line(exc: BaseException) -> int | None:
    """The template line a rendering error happened on: jinja2 rewrites the traceback so that a template's
    frames carry the template's file name and line."""
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def safe_url(value: object) -> str | None:
    """The URL if it is a web or mail link an editor could follow, else None (no ``javascript:`` links)."""
    if not value:
        return None
    text = str(value).strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    return text if scheme in LINK_SCHEMES and not any(c.isspace() for c in text) else None


def shorten(value: object, width: int = 90) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def worst_open_severity(claim) -> str | None:
    open_flags = [f.severity for f in claim.flags if flag_is_open(claim, f)]
    return max(open_flags, key=lambda s: s.rank).value if open_flags else None


def report_context(registry: Registry, article_text: str | None = None, *, line_offset: int = 0) -> dict:
    """Everything a report template shows."""
    lines = LineIndex(article_text, line_offset) if article_text is not None else None
    article_date = registry.article.date.value
    article_range = registry.article.date.range
    claims = []
    for claim in in_article_order(registry.claims):
        located = lines is not None and claim.anchor is not AnchorStatus.ORPHANED
        line, col = lines.position(claim.span.start) if located else (None, None)
        flags = []
        for flag in claim.flags:
            current = flag_is_current(claim, flag)
            fl, fc = lines.position(flag.span.start) if located and current else (None, None)
            timeline = timeline_for(flag, article_date, article_range) if is_time_flag(flag) else None
            flags.append(
                {
                    "flag": flag,
                    "line": fl,
                    "col": fc,
                    "timeline": timeline,
                    "stale": not current,
                    "svg": Markup(render_svg(timeline)) if timeline else None,
                }
            )
        claims.append(
            {
                "claim": claim,
                "line": line,
                "col": col,
                "flags": flags,
                "severity": worst_open_severity(claim),
                "has_verdict": has_verdict(claim),
                "anchor_unconfirmed": claim.anchor not in (AnchorStatus.EXACT, AnchorStatus.MOVED),
            }
        )
    summary = summarise(registry, article_text, line_offset=line_offset)
    return {
        "registry": registry,
        "article": registry.article,
        "claims": claims,
        "summary": summary,
        "date_range": range_text(article_range),
        "severities": [s.value for s in reversed(Severity)],
        "counts": {
            "claims": summary.claims,
            "checkworthy": summary.checkworthy,
            "statuses": [(k, n) for k, n in summary.statuses.items() if n],
            "kinds": [(k, n) for k, n in summary.kinds.items() if n],
            "severities": [(k, c.total, c.open) for k, c in summary.severities.items()],
            "boilerplate": len(registry.article.boilerplate),
        },
    }
