"""Rules turned on without listing every other one: `--extend-select RULE` on review and scan, and `[rules]
extend_select = [...]` in factcheck.toml (MM01, the desk-memory rule, was opt-in when they were written; it runs by
default now, and an opt-in rule, EN04, shows the option at work)."""

import json

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.config import ConfigError, load_config
from factcheck.rules import configured_extend_select

from .conftest import record_verdict
from .test_desk_memory import FIRST, REWORDED

runner = CliRunner()


def _codes(output: str) -> set[str]:
    registry = json.loads(output)
    return {f["code"] for c in registry["claims"] for f in c.get("flags", [])}


@pytest.fixture
def desk(project):
    """A desk whose first article's wheat claim was ruled inaccurate; the second article repeats it, reworded."""
    (project / "first.txt").write_text(FIRST, encoding="utf-8")
    assert runner.invoke(app, ["review", "first.txt"]).exit_code in (0, 1)
    record_verdict(project / "claims" / "first.yaml", "wheat", "inaccurate")
    (project / "second.txt").write_text(REWORDED, encoding="utf-8")
    return project


def test_review_runs_mm01_by_default_and_extend_select_adds_nothing_to_it(desk):
    # --ignore first: an ignored rule's flags already in the registry are kept as they were
    ignored = runner.invoke(app, ["review", "second.txt", "--format", "json", "--ignore", "MM01"])
    plain = runner.invoke(app, ["review", "second.txt", "--format", "json"])
    extended = runner.invoke(app, ["review", "second.txt", "--format", "json", "--extend-select", "MM01"])
    assert "MM01" in _codes(plain.output) and "MM01" not in _codes(ignored.output)
    assert _codes(extended.output) == _codes(plain.output)


def test_config_extend_select_turns_mm01_on(desk):
    (desk / "factcheck.toml").write_text('[desk]\nname = "Test Desk"\n\n[rules]\nextend_select = ["MM01"]\n', encoding="utf-8")
    assert load_config().extend_select == ("MM01",)
    # --select narrows to its rules, and the configured ones still come on top
    only = runner.invoke(app, ["review", "second.txt", "--format", "json", "--select", "TM02"])
    assert _codes(only.output) <= {"TM02", "MM01"} and "MM01" in _codes(only.output)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('["MM1"]', "[rules] extend_select: 'MM1' matches no rule (did you mean 'MM01'?)"),
        ('"MM01"', '[rules] extend_select must be a list of rule codes or names (["MM01"])'),
    ],
)
def test_a_bad_extend_select_is_an_error_at_its_line(project, value, words):
    (project / "factcheck.toml").write_text(f'[desk]\nname = "Test Desk"\n\n[rules]\n\nextend_select = {value}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        configured_extend_select(load_config())
    assert "factcheck.toml:6:" in str(err.value) and words in str(err.value)
    (project / "a.txt").write_text(FIRST, encoding="utf-8")
    for command in (["review", "a.txt"], ["scan", "a.txt", "--jobs", "1"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and "factcheck.toml:6:" in result.output and words in result.output, (command, result.output)


def test_review_extend_select_typo_names_the_closest_code(desk):
    result = runner.invoke(app, ["review", "second.txt", "--extend-select", "MM1"])
    assert result.exit_code == 2 and "--extend-select 'MM1' matches no rule (did you mean 'MM01'?)" in result.output


ORG_TEXT = "The Test Institute of Asian Studies said on 3 March 2024 that exports rose.\n"


def test_scan_extend_select_adds_an_opt_in_rule(project):
    (project / "in").mkdir()
    (project / "in" / "a.txt").write_text(ORG_TEXT, encoding="utf-8")
    out = project / "scan.jsonl"
    base = ["scan", str(project / "in"), "--output", str(out), "--jobs", "1", "--overwrite"]
    assert runner.invoke(app, base).exit_code == 0
    assert '"EN04"' not in out.read_text(encoding="utf-8")
    result = runner.invoke(app, [*base, "--extend-select", "EN04"])
    assert result.exit_code == 0, result.output
    assert '"EN04"' in out.read_text(encoding="utf-8")
    typo = runner.invoke(app, [*base, "--extend-select", "EN4"])
    assert typo.exit_code == 2 and "--extend-select 'EN4' matches no rule" in typo.output
