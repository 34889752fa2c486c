"""The shipped check-worthiness model: provenance, the scorer reproducing the training library, the explanation
in the registry, and the desk's threshold from factcheck.toml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.api import analyse, review
from factcheck.article import article_from_text
from factcheck.config import ConfigError, load_config
from factcheck.extract import checkworthiness as cw
from factcheck.extract.checkworthiness import CheckworthinessSettings
from factcheck.models import ReviewStatus
from factcheck.pipeline import extract

ROOT = Path(__file__).resolve().parents[1]
DATA = json.loads(cw.MODEL_FILE.read_text(encoding="utf-8"))


def test_model_file_has_provenance_metrics_and_a_threshold():
    prov = DATA["provenance"]
    assert "CheckThat" in prov["data"] and prov["trained"]
    assert {"f1_mean", "f1_sd", "folds"} <= set(prov["cv"])
    assert {"f1", "precision", "recall", "threshold"} <= set(prov["dev"])
    assert prov["dev"]["threshold"] == DATA["threshold"] == cw.default_model().threshold
    assert 0 < DATA["threshold"] < 1
    assert prov["reliability_dev"] and all(0 <= row["positive_rate"] <= 1 for row in prov["reliability_dev"])
    assert len(DATA["word"]["terms"]) == len(DATA["word"]["idf"]) == len(DATA["word"]["coef"])


def test_a_vocabulary_too_large_for_the_32_bit_term_table_is_refused():
    # 46,341 words: the largest bigram number, (words + 1) squared, no longer fits in 32 bits
    terms = [f"w{i}" for i in range(46_341)]
    data = {**DATA, "word": {**DATA["word"], "terms": terms, "coef": [0.0] * len(terms), "idf": [1.0] * len(terms)}}
    with pytest.raises(ValueError, match="32-bit"):
        cw.NgramModel(data)
    cw.NgramModel({**data, "word": {key: values[:46_000] for key, values in data["word"].items()}})


def test_scorer_reproduces_the_training_library_on_the_stored_sentences():
    model = cw.default_model()
    assert len(DATA["probes"]) >= 5
    for probe in DATA["probes"]:
        assert model.raw_probability(probe["text"], probe["hand"]) == pytest.approx(probe["probability"], abs=1e-4), probe["text"]


def test_terms_are_lower_cased_words_and_pairs_with_digits_as_zero():
    assert cw.terms("Tax ROSE 12%.") == ["00", "rose", "rose 00", "tax", "tax rose"]
    assert cw.terms("Zürich's café") == ["caf", "rich", "rich s", "s", "s caf", "z", "z rich"]  # non-ASCII separates


def test_scores_and_terms_do_not_depend_on_the_hash_seed():
    # A claim's terms are a set, whose order follows the process's hash seed; sums and ties must not.
    code = ("from factcheck.extract.checkworthiness import default_model as m; "
            "s = m().score('The senator voted against the defence bill three times in 1996, the vote shows.', {}); "
            "print(repr(s.score), sorted(s.terms.items()))")
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and outputs.pop().strip()


def test_claims_carry_score_features_and_top_terms():
    (claim,) = extract(article_from_text("Unemployment fell to 4.2 percent in March, the lowest rate since 2008.")).claims
    assert claim.checkworthiness.features.get("number") == 1.0
    terms = claim.checkworthiness.terms
    assert 0 < len(terms) <= cw.EXPLAIN_TERMS
    assert set(terms) <= set(cw.terms(claim.text))
    assert claim.review.status is ReviewStatus.UNREVIEWED


def test_a_plain_factual_sentence_without_hand_features_scores_above_small_talk():
    # The case the hand-feature model missed: no number, date or entity, yet a checkable claim.
    model = cw.default_model()
    claim = model.score("He has never offered a plan to cut taxes for working families.", {}).score
    chat = model.score("Thank you very much, it is great to be here tonight.", {}).score
    assert claim > chat


def test_threshold_from_settings_changes_the_status_not_the_score(tmp_path, monkeypatch):
    article = article_from_text("Summit\n\nThe leaders met in Astana on Friday and signed three agreements.")
    strict = analyse(article, checkworthiness=CheckworthinessSettings(threshold=1.0))
    lenient = analyse(article, checkworthiness=CheckworthinessSettings(threshold=0.0))
    assert [c.checkworthiness.score for c in strict.claims] == [c.checkworthiness.score for c in lenient.claims]
    assert all(c.review.status is ReviewStatus.NOT_CHECKWORTHY for c in strict.claims if c.checkworthiness.score < 1.0)
    assert all(c.review.status is ReviewStatus.UNREVIEWED for c in lenient.claims)
    (tmp_path / "factcheck.toml").write_text("[checkworthiness]\nthreshold = 1.0\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_config().checkworthy_threshold == 1.0
    # review reads the project's setting once and hands it to analyse
    (tmp_path / "summit.txt").write_text(article.text, encoding="utf-8")
    reviewed = review(tmp_path / "summit.txt", reports_dir=None, memory=None).registry
    assert [c.review.status for c in reviewed.claims] == [c.review.status for c in strict.claims]
    # analyse alone takes settings as arguments: the shipped threshold, whatever the folder holds
    shipped = cw.default_model().threshold
    assert any(c.checkworthiness.score >= shipped for c in lenient.claims)  # else the folder's 1.0 would not show
    assert [c.review.status for c in analyse(article).claims] == [
        ReviewStatus.UNREVIEWED if c.checkworthiness.score >= shipped else ReviewStatus.NOT_CHECKWORTHY
        for c in lenient.claims]


@pytest.mark.parametrize("value", ["1.5", '"high"', "true"])
def test_a_threshold_that_is_not_a_probability_is_a_config_error(tmp_path, value):
    path = tmp_path / "factcheck.toml"
    path.write_text(f"[checkworthiness]\nthreshold = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="threshold"):
        load_config(path)


def test_an_unknown_model_is_a_config_error(tmp_path):
    path = tmp_path / "factcheck.toml"
    path.write_text('[checkworthiness]\nmodel = "bert-large"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="minilm"):
        load_config(path)
    path.write_text('[checkworthiness]\nmodel = "minilm"\n', encoding="utf-8")
    assert load_config(path).checkworthiness_model == "minilm"


def test_vocabulary_is_stored_in_explanation_order():
    # The scorer takes a term's place in the file as its rank (no sort at load): the training script must write
    # terms with a letter first, then by decreasing |coef·idf|, then by the term.
    block = DATA["word"]
    keys = [cw.rank_key(t, c * i) for t, c, i in zip(block["terms"], block["coef"], block["idf"])]
    assert keys == sorted(keys)
    assert len(set(block["terms"])) == len(block["terms"])


def test_explanation_is_the_known_terms_with_the_largest_effect():
    text = "The senator voted against the defence bill three times in 1996, and unemployment rose."
    block = DATA["word"]
    effect = {t: c * i for t, c, i in zip(block["terms"], block["coef"], block["idf"])}
    known = [t for t in cw.terms(text) if t in effect]
    norm = sum(DATA["word"]["idf"][block["terms"].index(t)] ** 2 for t in known) ** 0.5
    expected = sorted((t for t in known if any(ch.isalpha() for ch in t)), key=lambda t: (-abs(effect[t]), t))
    scored = cw.default_model().score(text, {})
    assert list(scored.terms) == expected[: cw.EXPLAIN_TERMS]
    assert scored.terms == {t: round(effect[t] / norm, 2) for t in expected[: cw.EXPLAIN_TERMS]}


def test_a_batch_scores_each_claim_as_alone():
    model = cw.default_model()
    texts = ["Unemployment fell to 4.2 percent.", "Thank you.", "", "Taxes rose 12% in 1996."]
    features = [{"number": 1.0}, {}, {}, {"number": 1.0, "date": 1.0}]
    assert model.score_many(texts, features) == [model.score(t, f) for t, f in zip(texts, features)]
    assert model.score("", {}).terms == {}


def test_grouped_folds_are_contiguous_runs_of_sentence_ids():
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_checkworthiness import debate_folds

    import numpy as np

    ids = np.array([50, 3, 41, 7, 12, 99, 60, 8, 31, 77])
    folds = debate_folds(ids, 3)
    tested = [sorted(ids[te].tolist()) for _, te in folds]
    assert sorted(sum(tested, [])) == sorted(ids.tolist())  # each sentence tested once
    for (train, test), block in zip(folds, tested):
        assert set(train.tolist()).isdisjoint(test.tolist())
        others = [i for i in ids.tolist() if i not in block]
        assert all(i < block[0] or i > block[-1] for i in others)  # no other id inside the block's range
