"""A claim is stemmed once per search: the words BM25 scores are the ones its evidence is built from (the memory
used to stem every query twice, once for BM25 and once for the re-ranker's evidence); and the index is built with
the BM25 parameters chosen on the CLEF train split."""

import json

import pytest

from factcheck.memory import evidence
from factcheck.memory.index import BM25_B, BM25_DIR, BM25_K1, BM25_METHOD, build_index, indexed_words, load_index
from factcheck.memory.model import MemoryRecord, Origin
from factcheck.memory.store import Memory

FORMS = {"kazakhstan": "KZ", "china": "CN"}
CLAIMS = ["Kazakhstan exported 12 million tonnes of wheat to China in 2023.", "Wheat prices rose sharply after the harvest."]
QUERY = "Kazakh farmers shipped 12 million tonnes of wheat to China in 2023, the ministry says."


class _CountingStemmer:
    def __init__(self, stemmer):
        self.stemmer, self.calls = stemmer, []

    def stemWords(self, words):  # noqa: N802 (PyStemmer's name)
        self.calls.append(list(words))
        return self.stemmer.stemWords(words)


@pytest.fixture
def memory(tmp_path):
    records = [
        MemoryRecord(id=f"r{i}", origin=Origin.CLAIMREVIEW, text=t, url=f"https://example.invalid/{i}", evidence=evidence.evidence_from_text(t, FORMS))
        for i, t in enumerate(CLAIMS)
    ]
    build_index(records, tmp_path / "index")
    opened = Memory(load_index(tmp_path / "index"), FORMS)
    yield opened
    opened.close()


@pytest.fixture
def counting(monkeypatch):
    stemmer = _CountingStemmer(evidence._stemmer())
    monkeypatch.setattr(evidence, "_stemmer", lambda: stemmer)
    return stemmer


def test_a_search_stems_its_query_once(memory, counting):
    (best, *_) = memory.search(QUERY, 5)
    assert best.record.id == "r0"
    # BM25's words, reused for the query's evidence; then one call for the words that are not capitalised, of the
    # query and the matches together (Match.conflict)
    assert len(counting.calls) == 2 and counting.calls[0][:2] == ["kazakh", "farmers"] and "kazakh" not in counting.calls[1]


def test_the_review_search_stems_all_its_claims_in_one_call(memory, counting):
    found = memory.search_claims([(QUERY, []), ("Wheat prices rose sharply after the harvest, traders said.", [])], top=1)
    assert [m[0].record.id for m in found if m] == ["r0", "r1"]
    # the claims' words in one call; the words that are not capitalised, of the claims and their matches, in one
    # more (Match.conflict)
    assert len(counting.calls) == 2


def test_the_index_stems_each_text_once_and_counts_the_title():
    record = MemoryRecord(id="r", origin=Origin.CLAIMREVIEW, text=CLAIMS[0], headline="Did Kazakhstan Sell Wheat to China?", url="u")
    (tokens,) = indexed_words([record])
    assert tokens == evidence.words(CLAIMS[0]) + evidence.words("Did Kazakhstan Sell Wheat to China?")


def test_the_index_holds_the_chosen_bm25_parameters(memory, tmp_path):
    params = json.loads((tmp_path / "index" / BM25_DIR / "params.index.json").read_text())
    assert (params["method"], params["k1"], params["b"]) == (BM25_METHOD, BM25_K1, BM25_B)
