"""CPU seconds of the full review over a corpus, exactly as ``bench/extract_bench.py`` measures its "full review
(all rules)" line, without the other passes: for comparing checkouts side by side on a busy machine.

Usage (the package and the bench come from CHECKOUT, so it runs against any commit, e.g. a round's base):
    cd CHECKOUT && PYTHONPATH=$PWD .venv/bin/python /path/to/full_review_cpu.py CHECKOUT PATH/TO/ARTICLES

Loads CHECKOUT's ``bench/extract_bench.py`` and calls its ``_load_corpus``, its 20-article warm-up and its ``_run``
(extract + check per article, CPU time of this process); prints one line with the CPU seconds, MB/s per
CPU-second, wall seconds and peak memory.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def main() -> None:
    checkout, corpus = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    spec = importlib.util.spec_from_file_location("extract_bench", checkout / "bench" / "extract_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    from factcheck.pipeline import default_knowledge_base

    kb = default_knowledge_base()
    texts = bench._load_corpus(corpus)
    mb = sum(len(x.encode("utf-8")) for x in texts) / 1e6
    bench._run(texts[:20], True, kb)  # the same warm-up as extract_bench
    wall, cpu = bench._run(texts, True, kb)
    print(f"full review: CPU {cpu:.2f} s {mb / cpu:.2f} MB/s (wall {wall:.1f} s), peak rss {bench._maxrss_mb():.0f} MB")


if __name__ == "__main__":
    main()
