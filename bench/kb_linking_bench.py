"""Throughput of the KB-related stages of a review, in MB of article text per second on one core.

Usage:  .venv/bin/python bench/kb_linking_bench.py ARTICLES_DIR [ARTICLES_DIR ...] [--repeat N]

Every .txt file under the folders is read once and run through segmentation and mention extraction (not timed).
Then, per article, these stages are timed with the full default KB loaded:
  countries  country/demonym matching over the article's tokens (``find_countries`` with the KB's surface forms)
  offices    ``link_offices``: title phrases to offices, names to people and terms, sentence times
  EN03/EN04  the name look-ups behind the near-miss and unknown-organisation rules: exact organisation and
             person look-ups, then fuzzy candidates (``organisation_near_miss`` / ``person_near_miss``)
Figures are MB (10^6 bytes of UTF-8 article text) per second of CPU time (``time.process_time``), best of
``--repeat`` passes, per stage and for the three together. The target (issue 3) is >= 1 MB/s per core.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck import article_from_text  # noqa: E402
from factcheck.extract.entities import find_countries, tokenize  # noqa: E402
from factcheck.kb import default_kb  # noqa: E402
from factcheck.resolve.linking import link_offices  # noqa: E402
from factcheck.models import MentionKind  # noqa: E402
from factcheck.pipeline import extract  # noqa: E402
from factcheck.rules import CheckContext  # noqa: E402
from factcheck.rules.near_miss_helpers import organisation_near_miss, person_near_miss  # noqa: E402


def contexts(folders: list[Path], kb) -> list[tuple[CheckContext, list]]:
    out = []
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            if path.name.upper() == path.name:  # README.TXT
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            ex = extract(article_from_text(text), kb=kb)
            ctx = CheckContext(doc=ex.doc, claims=ex.claims, mentions=ex.mentions, article_date=ex.article_date, kb=kb)
            out.append((ctx, tokenize(ex.doc.text, 0, len(ex.doc.text))))
    return out


def stage_countries(items, kb) -> None:
    forms = kb.country_surface_forms()
    for ctx, tokens in items:
        find_countries(ctx.text, tokens, forms)


def stage_offices(items, kb) -> None:
    for ctx, _ in items:
        link_offices(ctx, kb)


def stage_names(items, kb) -> None:
    for ctx, _ in items:
        countries = {m.attrs.country for m in ctx.mentions_of(MentionKind.COUNTRY)}
        seen = set()
        for m in ctx.mentions_of(MentionKind.ORGANISATION):
            if m.text in seen or len(m.text.split()) < 2:
                continue
            seen.add(m.text)
            if kb.organisation(m.text) is None:
                organisation_near_miss(kb, m.text)
        for m in ctx.mentions_of(MentionKind.PERSON):
            if m.attrs.refers_to is not None or m.text in seen:  # as EN03 does: "Suga" after "Yoshihide Suga" is not looked up
                continue
            seen.add(m.text)
            person_near_miss(kb, m.text, countries, set())


STAGES = {"countries": stage_countries, "offices": stage_offices, "EN03/EN04 names": stage_names}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", type=Path, nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    kb = default_kb()
    items = contexts(args.folders, kb)
    mb = sum(len(ctx.text.encode("utf-8")) for ctx, _ in items) / 1e6
    print(f"{len(items)} articles, {mb:.2f} MB of text; full default KB ({len(kb.people)} people, "
          f"{len(kb.organisations)} organisations, {len(kb.country_surface_forms())} country forms)")
    total = 0.0
    for label, stage in STAGES.items():
        best = float("inf")
        for _ in range(args.repeat):
            t = time.process_time()
            stage(items, kb)
            best = min(best, time.process_time() - t)
        total += best
        print(f"  {label:<16} {best:7.3f} s  {mb / best:8.2f} MB/s")
    print(f"  {'all three':<16} {total:7.3f} s  {mb / total:8.2f} MB/s per core (target >= 1 MB/s)")


if __name__ == "__main__":
    main()
