import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import record_verdict

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def _import(*names):
    result = runner.invoke(app, ["memory", "import", *(str(FIXTURES / n) for n in names)])
    assert result.exit_code == 0, result.output
    return result.output


def test_import_reports_counts_and_a_reimport_replaces(project):
    out = _import("astana-summit-claimreview.jsonld", "other-claimreviews.jsonl")
    assert "other-claimreviews.jsonl: 2 fact-checks, 1 objects skipped" in out
    assert "memory: 3 added, 0 replaced; 3 records" in out
    assert "memory: 0 added, 1 replaced; 3 records" in _import("astana-summit-claimreview.jsonld")


def test_search_json_is_one_line_per_query_with_the_issue_fields(project):
    _import("astana-summit-claimreview.jsonld", "other-claimreviews.jsonl")
    (project / "q.jsonl").write_text(
        '{"id": "a", "text": "Japan and Central Asian leaders to meet for their first summit in Kazakhstan"}\n'
        '{"id": 7, "text": "How much wheat did Kazakhstan export in 2023?"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["memory", "search", "--queries", "q.jsonl", "--top", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["a", 7]
    first = lines[0]["matches"][0]
    assert set(first) == {"url", "text", "rating", "source", "date", "score"}
    assert first["url"] == "https://factcheck.invalid/2025/12/astana-summit-cancelled"
    assert (first["rating"], first["source"], first["date"]) == ("Outdated", "Example Fact Checks", "2025-12-22")
    assert 0.0 <= first["score"] <= 1.0
    assert lines[1]["matches"][0]["url"] == "https://factcheck.invalid/2024/03/wheat-exports"
    assert len(lines[1]["matches"]) <= 2


def test_search_text_finds_a_registry_verdict_by_its_registry_path(project):
    from factcheck import api

    (project / "a.txt").write_text("Grain\n\nKazakhstan exported 12 million tonnes of wheat in 2023.\n", encoding="utf-8")
    api.review("a.txt")
    cid = record_verdict(project / "claims" / "a.yaml", "wheat", "misleading")
    result = runner.invoke(app, ["memory", "search", "wheat exports of Kazakhstan in 2023"])
    assert result.exit_code == 0, result.output
    assert f"claims/a.yaml#{cid}" in result.output and "misleading" in result.output
    status = runner.invoke(app, ["memory", "status"])
    assert "memory: 1 records (1 registry)" in status.output


def test_search_on_an_empty_memory_says_so(project):
    result = runner.invoke(app, ["memory", "search", "anything"])
    assert result.exit_code == 0 and "the memory is empty" in result.output


def test_search_needs_text_or_queries_and_a_project(project, tmp_path, monkeypatch):
    assert runner.invoke(app, ["memory", "search"]).exit_code == 2
    (project / "bad.jsonl").write_text('{"id": 1}\n', encoding="utf-8")
    bad = runner.invoke(app, ["memory", "search", "--queries", "bad.jsonl"])
    assert bad.exit_code == 2 and "bad.jsonl:1" in bad.output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    # tmp_path holds the project's factcheck.toml: a folder below it is in the project
    assert runner.invoke(app, ["memory", "status"]).exit_code == 0
