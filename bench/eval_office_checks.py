"""Evaluate the office checks (TM01 time.office-anachronism, EN01, EN02) on real dated articles.

Usage:  .venv/bin/python bench/eval_office_checks.py PATH/TO/polnear_train [--limit N] [--list] [--trace]

--list prints every perturbation miss and false positive (file, perturbation, span); --trace adds, for each, 40
characters of context either side, the flags raised on that span (any code, any severity) and how the linker
read the mention (office, qualifier, past tense, years in the sentence) — enough to see why it was missed.

(a) As published: every article is run with its publication date (metadata.tsv) as the article date; every
    TM01/EN01/EN02 flag is listed (file, code, flagged text, 40 characters of context) — each is a false alarm
    unless the article really is wrong — and the rate per 100 articles is printed.
(b) Perturbed copies, in memory only:
    - date shift: the article date moved by -10 and -6 years. Each linked "<title> <name>" mention (no
      qualifier, no year in its sentence) whose person held the office on the real date is labelled positive
      when the person's terms come nowhere within a year of the new date, negative when a term covers the new
      date, otherwise not scored.
    - holder swap (TM01): the name in the first such mention is replaced by another holder of the same office
      whose terms are more than a year away from the article's date: positive for TM01.
    - office swap (EN02): the name is replaced by a leader of another country who never held the office:
      positive for EN02.
    A TM01/EN02 flag (error or warning, not info) on a positive mention is a true positive; on a negative or unlinked mention, a false positive.
    Precision and recall are printed for TM01 and EN02. Labels come from the knowledge base's terms, so the
    figures measure the rules and the linking given the KB, not the KB's own accuracy.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck import article_from_text  # noqa: E402
from factcheck.kb import default_kb, normalise  # noqa: E402
from factcheck.resolve.linking import link_offices, terms_in  # noqa: E402
from factcheck.pipeline import check, extract  # noqa: E402
from factcheck.rules import CheckContext, select_rules  # noqa: E402

RULES = select_rules(["TM01", "EN01", "EN02"])
YEAR = dt.timedelta(days=365)


def run(text: str, date: dt.date, kb):
    """(flags, office links) for a text on a date."""
    ex = extract(article_from_text(text, date=date), kb=kb)
    ctx = CheckContext(doc=ex.doc, claims=ex.claims, mentions=ex.mentions, article_date=ex.article_date, kb=kb)
    links = link_offices(ctx, kb)
    claims = check(ex, RULES, kb=kb)
    flags = [f for c in claims for f in c.flags]
    return flags, links


def _near(terms, day: dt.date, margin: dt.timedelta) -> bool:
    return any((t.start or dt.date.min + margin) - margin <= day < (t.end + margin if t.end else dt.date.max)
               for t in terms)


def _span(link) -> tuple[int, int]:
    r, n = link.mention.role.span, link.mention.span
    return min(r.start, n.start), max(r.end, n.end)


def checkable(kb, link, day: dt.date) -> bool:
    """A plain "<title> <name>" mention of the one holder, holding the office on ``day``, no year in the sentence."""
    if link.office is None or link.qualifier or link.sentence_periods or len(link.holders) != 1 or len(link.people) != 1:
        return False
    return _near(terms_in(kb, link.holders[0].id, link.office.id), day, dt.timedelta(days=14))


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.misses: list[str] = []
        self.false: list[str] = []

    def line(self, label: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        return f"{label}: TP {self.tp}  FP {self.fp}  FN {self.fn}  precision {p:.3f}  recall {r:.3f}"


def trace(text: str, span: tuple[int, int], flags, links) -> str:
    """Why a span was (not) flagged: its context, the flags on it and the linker's reading of it."""
    a, b = span
    out = [f"      …{text[max(0, a - 40):a]!r} [{text[a:b]!r}] {text[b:b + 40]!r}…"]
    for f in flags:
        if f.span.start < b and a < f.span.end:
            out.append(f"      flag {f.code} {f.severity.value} {f.text!r}: {f.message}")
    for lk in links:
        s0, s1 = _span(lk)
        if s0 < b and a < s1:
            out.append(f"      link office={lk.office.id if lk.office else None} qualifier={lk.qualifier} "
                       f"past={lk.past_tense} periods={[f'{x}..{y}' for x, y in lk.sentence_periods]} "
                       f"people={[p.id for p in lk.people]} holders={[p.id for p in lk.holders]}")
    if len(out) == 1:
        out.append("      no office link on this span (the person/title extractor or the linker missed it)")
    return "\n".join(out)


