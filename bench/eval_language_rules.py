"""Precision of the language rules on real articles, from hand labels; and their cost in extraction time.

Usage:
    python bench/eval_language_rules.py ARTICLES_DIR                 # precision per label file of bench/labels/
    python bench/eval_language_rules.py ARTICLES_DIR --labels 'CL01*'   # only those label files
    python bench/eval_language_rules.py ARTICLES_DIR --candidates CL01 --n 40   # sample flags to label
    python bench/eval_language_rules.py ARTICLES_DIR/bbc_2004_2005 --speed     # time with / without the rules
    python bench/eval_language_rules.py ARTICLES_DIR --perturb TM03 --n 30     # constructed cases for rare rules

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

LANGUAGE_RULES = ["AT01", "AT02", "AT03", "HG01", "TM02", "TM03", "CN01", "CL01"]
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


def flags_of(path: Path, codes: list[str], kb, perturb: dict | None = None) -> list:
    article = load(path)
    if perturb:
        # A constructed test: spans of the real text replaced (e.g. a weekday or a count word), for rules that
        # rarely fire on real text. Offsets of the flag refer to the perturbed text.
        text = article.text
        for edit in sorted(perturb if isinstance(perturb, list) else [perturb], key=lambda e: -e["start"]):
            text = text[: edit["start"]] + edit["text"] + text[edit["end"] :]
        article = article_from_text(text, path=str(path))
    extraction = extract(article, kb=kb)
    claims = check(extraction, select_rules(codes), kb=kb)
    return article.text, [f for c in claims for f in c.flags]


def precision(root: Path, pattern: str = "*.jsonl", summary: Path | None = None) -> int:
    """Precision per label file (a rule's sample labelled under one set of criteria: bench/labels/README.md);
    with ``summary``, also written as JSON (``factcheck/rules/precision.json`` feeds the table in docs/rules.md)."""
    kb = default_knowledge_base()
    # Real-text labels are grouped by article; each perturbed label is its own run (its own edited text).
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for file in sorted(LABELS.glob(pattern)):
        if file.stem == "people":
            continue  # bench/eval_people.py's labels
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                label = {**json.loads(line), "set": file.stem}
                key = json.dumps(label["perturb"], sort_keys=True) if label.get("perturb") else ""
                groups[(label["article"], key)].append(label)
    counts = defaultdict(lambda: defaultdict(int))
    for (rel, key), labels in sorted(groups.items()):
        perturb = json.loads(key) if key else None
        text, flags = flags_of(root / rel, sorted({lab["code"] for lab in labels}), kb, perturb)
        fired = {(f.code, f.span.start, f.span.end) for f in flags}
        for lab in labels:
            c = counts[(lab["set"], bool(perturb))]
            if (lab["code"], lab["start"], lab["end"]) not in fired:
                c["vanished"] += 1
                c["lost"] += lab["label"] == "correct"  # a right flag the rule no longer raises (a miss)
                continue
            c[lab["label"]] += 1
    # vanished: labelled flags the rule no longer raises; lost: those of them labelled correct (now missed).
    rows = []
    print(f"{'labels':20} {'text':9} {'labelled':>8} {'correct':>8} {'false':>6} {'vanished':>8} {'lost':>5} {'precision':>9}")
    for name in sorted({name for name, _ in counts}):
        for perturbed in (False, True):
            c = counts.get((name, perturbed))
            if not c:
                continue
            n = c["correct"] + c["false-alarm"]
            p = f"{c['correct'] / n:.3f}" if n else "n/a"
            kind = "perturbed" if perturbed else "real"
            print(f"{name:20} {kind:9} {n:>8} {c['correct']:>8} {c['false-alarm']:>6} {c['vanished']:>8} {c['lost']:>5} {p:>9}")
            if n:
                rows.append({"labels": name, "code": name.split("-")[0], "text": kind, "labelled": n,
                             "correct": c["correct"], "precision": round(c["correct"] / n, 3)})
    if summary is not None:
        summary.write_text(json.dumps({"description": "Precision of rules on hand-labelled real text (BBC 2004-2005, "
                                       "PolNeAR train), written by bench/eval_language_rules.py --summary; criteria "
                                       "per label file in bench/labels/README.md", "rows": rows}, indent=1) + "\n",
                           encoding="utf-8")
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
            print(json.dumps({"article": rel, "code": code, "start": f.span.start, "end": f.span.end, "flag": f.text,
                              "message": f.message}))
            print("   ", text[s : f.span.start].replace("\n", " | ") + "[[" + f.text + "]]" + text[f.span.end : e].replace("\n", " | "))
            shown += 1
        if shown >= n:
            break
    return 0


_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_COUNT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def perturbations(article, code: str) -> list[dict]:
    """Real spots a rare rule could check, each with one edit that makes the text wrong by construction.

    TM03: a weekday written with a full date, changed to the next weekday. CN01: a count written in words with a
    closed list attached (colon, dash, bracket, "namely"), changed to one more. AT02: a quote with a speaker,
    ending a sentence, kept alone after a neutral lead ("The meeting ended on Monday."): all else removed.
    """
    import re

    from factcheck.rules.consistency import _LIST_INTRO

    extraction = extract(article, kb=None)
    out = []
    for m in extraction.mentions:
        if code == "AT02" and m.kind.value == "quote" and m.speaker is not None and len(m.text.split()) >= 4 \
                and re.search(r"[.!?][\"”]$", m.text):
            out.append([{"start": 0, "end": m.span.start, "text": "Report\n\nThe meeting ended on Monday.\n\n"},
                        {"start": m.span.end, "end": len(article.text), "text": ""}])
        if code == "TM03" and m.kind.value == "date" and m.attrs.weekday is not None \
                and not m.attrs.relative and m.value and len(m.value) == 10:
            day = re.search("|".join(_DAYS), m.text)
            if day:
                new = _DAYS[(_DAYS.index(day.group(0)) + 1) % 7]
                out.append({"start": m.span.start + day.start(), "end": m.span.start + day.end(), "text": new})
        if code == "CN01" and m.kind.value == "number" and m.attrs.count:
            word = m.text.split()[0]
            intro = _LIST_INTRO.match(article.text, m.span.end)
            if word.lower() in _COUNT_WORDS[2:11] and intro and not re.search("including|such as|among them", intro.group(0)):
                new = _COUNT_WORDS[_COUNT_WORDS.index(word.lower()) + 1]
                out.append({"start": m.span.start, "end": m.span.start + len(word), "text": new if word.islower() else new.capitalize()})
    return out


def perturbed_candidates(root: Path, code: str, n: int, seed: int) -> int:
    """Print constructed cases for a rare rule: each perturbation, the flags it raises, and the context."""
    kb = default_knowledge_base()
    paths = article_paths(root)
    random.Random(seed).shuffle(paths)
    shown = 0
    for path in paths:
        found = perturbations(load(path), code)
        for perturb in found[:2] if code == "AT02" else found:  # quotes are many: two per article
            text, flags = flags_of(path, [code], kb, perturb)
            rel = str(path.relative_to(root))
            at = perturb[0]["start"] if isinstance(perturb, list) else perturb["start"]
            near = [f for f in flags if abs(f.span.start - at) < 200]
            s, e = max(0, at - 150), min(len(text), at + 200)
            print(json.dumps({"article": rel, "code": code, "perturb": perturb,
                              "flags": [{"start": f.span.start, "end": f.span.end, "flag": f.text, "message": f.message} for f in near]}))
            print("   ", text[s:e].replace("\n", " | "))
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
    parser.add_argument("--perturb", metavar="CODE", help="print constructed cases (TM03, CN01) for labelling")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--labels", default="*.jsonl", help="which label files of bench/labels/ (a glob)")
    parser.add_argument("--summary", type=Path, help="also write the precision table as JSON (factcheck/rules/precision.json)")
    args = parser.parse_args(argv)
    if args.speed:
        return speed(args.articles, args.repeat)
    if args.perturb:
        return perturbed_candidates(args.articles, args.perturb, args.n, args.seed)
    if args.candidates:
        return candidates(args.articles, args.candidates, args.n, args.seed)
    return precision(args.articles, args.labels, args.summary)


if __name__ == "__main__":
    raise SystemExit(main())
