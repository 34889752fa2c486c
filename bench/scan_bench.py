"""Benchmark `factcheck scan`: throughput and peak memory of the whole process tree, local and Dask engines.

    python bench/scan_bench.py ../shared/data/articles [--repeat-mb 50] [--skip-repeat-1-job] [--rounds 3]

ARTICLES is a folder holding bbc_2004_2005/<category>/*.txt and polnear_train/text/*.txt (other folders: every
.txt/.md under it). Runs the full review (all rules, default KB) over the corpus with 1 and 2 jobs and on a
2-worker Dask LocalCluster, then over the same corpus repeated into a temporary JSON Lines file of at least
--repeat-mb MB (deleted afterwards), and prints a Markdown table. Memory is sampled every 0.1 s with psutil:
the sum of RSS over the scanning process and all its descendants (peak), and the largest single process (peak).
Each run is a fresh Python process, so none inherits another's imports or freed memory. --rounds N then runs
1 job, 2 jobs and Dask on the repeated corpus N times in turn and prints each round's ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from factcheck.scan import ScanConfig, iter_items, scan


def corpus_paths(root: Path) -> list[Path]:
    """The article folders under the shared data root (README/PROVENANCE files left out)."""
    bbc, polnear = root / "bbc_2004_2005", root / "polnear_train" / "text"
    paths = sorted(p for p in bbc.iterdir() if p.is_dir()) if bbc.is_dir() else []
    if polnear.is_dir():
        paths.append(polnear)
    return paths or [root]


class TreeMemory:
    """Peak RSS of this process plus descendants, sampled on a thread."""

    def __init__(self, interval: float = 0.1):
        self.interval, self.peak_total, self.peak_single, self.peak_workers = interval, 0, 0, 0
        self.peak_main = self.peak_child = 0
        self._cpu: dict[int, float] = {}  # pid -> last seen user+system seconds (descendants; this process apart)
        self._own_cpu_at_start = sum(psutil.Process().cpu_times()[:2])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            procs = [me]
            try:
                procs += me.children(recursive=True)
            except psutil.Error:
                pass
            rss = []
            for p in procs:
                try:
                    rss.append(p.memory_info().rss)
                    if p.pid != me.pid:
                        self._cpu[p.pid] = sum(p.cpu_times()[:2])
                except psutil.Error:
                    pass
            self.peak_total = max(self.peak_total, sum(rss))
            if rss:
                self.peak_main = max(self.peak_main, rss[0])
                self.peak_child = max(self.peak_child, max(rss[1:], default=0))
            self.peak_single = max(self.peak_single, max(rss, default=0))
            self.peak_workers = max(self.peak_workers, len(procs))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        # CPU seconds spent by the scan: this process plus every descendant (last sample, up to 0.1 s short each)
        self.cpu_seconds = sum(psutil.Process().cpu_times()[:2]) - self._own_cpu_at_start + sum(self._cpu.values())


def run(label: str, paths: list[Path], *, jobs: int, engine: str = "local") -> dict:
    """One measured scan in a fresh Python process, so no run inherits another's imports or freed memory."""
    spec = json.dumps({"label": label, "paths": [str(p) for p in paths], "jobs": jobs, "engine": engine})
    done = subprocess.run([sys.executable, __file__, "-", "--one-run", spec], check=True, stdout=subprocess.PIPE, text=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(row), flush=True)
    return row


def measure(label: str, paths: list[Path], *, jobs: int, engine: str = "local") -> dict:
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    articles = failed = size = flags = 0
    first_at, first_size = None, 0
    with TreeMemory() as memory:
        for result in scan(iter_items(paths), ScanConfig(), jobs=jobs, engine=engine):
            if first_at is None:  # start-up (pool, cluster, KB) is over once the first result is back
                first_at, first_size = time.perf_counter(), result["bytes"]
            articles += 1
            failed += bool(result["error"])
            size += result["bytes"]
            flags += len(result["flags"])
    ended = time.perf_counter()
    seconds = ended - started
    row = {
        "run": label, "jobs": jobs, "engine": engine, "articles": articles, "failed": failed, "flags": flags,
        "MB": size / 1e6, "seconds": seconds, "articles_per_s": articles / seconds, "MB_per_s": size / 1e6 / seconds,
        "startup_s": first_at - started, "steady_MB_per_s": (size - first_size) / 1e6 / (ended - first_at),
        "cpu_seconds": memory.cpu_seconds, "MB_per_cpu_s": size / 1e6 / memory.cpu_seconds,
        "load_before": load_before, "load_after": os.getloadavg()[0],
        "peak_tree_MB": memory.peak_total / 1e6, "peak_process_MB": memory.peak_single / 1e6,
        "peak_main_MB": memory.peak_main / 1e6, "peak_worker_MB": memory.peak_child / 1e6, "processes": memory.peak_workers,
    }
    return row


