"""Growth of the review's time on adversarial input shapes: is every stage linear in the article's length?

Usage:
    .venv/bin/python bench/adversarial.py [--kb-size 150] [--shapes titlecase,digits,...] [--news PATH] [--runs 1]

For each shape, builds an article of about ``--kb-size`` KB and one twice that size, reviews each through the
Python API (``factcheck.analyse(article_from_text(text))``: extraction, every rule, the registry model) and
prints the CPU seconds of each (best of ``--runs``), the doubling ratio (time at 2x / time at 1x: ~2 means
linear, ~4 quadratic) and the time relative to ordinary news text of the same size.

Shapes (``SHAPES``; ``make(shape, nbytes)`` builds one, deterministically):

- ``news``: ordinary news text, the reference: the seed article repeated (or the ``--news`` folder's *.txt joined)
- ``titlecase``: "Prime Minister John Smith Of The United Kingdom And Northern Ireland ..." repeated with no full
  stop and cut mid-phrase (a scraped navigation bar, a mangled headline block)
- ``digits``: numbers with thousands separators and no sentence end ("1,234 56,789 ...")
- ``dates``: dates in a row with no sentence end ("12 March 2004, Monday 5 May 2005, ...")
- ``quotes``: quotation marks, balanced and not, with speakers ("\u201cYes,\u201d said John Smith \u201cno ...")
- ``brackets``: nested and unbalanced brackets around names and numbers
- ``oneline``: ordinary news text with every newline replaced by a space (one line of the whole size)
- ``paragraphs``: many one-sentence paragraphs (10,000 at about 600 KB)

``tests/test_linear_growth.py`` runs the same shapes at small sizes and asserts the ratio.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "japan-central-asia-summit.txt"

_TITLECASE = ("Prime Minister John Smith Of The United Kingdom And Northern Ireland Secretary General Of The "
              "United Nations President Of The Republic Of Kazakhstan Chief Executive Officer Of The Bank ")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LQ, _RQ = "\u201c", "\u201d"
_NAMES = ("John Smith", "Fumio Kishida", "Angela Merkel", "Gordon Brown", "Tony Blair", "Kassym-Jomart Tokayev")


def _news(news_text: str | None = None) -> str:
    if news_text:
        return news_text
    text = SEED.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    return text.strip() + "\n\n"


def _stream(shape: str, news_text: str | None) -> Iterator[str]:
    """An endless stream of pieces of one shape (each piece deterministic)."""
    if shape == "news":
        return itertools.cycle([_news(news_text)])
    if shape == "oneline":
        return itertools.cycle([" ".join(_news(news_text).split()) + " "])
    if shape == "titlecase":
        return itertools.cycle([_TITLECASE])
    if shape == "digits":
        return (f"{(i * 7919) % 1000},{(i * 104729) % 1000:03d} {i % 97} " for i in itertools.count(1))
    if shape == "dates":
        return (f"{_DAYS[i % 7]} {i % 28 + 1} {_MONTHS[i % 12]} {1990 + i % 40}, " for i in itertools.count())
    if shape == "quotes":
        return (f"{_LQ}{'Yes' if i % 2 else 'No'}, we will,{_RQ} said {_NAMES[i % len(_NAMES)]} "
                f"{_LQ if i % 3 == 0 else ''}\"and then {i}\" " for i in itertools.count())
    if shape == "brackets":
        return (f"(({_NAMES[i % len(_NAMES)]} [{i},000] {{President}} (of ({_MONTHS[i % 12]} {2000 + i % 20}) "
                f"{')' if i % 2 else '('} " for i in itertools.count())
    if shape == "paragraphs":
        return (f"{_NAMES[i % len(_NAMES)]} said on {_DAYS[i % 7]} that {i} people came.\n\n" for i in itertools.count())
    raise ValueError(f"unknown shape {shape!r}; expected one of {', '.join(SHAPES)}")


SHAPES = ("news", "titlecase", "digits", "dates", "quotes", "brackets", "oneline", "paragraphs")


def make(shape: str, nbytes: int, news_text: str | None = None) -> str:
    """About ``nbytes`` bytes (UTF-8) of ``shape``, cut at exactly that many characters (mid-phrase)."""
    parts, size = [], 0
    for piece in _stream(shape, news_text):
        parts.append(piece)
        size += len(piece)
        if size >= nbytes:
            break
    return "".join(parts)[:nbytes]


def review_seconds(text: str, kb, runs: int = 1) -> float:
    """Best-of-``runs`` process CPU seconds of one review of ``text`` through the Python API."""
    from factcheck.api import analyse
    from factcheck.article import article_from_text

    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        analyse(article_from_text(text, path="adversarial.txt"), kb=kb)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb-size", type=float, default=150, help="size of the smaller article, KB (default 150)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)")
    ap.add_argument("--news", type=Path, help="a folder of *.txt news articles for the 'news' and 'oneline' shapes "
                    "(default: the seed article repeated)")
    ap.add_argument("--runs", type=int, default=1, help="best of N runs per size (default 1)")
    ap.add_argument("--timeout", type=float, default=0, help="skip the 2x size of a shape whose 1x took longer than this")
    args = ap.parse_args()

    from factcheck.pipeline import default_knowledge_base

    news_text = None
    if args.news:
        files = sorted(p for p in args.news.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
        news_text = "\n\n".join(p.read_bytes().decode("utf-8", errors="replace") for p in files[:400])
    kb = default_knowledge_base()
    review_seconds("Warm-up.", kb)
    small = int(args.kb_size * 1024)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    news_seconds = None
    print(f"{'shape':<12}{'KB':>8}{'CPU s':>10}{'KB':>8}{'CPU s':>10}{'x2 ratio':>10}{'vs news':>9}")
    for shape in shapes:
        a = make(shape, small, news_text)
        ta = review_seconds(a, kb, args.runs)
        if shape == "news":
            news_seconds = ta
        if args.timeout and ta > args.timeout:
            print(f"{shape:<12}{len(a.encode()) / 1024:>8.0f}{ta:>10.2f}{'':>8}{'skipped':>10}")
            continue
        b = make(shape, 2 * small, news_text)
        tb = review_seconds(b, kb, args.runs)
        versus = f"{ta / news_seconds:>9.1f}" if news_seconds else f"{'':>9}"
        print(f"{shape:<12}{len(a.encode()) / 1024:>8.0f}{ta:>10.2f}{len(b.encode()) / 1024:>8.0f}{tb:>10.2f}"
              f"{tb / max(ta, 1e-9):>10.2f}{versus}", flush=True)


if __name__ == "__main__":
    main()
