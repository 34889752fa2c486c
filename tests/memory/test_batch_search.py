"""The review searches all of an article's claims at once (``Memory.search_claims``): the batch must give what the
claims searched one by one give, and BM25 scored in one pass what the postings of each word add up to."""

import random
import threading

import numpy as np
import pytest

from factcheck.memory import index as index_module
from factcheck.memory.evidence import evidence_from_text, words, words_of
from factcheck.memory.index import build_index, load_index
from factcheck.memory.model import MemoryRecord, Origin
from factcheck.memory.rerank import Weights, default_weights
from factcheck.memory.store import Memory

FORMS = {"kazakhstan": "KZ", "china": "CN", "japan": "JP", "uzbekistan": "UZ"}

CLAIMS = [
    "Kazakhstan exported 12 million tonnes of wheat to China in 2023.",
    "Japan will host the first summit with the five Central Asian states in Astana in August.",
    "Uzbekistan doubled its cotton harvest in 2022, the ministry said.",
    "The rail link between Tashkent and Almaty opened in October 2023.",
    "Inflation in Kazakhstan fell to 8 per cent in 2024.",
    "Wheat prices rose sharply after the harvest, traders said.",
]
QUERIES = [
    "Kazakh farmers shipped 12 million tonnes of wheat to China in 2023, the ministry says.",
    "Leaders of Japan and Central Asia meet for a first summit in Astana.",
    "The weather was mild.",  # no word in the memory that matters
    "Cotton harvest in Uzbekistan doubled in 2022.",
    "Inflation in Kazakhstan fell to 8 per cent in 2024, the central bank said.",
    "",
]


@pytest.fixture(scope="module")
def memory(tmp_path_factory):
    folder = tmp_path_factory.mktemp("memory") / "index"
    records = [
        MemoryRecord(id=f"r{i}", origin=Origin.CLAIMREVIEW, text=t, url=f"https://example.invalid/{i}", evidence=evidence_from_text(t, FORMS))
        for i, t in enumerate(CLAIMS)
    ]
    build_index(records, folder)
    opened = Memory(load_index(folder), FORMS)
    yield opened
    opened.close()


def test_words_of_stems_each_text_as_words_does():
    assert words_of(QUERIES) == [words(q) for q in QUERIES]


def test_score_rows_add_up_each_words_postings(memory):
    index = memory.index
    tokens = words_of(QUERIES)
    rows = index.score_rows(tokens)
    assert rows.shape == (len(QUERIES), len(CLAIMS))
    for row, query in zip(rows, tokens):
        expected = np.zeros(len(CLAIMS))
        for t in index.token_ids(query):
            lo, hi = index._indptr[t], index._indptr[t + 1]
            expected[index._indices[lo:hi]] += index._data[lo:hi]
        assert np.allclose(row, expected)
    assert rows[0].argmax() == 0 and rows[4].argmax() == 4
    assert index.score_rows([[], ["zzzunknown"]]) is None


def test_best_ratio_matches_the_direct_formula(memory):
    index = memory.index
    tokens = words_of(QUERIES[:5])
    rows = index.score_rows(tokens)
    mass = np.asarray(index._mass, dtype=float)
    for row, t in zip(rows, tokens):
        q = index.idf_mass(set(t))
        assert index.best_ratio(row, q) == pytest.approx(float(np.max(row / np.maximum(np.minimum(mass, q), 1e-9))))


def _overlaps(index, query_tokens, min_overlap):
    """Whether any record passes the review's overlap rule, computed directly from the records' evidence."""
    query = set(query_tokens)
    q = index.idf_mass(query)
    for i in range(len(index.records)):
        record = index.records[i]
        r = index.record_idf(record)
        if 2 * index.idf_mass(query.intersection(record.evidence.words)) >= min_overlap * (q + r):
            return True
    return False


@pytest.mark.parametrize("min_overlap", [0.3, 0.5, 0.7])
def test_the_overlap_bounds_never_drop_a_claim_that_has_a_match(memory, min_overlap):
    index = memory.index
    queries = QUERIES + CLAIMS + [c.split(",")[0] for c in CLAIMS] + ["wheat", "Kazakhstan China trade in 2023 rose"]
    tokens = words_of(queries)
    may = index.may_overlap(queries, min_overlap)
    truth = [_overlaps(index, t, min_overlap) for t in tokens]
    for q, t, m, true in zip(queries, tokens, may, truth):
        if true:  # a bound: never False where a record overlaps
            assert m, q
            rows = index.score_rows([t])
            assert index.overlap_reach(rows[0], min_overlap) >= index.idf_mass(set(t)) * (1 - 1e-9), q
    assert any(truth) and not all(may)  # and not vacuous: it stops some claims
    # exact: the rule's own answer on the records' evidence words
    assert may == truth


