"""Issue 17's lint bullet and issue 16 (10)'s machine formats: `review` prints what deserves the editor's
attention (warnings and errors by default; info summarised as a count), `--min-severity`, `[lint] min_severity`,
`--quiet`, and GitHub / SARIF output for CI gates."""

from __future__ import annotations

import json
import re

from .conftest import run


def _lint(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"story\.txt:\d+:\d+  ", line)]


def test_default_hides_info_and_says_so(desk):
    result = run("review", "story.txt", "--date", "2024-08-06")
    lines = _lint(result.output)
    assert any("  TM01  error  " in line for line in lines)
    assert not any("  info  " in line for line in lines)
    assert "not shown: 1 info (--min-severity info shows them)" in result.output.splitlines()


def test_min_severity_option_and_setting(desk):
    shown = _lint(run("review", "story.txt", "--date", "2024-08-06", "--min-severity", "info").output)
    assert any("  AT03  info  " in line for line in shown)
    (desk / "factcheck.toml").write_text('[lint]\nmin_severity = "info"\n')
    assert _lint(run("review", "story.txt").output) == shown
    only_errors = run("review", "story.txt", "--min-severity", "error")
    assert [line.split("  ")[1] for line in _lint(only_errors.output)] == ["TM01"]
    assert "not shown: 1 info (--min-severity info shows them)" in only_errors.output.splitlines()
    (desk / "factcheck.toml").write_text('[lint]\nmin_severity = "warn"\n')
    bad = run("review", "story.txt")
    assert bad.exit_code == 2 and "min_severity" in bad.output and "factcheck.toml:2" in bad.output


def test_quiet_prints_only_the_lint_lines(desk):
    result = run("review", "story.txt", "--date", "2024-08-06", "--quiet")
    assert result.exit_code == 1
    assert result.output.splitlines() == _lint(result.output) and _lint(result.output)


def test_github_annotations(desk):
    result = run("review", "story.txt", "--date", "2024-08-06", "--output-format", "github")
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith("::error file=story.txt,line=3,col=19,") and "title=TM01" in line and "Hu Jintao" in line


def test_sarif(desk):
    result = run("review", "story.txt", "--date", "2024-08-06", "--output-format", "sarif", "--min-severity", "info")
    sarif = json.loads(result.output)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"TM01", "AT03"}
    tm01 = next(r for r in results if r["ruleId"] == "TM01")
    region = tm01["locations"][0]["physicalLocation"]["region"]
    assert tm01["level"] == "error" and (region["startLine"], region["startColumn"]) == (3, 19)
    assert tm01["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "story.txt"
    assert any(rule["id"] == "TM01" for rule in sarif["runs"][0]["tool"]["driver"]["rules"])


def test_sarif_of_many_articles_is_one_run(desk):
    (desk / "wire").mkdir()
    (desk / "wire" / "b.txt").write_text((desk / "story.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("review", "story.txt", "wire", "--date", "2024-08-06", "--output-format", "sarif")
    assert result.exit_code == 1, result.output
    [sarif_run] = json.loads(result.stdout)["runs"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_run["results"]]
    assert uris == ["story.txt", "wire/b.txt"]


def test_sarif_stays_one_valid_log_when_an_article_is_refused(desk):
    (desk / "empty.txt").write_text("", encoding="utf-8")
    refused_first = run("review", "empty.txt", "story.txt", "--output-format", "sarif")
    assert refused_first.exit_code == 2 and refused_first.stdout == ""  # nothing begun, nothing printed
    refused_later = run("review", "story.txt", "empty.txt", "--date", "2024-08-06", "--output-format", "sarif")
    assert refused_later.exit_code == 2 and "empty.txt" in refused_later.stderr
    assert [r["ruleId"] for r in json.loads(refused_later.stdout)["runs"][0]["results"]] == ["TM01"]
