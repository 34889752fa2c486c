"""CPU of the check-worthiness scorer alone: ``score_many`` over the claims a review finds in a corpus.

Usage (run it against any checkout, the package comes from PYTHONPATH; alternate trees, same minutes):
    PYTHONPATH=$PWD .venv/bin/python bench/checkworthiness_speed.py ../shared/data/articles/bbc_2004_2005 [--rounds 3]

Reviews every *.txt once (extraction only) with the default model's ``score_many`` wrapped to record each
article's claim texts and hand features, then times ``score_many`` over the recorded batches ``--rounds`` times
(time.process_time). Also prints the CPU of building the model from its file. Prints one line per round.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    import factcheck.extract.checkworthiness as cw
    import factcheck.pipeline as pipeline
    from factcheck.article import article_from_text

    started = time.process_time()
    model = cw.NgramModel(json.loads(cw.MODEL_FILE.read_text(encoding="utf-8")))
    built = time.process_time() - started

    batches = []
    score_many = cw.NgramModel.score_many

    def recording(self, texts, features):
        batches.append((list(texts), [dict(f) for f in features]))
        return score_many(self, texts, features)

    cw.NgramModel.score_many = recording
    kb = pipeline.default_knowledge_base()
    files = sorted(p for p in args.corpus.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    for path in files:
        pipeline.extract(article_from_text(path.read_bytes().decode("utf-8", errors="replace")), kb=kb)
    cw.NgramModel.score_many = score_many
    claims = sum(len(texts) for texts, _ in batches)
    terms = len(model.data["word"]["terms"])
    print(f"{len(files)} articles, {claims} claims; model of {terms} terms built in {built:.3f} s CPU")
    for r in range(args.rounds):
        started = time.process_time()
        for texts, features in batches:
            model.score_many(texts, features)
        spent = time.process_time() - started
        print(f"round {r + 1}: {spent:.3f} s CPU, {spent / claims * 1e6:.1f} us a claim")


if __name__ == "__main__":
    main()
