"""Issue 16 (10): `scan` speaks the CI formats `review` does: GitHub annotations and one SARIF run over a corpus."""

from __future__ import annotations

import json

from .conftest import ARTICLE, run

RECORD = {"id": "wire-1", "text": ARTICLE}


def _corpus(desk):
    (desk / "wire").mkdir()
    (desk / "wire" / "story two.txt").write_text(ARTICLE, encoding="utf-8")
    (desk / "feed.jsonl").write_text("{broken\n" + json.dumps(RECORD) + "\n", encoding="utf-8")


def _results(sarif: dict) -> list[tuple[str, str, int, int]]:
    out = []
    for r in sarif["runs"][0]["results"]:
        location = r["locations"][0]["physicalLocation"]
        out.append((location["artifactLocation"]["uri"], r["ruleId"], location["region"]["startLine"],
                    location["region"]["startColumn"]))
    return out


def test_scan_sarif_is_one_run_over_every_article(desk):
    _corpus(desk)
    result = run("scan", str(desk / "story.txt"), "wire", "feed.jsonl", "--jobs", "1", "--output-format", "sarif")
    assert result.exit_code == 3, result.output  # the broken JSON line failed; the rest were scanned
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1
    # paths relative to the working folder (an absolute path inside it too), URI-encoded; a record at its line
    assert _results(sarif) == [("story.txt", "TM01", 3, 19), ("wire/story%20two.txt", "TM01", 3, 19),
                               ("feed.jsonl", "TM01", 2, 1)]
    record = sarif["runs"][0]["results"][2]
    assert "(record wire-1, line 3, column 19 of its text)" in record["message"]["text"]
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["endLine"] == 3 and region["endColumn"] > 19
    rules = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "TM01" in rules and "AT03" in rules  # every rule that ran is described
    assert "articles scanned" in result.stderr and "articles scanned" not in result.stdout
    [invocation] = sarif["runs"][0]["invocations"]  # the broken line: not checked, and the log says so
    [failure] = invocation["toolExecutionNotifications"]
    assert invocation["executionSuccessful"] is False and "not valid JSON" in failure["message"]["text"]
    location = failure["locations"][0]["physicalLocation"]
    assert (location["artifactLocation"]["uri"], location["region"]["startLine"]) == ("feed.jsonl", 1)


def test_scan_sarif_min_severity_and_empty_corpus(desk):
    result = run("scan", "story.txt", "--jobs", "1", "--output-format", "sarif", "--min-severity", "info")
    assert {rule for _, rule, _, _ in _results(json.loads(result.stdout))} == {"TM01", "AT03"}
    (desk / "factcheck.toml").write_text('[lint]\nmin_severity = "error"\n')
    assert [rule for _, rule, _, _ in _results(json.loads(run("scan", "story.txt", "--jobs", "1", "--output-format", "sarif").stdout))] == ["TM01"]
    (desk / "quiet.txt").write_text("The committee met on a sunny afternoon.\n", encoding="utf-8")
    quiet = run("scan", "quiet.txt", "--jobs", "1", "--output-format", "sarif")
    assert json.loads(quiet.stdout)["runs"][0]["results"] == []
    assert json.loads(quiet.stdout)["runs"][0]["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_scan_github_annotations(desk):
    _corpus(desk)
    result = run("scan", "story.txt", "feed.jsonl", "--jobs", "1", "--output-format", "github", "--fail-on", "error")
    assert result.exit_code == 3  # a failed article outranks the flag (exit 1)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error file=story.txt,line=3,col=19,endLine=3,") and "title=TM01 " in lines[0]
    assert lines[1].startswith("::error file=feed.jsonl,line=1,title=factcheck could not check this::") and "not valid JSON" in lines[1]
    assert lines[2].startswith("::error file=feed.jsonl,line=2,col=1,title=TM01 ") and "record wire-1" in lines[2]


def test_resumed_scan_sarif_covers_the_articles_scanned_before(desk):
    (desk / "second.txt").write_text(ARTICLE, encoding="utf-8")
    first = run("scan", "story.txt", "--jobs", "1", "--output", "scan.jsonl")
    assert first.exit_code == 0, first.output
    resumed = run("scan", "story.txt", "second.txt", "--jobs", "1", "--output", "scan.jsonl", "--resume",
                  "--output-format", "sarif")
    assert "1 skipped" in resumed.stderr
    assert [uri for uri, _, _, _ in _results(json.loads(resumed.stdout))] == ["story.txt", "second.txt"]
