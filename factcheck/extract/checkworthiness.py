"""Check-worthiness: a 0–1 score from named features, so an editor can see why a claim was (not) picked.

A logistic combination of interpretable features. The weights and the threshold are data
(``checkworthiness_weights.json``, fitted by ``scripts/train_checkworthiness.py`` on CLEF-2024 CheckThat! Task 1
English; its ``provenance`` block records the data, date, features and dev metrics). Claims scoring below
``CHECKWORTHY_THRESHOLD`` are recorded with status ``not-checkworthy`` for an editor to override.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("checkworthiness_weights.json")
_DATA = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))

CHECKWORTHY_THRESHOLD: float = float(_DATA["threshold"])
WEIGHTS: dict[str, float] = {name: float(w) for name, w in _DATA["weights"].items()}


def score(features: dict[str, float]) -> float:
    """The check-worthiness score for a set of feature values (each 0 or 1); unknown features weigh nothing."""
    z = WEIGHTS.get("bias", 0.0) + sum(WEIGHTS.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-z))