def repeated_jsonl(paths: list[Path], target_mb: float, folder: Path) -> Path:
    """The corpus as JSON Lines, repeated (with fresh ids) until it holds at least target_mb of article text."""
    out = folder / "repeated.jsonl"
    texts = [(item.id, item.raw.decode("utf-8", "replace")) for item in iter_items(paths) if item.raw]
    written, copy = 0, 0
    with open(out, "w", encoding="utf-8") as handle:
        while written < target_mb * 1e6:
            for item_id, text in texts:
                handle.write(json.dumps({"id": f"{copy}:{item_id}", "text": text}, ensure_ascii=False) + "\n")
                written += len(text.encode("utf-8"))
            copy += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--repeat-mb", type=float, default=50.0)
    parser.add_argument("--rounds", type=int, default=0, help="Then run 1 job, 2 jobs and Dask on the repeated corpus this many times, in turn, and print each round's 2-job speed-up and Dask/--jobs 2 ratio (the machine's speed drifts by ~10%% over minutes; runs side by side compare fairer than runs far apart).")
    parser.add_argument("--skip-repeat-1-job", action="store_true", help="Do not run the repeated corpus with 1 job (the slowest run).")
    parser.add_argument("--one-run", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        spec = json.loads(args.one_run)
        row = measure(spec["label"], [Path(p) for p in spec["paths"]], jobs=spec["jobs"], engine=spec["engine"])
        print(json.dumps(row), flush=True)
        return
    paths = corpus_paths(args.articles)
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}", flush=True)
    rows = [run("corpus", paths, jobs=1), run("corpus", paths, jobs=2)]
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as folder:
        big = repeated_jsonl(paths, args.repeat_mb, Path(folder))
        if not args.skip_repeat_1_job:
            rows.append(run(f"corpus repeated to {args.repeat_mb:.0f} MB", [big], jobs=1))
        rows.append(run(f"corpus repeated to {args.repeat_mb:.0f} MB", [big], jobs=2))
        rows.append(run("corpus", paths, jobs=2, engine="dask"))
        # On the large corpus the cluster's start-up is amortised, as on a real sweep.
        rows.append(run(f"corpus repeated to {args.repeat_mb:.0f} MB", [big], jobs=2, engine="dask"))
        rounds = []
        for index in range(args.rounds):
            label = f"round {index + 1}"
            rounds.append((run(label, [big], jobs=1), run(label, [big], jobs=2), run(label, [big], jobs=2, engine="dask")))
    print("\n| run | engine | jobs | articles | failed | MB | s | articles/s | MB/s | start-up s | MB/s after start-up | CPU s | MB per CPU s | load avg before/after | peak RSS, process tree | peak RSS, main process | peak RSS, largest child |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['run']} | {r['engine']} | {r['jobs']} | {r['articles']} | {r['failed']} | {r['MB']:.1f} | {r['seconds']:.1f} | "
            f"{r['articles_per_s']:.1f} | {r['MB_per_s']:.3f} | {r['startup_s']:.1f} | {r['steady_MB_per_s']:.3f} | {r['cpu_seconds']:.1f} | {r['MB_per_cpu_s']:.3f} | {r['load_before']:.1f}/{r['load_after']:.1f} | {r['peak_tree_MB']:.0f} MB ({r['processes']} proc) | {r['peak_main_MB']:.0f} MB | {r['peak_worker_MB']:.0f} MB |"
        )

    if rounds:
        print("\n| round | 1 job s | 2 jobs s | 2 jobs ÷ 1 job (MB/s) | Dask s | Dask ÷ --jobs 2 (MB/s) | CPU s: 1 job / 2 jobs / Dask |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        speedups, ratios = [], []
        for index, (one, two, dask) in enumerate(rounds, 1):
            speedups.append(two["MB_per_s"] / one["MB_per_s"])
            ratios.append(dask["MB_per_s"] / two["MB_per_s"])
            print(
                f"| {index} | {one['seconds']:.1f} | {two['seconds']:.1f} | {speedups[-1]:.3f} | {dask['seconds']:.1f} | {ratios[-1]:.3f} | "
                f"{one['cpu_seconds']:.1f} / {two['cpu_seconds']:.1f} / {dask['cpu_seconds']:.1f} |"
            )
        for name, values in (("2 jobs speed-up over 1 job", speedups), ("Dask throughput relative to --jobs 2", ratios)):
            print(f"\n{name}: median {sorted(values)[len(values) // 2]:.3f}, range {min(values):.3f}-{max(values):.3f}")

if __name__ == "__main__":
    main()
