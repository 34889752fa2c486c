"""Check-worthiness: a calibrated 0–1 score for a claim, with the terms and features that drove it.

The default model is a logistic regression over two blocks, fitted by ``scripts/train_checkworthiness.py`` on
CLEF-2024 CheckThat! Task 1 English and shipped as data (``checkworthiness_model.json``; its ``provenance``
block records the data, date, features, cross-validated and dev metrics):

- word unigrams and bigrams of the claim's text (``terms``: ASCII letters lower-cased, every digit read as 0,
  any other character a separator), each present/absent, weighted by idf, the block L2-normalised;
- the hand features the claim extraction computes (``number``, ``date``, ``opinion`` …), 0 or 1.

The same function (``terms``) makes the terms at training time, so the score here reproduces the training
library's probabilities (a test checks it on sentences stored with the model). The raw logistic output is then
Platt-scaled (the ``calibration`` pair, fitted on out-of-fold scores at training time), so the score reads as a
probability. Claims scoring below the threshold (the model's cross-validated one, or ``[checkworthiness]
threshold`` in ``factcheck.toml``) get status ``not-checkworthy`` for an editor to override.

Pure Python, no runtime dependency, and cheap: a claim's words are one ``bytes.translate`` and ``split``, its
unigrams and bigrams one set, each looked up once; the vocabulary is stored in explanation order, so the known
terms sorted by rank are both the explanation and a summation order that does not depend on the hash seed.
The vocabulary keeps terms seen in at least 5 training sentences (a third of min_df 2's, level in
cross-validation over whole debates, and cheaper to look up). Character n-grams were measured in the first round
(cross-validated F1 +0.00 to +0.01 over words alone) but cost four times the whole extraction in pure Python: see
docs/bench/checkworthy.md.
"""

from __future__ import annotations

import functools
import json
import math
import operator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from factcheck.config import CHECKWORTHINESS_MODELS
from factcheck.extract.scoring import Scored, sigmoid

MODEL_FILE = Path(__file__).with_name("checkworthiness_model.json")
# Terms shown in a claim's ``checkworthiness.terms``: the word n-grams (with a letter) with the largest effect on
# its log-odds.
EXPLAIN_TERMS = 3


def _term_byte(code: int) -> int:
    char = chr(code)
    if "0" <= char <= "9":
        return ord("0")
    return ord(char.lower()) if code < 128 and (char.isalpha() or char == "_") else ord(" ")


# bytes.translate table: an ASCII letter to its small letter, a digit to "0", "_" to itself, anything else (every
# byte of a non-ASCII character too: text is encoded with "?" for each) to a space.
_TERM_BYTES = bytes(map(_term_byte, range(256)))


def tokens(text: str) -> list[bytes]:
    """The claim's words as the model reads them: ``b"unemployment"``, ``b"0"`` (for "4"), ``b"s"`` (of "'s")."""
    return text.encode("ascii", "replace").translate(_TERM_BYTES).split()


def terms(text: str) -> list[str]:
    """Word unigrams and bigrams (joined by a space), each once, in a fixed order (training's vocabulary)."""
    words = [w.decode() for w in tokens(text)]
    return sorted({*words, *map(" ".join, zip(words, words[1:]))})


# A bigram's words joined as the vocabulary writes them (one space): a bigram key is one bytes object, so a look-up
# that finds it compares one object, where a pair of words would compare the pair and both words (the vocabulary
# is large and mostly out of the CPU cache by the time claims are scored: each object touched is a cache miss).
_JOIN = b" ".join


def rank_key(term: str, weight: float) -> tuple:
    """Where a term stands when a claim's explanation picks its terms: terms with a letter first (the others are
    never shown), then the larger |coef·idf|, then the term. The training script writes the vocabulary in this
    order, so a term's place in the file is its rank and loading sorts nothing."""
    return (not any(ch.isalpha() for ch in term), -abs(weight), term)


_RANK = operator.itemgetter(0)
_WEIGHT = operator.itemgetter(1)
_SQUARE = operator.itemgetter(2)


