"""scan: a time budget per article, bad JSON lines and front matter as one failed record, resume = one run."""

import csv
import importlib.util
import io
import json
import multiprocessing
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import scan as scanning
from factcheck.cli import app
from factcheck.config import ConfigError, load_config
from factcheck.scan import ScanConfig, ScanItem, iter_items, scan

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
TEXT = "On Monday the council voted. Officials said 12 members agreed.\n"
needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="needs forked workers to inherit the patched check")


def _adversarial():
    spec = importlib.util.spec_from_file_location("adversarial", ROOT / "bench" / "adversarial.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _slow_on_marker(monkeypatch, seconds: float = 120.0):
    import factcheck.api

    real = factcheck.api.check

    def slow(extraction, *args, **kwargs):
        if "SLOWME" in extraction.doc.text:
            time.sleep(seconds)  # an article that would hold a worker for minutes
        return real(extraction, *args, **kwargs)

    monkeypatch.setattr(factcheck.api, "check", slow)  # workers are forked after this, so they inherit it


@needs_fork
@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_over_its_budget_fails_and_the_rest_are_reviewed_in_order(monkeypatch, jobs):
    _slow_on_marker(monkeypatch)
    items = [ScanItem(f"a{i}", f"a{i}", text=TEXT + (" SLOWME" if i == 3 else "")) for i in range(12)]
    started = time.perf_counter()
    results = list(scan(items, ScanConfig(), jobs=jobs, timeout=5.0))
    assert time.perf_counter() - started < 60  # the slow article sleeps 120 s: it was stopped, not waited for
    assert [r["id"] for r in results] == [f"a{i}" for i in range(12)]
    assert [r["id"] for r in results if r["error"]] == ["a3"]
    assert results[3]["error_kind"] == "timeout" and "time budget of 5 s" in results[3]["error"]
    assert all(r["claims"] for i, r in enumerate(results) if i != 3)


@needs_fork
def test_results_after_a_slow_article_are_not_held_back_beyond_its_budget(monkeypatch):
    _slow_on_marker(monkeypatch)
    items = [ScanItem(f"a{i}", f"a{i}", text=TEXT + (" SLOWME" if i == 0 else "")) for i in range(6)]
    stream = scan(items, ScanConfig(), jobs=2, timeout=3.0)
    first = next(stream)
    assert first["id"] == "a0" and first["error_kind"] == "timeout"
    assert [r["error"] for r in stream] == [None] * 5  # done meanwhile by the other worker, yielded at once


def test_corpus_with_a_page_of_title_case_is_reviewed_whole(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-nav.txt").write_text(_adversarial().make("titlecase", 150 * 1024), encoding="utf-8")
    for i in range(3):
        (corpus / f"b{i}.txt").write_text(TEXT, encoding="utf-8")
    results = list(scan(iter_items([corpus]), ScanConfig(), jobs=2, timeout=60))
    assert [r["error"] for r in results] == [None] * 4
    assert any(f["code"] == "CL02" for f in results[0]["flags"])


def test_a_deeply_nested_json_line_is_one_failed_record(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "x1", "text": TEXT}) + "\n" + "[" * 200_000 + "\n" + '{"id": "x2", "text": ' + "[" * 200_000 + "\n"
        + json.dumps({"id": "x3", "text": TEXT}) + "\n",
        encoding="utf-8",
    )
    results = list(scan(iter_items([feed]), ScanConfig(), jobs=1))
    assert [r["id"] for r in results] == ["x1", f"{feed.as_posix()}:2", f"{feed.as_posix()}:3", "x3"]
    assert [bool(r["error"]) for r in results] == [False, True, True, False]
    assert "nested too deeply" in results[1]["error"] and results[1]["error_kind"] == "input"


@pytest.mark.parametrize("front", ["date: 2024-13-45", "title: [unclosed", "date: tomorrow", "colour: red"])
def test_review_and_scan_give_the_same_error_for_bad_front_matter(tmp_path, monkeypatch, front):
    monkeypatch.chdir(tmp_path)
    Path("bad.txt").write_text(f"---\n{front}\n---\n{TEXT}", encoding="utf-8")
    review = runner.invoke(app, ["review", "bad.txt"])
    assert review.exit_code == 2 and review.exception is None or isinstance(review.exception, SystemExit)
    said = review.output.strip().splitlines()[-1]
    assert said.startswith("error: bad.txt:")
    (record,) = scan(iter_items(["bad.txt"]), ScanConfig(), jobs=1)
    assert record["error_kind"] == "input" and "error: " + record["error"] == said


def _feed(tmp_path: Path) -> Path:
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": TEXT}, {"id": "a", "text": "PARIS, 4 May 2011 - The minister said on Friday that 40 came.\n"},
            {"id": "b", "text": TEXT}, {"id": "a", "text": TEXT + " Shares fell 3%.\n"}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return feed


def test_resume_treats_duplicate_ids_as_distinct_records_and_rebuilds_the_csv(tmp_path):
    feed = _feed(tmp_path)
    whole, whole_csv = tmp_path / "whole.jsonl", tmp_path / "whole.csv"
    assert runner.invoke(app, ["scan", str(feed), "-o", str(whole), "--csv", str(whole_csv), "-j", "1"]).exit_code == 0
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    assert [json.loads(x)["id"] for x in lines] == ["a", "a", "b", "a"]
    # A crash after two records: the second half-written, the CSV missing rows and ending in a cut row.
    part, part_csv = tmp_path / "part.jsonl", tmp_path / "part.csv"
    part.write_text(lines[0] + lines[1][:25], encoding="utf-8")
    part_csv.write_text(whole_csv.read_text(encoding="utf-8")[:60], encoding="utf-8")
    resumed = runner.invoke(app, ["scan", str(feed), "-o", str(part), "--csv", str(part_csv), "--resume", "-j", "1"])
    assert resumed.exit_code == 0, resumed.output
    assert part.read_bytes() == whole.read_bytes()
    assert part_csv.read_bytes() == whole_csv.read_bytes()
    assert list(csv.reader(io.StringIO(part_csv.read_text(encoding="utf-8"))))[0][0] == "id"


def test_done_ids_counts_records_per_id(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\n{"id": "a"}\n{"id": "b"}\n', encoding="utf-8")
    assert scanning.done_ids(out) == {"a": 2, "b": 1}
    feed = _feed(tmp_path)
    assert [i.id for i in iter_items([feed], skip=scanning.done_ids(out))] == ["a"]  # the third 'a' only


def test_timeout_option_and_config_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config().scan_timeout == 60
    Path("factcheck.toml").write_text("[scan]\ntimeout = 5\n", encoding="utf-8")
    assert load_config().scan_timeout == 5
    Path("factcheck.toml").write_text("[scan]\ntimeout = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="timeout"):
        load_config()
    Path("a.txt").write_text(TEXT, encoding="utf-8")
    refused = runner.invoke(app, ["scan", "a.txt", "-j", "1"])
    assert refused.exit_code == 2 and "[scan] timeout" in refused.output
    Path("factcheck.toml").write_text("[scan]\ntimeout = 5\n", encoding="utf-8")
    assert runner.invoke(app, ["scan", "a.txt", "-j", "1", "--timeout", "30"]).exit_code == 0
