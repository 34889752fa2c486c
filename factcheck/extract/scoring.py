"""What every check-worthiness model gives a claim: a calibrated score and the terms behind it."""

from __future__ import annotations

import math
from dataclasses import dataclass


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@dataclass(frozen=True)
class Scored:
    """A claim's score (calibrated probability) and the word terms with the largest effect on its log-odds."""

    score: float
    terms: dict[str, float]
