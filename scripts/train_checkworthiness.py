"""Train the check-worthiness model on CLEF CheckThat! 2024 Task 1 English and write it as data.

Usage (scikit-learn at training time only: ``pip install 'factcheck[train]'``):
    .venv/bin/python scripts/train_checkworthiness.py ../shared/data/checkworthiness \
        [--out factcheck/extract/checkworthiness_model.json] [--c 0.5,1,2] [--folds 5]

DATA holds CT24_checkworthy_english_train.tsv and CT24_checkworthy_english_dev.tsv (columns Sentence_id, Text,
class_label Yes/No; Hasanain et al., CLEF 2024 CheckThat! Lab, research use with citation).

What it does, in order (every choice is made on train; dev is only reported):
1. Terms and hand features for every sentence: word 1–2-grams made by the runtime's own function
   (``factcheck.extract.checkworthiness.terms``), and the hand features
   (``factcheck.extract.claims.features_for``) of the sentence as one claim, over the mentions the review finds
   in it (``factcheck.pipeline.article_mentions``).
2. For each candidate (C in ``--c``; with and without the hand features): stratified k-fold cross-validation on
   train; the vectorisers (vocabulary, idf) are fitted inside each fold; out-of-fold probabilities collected.
3. The candidate with the best mean fold F1 (at the threshold that maximises out-of-fold F1) wins; a Platt
   scaling (logistic regression on the out-of-fold log-odds) is fitted on its out-of-fold scores and the
   threshold is re-read on the calibrated scale.
4. The winner is refitted on all of train and written with provenance: the CV F1 (mean ± sd over folds), dev
   F1 at the CV threshold, dev F1 of the previous shipped model (``--previous``) side by side, reliability
   tables (out-of-fold on train, and dev), and a few invented sentences with the probabilities scikit-learn
   gives them, which ``tests/test_checkworthiness_model.py`` checks the pure-Python scorer reproduces.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, train_test_split

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.article import article_from_text  # noqa: E402
from factcheck.extract.checkworthiness import sigmoid, terms  # noqa: E402
from factcheck.extract.claims import HAND_FEATURES, features_for  # noqa: E402
from factcheck.pipeline import article_mentions, default_knowledge_base  # noqa: E402
from factcheck.text.segment import segment  # noqa: E402

# Invented sentences (not from the data) whose training-library probabilities are stored with the model.
PROBES = [
    "Unemployment fell to 4.2 percent in March, the lowest rate since 2008.",
    "I think that we should all be very hopeful about it.",
    "He has never offered a plan to balance the budget.",
    "Thank you very much, it is great to be here tonight.",
    "The senator voted against the defence bill three times in 1996.",
    "Our country spends more on health care than any other nation in the world.",
    "What would you do about it?",
    "Zürich’s café owners say prices rose 12% since last year.",
]
WORD_MIN_DF = 2


def read_tsv(path: Path) -> tuple[list[str], np.ndarray]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(r["Text"], 1 if r["class_label"].strip() == "Yes" else 0) for r in csv.DictReader(handle, delimiter="\t")]
    return [t for t, _ in rows], np.array([y for _, y in rows])


def hand_features(text: str, kb) -> dict[str, float]:
    """The claim features of the sentence as one claim: its mentions as the review finds them, its words."""
    return features_for(text, article_mentions(segment(article_from_text(text)), kb))


def sample(texts: list[str], y: np.ndarray, size: int, seed: int) -> tuple[list[str], np.ndarray]:
    """A stratified random sample of the sentences, in file order."""
    idx, _ = train_test_split(np.arange(len(texts)), train_size=size, stratify=y, random_state=seed)
    idx = sorted(idx)
    return [texts[i] for i in idx], y[idx]


def _identity(terms):
    return terms


class Featuriser:
    """The word TF-IDF block (binary presence, smooth idf, L2 norm) over precomputed term lists, plus the 0/1
    hand-feature columns: the exact representation the runtime scorer computes."""

    def __init__(self, hand: bool) -> None:
        self.hand = hand
        self.word = TfidfVectorizer(analyzer=_identity, binary=True, min_df=WORD_MIN_DF, lowercase=False)

    def fit_transform(self, docs):
        return self._with_hand([self.word.fit_transform([d["word"] for d in docs])], docs)

    def transform(self, docs):
        return self._with_hand([self.word.transform([d["word"] for d in docs])], docs)

    def _with_hand(self, blocks, docs):
        if self.hand:
            blocks.append(csr_matrix(np.array([[d["hand"].get(f, 0.0) for f in HAND_FEATURES] for d in docs])))
        return hstack(blocks).tocsr()


def doc(text: str, kb) -> dict:
    return {"word": terms(text), "hand": hand_features(text, kb)}


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The threshold (0.01 grid) that maximises F1; ties go to the higher threshold."""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    f1s = [f1_score(y, p >= t, zero_division=0) for t in grid]
    i = max(range(len(grid)), key=lambda k: (round(f1s[k], 6), grid[k]))
    return float(grid[i]), float(f1s[i])