def score_flags(score: Score, flags, code: str, positives: set, negatives: set, name: str,
                text: str = "", links=()) -> None:
    # a warning counts: it is what the rule says when the KB has no holder for that date
    got = {(f.span.start, f.span.end) for f in flags if f.code == code and f.severity.value != "info"}
    for span in positives:
        if span in got:
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"{name} {span}\n{trace(text, span, flags, links)}")
    for span in got - positives:
        if span in negatives:
            score.fp += 1
            score.false.append(f"{name} {span}\n{trace(text, span, flags, links)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--list", action="store_true", help="list perturbation misses and false positives")
    ap.add_argument("--trace", action="store_true", help="with --list: context, flags and the linker's reading of each")
    args = ap.parse_args()
    kb = default_kb()
    with open(args.corpus / "metadata.tsv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("publication_date")]
    rows = rows[: args.limit] if args.limit else rows

    # leaders of other countries for the EN02 swap: one-name, one-office people, most recent first
    foreign = []
    for t in sorted(kb.terms, key=lambda t: (t.start or dt.date.min), reverse=True):
        p = kb.person(t.person_id)
        if p and len(kb.people_named(p.name)) == 1 and len(p.name.split()) == 2 and p.name.isascii():
            foreign.append((p, t.office_id))
        if len(foreign) >= 400:
            break

    published = Counter()
    listed = []
    tm = Score()
    en = Score()
    n_articles = 0
    for row in rows:
        path = args.corpus / "text" / f"{row['filename']}.txt"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        day = dt.date.fromisoformat(row["publication_date"])
        n_articles += 1
        flags, links = run(text, day, kb)
        for f in flags:
            published[f.code] += 1
            s = f.span.start
            listed.append(f"{row['filename']}  {f.code} {f.severity.value}  {f.text!r}  "
                          f"…{text[max(0, s - 20):s]!r}  {f.message}")
        base = [lk for lk in links if checkable(kb, lk, day)]
        linked_spans = {_span(lk) for lk in links}
        # (b1) date shifts
        for years in (-10, -6):
            new_day = day.replace(year=day.year + years, day=min(day.day, 28))
            pos, neg = set(), set()
            for lk in base:
                terms = terms_in(kb, lk.holders[0].id, lk.office.id)
                if not _near(terms, new_day, YEAR):
                    pos.add(_span(lk))
                elif _near(terms, new_day, dt.timedelta(0)):
                    neg.add(_span(lk))
            shifted_flags, shifted_links = run(text, new_day, kb)
            unlinked = {(f.span.start, f.span.end) for f in shifted_flags if f.code == "TM01"} - linked_spans
            score_flags(tm, shifted_flags, "TM01", pos, neg | unlinked, f"{row['filename']} shift {years}y",
                        text, shifted_links)
        if not base:
            continue
        # (b2) holder swap, (b3) office swap, on the first checkable mention
        lk = base[0]
        n0, n1 = lk.mention.span.start, lk.mention.span.end
        others = [t for t in kb.terms_of_office(lk.office.id)
                  if t.person_id != lk.holders[0].id and not _near([t], day, YEAR)]
        others = [t for t in others if (p := kb.person(t.person_id)) and len(kb.people_named(p.name)) == 1
                  and not _near(terms_in(kb, t.person_id, lk.office.id), day, YEAR)]
        if others:
            swap = kb.person(others[-1].person_id).name  # the most recent other holder
            new_text = text[:n0] + swap + text[n1:]
            span = (_span(lk)[0], _span(lk)[1] + len(swap) - (n1 - n0))
            f2, l2 = run(new_text, day, kb)
            linked2 = {_span(x) for x in l2}
            extra = {(f.span.start, f.span.end) for f in f2 if f.code == "TM01"} - linked2
            score_flags(tm, f2, "TM01", {span}, (linked2 - {span}) | extra, f"{row['filename']} swap->{swap}",
                        new_text, l2)
        country = lk.office.country_id
        title = lk.role.title
        candidates = [(p, o) for p, o in foreign if kb.offices[o].country_id != country
                      and not any(title in normalise(kb.offices[t.office_id].title) for t in kb.terms_of(p.id))]
        if candidates:
            p, _ = candidates[n_articles % len(candidates)]
            new_text = text[:n0] + p.name + text[n1:]
            span = (_span(lk)[0], _span(lk)[1] + len(p.name) - (n1 - n0))
            f3, l3 = run(new_text, day, kb)
            linked3 = {_span(x) for x in l3}
            extra = {(f.span.start, f.span.end) for f in f3 if f.code == "EN02"} - linked3
            score_flags(en, f3, "EN02", {span}, (linked3 - {span}) | extra, f"{row['filename']} swap->{p.name}",
                        new_text, l3)

    print(f"(a) {n_articles} articles as published: flags {dict(sorted(published.items()))}")
    total = sum(published.values())
    print(f"    office flags per 100 articles: {100 * total / max(n_articles, 1):.2f}")
    for line in listed:
        print("   ", line)
    print("(b) perturbed copies")
    print("   ", tm.line("TM01 (date shifts -10y/-6y + holder swaps)"))
    print("   ", en.line("EN02 (office swaps)"))
    if args.list or args.trace:
        for s in tm.misses + en.misses:
            print("    miss", s if args.trace else s.split("\n")[0])
        for s in tm.false + en.false:
            print("    false", s if args.trace else s.split("\n")[0])


if __name__ == "__main__":
    main()
