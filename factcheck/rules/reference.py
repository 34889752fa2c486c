"""The rules reference, generated from the rules' docstrings (docs/rules.md and `factcheck rules`)."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.rules import all_rules

PRECISION_FILE = Path(__file__).with_name("precision.json")
# Why a label set under its bar stands as it does (demoted, dropped, or kept, and why), by label set.
PRECISION_NOTES_FILE = Path(__file__).with_name("precision_notes.json")
BARS = {"error": 0.9, "warning": 0.9, "info": 0.8}

# This module holds no rule: it reads the catalogue.


def rules_table() -> list[tuple[str, str, str, str]]:
    """(code, name, default severity, summary) for every rule, by code."""
    return [(r.code, r.name, r.severity.value + (" (opt-in)" if r.opt_in else ""), r.summary()) for r in all_rules()]


def render_reference() -> str:
    """docs/rules.md: a table of every rule, then each rule's documentation."""
    lines = [
        "# Rules reference",
        "",
        "Generated from the rules' docstrings by `python scripts/gen_rules_doc.py`; do not edit by hand.",
        "Select rules with `--select`/`--ignore` by code, dotted name or prefix (`TM`, `time.`).",
        "",
        "| code | name | default severity | what it flags |",
        "|---|---|---|---|",
    ]
    for code, name, severity, summary in rules_table():
        lines.append(f"| [{code}](#{code.lower()}) | `{name}` | {severity} | {summary} |")
    lines += _precision_table()
    for rule in all_rules():
        doc = rule.documentation().split("\n", 1)
        opt_in = f" · **off by default**: runs with `--extend-select {rule.code}`" if rule.opt_in else ""
        lines += [
            "",
            f"## {rule.code}",
            "",
            f"`{rule.name}` · default severity **{rule.severity.value}**{opt_in}",
            "",
            doc[0],
        ]
        if len(doc) > 1:
            lines += ["", _sections_as_markdown(doc[1].strip())]
    return "\n".join(lines) + "\n"


def _precision_table() -> list[str]:
    """Labelled precision on real text, per label set (``precision.json``, from bench/eval_language_rules.py)."""
    if not PRECISION_FILE.is_file():
        return []
    rows = json.loads(PRECISION_FILE.read_text(encoding="utf-8"))["rows"]
    severity = {r.code: r.severity.value for r in all_rules()}
    opt_in = {r.code for r in all_rules() if r.opt_in}
    out = [
        "",
        "## Labelled precision on real text",
        "",
        "Flags sampled from BBC 2004-2005 and PolNeAR train and labelled by hand (criteria per label set in",
        "`bench/labels/README.md`; commands in `docs/bench/precision.md`). Bars: 0.90 for warnings, 0.80 for info.",
        "",
        "Label sets named `CODE` are older samples under looser criteria, most of whose labelled flags no longer",
        "fire; `perturbed` rows are real articles with one constructed error each (rules too rare on real text);",
        "`-debates` sets are CheckThat! debate sentences, other real text. A set of one severity is held to that",
        "severity's bar (EN03's romanisation variants are info). Precision counts the labelled flags that still fire.",
        "",
        "| rule | label set | text | severity | labelled | precision | bar | default |",
        "|---|---|---|---|---|---|---|---|",
    ]
    below = []
    for row in rows:
        level = _level(row, severity)
        state = "off (opt-in)" if row["code"] in opt_in else "on"
        out.append(
            f"| {row['code']} | `{row['labels']}` | {row['text']} | {level} | {row['labelled']} "
            f"| {row['precision']:.2f} | {BARS[level]:.2f} | {state} |"
        )
        if row["precision"] < BARS[level]:
            below.append(row)
    if below:
        notes = precision_notes()
        out += ["", "### Under the bar, and what was done", ""]
        out += [
            f"- {row['code']} `{row['labels']}` ({row['precision']:.2f}): "
            f"{notes.get(row['labels'], 'no reason recorded')}"
            for row in below
        ]
    unlabelled = sorted(set(severity) - {row["code"] for row in rows})
    if unlabelled:
        out += [
            "",
            f"No labelled flags: {', '.join(unlabelled)} (no flag on the sampled text; see docs/bench/precision.md).",
        ]
    return out


def precision_notes() -> dict[str, str]:
    """The reason recorded for each label set under its bar (``precision_notes.json``)."""
    if not PRECISION_NOTES_FILE.is_file():
        return {}
    return json.loads(PRECISION_NOTES_FILE.read_text(encoding="utf-8"))["notes"]


def under_the_bar() -> list[str]:
    """The label sets whose precision is under their severity's bar."""
    if not PRECISION_FILE.is_file():
        return []
    severity = {r.code: r.severity.value for r in all_rules()}
    rows = json.loads(PRECISION_FILE.read_text(encoding="utf-8"))["rows"]
    return [r["labels"] for r in rows if r["precision"] < BARS[_level(r, severity)]]


def _level(row: dict, severity: dict[str, str]) -> str:
    """The severity a label set is held to: its own, else its rule's default."""
    return row.get("severity") or severity.get(row["code"], "info")


def _sections_as_markdown(body: str) -> str:
    out = []
    for line in body.split("\n"):
        stripped = line.strip()
        if (
            stripped.endswith(":")
            and not line.startswith(" ")
            and stripped[:-1] in ("What it flags", "Why it matters", "Example", "Configuration")
        ):
            out.append(f"**{stripped[:-1]}**")
        else:
            out.append(line.removeprefix("    "))
    return "\n".join(out)
