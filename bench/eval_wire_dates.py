"""Article dates and TM02 on wire-style stories whose filing date is known.

Usage:  .venv/bin/python bench/eval_wire_dates.py [FIXTURE_DIR] [--show]

FIXTURE_DIR (default bench/fixtures/wire) holds the stories and ``expected.tsv`` (file, the date the story was
filed, whether it carries a dateline). The committed fixtures are invented for this purpose: several eras (1987
Reuters without a year or agency, 1990s-2020s Reuters, AP, AFP), headlines in capitals and in sentence case,
with and without a blank line before the dateline, bylines, front matter. For each story:

* the article's date as resolved: **right** (the filing date), **unknown** (no date: a dateline without a year
  leaves the year to the editor), **lower bound** (the latest full date the text names, marked "verify", earlier
  than the filing date), or **wrong** (any other date);
* whether a dateline was found (``find_dateline``, also where front matter gives the date) on the stories that
  carry one;
* TM02 (time.relative-date-without-dateline) warnings, per 100 stories with a dateline and per 100 without.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck import analyse, load_article  # noqa: E402
from factcheck.api import flags_of  # noqa: E402
from factcheck.pipeline import default_knowledge_base, extract  # noqa: E402
from factcheck.resolve.article_date import DateBasis, find_dateline  # noqa: E402
from factcheck.text.segment import segment  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("fixtures", type=Path, nargs="?", default=ROOT / "bench" / "fixtures" / "wire")
    parser.add_argument("--show", action="store_true", help="one line per story")
    args = parser.parse_args(argv)
    kb = default_knowledge_base()
    rows = [line.split("\t") for line in (args.fixtures / "expected.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    outcome = {"right": 0, "unknown": 0, "lower bound": 0, "wrong": 0}
    found = with_dateline = 0
    tm02 = {"yes": [0, 0], "no": [0, 0]}  # stories, TM02 flags
    for name, filed, has_dateline in rows:
        article = load_article(args.fixtures / name)
        ex = extract(article, kb=kb)
        value = ex.article_date.value
        truth = dt.date.fromisoformat(filed)
        if value is None:
            kind = "unknown"
        elif value == truth:
            kind = "right"
        elif ex.article_date.basis is DateBasis.TEXT_DATES and value < truth:
            kind = "lower bound"
        else:
            kind = "wrong"
        outcome[kind] += 1
        if has_dateline == "yes":
            with_dateline += 1
            found += find_dateline(segment(article)) is not None
        flags = [f for f in flags_of(analyse(article, kb=kb, select=["TM02"])) if f.code == "TM02"]
        tm02[has_dateline][0] += 1
        tm02[has_dateline][1] += len(flags)
        if args.show:
            print(f"{name:45} {kind:11} TM02 {len(flags)}  {ex.article_date.basis.value}: {ex.article_date.detail}")
    print(f"stories {len(rows)}: dates right {outcome['right']}, unknown {outcome['unknown']}, "
          f"lower bound {outcome['lower bound']}, wrong {outcome['wrong']}")
    print(f"datelines found {found} of {with_dateline}")
    for key, label in (("yes", "with a dateline"), ("no", "without")):
        n, flags = tm02[key]
        if n:
            print(f"TM02 per 100 stories {label}: {100 * flags / n:.1f} ({flags} warnings, {n} stories)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