def metrics(p: np.ndarray, y: np.ndarray, t: float) -> dict:
    pred = p >= t
    return {
        "f1": round(float(f1_score(y, pred, zero_division=0)), 3),
        "precision": round(float(precision_score(y, pred, zero_division=0)), 3),
        "recall": round(float(recall_score(y, pred, zero_division=0)), 3),
        "threshold": t,
    }


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    """Per score bin: how many sentences, their mean score, and the share that is check-worthy."""
    out = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        mask = (p >= lo) & ((p < hi) if k < bins - 1 else (p <= hi))
        if mask.any():
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(mask.sum()), "mean_score": round(float(p[mask].mean()), 3),
                        "positive_rate": round(float(y[mask].mean()), 3)})
    return out


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


def cross_validate(docs, y, *, c: float, hand: bool, folds: int, seed: int):
    """Out-of-fold probabilities and the fold indices."""
    skf = StratifiedKFold(folds, shuffle=True, random_state=seed)
    oof = np.zeros(len(y))
    splits = list(skf.split(np.zeros(len(y)), y))
    for train_idx, test_idx in splits:
        feats = Featuriser(hand)
        xtr = feats.fit_transform([docs[i] for i in train_idx])
        model = LogisticRegression(C=c, max_iter=3000).fit(xtr, y[train_idx])
        oof[test_idx] = model.predict_proba(feats.transform([docs[i] for i in test_idx]))[:, 1]
    return oof, splits


def previous_model(path: Path, texts_docs) -> list[float] | None:
    """Scores of the previous shipped hand-feature model (``checkworthiness_weights.json``), if given."""
    if not path or not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    w = data["weights"]
    return [sigmoid(w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in d["hand"].items())) for d in texts_docs], data["threshold"]


