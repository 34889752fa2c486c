import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import scan as scanning
from factcheck.cli import app
from factcheck.scan import ScanConfig, ScanItem, iter_items, scan, scan_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "japan-central-asia-summit.txt"
runner = CliRunner()

DATELINED = "PARIS, 4 May 2011 - The minister said on Friday that 40 delegates attended the talks.\n"
UNDATED = "On Monday the council voted. Officials said 12 members agreed.\n"


def _without_timing(results):
    return [{k: v for k, v in r.items() if k != "seconds"} for r in results]


@pytest.fixture
def corpus(tmp_path):
    """A folder with nested articles, a non-article file, bad files and a JSON Lines feed."""
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    shutil.copy(SEED, root / "a-seed.txt")
    (root / "b" / "deep" / "dated.md").write_text(DATELINED, encoding="utf-8")
    (root / "b" / "notes.csv").write_text("not,an,article\n", encoding="utf-8")
    (root / "b" / "empty.txt").write_text("  \n", encoding="utf-8")
    (root / "b" / "latin1.txt").write_bytes("Caf\xe9 owners said 3 shops closed.".encode("latin-1"))
    feed = root / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "w1", "text": UNDATED, "date": "2020-02-03", "title": "Vote", "source": "Wire"}) + "\n"
        + "{broken json\n"
        + "\n"
        + json.dumps({"id": 7, "text": DATELINED}) + "\n"
        + json.dumps({"id": "w3"}) + "\n",
        encoding="utf-8",
    )
    return root


def test_iter_items_walks_folders_recursively_by_extension_in_stable_order(corpus):
    items = list(iter_items([corpus]))
    ids = [i.id for i in items]
    base = corpus.as_posix()
    assert ids == [
        f"{base}/a-seed.txt", f"{base}/b/deep/dated.md", f"{base}/b/empty.txt", f"{base}/b/latin1.txt",
        "w1", f"{base}/feed.jsonl:2", "7", "w3",
    ]
    assert scanning.count_items([corpus]) == len(items)
    w1 = items[4]
    assert (w1.text, w1.date, w1.title, w1.source, w1.path) == (UNDATED, "2020-02-03", "Vote", "Wire", f"{base}/feed.jsonl:1")
    assert "not valid JSON" in items[5].error and "'text' is missing" in items[7].error


def test_iter_items_skips_done_ids_and_refuses_missing_paths(corpus, tmp_path):
    ids = [i.id for i in iter_items([corpus], skip={"w1", f"{corpus.as_posix()}/a-seed.txt"})]
    assert "w1" not in ids and f"{corpus.as_posix()}/a-seed.txt" not in ids and "7" in ids
    with pytest.raises(scanning.FactcheckError, match="no such file"):
        list(iter_items([tmp_path / "missing"]))
    with pytest.raises(scanning.FactcheckError, match="no such file"):
        scanning.count_items([corpus, tmp_path / "missing"])


def test_plain_progress_lines_report_rate_and_eta():
    import io

    stream = io.StringIO()
    progress = scanning.ScanProgress(4, stream=stream, tty=False, every=0.0)
    progress.update({"bytes": 1000, "error": None})
    progress.update({"bytes": 1000, "error": "is empty"})
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2 and lines[-1].startswith("scan: 2/4 articles (50%), ")
    assert "articles/s" in lines[-1] and "MB/s" in lines[-1] and "1 failed" in lines[-1] and "ETA" in lines[-1]


def test_bad_articles_are_reported_and_the_scan_goes_on(corpus):
    results = list(scan(iter_items([corpus], max_bytes=2000), ScanConfig(max_bytes=2000), jobs=1))
    by_id = {r["id"].rsplit("/", 1)[-1]: r for r in results}
    assert len(results) == 8
    assert "more than --max-bytes 2,000" in by_id["a-seed.txt"]["error"]  # the seed is 3 kB: "enormous" here
    assert "is empty" in by_id["empty.txt"]["error"]
    assert "not valid utf-8" in by_id["latin1.txt"]["error"]
    assert by_id["dated.md"]["error"] is None and by_id["dated.md"]["date"] == "2011-05-04"
    assert by_id["w1"]["date"] == "2020-02-03" and by_id["w1"]["date_basis"] == "the record's 'date' field"
    assert by_id["w1"]["title"] == "Vote" and by_id["w1"]["claims"] >= 1
    assert all(r["error_kind"] == "input" for r in results if r["error"])


