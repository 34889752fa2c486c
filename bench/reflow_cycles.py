"""Re-wrapping articles, no word changed: how many claims does a re-run lose, add or mark changed?

Usage:
    .venv/bin/python bench/reflow_cycles.py PATH/TO/bbc_2004_2005 [--articles 200] [--widths 72,50]

For each article (every *.txt under the path, sorted, the first N): the body hard-wrapped at the first width is
reviewed into a registry (``api.analyse`` + ``api.write_registry``, in a temporary folder), then the same words
wrapped at the second width are reviewed into that registry. Prints the claims of the first run and, after the
second, how many were orphaned, ambiguous, fuzzy (re-anchored but not as the same text), marked changed
(``previous_text``) and how many were added as new claims: all should be 0 for a re-wrap. "re-anchoring alone"
counts the old claims the re-anchoring step (``Reanchorer``, before fresh claims are matched) does not find as
the same text: what the registry code decides; the rest comes from the fresh analysis segmenting the re-wrapped
text into different sentences.
"""

from __future__ import annotations

import argparse
import tempfile
import textwrap
from collections import Counter
from pathlib import Path

from factcheck import api
from factcheck.article import article_from_text
from factcheck.registry.anchoring import Reanchorer, StoredQuote


def wrap(text: str, width: int) -> str:
    """Every paragraph (blank-line separated) re-filled at ``width`` columns."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    fill = textwrap.TextWrapper(width, break_on_hyphens=False, break_long_words=False).fill  # never split a word
    return "\n\n".join(fill(p) for p in paragraphs if p) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--widths", default="72,50")
    args = ap.parse_args()
    first, second = (int(w) for w in args.widths.split(","))
    files = sorted(args.corpus.rglob("*.txt"))[: args.articles]
    totals: Counter = Counter()
    hit = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, path in enumerate(files):
            raw = path.read_text(encoding="utf-8", errors="replace")
            registry_path = Path(tmp) / f"{i}.yaml"
            texts = (wrap(raw, first), wrap(raw, second))
            before = article_from_text(texts[0], path=f"{i}.txt")
            fresh = api.analyse(before)
            api.write_registry(registry_path, fresh, before.text)
            article = article_from_text(texts[1], path=f"{i}.txt")
            reanchorer = Reanchorer(article.text)
            for c in fresh.claims:
                found = reanchorer.anchor(StoredQuote(c.text, c.span.start, c.span.end, c.context.prefix, c.context.suffix))
                totals["anchor " + found.status] += 1
            merged, summary = api.write_registry(registry_path, api.analyse(article), article.text)
            totals["claims"] += len(fresh.claims)
            anchors = Counter(summary.anchors[c.id] for c in fresh.claims if c.id in summary.anchors)
            for status in ("orphaned", "ambiguous", "fuzzy"):
                totals[status] += anchors.get(status, 0)
            totals["changed"] += len(summary.changed)
            totals["added"] += len(summary.added)
            hit += bool(anchors.get("orphaned") or summary.added or summary.changed)
    print(f"{len(files)} articles re-wrapped from {first} to {second} columns, {totals['claims']} claims")
    for key in ("orphaned", "ambiguous", "fuzzy", "changed", "added"):
        print(f"  {key:<10} {totals[key]}")
    print(f"  articles with any claim orphaned, changed or added: {hit}")
    print("  re-anchoring alone: " + ", ".join(f"{k[7:]} {v}" for k, v in sorted(totals.items()) if k.startswith("anchor ")))


if __name__ == "__main__":
    main()
