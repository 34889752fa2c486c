"""CPU time of sentences, dates, numbers and quotes alone, as the pipeline calls them, over a folder of articles.

    .venv/bin/python bench/dnq_bench.py ARTICLES_DIR [--src CHECKOUT] [--reps 3]

Segments every article, runs ``find_dates`` on every sentence (as the article-date resolution does first),
``find_numbers`` on every sentence with the dates excluded, and ``find_quotes`` on every paragraph; prints the
minimum CPU seconds of each over the repetitions and a hash of all the outputs (equal hashes: same results).
``--src`` imports ``factcheck`` from another checkout (e.g. an older commit exported with ``git archive``) so
before and after can be timed alternately with the same script.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))
    from factcheck.article import article_from_text
    from factcheck.extract.dates import find_dates
    from factcheck.extract.numbers import find_numbers
    from factcheck.extract.quotes import find_quotes
    from factcheck.text.segment import segment

    try:  # since the restructure the text is lower-cased once per article and handed to the scans (no global memo)
        from factcheck.extract.numbers import NumberStarts
        from factcheck.text.casefold import Folded
    except ImportError:  # an older --src: the scans remember the last text themselves
        Folded = NumberStarts = None

    files = sorted(p for p in args.articles.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    articles = [article_from_text(p.read_bytes().decode("utf-8", errors="replace")) for p in files]
    clock = time.process_time
    best: dict[str, float] = {}
    digest = ""
    for _ in range(args.reps):
        spent = dict.fromkeys(("segment", "find_dates", "find_numbers", "find_quotes"), 0.0)
        h = hashlib.sha256()
        for article in articles:
            t0 = clock()
            doc = segment(article)
            spent["segment"] += clock() - t0
            text = doc.text
            spans = [(s.start, s.end) for s in doc.sentences]
            t0 = clock()
            folded = Folded.of(text) if Folded else None
            extra = {"folded": folded} if folded else {}
            dates = [find_dates(text, s, e, **extra) for s, e in spans]
            spent["find_dates"] += clock() - t0
            t0 = clock()
            extra = {"starts": NumberStarts.of(folded)} if folded else {}
            numbers = [find_numbers(text, s, e, exclude=[(d.start, d.end) for d in ds], **extra) for (s, e), ds in zip(spans, dates)]
            spent["find_numbers"] += clock() - t0
            starts = [s for s, _ in spans]
            t0 = clock()
            quotes = []
            for p in doc.paragraphs:
                lo, hi = bisect.bisect_left(starts, p.start), bisect.bisect_left(starts, p.end)
                quotes.append(find_quotes(text, p.start, p.end, sentences=spans[lo:hi]))
            spent["find_quotes"] += clock() - t0
            h.update(repr((doc.paragraphs, doc.sentences, doc.boilerplate, dates, numbers, quotes)).encode())
        digest = h.hexdigest()[:16]
        for key, value in spent.items():
            best[key] = min(best.get(key, value), value)
    print(f"{len(articles)} articles from {args.src}")
    for key, value in best.items():
        print(f"  {key:13s} {value:.3f} CPU s")
    print(f"  {'total':13s} {sum(best.values()):.3f} CPU s   outputs {digest}")


if __name__ == "__main__":
    main()
