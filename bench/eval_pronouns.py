"""Pronoun speakers ("…,” he said"): how often the person we resolve "he"/"she" to is the one who spoke.

Usage:  .venv/bin/python bench/eval_pronouns.py ARTICLES_DIR [--n 40] [--seed 1] [--labels FILE] [--show] [--src DIR]

The sample: the articles under ARTICLES_DIR (``*.txt``, directly or under text/) in a seeded random order, and in
each at most two quotes whose speaker is "he" or "she", until ``--n`` quotes. Labels (one JSON object a line,
default bench/labels/pronouns-seed<SEED>.jsonl): {"article", "start" (the quote's start), "pronoun", "referent"
(who spoke, as the article first writes the name in full; null when the text does not name them), "context"
(<= 40 characters)}. A resolved speaker is right when it is the referent (or one of the names listed when
"referent" is a list); an unresolved one is counted apart (it is better than a wrong one).
``--show`` prints each sampled quote with the 350 characters before it and what we resolve it to, for labelling.
No article text beyond the short context is stored. ``--src`` scores another checkout's code (e.g. main) on the same
labels; its sample may hold quotes the labels do not cover (counted as unlabelled).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --src OTHER_CHECKOUT: import factcheck from another checkout (the code before a change), same labels.
_SRC = sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv else str(ROOT)
sys.path.insert(0, _SRC)

from factcheck import article_from_text  # noqa: E402
from factcheck.extract.mentions import find_mentions  # noqa: E402
from factcheck.models import MentionKind  # noqa: E402
from factcheck.pipeline import default_knowledge_base  # noqa: E402
from factcheck.text.segment import segment  # noqa: E402


def sample(directory: Path, n: int, seed: int, forms: dict[str, str]):
    base = directory / "text" if (directory / "text").is_dir() else directory
    files = sorted(base.glob("*.txt"))
    random.Random(seed).shuffle(files)
    out = []
    for path in files:
        article = article_from_text(path.read_text(encoding="utf-8"))
        mentions = find_mentions(segment(article), forms)
        taken = 0
        for m in mentions:
            if m.kind is MentionKind.QUOTE and m.speaker is not None and m.speaker.text.lower() in ("he", "she"):
                out.append((path.stem, article.text, m))
                taken += 1
                if taken == 2:
                    break
        if len(out) >= n:
            return out[:n]
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--labels", type=Path)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--src", help="import factcheck from this checkout instead of this one")
    args = parser.parse_args(argv)
    labels_path = args.labels or ROOT / "bench" / "labels" / f"pronouns-seed{args.seed}.jsonl"
    labels = {}
    if labels_path.exists():
        for line in labels_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                labels[(rec["article"], rec["start"])] = rec
    forms = default_knowledge_base().country_surface_forms()
    counts = {"right": 0, "wrong": 0, "unresolved": 0, "unlabelled": 0}
    for name, text, m in sample(args.articles, args.n, args.seed, forms):
        resolved = m.attrs.speaker_name
        rec = labels.get((name, m.span.start))
        if rec is None:
            counts["unlabelled"] += 1
            verdict = "?"
        elif resolved is None:
            counts["unresolved"] += 1
            verdict = "unresolved"
        else:
            ok = rec["referent"] if isinstance(rec["referent"], list) else [rec["referent"]]
            verdict = "right" if resolved in ok else "wrong"
            counts[verdict] += 1
        if args.show:
            before = text[max(0, m.span.start - 350) : m.span.start].replace("\n", " / ")
            print(f"--- {name} {m.span.start} {m.speaker.text!r} -> {resolved!r} [{verdict}]"
                  f"{'' if rec is None else ' gold=' + repr(rec['referent'])}")
            print(f"    …{before}[Q]{text[m.span.end : m.span.end + 60]!r}")
    resolved_n = counts["right"] + counts["wrong"]
    share = f"{counts['right'] / resolved_n:.3f}" if resolved_n else "n/a"
    import factcheck

    print(f"{Path(factcheck.__file__).parent.parent}: seed {args.seed}, n {args.n}: right {counts['right']}, wrong {counts['wrong']}, unresolved "
          f"{counts['unresolved']}, unlabelled {counts['unlabelled']}; right of resolved {share} ({resolved_n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
