"""The invented wire stories of older eras in bench/fixtures/eras name only people who really held the stated
office on the story's date (see their README), so every office error or warning on them is a false alarm."""

from pathlib import Path

import pytest

from factcheck.api import analyse
from factcheck.article import article_from_text
from factcheck.kb import default_kb
from factcheck.models import Severity

ERAS = Path(__file__).resolve().parent.parent / "bench" / "fixtures" / "eras"
OFFICE_RULES = {"TM01", "EN01", "EN02"}


@pytest.mark.parametrize("path", sorted(ERAS.glob("*.txt")), ids=lambda p: p.stem)
def test_no_office_alarm_on_true_holders(path: Path) -> None:
    registry = analyse(article_from_text(path.read_text(encoding="utf-8")), kb=default_kb())
    alarms = [
        f"{f.code} {f.message}"
        for claim in registry.claims
        for f in claim.flags
        if f.code in OFFICE_RULES and f.severity in (Severity.WARNING, Severity.ERROR)
    ]
    assert alarms == []