def block(vectoriser: TfidfVectorizer, coef: np.ndarray) -> dict:
    terms = vectoriser.get_feature_names_out()
    return {"terms": [str(t) for t in terms], "idf": [float(f"{v:.6g}") for v in vectoriser.idf_],
            "coef": [float(f"{v:.6g}") for v in coef]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "factcheck" / "extract" / "checkworthiness_model.json")
    ap.add_argument("--c", default="0.5,1,2", help="inverse regularisation strengths to try (comma-separated)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=0,
                    help="fit on a stratified random sample of train of this size (to compare with the MiniLM head)")
    ap.add_argument("--previous", type=Path, default=None,
                    help="the previous model's weights JSON (git show REV:factcheck/extract/checkworthiness_weights.json)")
    args = ap.parse_args()

    t0 = time.time()
    kb = default_knowledge_base()
    train_texts, ytr = read_tsv(args.data / "CT24_checkworthy_english_train.tsv")
    dev_texts, ydv = read_tsv(args.data / "CT24_checkworthy_english_dev.tsv")
    if 0 < args.sample < len(train_texts):
        train_texts, ytr = sample(train_texts, ytr, args.sample, args.seed)
    print(f"train {len(ytr)} ({ytr.sum()} Yes), dev {len(ydv)} ({ydv.sum()} Yes); terms and hand features …", file=sys.stderr)
    dtr = [doc(t, kb) for t in train_texts]
    ddv = [doc(t, kb) for t in dev_texts]

    candidates = []
    for hand in (False, True):
        for c in [float(x) for x in args.c.split(",")]:
            oof, splits = cross_validate(dtr, ytr, c=c, hand=hand, folds=args.folds, seed=args.seed)
            thr, _ = best_threshold(oof, ytr)
            per_fold = [f1_score(ytr[te], oof[te] >= thr) for _, te in splits]
            cand = {"C": c, "hand_features": hand, "threshold_raw": thr,
                    "cv_f1_mean": round(float(np.mean(per_fold)), 3), "cv_f1_sd": round(float(np.std(per_fold)), 3)}
            candidates.append((cand, oof, splits))
            print(json.dumps(cand), f"{time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    best, oof, splits = max(candidates, key=lambda x: (x[0]["cv_f1_mean"], -x[0]["C"]))

    # Platt scaling on the out-of-fold log-odds; the threshold re-read on the calibrated scale.
    platt = LogisticRegression(C=1e6).fit(logit(oof).reshape(-1, 1), ytr)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    oof_cal = np.array([sigmoid(a * z + b) for z in logit(oof)])
    threshold, _ = best_threshold(oof_cal, ytr)
    per_fold = [f1_score(ytr[te], oof_cal[te] >= threshold) for _, te in splits]

    feats = Featuriser(best["hand_features"])
    model = LogisticRegression(C=best["C"], max_iter=3000).fit(feats.fit_transform(dtr), ytr)
    dev_raw = model.predict_proba(feats.transform(ddv))[:, 1]
    dev_cal = np.array([sigmoid(a * z + b) for z in logit(dev_raw)])
    nw = len(feats.word.idf_)
    coef = model.coef_[0]
    hand = {f: float(f"{coef[nw + i]:.6g}") for i, f in enumerate(HAND_FEATURES)} if best["hand_features"] else {}

    probe_docs = [doc(t, kb) for t in PROBES]
    probe_raw = model.predict_proba(feats.transform(probe_docs))[:, 1]
    probes = [{"text": t, "hand": d["hand"], "probability": float(p)} for t, d, p in zip(PROBES, probe_docs, probe_raw)]

    previous = previous_model(args.previous, dtr) if args.previous else None
    prev_report = None
    if previous:
        prev_train, prev_thr = previous
        prev_dev, _ = previous_model(args.previous, ddv)
        prev_report = {"train": metrics(np.array(prev_train), ytr, prev_thr), "dev": metrics(np.array(prev_dev), ydv, prev_thr)}

    payload = {
        "description": "Check-worthiness model for factcheck.extract.checkworthiness; written by scripts/train_checkworthiness.py",
        "model": "ngram",
        "threshold": threshold,
        "intercept": float(f"{model.intercept_[0]:.6g}"),
        "calibration": [round(a, 6), round(b, 6)],
        "hand": hand,
        "provenance": {
            "data": "CLEF-2024 CheckThat! Lab Task 1 English (ClaimBuster sentences from US presidential debates), "
                    "train split for fitting, cross-validation and the threshold; dev split only reported. "
                    "Hasanain et al., Overview of the CLEF-2024 CheckThat! Lab Task 1 on Check-Worthiness "
                    "Estimation of Multigenre Content, CLEF 2024. Research use with citation.",
            "files": ["CT24_checkworthy_english_train.tsv", "CT24_checkworthy_english_dev.tsv"],
            "trained": dt.date.today().isoformat(),
            "features": f"word 1-2-grams (min_df {WORD_MIN_DF}, {nw} terms; ASCII letters lower-cased, digits read "
                        "as 0, other characters separate words), binary, smooth idf, L2-normalised"
                        + (f"; hand features {list(HAND_FEATURES)}" if best["hand_features"] else ""),
            "method": f"scikit-learn LogisticRegression(C={best['C']}, lbfgs); Platt scaling on {args.folds}-fold "
                      "out-of-fold log-odds; threshold maximises out-of-fold F1 (0.01 grid)",
            "train_size": len(ytr),
            "dev_size": len(ydv),
            "candidates": [c for c, _, _ in candidates],
            "cv": {"folds": args.folds, "seed": args.seed, "f1_mean": round(float(np.mean(per_fold)), 3),
                   "f1_sd": round(float(np.std(per_fold)), 3), **{k: v for k, v in metrics(oof_cal, ytr, threshold).items() if k != "f1"},
                   "f1_pooled": metrics(oof_cal, ytr, threshold)["f1"]},
            "dev": metrics(dev_cal, ydv, threshold),
            "dev_best_threshold_not_used": dict(zip(("threshold", "f1"), best_threshold(dev_cal, ydv))),
            "previous_model": prev_report,
            "reliability_oof_train": reliability(oof_cal, ytr),
            "reliability_dev": reliability(dev_cal, ydv),
            "caveat": "Debate transcripts, not news: the positive rate and style differ from articles; editors "
                      "still see and can override every not-checkworthy claim.",
        },
        "probes": probes,
        "word": block(feats.word, coef[:nw]),
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    summary = {k: payload["provenance"][k] for k in ("candidates", "cv", "dev", "dev_best_threshold_not_used", "previous_model",
                                                      "reliability_dev")}
    print(json.dumps(summary, indent=1))
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.2f} MB, {time.time() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
