"""CPU-second ratio of two checkouts' full reviews, measured in alternated processes: the figure to read on a machine
whose speed drifts (on our shared 2-core box the same checkout's CPU seconds move by up to 75% within minutes).

Usage (from any checkout; each run loads its package and bench from the checkout it measures):
    .venv/bin/python bench/cpu_ratio.py BASE CANDIDATE ../shared/data/articles/bbc_2004_2005 [--rounds 10]

Each round runs ``bench/full_review_cpu.py`` once per checkout in its own process (the order flips every round,
ABBA, so a drift within a round falls on both sides alike) and prints candidate/base for the round. The median
ratio over the rounds is the figure; the quartiles show how far to trust it. Scaled speed: a base that reviews at
1.0 MB per CPU-second on the reference machine puts the candidate at 1 / ratio.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("full_review_cpu.py")
_CPU = re.compile(r"CPU ([0-9.]+) s")


def cpu_seconds(checkout: Path, corpus: Path) -> float:
    """One full review of the corpus by ``checkout``, in a fresh process: its CPU seconds."""
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(checkout), str(corpus)],
        env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = _CPU.search(out)
    if found is None:
        raise SystemExit(f"{checkout}: no CPU figure in the output of {SCRIPT.name}:\n{out}")
    return float(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("candidate", type=Path)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    base, candidate = args.base.resolve(), args.candidate.resolve()
    ratios = []
    for round_no in range(args.rounds):
        order = [(base, "base"), (candidate, "candidate")]
        if round_no % 2:
            order.reverse()
        cpu = {label: cpu_seconds(checkout, args.corpus) for checkout, label in order}
        ratios.append(cpu["candidate"] / cpu["base"])
        print(
            f"round {round_no + 1}: base {cpu['base']:.2f} s, candidate {cpu['candidate']:.2f} s, "
            f"ratio {ratios[-1]:.3f}",
            flush=True,
        )
    q1, median, q3 = statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1 else (ratios[0],) * 3
    print(
        f"candidate/base over {len(ratios)} rounds: median {median:.3f} (quartiles {q1:.3f}-{q3:.3f}); "
        f"scaled from a 1.0 MB/s base: {1 / median:.2f} MB/s per CPU-second"
    )


if __name__ == "__main__":
    main()
