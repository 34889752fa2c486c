"""What every check-worthiness model gives a claim: a calibrated score and the terms behind it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# round_cents leaves values this large (and NaN, infinities) to ``round``: below it, v·100 is far inside the range
# where every half (k + 0.5) is a float and ``rint`` is exact.
_CENTS_RANGE = 2.0**40


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def round_cents(values: Sequence[float]) -> list[float]:
    """``[round(v, 2) for v in values]``, the same floats, with a few numpy calls for the whole list (a claim's
    scores, an article's explanation shares) instead of one ``round`` each (a decimal conversion and back).

    ``round(v, 2)`` is the float nearest to K/100, K the integer nearest to the exact v·100 (ties to even). The
    float product v·100 is rounded to the nearest float, so it stays on the same side of every half k + 0.5 (a
    float here): unless it lands exactly on one, its ``rint`` is K, and K/100 divided in floats is the float
    nearest to K/100. A product landing on a half (the exact one may lie on either side of it) is left to
    ``round``, and so is a list with a value out of ``_CENTS_RANGE`` (or NaN).
    """
    import numpy as np  # imported with the check-worthiness model already

    if not values:
        return []
    v = np.asarray(values, dtype=np.float64)
    if not np.abs(v).max() < _CENTS_RANGE:
        return [round(x, 2) for x in values]
    scaled = v * 100.0
    cents = np.rint(scaled)
    out = (cents / 100.0).tolist()
    for i in np.flatnonzero(np.abs(scaled - cents) == 0.5).tolist():
        out[i] = round(values[i], 2)
    return out


@dataclass(frozen=True)
class Scored:
    """A claim's score (calibrated probability) and the word terms with the largest effect on its log-odds."""

    score: float
    terms: dict[str, float]
