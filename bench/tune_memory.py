"""Desk memory, first stage: the choices of tokenisation, indexed fields and BM25 parameters, made on the CLEF 2020
CheckThat! task 2 TRAIN split only (the dev split is left for the figure bench/eval_memory.py reports).

Usage:
    .venv/bin/python bench/tune_memory.py --clef bench/.cache/clef2020-task2/data \
        --distractors ../shared/data/articles/polnear_train [--records 10000] [--split train]

Prints recall@1/5/10 and MRR of BM25 alone (the review's first stage, before re-ranking) for each variant, at the
verified claims alone and at ``--records`` records (padded with news sentences, as bench/eval_memory.py does). Each
stage keeps the best variant of the previous one (by MRR + recall@5 at ``--records``), so the grid stays small:
  1. tokenisation: stemming, stop words, tokens with digits, one-letter tokens;
  2. fields: the claim alone, claim + fact-check title, the claim counted twice + title;
  3. bm25s method, k1 and b.
The variants are written out here, not switched in the package: the chosen one is what factcheck/memory uses.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from eval_memory import distractor_sentences, load_clef, rank_metrics  # noqa: E402


@dataclass(frozen=True)
class Variant:
    stem: bool = True
    stopwords: bool = True
    digits: bool = True  # keep tokens holding a digit ("2016", "5g")
    min_len: int = 2
    fields: str = "claim+title"  # "claim", "claim+title", "2claim+title"
    method: str = "lucene"
    k1: float = 1.5
    b: float = 0.75

    def label(self) -> str:
        return (
            f"stem={int(self.stem)} stop={int(self.stopwords)} digits={int(self.digits)} min_len={self.min_len} "
            f"fields={self.fields} {self.method} k1={self.k1} b={self.b}"
        )


def tokenizer(v: Variant):
    import Stemmer
    from bm25s.stopwords import STOPWORDS_EN

    token = re.compile(r"(?u)\b\w+\b")
    stop = frozenset(STOPWORDS_EN) if v.stopwords else frozenset()
    stemmer = Stemmer.Stemmer("english")

    def words(text: str) -> list[str]:
        ws = [w for w in token.findall(text.lower()) if len(w) >= v.min_len and w not in stop]
        if not v.digits:
            ws = [w for w in ws if not any(c.isdigit() for c in w)]
        return stemmer.stemWords(ws) if v.stem else ws

    return words


def indexed(claim: str, title: str | None, fields: str) -> str:
    """The text indexed for a record; every record alike (a record without a title, a news sentence of the padding,
    still has its claim counted twice under "2claim+title": counting only the verified claims' twice would favour
    them over the padding, a property of the evaluation, not of a desk's memory)."""
    claim_part = f"{claim} {claim}" if fields == "2claim+title" else claim
    return f"{claim_part} {title}" if title and fields != "claim" else claim_part


def evaluate(v: Variant, docs: list[tuple[str, str | None, str]], queries: dict[str, str], qrels, k: int = 10):
    """docs: (id, claim, title or None). BM25 ranking of every query: recall@1/5/10, MRR."""
    import bm25s

    words = tokenizer(v)
    corpus = [words(indexed(c, t, v.fields)) or ["\x00"] for _, c, t in docs]
    retriever = bm25s.BM25(k1=v.k1, b=v.b, method=v.method)
    retriever.index(corpus, show_progress=False)
    vocab = retriever.vocab_dict
    sc = retriever.scores
    data, indices, indptr = (np.asarray(sc[x]) for x in ("data", "indices", "indptr"))
    n = len(docs)
    ids = [d[0] for d in docs]
    rankings = {}
    for qid, text in queries.items():
        toks = [vocab[w] for w in words(text) if w in vocab]
        pos = np.concatenate([np.arange(indptr[t], indptr[t + 1]) for t in toks]) if toks else np.zeros(0, dtype=int)
        scores = np.bincount(indices[pos], weights=data[pos], minlength=n)
        top = np.argsort(-scores, kind="stable")[:k]
        rankings[qid] = [ids[i] for i in top if scores[i] > 0]
    return rank_metrics(rankings, qrels)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clef", type=Path, required=True)
    ap.add_argument("--distractors", type=Path, required=True)
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--start", type=int, default=1, help="the stage to start from (1-3)")
    ap.add_argument("--fields", default="claim+title", help="the fields to start from")
    args = ap.parse_args()

    vclaims, queries, qrels = load_clef(args.clef, args.split)
    extra = distractor_sentences(args.distractors, args.records - len(vclaims))
    small = [(vid, c, t) for vid, (c, t) in vclaims.items()]
    big = small + [(f"news:{i}", s, title or None) for i, (s, title) in enumerate(extra)]
    print(f"CLEF 2020 task 2 v1.0, {args.split} split: {len(queries)} queries; {len(small)} verified claims, {len(big)} records")

    def run(v: Variant):
        a, b = evaluate(v, small, queries, qrels), evaluate(v, big, queries, qrels)
        print(
            f"| {v.label()} | {a['recall@5']:.3f} / {a['MRR']:.3f} | {b['recall@1']:.3f} | {b['recall@5']:.3f} | "
            f"{b['recall@10']:.3f} | {b['MRR']:.3f} |",
            flush=True,
        )
        return b["MRR"] + b["recall@5"]

    print(f"\n| variant | {len(small)}: recall@5 / MRR | {len(big)}: recall@1 | recall@5 | recall@10 | MRR |\n|---|---|---|---|---|---|")
    best = Variant(fields=args.fields)
    best_score = run(best)
    stages = [
        [replace(best, stem=False), replace(best, stopwords=False), replace(best, digits=False), replace(best, min_len=1)],
        None,  # fields, from the best so far
        None,  # method / k1 / b
    ]
    for stage in range(args.start - 1, 3):
        if stage == 1:
            variants = [replace(best, fields=f) for f in ("claim", "2claim+title")]
        elif stage == 2:
            variants = [
                replace(best, method=m, k1=k1, b=b)
                for m, k1, b in itertools.product(("lucene", "robertson"), (0.9, 1.2, 1.5, 2.0, 3.0), (0.3, 0.5, 0.75, 0.9, 1.0))
                if (m, k1, b) != (best.method, best.k1, best.b)
            ]
        else:
            variants = stages[0]
        chosen, chosen_score = best, best_score
        improved = []
        for v in variants:
            s = run(v)
            if s > best_score + 1e-9:
                improved.append(v)
            if s > chosen_score + 1e-9:
                chosen, chosen_score = v, s
        if stage == 0 and len(improved) > 1:  # tokenisation switches that each helped, tried together
            combo = best
            for v in improved:
                combo = replace(combo, stem=combo.stem and v.stem, stopwords=combo.stopwords and v.stopwords,
                                digits=combo.digits and v.digits, min_len=min(combo.min_len, v.min_len))
            s = run(combo)
            if s > chosen_score + 1e-9:
                chosen, chosen_score = combo, s
        best, best_score = chosen, chosen_score
        print(f"\nstage {stage + 1} keeps: {best.label()} (MRR + recall@5 = {best_score:.3f})\n")


if __name__ == "__main__":
    main()