def test_a_rule_that_raises_fails_only_that_article(monkeypatch):
    import factcheck.api

    real = factcheck.api.check

    def explode(extraction, *args, **kwargs):
        if "Monday" in extraction.doc.text:
            raise RuntimeError("rule blew up")
        return real(extraction, *args, **kwargs)

    monkeypatch.setattr(factcheck.api, "check", explode)
    items = [ScanItem("ok", "ok", text=DATELINED), ScanItem("bad", "bad", text=UNDATED), ScanItem("ok2", "ok2", text=DATELINED)]
    results = list(scan(items, ScanConfig(), jobs=1))
    assert [r["id"] for r in results] == ["ok", "bad", "ok2"]
    assert results[1]["error"] == "RuntimeError: rule blew up" and results[1]["error_kind"] == "crash"
    assert results[0]["error"] is None and results[2]["error"] is None


def test_result_carries_flags_with_line_and_column():
    result = scan_article(ScanItem("seed", "seed.txt", raw=SEED.read_bytes()), ScanConfig())
    assert result["claims"] > 0 and result["date"] is None
    tm02 = [f for f in result["flags"] if f["code"] == "TM02"]
    assert tm02 and tm02[0]["text"] == "On Friday" and (tm02[0]["line"], tm02[0]["column"]) == (3, 1)
    only_other = scan_article(ScanItem("seed", "seed.txt", raw=SEED.read_bytes()), ScanConfig(ignore=("TM02",)))
    assert not [f for f in only_other["flags"] if f["code"] == "TM02"]


def test_process_pool_gives_the_same_results_in_the_same_order(corpus):
    one = list(scan(iter_items([corpus]), ScanConfig(), jobs=1))
    two = list(scan(iter_items([corpus]), ScanConfig(), jobs=2))
    assert _without_timing(one) == _without_timing(two)


def test_in_flight_window_is_bounded():
    consumed = []

    def items():
        for i in range(100):
            consumed.append(i)
            yield i

    chunks = scanning._chunks(items(), 3)
    stream = scanning._in_order(chunks, submit=lambda chunk: chunk, collect=lambda done, chunk: done, window=4)
    assert next(stream) == 0 and len(consumed) == 12  # 4 chunks of 3 read ahead, no more
    assert list(stream) == list(range(1, 100))


@pytest.mark.skipif(__import__("multiprocessing").get_start_method() != "fork", reason="needs forked workers to inherit the patched check")
def test_a_worker_that_dies_fails_only_its_article(monkeypatch):
    import os

    import factcheck.api

    real = factcheck.api.check

    def die_on_marker(extraction, *args, **kwargs):
        if "KILLME" in extraction.doc.text:
            os._exit(1)  # what the OOM killer does to a worker
        return real(extraction, *args, **kwargs)

    monkeypatch.setattr(factcheck.api, "check", die_on_marker)  # workers are forked after this, so they inherit it
    items = [ScanItem(f"a{i}", f"a{i}", text=UNDATED if i != 5 else UNDATED + " KILLME") for i in range(20)]
    results = list(scanning._scan_processes(items, ScanConfig(), jobs=2))
    assert [r["id"] for r in results] == [f"a{i}" for i in range(20)]
    failed = [r["id"] for r in results if r["error"]]
    assert failed == ["a5"] and results[5]["error_kind"] == "crash"


