"""Write docs/rules.md from the rules' docstrings: python scripts/gen_rules_doc.py"""

from pathlib import Path

from factcheck.rules.reference import render_reference

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    target.write_text(render_reference(), encoding="utf-8")
    print(f"wrote {target}")
