"""Desk memory: retrieval quality and speed on CLEF CheckThat! 2020 task 2 (tweets vs verified claims).

Usage:
    .venv/bin/python bench/eval_memory.py --clef bench/.cache/clef2020-task2/data \
        [--distractors ../shared/data/articles/polnear_train --records 10000] [--folds 5] [--fit-pool records] \
        [--negatives ../shared/data/articles/bbc_2004_2005] [--fit] [--load-test 100000] \
        [--throughput ../shared/data/articles/bbc_2004_2005]

The data is not in the repository (its README says "free for general research use", no redistribution licence):
clone https://github.com/sshaar/clef2020-factchecking-task2 and pass its ``data`` folder, version 1.0 (commit
48bf72b: ``verified_claims.docs.tsv`` with 787 claims, ``train/`` and ``dev/`` with ``tweets.queries.tsv`` and
``tweet-vclaim-pairs.qrels``), e.g. into the git-ignored ``bench/.cache/`` as shown above.

The TRAIN split (800 tweets) makes every choice: the re-ranker is fitted on it (and cross-validated within it), the
threshold and the review's gate are calibrated on it (bench/tune_memory.py chose the tokenisation and BM25's
parameters on it too). The DEV split (197 tweets) is only scored, with what train chose.

What it prints (every figure is measured here, nothing is copied):
  - recall@1/5/10 and MRR of BM25 alone and of BM25 + re-ranking, per split, against the verified claims alone and
    against a memory of ``--records`` records: the verified claims padded with sentences of the ``--distractors``
    articles, each titled with the next sentence of its article (``--no-distractor-titles``: bare sentences).
  - the flagging threshold: the lowest re-ranked score at which the top match is right for >= 90% of the train
    queries flagged, counting each query twice, once with its verified claim in the memory and once without (the
    no-match case the rule meets on most claims), and the flags' precision at it on train and on dev.
  - per-query time (median and mean, one process, one thread) of the dev queries over the ``--records`` memory.
  - ``--fit`` writes the train-fitted weights, the threshold and the gate to factcheck/memory/rerank_weights.json.
  - ``--load-test N``: builds a memory of N records and times opening it (cold process start excluded).
  - ``--throughput DIR``: review throughput (MB/s per CPU-second, api.analyse as `factcheck review` runs it) on the
    articles under DIR without a memory and with the ``--records`` memory.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from factcheck.kb import default_kb  # noqa: E402
from factcheck.memory.evidence import evidence_from_text, words  # noqa: E402
from factcheck.memory.index import build_index, load_index  # noqa: E402
from factcheck.memory.model import MemoryRecord, Origin  # noqa: E402
from factcheck.memory.rerank import FEATURES, RELATIVE_FEATURES, Model, Weights, default_weights, features  # noqa: E402
from factcheck.memory.store import Memory  # noqa: E402

csv.field_size_limit(10**7)

# A tweet's signature and links ("— Name (@handle) June 4, 2019", "pic.twitter.com/…", "https://t.co/…") say who
# posted it, not what it claims: dropped from the query, as a desk would paste only the claim.
_SIGNATURE = re.compile(r"\s+[—-]\s+[^—]*\(@\w+\)\s+\w+ \d{1,2}, \d{2,4}\s*$")
_LINK = re.compile(r"(?:https?://\S+|pic\.twitter\.com/\S+)")


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_TAG = re.compile(r"[#@](\w+)")


def clean_tweet(text: str) -> str:
    """The claim of a tweet: signature and links dropped, hashtags and handles split into words
    ("#AustralianFires" -> "Australian Fires", "@NancyPelosi" -> "Nancy Pelosi")."""
    text = _SIGNATURE.sub("", text.strip())
    text = _SIGNATURE.sub("", text)  # a quoted tweet carries a second signature
    text = _LINK.sub(" ", text)
    text = _TAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)).replace("_", " ") + " ", text)
    return " ".join(text.split())


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))[1:]


def load_clef(folder: Path, split: str = "dev"):
    """The verified claims, and the ``split`` ("train" or "dev") tweets with their relevant claims."""
    vclaims = {row[0]: (row[1].strip(), row[2].strip()) for row in read_tsv(folder / "verified_claims.docs.tsv")}
    queries = {row[0]: clean_tweet(row[1]) for row in read_tsv(folder / split / "tweets.queries.tsv")}
    qrels: dict[str, set[str]] = {}
    for line in (folder / split / "tweet-vclaim-pairs.qrels").read_text().split("\n"):
        if line.strip():
            qid, _, vid, rel = line.split("\t")
            if rel.strip() == "1":
                qrels.setdefault(qid, set()).add(vid)
    queries = {q: t for q, t in queries.items() if q in qrels}
    return vclaims, queries, qrels


def distractor_sentences(folder: Path, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` sentences (60-300 characters) of the articles under ``folder``, for padding the memory, each with the
    next sentence of its article as its title (a fact-check record has a claim and a title: padding with bare
    sentences would make every verified claim longer than every distractor, and favour them through BM25's length
    normalisation and the title's words, a property of the padding, not of a desk's memory). Cached in the
    git-ignored bench/.cache/ (segmenting the articles takes a while)."""
    cache = ROOT / "bench" / ".cache" / f"memory-distractors-{folder.name}-{count}-{seed}.json"
    if cache.is_file():
        return [tuple(pair) for pair in json.loads(cache.read_text(encoding="utf-8"))]
    from factcheck.article import article_from_text
    from factcheck.text.segment import segment

    files = sorted(p for p in folder.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    if not files:
        raise SystemExit(f"no .txt articles under {folder}")
    random.Random(seed).shuffle(files)
    out: list[tuple[str, str]] = []
    for path in files:
        doc = segment(article_from_text(path.read_bytes().decode("utf-8", errors="replace")))
        texts = [" ".join(doc.text[s.start : s.end].split()) for s in doc.sentences]
        for i, text in enumerate(texts):
            if 60 <= len(text) <= 300:
                out.append((text, texts[i + 1] if i + 1 < len(texts) else texts[i - 1] if i else ""))
        if len(out) >= count:
            break
    out = out[:count]
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def negative_claims(folder: Path, count: int, kb, seed: int = 11) -> list[tuple[str, list]]:
    """``count`` check-worthy claims (text, mentions) the pipeline extracts from the articles under ``folder``: queries
    that have no match in the memory (other years, other countries than the CLEF claims and the distractors)."""
    from factcheck.article import article_from_text
    from factcheck.models import ReviewStatus
    from factcheck.pipeline import extract

    files = sorted(p for p in folder.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    random.Random(seed).shuffle(files)
    out: list[tuple[str, list]] = []
    for path in files:
        extraction = extract(article_from_text(path.read_bytes().decode("utf-8", errors="replace")), kb=kb)
        out += [(c.text, c.mentions) for c in extraction.claims if c.review.status is not ReviewStatus.NOT_CHECKWORTHY]
        if len(out) >= count:
            break
    return out[:count]


def negative_candidates(memory: Memory, claims, k: int) -> list[list]:
    """Per no-match claim: its BM25 top ``k`` as (record id, bm25, features), the claim's evidence from its mentions
    as the review computes it."""
    from factcheck.memory.evidence import evidence_from_mentions

    records = memory.index.records
    out = []
    for text, mentions in claims:
        found = memory.index.top(text, k)
        q = evidence_from_mentions(text, mentions)
        best = found[0][1] if found else 0.0
        out.append([(records[i].id, s, features(q, records[i].evidence, s, best, memory.index.idf, text, records[i].text)) for i, s in found])
    return out


def fit_memory_for_negatives(records: list[MemoryRecord], folder: Path, forms) -> Memory:
    return build_memory(records, folder, forms)


def build_memory(records: list[MemoryRecord], folder: Path, forms) -> Memory:
    build_index(records, folder)
    return Memory(load_index(folder), forms)


GATE_RATIO: dict[str, float] = {}  # per query: Index.best_ratio, what the review's gate compares (Memory.search_claim)


def candidates(memory: Memory, queries: dict[str, str], forms, k: int):
    """Per query: [(record id, bm25, features)] for the BM25 top ``k``, and the query's search time in seconds."""
    out, times = {}, []
    records = memory.index.records
    for qid, text in queries.items():
        t = time.perf_counter()
        tokens = words(text)  # stemmed once: for BM25 and for the query's evidence
        rows = memory.index.score_rows([tokens])
        scores = None if rows is None else rows[0]
        found = [] if scores is None else memory.index.best(scores, k)
        GATE_RATIO[qid] = memory.index.best_ratio(scores, memory.index.idf_mass(set(tokens))) if found else 0.0
        q = evidence_from_text(text, forms, tokens)
        best = found[0][1] if found else 0.0
        rows = [(records[i].id, s, features(q, records[i].evidence, s, best, memory.index.idf, text, records[i].text)) for i, s in found]
        times.append(time.perf_counter() - t)
        out[qid] = rows
    return out, times


def rank_metrics(rankings: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    n = len(rankings)
    recall = {k: 0 for k in (1, 5, 10)}
    rr = 0.0
    for qid, ranked in rankings.items():
        relevant = qrels[qid]
        first = next((i for i, rid in enumerate(ranked) if rid in relevant), None)
        if first is not None:
            rr += 1.0 / (first + 1)
            for k in recall:
                recall[k] += first < k
    return {**{f"recall@{k}": v / n for k, v in recall.items()}, "MRR": rr / n}


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50, fixed: dict[int, float] | None = None
) -> tuple[float, np.ndarray]:
    """L2-regularised logistic regression by Newton's method (the bias unregularised); positives weighted so the
    two classes count equally. ``fixed``: columns whose weight is set, not fitted (an offset)."""
    fixed = fixed or {}
    free = [j for j in range(x.shape[1]) if j not in fixed]
    offset = sum(x[:, j] * w for j, w in fixed.items()) if fixed else np.zeros(len(y))
    bias, coef = _fit(x[:, free], y, offset, l2, iterations)
    full = np.zeros(x.shape[1])
    full[free] = coef
    for j, w in fixed.items():
        full[j] = w
    return bias, full


def _fit(x: np.ndarray, y: np.ndarray, offset: np.ndarray, l2: float, iterations: int) -> tuple[float, np.ndarray]:
    n, d = x.shape
    xb = np.hstack([np.ones((n, 1)), x])
    w = np.zeros(d + 1)
    pos = max(y.sum(), 1)
    sample = np.where(y == 1, (n - pos) / pos, 1.0)
    reg = np.full(d + 1, l2)
    reg[0] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(xb @ w + offset, -30, 30)))
        grad = xb.T @ (sample * (p - y)) + reg * w
        hess = (xb * (sample * p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


ABSOLUTE = [i for i, name in enumerate(FEATURES) if name not in RELATIVE_FEATURES]

# "A different number or year is a strong sign of a different claim" (issue 18). Tweets and Snopes claims rarely
# carry two different years or figures, so the data cannot put a weight on it (fitted, it comes out weak and
# noisy); these weights are set, and the others fitted around them. --free-conflicts fits them too. In the ranking
# model they stay what they were (-6, -3: set that large there, they cost the train cross-validated ranking ~0.01).
# In the match model, whose score is thresholded for the flag, they are set against the scale of its fitted
# weights: fitted on the 800 train tweets, its word-overlap weights add up to ~+40 for two claims with the same
# words, so a different year must weigh about half of that to keep the same claim with another year under the
# threshold (-6 no longer did: tests/memory/test_desk_memory.py).
CONFLICTS = {"years_differ": -6.0, "numbers_differ": -3.0}
MATCH_CONFLICTS = {"years_differ": -20.0, "numbers_differ": -10.0}


def fit_weights(
    cands, qrels, qids, k: int, threshold: float = 0.5, conflicts: dict[str, float] = CONFLICTS, negatives=(),
    match_conflicts: dict[str, float] | None = None,
) -> Weights:
    """The ranking model (every feature) and the match model (the absolute features only), fitted on ``qids``; the
    match model also on the candidates of no-match claims (``negatives``, all labelled 0)."""
    x, y = training_rows(cands, qrels, qids)
    rank_bias, rank_coef = fit_logistic(x, y, fixed={FEATURES.index(n): w for n, w in conflicts.items()})
    match_cols = [FEATURES[i] for i in ABSOLUTE]
    neg = [f for rows in negatives for _, _, f in rows[:3]]
    if neg:
        x = np.vstack([x, np.asarray(neg, dtype=float)])
        y = np.concatenate([y, np.zeros(len(neg))])
    match_fixed = conflicts if match_conflicts is None else match_conflicts
    match_bias, match_coef = fit_logistic(x[:, ABSOLUTE], y, fixed={match_cols.index(n): w for n, w in match_fixed.items()})
    return Weights(
        rank=Model(rank_bias, {name: float(c) for name, c in zip(FEATURES, rank_coef)}),
        match=Model(match_bias, {FEATURES[i]: float(c) for i, c in zip(ABSOLUTE, match_coef)}),
        threshold=threshold,
        candidates=k,
    )


def training_rows(cands, qrels, qids):
    xs, ys = [], []
    for qid in qids:
        for rid, _, f in cands[qid]:
            xs.append(f)
            ys.append(1.0 if rid in qrels[qid] else 0.0)
    return np.asarray(xs, dtype=float), np.asarray(ys)


def rerank(cands, weights: Weights, qids) -> dict[str, list[str]]:
    out = {}
    for qid in qids:
        scored = sorted(cands[qid], key=lambda c: -weights.rank.score(c[2]))
        out[qid] = [rid for rid, _, _ in scored]
    return out


def calibrate(cands, qrels, weights: Weights, target: float = 0.9, negatives=()) -> tuple[float, dict]:
    """The lowest threshold whose flags are right for >= ``target`` of the flagged cases. Each query counts
    twice: with its verified claims in the memory (right when the top match is one of them) and without them
    (every flag is wrong: the candidates' features are recomputed against the best remaining BM25 score)."""
    cases = []  # (score, right)
    for qid, rows in cands.items():
        relevant = qrels[qid]
        if rows:
            rid, _, f = max(rows, key=lambda r: weights.rank.score(r[2]))
            cases.append((weights.match.score(f), rid in relevant))
        rest = [r for r in rows if r[0] not in relevant]
        if rest:
            best = max(s for _, s, _ in rest)
            rescaled = [_rescaled(f, s, best) for _, s, f in rest]
            cases.append((weights.match.score(max(rescaled, key=weights.rank.score)), False))
    for rows in negatives:  # a no-match claim: any flag is wrong
        if rows:
            cases.append((weights.match.score(max(rows, key=lambda r: weights.rank.score(r[2]))[2]), False))
    cases.sort(key=lambda c: -c[0])
    best_t, right, flagged = 1.0, 0, 0
    chosen = {"flagged": 0, "precision": 1.0, "recall_of_matches": 0.0}
    matches = sum(1 for qid in cands if cands[qid] and any(r[0] in qrels[qid] for r in cands[qid]))
    for score, ok in cases:
        flagged += 1
        right += ok
        if right / flagged >= target:
            best_t = score
            chosen = {"flagged": flagged, "precision": right / flagged, "recall_of_matches": right / max(matches, 1)}
    return best_t, chosen


def _rescaled(f: list[float], bm25: float, best: float) -> list[float]:
    g = list(f)
    g[0] = bm25 / best if best > 0 else 0.0  # bm25_relative against the best remaining candidate
    return g


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clef", type=Path, required=True, help="the data folder of clef2020-factchecking-task2 (v1.0: train and dev)")
    ap.add_argument("--distractors", type=Path, help="articles whose sentences pad the memory to --records")
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--no-distractor-titles", dest="distractor_titles", action="store_false", help="pad with bare sentences (as before this round), not titled ones")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--candidates", type=int, default=30)
    ap.add_argument("--no-headlines", dest="headlines", action="store_false", help="index the verified claims without their fact-check titles")
    ap.add_argument("--negatives", type=Path, metavar="DIR", help="articles whose check-worthy claims are no-match queries (fit the match model, calibrate the threshold)")
    ap.add_argument("--negative-claims", type=int, default=1000, metavar="N", help="how many no-match claims to fit on, and as many to calibrate on")
    ap.add_argument("--min-overlap", type=float, default=0.5, help="the review's least both-sides IDF overlap for a flag")
    ap.add_argument("--free-conflicts", action="store_true", help="fit the years/numbers-differ weights instead of setting them")
    ap.add_argument("--fit", action="store_true", help="write the train-fitted weights and threshold into the package")
    ap.add_argument("--fit-pool", choices=("claims", "records"), default="claims", help="fit the re-ranker on candidates from the verified claims alone, or from the padded memory")
    ap.add_argument("--show-dropped", action="store_true", help="print each right flag the evidence checks drop (query, record, reason)")
    ap.add_argument("--load-test", type=int, default=0, metavar="N")
    ap.add_argument("--throughput", type=Path, metavar="DIR")
    args = ap.parse_args()

    kb = default_kb()
    forms = kb.country_surface_forms()
    vclaims, train_queries, train_qrels = load_clef(args.clef, "train")
    _, dev_queries, dev_qrels = load_clef(args.clef, "dev")
    queries, qrels = {**train_queries, **dev_queries}, {**train_qrels, **dev_qrels}  # tweet ids do not overlap
    assert not set(train_queries) & set(dev_queries)
    records = [
        MemoryRecord(
            id=vid, origin=Origin.CLAIMREVIEW, text=text, headline=title if args.headlines else None, url=f"clef2020:vclaim:{vid}",
            evidence=evidence_from_text(text, forms),
        )
        for vid, (text, title) in vclaims.items()
    ]
    pool = "verified claims only"
    if args.distractors:
        extra = distractor_sentences(args.distractors, max(args.records - len(records), 0))
        records += [
            MemoryRecord(
                id=f"news:{i}", origin=Origin.CLAIMREVIEW, text=t, headline=(title or None) if args.distractor_titles else None, url=f"news:{i}",
                evidence=evidence_from_text(t, forms),
            )
            for i, (t, title) in enumerate(extra)
        ]
        titled = "each titled with the next" if args.distractor_titles else "untitled"
        pool = f"{len(vclaims)} verified claims + {len(extra)} news sentences ({titled}) from {args.distractors.name}"
    print(
        f"CLEF 2020 task 2, v1.0: {len(train_queries)} train queries (every choice and fit), {len(dev_queries)} dev queries "
        f"(reported only); memory of {len(records)} records ({pool})"
    )

    with tempfile.TemporaryDirectory() as tmp:
        small_memory = build_memory(records[: len(vclaims)], Path(tmp) / "fit", forms)
        small_cands, _ = candidates(small_memory, queries, forms, args.candidates)
        small_memory.close()
        memory = build_memory(records, Path(tmp) / "index", forms)
        cands, times = candidates(memory, queries, forms, args.candidates)
        # The re-ranker is fitted on the train queries' candidates from the verified claims alone (--fit-pool claims)
        # or from the padded memory (--fit-pool records: it may learn to tell Snopes' phrasing from news sentences)
        fit_cands = small_cands if args.fit_pool == "claims" else cands
        train_ids = sorted(train_queries, key=int)
        random.Random(13).shuffle(train_ids)
        folds = [train_ids[i :: args.folds] for i in range(args.folds)]
        dev_ids = sorted(dev_queries, key=int)
        conflicts = {} if args.free_conflicts else CONFLICTS
        match_conflicts = {} if args.free_conflicts else MATCH_CONFLICTS
        neg_fit, neg_held = [], []
        if args.negatives:
            claims = negative_claims(args.negatives, 2 * args.negative_claims, kb)
            # fitted on half the no-match claims (against the verified claims, like the positives), calibrated on
            # the other half against the full memory
            # (against the memory the re-ranker is fitted on: its IDFs)
            fit_neg_memory = memory if args.fit_pool == "records" else fit_memory_for_negatives(records[: len(vclaims)], Path(tmp) / "fitneg", forms)
            neg_fit = negative_candidates(fit_neg_memory, claims[::2], args.candidates)
            neg_held = negative_candidates(memory, claims[1::2], args.candidates)
            print(f"no-match claims: {len(claims[::2])} to fit, {len(claims[1::2])} to calibrate, from {args.negatives}")
        fitted = fit_weights(fit_cands, qrels, train_ids, args.candidates, conflicts=conflicts, negatives=neg_fit, match_conflicts=match_conflicts)
        shipped = default_weights()
        print("\n| split | memory | ranking | recall@1 | recall@5 | recall@10 | MRR |\n|---|---|---|---|---|---|---|")
        for split, ids in (("train", train_ids), ("dev", dev_ids)):
            for label, pool_cands in (("verified claims", small_cands), (f"{len(records)} records", cands)):
                if pool_cands is cands and len(records) == len(vclaims):
                    continue
                sub = {q: pool_cands[q] for q in ids}
                results = {"BM25 (bm25s + Snowball stems)": rank_metrics({q: [r for r, _, _ in rows] for q, rows in sub.items()}, qrels)}
                if split == "train":
                    cv_rank: dict[str, list[str]] = {}
                    for i, held in enumerate(folds):
                        rest = [q for j, f in enumerate(folds) if j != i for q in f]
                        cv_rank.update(rerank(pool_cands, fit_weights(fit_cands, qrels, rest, args.candidates, conflicts=conflicts), held))
                    results[f"+ re-ranking, {args.folds}-fold cross-validated on train"] = rank_metrics(cv_rank, qrels)
                    results["+ re-ranking, train-fit (scored on the queries it was fitted on)"] = rank_metrics(rerank(pool_cands, fitted, ids), qrels)
                else:
                    results["+ re-ranking, train-fit (held out: dev)"] = rank_metrics(rerank(pool_cands, fitted, ids), qrels)
                results["+ re-ranking, weights in the package"] = rank_metrics(rerank(pool_cands, shipped, ids), qrels)
                for name, m in results.items():
                    print(f"| {split} | {label} | {name} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} | {m['MRR']:.3f} |")

        train_cands = {q: cands[q] for q in train_ids}
        threshold, chosen = calibrate(train_cands, qrels, fitted, negatives=neg_held)
        wrong_on_negatives = sum(1 for rows in neg_held if rows and fitted.match.score(max(rows, key=lambda r: fitted.rank.score(r[2]))[2]) >= threshold)
        if neg_held:
            print(f"no-match claims flagged at the threshold: {wrong_on_negatives} of {len(neg_held)}")
        print(f"\nthreshold (train-fit weights and train queries, {len(records)} records, flags right >= 90%): {threshold:.3f}; {chosen}")
        both = FEATURES.index("idf_covered_both")

        def flagged(rows):
            top = max(rows, key=lambda r: fitted.rank.score(r[2]))
            return top, fitted.match.score(top[2]) >= threshold

        for split, ids in (("train", train_ids), ("dev", dev_ids)):
            right = [q for q in ids if cands[q] and flagged(cands[q])[1] and flagged(cands[q])[0][0] in qrels[q]]
            wrong = [q for q in ids if cands[q] and flagged(cands[q])[1] and flagged(cands[q])[0][0] not in qrels[q]]
            kept = [q for q in right if flagged(cands[q])[0][2][both] >= args.min_overlap]
            print(
                f"{split}: flags at the threshold right {len(right)}, wrong {len(wrong)} (precision {len(right) / max(len(right) + len(wrong), 1):.3f}); "
                f"min overlap {args.min_overlap}: right flags {len(right)} -> {len(kept)}"
            )
            if split == "train":
                train_kept = kept
        neg_flags = [rows for rows in neg_held if rows and flagged(rows)[1]]
        neg_kept = [rows for rows in neg_flags if flagged(rows)[0][2][both] >= args.min_overlap]
        print(f"flags on no-match claims {len(neg_flags)} -> {len(neg_kept)} with the min overlap")
        # The review's flag as Memory.flags decides it, with the package's weights: threshold, min overlap and the
        # claims' evidence (Match.conflict: other names, numbers or years; shared names, other words about them).
        for split, ids in (("train", train_ids), ("dev", dev_ids)):
            tops = {q: found[0] for q in ids if (found := memory.search(queries[q], 1)) and found[0].score >= shipped.threshold
                    and found[0].overlap >= shipped.min_overlap}
            right = [q for q, m in tops.items() if m.record.id in qrels[q]]
            kept = [q for q in right if memory.flags(tops[q])]
            wrong_kept = [q for q, m in tops.items() if q not in right and memory.flags(m)]
            why = collections.Counter(tops[q].conflict for q in right if q not in kept)
            if args.show_dropped:
                for q in (q for q in right if q not in kept):
                    print(f"  dropped ({split}) {tops[q].conflict}: {queries[q]!r} | {tops[q].record.text!r}")
            print(f"{split}, package weights, memory.search: right flags {len(right)} -> {len(kept)} with the evidence checks "
                  f"(wrong: {len(tops) - len(right)} -> {len(wrong_kept)}); right flags dropped: {dict(why.most_common())}")
        # The review's gate (Memory.search_claim): 0.8 x the least ratio among the train flags the review keeps.
        flagged_right = [GATE_RATIO[q] for q in train_kept]
        gate = 0.8 * min(flagged_right) if flagged_right else 0.0
        print(
            f"gate: {gate:.3f} (0.8 x the least best-BM25 / smaller-IDF-mass ratio of the {len(flagged_right)} right train flags kept, "
            f"{min(flagged_right) if flagged_right else 0:.3f}); queries under it: {sum(GATE_RATIO[q] < gate for q in train_ids)} of {len(train_ids)} train"
        )
        for name, model in (("rank", fitted.rank), ("match", fitted.match)):
            print(f"{name} model (train-fit): bias {model.bias:+.3f}, " + ", ".join(f"{n} {c:+.3f}" for n, c in model.weights.items()))

        # The search as `factcheck memory search` runs it: BM25, evidence of the query, re-ranking, top 10.
        for _ in range(2):  # the second pass is reported: the first one warms the caches
            timed, cpu = [], []
            for text in dev_queries.values():
                t, c = time.perf_counter(), time.process_time()
                memory.search(text, 10)
                timed.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
        print(
            f"\nper query, {len(records)} records, one process, one thread: CPU median {statistics.median(cpu) * 1000:.2f} ms, "
            f"mean {statistics.mean(cpu) * 1000:.2f} ms, max {max(cpu) * 1000:.2f} ms; wall mean {statistics.mean(timed) * 1000:.2f} ms "
            f"(BM25 top {args.candidates} + the query's evidence + re-ranking; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
        memory.close()

        if args.fit:
            data = {
                "_comment": (
                    f"Fitted by bench/eval_memory.py --fit on the CLEF 2020 task 2 v1.0 train queries ({len(train_queries)}) against "
                    f"{'the verified claims alone' if args.fit_pool == 'claims' else 'the padded memory'}; threshold calibrated on "
                    f"the train tweets against a memory of {len(records)} records ({pool}): "
                    "the lowest score whose flags were right for >= 90% of flagged cases (see docs/bench/memory.md)."
                ),
                "rank": {"bias": round(fitted.rank.bias, 4), "weights": {n: round(c, 4) for n, c in fitted.rank.weights.items()}},
                "match": {"bias": round(fitted.match.bias, 4), "weights": {n: round(c, 4) for n, c in fitted.match.weights.items()}},
                "threshold": round(threshold, 4),
                "candidates": args.candidates,
                "gate": round(gate, 4),
                "min_overlap": args.min_overlap,
                "review_candidates": 10,
            }
            target = ROOT / "factcheck" / "memory" / "rerank_weights.json"
            target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {target}")

        if args.throughput:
            _throughput(args.throughput, memory_folder=Path(tmp) / "index", forms=forms, kb=kb, records=len(records))

    if args.load_test:
        _load_test(args.load_test, records, forms)


def _throughput(folder: Path, *, memory_folder: Path, forms, kb, records: int) -> None:
    from factcheck.api import analyse
    from factcheck.article import article_from_text

    files = sorted(p for p in folder.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    runs = (("no memory", None), (f"memory of {records} records", Memory(load_index(memory_folder), forms)))
    for _, memory in runs:
        analyse(article_from_text(texts[0]), kb=kb, memory=memory)  # warm
    # The two alternate, ROUNDS times each, and each reports its least CPU time: on a shared machine the load
    # changes between runs, and the ratio of the two is the figure that matters.
    cpu = {label: [] for label, _ in runs}
    flags = {}
    for _ in range(ROUNDS):
        for label, memory in runs:
            c = time.process_time()
            flags[label] = 0
            for text in texts:
                reg = analyse(article_from_text(text), kb=kb, memory=memory)
                flags[label] += sum(1 for cl in reg.claims for f in cl.flags if f.code == "MM01")
            cpu[label].append(time.process_time() - c)
    for label, _ in runs:
        best = min(cpu[label])
        print(
            f"review throughput, {label}: {mb / best:.2f} MB/s per CPU-second ({len(texts)} articles, {mb:.1f} MB, "
            f"least of {ROUNDS}: {best:.1f} CPU s, all: {', '.join(f'{c:.1f}' for c in cpu[label])}; MM01 flags: {flags[label]})"
        )
    base, with_memory = (min(cpu[label]) for label, _ in runs)
    print(f"the memory costs {100 * (with_memory - base) / base:.1f}% of the review's CPU ({1000 * (with_memory - base) / len(texts):.2f} ms per article)")


ROUNDS = 3


def _load_test(n: int, base: list[MemoryRecord], forms) -> None:
    """A memory of ``n`` records (the evaluation records repeated with distinct ids) and the time to open it."""
    records = [r.model_copy(update={"id": f"{r.id}#{i}", "url": f"{r.url}#{i}"}) for i in range(math.ceil(n / len(base))) for r in base][:n]
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        build_index(records, Path(tmp) / "index")
        built = time.perf_counter() - t
        opened = []
        for _ in range(5):
            t = time.perf_counter()
            memory = Memory(load_index(Path(tmp) / "index"), forms)
            memory.search("the first summit of Japan and Central Asia", 5)
            opened.append(time.perf_counter() - t)
            memory.close()
        print(f"\nload test: {n} records, index built in {built:.1f} s; opened + first search: median {statistics.median(opened) * 1000:.0f} ms (5 runs)")


if __name__ == "__main__":
    main()