def test_desk_layers_are_shipped_as_contents(tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text(
        "organisations:\n  - {id: 'desk:tias', name: Test Institute of Asian Studies, acronyms: [TIAS], aliases: [], wikidata: null}\n",
        encoding="utf-8",
    )
    config = ScanConfig.with_desk_files([desk])
    desk.unlink()  # a worker never reads the client's file
    assert scanning.knowledge_base_for(config).organisation("TIAS") is not None
    assert scanning.knowledge_base_for(ScanConfig()).organisation("TIAS") is None


def test_done_ids_cuts_a_half_written_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\n{"id": "b"}\n{"id": "c", "fl', encoding="utf-8")
    assert scanning.done_ids(out) == {"a": 1, "b": 1}
    assert out.read_text(encoding="utf-8") == '{"id": "a"}\n{"id": "b"}\n'


def test_summary_counts_and_tables():
    summary = scanning.ScanSummary()
    summary.add({"id": "a", "bytes": 10, "claims": 3, "seconds": 0.5, "error": None,
                 "flags": [{"code": "TM02", "severity": "warning"}, {"code": "TM02", "severity": "warning"}]})
    summary.add({"id": "b", "bytes": 5, "claims": None, "seconds": 0.0, "error": "is empty", "flags": []})
    assert (summary.articles, summary.failed, summary.claims) == (2, 1, 3)
    assert summary.flags[("TM02", "warning")] == 2 and summary.worst_severity().value == "warning"
    text = summary.render(1.0)
    assert "2 articles scanned (1 failed)" in text and "TM02" in text and "is empty" in text


def test_cli_scan_writes_jsonl_and_csv_and_exits_3_when_articles_failed(corpus, tmp_path):
    out, flags = tmp_path / "out.jsonl", tmp_path / "flags.csv"
    result = runner.invoke(app, ["scan", str(corpus), "--output", str(out), "--csv", str(flags), "--jobs", "2"])
    assert result.exit_code == 3, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 8 and sum(1 for x in lines if x["error"]) == 4
    assert "8 articles scanned (4 failed)" in result.stdout and "Failures (4)" in result.stdout
    rows = flags.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,path,line,column,code,severity") and any(",TM02,warning," in r for r in rows[1:])


def test_cli_scan_output_is_byte_stable_and_timings_are_opt_in(corpus, tmp_path):
    one, two, timed = tmp_path / "one.jsonl", tmp_path / "two.jsonl", tmp_path / "timed.jsonl"
    runner.invoke(app, ["scan", str(corpus), "--output", str(one), "--jobs", "1"])
    runner.invoke(app, ["scan", str(corpus), "--output", str(two), "--jobs", "2"])
    runner.invoke(app, ["scan", str(corpus), "--output", str(timed), "--jobs", "1", "--timings"])
    assert one.read_bytes() == two.read_bytes() and one.read_bytes()
    plain = [json.loads(x) for x in one.read_text(encoding="utf-8").splitlines()]
    with_time = [json.loads(x) for x in timed.read_text(encoding="utf-8").splitlines()]
    assert all("seconds" not in x for x in plain) and all(isinstance(x["seconds"], float) for x in with_time)
    assert [{k: v for k, v in x.items() if k != "seconds"} for x in with_time] == plain


def test_cli_scan_exit_codes_and_fail_on(tmp_path):
    shutil.copy(SEED, tmp_path / "seed.txt")
    assert runner.invoke(app, ["scan", str(tmp_path / "seed.txt"), "-j", "1"]).exit_code == 0
    assert runner.invoke(app, ["scan", str(tmp_path / "seed.txt"), "-j", "1", "--fail-on", "warning"]).exit_code == 1
    missing = runner.invoke(app, ["scan", str(tmp_path / "seed.txt"), str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.output and not (tmp_path / "o.jsonl").exists()


def test_cli_scan_refuses_to_clobber_and_resumes(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    feed = corpus / "feed.jsonl"
    out.write_text(json.dumps({"id": "w1"}) + "\n", encoding="utf-8")
    refused = runner.invoke(app, ["scan", str(feed), "--output", str(out)])
    assert refused.exit_code == 2 and "--resume" in refused.output
    resumed = runner.invoke(app, ["scan", str(feed), "--output", str(out), "--resume", "-j", "1"])
    ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["w1", f"{feed.as_posix()}:2", "7", "w3"], resumed.output
    assert "skipped as already in the output" in resumed.stdout
    again = runner.invoke(app, ["scan", str(feed), "--output", str(out), "--resume", "-j", "1"])
    assert again.exit_code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_dask_local_cluster_gives_identical_results_in_order(corpus):
    pytest.importorskip("distributed", reason="the Dask engine needs 'distributed' (pip install 'factcheck[dask]')")
    local = list(scan(iter_items([corpus]), ScanConfig(), jobs=1))
    on_dask = list(scan(iter_items([corpus]), ScanConfig(), jobs=2, engine="dask"))
    assert _without_timing(on_dask) == _without_timing(local)


def _profiler_enabled():
    import dask

    return dask.config.get("distributed.worker.profile.enabled")


def _scheduler_log_lengths(dask_scheduler):
    return {comm.recent_message_log.maxlen for comm in dask_scheduler.stream_comms.values()}


def test_dask_engine_keeps_message_logs_short_and_the_profiler_off(corpus, monkeypatch):
    # Long message logs kept every chunk's article text alive in the client and scheduler (memory grew with the
    # corpus); the stack profiler cost the workers CPU. Both are set where the scan makes its client and cluster.
    distributed = pytest.importorskip("distributed", reason="the Dask engine needs 'distributed' (pip install 'factcheck[dask]')")
    seen = {}

    class Recording(distributed.Client):
        def close(self, *args, **kwargs):
            if seen:  # Client.__del__ closes again, after the loop has stopped
                return super().close(*args, **kwargs)
            seen["client log"] = self.scheduler_comm.recent_message_log.maxlen
            seen["scheduler logs"] = self.run_on_scheduler(_scheduler_log_lengths)
            seen["worker profiler"] = set(self.run(_profiler_enabled).values())
            return super().close(*args, **kwargs)

    monkeypatch.setattr(distributed, "Client", Recording)
    results = list(scan(iter_items([corpus]), ScanConfig(), jobs=2, engine="dask"))
    assert len(results) == len(list(iter_items([corpus])))
    assert seen["client log"] == 16
    assert seen["scheduler logs"] == {16}
    assert seen["worker profiler"] == {False}
