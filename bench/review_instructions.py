"""Instructions executed by the full review of N articles, counted by valgrind's callgrind: a speed figure that
does not drift with the machine's load (CPU seconds here vary by 10-25% within minutes).

Usage (the package comes from CHECKOUT, so it runs against any commit, e.g. the round's base):
    .venv/bin/python bench/review_instructions.py CHECKOUT ../shared/data/articles/bbc_2004_2005 [--articles 300]

Runs CHECKOUT's ``bench/extract_bench.py`` under callgrind twice, side by side: once loading the KB and warming up on the first
20 articles, once doing the same and then reviewing every 6th of the following articles (up to --articles). The
difference of the two counts is the review's own cost. Callgrind does not see cache misses, so read the count
beside CPU seconds (``bench/full_review_cpu.py``), not instead of them. Each run takes a minute or two.
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
checkout, corpus, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
spec = importlib.util.spec_from_file_location("extract_bench", checkout + "/bench/extract_bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
from factcheck.pipeline import default_knowledge_base
kb = default_knowledge_base()
texts = bench._load_corpus(Path(corpus))
bench._run(texts[:20], True, kb)
if n:
    bench._run(texts[20::6][:n], True, kb)
"""


def _start(checkout: Path, corpus: Path, articles: int, work: Path) -> subprocess.Popen[str]:
    runner = work / "runner.py"
    runner.write_text(_RUNNER, encoding="utf-8")
    out = work / f"callgrind.{articles}.out"
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    return subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, str(runner),
         str(checkout), str(corpus), str(articles)],
        cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def _count(run: subprocess.Popen[str]) -> int:
    _, err = run.communicate()
    found = re.search(r"Collected : (\d+)", err)
    if run.returncode or not found:
        raise SystemExit(f"callgrind failed (exit {run.returncode}):\n{err[-2000:]}")
    return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args()
    checkout, corpus = args.checkout.resolve(), args.corpus.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        # both at once: the counts do not depend on load, and the pair takes half the wall time
        runs = [_start(checkout, corpus, n, Path(tmp)) for n in (0, args.articles)]
        base, full = map(_count, runs)
    print(f"{checkout}: {(full - base) / 1e9:.3f} G instructions for {args.articles} articles "
          f"(load and warm-up {base / 1e9:.3f} G, subtracted)")


if __name__ == "__main__":
    main()
