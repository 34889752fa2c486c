"""Score the sentence splitter against the labelled boundary set, on full article texts.

Usage:
    python bench/eval_sentences.py ../shared/data/articles [--labels PATH] [--no-pysbd]

For every labelled candidate the article is re-read from the articles folder,
the paragraph holding the candidate is found (paragraphs are separated by blank
lines), `split_sentences` runs on that paragraph, and the candidate counts as a
predicted boundary when a sentence span ends exactly at its offset. Hand-written
items carry their full text in the labels file. pysbd, if installed, is scored
the same way (one paragraph at a time) for comparison. Finally the throughput
over all BBC articles is measured.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from factcheck.text.sentences import split_sentences  # noqa: E402
from make_boundary_candidates import paragraphs, read_article  # noqa: E402


def ours(text: str, start: int, end: int) -> set[int]:
    """Sentence end offsets from our splitter."""
    return {e for _s, e in split_sentences(text, start, end)}


def make_pysbd():
    """A function giving pysbd's sentence end offsets, or None when pysbd is missing."""
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def run(text: str, start: int, end: int) -> set[int]:
        out = set()
        for span in seg.segment(text[start:end]):
            out.add(start + span.start + len(span.sent.rstrip()))
        return out

    return run


def prf(pairs: list[tuple[int, bool]]) -> tuple[float, float, float, Counter]:
    """Precision, recall, F1 of the boundary class and the confusion counts."""
    c = Counter()
    for gold, pred in pairs:
        c[("t" if gold == pred else "f") + ("p" if pred else "n")] += 1
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", help="folder holding bbc_2004_2005/ and polnear_train/")
    ap.add_argument("--labels", default=str(REPO / "tests/data/sentence_boundaries.jsonl"))
    ap.add_argument("--no-pysbd", action="store_true")
    args = ap.parse_args()
    root = Path(args.articles)
    items = [json.loads(line) for line in open(args.labels, encoding="utf-8")]
    systems = {"factcheck": ours}
    sbd = None if args.no_pysbd else make_pysbd()
    if sbd:
        systems["pysbd"] = sbd

    cache: dict[str, str] = {}
    results = {name: [] for name in systems}  # (item, gold, pred)
    context_agree = bad_context = 0
    for it in items:
        if it["source"] is None:
            text = it["left"] + it["right"]
            ps, pe = 0, len(text)
        else:
            if it["source"] not in cache:
                cache[it["source"]] = read_article(root / it["source"])
            text = cache[it["source"]]
            off = it["offset"]
            if text[off - len(it["left"]):off] != it["left"] or text[off:off + len(it["right"])] != it["right"]:
                bad_context += 1
            ps, pe = next((s, e) for s, e in paragraphs(text) if s <= off <= e)
        for name, fn in systems.items():
            results[name].append((it, bool(it["label"]), it["offset"] in fn(text, ps, pe)))
        if it["source"] is not None:
            window = it["left"] + it["right"]
            in_context = len(it["left"]) in ours(window, 0, len(window))
            context_agree += in_context == results["factcheck"][-1][2]

    n_real = sum(1 for it in items if it["source"])
    print(f"labels: {len(items)} decisions ({n_real} in real articles, {len(items) - n_real} hand-written); "
          f"{sum(it['label'] for it in items)} boundaries")
    if bad_context:
        print(f"WARNING: {bad_context} stored contexts do not match the article texts")
    print(f"context-window decisions agreeing with full-text decisions: {context_agree}/{n_real}")
    print()
    print(f"{'system':<10} {'subset':<14} {'n':>4} {'P':>7} {'R':>7} {'F1':>7}   tp  fp  fn  tn")
    for name, rows in results.items():
        for subset in ("all", "bbc_2004_2005", "polnear_train", "hand-written", "dev", "heldout"):
            sel = [(g, p) for it, g, p in rows
                   if subset == "all" or subset == it.get("split")
                   or (it["source"] or "hand-written").startswith(subset)]
            p, r, f, c = prf(sel)
            print(f"{name:<10} {subset:<14} {len(sel):>4} {p:7.4f} {r:7.4f} {f:7.4f}  "
                  f"{c['tp']:>3} {c['fp']:>3} {c['fn']:>3} {c['tn']:>3}")
    for name, rows in results.items():
        errors = [(it, g) for it, g, p in rows if g != p]
        print(f"\n{name} errors ({len(errors)}):")
        for it, gold in errors:
            kind = "missed boundary" if gold else "false boundary "
            print(f"  {kind} {it['id']:<10} {it['left'][-32:]!r} | {it['right'][:24]!r}")

    # Throughput over all BBC articles, one paragraph at a time.
    texts = [read_article(p) for p in sorted(root.glob("bbc_2004_2005/*/*.txt"))]
    paras = [(t, s, e) for t in texts for s, e in paragraphs(t)]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"\nthroughput over {len(texts)} BBC articles ({size:.2f} MB, {len(paras)} paragraphs):")
    best = min(_timed(ours, paras) for _ in range(3))
    print(f"  factcheck  {size / best:7.2f} MB/s  ({best:.3f} s)")
    if sbd:
        sub = paras[: len(paras) // 10]
        sub_size = sum(len(t[s:e].encode("utf-8")) for t, s, e in sub) / 1e6
        print(f"  pysbd      {sub_size / _timed(sbd, sub):7.2f} MB/s  (on the first 10% of paragraphs)")
    return 0


def _timed(fn, paras) -> float:
    t0 = time.perf_counter()
    for t, s, e in paras:
        fn(t, s, e)
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
