"""False office alarms on company, union and other organisations' officers who share a name with someone in the KB.

Usage:
    .venv/bin/python bench/namesake_probe.py [--people 200] [--seed 0] [--date 1987-07-02]

Wire stories name company, union, university and central-bank officers all the time, and with ~50,000 people in
the knowledge base many of them share a name with a minister or a president somewhere. This draws ``--people``
names from the KB (two or three words, ASCII, seeded), puts each into one invented sentence of the forms below (in
turn), dates the article ``--date`` and reviews it with every rule. None of the sentences makes anyone a state's
officer, so every TM01/EN01/EN02 warning or error is a false alarm; the script prints their count per form and the
first few. Nothing here reads ../shared.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.api import analyse  # noqa: E402
from factcheck.article import article_from_text  # noqa: E402
from factcheck.kb import default_kb  # noqa: E402
from factcheck.models import Severity  # noqa: E402

FORMS = (
    "Acme Co President {n} said profits rose.",
    "Acme Co. President {n} said profits rose.",
    "Acme Corp Chairman {n} said profits rose.",
    "Acme Inc President {n} said profits rose.",
    "Texas Air Corp President {n} said fares would rise.",
    "Acme Co Vice President {n} said profits rose.",
    "United Auto Workers President {n} said talks would resume.",
    "Harvard University President {n} opened the library.",
    "{n}, president of Acme Corp, said profits rose.",
    "{n}, Acme's president, said profits rose.",
    "the company's president, {n}, said profits rose.",
    "the union's president, {n}, said the strike would go on.",
    "{n}, president of the Federal Reserve Bank of Dallas, said rates would rise.",
    "Quebec Premier {n} said the accord was dead.",
)
OFFICE_RULES = {"TM01", "EN01", "EN02"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--date", default="1987-07-02")
    ap.add_argument("--show", type=int, default=10, help="how many alarms to print")
    args = ap.parse_args()
    kb = default_kb()
    names = sorted({p.name for p in kb.people.values() if len(p.name.split()) in (2, 3) and p.name.isascii()})
    sample = random.Random(args.seed).sample(names, args.people)
    alarms: Counter[str] = Counter()
    shown = []
    for i, name in enumerate(sample):
        form = FORMS[i % len(FORMS)]
        text = f"---\ndate: {args.date}\n---\nResults\n\nNEW YORK (Reuters) - {form.format(n=name)}\n"
        for claim in analyse(article_from_text(text), kb=kb).claims:
            for f in claim.flags:
                if f.code in OFFICE_RULES and f.severity in (Severity.WARNING, Severity.ERROR):
                    alarms[form] += 1
                    shown.append(f"{f.code} {f.severity.value}: {form.format(n=name)} | {f.message[:120]}")
    print(f"{len(sample)} sentences (seed {args.seed}, dated {args.date}): {sum(alarms.values())} office alarms")
    for form in FORMS:
        if alarms[form]:
            print(f"  {alarms[form]:4d}  {form}")
    for line in shown[: args.show]:
        print("   ", line)


if __name__ == "__main__":
    main()
