"""An evaluator of the office checks (TM01, EN01, EN02) that cannot flatter us.

    .venv/bin/python bench/eval_office_perturb.py --data ../shared/data \\
        --articles ../shared/data/articles/polnear_train [--articles DIR --default-date 2005-01-15] \\
        [--eras bench/fixtures/eras] [--limit N] [--per-article 4] [--seed 1] [--json out.json] [--list]

Truth comes from the raw office tables under --data (bench/office_truth.py), mentions from the evaluator's own
patterns (bench/office_mentions.py); factcheck is called only as a black box (factcheck.api.analyse on the
article file written to a temporary folder, with its date in front matter) and only its flags are read.

For each article: every titled mention whose person held the office on the article's date is a *correct
mention*. The unperturbed article is reviewed: a TM01/EN01/EN02 flag (warning or error) on a correct mention is a
false alarm. Up to --per-article correct mentions (seeded sample) are perturbed, one perturbation per file:
holder swap (predecessor/successor, expect TM01), office swap (a title the person never held, expect EN02),
no such office (a head title the country never had, expect EN01), date shifted 10 years back (expect TM01; when
the person still held the office then, a negative control). A hit is the expected code at warning or error on a
span overlapping the mention.

Article dates: PolNeAR's metadata.tsv (publication_date); files with front matter `date:`; otherwise
--default-date (BBC 2004-05 carries no date: pass one). As-published runs use the file exactly as in the corpus,
no date given, as a desk would run it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the evaluator's own modules; factcheck comes from PYTHONPATH or the venv

from office_mentions import Finder, perturb, with_front_matter
from office_truth import FAMILIES, build_truth

OFFICE_CODES = ("TM01", "EN01", "EN02")
RAISED = ("warning", "error")
FORMS = ("full", "surname", "middle_initial", "appositive")


def corpus_files(path: Path) -> list[Path]:
    text = path / "text"
    root = text if text.is_dir() else path
    return sorted(p for p in root.rglob("*.txt") if p.name.upper() not in ("README.TXT", "PROVENANCE.TXT"))


def corpus_dates(path: Path) -> dict[str, dt.date]:
    meta = path / "metadata.tsv"
    if not meta.exists():
        return {}
    with open(meta, encoding="utf-8") as f:
        return {r["filename"]: dt.date.fromisoformat(r["publication_date"]) for r in csv.DictReader(f, delimiter="\t")}


FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def read_article(path: Path) -> tuple[str, dt.date | None]:
    """The body text (front matter removed, as the tool does) and the front matter date, if any."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    m = FRONT.match(text)
    if not m:
        return text, None
    d = re.search(r"^date:\s*['\"]?(\d{4}-\d{2}-\d{2})", m.group(1), re.MULTILINE)
    return text[m.end():], dt.date.fromisoformat(d.group(1)) if d else None


def tool_version(root: Path) -> str:
    """Which factcheck is measured: its checkout and commit (a worktree's PYTHONPATH=$PWD decides)."""
    import subprocess

    try:
        rev = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%h %s"], check=False,
                             capture_output=True,
                             text=True, timeout=10).stdout.strip()[:80]
    except (OSError, subprocess.SubprocessError):
        rev = "?"
    return f"{root} @ {rev or '?'}"


class Tool:
    """factcheck as a black box: write the article to a temp file, review it, return its office flags."""

    def __init__(self, tmp: Path):
        import factcheck  # the public Python API only: the evaluator must survive the tool's restructuring

        self._analyse, self._load = factcheck.analyse, factcheck.load_article
        self.where = tool_version(Path(factcheck.__file__).resolve().parent.parent)
        self.tmp = tmp
        self.runs = 0
        self.crashes: list[str] = []
        self.seconds = 0.0

    def flags(self, text: str, name: str) -> list[dict] | None:
        """(code, severity, start, end, message) of every TM01/EN01/EN02 flag; None when the tool crashed."""
        path = self.tmp / name
        path.write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        self.runs += 1
        try:
            registry = self._analyse(self._load(path), select=list(OFFICE_CODES))
        except Exception as exc:  # noqa: BLE001 - a crash is a result to count, not to stop the evaluation
            self.crashes.append(f"{name}: {type(exc).__name__}: {exc}")
            return None
        finally:
            self.seconds += time.perf_counter() - t0
        return [{"code": f.code, "severity": f.severity.value, "start": f.span.start, "end": f.span.end,
                 "message": f.message} for c in registry.claims for f in c.flags]


