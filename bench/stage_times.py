"""CPU seconds of each stage of the full review over a corpus, unprofiled: where the time goes.

Usage (run it against any checkout, the package comes from PYTHONPATH):
    PYTHONPATH=$PWD .venv/bin/python bench/stage_times.py PATH/TO/ARTICLES [--rounds 1]

Wraps, in ``factcheck.pipeline``'s namespace, each function ``pipeline._extract`` calls (whichever of them this
checkout has: segment, sentence_dates, resolve_date, find_mentions, link_offices, extract_claims, …) and the
check-worthiness model's ``score_many`` with a CPU-time accumulator (time.process_time, exclusive: a wrapped call
inside another is counted once, in its own line). ``check`` is split into the rules (each rule's CPU, summed
over the corpus) and the rest. Reads every *.txt into memory first; warms up on the first 20 articles. The
few wrapped calls per article cost microseconds: the totals stay within noise of ``extract_bench.py``'s.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

_STACK: list[list[float]] = []  # the wrapped calls running now (bench script: one run per process)


def _timed(name: str, fn, totals: dict[str, float]):
    def wrapper(*args, **kwargs):
        frame = [time.process_time(), 0.0]  # start, time spent in nested wrapped calls
        _STACK.append(frame)
        try:
            return fn(*args, **kwargs)
        finally:
            _STACK.pop()
            spent = time.process_time() - frame[0]
            totals[name] += spent - frame[1]
            if _STACK:
                _STACK[-1][1] += spent

    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()

    import factcheck.pipeline as pipeline
    from factcheck.article import article_from_text
    from factcheck.rules import select_rules

    files = sorted(p for p in args.corpus.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    kb = pipeline.default_knowledge_base()
    for text in texts[:20]:
        pipeline.check(pipeline.extract(article_from_text(text), kb=kb), kb=kb)

    totals: dict[str, float] = defaultdict(float)
    names = ["segment", "sentence_dates", "resolve_date", "resolve_article_date", "article_mentions", "find_mentions",
             "_with_resolved_date", "MentionIndex", "link_offices", "with_date_range", "has_lone_surname",
             "extract_claims", "attach_flags", "CheckContext"]
    for name in names:
        if hasattr(pipeline, name):
            setattr(pipeline, name, _timed(name, getattr(pipeline, name), totals))
    try:
        from factcheck.extract import checkworthiness

        cls = checkworthiness.NgramModel
        cls.score_many = _timed("checkworthiness score_many", cls.score_many, totals)
    except (ImportError, AttributeError):
        pass
    rules = select_rules()

    def consumed(check, name):  # a rule's check may be a generator: timed while its flags are consumed
        def run(self, ctx):
            return _timed(name, lambda: list(check(self, ctx)), totals)()
        return run

    originals = [rule.check for rule in rules]  # all read before any is replaced (a rule may inherit another's)
    for rule, check in zip(rules, originals):
        rule.check = consumed(check, f"rule {rule.code}")

    extract_cpu = check_cpu = 0.0
    for _ in range(args.rounds):
        for text in texts:
            c = time.process_time()
            ex = pipeline.extract(article_from_text(text), kb=kb)
            c2 = time.process_time()
            pipeline.check(ex, kb=kb)
            c3 = time.process_time()
            extract_cpu += c2 - c
            check_cpu += c3 - c2
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6 * args.rounds
    print(f"{len(texts)} articles x {args.rounds}, {mb:.2f} MB; CPU s: extract {extract_cpu:.2f}, check {check_cpu:.2f}, "
          f"full review {extract_cpu + check_cpu:.2f} ({mb / (extract_cpu + check_cpu):.2f} MB/s)")
    extract_parts = {k: v for k, v in totals.items() if not k.startswith("rule ")}
    rule_parts = {k: v for k, v in totals.items() if k.startswith("rule ")}
    inside = sum(v for k, v in extract_parts.items() if k not in ("attach_flags", "CheckContext"))
    for k, v in sorted(extract_parts.items(), key=lambda kv: -kv[1]):
        print(f"  {k:32s} {v:6.2f}")
    print(f"  {'extract: rest (not wrapped)':32s} {extract_cpu - inside:6.2f}")
    rules_total = sum(rule_parts.values())
    print(f"  {'rules (sum)':32s} {rules_total:6.2f}")
    print(f"  {'check: rest':32s} {check_cpu - rules_total - totals['attach_flags'] - totals['CheckContext']:6.2f}")
    for k, v in sorted(rule_parts.items(), key=lambda kv: -kv[1]):
        if v >= 0.05:
            print(f"    {k:30s} {v:6.2f}")


if __name__ == "__main__":
    sys.exit(main())
