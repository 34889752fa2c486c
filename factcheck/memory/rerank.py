"""Second stage: re-rank the BM25 candidates by the evidence both claims carry, with a logistic model.

A candidate's features compare the query's evidence with the record's: how much of each one's content words the
other holds, the entities they share or that only the record names, and whether their numbers and years agree (a
different number or year is a strong sign of a different claim). ``rerank_weights.json`` holds the weights and the
flagging threshold, fitted and calibrated by ``bench/eval_memory.py --fit`` (see docs/bench/memory.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from factcheck.memory.model import Evidence

FEATURES = (
    "bm25_relative",
    "bm25_log",
    "record_words_covered",
    "query_words_covered",
    "record_idf_covered",
    "query_idf_covered",
    "idf_covered_both",
    "fuzzy",
    "shorter_side_words",
    "entities_shared",
    "record_entities_missing",
    "numbers_shared",
    "numbers_differ",
    "years_shared",
    "years_differ",
)


# Features that compare the record with the other candidates (BM25 relative to the best, BM25's raw size) order
# the candidates well but say nothing about whether the best one is the same claim (in a memory of one record it
# is always "the best"): the match model, whose score is reported and thresholded, does without them.
RELATIVE_FEATURES = frozenset({"bm25_relative", "bm25_log"})


@dataclass(frozen=True)
class Model:
    """A logistic model: ``sigmoid(bias + sum(weights[f] * feature f))``."""

    bias: float
    weights: dict[str, float]

    def score(self, features: list[float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in zip(FEATURES, features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Weights:
    """``rank`` orders a query's candidates; ``match`` is the probability that a candidate is the same claim (the
    score shown and compared with ``threshold``); ``candidates``: how many BM25 results are re-ranked; ``gate``: the
    review's shortcut, the least best-BM25-score, as a share of the claim's IDF mass, worth re-ranking."""

    rank: Model
    match: Model
    threshold: float
    candidates: int = 30
    gate: float = 0.0
    min_overlap: float = 0.0
    review_candidates: int = 10


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The fitted weights shipped with the package."""
    data = json.loads(resources.files("factcheck.memory").joinpath("rerank_weights.json").read_text(encoding="utf-8"))
    return Weights(
        rank=Model(data["rank"]["bias"], data["rank"]["weights"]),
        match=Model(data["match"]["bias"], data["match"]["weights"]),
        threshold=data["threshold"],
        candidates=data.get("candidates", 30),
        gate=data.get("gate", 0.0),
        min_overlap=data.get("min_overlap", 0.0),
        review_candidates=data.get("review_candidates", 10),
    )


def features(
    query: Evidence,
    record: Evidence,
    bm25: float,
    top_bm25: float,
    idf: Callable[[str], float],
    query_text: str,
    record_text: str,
    query_idf: float | None = None,
    record_idf: float | None = None,
) -> list[float]:
    """The feature vector of one (query, record) pair, in the order of ``FEATURES``. ``idf``: a word's inverse
    document frequency in the memory (rare words weigh more in the coverage features); ``query_idf`` and
    ``record_idf``, the sums of it over each side's words, when the caller has them already."""
    qw, rw = set(query.words), set(record.words)
    shared = qw & rw
    common = len(shared)
    shared_idf = sum(map(idf, shared))
    q_idf = sum(map(idf, qw)) if query_idf is None else query_idf
    r_idf = sum(map(idf, rw)) if record_idf is None else record_idf
    qe, re_ = set(query.entities), set(record.entities)
    qn, rn = set(query.numbers), set(record.numbers)
    qy, ry = set(query.years), set(record.years)
    return [
        bm25 / top_bm25 if top_bm25 > 0 else 0.0,
        math.log1p(max(bm25, 0.0)),
        common / len(rw) if rw else 0.0,
        common / len(qw) if qw else 0.0,
        shared_idf / r_idf if r_idf > 0 else 0.0,
        shared_idf / q_idf if q_idf > 0 else 0.0,
        2 * shared_idf / (q_idf + r_idf) if q_idf + r_idf > 0 else 0.0,  # both sides covered (harmonic mean)
        fuzz.token_set_ratio(query_text, record_text, processor=default_process) / 100.0,
        min(len(qw), len(rw), 12) / 12.0,  # a claim of two words "matches" anything that holds them
        float(min(len(qe & re_), 3)) / 3.0,
        float(min(len(re_ - qe), 3)) / 3.0,
        1.0 if qn & rn else 0.0,
        1.0 if qn and rn and not qn & rn else 0.0,
        1.0 if qy & ry else 0.0,
        1.0 if qy and ry and not qy & ry else 0.0,
    ]