def on_span(flags: list[dict], start: int, end: int, codes=OFFICE_CODES, severities=RAISED) -> list[dict]:
    return [f for f in flags if f["code"] in codes and f["severity"] in severities and f["start"] < end and start < f["end"]]


class Tally:
    def __init__(self) -> None:
        self.hit: Counter = Counter()
        self.total: Counter = Counter()

    def add(self, key, ok: bool) -> None:
        self.total[key] += 1
        self.hit[key] += ok

    def rate(self, key) -> str:
        n = self.total[key]
        return f"{self.hit[key] / n:.2f} ({self.hit[key]}/{n})" if n else "-"

    def as_dict(self) -> dict:
        return {"|".join(k) if isinstance(k, tuple) else k: {"hit": self.hit[k], "total": self.total[k],
                "recall": round(self.hit[k] / self.total[k], 3) if self.total[k] else None} for k in sorted(self.total, key=str)}


def evaluate_corpus(tool: Tool, finder: Finder, corpus: Path, *, limit: int | None, per_article: int, seed: int,
                    default_date: dt.date | None, as_published: bool, listing: list[str]) -> dict:
    truth = finder.truth
    dates = corpus_dates(corpus)
    files = corpus_files(corpus)
    if limit:
        files = random.Random(seed).sample(files, min(limit, len(files))) if limit < len(files) else files
        files.sort()
    recall = Tally()
    correct = false_alarms = negatives = negative_alarms = articles = undated = 0
    forms: Counter = Counter()
    families: Counter = Counter()
    published = Counter()
    dated = Counter()
    alarm_examples: list[str] = []
    for i, path in enumerate(files):
        body, front_date = read_article(path)
        day = dates.get(path.stem) or front_date or default_date
        articles += 1
        if as_published:
            flags = tool.flags(path.read_bytes().decode("utf-8", "replace"), f"pub{i}{path.suffix}")
            for f in flags or []:
                if f["severity"] in RAISED:
                    published[(f["code"], f["severity"])] += 1
                    listing.append(f"as-published {path.name}: {f['code']} {f['severity']} {f['message']}")
        if day is None:
            undated += 1
            continue
        mentions = finder.find(body, day)
        base = tool.flags(with_front_matter(body, day), f"base{i}.txt")
        if base is None:
            continue
        for f in base:
            if f["severity"] in RAISED:
                dated[(f["code"], f["severity"])] += 1
                listing.append(f"dated {path.name} {day}: {f['code']} {f['severity']} {f['message']}")
        for m in mentions:
            correct += 1
            forms[m.form] += 1
            families[m.family] += 1
            alarms = on_span(base, m.start, m.end)
            if alarms:
                false_alarms += 1
                msg = f"false alarm {path.name} {day} {body[m.start:m.end]!r}: " + "; ".join(
                    f"{f['code']} {f['severity']} {f['message']}" for f in alarms)
                alarm_examples.append(msg)
                listing.append(msg)
        rng = random.Random(f"{seed}:{path.name}")
        sample = rng.sample(mentions, min(per_article, len(mentions)))
        for m in sorted(sample, key=lambda x: x.start):
            for p in perturb(truth, body, m, day, seed):
                flags = tool.flags(with_front_matter(p.text, p.date), f"p{i}.txt")
                if flags is None:
                    continue
                if not p.expect:
                    negatives += 1
                    bad = on_span(flags, p.start, p.end)
                    negative_alarms += bool(bad)
                    if bad:
                        listing.append(f"negative-control alarm {path.name} {p.detail}: {bad[0]['message']}")
                    continue
                got = on_span(flags, p.start, p.end, codes=(p.expect,))
                ok = bool(got)
                rule = f"{p.expect}:{p.kind}"
                for key in (rule, ("all", p.expect), (rule, m.family), (rule, m.form), (p.expect, m.family, m.form),
                            (rule, m.family, m.form), (rule, f"office:{m.office}")):
                    recall.add(key, ok)
                recall.add(("any office code", rule), bool(on_span(flags, p.start, p.end)))
                if not ok:
                    seen = on_span(flags, p.start, p.end, codes=OFFICE_CODES, severities=("info", "warning", "error"))
                    listing.append(f"miss {p.kind} [{m.family} {m.form}] {path.name} {p.detail} {p.text[p.start:p.end]!r}: "
                                   + ("; ".join(f"{f['code']} {f['severity']}" for f in seen) or "no office flag"))
    return {
        "corpus": str(corpus), "articles": articles, "undated": undated, "correct_mentions": correct,
        "forms": dict(forms), "families": dict(families),
        "false_alarms": false_alarms, "false_alarm_pct": round(100 * false_alarms / correct, 2) if correct else None,
        "negative_controls": negatives, "negative_control_alarms": negative_alarms,
        "recall": recall.as_dict(), "_tally": recall,
        "as_published": {f"{c} {s}": n for (c, s), n in sorted(published.items())} if as_published else None,
        "as_published_per_100": round(100 * sum(published.values()) / articles, 2) if as_published and articles else None,
        "dated": {f"{c} {s}": n for (c, s), n in sorted(dated.items())},
        "dated_per_100": round(100 * sum(dated.values()) / (articles - undated), 2) if articles > undated else None,
        "false_alarm_examples": alarm_examples[:50],
    }


