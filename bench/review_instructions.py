"""Instructions executed by the full review of N articles, counted by valgrind's callgrind: a speed figure that
does not drift with the machine's load (CPU seconds here vary by 10-25% within minutes).

Usage (the package comes from CHECKOUT, so it runs against any commit, e.g. the round's base):
    .venv/bin/python bench/review_instructions.py CHECKOUT ../shared/data/articles/bbc_2004_2005 [--articles 300]
    .venv/bin/python bench/review_instructions.py CHECKOUT ../shared/data/articles/bbc_2004_2005 --memory /tmp/mem10k

Runs CHECKOUT's ``bench/extract_bench.py`` under callgrind twice, side by side: once loading the KB and warming up on the first
20 articles (the last replaced by a sentence with two misspelt leaders, so lazily built near-miss indexes are built
in the warm-up), once doing the same and then reviewing every 6th of the following articles (up to --articles). The
difference of the two counts is the review's own cost. With ``--memory FOLDER`` (a desk memory's index, e.g. the
10,000 records ``bench/mm01_cost.py`` builds), every article goes through ``api.analyse`` as ``factcheck review``
runs it, and a third run reviews the same articles with that memory opened: the count it adds is the memory's
share (MM01) of the review. Callgrind does not see cache misses, so read the count
beside CPU seconds (``bench/full_review_cpu.py``), not instead of them. Each run takes a minute or two.

With ``--cache``, cachegrind simulates the caches instead (a few times slower: use --articles 150): it prints the
review's L1 misses and the misses of a 1 MB last level (about this machine's L2; cachegrind simulates two levels),
and an estimate of cycles, Ir + 10 x L1 misses + 40 x last-level misses, which counts what memory adds to the
instructions (docs/bench/s11lead.md). Like instructions, the counts do not drift with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# What each callgrind run executes: CHECKOUT's own bench helpers, so an old commit is measured as it was.
_RUNNER = """
import importlib.util, sys
from pathlib import Path
checkout, corpus, n, memory_folder = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
spec = importlib.util.spec_from_file_location("extract_bench", checkout + "/bench/extract_bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
from factcheck.pipeline import default_knowledge_base
kb = default_knowledge_base()
texts = bench._load_corpus(Path(corpus))
# Two misspelt leaders in the warm-up: the first near-miss search builds the KB's fuzzy person index (a one-off cost
# of about 0.4 G, once per process), which the corpus's first 20 articles may not reach; built here it is subtracted.
texts[:20] = [*texts[:19], "French President Jacques Chirak met British Prime Minister Tony Blairr on Monday."]
if memory_folder == "-":
    bench._run(texts[:20], True, kb)
    if n:
        bench._run(texts[20::6][:n], True, kb)
else:
    from factcheck.api import analyse
    from factcheck.article import article_from_text
    from factcheck.memory.index import load_index
    from factcheck.memory.store import Memory
    use = Memory(load_index(Path(memory_folder.lstrip("+"))), kb.country_surface_forms())
    for text in texts[:20]:  # warm-up with the memory in every run, so opening it is subtracted too
        analyse(article_from_text(text), kb=kb, memory=use)
    use = use if memory_folder.startswith("+") else None
    for text in texts[20::6][:n]:
        analyse(article_from_text(text), kb=kb, memory=use)
"""


# cachegrind's last level: 1 MB (this machine's L2 is 512 KB a core, its L3 32 MB shared)
_CACHE_TOOL = ["--tool=cachegrind", "--cache-sim=yes", "--LL=1048576,16,64"]
_CACHE_LINES = {"Ir": r"I\s+refs:\s+([\d,]+)", "I1": r"I1\s+misses:\s+([\d,]+)", "D1": r"D1\s+misses:\s+([\d,]+)",
                "LL": r"LL misses:\s+([\d,]+)"}


def _start(checkout: Path, corpus: Path, articles: int, work: Path, memory: str = "-",
           cache: bool = False) -> subprocess.Popen[str]:
    """A callgrind run of ``articles`` articles (a cachegrind one with ``cache``); ``memory``: "-" the plain review,
    FOLDER: api.analyse with the memory opened in the warm-up only, +FOLDER: with it in the measured reviews too."""
    runner = work / "runner.py"
    runner.write_text(_RUNNER, encoding="utf-8")
    out = work / f"grind.{articles}.{memory.startswith('+')}.out"
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    tool = [*_CACHE_TOOL, f"--cachegrind-out-file={out}"]
    if not cache:
        tool = ["--tool=callgrind", f"--callgrind-out-file={out}"]
    return subprocess.Popen(
        ["valgrind", *tool, sys.executable, str(runner), str(checkout), str(corpus), str(articles), memory],
        cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def _count(run: subprocess.Popen[str]) -> int:
    _, err = run.communicate()
    found = re.search(r"Collected : (\d+)", err)
    if run.returncode or not found:
        raise SystemExit(f"callgrind failed (exit {run.returncode}):\n{err[-2000:]}")
    return int(found.group(1))


def _cache_counts(run: subprocess.Popen[str]) -> dict[str, int]:
    _, err = run.communicate()
    found = {k: re.search(p, err) for k, p in _CACHE_LINES.items()}
    if run.returncode or not all(found.values()):
        raise SystemExit(f"cachegrind failed (exit {run.returncode}):\n{err[-2000:]}")
    return {k: int(m.group(1).replace(",", "")) for k, m in found.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--memory", type=Path, help="a desk memory's index folder: also count the review with it")
    ap.add_argument("--cache", action="store_true", help="simulate the caches (cachegrind): misses and cycles")
    args = ap.parse_args()
    checkout, corpus = args.checkout.resolve(), args.corpus.resolve()
    if args.cache:
        with tempfile.TemporaryDirectory() as tmp:
            runs = [_start(checkout, corpus, n, Path(tmp), cache=True) for n in (0, args.articles)]
            base, full = map(_cache_counts, runs)
        d = {k: full[k] - base[k] for k in full}
        cycles = d["Ir"] + 10 * (d["I1"] + d["D1"]) + 40 * d["LL"]
        print(f"{checkout}: {args.articles} articles: {d['Ir'] / 1e9:.3f} G instructions, L1 misses "
              f"{(d['I1'] + d['D1']) / 1e6:.1f} M (instructions {d['I1'] / 1e6:.1f} M), 1 MB-level misses "
              f"{d['LL'] / 1e6:.2f} M; estimated cycles {cycles / 1e9:.3f} G")
        return
    if args.memory:
        folder = str(args.memory.resolve())
        with tempfile.TemporaryDirectory() as tmp:
            runs = [_start(checkout, corpus, n, Path(tmp), m) for n, m in
                    ((0, folder), (args.articles, folder), (args.articles, "+" + folder))]
            base, plain, remembered = map(_count, runs)
        print(f"{checkout}: api.analyse of {args.articles} articles: {(plain - base) / 1e9:.3f} G instructions "
              f"without a memory, {(remembered - base) / 1e9:.3f} G with {args.memory} "
              f"(+{100 * (remembered - plain) / (plain - base):.1f}%)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        # both at once: the counts do not depend on load, and the pair takes half the wall time
        runs = [_start(checkout, corpus, n, Path(tmp)) for n in (0, args.articles)]
        base, full = map(_count, runs)
    print(f"{checkout}: {(full - base) / 1e9:.3f} G instructions for {args.articles} articles "
          f"(load and warm-up {base / 1e9:.3f} G, subtracted)")


if __name__ == "__main__":
    main()
