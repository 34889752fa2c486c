"""Fit the check-worthiness weights on CLEF CheckThat! 2024 Task 1 English and write them as data.

Usage:
    .venv/bin/python scripts/train_checkworthiness.py PATH/TO/checkworthiness [--out factcheck/extract/checkworthiness_weights.json]

PATH holds CT24_checkworthy_english_train.tsv and CT24_checkworthy_english_dev.tsv (columns Sentence_id, Text,
class_label Yes/No; Hasanain et al., CLEF 2024 CheckThat! Lab, research use with citation). Each sentence is run
through our own extraction (``factcheck.pipeline.extract`` on ``article_from_text(sentence)``) and the features
``factcheck.extract.claims.features_for`` computes are taken from the claims it yields (a sentence that splits
into two claims takes the union of their features). A plain L2-regularised logistic regression is fitted by
full-batch gradient descent in pure Python (no numpy, no scikit-learn: nothing added to the runtime). The
threshold is the one that maximises F1 of the positive class on dev; dev figures for the previous hand-set
weights at their threshold (0.5) are reported alongside.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.article import article_from_text  # noqa: E402
from factcheck.extract.claims import features_for  # noqa: E402
from factcheck.pipeline import default_knowledge_base, extract  # noqa: E402

OLD_WEIGHTS = {
    "bias": -1.2, "number": 1.1, "date": 0.5, "named_entity": 0.8, "role": 1.0, "quote": 0.6, "attribution": 0.4,
    "event": 0.7, "superlative": 0.6, "comparison": 0.5, "prediction": -0.3, "opinion": -1.4, "hedge": -0.3,
    "short": -1.5, "question": -1.0,
}
OLD_THRESHOLD = 0.5


def read_tsv(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
        return [(row["Text"], 1 if row["class_label"].strip() == "Yes" else 0) for row in reader]


def sentence_features(text: str, kb) -> dict[str, float]:
    ex = extract(article_from_text(text), kb=kb)
    feats: dict[str, float] = {}
    for claim in ex.claims:
        feats.update(claim.checkworthiness.features)
    if not ex.claims:  # nothing left after segmentation (e.g. boilerplate-looking text)
        feats = features_for(text, ex.mentions)
    return {k: float(v) for k, v in feats.items() if v}


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def predict(weights: dict[str, float], feats: dict[str, float]) -> float:
    return sigmoid(weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in feats.items()))


def fit(xs: list[dict[str, float]], ys: list[int], names: list[str], *, l2: float, epochs: int, lr: float) -> dict[str, float]:
    """Full-batch gradient descent on the mean log loss + l2/2·|w|² (bias not penalised)."""
    w = {n: 0.0 for n in ["bias", *names]}
    n = len(xs)
    prior = sum(ys) / n
    w["bias"] = math.log(prior / (1 - prior))
    for _ in range(epochs):
        grad = {k: 0.0 for k in w}
        for x, y in zip(xs, ys):
            err = predict(w, x) - y
            grad["bias"] += err
            for k, v in x.items():
                grad[k] += err * v
        for k in w:
            g = grad[k] / n + (l2 * w[k] if k != "bias" else 0.0)
            w[k] -= lr * g
    return w


def metrics(scores: list[float], ys: list[int], threshold: float) -> dict[str, float]:
    tp = sum(1 for s, y in zip(scores, ys) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, ys) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, ys) if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(1 for s, y in zip(scores, ys) if (s >= threshold) == bool(y)) / len(ys)
    return {"f1": round(f, 3), "precision": round(p, 3), "recall": round(r, 3), "accuracy": round(acc, 3), "threshold": threshold}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "factcheck" / "extract" / "checkworthiness_weights.json")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=400)
    ap.add_argument("--lr", type=float, default=1.0)
    args = ap.parse_args()

    kb = default_knowledge_base()
    train = read_tsv(args.data / "CT24_checkworthy_english_train.tsv")
    dev = read_tsv(args.data / "CT24_checkworthy_english_dev.tsv")
    print(f"train {len(train)} ({sum(y for _, y in train)} Yes), dev {len(dev)} ({sum(y for _, y in dev)} Yes); extracting features …",
          file=sys.stderr)
    xtr = [sentence_features(t, kb) for t, _ in train]
    ytr = [y for _, y in train]
    xdv = [sentence_features(t, kb) for t, _ in dev]
    ydv = [y for _, y in dev]
    names = sorted({k for x in xtr for k in x})
    weights = fit(xtr, ytr, names, l2=args.l2, epochs=args.epochs, lr=args.lr)

    dev_scores = [predict(weights, x) for x in xdv]
    # The threshold that maximises dev F1 over a 0.05 grid (ties: the higher threshold, fewer items to review).
    best = max((metrics(dev_scores, ydv, round(t / 100, 2)) for t in range(5, 100, 5)), key=lambda m: (m["f1"], m["threshold"]))
    train_m = metrics([predict(weights, x) for x in xtr], ytr, best["threshold"])
    old_m = metrics([predict(OLD_WEIGHTS, x) for x in xdv], ydv, OLD_THRESHOLD)
    old_best = max((metrics([predict(OLD_WEIGHTS, x) for x in xdv], ydv, round(t / 100, 2)) for t in range(5, 100, 5)),
                   key=lambda m: (m["f1"], m["threshold"]))
    counts = {k: sum(1 for x in xtr if k in x) for k in names}
    payload = {
        "description": "Logistic weights for factcheck.extract.checkworthiness; written by scripts/train_checkworthiness.py",
        "threshold": best["threshold"],
        "weights": {k: round(v, 3) for k, v in weights.items()},
        "provenance": {
            "data": "CLEF-2024 CheckThat! Lab Task 1 English (ClaimBuster sentences from US presidential debates), "
                    "train and dev splits; Hasanain et al., Overview of the CLEF-2024 CheckThat! Lab Task 1 on "
                    "Check-Worthiness Estimation of Multigenre Content, CLEF 2024. Research use with citation.",
            "files": ["CT24_checkworthy_english_train.tsv", "CT24_checkworthy_english_dev.tsv"],
            "trained": dt.date.today().isoformat(),
            "method": f"L2-regularised logistic regression (l2={args.l2}), full-batch gradient descent, {args.epochs} epochs, lr={args.lr}",
            "features": names,
            "feature_counts_train": counts,
            "train_size": len(train),
            "dev_size": len(dev),
            "threshold_choice": "maximises dev F1 of the positive class over thresholds 0.05..0.95",
            "dev": best,
            "train": train_m,
            "dev_previous_hand_weights": old_m,
            "dev_previous_hand_weights_best_threshold": old_best,
            "caveat": "Debate transcripts, not news: the positive rate and style differ from articles; the weights "
                      "rank sentences, editors still see and can override every not-checkworthy claim.",
        },
    }
    args.out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"dev": best, "train": train_m, "dev_old_hand_weights": old_m, "dev_old_best_threshold": old_best,
                      "weights": payload["weights"]}, indent=1))


if __name__ == "__main__":
    main()