def evaluate_eras(tool: Tool, finder: Finder, folder: Path, listing: list[str]) -> dict:
    """Our own dated wire stories naming real holders correctly: every office warning/error is a false alarm."""
    out = {"articles": 0, "flags": Counter(), "by_era": Counter(), "found_mentions": 0}
    for i, path in enumerate(sorted(folder.glob("*.txt"))):
        body, day = read_article(path)
        out["articles"] += 1
        if day:
            out["found_mentions"] += len(finder.find(body, day))
        flags = tool.flags(path.read_text(encoding="utf-8"), f"era{i}.txt") or []
        for f in flags:
            if f["severity"] in RAISED:
                out["flags"][f"{f['code']} {f['severity']}"] += 1
                out["by_era"][str(day.year) if day else "undated"] += 1
                listing.append(f"era {path.name}: {f['code']} {f['severity']} {f['message']}")
    n = out["articles"]
    out["per_100"] = round(100 * sum(out["flags"].values()) / n, 1) if n else None
    out["flags"], out["by_era"] = dict(out["flags"]), dict(out["by_era"])
    return out


def print_table(results: list[dict], eras: dict | None, tool: Tool) -> None:
    rules = ("TM01:holder_swap", "TM01:date_shift", "EN02:office_swap", "EN01:no_such_office")
    for r in results:
        t: Tally = r["_tally"]
        print(f"\n== {r['corpus']}: {r['articles']} articles ({r['undated']} undated, skipped), "
              f"{r['correct_mentions']} correct titled mentions {r['forms']}")
        print(f"{'recall (warning/error on the span)':36s}" + "".join(f"{x:>20s}" for x in rules))
        print(f"{'all':36s}" + "".join(f"{t.rate(x):>20s}" for x in rules))
        for fam in FAMILIES:
            if any(t.total[(x, fam)] for x in rules):
                print(f"{'  family ' + fam:36s}" + "".join(f"{t.rate((x, fam)):>20s}" for x in rules))
        for form in FORMS:
            if any(t.total[(x, form)] for x in rules):
                print(f"{'  form ' + form:36s}" + "".join(f"{t.rate((x, form)):>20s}" for x in rules))
        print(f"{'  any office code on the span':36s}" + "".join(f"{t.rate(('any office code', x)):>20s}" for x in rules))
        print(f"{'family x form':36s}" + "".join(f"{x:>20s}" for x in rules) + f"{'TM01 all':>16s}{'EN02 all':>16s}")
        for fam in FAMILIES:
            for form in FORMS:
                if any(t.total[(x, fam, form)] for x in rules):
                    print(f"{'  ' + fam + ' x ' + form:36s}" + "".join(f"{t.rate((x, fam, form)):>20s}" for x in rules)
                          + "".join(f"{t.rate((code, fam, form)):>16s}" for code in ("TM01", "EN02")))
        print(f"TM01 overall {t.rate(('all', 'TM01'))}   EN02 {t.rate(('all', 'EN02'))}   EN01 {t.rate(('all', 'EN01'))}")
        print(f"false alarms at correct mentions (unperturbed, dated): {r['false_alarms']} "
              f"= {r['false_alarm_pct']}% of {r['correct_mentions']}; "
              f"date-shift negative controls flagged: {r['negative_control_alarms']}/{r['negative_controls']}")
        print(f"dated (article date in front matter): office warnings/errors {r['dated']} "
              f"= {r['dated_per_100']} per 100 articles (at correct mentions or not)")
        if r["as_published"] is not None:
            print(f"as published (no date given): office warnings/errors {r['as_published']} "
                  f"= {r['as_published_per_100']} per 100 articles")
    if eras:
        print(f"\n== era fixtures: {eras['articles']} articles, {eras['found_mentions']} correct mentions found by the "
              f"evaluator; office warnings/errors (all false) {eras['flags']} = {eras['per_100']} per 100 articles; "
              f"by era {eras['by_era']}")
    print(f"\nfactcheck measured: {tool.where}")
    print(f"tool runs {tool.runs}, crashes {len(tool.crashes)}, {tool.seconds:.1f} s in the tool")
    for c in tool.crashes[:10]:
        print("  crash", c)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="../shared/data (office tables, countries)")
    ap.add_argument("--articles", action="append", type=Path, default=[], help="corpus folder (repeatable)")
    ap.add_argument("--default-date", type=dt.date.fromisoformat, help="date for articles that carry none (BBC)")
    ap.add_argument("--eras", type=Path, default=HERE / "fixtures/eras", help="dated fixtures of older eras")
    ap.add_argument("--limit", type=int, help="at most N articles per corpus (seeded sample)")
    ap.add_argument("--per-article", type=int, default=4, help="correct mentions perturbed per article")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-published", action="store_true", help="skip the as-published runs")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--list", action="store_true", help="print every miss, false alarm and as-published flag")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    truth = build_truth(args.data)
    finder = Finder(truth)
    listing: list[str] = []
    with tempfile.TemporaryDirectory(prefix="office-perturb-") as tmp:
        tool = Tool(Path(tmp))
        results = [evaluate_corpus(tool, finder, c, limit=args.limit, per_article=args.per_article, seed=args.seed,
                                   default_date=args.default_date, as_published=not args.no_published, listing=listing)
                   for c in args.articles]
        eras = evaluate_eras(tool, finder, args.eras, listing) if args.eras and args.eras.is_dir() else None
    if args.list:
        print("\n".join(listing))
    print_table(results, eras, tool)
    print(f"total {time.perf_counter() - t0:.0f} s")
    if args.json:
        payload = {"command": " ".join(sys.argv), "seed": args.seed, "per_article": args.per_article,
                   "corpora": [{k: v for k, v in r.items() if not k.startswith("_")} for r in results],
                   "eras": eras, "factcheck": tool.where, "tool_runs": tool.runs, "crashes": tool.crashes}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
