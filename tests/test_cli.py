import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "japan-central-asia-summit.txt"
runner = CliRunner()


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copy(SEED, tmp_path / "seed.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_review_writes_registry_and_report_and_prints_lint_lines(workdir):
    result = runner.invoke(app, ["review", "seed.txt"])
    assert result.exit_code == 0, result.output
    assert (workdir / "claims" / "seed.yaml").is_file()
    assert (workdir / "reports" / "seed.md").is_file()
    assert "seed.txt:3:1  TM02  warning  Relative date 'On Friday'" in result.output
    assert "claims (" in result.output


def test_review_select_prints_and_exits_on_the_selected_rules_only(workdir):
    full = runner.invoke(app, ["review", "seed.txt", "--fail-on", "warning", "--min-severity", "info"])
    assert full.exit_code == 1 and "  TM01  " in full.output and "  HG01  " in full.output
    partial = runner.invoke(app, ["review", "seed.txt", "--select", "HG", "--fail-on", "warning", "--min-severity", "info"])
    codes = {line.split()[1] for line in partial.output.splitlines() if line.startswith("seed.txt:") and line.split()[1][:2].isalpha() and line.split()[1][2:].isdigit()}
    assert codes == {"HG01"}, partial.output
    assert partial.exit_code == 0  # HG01 flags are info; the warnings belong to rules that did not run
    assert "from 1 rule run" in partial.output
    registry = (workdir / "claims" / "seed.yaml").read_text()
    assert "code: TM01" in registry and "stale" not in registry  # the other rules' flags are still there


@pytest.mark.parametrize("command", [["review", "seed.txt"], ["scan", "seed.txt", "--output", "out.jsonl", "--jobs", "1"]])
def test_a_mistyped_rule_is_refused_before_anything_runs(workdir, command):
    result = runner.invoke(app, [*command, "--select", "TM01,HG1"])
    assert result.exit_code == 2
    assert "--select 'HG1' matches no rule (did you mean 'HG01'?)" in result.output
    assert not (workdir / "claims").exists() and not (workdir / "out.jsonl").exists()


def test_dismissed_flags_leave_the_lint_lines_and_the_exit_code(workdir):
    first = runner.invoke(app, ["review", "seed.txt", "--fail-on", "warning"])
    warnings = [line for line in first.output.splitlines() if "  warning  " in line]
    assert first.exit_code == 1 and len(warnings) >= 2
    registry = workdir / "claims" / "seed.yaml"
    text = registry.read_text(encoding="utf-8")
    dismissed = re.sub(r"(severity: warning\n(?:        .*\n)*?        disposition:) open", r"\1 dismissed", text)
    assert dismissed.count("disposition: dismissed") == len(warnings)
    registry.write_text(dismissed, encoding="utf-8")
    second = runner.invoke(app, ["review", "seed.txt", "--fail-on", "warning", "--min-severity", "info"])
    assert second.exit_code == 0, second.output
    assert "  warning  " not in second.output and "  info  " in second.output
    assert f"; {len(warnings)} dismissed or stale, not shown)" in second.output


def test_review_reads_standard_input(workdir):
    text = (workdir / "seed.txt").read_text(encoding="utf-8")
    piped = runner.invoke(app, ["review", "-"], input=text)
    from_file = runner.invoke(app, ["review", "seed.txt", "--claims-dir", "c", "--reports-dir", "r"])
    assert piped.exit_code == from_file.exit_code == 0
    lint = lambda output, name: [line.split(None, 1)[1] for line in output.splitlines() if line.startswith(f"{name}:")]  # noqa: E731
    assert lint(piped.output, "-") == lint(from_file.output, "seed.txt") and lint(piped.output, "-")
    assert not (workdir / "claims").exists() and not (workdir / "reports").exists()  # nothing named, nothing written
    named = runner.invoke(app, ["review", "-", "--stdin-name", "wire/0412.txt"], input=text)
    assert named.exit_code == 0 and "wire/0412.txt:5:37  EN01" in named.output
    assert (workdir / "claims" / "wire" / "0412.yaml").read_text(encoding="utf-8").count("path: wire/0412.txt") == 1
    assert runner.invoke(app, ["review", "seed.txt", "--stdin-name", "x"]).exit_code == 2


def test_review_twice_is_byte_identical(workdir):
    runner.invoke(app, ["review", "seed.txt"])
    first = (workdir / "claims" / "seed.yaml").read_bytes(), (workdir / "reports" / "seed.md").read_bytes()
    assert runner.invoke(app, ["review", "seed.txt"]).exit_code == 0
    assert first == ((workdir / "claims" / "seed.yaml").read_bytes(), (workdir / "reports" / "seed.md").read_bytes())


def test_json_contract(workdir):
    result = runner.invoke(app, ["review", "seed.txt", "--format", "json"])
    data = json.loads(result.stdout)
    assert "date" in data["article"]
    claim = data["claims"][0]
    assert {"id", "text", "kinds", "span", "mentions", "flags"} <= set(claim)
    flags = [f for c in data["claims"] for f in c["flags"]]
    assert flags and {"code", "name", "severity", "message", "span"} <= set(flags[0])
    assert {"start", "end"} <= set(flags[0]["span"])


def test_fail_on_warning_exits_1(workdir):
    assert runner.invoke(app, ["review", "seed.txt", "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, ["review", "seed.txt", "--fail-on", "never"]).exit_code == 0


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: None, "no such file"),
        (lambda d: (d / "x.txt").mkdir(), "is a directory"),
        (lambda d: (d / "x.txt").write_bytes(b""), "is empty"),
        (lambda d: (d / "x.txt").write_bytes(b"ok \xff bad"), "byte 3"),
        (lambda d: (d / "x.txt").write_text("---\ntitle: [x\n---\nBody", encoding="utf-8"), "x.txt:3: malformed front matter"),
    ],
)
def test_bad_input_one_line_exit_2_nothing_written(workdir, make, expected):
    make(workdir)
    result = runner.invoke(app, ["review", "x.txt"])
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not (workdir / "claims").exists()


def test_bad_date_option_is_usage_error(workdir):
    result = runner.invoke(app, ["review", "seed.txt", "--date", "yesterday"])
    assert result.exit_code == 2


def test_report_from_registry(workdir):
    runner.invoke(app, ["extract", "seed.txt"])
    result = runner.invoke(app, ["report", "claims/seed.yaml", "--output", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Review: Japan, 5 Central Asian Countries")
    assert "line 1:1" in result.stdout


def test_every_command_help_has_an_example():
    for command in ("review", "extract", "report", "rules"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output
