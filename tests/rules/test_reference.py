from pathlib import Path

from factcheck.rules.reference import render_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_reference_is_current():
    assert DOC.read_text(encoding="utf-8") == render_reference(), "docs/rules.md is stale: run python scripts/gen_rules_doc.py"
