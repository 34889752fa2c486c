"""Precision of the language rules on real articles, from hand labels; and their cost in extraction time.

Usage:
    python bench/eval_language_rules.py ARTICLES_DIR                 # precision per label file of bench/labels/
    python bench/eval_language_rules.py ARTICLES_DIR --labels 'CL01*'   # only those label files
    python bench/eval_language_rules.py ARTICLES_DIR --candidates CL01 --n 40   # sample flags to label
    python bench/eval_language_rules.py ARTICLES_DIR/bbc_2004_2005 --speed     # time with / without the rules
    python bench/eval_language_rules.py ARTICLES_DIR --perturb TM03 --n 30     # constructed cases for rare rules
    python bench/eval_language_rules.py ARTICLES_DIR --candidates EN03 --sentences CHECKWORTHINESS/x_train.tsv
        # other real text: 40 debate sentences a text (labels name it as ../checkworthiness/x_train.tsv#N)
    python bench/eval_language_rules.py ARTICLES_DIR --count TM01,EN01,EN02 [--dated --default-date 2005-01-15]
    python bench/eval_language_rules.py ARTICLES_DIR --candidates TM01 --dated --default-date 2005-01-15
        # with an article date: PolNeAR's metadata.tsv publication_date, else --default-date (BBC carries none)

ARTICLES_DIR holds bbc_2004_2005/ and polnear_train/ (or is one of them, for --speed). A label line is
{"article": "<path relative to ARTICLES_DIR>", "code": "CL01", "start": 10, "end": 25, "label": "correct" |
"false-alarm", "context": "<= 40 characters"} (plus "date" when the sample was drawn --dated, and "severity" when
the rule raises more than one); precision is recomputed by running the rules again and
counting only labelled flags that still fire at the same offsets (a label whose flag vanished is reported).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import json
import os
import random
import re
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


SENTENCES_PER_TEXT = 40


@functools.cache
def _sentences(tsv: Path) -> list[str]:
    """A CheckThat! file's sentences (Sentence_id, Text, ...) in id order."""
    with tsv.open(encoding="utf-8", newline="") as fh:
        rows = sorted((int(r["Sentence_id"]), r["Text"]) for r in csv.DictReader(fh, delimiter="\t"))
    return [text for _, text in rows]


def sentence_texts(tsv: Path) -> list[Path]:
    """Paths ``TSV#N`` standing for texts of SENTENCES_PER_TEXT sentences (from sentence N, in id order): other real
    text than the articles, e.g. the debate transcripts of ../shared/data/checkworthiness, for a fresh sample."""
    return [Path(f"{tsv}#{i}") for i in range(0, len(_sentences(tsv)), SENTENCES_PER_TEXT)]


def load(path: Path):
    if ".tsv#" in path.name:
        tsv, first = str(path).rsplit("#", 1)
        chunk = _sentences(Path(tsv))[int(first) : int(first) + SENTENCES_PER_TEXT]
        return article_from_text("Debate\n\n" + "\n\n".join(chunk), path=str(path))
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raw = path.read_text(encoding="latin-1")
    return article_from_text(raw, path=str(path))


@functools.cache
def _published(folder: Path) -> dict[str, str]:
    """Publication dates by file stem from a metadata.tsv (PolNeAR's: filename, publication_date) in ``folder``."""
    meta = folder / "metadata.tsv"
    if not meta.is_file():
        return {}
    with meta.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row["publication_date"] for row in csv.DictReader(fh, delimiter="\t")}


def article_date(path: Path, default: str | None) -> str | None:
    """The article's publication date from the corpus metadata (a metadata.tsv beside the file or its folder),
    else ``default`` (for a corpus that carries none, e.g. BBC 2004-2005)."""
    for folder in (path.parent, path.parent.parent):
        found = _published(folder).get(path.stem)
        if found:
            return found
    return default


_MEMORIES: dict[str, object] = {}


