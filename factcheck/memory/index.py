"""First stage: a BM25 index (the ``bm25s`` package, English Snowball stems from ``PyStemmer``) over the records'
claims, and the records themselves stored one JSON line each with their byte offsets, so opening an index reads
only arrays (memory-mapped) and a search decodes only the records it returns."""

from __future__ import annotations

import json
import math
import mmap
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.memory.evidence import words
from factcheck.memory.model import MemoryRecord

if TYPE_CHECKING:  # numpy comes with bm25s; imported only when a memory exists, so a review without one pays nothing
    import numpy as np

RECORDS = "records.jsonl"
OFFSETS = "offsets.npy"
MASS = "mass.npy"
BM25_DIR = "bm25"


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

    def __init__(self, retriever, records: RecordFile, mass=None):
        self._retriever = retriever
        self.records = records
        self._mass = mass  # per record: the IDF mass of its distinct words (for the review's gate)
        self._vocab = retriever.vocab_dict
        import numpy as np

        scores = retriever.scores
        # plain ndarray views of the (memory-mapped) arrays: slicing a np.memmap goes through Python each time
        self._data, self._indices, self._indptr = (np.asarray(scores[k]) for k in ("data", "indices", "indptr"))
        self._n = int(scores["num_docs"])
        self._idf: list[float] | None = None  # per vocabulary id, computed on first use
        self._record_idf: dict[str, float] = {}
        self._idf_unknown = 0.0

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
        ids = [self._vocab[w] for w in tokens if w in self._vocab]
        if not ids or not self._n:
            return None, set(tokens)
        import numpy as np

        scores = np.zeros(self._n, dtype=np.float32)
        for t in ids:  # a repeated query word counts again, as in BM25 with query term frequency
            lo, hi = self._indptr[t], self._indptr[t + 1]
            scores[self._indices[lo:hi]] += self._data[lo:hi]
        return scores, set(tokens)

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
        near 1 when one side holds the other's words, whatever their lengths; small when they share little."""
        import numpy as np

        if self._mass is None or query_mass <= 0:
            return float("inf")  # nothing to gate on
        return float(np.max(scores / np.maximum(np.minimum(self._mass, query_mass), 1e-9)))

    def top(self, text: str, k: int) -> list[tuple[int, float]]:
        """The ``k`` best records for a text by BM25 (positive scores only)."""
        scores, _ = self.scores(text)
        return [] if scores is None else self.best(scores, k)

    def best(self, scores, k: int) -> list[tuple[int, float]]:
        """The ``k`` best (position, score) of a score array, best first (positive scores only)."""
        import numpy as np

        k = min(k, self._n)
        best = np.argpartition(-scores, k - 1)[:k] if k < self._n else np.arange(self._n)
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(i), float(scores[i])) for i in best if scores[i] > 0]


def indexed_text(record: MemoryRecord) -> str:
    """What BM25 indexes for a record: its claim, and the fact-check's headline when it has one."""
    return f"{record.text} {record.headline}" if record.headline else record.text


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
    # Every record gets at least one token so positions line up even for a claim of stop words only.
    corpus = [words(indexed_text(r)) or ["\x00"] for r in records]
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    retriever.save(str(folder / BM25_DIR), show_progress=False)
    index = Index(retriever, None)
    np.save(folder / MASS, np.asarray([index.idf_mass(set(tokens)) for tokens in corpus], dtype=np.float32))


def load_index(folder: Path) -> Index:
    """Open an index written by ``build_index`` (arrays memory-mapped)."""
    import bm25s
    import numpy as np

    retriever = bm25s.BM25.load(str(folder / BM25_DIR), mmap=True, show_progress=False)
    offsets = np.load(folder / OFFSETS, mmap_mode="r")
    mass = np.load(folder / MASS, mmap_mode="r") if (folder / MASS).is_file() else None
    return Index(retriever, RecordFile(folder / RECORDS, offsets), mass)


def index_size(folder: Path) -> int:
    try:
        return json.loads((folder / BM25_DIR / "params.index.json").read_text())["num_docs"]
    except (OSError, ValueError, KeyError):
        return 0
