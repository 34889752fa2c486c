"""`factcheck scan` searches the desk memory as `factcheck review` does (issue 18): the project's memory is synced
once by the main process and opened once per worker, and rule MM01's flags reach scan's JSON Lines and SARIF, on
the serial, process-pool and Dask paths alike."""

import json

import pytest
from typer.testing import CliRunner

from factcheck import api, scan
from factcheck.cli import app

from .conftest import record_verdict
from .test_desk_memory import FIRST, REWORDED

runner = CliRunner()


@pytest.fixture
def desk(project):
    """A project whose first article's wheat claim the desk rated inaccurate; the second repeats it reworded."""
    (project / "first.txt").write_text(FIRST, encoding="utf-8")
    api.review("first.txt")
    record_verdict(project / "claims" / "first.yaml", "wheat", "inaccurate", rating="False")
    (project / "in").mkdir()
    (project / "in" / "second.txt").write_text(REWORDED, encoding="utf-8")
    return project


def _scan_flags(project, *args) -> dict[str, list[dict]]:
    out = project / "scan.jsonl"
    result = runner.invoke(app, ["scan", *args, "--output", str(out), "--overwrite"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {r["path"].rsplit("/", 1)[-1]: [f for f in r["flags"] if f["code"] == "MM01"] for r in lines}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_scan_flags_the_reworded_claim_as_review_does(desk, jobs):
    flags = _scan_flags(desk, "in", "first.txt", "--jobs", jobs)
    (flag,) = flags["second.txt"]
    reviewed = [f for c in api.review("in/second.txt", write=False).registry.claims for f in c.flags if f.code == "MM01"]
    assert [(flag["severity"], flag["text"], flag["message"])] == [(f.severity.value, f.text, f.message) for f in reviewed]
    assert "rated 'False' (inaccurate) by Test Desk" in flag["message"] and "claims/first.yaml#" in flag["message"]
    assert flags["first.txt"] == []  # the article's own verdict is not news, as in review


def test_scan_without_a_memory_raises_no_mm01(project):
    (project / "first.txt").write_text(FIRST, encoding="utf-8")
    (project / "second.txt").write_text(REWORDED, encoding="utf-8")
    assert _scan_flags(project, "first.txt", "second.txt", "--jobs", "1") == {"first.txt": [], "second.txt": []}
    assert not (project / ".factcheck").exists()


def test_scan_ignoring_mm01_does_not_open_the_memory(desk, monkeypatch):
    opened = []
    monkeypatch.setattr(api, "project_memory_root", lambda *a, **k: opened.append(a) or desk)
    assert _scan_flags(desk, "in", "--jobs", "1", "--ignore", "MM01") == {"second.txt": []}
    assert opened == []


def test_scan_sarif_carries_the_mm01_warning(desk):
    result = runner.invoke(app, ["scan", "in", "--jobs", "1", "--output-format", "sarif"])
    assert result.exit_code == 0, result.output
    sarif = json.loads(result.stdout)
    found = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "MM01"]
    assert len(found) == 1 and found[0]["level"] == "warning" and "Checked before" in found[0]["message"]["text"]


def test_each_worker_opens_the_memory_once(desk, monkeypatch):
    import factcheck.memory

    root = api.project_memory_root()
    config = scan.ScanConfig(memory=str(root))
    calls = []
    real = factcheck.memory.open_memory
    monkeypatch.setattr(factcheck.memory, "open_memory", lambda *a, **k: calls.append(k) or real(*a, **k))
    monkeypatch.setattr(scan, "_WORKER_MEMORY", {})
    items = list(scan.iter_items([desk / "in", desk / "first.txt"])) * 3
    results = list(scan.scan(items, config, jobs=1))
    assert [len([f for f in r["flags"] if f["code"] == "MM01"]) for r in results] == [1, 0] * 3
    assert calls == [{"kb": calls[0]["kb"], "sync": False}]  # once, for six articles, and read only


def test_dask_workers_get_the_memory(desk):
    pytest.importorskip("distributed", reason="the Dask engine needs 'distributed' (pip install 'factcheck[dask]')")
    config = scan.ScanConfig(memory=str(api.project_memory_root()))
    results = list(scan.scan(scan.iter_items([desk / "in", desk / "first.txt"]), config, jobs=2, engine="dask"))
    assert [[f["code"] for f in r["flags"] if f["code"] == "MM01"] for r in results] == [["MM01"], []]


def test_a_worker_that_cannot_read_the_memory_fails_instead_of_scanning_without_it(tmp_path, monkeypatch):
    from factcheck.errors import FactcheckError

    monkeypatch.setattr(scan, "_WORKER_MEMORY", {})
    with pytest.raises(FactcheckError, match="the desk memory is not readable here"):
        scan.warm_worker(scan.ScanConfig(memory=str(tmp_path / "elsewhere")))


def test_review_by_absolute_path_leaves_the_articles_own_verdicts_out(desk):
    own = api.review(str(desk / "first.txt"))
    assert [f for c in own.registry.claims for f in c.flags if f.code == "MM01"] == []