def desk_memory(root: Path, spec: str, kb):
    """A desk memory for MM01, ``spec`` = "FOLDER<YYYY-MM-DD": every check-worthy claim of the articles under
    ``root/FOLDER`` published before that date (metadata.tsv) recorded as checked (verdict accurate, dated with its
    article), as a desk that had reviewed those articles would hold. Built once per run in a temporary folder."""
    if spec not in _MEMORIES:
        import tempfile

        from factcheck.memory.evidence import evidence_from_text
        from factcheck.memory.index import build_index, load_index
        from factcheck.memory.model import MemoryRecord, Origin, Verdict
        from factcheck.memory.store import Memory
        from factcheck.models import ReviewStatus

        folder, cutoff = spec.split("<")
        forms = kb.country_surface_forms()
        records = []
        for path in article_paths(root / folder):
            day = article_date(path, None)
            if day is None or day >= cutoff:
                continue
            for i, claim in enumerate(extract(load(path), kb=kb).claims):
                if claim.review.status is not ReviewStatus.NOT_CHECKWORTHY:
                    records.append(MemoryRecord(
                        id=f"{path.stem}#{i}", origin=Origin.REGISTRY, text=claim.text, verdict=Verdict.ACCURATE,
                        url=f"claims/{path.stem}.yaml#C{i:02d}", date=day, source="desk", article=str(path),
                        evidence=evidence_from_text(claim.text, forms)))
        tmp = Path(tempfile.mkdtemp(prefix="desk-memory-"))
        build_index(records, tmp)
        _MEMORIES[spec] = Memory(load_index(tmp), forms)
        print(f"desk memory {spec}: {len(records)} records", file=sys.stderr)
    return _MEMORIES[spec]


def memory_articles(root: Path, spec: str) -> set[Path]:
    """The articles whose claims make up the memory ``spec`` (not sampled: their own claims are in it)."""
    folder, cutoff = spec.split("<")
    return {p for p in article_paths(root / folder) if (article_date(p, None) or cutoff) < cutoff}


def flags_of(path: Path, codes: list[str], kb, perturb: dict | None = None, date: str | None = None,
             memory=None) -> list:
    article = load(path)
    if date:
        article = article_from_text(article.text, path=str(path), date=dt.date.fromisoformat(date))
    if perturb:
        # A constructed test: spans of the real text replaced (e.g. a weekday or a count word), for rules that
        # rarely fire on real text. Offsets of the flag refer to the perturbed text.
        text = article.text
        for edit in sorted(perturb if isinstance(perturb, list) else [perturb], key=lambda e: -e["start"]):
            text = text[: edit["start"]] + edit["text"] + text[edit["end"] :]
        article = article_from_text(text, path=str(path), date=article.date)
    extraction = extract(article, kb=kb)
    claims = check(extraction, select_rules(codes), kb=kb, memory=memory)
    return article.text, [f for c in claims for f in c.flags]


def precision(root: Path, pattern: str = "*.jsonl", summary: Path | None = None) -> int:
    """Precision per label file (a rule's sample labelled under one set of criteria: bench/labels/README.md);
    with ``summary``, also written as JSON (``factcheck/rules/precision.json`` feeds the table in docs/rules.md)."""
    kb = default_knowledge_base()
    # Real-text labels are grouped by article; each perturbed label is its own run (its own edited text).
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for file in sorted(LABELS.glob(pattern)):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                label = {**json.loads(line), "set": file.stem}
                if "code" not in label:
                    break  # another benchmark's labels (bench/eval_people.py's people.jsonl, pronouns-seed*.jsonl)
                key = json.dumps(label["perturb"], sort_keys=True) if label.get("perturb") else ""
                groups[(label["article"], key, label.get("date") or "", label.get("memory") or "")].append(label)
    counts = defaultdict(lambda: defaultdict(int))
    severities: dict[str, set] = defaultdict(set)
    for (rel, key, date, spec), labels in sorted(groups.items()):
        perturb = json.loads(key) if key else None
        memory = desk_memory(root, spec, kb) if spec else None
        text, flags = flags_of(root / rel, sorted({lab["code"] for lab in labels}), kb, perturb, date or None, memory)
        fired = {(f.code, f.span.start, f.span.end) for f in flags}
        for lab in labels:
            severities[lab["set"]].add(lab.get("severity"))
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
                row = {"labels": name, "code": name.split("-")[0], "text": kind, "labelled": n,
                       "correct": c["correct"], "precision": round(c["correct"] / n, 3)}
                if len(severities[name]) == 1 and None not in severities[name]:
                    row["severity"] = next(iter(severities[name]))  # a sample of one severity: its own bar
                rows.append(row)
    if summary is not None:
        summary.write_text(json.dumps({"description": "Precision of rules on hand-labelled real text (BBC 2004-2005, "
                                       "PolNeAR train), written by bench/eval_language_rules.py --summary; criteria "
                                       "per label file in bench/labels/README.md", "rows": rows}, indent=1) + "\n",
                           encoding="utf-8")
    return 0


