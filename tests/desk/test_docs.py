"""docs/registry.md's ownership table is generated from the models' ownership metadata."""

from pathlib import Path

from factcheck.models import ownership_table

ROOT = Path(__file__).resolve().parents[2]


def test_registry_doc_ownership_table_is_current():
    doc = (ROOT / "docs" / "registry.md").read_text(encoding="utf-8")
    assert ownership_table() in doc, "regenerate the table in docs/registry.md from factcheck.models.ownership_table()"
