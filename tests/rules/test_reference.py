from pathlib import Path

from factcheck.rules.reference import render_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_reference_is_current():
    assert DOC.read_text(encoding="utf-8") == render_reference(), "docs/rules.md is stale: run python scripts/gen_rules_doc.py"


def test_every_label_set_under_its_bar_has_its_reason_recorded():
    from factcheck.rules.reference import precision_notes, under_the_bar

    notes = precision_notes()
    missing = [labels for labels in under_the_bar() if not notes.get(labels, "").strip()]
    assert not missing, f"add the reason (demoted, dropped or kept, and why) to factcheck/rules/precision_notes.json: {missing}"
