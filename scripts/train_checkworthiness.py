"""Train the check-worthiness model on CLEF CheckThat! 2024 Task 1 English and write it as data.

Usage (scikit-learn at training time only: ``pip install 'factcheck[train]'``):
    .venv/bin/python scripts/train_checkworthiness.py ../shared/data/checkworthiness \
        [--out factcheck/extract/checkworthiness_model.json] [--c 2,4,8] [--min-df 2,5] [--folds 5] [--with-dev]

DATA holds CT24_checkworthy_english_train.tsv and CT24_checkworthy_english_dev.tsv (columns Sentence_id, Text,
class_label Yes/No; Hasanain et al., CLEF 2024 CheckThat! Lab, research use with citation).

Sentence_id is ClaimBuster's sentence number: consecutive sentences of one debate have consecutive ids, and the
debates lie in blocks of ids (not in date order: the 1960 Kennedy-Nixon debates near 7,500-8,500 and
12,500-13,300, the 2016 Clinton-Trump debates from 29,000 on). A random split puts sentences of the same debate
(same speakers, same topics, the same phrases repeated) on both sides, which flatters a model that memorises
topics; new text is other debates, other years, other genres. So models are chosen by **grouped**
cross-validation: the train sentences in id order cut into ``--folds`` contiguous blocks (each a run of whole
debates, cut at most at its two edges). Random stratified k-fold is reported beside it, as is one period split:
trained on ids below 29,000, tested on the 2016 debates.

What it does, in order (every choice is made on train; dev is only reported):
1. Terms and hand features for every sentence: word 1–2-grams made by the runtime's own function
   (``factcheck.extract.checkworthiness.terms``), and the hand features
   (``factcheck.extract.claims.features_for``) of the sentence as one claim, over the mentions the review finds
   in it (``factcheck.pipeline.article_mentions``).
2. For each candidate (C in ``--c``, minimum document frequency in ``--min-df``, with and without the hand
   features): grouped and random k-fold cross-validation on train; the vectoriser (vocabulary, idf) is fitted
   inside each fold; out-of-fold probabilities collected.
3. The candidate with the best mean grouped-fold F1 (at the threshold that maximises its out-of-fold F1) wins; a
   Platt scaling (logistic regression on its grouped out-of-fold log-odds) is fitted and the threshold re-read
   on the calibrated scale.
4. Dev F1 is measured with the winner fitted on train alone. The shipped model is the winner refitted on train
   (with ``--with-dev``: on train and dev; calibration and threshold stay those of grouped CV on train) and
   written with provenance: grouped and random CV F1 (mean ± sd over folds), the period split, dev F1 at the CV
   threshold, reliability tables (grouped out-of-fold on train, and dev), and a few invented sentences with the
   probabilities scikit-learn gives them, which ``tests/test_checkworthiness_model.py`` checks the pure-Python
   scorer reproduces. The vocabulary is written in the scorer's explanation order (``rank_key``).
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
from factcheck.extract.checkworthiness import rank_key, terms  # noqa: E402
from factcheck.extract.claims import HAND_FEATURES, features_for  # noqa: E402
from factcheck.extract.scoring import sigmoid  # noqa: E402
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
# The 2016 debates (Clinton, Trump; ISIS) have the ids from here on: the period split's test side.
PERIOD_START_ID = 29000


def read_split(path: Path) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Sentence ids, texts and 0/1 labels of one TSV split."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(int(r["Sentence_id"]), r["Text"], 1 if r["class_label"].strip() == "Yes" else 0)
                for r in csv.DictReader(handle, delimiter="\t")]
    return np.array([i for i, _, _ in rows]), [t for _, t, _ in rows], np.array([y for _, _, y in rows])


def read_tsv(path: Path) -> tuple[list[str], np.ndarray]:
    _, texts, y = read_split(path)
    return texts, y


def debate_folds(ids: np.ndarray, folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Grouped k-fold: the sentences in id order cut into ``folds`` contiguous blocks of equal size (runs of
    whole debates: ids are consecutive within a debate); each block is tested once, trained on the others."""
    block = np.empty(len(ids), dtype=int)
    block[np.argsort(ids, kind="stable")] = np.arange(len(ids)) * folds // len(ids)
    return [(np.flatnonzero(block != k), np.flatnonzero(block == k)) for k in range(folds)]


