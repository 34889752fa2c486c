"""CPU time spent inside ``extract_claims`` during the real extraction of a corpus, min over N passes.

Usage: .venv/bin/python bench/claims_bench.py PATH/TO/bbc_2004_2005 [N]

Timed inside the pipeline (each article's mentions just made, as in a review), not over mentions collected
beforehand: over a whole corpus kept in memory those are cold in the CPU caches and the per-mention work looks
about twice as costly as it is.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_bench import _load_corpus  # noqa: E402

import factcheck.pipeline as pipeline  # noqa: E402
from factcheck.article import article_from_text  # noqa: E402


def main() -> None:
    texts = _load_corpus(Path(sys.argv[1]))
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    kb = pipeline.default_knowledge_base()
    extract_claims = pipeline.extract_claims
    spent = [0.0]

    def timed(doc, mentions):
        start = time.process_time()
        claims = extract_claims(doc, mentions)
        spent[0] += time.process_time() - start
        return claims

    pipeline.extract_claims = timed
    best = total = float("inf")
    for _ in range(passes):
        spent[0] = 0.0
        start = time.process_time()
        for text in texts:
            pipeline.extract(article_from_text(text), kb=kb)
        total = min(total, time.process_time() - start)
        best = min(best, spent[0])
    print(f"extract_claims in extraction: {best:.3f} CPU-s (extraction total {total:.2f} CPU-s), min of {passes}")


if __name__ == "__main__":
    main()
