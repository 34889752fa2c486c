"""CPU cost of the FIRST review in a fresh process, broken down: package import, default-KB load, the first
``api.analyse`` of an article (which builds the KB's lazy indexes) and a second ``analyse`` of the same article
(the review itself, indexes built); "first-use indexes" is their difference. Also the CPU of a whole
``factcheck review ARTICLE`` process (user + system, from the child's rusage).

Each figure is the median of ROUNDS fresh processes. To compare two checkouts, run this alternately with each on
the path (the machine drifts; CPU seconds only side by side), e.g.

    PYTHONPATH=/tmp/base python bench/first_review.py seeds/japan-central-asia-summit.txt
    PYTHONPATH=$PWD python bench/first_review.py seeds/japan-central-asia-summit.txt

With --instructions, callgrind's instruction counts per stage instead (load-independent; a few minutes).

Usage:  python bench/first_review.py ARTICLE [--rounds N] [--no-cli] [--instructions]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# Run in a fresh interpreter: prints one JSON object of CPU seconds per stage.
# argv: ARTICLE [STAGES]: STAGES (1-4) stops after that many stages, for the instruction counts.
_STAGES = r"""
import json, sys, time
stages = int(sys.argv[2]) if len(sys.argv) > 2 else 4
c0 = time.process_time()
import factcheck.api as api
from factcheck.article import load_article
c1 = time.process_time()
if stages > 1:
    from factcheck.kb import default_kb
    kb = default_kb()
c2 = time.process_time()
if stages > 2:
    article = load_article(sys.argv[1])
    api.analyse(article, kb=kb)
c3 = time.process_time()
if stages > 3:
    api.analyse(article, kb=kb)
c4 = time.process_time()
print(json.dumps({"import": c1 - c0, "kb_load": c2 - c1, "first_analyse": c3 - c2, "second_analyse": c4 - c3,
                  "package": api.__file__.rsplit("/factcheck/", 1)[0]}))
"""
_ORDER = ["import", "kb_load", "first_analyse", "second_analyse"]


# `python -c` puts the working directory first on sys.path: run from a neutral one, so that PYTHONPATH picks
# the checkout measured.
_NEUTRAL = tempfile.gettempdir()


def stages(article: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _STAGES, str(article)], capture_output=True, text=True, check=True, cwd=_NEUTRAL
    ).stdout
    got = json.loads(out.strip().splitlines()[-1])
    got["first_use_indexes"] = got["first_analyse"] - got["second_analyse"]
    return got


def instructions(article: Path) -> dict[str, float]:
    """Instructions (callgrind) of each stage: four runs at once stopping after 1, 2, 3 and 4 stages, differenced.
    Load-independent, unlike CPU seconds; each run takes a minute or two."""
    with tempfile.TemporaryDirectory() as tmp:
        runs = [
            subprocess.Popen(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.{n}", sys.executable, "-c", _STAGES,
                 str(article), str(n)],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=_NEUTRAL,
            )
            for n in range(1, 5)
        ]
        counts = []
        for run in runs:
            _, err = run.communicate()
            found = re.search(r"Collected : (\d+)", err)
            if run.returncode or not found:
                raise SystemExit(f"callgrind failed (exit {run.returncode}):\n{err[-2000:]}")
            counts.append(int(found.group(1)))
    got = {key: (b - a) / 1e9 for key, a, b in zip(_ORDER, [0, *counts], counts)}
    got["first_use_indexes"] = got["first_analyse"] - got["second_analyse"]
    got["total"] = counts[2] / 1e9  # a process that imports, loads the KB and reviews once
    return got


def cli_cpu(article: Path) -> float:
    """CPU seconds (user + system) of one `factcheck review ARTICLE` process, writing into a scratch project."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / article.name
        target.write_bytes(article.read_bytes())
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [sys.executable, "-m", "factcheck.cli", "review", str(target)],
            cwd=tmp,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", "")},
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("article", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-cli", action="store_true", help="skip the whole `factcheck review` process figure")
    ap.add_argument("--instructions", action="store_true", help="count instructions (callgrind) instead of CPU")
    args = ap.parse_args()
    article = args.article.resolve()
    if args.instructions:
        got = instructions(article)
        for key in ["import", "kb_load", "first_analyse", "first_use_indexes", "second_analyse", "total"]:
            print(f"{key:18s} {got[key]:6.3f} G instructions")
        return
    runs = [stages(article) for _ in range(args.rounds)]
    print(f"checkout          {runs[0].pop('package')}")
    for r in runs[1:]:
        r.pop("package")
    order = ["import", "kb_load", "first_analyse", "first_use_indexes", "second_analyse"]
    for key in order:
        values = [r[key] for r in runs]
        print(f"{key:18s} {statistics.median(values):6.3f} CPU s (median of {len(values)}; min {min(values):.3f})")
    if not args.no_cli:
        cli = [cli_cpu(article) for _ in range(args.rounds)]
        print(f"{'factcheck review':18s} {statistics.median(cli):6.3f} CPU s (whole process; min {min(cli):.3f})")


if __name__ == "__main__":
    main()
