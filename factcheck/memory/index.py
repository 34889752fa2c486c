"""First stage: a BM25 index (the ``bm25s`` package, English Snowball stems from ``PyStemmer``) over the records'
claims, and the records themselves stored one JSON line each with their byte offsets, so opening an index reads
only arrays (memory-mapped) and a search decodes only the records it returns."""

from __future__ import annotations

import json
import math
import mmap
import threading
from bisect import bisect_left
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.memory.evidence import stem_table, surface_words, words, words_of
from factcheck.memory.model import MemoryRecord

if TYPE_CHECKING:  # numpy comes with bm25s; imported only when a memory exists, so a review without one pays nothing
    import numpy as np

RECORDS = "records.jsonl"
OFFSETS = "offsets.npy"
MASS = "mass.npy"
# per record: the least BM25 weight of its words relative to their IDF, and the IDF mass of its evidence words (the
# review's overlap bound, ``Index.can_overlap``)
FLOOR = "floor.npy"
EVIDENCE_MASS = "evidence_mass.npy"
# per word of the vocabulary, the records whose evidence holds it (the words the review's overlap rule compares; a
# CSR: word t's records, ascending, are EVIDENCE_RECORDS[indptr[t]:indptr[t + 1]]), for Index.may_overlap
EVIDENCE_INDPTR, EVIDENCE_RECORDS = "evidence_indptr.npy", "evidence_records.npy"
BM25_DIR = "bm25"
# BM25's parameters, chosen on the CLEF 2020 CheckThat! task 2 train split, against the verified claims alone and a
# memory of 10,000 records (bench/tune_memory.py; figures in docs/bench/memory.md): a slower term saturation and a
# little more length normalisation than bm25s's defaults (1.5, 0.75).
BM25_METHOD, BM25_K1, BM25_B = "lucene", 2.0, 0.9
# Index._word_ranks: the number of a stop word (no number of a word is negative)
_STOP = -1
# Index._pair_sums: about how many cells its scratch array holds (8 bytes each): queries go in blocks that fit
_SCRATCH_CELLS = 1 << 17
# Index._ranked: the last of the postings' keys, past any word x records + record
_PAST = (1 << 63) - 1


class RecordFile:
    """Records by position, decoded on demand from a JSON Lines file (memory-mapped) and its offsets."""

    def __init__(self, path: Path, offsets: np.ndarray):
        self._offsets = offsets
        self._file = open(path, "rb")
        size = path.stat().st_size
        self._data = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        self._cache: dict[int, MemoryRecord] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> MemoryRecord:
        record = self._cache.get(i)
        if record is None:
            start, end = int(self._offsets[i]), int(self._offsets[i + 1])
            record = self._cache[i] = MemoryRecord.model_validate_json(self._data[start:end])
        return record

    def close(self) -> None:
        if isinstance(self._data, mmap.mmap):
            self._data.close()
        self._file.close()


