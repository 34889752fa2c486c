"""Instructions executed by ``pipeline.check`` alone (the rules, their context and attaching the flags), counted
by valgrind's callgrind: the rules' share of a review, which does not drift with the machine's load.

Usage (the package comes from CHECKOUT, so it runs against any commit):
    .venv/bin/python bench/check_instructions.py CHECKOUT ../shared/data/articles/bbc_2004_2005 [--articles 60]
    .venv/bin/python bench/check_instructions.py CHECKOUT ../shared/data/articles/bbc_2004_2005 --per-rule

One callgrind run with instrumentation off until the articles are extracted: it loads the KB, warms up on the
first 20 articles (as ``bench/review_instructions.py`` does, the last replaced by a sentence with two misspelt
leaders), extracts every 6th of the following articles (up to --articles), then counts ``check`` over those
extractions once with every default rule (the first pass: the near-miss and office look-ups each rule remembers
per KB are filled in it, as in a review) and once more (the second pass: those look-ups remembered). With
``--per-rule`` it then counts each rule alone (second-pass state; a rule alone also pays the look-ups the context
shares between rules, such as the scan for the rules' words) and ``check`` with no rule (the context and
attaching). ``callgrind_control`` switches the counting on and off around each pass; its own cost (~0.3 M) is
in each figure.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def _child(corpus: Path, articles: int, per_rule: bool) -> None:
    import factcheck.pipeline as pipeline
    from factcheck.article import article_from_text
    from factcheck.rules import select_rules

    files = sorted(p for p in corpus.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    kb = pipeline.default_knowledge_base()
    warm = [*texts[:19], "French President Jacques Chirak met British Prime Minister Tony Blairr on Monday."]
    for text in warm:
        pipeline.check(pipeline.extract(article_from_text(text), kb=kb), kb=kb)
    extractions = [pipeline.extract(article_from_text(text), kb=kb) for text in texts[20::6][:articles]]
    pid = str(os.getpid())

    def control(*args: str) -> None:
        subprocess.run(["callgrind_control", *args, pid], check=True, stdout=subprocess.DEVNULL)

    def count(rules, label: str) -> None:
        control("-i", "on")
        for ex in extractions:
            pipeline.check(ex, rules, kb=kb)
        control("-i", "off")
        control(f"--dump={label}")

    count(None, "all rules, first pass")
    count(None, "all rules, second pass")
    if per_rule:
        count([], "no rule")
        for rule in select_rules():
            count([rule], f"{rule.code} alone")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--per-rule", action="store_true")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.corpus, args.articles, args.per_rule)
        return
    checkout, corpus = args.checkout.resolve(), args.corpus.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "check.out"
        cmd = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(Path(__file__).resolve()),
            str(checkout),
            str(corpus),
            "--articles",
            str(args.articles),
            "--child",
        ]
        if args.per_rule:
            cmd.append("--per-rule")
        env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONHASHSEED": "0"}
        run = subprocess.run(cmd, cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode:
            raise SystemExit(f"callgrind failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
        dumps = sorted(Path(tmp).glob("check.out.*"), key=lambda p: int(p.suffix[1:]))
        print(f"{checkout}: check() of {args.articles} articles, instructions")
        for dump in dumps:
            text = dump.read_text(encoding="utf-8", errors="replace")
            label = re.search(r"^desc: Trigger: dump (.*)$", text, re.M).group(1)
            total = int(re.search(r"^totals: (\d+)", text, re.M).group(1))
            print(f"  {label:28s} {total / 1e6:9.2f} M")


if __name__ == "__main__":
    main()
