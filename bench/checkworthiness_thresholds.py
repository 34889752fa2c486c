"""Dev F1, precision and recall of the shipped check-worthiness model at several thresholds (the runtime scorer).

Usage:
    .venv/bin/python bench/checkworthiness_thresholds.py ../shared/data/checkworthiness [--thresholds 0.2,0.31,0.5,0.7] \
        [--model MODEL.json]

Each dev sentence is scored by the runtime scorer (``factcheck.extract.checkworthiness.NgramModel``; the shipped
model, or ``--model``) with the hand features of the sentence as one claim (as at training time). Prints one line
per threshold; no tuning happens here. The shipped model is fitted on train and dev (``--with-dev``), so its dev
figures are in-sample: pass a train-only model (``train_checkworthiness.py`` without ``--with-dev``) to measure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_checkworthiness import hand_features, metrics, read_tsv  # noqa: E402

from factcheck.extract.checkworthiness import NgramModel, default_model  # noqa: E402
from factcheck.pipeline import default_knowledge_base  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--thresholds", default="0.2,0.31,0.5,0.7")
    ap.add_argument("--model", type=Path, default=None, help="a model file (default: the shipped one)")
    args = ap.parse_args()
    import numpy as np

    kb = default_knowledge_base()
    model = NgramModel.load(args.model) if args.model else default_model()
    if "train and dev" in model.data["provenance"].get("method", ""):
        print("note: this model was fitted on dev too: the figures below are in-sample", file=sys.stderr)
    texts, y = read_tsv(args.data / "CT24_checkworthy_english_dev.tsv")
    scores = np.array([model.score(t, hand_features(t, kb)).score for t in texts])
    for threshold in (float(t) for t in args.thresholds.split(",")):
        print(metrics(scores, y, threshold))


if __name__ == "__main__":
    main()