class Index:
    """BM25 over the records' claims: ``top(text, k)`` gives (position, score) pairs, best first."""

    def __init__(
        self,
        retriever,
        records: RecordFile,
        mass=None,
        floor=None,
        evidence_mass=None,
        evidence_indptr=None,
        evidence_records=None,
    ):
        import numpy as np

        self._retriever = retriever
        self.records = records
        self._mass = mass  # per record: the IDF mass of its distinct words (for the review's gate)
        # plain ndarray views of the (memory-mapped) arrays: slicing a np.memmap goes through Python each time
        evidence_mass, evidence_indptr, evidence_records = (
            None if a is None else np.asarray(a) for a in (evidence_mass, evidence_indptr, evidence_records)
        )
        self._floor, self._evidence_mass = floor, evidence_mass  # for overlap_reach (None: an index without them)
        self._reach = None
        # for may_overlap (None: an index without them), and their view by word rarity (_ranked), on first use
        self._evidence_indptr, self._evidence_records = evidence_indptr, evidence_records
        self._ranked_postings = None
        self._rank_of_id: list[int] = []
        self._rank_idf: list[float] = []  # each rank's IDF (the words no record has included)
        self._word_rank: dict[str, int] = {}  # a stem's rank, for the stems met
        self._surface_rank: dict[str, int] = {}  # a lower-cased word's rank (_word_ranks)
        # what the lower-cased words met so far became (``words_of``: a stem, or None for a stop word)
        self._stems: dict[str, str | None] = {}
        self._learning = threading.Lock()  # numbering the words (_ranked, _learn_words)
        self._need_masses = None  # (need, need x each record's evidence mass), for _overlapping
        # _pair_sums's per (query, record) sums, zero between calls: one array per thread, since a scan worker's
        # threads share the memory it opened
        self._pair_scratch = threading.local()
        self._vocab = retriever.vocab_dict
        scores = retriever.scores
        self._data, self._indices, self._indptr = (np.asarray(scores[k]) for k in ("data", "indices", "indptr"))
        self._n = int(scores["num_docs"])
        self._idf: list[float] | None = None  # per vocabulary id, computed on first use
        self._record_idf: dict[str, float] = {}
        self._idf_unknown = 0.0
        self._inv_mass = None
        self._word_idf: dict[str, float] = {}

    def __len__(self) -> int:
        return self._n

    def idf(self, word: str) -> float:
        """A stemmed word's inverse document frequency in the memory (BM25's, Robertson-Sparck Jones form)."""
        if self._idf is None:
            import numpy as np

            df = np.diff(np.asarray(self._indptr, dtype=np.int64))
            self._idf = np.log1p((self._n - df + 0.5) / (df + 0.5)).tolist()
            # A word the memory has never seen weighs as much as its rarest words (df 1), not more: in a small
            # memory the words it lacks would otherwise outweigh all the ones it has.
            self._idf_unknown = math.log1p((self._n - 1 + 0.5) / 1.5)
        t = self._vocab.get(word)
        return self._idf_unknown if t is None else self._idf[t]

    def scores(self, text: str):
        """BM25 scores of every record for a text (a numpy array), or None when no word of it is in the memory;
        and the text's distinct stemmed words."""
        tokens = words(text)
        rows = self.score_rows([tokens])
        return (None if rows is None else rows[0]), set(tokens)

    def token_ids(self, tokens: list[str]) -> list[int]:
        """The vocabulary ids of a text's stemmed words (a repeated word repeats its id; unknown words left out)."""
        vocab = self._vocab
        return [t for t in map(vocab.get, tokens) if t is not None]

    def score_rows(self, token_lists: list[list[str]]):
        """BM25 scores of every record for several texts (given as their stemmed words), one row each (a 2-D numpy
        array of float64), or None when no word of any of them is in the memory."""
        ids = [self.token_ids(tokens) for tokens in token_lists]
        if not self._n or not any(ids):
            return None
        import numpy as np

        postings = self.postings(ids)
        return np.vstack([self.score_row(postings, j) for j in range(len(ids))])

    def postings(self, id_lists: list[list[int]]):
        """The postings of every word of several texts (given as their word ids), gathered in one pass: the
        records, their weights, and per text the bounds of its run (text j: ``bounds[j]:bounds[j + 1]``)."""
        import numpy as np

        pos, _, bounds = self._gather(id_lists)
        return self._indices[pos], self._data[pos].astype(np.float64), bounds

    def _gather(self, id_lists: list[list[int]]):
        """The positions of the postings of every word of several texts, laid end to end; the postings per word,
        and per text the bounds of its run."""
        import numpy as np

        pos, count = _runs(self._indptr, np.fromiter((t for row in id_lists for t in row), dtype=np.int64))
        word_bounds = np.cumsum([0] + [len(row) for row in id_lists])
        return pos, count, np.concatenate(([0], np.cumsum(count)))[word_bounds]

    def score_row(self, postings, j: int):
        """BM25 scores of every record for text ``j`` of ``postings``: the sum, over its words (a repeated word
        counts again, as in BM25 with query term frequency), of each record's stored weight for that word. One
        row per call: a row of 10,000 records stays in the allocator's reused memory, where a block of rows
        would be mapped afresh (page faults) at every article."""
        import numpy as np

        docs, weights, bounds = postings
        lo, hi = bounds[j], bounds[j + 1]
        return np.bincount(docs[lo:hi], weights=weights[lo:hi], minlength=self._n)

    def query_idf(self, tokens: list[str]) -> dict[str, float]:
        """The IDF of each of a text's distinct stemmed words (remembered per word)."""
        known = self._word_idf
        out = {}
        for w in tokens:
            if w not in out:
                value = known.get(w)
                out[w] = value if value is not None else known.setdefault(w, self.idf(w))
        return out

    def record_idf(self, record: MemoryRecord) -> float:
        """The IDF mass of a record's claim words (its evidence), remembered per record."""
        mass = self._record_idf.get(record.id)
        if mass is None:
            mass = self._record_idf[record.id] = self.idf_mass(set(record.evidence.words))
        return mass

    def idf_mass(self, distinct_words) -> float:
        """The sum of the words' IDF: what a record holding every one of them would share with the text."""
        return sum(map(self.idf, distinct_words))

    def best_ratio(self, scores, query_mass: float) -> float:
        """The best BM25 score as a share of the smaller IDF mass of the two sides (the query's, the record's):
        near 1 when one side holds the other's words, whatever their lengths; small when they share little.
        (score / max(min(mass, q), eps) is max(score / max(mass, eps), score / max(q, eps)) for scores >= 0: the
        per-record part is one product with the records' inverse masses.)"""
        import numpy as np

        if self._mass is None or query_mass <= 0:
            return float("inf")  # nothing to gate on
        if self._inv_mass is None:
            self._inv_mass = 1.0 / np.maximum(np.asarray(self._mass, dtype=np.float64), 1e-9)
            self._scratch = np.empty(self._n)
        np.multiply(scores, self._inv_mass, out=self._scratch)
        return max(float(self._scratch.max()), float(scores.max()) / max(query_mass, 1e-9))

    def claim_words(self, text: str) -> list[str]:
        """``words(text)``, with the stems of the words met before remembered (``may_overlap`` has met a review's
        claims' words already): each word is one look-up."""
        return words_of([text], self._stems)[0]

    def may_overlap(self, texts: list[str], min_overlap: float) -> list[bool] | None:
        """Per query text: whether any record shares ``min_overlap`` of both claims' rarity-weighted words (the
        review's overlap rule, over the record's evidence words): exact, the rule's own answer, for every query at
        once. The rule needs the shared words to carry S >= need x (query mass + record mass) of IDF, need =
        min_overlap / 2. Leave out the query's commonest words while their IDF adds up to less than need x the
        query mass (call it C): a record holding none of the other words shares at most C, too little, so only the
        records in the rarer words' evidence postings are candidates. A candidate shares E of the rarer words' IDF
        (``_overlapping``) and E + C at most: the few candidates that reach the bar that way are then looked up in
        the commonest words' postings (a binary search each: those postings are the longest, and never read
        whole), which gives each its exact shared IDF. Words are numbered by rarity (``_ranked``), so sorting a
        query's word numbers lists its distinct words from the commonest up (done in Python: a claim has a dozen
        words, and numpy's cost per call on arrays that small is more than the work). None when the index lacks
        the records' evidence postings (built by an older version: no bound, the search then scores every
        claim)."""
        if self._evidence_records is None or self._evidence_mass is None or min_overlap <= 0 or not texts:
            return None
        need = min_overlap / 2
        out = [False] * len(texts)
        indptr, _, _, rank_idf = self._ranked()
        known_words = len(indptr) - 1
        # per query that may pass: (query, bar, slack, its common words, its rarer words that records hold); the
        # common words are its commonest while their IDF adds up to less than need x its mass (a hair less, so
        # rounding cannot make it equal); a query whose rarer words no record holds cannot pass
        queries = []
        for q, ranks in enumerate(self._word_ranks(texts)):
            if not ranks:
                continue
            running = list(accumulate(map(rank_idf.__getitem__, ranks)))
            mass = running[-1]
            n_common = bisect_left(running, need * mass * (1 - 1e-9))
            end = bisect_left(ranks, known_words)  # the words past it are in no record: never shared
            if end <= n_common:
                continue
            # rounding must never make a record that passes the rule fail here: a hair of tolerance
            bar = need * mass - 1e-9 * (1 + mass)
            slack = bar - (running[n_common - 1] if n_common else 0.0)
            queries.append((q, bar, slack, ranks[:n_common], ranks[n_common:end]))
        # the queries go in blocks, a row of the scratch array each (``_pair_sums``), so it stays about a megabyte
        block = max(1, _SCRATCH_CELLS // max(self._n, 1))
        for first in range(0, len(queries), block):
            for q in self._overlapping(queries[first : first + block], need):
                out[q] = True
        return out

    def _overlapping(self, queries: list[tuple], need: float) -> list[int]:
        """``may_overlap`` of a block of its queries, given as (query, bar, slack, common words, rarer words): the
        queries that some record overlaps. Per posting of the rarer words, its (query, record) pair's IDF of the
        rarer words they share (``_pair_sums``) less need x the record's mass: a pair whose margin reaches the
        query's slack would pass if the record held every common word too, so it is a candidate. The candidates
        (a handful per article) are finished in Python."""
        import numpy as np

        indptr, records, _, rank_idf = self._ranked()
        n = self._n
        # per rarer word: where its postings start less where they go, how many, its IDF; per query: its row of the
        # scratch array, its slack, its postings (numpy's cost per call on arrays of a hundred words is more than
        # the work)
        offset, count, weight = [], [], []
        row, slack, postings = [], [], []
        total = 0
        for j, (_, _, query_slack, _, rarer) in enumerate(queries):
            first = total
            for r in rarer:
                lo, hi = indptr[r], indptr[r + 1]
                offset.append(lo - total)
                count.append(hi - lo)
                weight.append(rank_idf[r])
                total += hi - lo
            row.append(j * n)
            slack.append(query_slack)
            postings.append(total - first)
        docs = records[np.repeat(offset, count) + np.arange(total)]
        cell = np.repeat(row, postings) + docs
        margin = self._pair_sums(cell, np.repeat(weight, count), len(queries))
        margin -= self._need_mass(need)[docs]
        kept = np.flatnonzero(margin >= np.repeat(slack, postings))
        if not len(kept):
            return []
        # each candidate pair once (its postings all carry its margin), then the common words of its query that the
        # record's evidence holds: its exact shared IDF
        pairs = dict(zip(cell[kept].tolist(), margin[kept].tolist()))
        held = iter(self._has_evidence([r * n + c % n for c in pairs for r in queries[c // n][3]]))
        hits = []
        for c, pair_margin in pairs.items():
            q, bar, _, common, _ = queries[c // n]
            shared = 0.0
            for r in common:
                if next(held):
                    shared += rank_idf[r]
            if pair_margin + shared >= bar:
                hits.append(q)
        return hits

    def _pair_sums(self, cell, weights, rows: int):
        """Per posting (``cell``: its query's row x records + its record; ``weights``), the sum of the weights of
        every posting of the same cell. Added up in a zeroed scratch array of ``rows`` x records cells, kept per
        thread (a scan worker's threads share the memory it opened) and cleared after by the postings themselves:
        a few thousand postings touch a few thousand cells, where a fresh queries x records array
        (``np.bincount``) cost more to clear than the postings to add."""
        import numpy as np

        scratch = getattr(self._pair_scratch, "array", None)
        if scratch is None or len(scratch) < rows * self._n:
            scratch = self._pair_scratch.array = np.zeros(rows * self._n)
        np.add.at(scratch, cell, weights)
        sums = scratch[cell]
        scratch[cell] = 0.0
        return sums

    def _need_mass(self, need: float):
        """need x each record's evidence mass (for ``_overlapping``; computed once per ``need``)."""
        import numpy as np

        cached = self._need_masses
        if cached is None or cached[0] != need:
            cached = self._need_masses = (need, need * np.asarray(self._evidence_mass, dtype=np.float64))
        return cached[1]

    def _word_ranks(self, texts: list[str]) -> list[list[int]]:
        """Per text, the numbers (``_ranked``) of its distinct stemmed words, ascending: from the commonest up.
        Every lower-cased word met is remembered with its number (a stop word as ``_STOP``), so a text's words
        are one look-up each and never stemmed again."""
        rank_of = self._surface_rank
        found = [surface_words(text) for text in texts]
        ranks = [set(map(rank_of.get, words)) for words in found]
        new = [i for i, known in enumerate(ranks) if None in known]  # texts with words not met before
        if new:
            self._learn_words([w for i in new for w in found[i]])
            for i in new:
                ranks[i] = set(map(rank_of.__getitem__, found[i]))
        for known in ranks:
            known.discard(_STOP)
        return [sorted(known) for known in ranks]

    def _learn_words(self, found: list[str]) -> None:
        """Number the words of ``found`` not met before (``_word_ranks``). A stem no record's evidence has gets a
        number of its own past the known ones: it weighs in a query's mass, as rare as the rarest, and is in no
        posting. Under a lock: two threads must not give one stem two numbers."""
        self._ranked()
        with self._learning:
            new = stem_table(set(found).difference(self._surface_rank))
            self._stems.update(new)
            known_words = len(self._rank_of_id)
            for word, stem in new.items():
                rank = _STOP if stem is None else self._word_rank.get(stem)
                if rank is None:
                    t = self._vocab.get(stem)
                    if t is not None and t < known_words:
                        rank = self._rank_of_id[t]
                    else:
                        rank = len(self._rank_idf)
                        self._rank_idf.append(self._idf_unknown)
                    self._word_rank[stem] = rank
                self._surface_rank[word] = rank

    def _ranked(self):
        """``may_overlap``'s view of the evidence postings, computed on first use: the words numbered by rarity
        (least IDF first, then vocabulary id; ``_rank_of_id``), and by that number the postings' CSR (word ``r``:
        ``records[indptr[r]:indptr[r + 1]]``, ascending), every posting as word x records + record, sorted
        (``_has_evidence``), and each word's IDF (a list, to which ``_learn_words`` adds the words no record
        has)."""
        import numpy as np

        if self._ranked_postings is None:
            with self._learning:
                if self._ranked_postings is None:
                    self.idf("\x00")  # computes the per-id IDF list
                    indptr = np.asarray(self._evidence_indptr, dtype=np.int64)
                    n_words = len(indptr) - 1
                    idf = np.asarray(self._idf[:n_words], dtype=np.float64)
                    order = np.lexsort((np.arange(n_words), idf))
                    rank_of_id = np.empty(n_words, dtype=np.int64)
                    rank_of_id[order] = np.arange(n_words)
                    self._rank_of_id = rank_of_id.tolist()
                    self._rank_idf = idf[order].tolist()
                    pos, count = _runs(indptr, order)
                    records = np.asarray(self._evidence_records, dtype=np.int64)[pos]
                    self._ranked_postings = (
                        [0, *np.cumsum(count).tolist()],
                        records,
                        # (ending with a key past every other: a binary search always lands on a key)
                        np.append(np.repeat(np.arange(n_words, dtype=np.int64) * self._n, count) + records, _PAST),
                        self._rank_idf,
                    )
        return self._ranked_postings

    def _has_evidence(self, wanted: list[int]) -> list[bool]:
        """Per (word rank x records + record): whether the record's evidence holds the word, by binary search in
        the postings' keys (``_ranked``: sorted, as each word's postings are sorted by record)."""
        import numpy as np

        keys = self._ranked()[2]
        wanted = np.array(wanted, dtype=np.int64)
        return (keys[keys.searchsorted(wanted)] == wanted).tolist()

    def overlap_reach(self, scores, min_overlap: float) -> float | None:
        """For a ``score_row``, the most a record could need of the query's IDF mass, by BM25, to share
        ``min_overlap`` of both claims' rarity-weighted words: a record can pass the review's overlap rule only if
        this is at least the query's mass. Why it is safe: the rule needs the words the two claims share to carry
        S >= min_overlap / 2 x (query mass + record mass) of IDF; every such word is one of the record's indexed
        words, and its BM25 weight there is at least ``floor`` x its IDF (``floor``: the record's least weight /
        IDF over its words), so BM25 >= floor x S, i.e. BM25 x 2 / (min_overlap x floor) - record mass >= query
        mass. None when the index lacks the two arrays (built by an older version)."""
        import numpy as np

        if self._floor is None or self._evidence_mass is None or min_overlap <= 0:
            return None
        if self._reach is None or self._reach[0] != min_overlap:
            scale = 2.0 / (min_overlap * np.maximum(np.asarray(self._floor, dtype=np.float64), 1e-12))
            self._reach = (min_overlap, scale, np.asarray(self._evidence_mass, dtype=np.float64), np.empty(self._n))
        _, scale, mass, scratch = self._reach
        np.multiply(scores, scale, out=scratch)
        np.subtract(scratch, mass, out=scratch)
        return float(scratch.max())

    def top(self, text: str, k: int) -> list[tuple[int, float]]:
        """The ``k`` best records for a text by BM25 (positive scores only)."""
        scores, _ = self.scores(text)
        return [] if scores is None else self.best(scores, k)

    def best(self, scores, k: int) -> list[tuple[int, float]]:
        """The ``k`` best (position, score) of a score array, best first, ties by position (positive scores only;
        selected among those: a claim's words reach a fraction of the records)."""
        import numpy as np

        hit = np.flatnonzero(scores > 0)
        score = scores[hit]
        if len(hit) > k:
            keep = np.argpartition(-score, k - 1)[:k]
            hit, score = hit[keep], score[keep]
        order = np.lexsort((hit, -score))
        return list(zip(hit[order].tolist(), score[order].tolist()))


def _runs(indptr, ids):
    """The positions of the postings of words (an array of ids) in a CSR's ``indptr``, laid end to end without a
    Python loop (each word's run starts at its ``indptr``), and the postings per word."""
    import numpy as np

    lo = indptr[ids].astype(np.int64)
    count = indptr[ids + 1] - lo
    ends = np.cumsum(count)
    pos = np.repeat(lo - (ends - count), count) + np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
    return pos, count


def indexed_words(records: list[MemoryRecord]) -> list[list[str]]:
    """What BM25 indexes per record: its claim's stemmed words, then the fact-check's headline's when it has one (the
    title often words the claim as people repeat it: "Did Trump Say ...?"). Every text is stemmed once, all in one
    call; a record of stop words only gets one token so positions line up."""
    texts = words_of([r.text for r in records] + [r.headline or "" for r in records])
    claims, titles = texts[: len(records)], texts[len(records) :]
    return [(claim + title) or ["\x00"] for claim, title in zip(claims, titles)]


def build_index(records: list[MemoryRecord], folder: Path) -> None:
    """Write the BM25 index and the records under ``folder`` (replacing what was there)."""
    import bm25s
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    offsets = [0]
    with open(folder / RECORDS, "wb") as out:
        for record in records:
            line = record.model_dump_json(exclude_defaults=True).encode("utf-8") + b"\n"
            out.write(line)
            offsets.append(offsets[-1] + len(line))
    np.save(folder / OFFSETS, np.asarray(offsets, dtype=np.int64))
    corpus = indexed_words(records)
    retriever = bm25s.BM25(method=BM25_METHOD, k1=BM25_K1, b=BM25_B)
    retriever.index(corpus, show_progress=False)
    retriever.save(str(folder / BM25_DIR), show_progress=False)
    index = Index(retriever, None)
    np.save(folder / MASS, np.asarray([index.idf_mass(set(tokens)) for tokens in corpus], dtype=np.float32))
    # Index.overlap_reach: per record, the least BM25 weight / IDF over its words, and its evidence words' IDF mass
    # (the evidence words are words(record.text), a subset of the indexed words)
    indptr = np.asarray(index._indptr, dtype=np.int64)
    index.idf("\x00")  # computes the per-id IDF list
    idf = np.asarray(index._idf[: len(indptr) - 1], dtype=np.float64)  # (bm25s's vocabulary ends with "", unindexed)
    floor = np.full(len(records), np.inf)
    np.minimum.at(floor, index._indices, index._data / np.repeat(idf, np.diff(indptr)))
    np.save(folder / FLOOR, floor)
    np.save(
        folder / EVIDENCE_MASS, np.asarray([index.idf_mass(set(r.evidence.words)) for r in records], dtype=np.float64)
    )
    # Index.may_overlap: the evidence postings (every evidence word is indexed: a record's evidence words are its
    # claim's words)
    vocab = retriever.vocab_dict
    evidence = [sorted({vocab[w] for w in r.evidence.words if w in vocab}) for r in records]
    ids = np.asarray([t for row in evidence for t in row], dtype=np.int64)
    holder = np.repeat(np.arange(len(records), dtype=np.int64), [len(row) for row in evidence])
    order = np.lexsort((holder, ids))
    np.save(folder / EVIDENCE_INDPTR, np.concatenate(([0], np.cumsum(np.bincount(ids, minlength=len(indptr) - 1)))))
    np.save(folder / EVIDENCE_RECORDS, holder[order].astype(np.int32))


def load_index(folder: Path) -> Index:
    """Open an index written by ``build_index`` (arrays memory-mapped)."""
    import bm25s
    import numpy as np

    retriever = bm25s.BM25.load(str(folder / BM25_DIR), mmap=True, show_progress=False)
    offsets = np.load(folder / OFFSETS, mmap_mode="r")
    arrays = [
        np.load(folder / name, mmap_mode="r") if (folder / name).is_file() else None
        for name in (MASS, FLOOR, EVIDENCE_MASS, EVIDENCE_INDPTR, EVIDENCE_RECORDS)
    ]
    return Index(retriever, RecordFile(folder / RECORDS, offsets), *arrays)


def index_size(folder: Path) -> int:
    try:
        return json.loads((folder / BM25_DIR / "params.index.json").read_text())["num_docs"]
    except (OSError, ValueError, KeyError):
        return 0
