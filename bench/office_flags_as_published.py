"""Office flags (TM01, EN01, EN02; warning or error) per 100 articles on text as published.

Usage:  .venv/bin/python bench/office_flags_as_published.py PATH/TO/articles --date 2005-06-30 [--list]

Every *.txt under PATH is run with the given article date (for a corpus whose articles carry no date of their
own but are known to come from one period, e.g. BBC 2004-2005) and only the three office rules. As published,
the text is presumed right: each warning or error is a candidate false alarm (--list prints them with their
message, to read). Info flags are counted apart: they do not claim an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck import analyse, article_from_text  # noqa: E402
from factcheck.pipeline import default_knowledge_base  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--date", required=True, help="article date for every file (YYYY-MM-DD)")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    day = dt.date.fromisoformat(args.date)
    kb = default_knowledge_base()
    files = sorted(args.path.rglob("*.txt"))
    counts: Counter[str] = Counter()
    listed = []
    for f in files:
        text = f.read_bytes().decode("utf-8", errors="replace")
        registry = analyse(article_from_text(text, date=day), kb=kb, select=["TM01", "EN01", "EN02"])
        for flag in (fl for c in registry.claims for fl in c.flags):
            counts[f"{flag.code} {flag.severity.value}"] += 1
            if flag.severity.value != "info":
                listed.append((f.relative_to(args.path), flag.code, flag.severity.value, flag.text, flag.message))
    n = len(files)
    alarms = sum(v for k, v in counts.items() if not k.endswith("info"))
    print(f"{n} articles dated {day}: {alarms} office warnings/errors = {100 * alarms / max(n, 1):.2f} per 100 articles")
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")
    if args.list:
        for row in listed:
            print("  ", *row, sep="  ")


if __name__ == "__main__":
    main()
