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

Cheap: an article's claims are scored in one batch with numpy (a dependency of the desk memory already), each
word looked up once, the n-grams found by number, a claim's known terms summed in rank order (``NgramModel``); the
vocabulary is stored in explanation order, so the known terms sorted by rank are both the explanation and a
summation order that does not depend on the hash seed.
The vocabulary keeps terms seen in at least 5 training sentences (a third of min_df 2's, level in
cross-validation over whole debates, and cheaper to look up). Character n-grams were measured in the first round
(cross-validated F1 +0.00 to +0.01 over words alone) but cost four times the whole extraction in pure Python: see
docs/bench/checkworthy.md.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
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


def rank_key(term: str, weight: float) -> tuple:
    """Where a term stands when a claim's explanation picks its terms: terms with a letter first (the others are
    never shown), then the larger |coef·idf|, then the term. The training script writes the vocabulary in this
    order, so a term's place in the file is its rank and loading sorts nothing."""
    return (not any(ch.isalpha() for ch in term), -abs(weight), term)


class NgramModel:
    """The shipped word n-gram + hand-feature logistic regression, read from its JSON file.

    A batch (an article's claims) is scored at once with numpy: each word of every claim is looked up once in a
    table of the model's words (a dict of about 4,100 bytes keys, against the 16,100 terms); a unigram term is its
    word's id, a bigram term a number made of its two words' ids, so the claims' n-grams need no joined bytes, set
    or look-up of their own: one ``searchsorted`` in the sorted term numbers finds them all. The (claim, rank)
    pairs, sorted and de-duplicated, give each claim its known terms once each in rank order, and ``bincount``
    adds their weights claim by claim in that order, one float after the other, as Python's ``sum`` did: the
    scores are the same floats. About a quarter fewer instructions than a claim at a time (docs/bench/s10cw.md).
    """

    name = "ngram"

    def __init__(self, data: dict) -> None:
        import numpy as np  # imported with the model (once per process), not with the package

        # The word block's columns (16,100 terms, coefficients, idf) as tuples: kept for the process's life, and
        # a tuple of strings or floats is one the garbage collector stops scanning (a list it scans at every full
        # collection, element by element).
        block = {key: tuple(v) if isinstance(v, list) else v for key, v in data["word"].items()}
        self.data = {**data, "word": block}
        self.threshold = float(data["threshold"])
        self.intercept = float(data["intercept"])
        self.calibration = tuple(map(float, data["calibration"]))  # (a, b): p = sigmoid(a·z + b)
        names = self.names = block["terms"]
        weights = tuple(c * i for c, i in zip(block["coef"], block["idf"]))
        # Rank is the place in the file (``rank_key`` order): a claim's known terms sorted by rank are its
        # explanation order, and summed in that order the floats do not depend on the process's hash seed.
        self.weights = weights  # coef·idf by rank (Python floats, for the explanations)
        self.weight_array = np.asarray(weights, dtype=np.float64)
        self.square_array = np.asarray([i * i for i in block["idf"]], dtype=np.float64)
        # the terms with a letter (shown in explanations) come first: their ranks are below this
        self.shown = next((j for j, t in enumerate(names) if not any(ch.isalpha() for ch in t)), len(names))
        self.hand = {k: float(v) for k, v in data["hand"].items()}
        # Every word of a term gets an id; id len(words) is any other word. A unigram term is found by its word's
        # id (``unigram_rank``: the term's rank, or len(names) for no term), a bigram by its number
        # id1 · (len(words) + 1) + id2 in the sorted bigram numbers: half the look-ups a binary search, in a table
        # of the bigrams alone. Every number fits in 32 bits (about 4,100² at most): half the memory touched.
        words: dict[bytes, int] = {}
        for term in names:
            for word in term.split(" "):
                words.setdefault(word.encode(), len(words))
        self.word_ids = words
        self.other = len(words)
        if (self.other + 1) ** 2 > np.iinfo(np.int32).max:  # a bigram's number would wrap around in 32 bits
            raise ValueError(f"check-worthiness model: {self.other:,} words is more than the 32-bit term table holds")
        none = len(names)
        unigram_rank = [none] * (self.other + 1)
        bigrams: list[tuple[int, int]] = []  # (number, rank)
        for rank, term in enumerate(names):
            ids = [words[w.encode()] for w in term.split(" ")]
            if len(ids) == 1:
                unigram_rank[ids[0]] = rank
            else:
                bigrams.append((ids[0] * (self.other + 1) + ids[1], rank))
        bigrams.sort()
        self.unigram_rank = np.asarray(unigram_rank, dtype=np.int32)
        # sorted bigram numbers, closed by one above them all (so ``searchsorted`` never runs off the end), and
        # each one's rank (the closing one's: no term)
        self.bigram_numbers = np.asarray([number for number, _ in bigrams] + [np.iinfo(np.int32).max], dtype=np.int32)
        self.bigram_rank = np.asarray([rank for _, rank in bigrams] + [none], dtype=np.int32)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> NgramModel:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def _known(self, texts: list[str]) -> tuple[list[float], list[float], list[int], list[int]]:
        """For each text, the sum of coef·idf and the sum of idf² over its known terms (each once, added in rank
        order), and the ranks of all the texts' known terms, text by text in rank order, with where each text's
        start (one more at the end: the total)."""
        import numpy as np

        n = len(texts)
        per = list(map(tokens, texts))
        lengths = list(map(len, per))
        total = sum(lengths)
        ids = np.fromiter(
            map(self.word_ids.get, itertools.chain.from_iterable(per), itertools.repeat(self.other)),
            dtype=np.int32,
            count=total,
        )
        claims = np.arange(n, dtype=np.int64)
        claim = claims.repeat(lengths)
        none = len(self.names)
        # each word's unigram term, then each pair of neighbouring words' bigram term (none across two texts)
        bigrams = ids[:-1] * np.int32(self.other + 1)
        bigrams += ids[1:]
        at = self.bigram_numbers.searchsorted(bigrams)
        bigram_rank = self.bigram_rank[at]
        bigram_rank[(self.bigram_numbers[at] != bigrams) | (claim[:-1] != claim[1:])] = none
        ranks = np.concatenate((self.unigram_rank[ids], bigram_rank))
        known = ranks < none
        # (text, rank) as one number, sorted: by text, then rank; a term found twice in a text counts once
        span = none + 1
        found = np.concatenate((claim, claim[:-1]))[known] * span
        found += ranks[known]
        found.sort()
        if len(found) > 1:
            found = found[np.concatenate(([True], found[1:] != found[:-1]))]
        text_of, rank = np.divmod(found, span)
        weight = np.bincount(text_of, self.weight_array[rank], minlength=n).tolist()
        square = np.bincount(text_of, self.square_array[rank], minlength=n).tolist()
        starts = text_of.searchsorted(claims).tolist()
        starts.append(len(found))
        return weight, square, rank.tolist(), starts

    def _evidence(self, weight: float, square: float, features: dict[str, float]) -> tuple[float, float]:
        """The claim's log-odds without the intercept (its term block over the block's norm, plus the hand
        features) and the norm."""
        norm = math.sqrt(square) if square else 1.0
        z = weight / norm
        hand = self.hand
        for name, value in features.items():
            z += hand.get(name, 0.0) * value
        return z, norm

    def logit(self, text: str, features: dict[str, float]) -> float:
        """The uncalibrated log-odds (what the training library's decision_function gives)."""
        (weight,), (square,), _, _ = self._known([text])
        return self.intercept + self._evidence(weight, square, features)[0]

    def raw_probability(self, text: str, features: dict[str, float]) -> float:
        """The logistic regression's own probability (what the training library's predict_proba gives)."""
        return sigmoid(self.logit(text, features))

    def score(self, text: str, features: dict[str, float]) -> Scored:
        return self.score_many([text], [features])[0]

    def score_many(self, texts: list[str], features: list[dict[str, float]]) -> list[Scored]:
        """Calibrated scores, and explanations: the first EXPLAIN_TERMS known terms (or all when fewer), kept
        when they have a letter."""
        if not texts:
            return []
        a, b = self.calibration
        a_intercept = a * self.intercept + b  # sigmoid(a·(intercept + z) + b), the intercept folded in once
        shown, names, weights = self.shown, self.names, self.weights
        weight, square, ranks, starts = self._known(texts)
        out = []
        for i, feats in enumerate(features):
            z, norm = self._evidence(weight[i], square[i], feats)
            first = ranks[starts[i] : min(starts[i] + EXPLAIN_TERMS, starts[i + 1])]
            out.append(
                Scored(
                    sigmoid(a * z + a_intercept), {names[r]: round(weights[r] / norm, 2) for r in first if r < shown}
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
