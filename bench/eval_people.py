"""Person-mention precision on a seeded sample of articles, against hand labels.

Usage:  .venv/bin/python bench/eval_people.py ARTICLES_DIR [--articles 10] [--seed 7] [--show]
                                               [--label FILE:START:END=LABEL ...] [--src OTHER_CHECKOUT]

ARTICLES_DIR holds the articles (*.txt), directly or under text/. The sample is ``--articles`` files drawn with
``--seed`` from the sorted file list; every person mention the extractor makes in them is scored (surname-only
back-references, which copy an earlier full mention, are left out). A mention is labelled

  ok       the span is exactly one person's name as written (a title, if any, is in the role, not the name);
  partial  a person, but the span cuts the name or holds other words ("Leyen", "Trump Must Decide");
  no       not a person (a place, an event, a product, a phrase).

Labels live in bench/labels/people.jsonl, one JSON object a line: {"article", "start", "end", "label",
"context" (<= 40 characters around the mention), "role" (the role text found when labelled, or null)}. No
article text beyond that is stored. ``--show`` prints the unlabelled mentions with 60 characters of context each
side, to label with ``--label``. Precision = ok / labelled; unlabelled mentions are counted and printed.

``--src`` imports factcheck from another checkout (e.g. an export of an older commit), to score the code before
a change on the same sample: the labels are shared, keyed by article and offsets.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "labels" / "people.jsonl"
VALID = ("ok", "partial", "no")


def _articles(directory: Path) -> list[Path]:
    base = directory / "text" if (directory / "text").is_dir() else directory
    return sorted(base.glob("*.txt"))


def load_labels(path: Path) -> dict[tuple[str, int, int], dict]:
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[(rec["article"], rec["start"], rec["end"])] = rec
    return out


def save_labels(path: Path, labels: dict[tuple[str, int, int], dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(labels[k], ensure_ascii=False) for k in sorted(labels)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _context(text: str, s: int, e: int, width: int = 40) -> str:
    """At most ``width`` characters: the mention with what fits of its surroundings, on one line."""
    room = max(0, width - (e - s))
    lo = max(0, s - room // 2)
    hi = min(len(text), e + room - (s - lo))
    return " ".join(text[lo:hi].split())[:width]


def person_mentions(files: list[Path]):
    """(article name, text, mention) for every person mention (no surname back-references) in the files."""
    from factcheck import article_from_text
    from factcheck.kb import default_kb
    from factcheck.models import MentionKind
    from factcheck.pipeline import extract

    kb = default_kb()
    for f in files:
        text = f.read_text(encoding="utf-8")
        ex = extract(article_from_text(text), kb=kb)
        for m in ex.mentions:
            if m.kind is MentionKind.PERSON and m.attrs.refers_to is None:
                yield f.stem, ex.doc.text, m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles_dir", type=Path)
    ap.add_argument("--articles", type=int, default=10, help="how many articles to sample")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--show", action="store_true", help="print unlabelled mentions with context")
    ap.add_argument("--label", nargs="*", default=[], metavar="FILE:START:END=LABEL")
    ap.add_argument("--src", type=Path, help="import factcheck from this checkout instead")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.src.resolve() if args.src else ROOT))

    files = _articles(args.articles_dir)
    sample = random.Random(args.seed).sample(files, min(args.articles, len(files)))
    labels = load_labels(args.labels)
    found = list(person_mentions(sample))
    texts = {art: text for art, text, _ in found}
    by_key = {(art, m.span.start, m.span.end): m for art, _, m in found}

    for item in args.label:
        key, _, label = item.rpartition("=")
        art, s, e = key.rsplit(":", 2)
        if label not in VALID:
            ap.error(f"label must be one of {VALID}: {item}")
        k = (art, int(s), int(e))
        if k not in by_key:
            ap.error(f"no person mention {key} in the sample")
        m = by_key[k]
        labels[k] = {"article": art, "start": k[1], "end": k[2], "label": label,
                     "context": _context(texts[art], k[1], k[2]), "role": m.role.text if m.role else None}
    if args.label:
        save_labels(args.labels, labels)

    counts = {v: 0 for v in VALID}
    unlabelled = []
    for k, m in by_key.items():
        rec = labels.get(k)
        if rec is None:
            unlabelled.append(k)
        else:
            counts[rec["label"]] += 1
    labelled = sum(counts.values())
    print(f"sample: {len(sample)} articles (seed {args.seed}), {len(by_key)} person mentions, {labelled} labelled")
    if labelled:
        print(f"precision (ok / labelled): {counts['ok'] / labelled:.3f}   "
              + "  ".join(f"{v} {counts[v]}" for v in VALID))
    bad = [k for k in by_key if k in labels and labels[k]["label"] != "ok"]
    for k in bad:
        print(f"    {labels[k]['label']:8} {k[0]}:{k[1]}:{k[2]}  {labels[k]['context']!r}")
    if unlabelled:
        print(f"unlabelled: {len(unlabelled)}")
    if args.show:
        for k in unlabelled:
            m, text = by_key[k], texts[k[0]]
            ctx = " ".join(text[max(0, k[1] - 60) : k[1]].split()) + " [[" + m.text + "]] " + " ".join(text[k[2] : k[2] + 60].split())
            role = f"  role={m.role.text!r}" if m.role else ""
            print(f"  {k[0]}:{k[1]}:{k[2]}{role}\n      {ctx}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