def random_folds(y: np.ndarray, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))


def period_split(ids: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """One split: trained on the debates before 2016 (by id), tested on the 2016 ones."""
    late = ids >= PERIOD_START_ID
    return [(np.flatnonzero(~late), np.flatnonzero(late))]


def hand_features(text: str, kb) -> dict[str, float]:
    """The claim features of the sentence as one claim: its mentions as the review finds them, its words."""
    return features_for(text, article_mentions(segment(article_from_text(text)), kb))


def sample_indices(y: np.ndarray, size: int, seed: int) -> list[int]:
    """A stratified random sample of the sentences (their indices, in file order)."""
    idx, _ = train_test_split(np.arange(len(y)), train_size=size, stratify=y, random_state=seed)
    return sorted(int(i) for i in idx)


def sample(texts: list[str], y: np.ndarray, size: int, seed: int) -> tuple[list[str], np.ndarray]:
    """A stratified random sample of the sentences, in file order."""
    idx = sample_indices(y, size, seed)
    return [texts[i] for i in idx], y[idx]


def _identity(terms):
    return terms


class Featuriser:
    """The word TF-IDF block (binary presence, smooth idf, L2 norm) over precomputed term lists, plus the 0/1
    hand-feature columns: the exact representation the runtime scorer computes."""

    def __init__(self, hand: bool, min_df: int = 2) -> None:
        self.hand = hand
        self.word = TfidfVectorizer(analyzer=_identity, binary=True, min_df=min_df, lowercase=False)

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


def fit(docs, y, *, c: float, hand: bool, min_df: int):
    feats = Featuriser(hand, min_df)
    return feats, LogisticRegression(C=c, max_iter=3000).fit(feats.fit_transform(docs), y)


def out_of_fold(docs, y, splits, **params) -> np.ndarray:
    """Out-of-fold probabilities (NaN for sentences no split tests); the vectoriser is fitted inside each fold."""
    oof = np.full(len(y), np.nan)
    for train_idx, test_idx in splits:
        feats, model = fit([docs[i] for i in train_idx], y[train_idx], **params)
        oof[test_idx] = model.predict_proba(feats.transform([docs[i] for i in test_idx]))[:, 1]
    return oof


def fold_f1(oof: np.ndarray, y: np.ndarray, splits, threshold: float) -> tuple[float, float]:
    """Mean and sd over folds of the F1 at one threshold."""
    per_fold = [f1_score(y[te], oof[te] >= threshold) for _, te in splits]
    return round(float(np.mean(per_fold)), 3), round(float(np.std(per_fold)), 3)


def evaluate(docs, y, ids, *, folds: int, seed: int, **params) -> tuple[dict, np.ndarray]:
    """Grouped and random CV F1 (each at its own out-of-fold threshold), the period split's F1 at the grouped
    threshold; and the grouped out-of-fold probabilities."""
    grouped = debate_folds(ids, folds)
    oof = out_of_fold(docs, y, grouped, **params)
    threshold, _ = best_threshold(oof, y)
    report = {**params, "grouped": dict(zip(("f1_mean", "f1_sd"), fold_f1(oof, y, grouped, threshold)), threshold=threshold)}
    shuffled = random_folds(y, folds, seed)
    oof_random = out_of_fold(docs, y, shuffled, **params)
    t_random, _ = best_threshold(oof_random, y)
    report["random"] = dict(zip(("f1_mean", "f1_sd"), fold_f1(oof_random, y, shuffled, t_random)), threshold=t_random)
    split = period_split(ids)
    late = out_of_fold(docs, y, split, **params)
    report["period_2016_f1"] = round(float(f1_score(y[split[0][1]], late[split[0][1]] >= threshold)), 3)
    return report, oof


def previous_model(path: Path, texts_docs) -> list[float] | None:
    """Scores of the previous shipped hand-feature model (``checkworthiness_weights.json``), if given."""
    if not path or not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    w = data["weights"]
    return [sigmoid(w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in d["hand"].items())) for d in texts_docs], data["threshold"]


