"""Extraction throughput: segmentation + extraction, the full review with all rules, and the review end to end.

Usage:
    .venv/bin/python bench/extract_bench.py PATH/TO/bbc_2004_2005 [--seed-runs 30] [--synthetic-mb 10] [--tracemalloc] [--profile N]

Prints, for the corpus (every *.txt under the path, read into memory first so disk time is not counted):
MB/s (UTF-8 bytes) and articles/s, by wall clock and by CPU time (fair on a busy machine), for extraction alone, for extraction + every rule
("full review") and for the review end to end as ``factcheck review``/``scan`` run it (``api.analyse``: also the
registry model, spans validated; no file written); peak memory (ru_maxrss of this process); the warm latency of the seed (median of N runs after a warm-up); and time + peak memory of a
synthetic article of about 10 MB made in memory by joining corpus texts (run in a child process so its
ru_maxrss is its own; ``--tracemalloc`` adds the traced peak, at a cost in time). ``--profile N`` prints the top N cProfile entries for
the extraction pass instead of the figures; ``--per-rule`` prints the CPU time of each rule over the corpus
(extraction done beforehand, each rule run alone through ``check``, so each figure includes the per-article cost
of the context and of attaching flags, shown as "none").
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "japan-central-asia-summit.txt"


def _load_corpus(path: Path) -> list[str]:
    files = sorted(p for p in path.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    # The BBC files are Latin-1 in places; decode leniently, this measures extraction, not loading.
    return [p.read_bytes().decode("utf-8", errors="replace") for p in files]


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _run(texts: list[str], full: bool | str, kb) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for extracting (and with ``full`` checking) every text;
    ``full="analyse"``: the whole review as ``factcheck review`` and ``factcheck scan`` run it (``api.analyse``:
    extraction, every rule, the registry model with its spans validated)."""
    from factcheck.api import analyse
    from factcheck.article import article_from_text
    from factcheck.pipeline import check, extract

    t, c = time.perf_counter(), time.process_time()
    if full == "analyse":
        for text in texts:
            analyse(article_from_text(text), kb=kb)
    else:
        for text in texts:
            ex = extract(article_from_text(text), kb=kb)
            if full:
                check(ex, kb=kb)
    return time.perf_counter() - t, time.process_time() - c


def _per_rule(texts: list[str], kb) -> None:
    from factcheck.article import article_from_text
    from factcheck.pipeline import check, extract
    from factcheck.rules import all_rules

    extractions = [extract(article_from_text(text), kb=kb) for text in texts]

    def cpu(rules) -> float:
        c = time.process_time()
        for ex in extractions:
            check(ex, rules, kb=kb)
        return time.process_time() - c

    print(f"{len(texts)} articles, CPU seconds of check():")
    print(f"  all rules {cpu(None):.3f}")
    for rule in [*all_rules(), None]:
        print(f"  {rule.code if rule else 'none'} {cpu([rule] if rule else []):.3f}")