def candidates(root: Path, code: str, n: int, seed: int, dated: bool = False, default_date: str | None = None,
               severity: str | None = None, sentences: Path | None = None, memory: str | None = None) -> int:
    """Print a random sample of flags of one rule, with their sentences, for hand labelling (``dated``: each
    article given its publication date, or ``default_date``; ``severity``: only flags of that severity)."""
    kb = default_knowledge_base()
    paths = sentence_texts(sentences) if sentences else article_paths(root)
    desk = desk_memory(root, memory, kb) if memory else None
    if memory:
        skip = memory_articles(root, memory)
        paths = [p for p in paths if p not in skip]
    random.Random(seed).shuffle(paths)
    shown = 0
    for path in paths:
        date = article_date(path, default_date) if dated else None
        text, flags = flags_of(path, [code], kb, date=date, memory=desk)
        for f in [f for f in flags if severity in (None, f.severity.value)][:2]:
            s = max(0, f.span.start - 150)
            e = min(len(text), f.span.end + 150)
            rel = os.path.relpath(path, root)
            extra = {**({"date": date} if date else {}), **({"memory": memory} if memory else {})}
            print(json.dumps({"article": rel, "code": code, "start": f.span.start, "end": f.span.end, **extra,
                              "severity": f.severity.value, "flag": f.text, "message": f.message}))
            print("   ", text[s : f.span.start].replace("\n", " | ") + "[[" + f.text + "]]" + text[f.span.end : e].replace("\n", " | "))
            if f.evidence and f.evidence[0].detail and code == "MM01":
                print("    MEMORY:", f.evidence[0].detail)
            shown += 1
        if shown >= n:
            break
    return 0


_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_COUNT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _drop_a_letter(name: str, start: int) -> dict | None:
    """An edit deleting the middle letter of the name's longest word (of at least 6 letters): a one-letter typo."""
    words = [(w.start(), w.group(0)) for w in re.finditer(r"[A-Za-z]+", name)]
    at, word = max(words, key=lambda w: len(w[1]), default=(0, ""))
    if len(word) < 6:
        return None
    mid = at + len(word) // 2
    return {"start": start + mid, "end": start + mid + 1, "text": ""}


