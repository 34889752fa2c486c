"""What `factcheck review` prints about an article's live flags: lint lines, GitHub annotations or SARIF.

One ``Diagnostic`` per flag that is live (not dismissed, current: see ``models.flag_is_current``) and at or
above the minimum severity, in article order; three renderings of the same list:

- text: ``path:line:col  CODE  severity  message`` (what an editor reads, and what editors' problem matchers parse);
- github: workflow commands (``::error file=…,line=…,col=…,title=CODE::message``) that GitHub Actions shows on
  the pull request's lines;
- sarif: SARIF 2.1.0, the format code-scanning dashboards (GitHub, GitLab, Azure DevOps) read.

Paths are shown relative to the working folder (a CI job's checkout) when the file is inside it. ``scan`` writes
the same two machine formats over a whole corpus (``factcheck.scan.LintOutput``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

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
    end_line: int | None  # None: where the flag ends is not known (a scan record read back from older output)
    end_col: int | None
    code: str
    name: str
    severity: Severity
    message: str


def live(registry: Registry, codes: frozenset[str] | None = None) -> list[tuple[Claim, Flag]]:
    """(claim, flag) for every flag still to act on: not dismissed, current, of the rules in ``codes``."""
    return [
        (c, f)
        for c in registry.claims
        for f in c.flags
        if (codes is None or f.code in codes) and f.disposition is not Disposition.DISMISSED and flag_is_current(c, f)
    ]


def diagnostics(
    path: str,
    text: str,
    registry: Registry,
    *,
    codes: frozenset[str] | None = None,
    min_severity: Severity = Severity.INFO,
    line_offset: int = 0,
) -> list[Diagnostic]:
    """The live flags at or above ``min_severity``, positioned in the article file, in article order."""
    index = LineIndex(text, line_offset)
    out = []
    flags = sorted(
        (f for _, f in live(registry, codes) if f.severity.rank >= min_severity.rank),
        key=lambda f: (f.span.start, f.code),
    )
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


def github_failure(path: str, message: str, line: int | None = None) -> str:
    """A GitHub Actions error annotation for an input the tool could not check."""
    where = f"file={_github_escape(shown_path(path), prop=True)}" + (f",line={line}" if line is not None else "")
    return f"::error {where},title=factcheck could not check this::{_github_escape(message)}"


def render_github(items: list[Diagnostic]) -> list[str]:
    """GitHub Actions workflow commands, one per diagnostic."""
    return [
        f"::{_GITHUB_LEVEL[d.severity]} file={_github_escape(shown_path(d.path), prop=True)},line={d.line},col={d.col},"
        f"{'' if d.end_line is None else f'endLine={d.end_line},endColumn={d.end_col},'}"
        f"title={_github_escape(f'{d.code} {d.name}', prop=True)}"
        f"::{_github_escape(d.message)}"
        for d in items
    ]


def shown_path(path: str) -> str:
    """A path as CI tools expect it: relative to the working folder (the checkout) when inside it, else as given."""
    where = Path(path)
    if where.is_absolute():
        try:
            return where.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path
    return where.as_posix()


def sarif_uri(path: str) -> str:
    """A SARIF ``artifactLocation.uri``: a relative URI reference below the working folder, else a ``file:`` URI."""
    shown = shown_path(path)
    return Path(shown).as_uri() if Path(shown).is_absolute() else quote(shown)


def sarif_rules(rules: Iterable[Any]) -> list[dict[str, Any]]:
    """SARIF rule descriptors of ``rules`` (objects with code, name, severity, documentation())."""
    return [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": (r.documentation().strip().splitlines() or [r.name])[0]},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        }
        for r in rules
    ]


def sarif_result(d: Diagnostic) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": d.line, "startColumn": d.col}
    if d.end_line is not None and d.end_col is not None:
        region.update(endLine=d.end_line, endColumn=d.end_col)
    return {
        "ruleId": d.code,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": sarif_uri(d.path)}, "region": region}}],
    }


class SarifWriter:
    """A SARIF 2.1.0 log with one run, written to ``stream`` as diagnostics arrive: a scan of any size holds none
    of them in memory. ``rules``: the rules that ran (their descriptors open the run). Nothing is written before
    the first ``write`` (or ``close``), so a command that fails before its first article prints no half log."""

    def __init__(self, stream: TextIO, *, version: str, rules: Iterable[Any]):
        self._stream, self._first, self.started = stream, True, False
        self._failures: list[dict[str, Any]] = []
        driver = {
            "name": "factcheck",
            "version": version,
            "informationUri": "https://factcheck.invalid/",
            "rules": sarif_rules(rules),
        }
        self._head = (
            f'{{\n  "$schema": "{SARIF_SCHEMA}",\n  "version": "2.1.0",\n  "runs": [\n    {{\n'
            f'      "tool": {{"driver": {json.dumps(driver, ensure_ascii=False)}}},\n      "results": ['
        )

    def _start(self) -> None:
        if not self.started:
            self._stream.write(self._head)
            self.started = True

    def write(self, items: Iterable[Diagnostic]) -> None:
        self._start()
        for d in items:
            self._stream.write(
                ("\n" if self._first else ",\n") + "        " + json.dumps(sarif_result(d), ensure_ascii=False)
            )
            self._first = False

    def failed(self, path: str, message: str, line: int | None = None) -> None:
        """An input the tool could not check (a scan's failed article): a tool execution notification, and the
        run's ``executionSuccessful`` false."""
        location: dict[str, Any] = {"artifactLocation": {"uri": sarif_uri(path)}}
        if line is not None:
            location["region"] = {"startLine": line}
        self._failures.append(
            {"level": "error", "message": {"text": message}, "locations": [{"physicalLocation": location}]}
        )

    def close(self) -> None:
        self._start()
        invocation = {"executionSuccessful": not self._failures, "toolExecutionNotifications": self._failures}
        self._stream.write(
            ("" if self._first else "\n      ")
            + '],\n      "invocations": '
            + json.dumps([invocation], ensure_ascii=False)
            + "\n    }\n  ]\n}\n"
        )