def _synthetic(corpus: str, megabytes: float, trace: bool) -> None:
    """Child process: build the synthetic article, review it, print JSON figures."""
    from factcheck.article import article_from_text
    from factcheck.pipeline import check, default_knowledge_base, extract

    kb = default_knowledge_base()
    texts = _load_corpus(Path(corpus))
    parts, size, i = [], 0, 0
    target = int(megabytes * 1024 * 1024)
    while size < target:
        body = texts[i % len(texts)]
        parts.append(body)
        size += len(body.encode("utf-8")) + 2
        i += 1
    text = "\n\n".join(parts)
    del texts, parts
    rss_before = _maxrss_mb()
    if trace:  # tracemalloc's own bookkeeping slows the run and inflates ru_maxrss: off unless asked for
        tracemalloc.start()
    t, c = time.perf_counter(), time.process_time()
    ex = extract(article_from_text(text), kb=kb)
    t_extract = time.perf_counter() - t
    claims = check(ex, kb=kb)
    t_full, c_full = time.perf_counter() - t, time.process_time() - c
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    print(json.dumps({
        "mb": len(text.encode("utf-8")) / 1e6, "articles_joined": i, "claims": len(claims),
        "extract_s": t_extract, "full_s": t_full, "full_cpu_s": c_full, "tracemalloc_peak_mb": peak / 1e6,
        "maxrss_before_mb": rss_before, "maxrss_mb": _maxrss_mb(),
    }))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--seed-runs", type=int, default=30)
    ap.add_argument("--synthetic-mb", type=float, default=10.0)
    ap.add_argument("--profile", type=int, default=0)
    ap.add_argument("--full-profile", action="store_true", help="profile the full review, not extraction only")
    ap.add_argument("--per-rule", action="store_true", help="CPU time of each rule alone over the corpus")
    ap.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations in the synthetic run")
    ap.add_argument("--synthetic-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.synthetic_child:
        _synthetic(str(args.corpus), args.synthetic_mb, args.tracemalloc)
        return

    from factcheck.article import article_from_text
    from factcheck.pipeline import check, default_knowledge_base, extract

    t = time.perf_counter()
    kb = default_knowledge_base()
    kb_s = time.perf_counter() - t
    texts = _load_corpus(args.corpus)
    if not texts:
        sys.exit(f"no .txt articles under {args.corpus}")
    mb = sum(len(x.encode("utf-8")) for x in texts) / 1e6
    _run(texts[:20], True, kb)  # warm-up: compiled patterns, lazy KB indexes

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        _run(texts, args.full_profile, kb)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.profile)
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
        return

    if args.per_rule:
        _per_rule(texts, kb)
        return

    print(f"corpus: {len(texts)} articles, {mb:.2f} MB (UTF-8), default KB load {kb_s:.2f} s; one process (one core)")
    modes = (("segmentation + extraction", False), ("full review (all rules)  ", True), ("review end to end (analyse)", "analyse"))
    for label, full in modes:
        wall, cpu = _run(texts, full, kb)
        print(f"  {label}: wall {wall:.2f} s  {mb / wall:.2f} MB/s  {len(texts) / wall:.0f} articles/s | "
              f"CPU {cpu:.2f} s  {mb / cpu:.2f} MB/s  {len(texts) / cpu:.0f} articles/s")
    print(f"  peak memory (ru_maxrss, whole process incl. KB): {_maxrss_mb():.0f} MB")

    seed = article_from_text(SEED.read_text(encoding="utf-8"), path=str(SEED))
    for _ in range(3):
        check(extract(seed, kb=kb), kb=kb)
    ext, full = [], []
    for _ in range(args.seed_runs):
        t = time.perf_counter()
        ex = extract(seed, kb=kb)
        ext.append(time.perf_counter() - t)
        check(ex, kb=kb)
        full.append(time.perf_counter() - t)
    print(f"seed warm latency (median of {args.seed_runs}): extraction {statistics.median(ext) * 1000:.1f} ms, "
          f"full review {statistics.median(full) * 1000:.1f} ms")

    if args.synthetic_mb <= 0:
        return
    child = [sys.executable, __file__, str(args.corpus), "--synthetic-child", "--synthetic-mb", str(args.synthetic_mb)]
    out = subprocess.run(
        child + (["--tracemalloc"] if args.tracemalloc else []),
        capture_output=True, text=True,
    )
    if out.returncode != 0:
        print(f"synthetic: FAILED\n{out.stderr[-2000:]}")
        sys.exit(1)
    r = json.loads(out.stdout)
    print(f"synthetic {r['mb']:.1f} MB article ({r['articles_joined']} texts joined, {r['claims']} claims): "
          f"extraction {r['extract_s']:.1f} s, full review {r['full_s']:.1f} s wall / {r['full_cpu_s']:.1f} s CPU "
          f"({r['mb'] / r['full_cpu_s']:.2f} MB/s CPU); "
          + (f"tracemalloc peak {r['tracemalloc_peak_mb']:.0f} MB, " if args.tracemalloc else "")
          + f"ru_maxrss {r['maxrss_mb']:.0f} MB "
          f"(before the run {r['maxrss_before_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
