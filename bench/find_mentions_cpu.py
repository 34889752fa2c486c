"""CPU seconds of ``find_mentions`` alone over a corpus, and a hash of what it found: for mention-finding speed work.

Usage (run it against any checkout that has ``pipeline.article_mentions``; the package comes from PYTHONPATH):
    PYTHONPATH=$PWD .venv/bin/python bench/find_mentions_cpu.py PATH/TO/ARTICLES [--passes 3] [--hash]

Segments every *.txt under the path (sorted, decoded as UTF-8 with replacement) and finds its sentence dates first
(not timed), then times ``pipeline.article_mentions`` (``find_mentions`` with the default KB's countries and titles)
over all articles, each inside ``collector_paused`` as ``pipeline.extract`` runs it, after one warm-up pass. Prints
each pass's CPU seconds (process time; the smallest is the least disturbed on a shared machine). ``--hash`` prints
instead one SHA-256 over every mention's JSON dump and repr, in order: equal hashes, same mentions.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--hash", action="store_true")
    args = ap.parse_args()

    import factcheck.pipeline as pipeline
    from factcheck.article import article_from_text
    from factcheck.extract.mentions import sentence_dates
    from factcheck.text.casefold import Folded
    from factcheck.text.segment import segment

    files = sorted(p for p in args.corpus.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    kb = pipeline.default_knowledge_base()
    prepared = []
    for path in files:
        doc = segment(article_from_text(path.read_bytes().decode("utf-8", errors="replace")))
        folded = Folded.of(doc.text)
        prepared.append((doc, folded, sentence_dates(doc, folded)))

    def one(doc, folded, dates):
        with pipeline.collector_paused():
            return pipeline.article_mentions(doc, kb, dates=dates, folded=folded)

    if args.hash:
        total = hashlib.sha256()
        for item in prepared:
            for m in one(*item):
                total.update(m.model_dump_json().encode())
                total.update(repr(m).encode())
        print(f"{len(prepared)} articles: {total.hexdigest()}")
        return
    for item in prepared:  # warm-up
        one(*item)
    spent = []
    for _ in range(args.passes):
        c = time.process_time()
        for item in prepared:
            one(*item)
        spent.append(time.process_time() - c)
    print(f"{len(prepared)} articles, find_mentions CPU s per pass: " + " ".join(f"{x:.2f}" for x in spent))


if __name__ == "__main__":
    sys.exit(main())
