"""The rules reference, generated from the rules' docstrings (docs/rules.md and `factcheck rules`)."""

from __future__ import annotations

from factcheck.rules import all_rules

# This module holds no rule: it reads the catalogue.


def rules_table() -> list[tuple[str, str, str, str]]:
    """(code, name, default severity, summary) for every rule, by code."""
    return [(r.code, r.name, r.severity.value, r.summary()) for r in all_rules()]


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
    for rule in all_rules():
        doc = rule.documentation().split("\n", 1)
        lines += ["", f"## {rule.code}", "", f"`{rule.name}` · default severity **{rule.severity.value}**", "", doc[0]]
        if len(doc) > 1:
            lines += ["", _sections_as_markdown(doc[1].strip())]
    return "\n".join(lines) + "\n"


def _sections_as_markdown(body: str) -> str:
    out = []
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped.endswith(":") and not line.startswith(" ") and stripped[:-1] in (
            "What it flags", "Why it matters", "Example", "Configuration"
        ):
            out.append(f"**{stripped[:-1]}**")
        else:
            out.append(line[4:] if line.startswith("    ") else line)
    return "\n".join(out)
