"""Office mentions per form of the name, on real dated articles: how many the linker reads, how many the office
checks flag as published (false alarms, unless the article is wrong), and how many a date shift catches.

Usage:  .venv/bin/python bench/eval_name_forms.py PATH/TO/polnear_train [--limit N] [--shift -10] [--list FORM]

Every person mention with a title phrase whose bare title is a national leader's ("President", "prime minister",
"Chancellor", ...) is put in one form, read from the text only:

  full             two or more name words, no initial ("Barack Obama")
  middle-initial   a name with an initial ("George W. Bush", "Joseph R. Biden Jr.")
  surname+full     one word that an earlier full mention in the article explains ("President Obama")
  surname-alone    one word and no such full mention ("President Obama" as the article's first mention)

and, for full names the knowledge base knows no one by exactly, "variant" when the variant matching finds
someone ("Dmitri Medvedev"), else "unknown" (a person the KB does not hold: flagged only by the unknown-holder
warning).

Columns: n (mentions), linked (linked to exactly one KB holder of the office), flagged (a TM01/EN02 error or
warning as published, with the article's publication date), shifted (of the linked mentions whose holder held
the office on the real date and whose terms come nowhere within a year of the date moved by --shift years: the
positives), caught (of those, flagged by TM01 at the shifted date: the recall of a date shift). Truth comes
from the knowledge base's terms and our own linking, so "caught" measures the rules given the linking; "linked"
is how much of each form the linking reaches, the part the issue is about.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck import article_from_text  # noqa: E402
from factcheck.kb import default_kb  # noqa: E402
from factcheck.models import MentionKind  # noqa: E402
from factcheck.pipeline import check, extract  # noqa: E402
from factcheck.resolve.linking import LEADER_TITLES, parse_role, people_for_name, terms_in  # noqa: E402
from factcheck.rules import select_rules  # noqa: E402

RULES = select_rules(["TM01", "EN02"])
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,2}$")
YEAR = dt.timedelta(days=365)


def form_of(mention, kb) -> str:
    words = mention.text.split()
    if len(words) == 1:
        return "surname+full" if mention.attrs.refers_to is not None else "surname-alone"
    if any(_INITIAL.match(w) for w in words):
        return "middle-initial"
    if not kb.people_named(mention.text):
        return "variant" if people_for_name(kb, mention.text) else "unknown"
    return "full"


def analyse(text: str, date: dt.date, kb):
    ex = extract(article_from_text(text, date=date), kb=kb)
    links = {(lk.mention.span.start, lk.mention.span.end): lk for lk in ex.office_links}
    flags = [f for c in check(ex, RULES, kb=kb) for f in c.flags if f.severity.value != "info"]
    return ex, links, flags


def flagged(flags, mention) -> bool:
    return any(f.span.start <= mention.span.start and mention.span.end <= f.span.end for f in flags)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--shift", type=int, default=-10, help="years to move the article date by")
    ap.add_argument("--list", default="", help="print the mentions of this form (context, linked, flags)")
    args = ap.parse_args(argv)
    kb = default_kb()
    meta = {}
    with open(args.corpus / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
    names = sorted(n for n in meta if (args.corpus / "text" / f"{n}.txt").exists())
    if args.limit:
        names = names[: args.limit]
    stats: dict[str, Counter] = defaultdict(Counter)
    for name in names:
        text = (args.corpus / "text" / f"{name}.txt").read_text(encoding="utf-8")
        day = meta[name]
        ex, links, flags = analyse(text, day, kb)
        shifted_day = day.replace(year=day.year + args.shift) if not (day.month == 2 and day.day == 29) else day.replace(year=day.year + args.shift, day=28)
        positives = []
        for m in ex.mentions:
            if m.kind is not MentionKind.PERSON or m.role is None:
                continue
            title = parse_role(kb, m.role.text).title
            if title not in LEADER_TITLES:
                continue
            form = form_of(m, kb)
            st = stats[form]
            st["n"] += 1
            link = links.get((m.span.start, m.span.end))
            one = link is not None and link.office is not None and len(link.holders) == 1
            st["linked"] += one
            bad = flagged(flags, m)
            st["flagged"] += bad
            if args.list == form:
                ctx = text[max(0, m.span.start - 50) : m.span.end + 20].replace("\n", " ")
                print(f"{form}\t{name}\tlinked={one}\tflag={bad}\t{ctx!r}")
            if not one or link.qualifier or link.sentence_periods:
                continue
            terms = terms_in(kb, link.holders[0].id, link.office.id)
            held = any((t.start or dt.date.min) <= day and (t.end is None or day <= t.end) for t in terms)
            far = all(((t.start or dt.date.min) - YEAR > shifted_day) or (t.end is not None and t.end + YEAR < shifted_day) for t in terms)
            if held and far:
                positives.append((form, m))
        if positives:
            moved_text = text
            _, _, moved_flags = analyse(moved_text, shifted_day, kb)
            for form, m in positives:
                stats[form]["shifted"] += 1
                stats[form]["caught"] += any(f.code == "TM01" and f.span.start <= m.span.start and m.span.end <= f.span.end for f in moved_flags)
    print(f"{len(names)} articles, date shift {args.shift:+d} years")
    print(f"{'form':16} {'n':>5} {'linked':>7} {'rate':>6} {'flagged':>8} {'shifted':>8} {'caught':>7} {'recall':>7}")
    total = Counter()
    for form in ("full", "variant", "unknown", "middle-initial", "surname+full", "surname-alone"):
        st = stats[form]
        total.update(st)
        rate = f"{st['linked'] / st['n']:.3f}" if st["n"] else "n/a"
        rec = f"{st['caught'] / st['shifted']:.3f}" if st["shifted"] else "n/a"
        print(f"{form:16} {st['n']:>5} {st['linked']:>7} {rate:>6} {st['flagged']:>8} {st['shifted']:>8} {st['caught']:>7} {rec:>7}")
    rate = f"{total['linked'] / total['n']:.3f}" if total["n"] else "n/a"
    rec = f"{total['caught'] / total['shifted']:.3f}" if total["shifted"] else "n/a"
    print(f"{'all':16} {total['n']:>5} {total['linked']:>7} {rate:>6} {total['flagged']:>8} {total['shifted']:>8} {total['caught']:>7} {rec:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
