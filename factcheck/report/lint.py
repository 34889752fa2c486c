"""What `factcheck review` prints about an article's live flags: lint lines, GitHub annotations or SARIF.

One ``Diagnostic`` per flag that is live (not dismissed, current: see ``models.flag_is_current``) and at or
above the minimum severity, in article order; three renderings of the same list:

- text: ``path:line:col  CODE  severity  message`` (what an editor reads, and what editors' problem matchers parse);
- github: workflow commands (``::error file=…,line=…,col=…,title=CODE::message``) that GitHub Actions shows on
  the pull request's lines;
- sarif: SARIF 2.1.0, the format code-scanning dashboards (GitHub, GitLab, Azure DevOps) read.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from factcheck.models import Claim, Disposition, Flag, Registry, Severity, flag_is_current
from factcheck.text.lines import LineIndex

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    code: str
    name: str
    severity: Severity
    message: str


def live(registry: Registry, codes: frozenset[str] | None = None) -> list[tuple[Claim, Flag]]:
    """(claim, flag) for every flag still to act on: not dismissed, current, of the rules in ``codes``."""
    return [
        (c, f) for c in registry.claims for f in c.flags
        if (codes is None or f.code in codes) and f.disposition is not Disposition.DISMISSED and flag_is_current(c, f)
    ]


def diagnostics(path: str, text: str, registry: Registry, *, codes: frozenset[str] | None = None,
                min_severity: Severity = Severity.INFO, line_offset: int = 0) -> list[Diagnostic]:
    """The live flags at or above ``min_severity``, positioned in the article file, in article order."""
    index = LineIndex(text, line_offset)
    out = []
    flags = sorted((f for _, f in live(registry, codes) if f.severity.rank >= min_severity.rank),
                   key=lambda f: (f.span.start, f.code))
    for flag in flags:
        line, col = index.position(flag.span.start)
        end_line, end_col = index.position(flag.span.end)
        out.append(Diagnostic(path, line, col, end_line, end_col, flag.code, flag.name, flag.severity, flag.message))
    return out


def hidden_counts(registry: Registry, codes: frozenset[str] | None, min_severity: Severity) -> Counter[str]:
    """How many live flags per severity fall below ``min_severity`` (summarised, not printed)."""
    return Counter(f.severity.value for _, f in live(registry, codes) if f.severity.rank < min_severity.rank)


def render_text(items: list[Diagnostic]) -> list[str]:
    return [f"{d.path}:{d.line}:{d.col}  {d.code}  {d.severity.value}  {d.message}" for d in items]


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def render_github(items: list[Diagnostic]) -> list[str]:
    """GitHub Actions workflow commands, one per diagnostic."""
    return [
        f"::{_GITHUB_LEVEL[d.severity]} file={_github_escape(d.path, prop=True)},line={d.line},col={d.col},"
        f"endLine={d.end_line},endColumn={d.end_col},title={_github_escape(f'{d.code} {d.name}', prop=True)}"
        f"::{_github_escape(d.message)}"
        for d in items
    ]


def render_sarif(items: list[Diagnostic], *, version: str, rules: list[Any] | None = None) -> str:
    """A SARIF 2.1.0 log with one run; ``rules`` (objects with code, name, severity, documentation()) describe
    the rules the results refer to."""
    used = {d.code for d in items}
    descriptors = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": (r.documentation().strip().splitlines() or [r.name])[0]},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        }
        for r in rules or [] if r.code in used
    ]
    results = [
        {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": d.path},
                "region": {"startLine": d.line, "startColumn": d.col, "endLine": d.end_line, "endColumn": d.end_col},
            }}],
        }
        for d in items
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factcheck", "version": version, "informationUri": "https://factcheck.invalid/",
                                "rules": descriptors}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
