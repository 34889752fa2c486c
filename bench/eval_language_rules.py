"""Precision of the language rules on real articles, from hand labels; and their cost in extraction time.

Usage:
    python bench/eval_language_rules.py ARTICLES_DIR                 # precision per rule from bench/labels/*.jsonl
    python bench/eval_language_rules.py ARTICLES_DIR --candidates CL01 --n 40   # sample flags to label
    python bench/eval_language_rules.py ARTICLES_DIR/bbc_2004_2005 --speed     # time with / without the rules

ARTICLES_DIR holds bbc_2004_2005/ and polnear_train/ (or is one of them, for --speed). A label line is
{"article": "<path relative to ARTICLES_DIR>", "code": "CL01", "start": 10, "end": 25, "label": "correct" |
"false-alarm", "context": "<= 40 characters"}; precision is recomputed by running the rules again and
counting only labelled flags that still fire at the same offsets (a label whose flag vanished is reported).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck import article_from_text  # noqa: E402
from factcheck.pipeline import check, default_knowledge_base, extract  # noqa: E402
from factcheck.rules import select_rules  # noqa: E402

LANGUAGE_RULES = ["AT01", "AT02", "AT03", "HG01", "TM03", "CN01", "CL01"]
LABELS = Path(__file__).parent / "labels"


def article_paths(root: Path) -> list[Path]:
    paths = sorted(p for p in root.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    return [p for p in paths if p.name.upper() != "README.TXT"]


def load(path: Path):
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raw = path.read_text(encoding="latin-1")
    return article_from_text(raw, path=str(path))


def flags_of(path: Path, codes: list[str], kb) -> list:
    article = load(path)
    extraction = extract(article, kb=kb)
    claims = check(extraction, select_rules(codes), kb=kb)
    return article.text, [f for c in claims for f in c.flags]


def precision(root: Path) -> int:
    kb = default_knowledge_base()
    by_article: dict[str, list[dict]] = defaultdict(list)
    for file in sorted(LABELS.glob("*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                label = json.loads(line)
                by_article[label["article"]].append(label)
    counts = defaultdict(lambda: defaultdict(int))
    for rel, labels in sorted(by_article.items()):
        text, flags = flags_of(root / rel, sorted({lab["code"] for lab in labels}), kb)
        fired = {(f.code, f.span.start, f.span.end) for f in flags}
        for lab in labels:
            c = counts[lab["code"]]
            if (lab["code"], lab["start"], lab["end"]) not in fired:
                c["vanished"] += 1
                continue
            c[lab["label"]] += 1
    print(f"{'rule':5} {'labelled':>8} {'correct':>8} {'false':>6} {'vanished':>8} {'precision':>9}")
    for code in LANGUAGE_RULES:
        c = counts.get(code)
        if not c:
            print(f"{code:5} {'-':>8}")
            continue
        n = c["correct"] + c["false-alarm"]
        p = f"{c['correct'] / n:.3f}" if n else "n/a"
        print(f"{code:5} {n:>8} {c['correct']:>8} {c['false-alarm']:>6} {c['vanished']:>8} {p:>9}")
    return 0


def candidates(root: Path, code: str, n: int, seed: int) -> int:
    """Print a random sample of flags of one rule, with their sentences, for hand labelling."""
    kb = default_knowledge_base()
    paths = article_paths(root)
    random.Random(seed).shuffle(paths)
    shown = 0
    for path in paths:
        text, flags = flags_of(path, [code], kb)
        for f in flags[:2]:
            s = max(0, f.span.start - 150)
            e = min(len(text), f.span.end + 150)
            rel = str(path.relative_to(root))
            print(json.dumps({"article": rel, "code": code, "start": f.span.start, "end": f.span.end, "flag": f.text}))
            print("   ", text[s : f.span.start].replace("\n", " | ") + "[[" + f.text + "]]" + text[f.span.end : e].replace("\n", " | "))
            shown += 1
        if shown >= n:
            break
    return 0


def speed(root: Path, repeat: int) -> int:
    """Extraction time over every article with no rules, and with extraction plus the language rules."""
    kb = default_knowledge_base()
    articles = [load(p) for p in article_paths(root)]
    rules = select_rules(LANGUAGE_RULES)

    def run() -> tuple[float, float]:
        # Extraction and rules timed article by article in the same pass, so machine load hits both alike.
        extracting = checking = 0.0
        for article in articles:
            t0 = time.perf_counter()
            extraction = extract(article, kb=kb)
            t1 = time.perf_counter()
            check(extraction, rules, kb=kb)
            t2 = time.perf_counter()
            extracting += t1 - t0
            checking += t2 - t1
        return extracting, checking

    results = [run() for _ in range(repeat)]
    base, added = min(results, key=lambda r: r[0] + r[1])
    print(f"{len(articles)} articles: extraction {base:.2f}s, language rules {added:.2f}s, "
          f"rules add {100 * added / base:.1f}% (fastest of {repeat} passes)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--candidates", metavar="CODE")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if args.speed:
        return speed(args.articles, args.repeat)
    if args.candidates:
        return candidates(args.articles, args.candidates, args.n, args.seed)
    return precision(args.articles)


if __name__ == "__main__":
    raise SystemExit(main())
