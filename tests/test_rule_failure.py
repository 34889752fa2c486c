"""A rule that raises is an internal error: reported per article and rule, the other rules still run, exit 3."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck.rules as rules
from factcheck import api, article_from_text
from factcheck.cli import app
from factcheck.models import Flag, Severity
from factcheck.rules.base import CheckContext, Rule

TEXT = "Summit\n\nThe minister said the plan will certainly cut costs by 2030, officials said.\n"


class Broken(Rule):
    """Raises on every article (a test double)."""

    code, name, severity = "ZZ99", "test.broken", Severity.INFO

    def check(self, ctx: CheckContext) -> Iterable[Flag]:
        yield from ()
        raise RuntimeError("boom")


@pytest.fixture
def with_broken_rule(monkeypatch):
    monkeypatch.setattr(rules, "_CATALOGUE", (*rules.all_rules(), Broken))


def test_the_other_rules_run_and_the_failure_names_rule_and_article(kb, with_broken_rule) -> None:
    article = article_from_text(TEXT, path="wire/1.txt")
    failures: list = []
    registry = api.analyse(article, kb=kb, failures=failures)
    assert [str(f) for f in failures] == ["wire/1.txt: internal error in rule ZZ99 (test.broken): RuntimeError: boom"]
    without = api.analyse(article, kb=kb, ignore=["ZZ99"])
    assert registry == without and any(c.flags for c in registry.claims)  # the other rules' flags, all of them


def test_review_prints_the_failure_and_exits_3(tmp_path: Path, with_broken_rule) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = CliRunner().invoke(app, ["review", str(article), "--claims-dir", str(tmp_path / "c"),
                                   "--reports-dir", str(tmp_path / "r"), "--fail-on", "never"])
    assert out.exit_code == 3, out.output
    assert "internal error in rule ZZ99 (test.broken): RuntimeError: boom" in out.stderr
    assert (tmp_path / "c" / "a.yaml").exists()  # the registry of the other rules' flags is written
    clean = CliRunner().invoke(app, ["review", str(article), "--claims-dir", str(tmp_path / "c"), "--ignore", "ZZ99",
                                     "--reports-dir", str(tmp_path / "r"), "--fail-on", "never"])
    assert clean.exit_code == 0, clean.output


def test_scan_records_the_failure_on_the_article(tmp_path: Path, with_broken_rule) -> None:
    from factcheck import scan

    item = scan.ScanItem("x", "x.txt", text=TEXT)
    result = scan.scan_article(item, scan.ScanConfig())
    assert result["error_kind"] == "rule" and "ZZ99" in result["error"] and result["claims"]