def test_the_overlap_bound_is_the_rules_answer_on_a_larger_memory(tmp_path):
    """Many records and queries drawn from a small vocabulary (so words are shared, at every rarity, with titles
    that add indexed words the rule does not compare, and query words no record has): ``may_overlap`` is exactly
    whether some record passes the rule."""
    rng = random.Random(18)
    vocabulary = [f"{a}{b}" for a in ("wheat", "cotton", "summit", "rail", "harvest", "price") for b in "abcdefgh"]
    weights = [1 / (i + 1) for i in range(len(vocabulary))]  # a few common words, many rare ones

    def text(n):
        return " ".join(rng.choices(vocabulary, weights, k=n))

    records = [
        MemoryRecord(
            id=f"r{i}",
            origin=Origin.CLAIMREVIEW,
            text=(t := text(rng.randint(2, 12))),
            headline=text(4) if i % 3 == 0 else None,
            url=f"https://example.invalid/{i}",
            evidence=evidence_from_text(t, FORMS),
        )
        for i in range(80)
    ]
    # and short records of common words only, which a query can share with none of its rarer words
    records += [
        MemoryRecord(id=f"c{i}", origin=Origin.CLAIMREVIEW, text=t, url=f"c{i}", evidence=evidence_from_text(t, FORMS))
        for i, t in enumerate(" ".join(rng.sample(vocabulary[:6], 2)) for _ in range(10))
    ]
    build_index(records, tmp_path / "index")
    index = load_index(tmp_path / "index")
    queries = [text(rng.randint(1, 10)) + (" zzzunknown" if j % 4 == 0 else "") for j in range(120)]
    tokens = words_of(queries)
    for min_overlap in (0.3, 0.5, 0.7, 0.9):
        truth = [_overlaps(index, t, min_overlap) for t in tokens]
        assert index.may_overlap(queries, min_overlap) == truth
        assert 0 < sum(truth) < len(truth)
    index.records.close()


def test_search_claims_gives_the_same_with_and_without_the_bounds(memory):
    claims = [(q, []) for q in QUERIES + CLAIMS]
    with_bounds = memory.search_claims(claims, top=3)
    index = memory.index
    saved = index._floor, index._evidence_mass, index._evidence_records
    # an index written by an older version: no bound
    index._floor = index._evidence_mass = index._evidence_records = None
    try:
        assert index.may_overlap([q for q, _ in claims], 0.5) is None
        assert memory.search_claims(claims, top=3) == with_bounds
    finally:
        index._floor, index._evidence_mass, index._evidence_records = saved
    assert sum(bool(m) for m in with_bounds) >= len(CLAIMS)


@pytest.mark.parametrize("gate", [0.0, None])
def test_batch_gives_what_one_by_one_gives(memory, gate):
    shipped = default_weights()
    weights = Weights(**{**shipped.__dict__, "gate": shipped.gate if gate is None else gate, "threshold": 0.0})
    m = Memory(memory.index, FORMS, weights)
    claims = [(q, []) for q in QUERIES]
    batch = m.search_claims(claims, top=3)
    assert batch == [m.search_claim(q, [], top=3) for q, _ in claims]
    assert batch[0] and batch[0][0].record.id == "r0"
    assert batch[2] == [] and batch[5] == []


def test_pair_sums_add_up_each_cell(memory):
    """``Index._pair_sums``: per posting, the sum over the postings of its cell (query row x records + record); the
    scratch array is left zeroed."""
    index = memory.index
    rng = np.random.default_rng(18)
    cell = np.sort(rng.integers(0, 40, 300)) * len(index) + rng.integers(0, len(index), 300)
    weights = rng.random(300)
    expected = [weights[cell == c].sum() for c in cell]
    assert np.allclose(index._pair_sums(cell, weights, 40), expected)
    assert len(index._pair_scratch.array) == 40 * len(index) and not index._pair_scratch.array.any()


def test_the_overlap_bound_is_the_same_in_blocks_of_one_query(memory, monkeypatch):
    """The queries go in blocks of as many as the scratch array holds rows: with a memory of 2**17 records or more,
    one query a block."""
    queries = QUERIES + CLAIMS + [c.split(",")[0] for c in CLAIMS]
    expected = memory.index.may_overlap(queries, 0.5)
    monkeypatch.setattr(index_module, "_SCRATCH_CELLS", 1)
    assert memory.index.may_overlap(queries, 0.5) == expected and any(expected)


def test_pair_sums_are_right_when_threads_share_the_index(memory):
    """A scan worker's threads share the memory it opened: each thread sums in a scratch array of its own."""
    index = memory.index
    rng = np.random.default_rng(7)
    cases = []
    for _ in range(8):
        cell = np.sort(rng.integers(0, 40, 3000)) * len(index) + rng.integers(0, len(index), 3000)
        weights = rng.random(3000)
        cases.append((cell, weights, index._pair_sums(cell, weights, 40)))
    barrier = threading.Barrier(len(cases))
    wrong = []

    def run(cell, weights, expected):
        barrier.wait()
        for _ in range(200):
            if not np.array_equal(index._pair_sums(cell, weights, 40), expected):
                wrong.append(1)

    threads = [threading.Thread(target=run, args=case) for case in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong


def test_threads_numbering_new_words_at_once_get_the_bound_right(tmp_path):
    """Words met for the first time are numbered under a lock (``Index._learn_words``): eight threads on a freshly
    opened index, each with queries full of words it has not met (some stemming alike, some no record has), give
    the answers one thread gives."""
    folder = tmp_path / "index"
    records = [
        MemoryRecord(id=f"r{i}", origin=Origin.CLAIMREVIEW, text=t, url=f"u{i}", evidence=evidence_from_text(t, FORMS))
        for i, t in enumerate(CLAIMS)
    ]
    build_index(records, folder)
    queries = [
        f"{q} zzz{j} farmers farming farmed qqq{j} Harvests harvested" for j, q in enumerate(QUERIES + CLAIMS)
    ]
    expected = load_index(folder).may_overlap(queries, 0.5)
    assert any(expected) and not all(expected)
    index = load_index(folder)
    barrier = threading.Barrier(8)
    answers = []

    def run(shift):
        barrier.wait()
        mine = queries[shift:] + queries[:shift]
        answers.append((shift, index.may_overlap(mine, 0.5)))

    threads = [threading.Thread(target=run, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 8
    for shift, got in answers:
        assert got == expected[shift:] + expected[:shift]
    index.records.close()