def block(vectoriser: TfidfVectorizer, coef: np.ndarray) -> dict:
    """The vocabulary with idf and weight, in the scorer's explanation order (``rank_key``)."""
    rows = [(str(t), float(f"{i:.6g}"), float(f"{c:.6g}")) for t, i, c in
            zip(vectoriser.get_feature_names_out(), vectoriser.idf_, coef)]
    rows.sort(key=lambda row: rank_key(row[0], row[1] * row[2]))
    return {"terms": [t for t, _, _ in rows], "idf": [i for _, i, _ in rows], "coef": [c for _, _, c in rows]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "factcheck" / "extract" / "checkworthiness_model.json")
    ap.add_argument("--c", default="2,4,8", help="inverse regularisation strengths to try (comma-separated)")
    ap.add_argument("--min-df", default="2", help="minimum document frequencies of a term to try (comma-separated)")
    ap.add_argument("--hand", default="yes,no", help="try with the hand features, without, or both")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--with-dev", action="store_true",
                    help="fit the shipped model on train and dev (dev figures still come from a train-only fit)")
    ap.add_argument("--sample", type=int, default=0,
                    help="fit on a stratified random sample of train of this size (to compare with the MiniLM head)")
    ap.add_argument("--previous", type=Path, default=None,
                    help="the previous model's weights JSON (git show REV:factcheck/extract/checkworthiness_weights.json)")
    args = ap.parse_args()

    t0 = time.time()
    kb = default_knowledge_base()
    ids, train_texts, ytr = read_split(args.data / "CT24_checkworthy_english_train.tsv")
    _, dev_texts, ydv = read_split(args.data / "CT24_checkworthy_english_dev.tsv")
    if 0 < args.sample < len(train_texts):
        keep = sample_indices(ytr, args.sample, args.seed)
        ids, train_texts, ytr = ids[keep], [train_texts[i] for i in keep], ytr[keep]
    print(f"train {len(ytr)} ({ytr.sum()} Yes), dev {len(ydv)} ({ydv.sum()} Yes); terms and hand features …", file=sys.stderr)
    dtr = [doc(t, kb) for t in train_texts]
    ddv = [doc(t, kb) for t in dev_texts]

    candidates = []
    for hand in [h.strip() == "yes" for h in args.hand.split(",")]:
        for min_df in [int(x) for x in args.min_df.split(",")]:
            for c in [float(x) for x in args.c.split(",")]:
                report, oof = evaluate(dtr, ytr, ids, folds=args.folds, seed=args.seed, c=c, hand=hand, min_df=min_df)
                candidates.append((report, oof))
                print(json.dumps(report), f"{time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    # best mean grouped F1; ties to the stronger regularisation, then the smaller vocabulary
    best, oof = max(candidates, key=lambda x: (x[0]["grouped"]["f1_mean"], -x[0]["c"], x[0]["min_df"]))
    params = {k: best[k] for k in ("c", "hand", "min_df")}

    # Platt scaling on the grouped out-of-fold log-odds; the threshold re-read on the calibrated scale.
    platt = LogisticRegression(C=1e6).fit(logit(oof).reshape(-1, 1), ytr)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    oof_cal = calibrated(oof, a, b)
    threshold, _ = best_threshold(oof_cal, ytr)
    grouped = debate_folds(ids, args.folds)

    feats, model = fit(dtr, ytr, **params)  # train only: the dev figures
    dev_cal = calibrated(model.predict_proba(feats.transform(ddv))[:, 1], a, b)
    if args.with_dev:
        feats, model = fit(dtr + ddv, np.concatenate([ytr, ydv]), **params)
    nw = len(feats.word.idf_)
    coef = model.coef_[0]
    hand = {f: float(f"{coef[nw + i]:.6g}") for i, f in enumerate(HAND_FEATURES)} if params["hand"] else {}

    probe_docs = [doc(t, kb) for t in PROBES]
    probe_raw = model.predict_proba(feats.transform(probe_docs))[:, 1]
    probes = [{"text": t, "hand": d["hand"], "probability": float(p)} for t, d, p in zip(PROBES, probe_docs, probe_raw)]

    prev_report = None
    if args.previous:
        previous = previous_model(args.previous, dtr)
        if previous:
            prev_train, prev_thr = previous
            prev_dev, _ = previous_model(args.previous, ddv)
            prev_report = {"train": metrics(np.array(prev_train), ytr, prev_thr), "dev": metrics(np.array(prev_dev), ydv, prev_thr)}

    f1_mean, f1_sd = fold_f1(oof_cal, ytr, grouped, threshold)
    payload = {
        "description": "Check-worthiness model for factcheck.extract.checkworthiness; written by scripts/train_checkworthiness.py",
        "model": "ngram",
        "threshold": threshold,
        "intercept": float(f"{model.intercept_[0]:.6g}"),
        "calibration": [round(a, 6), round(b, 6)],
        "hand": hand,
        "provenance": {
            "data": "CLEF-2024 CheckThat! Lab Task 1 English (ClaimBuster sentences from US presidential debates), "
                    "train split for cross-validation, calibration and the threshold"
                    + ("; the shipped weights fitted on train and dev, the dev figures from a fit on train alone. "
                       if args.with_dev else "; dev split only reported. ")
                    + "Hasanain et al., Overview of the CLEF-2024 CheckThat! Lab Task 1 on Check-Worthiness "
                    "Estimation of Multigenre Content, CLEF 2024. Research use with citation.",
            "files": ["CT24_checkworthy_english_train.tsv", "CT24_checkworthy_english_dev.tsv"],
            "trained": dt.date.today().isoformat(),
            "features": f"word 1-2-grams (min_df {params['min_df']}, {nw} terms; ASCII letters lower-cased, digits read "
                        "as 0, other characters separate words), binary, smooth idf, L2-normalised"
                        + (f"; hand features {list(HAND_FEATURES)}" if params["hand"] else ""),
            "method": f"scikit-learn LogisticRegression(C={params['c']}, lbfgs) on "
                      + ("train and dev" if args.with_dev else "train")
                      + f"; chosen by grouped {args.folds}-fold cross-validation on train (contiguous Sentence_id "
                      "blocks: whole debates); Platt scaling on the grouped out-of-fold log-odds; threshold maximises "
                      "grouped out-of-fold F1 (0.01 grid)",
            "train_size": len(ytr) + (len(ydv) if args.with_dev else 0),
            "dev_size": len(ydv),
            "candidates": [c for c, _ in candidates],
            "cv": {"scheme": "grouped (contiguous Sentence_id blocks)", "folds": args.folds, "f1_mean": f1_mean,
                   "f1_sd": f1_sd, **{k: v for k, v in metrics(oof_cal, ytr, threshold).items() if k != "f1"},
                   "f1_pooled": metrics(oof_cal, ytr, threshold)["f1"]},
            "cv_random": {"folds": args.folds, "seed": args.seed, **best["random"]},
            "period_2016_f1": best["period_2016_f1"],
            "dev": metrics(dev_cal, ydv, threshold),
            "dev_best_threshold_not_used": dict(zip(("threshold", "f1"), (round(v, 3) for v in best_threshold(dev_cal, ydv)))),
            "previous_model": prev_report,
            "reliability_grouped_oof_train": reliability(oof_cal, ytr),
            "reliability_dev": reliability(dev_cal, ydv),
            "caveat": "Debate transcripts, not news: the positive rate and style differ from articles; editors "
                      "still see and can override every not-checkworthy claim.",
        },
        "probes": probes,
        "word": block(feats.word, coef[:nw]),
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    summary = {k: payload["provenance"][k] for k in ("candidates", "cv", "cv_random", "period_2016_f1", "dev",
                                                      "dev_best_threshold_not_used", "previous_model",
                                                      "reliability_grouped_oof_train", "reliability_dev")}
    print(json.dumps(summary, indent=1))
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.2f} MB, {time.time() - t0:.0f}s", file=sys.stderr)


def calibrated(p: np.ndarray, a: float, b: float) -> np.ndarray:
    return np.array([sigmoid(a * z + b) for z in logit(p)])


if __name__ == "__main__":
    main()