class NgramModel:
    """The shipped word n-gram + hand-feature logistic regression, read from its JSON file."""

    name = "ngram"

    def __init__(self, data: dict) -> None:
        self.data = data
        self.threshold = float(data["threshold"])
        self.intercept = float(data["intercept"])
        self.calibration = tuple(map(float, data["calibration"]))  # (a, b): p = sigmoid(a·z + b)
        block = data["word"]
        names = block["terms"]
        # One look-up per term of a claim (its bytes) finds (rank, coef·idf, idf², term): the vocabulary is large,
        # and each look-up is most of a term's cost. Rank is the place in the file (``rank_key`` order): a claim's
        # known terms sorted are in explanation order, and summed in that order the floats do not depend on the
        # process's hash seed (a claim's terms are a set).
        self.vocabulary = {
            t.encode(): (place, c * i, i * i, t)
            for place, (t, c, i) in enumerate(zip(names, block["coef"], block["idf"]))
        }
        # the terms with a letter (shown in explanations) come first: their ranks are below this
        self.shown = next((j for j, t in enumerate(names) if not any(ch.isalpha() for ch in t)), len(names))
        self.hand = {k: float(v) for k, v in data["hand"].items()}

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> NgramModel:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def known_terms(self, text: str) -> list[tuple[int, float, float, str]]:
        """The model's terms among the claim's word unigrams and bigrams (each once), in rank order."""
        words = tokens(text)
        known = filter(None, map(self.vocabulary.get, {*words, *map(_JOIN, zip(words, words[1:]))}))
        # Ranks are unique, so sorting by the rank alone gives the order sorting the tuples gave; the sort then
        # compares ints in C instead of tuples item by item (7% fewer instructions for the whole scorer).
        return sorted(known, key=_RANK)

    def _evidence(self, known: list, features: dict[str, float]) -> tuple[float, float]:
        """The claim's log-odds without the intercept (its term block over the block's norm, plus the hand
        features) and the norm."""
        square = sum(map(_SQUARE, known))
        norm = math.sqrt(square) if square else 1.0
        z = sum(map(_WEIGHT, known)) / norm
        hand = self.hand
        for name, value in features.items():
            z += hand.get(name, 0.0) * value
        return z, norm

    def logit(self, text: str, features: dict[str, float]) -> float:
        """The uncalibrated log-odds (what the training library's decision_function gives)."""
        return self.intercept + self._evidence(self.known_terms(text), features)[0]

    def raw_probability(self, text: str, features: dict[str, float]) -> float:
        """The logistic regression's own probability (what the training library's predict_proba gives)."""
        return sigmoid(self.logit(text, features))

    def score(self, text: str, features: dict[str, float]) -> Scored:
        return self.score_many([text], [features])[0]

    def score_many(self, texts: list[str], features: list[dict[str, float]]) -> list[Scored]:
        """Calibrated scores, and explanations: the first EXPLAIN_TERMS known terms (or all when fewer), kept
        when they have a letter."""
        a, b = self.calibration
        a_intercept = a * self.intercept + b  # sigmoid(a·(intercept + z) + b), the intercept folded in once
        shown = self.shown
        out = []
        for text, feats in zip(texts, features):
            known = self.known_terms(text)
            z, norm = self._evidence(known, feats)
            out.append(
                Scored(
                    sigmoid(a * z + a_intercept),
                    {t[3]: round(t[1] / norm, 2) for t in known[:EXPLAIN_TERMS] if t[0] < shown},
                )
            )
        return out


@functools.cache
def default_model() -> NgramModel:
    """The shipped model (read once per process)."""
    return NgramModel.load()


class CheckworthinessModel(Protocol):
    """What the claim extraction asks of a model: its threshold and calibrated scores for a batch of claims."""

    name: str
    threshold: float

    def score_many(self, texts: list[str], features: list[dict[str, float]]) -> list[Scored]: ...


@functools.cache
def _minilm():
    from factcheck.extract.minilm import MiniLMModel

    return MiniLMModel.load()


# one loader per name in config.CHECKWORTHINESS_MODELS (what factcheck.toml may say)
_LOADERS = {"ngram": default_model, "minilm": _minilm}


def load_model(name: str = "ngram") -> CheckworthinessModel:
    """The check-worthiness model a desk selected in ``factcheck.toml`` (``[checkworthiness] model``)."""
    try:
        return _LOADERS[name]()
    except KeyError:
        raise ValueError(
            f"unknown check-worthiness model {name!r}; expected one of {', '.join(CHECKWORTHINESS_MODELS)}"
        ) from None


@dataclass(frozen=True)
class CheckworthinessSettings:
    """Which model scores claims and the threshold below which a claim is ``not-checkworthy`` (None: the
    model's own, chosen by cross-validation at training time). From ``[checkworthiness]`` in factcheck.toml."""

    model_name: str = "ngram"
    threshold: float | None = None

    def model(self) -> CheckworthinessModel:
        return load_model(self.model_name)