def perturbations(article, code: str, kb=None) -> list[dict]:
    """Real spots a rare rule could check, each with one edit that makes the text wrong by construction.

    TM03: a weekday written with a full date, changed to the next weekday. CN01: a count written in words with a
    closed list attached (colon, dash, bracket, "namely"), changed to one more. AT02: a quote with a speaker,
    ending a sentence, kept alone after a neutral lead ("The meeting ended on Monday."): all else removed.
    EN05: a person or organisation named at least twice in the same words, its last mention given a one-letter
    typo. EN03: a person the knowledge base knows by exactly that name, its first mention given a one-letter typo.
    CL02: a scraped links bar appended, the article's own person and organisation names run together with no
    full stop (when they come to more than 30 words). EN01: a country adjective before "President" made
    "Swedish" (Sweden has a king and a prime minister), before "Prime Minister" or "Premier" made "American".
    """
    from factcheck.rules.consistency import _LIST_INTRO

    extraction = extract(article, kb=None)
    out = []
    named: set[str] = set()
    for m in extraction.mentions:
        if code in ("EN05", "EN03") and m.kind.value in ("person", "organisation") and len(m.text.split()) >= 2 \
                and m.attrs.refers_to is None and m.text not in named:
            named.add(m.text)
            places = [x.start() for x in re.finditer(rf"(?<!\w){re.escape(m.text)}(?!\w)", article.text)]
            if code == "EN05" and len(places) >= 2:
                edit = _drop_a_letter(m.text, places[-1])
            elif code == "EN03" and m.kind.value == "person" and kb is not None and kb.people_named(m.text):
                edit = _drop_a_letter(m.text, m.span.start)
            else:
                edit = None
            if edit:
                out.append(edit)
    if code == "EN01":
        for m in extraction.mentions:
            title = re.match(r"\s+(President|Prime Minister|Premier)\b", article.text[m.span.end :])
            if m.kind.value == "country" and m.text[:1].isupper() and not m.text.endswith("'s") and title:
                new = "Swedish" if title.group(1) == "President" else "American"
                if m.text != new:
                    out.append({"start": m.span.start, "end": m.span.end, "text": new})
    if code == "CL02":
        names = list(dict.fromkeys(m.text for m in extraction.mentions if m.kind.value in ("person", "organisation")))
        if sum(len(n.split()) for n in names) > 30:
            out.append({"start": len(article.text), "end": len(article.text), "text": "\n\nRelated " + " ".join(names)})
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
        found = perturbations(load(path), code, kb)
        for perturb in found[:2] if code in ("AT02", "EN01", "EN03", "EN05") else found:  # two per article of the common ones
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


def count(root: Path, codes: list[str], dated: bool = False, default_date: str | None = None) -> int:
    """How many flags each rule raises over every article, by severity (what a sample is drawn from)."""
    kb = default_knowledge_base()
    totals: dict[tuple[str, str, str], int] = defaultdict(int)
    paths = article_paths(root)
    for path in paths:
        date = article_date(path, default_date) if dated else None
        for f in flags_of(path, codes, kb, date=date)[1]:
            totals[(f.code, f.severity.value, path.relative_to(root).parts[0])] += 1
    print(f"{len(paths)} articles{' (dated)' if dated else ''}")
    for (code, level, corpus), n in sorted(totals.items()):
        print(f"{code} {level:8} {corpus:16} {n}")
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
    parser.add_argument("--perturb", metavar="CODE", help="print constructed cases (TM03, CN01, AT02, EN03, EN05) for labelling")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--dated", action="store_true", help="give each article its publication date (metadata.tsv)")
    parser.add_argument("--default-date", help="with --dated: the date of articles with no metadata (YYYY-MM-DD)")
    parser.add_argument("--severity", choices=["info", "warning", "error"], help="with --candidates: only these flags")
    parser.add_argument("--sentences", type=Path, metavar="TSV",
                        help="with --candidates: draw from a CheckThat! sentence file, 40 sentences a text, not the articles")
    parser.add_argument("--memory", metavar="FOLDER<DATE", help="with --candidates MM01: a desk memory of the claims of "
                        "FOLDER's articles published before DATE (e.g. 'polnear_train<2016-03-01'); those articles are not sampled")
    parser.add_argument("--count", metavar="CODES", help="count the flags of these rules (comma-separated) over every article")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--labels", default="*.jsonl", help="which label files of bench/labels/ (a glob)")
    parser.add_argument("--summary", type=Path, help="also write the precision table as JSON (factcheck/rules/precision.json)")
    args = parser.parse_args(argv)
    if args.speed:
        return speed(args.articles, args.repeat)
    if args.count:
        return count(args.articles, args.count.split(","), args.dated, args.default_date)
    if args.perturb:
        return perturbed_candidates(args.articles, args.perturb, args.n, args.seed)
    if args.candidates:
        return candidates(args.articles, args.candidates, args.n, args.seed, args.dated, args.default_date, args.severity,
                          args.sentences, args.memory)
    return precision(args.articles, args.labels, args.summary)


if __name__ == "__main__":
    raise SystemExit(main())
