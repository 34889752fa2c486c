"""Check-worthiness: a 0–1 score from named features, so an editor can see why a claim was (not) picked.

A logistic combination of interpretable features. The weights are data (``WEIGHTS``), not buried in code;
claims below ``CHECKWORTHY_THRESHOLD`` are recorded with status ``not-checkworthy`` for an editor to override.
"""

from __future__ import annotations

import math

CHECKWORTHY_THRESHOLD = 0.5

WEIGHTS: dict[str, float] = {
    "bias": -1.2,
    "number": 1.1,
    "date": 0.5,
    "named_entity": 0.8,
    "role": 1.0,
    "quote": 0.6,
    "attribution": 0.4,
    "event": 0.7,
    "superlative": 0.6,
    "comparison": 0.5,
    "prediction": -0.3,
    "opinion": -1.4,
    "hedge": -0.3,
    "short": -1.5,
    "question": -1.0,
}


def score(features: dict[str, float]) -> float:
    """The check-worthiness score for a set of feature values (each 0 or 1)."""
    z = WEIGHTS["bias"] + sum(WEIGHTS.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-z))
