"""Re-anchoring benchmark: revise real articles, re-anchor every sentence, count right and wrong anchors.

    python bench/reanchor.py ../shared/data/articles [--limit 300] [--seed 1] [--registry-only]

Each article's sentences (the project's splitter) are the claims. Revisions, each applied on its own
to a fresh copy, with the true new place of every sentence tracked:

  insert     a paragraph from another article inserted at the top and one in the middle
  edit       one word replaced inside 3 random sentences
  delete     3 random sentences deleted
  move       two paragraphs swapped
  lookalike  a near-copy (one word changed) of 3 sentences inserted in another paragraph;
             for half of them the original is deleted
  mixed      insert + edit + delete + move together

Methods, side by side on the same revisions:

  ours        factcheck.registry.anchoring with the old text sketched from the registry (what
              `factcheck review` has: quotes + contexts at their offsets, not the old article)
  ours-full   the same with the real old text for the diff
  hypothesis  a Hypothesis-style baseline: stored position, then the exact quote ranked by context,
              then the best fuzzy candidate with no threshold and no margin

Outcome per claim: `right` (survived/edited sentence anchored on its true place with the quote there,
or a deleted sentence left orphaned/ambiguous), `wrong` (exact/moved onto another place, or onto a
deleted sentence's look-alike), `fuzzy-wrong` (fuzzy anchor on another place: shown to a human to
confirm, but counted), `repeat` (a deleted sentence anchored onto another, identical sentence of the
article), `missed` (still there but left ambiguous/orphaned), and the status counts. Also times 1,000 claims re-anchored in a 10 KB article
and a 2,000-claim registry load + merge + write. No article text is stored or printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz  # noqa: E402

from factcheck.registry.anchoring import (  # noqa: E402
    Anchor,
    Reanchorer,
    StoredQuote,
    _context_score,
    context_for,
    occurrences,
    sketch_old_text,
)
from factcheck.text.sentences import split_sentences  # noqa: E402

KINDS = ("insert", "edit", "delete", "move", "lookalike", "mixed")


def read_articles(root: Path, limit: int) -> list[list[str]]:
    """Articles as lists of paragraphs (plain text; paragraphs split on blank lines)."""
    files = sorted(p for p in root.rglob("*.txt") if p.name.upper() not in ("README.TXT", "PROVENANCE.TXT"))
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        paras = [p.strip() for p in text.split("\n\n") if p.strip()]
        if len(paras) >= 3:
            out.append(paras)
        if len(out) >= limit:
            break
    return out


# An article: list of paragraphs; a paragraph: list of [sentence id or None, text].
def to_doc(paras: list[str]) -> list[list[list]]:
    doc, n = [], 0
    for p in paras:
        para = []
        for s, e in split_sentences(p):
            para.append([n, p[s:e]])
            n += 1
        if para:
            doc.append(para)
    return doc


def render(doc) -> tuple[str, dict[int, tuple[int, int, str]]]:
    text, where = "", {}
    for pi, para in enumerate(doc):
        if pi:
            text += "\n\n"
        for si, (ident, sentence) in enumerate(para):
            if si:
                text += " "
            if ident is not None:
                where[ident] = (len(text), len(text) + len(sentence), sentence)
            text += sentence
    return text, where


def _edit_word(rng: random.Random, sentence: str) -> str:
    words = sentence.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
    if not candidates:
        return sentence + " Indeed."
    i = rng.choice(candidates)
    words[i] = rng.choice(["several", "officials", "regional", "quarterly", "announced", "former", "nearly"])
    return " ".join(words)


def revise(doc, kind: str, rng: random.Random, donor: list[str]):
    doc = [[list(s) for s in para] for para in doc]
    lookalikes: dict[str, int] = {}
    sentences = [s for para in doc for s in para if s[0] is not None]
    kinds = ("insert", "edit", "delete", "move") if kind == "mixed" else (kind,)
    for k in kinds:
        if k == "insert":
            doc.insert(0, [[None, donor[0]]])
            doc.insert(len(doc) // 2, [[None, donor[-1]]])
        elif k == "edit":
            for s in rng.sample(sentences, min(3, len(sentences))):
                s[1] = _edit_word(rng, s[1])
        elif k == "delete":
            for s in rng.sample(sentences, min(3, len(sentences) - 1)):
                for para in doc:
                    if s in para:
                        para.remove(s)
            doc = [p for p in doc if p]
        elif k == "move" and len(doc) >= 3:
            i, j = rng.sample(range(len(doc)), 2)
            doc[i], doc[j] = doc[j], doc[i]
        elif k == "lookalike":
            for n, s in enumerate(rng.sample(sentences, min(3, len(sentences)))):
                copy = _edit_word(rng, s[1])
                if copy == s[1]:
                    continue
                target = rng.choice([p for p in doc if s not in p] or doc)
                target.insert(rng.randint(0, len(target)), [None, copy])
                lookalikes[copy] = s[0]
                if n % 2 == 0:
                    for para in doc:
                        if s in para:
                            para.remove(s)
            doc = [p for p in doc if p]
    return doc, lookalikes


class Baseline:
    """Hypothesis-style: position, then quote ranked by context, then the best fuzzy match, no threshold."""

    def __init__(self, new_text: str):
        self.text = new_text
        self.windows = Reanchorer(new_text).windows()

    def anchor(self, q: StoredQuote) -> Anchor:
        text = self.text
        if text[q.start : q.end] == q.text:
            return Anchor("exact", q.start, q.end)
        found = occurrences(text, q.text)
        if found:
            best = max(found, key=lambda s: (_context_score(text, s, s + len(q.text), q.prefix, q.suffix), -s))
            return Anchor("moved", best, best + len(q.text))
        best = max(((fuzz.ratio(q.text, text[s:e]), s, e) for s, e in self.windows), default=None)
        if best is None:
            return Anchor("orphaned", q.start, q.end, 0.0)
        return Anchor("fuzzy", best[1], best[2], best[0])


def judge(anchor: Anchor, ident: int, new_text: str, where, lookalikes, quote: str) -> str:
    truth = where.get(ident)
    if anchor.status in ("orphaned", "ambiguous"):
        if truth is None:
            return "right"
        return "missed"
    overlaps = truth is not None and anchor.start < truth[1] and truth[0] < anchor.end
    if anchor.status in ("exact", "moved"):
        if truth is not None and (anchor.start, anchor.end) == truth[:2]:
            return "right"
        if truth is None and new_text[anchor.start : anchor.end] == quote:
            return "repeat"  # the deleted sentence's exact text is still elsewhere: the article repeats it
        return "wrong"
    return "right" if overlaps else "fuzzy-wrong"


def run_revisions(articles, rng: random.Random) -> dict:
    results: dict = {}
    for ai, paras in enumerate(articles):
        doc = to_doc(paras)
        old_text, old_where = render(doc)
        quotes = {}
        for ident, (s, e, sentence) in old_where.items():
            prefix, suffix = context_for(old_text, s, e)
            quotes[ident] = StoredQuote(sentence, s, e, prefix, suffix)
        sketch = sketch_old_text(list(quotes.values()))
        donor_paras = articles[(ai + 1) % len(articles)]
        donor = [donor_paras[1], donor_paras[-1]]
        for kind in KINDS:
            new_doc, lookalikes = revise(doc, kind, rng, donor)
            new_text, where = render(new_doc)
            methods = {
                "ours": Reanchorer(new_text, sketch),
                "ours-full": Reanchorer(new_text, old_text),
                "hypothesis": Baseline(new_text),
            }
            for name, method in methods.items():
                counts = results.setdefault((kind, name), Counter())
                for ident, q in quotes.items():
                    a = method.anchor(q)
                    counts[a.status] += 1
                    counts[judge(a, ident, new_text, where, lookalikes, q.text)] += 1
                    truth = where.get(ident)
                    counts["survived" if truth and truth[2] == q.text else ("edited" if truth else "deleted")] += 1
                    if truth and truth[2] == q.text:
                        counts["survived-right"] += (a.status in ("exact", "moved") and (a.start, a.end) == truth[:2])
                    counts["claims"] += 1
    return results


def timing_reanchor(articles, rng: random.Random, repeats: int = 7) -> tuple[float, int, int]:
    text = ""
    for paras in articles:
        for p in paras:
            if len(text) + len(p) + 2 > 10_000:
                break
            text += ("\n\n" if text else "") + p
        if len(text) > 9_000:
            break
    words = [(m_start, m_start + len(w)) for m_start, w in _word_spans(text)]
    quotes = []
    for _ in range(1000):
        i = rng.randrange(0, len(words) - 20)
        s, e = words[i][0], words[i + rng.randint(4, 19)][1]
        prefix, suffix = context_for(text, s, e)
        quotes.append(StoredQuote(text[s:e], s, e, prefix, suffix))
    mid = text.index("\n\n", len(text) // 2)
    new_text = "A new first paragraph for the revision.\n\n" + text[:mid] + "\n\nAnother inserted paragraph." + text[mid:]
    sketch = sketch_old_text(quotes)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        r = Reanchorer(new_text, sketch)
        anchors = [r.anchor(q) for q in quotes]
        times.append(time.perf_counter() - t0)
    confident = sum(a.status in ("exact", "moved") for a in anchors)
    return statistics.median(times) * 1000, len(text.encode("utf-8")), confident


def _word_spans(text: str):
    pos = 0
    for w in text.split():
        pos = text.index(w, pos)
        yield pos, w
        pos += len(w)


def timing_registry(articles, n_claims: int = 2000, repeats: int = 3) -> tuple[float, int]:
    from factcheck import api
    from factcheck.models import ArticleDate, ArticleInfo, Claim, Context, Registry, Span
    from factcheck.registry.yaml_io import dump_registry

    paras, total = [], 0
    for article in articles:
        for p in article:
            paras.append(p)
            total += len(split_sentences(p))
        if total >= n_claims:
            break
    text = "\n\n".join(paras)

    def claims_for(t: str, ids: bool = True) -> list[Claim]:
        out, offset = [], 0
        for p in t.split("\n\n"):
            for s, e in split_sentences(p):
                s, e = s + offset, e + offset
                prefix, suffix = context_for(t, s, e)
                out.append(Claim(id=f"C{len(out) + 1:04d}", text=t[s:e], span=Span(start=s, end=e),
                                 context=Context(prefix=prefix, suffix=suffix)))
                if len(out) >= n_claims:
                    return out
            offset += len(p) + 2
        return out

    info = ArticleInfo(path="bench.txt", sha256="0" * 64, date=ArticleDate(basis="bench"))
    old = Registry(article=info, claims=claims_for(text))
    new_text = "An inserted first paragraph.\n\n" + text
    fresh = Registry(article=info, claims=claims_for(new_text))
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        for _ in range(repeats):
            path.write_text(dump_registry(old).replace("      status: unreviewed\n", "      status: unreviewed # seen\n", 50))
            t0, c0 = time.perf_counter(), time.process_time()
            merged, _ = api.write_registry(path, fresh, new_text)
            times.append((time.perf_counter() - t0, time.process_time() - c0))
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times), len(merged.claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=Path)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--registry-only", action="store_true", help="only time the 2,000-claim registry merge")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = read_articles(args.articles, args.limit)
    if args.registry_only:
        secs, cpu, n = timing_registry(articles)
        print(f"registry with {n:,} claims: load + merge + validate + write: {secs:.2f} s wall, {cpu:.2f} s CPU, median of 3")
        return
    t0 = time.perf_counter()
    results = run_revisions(articles, rng)
    elapsed = time.perf_counter() - t0
    print(f"{len(articles)} articles, seed {args.seed}, revisions {', '.join(KINDS)} ({elapsed:.1f} s)\n")
    cols = ["claims", "exact", "moved", "fuzzy", "ambiguous", "orphaned", "right", "missed", "repeat", "wrong", "fuzzy-wrong"]
    print("| revision | method | " + " | ".join(cols) + " | survived re-anchored right |")
    print("|---" * (len(cols) + 3) + "|")
    totals: dict[str, Counter] = {}
    for kind in KINDS:
        for name in ("ours", "ours-full", "hypothesis"):
            c = results[(kind, name)]
            totals.setdefault(name, Counter()).update(c)
            rate = f"{c['survived-right']}/{c['survived']} ({100 * c['survived-right'] / max(1, c['survived']):.2f}%)"
            print(f"| {kind} | {name} | " + " | ".join(str(c[k]) for k in cols) + f" | {rate} |")
    for name, c in totals.items():
        rate = f"{c['survived-right']}/{c['survived']} ({100 * c['survived-right'] / max(1, c['survived']):.2f}%)"
        print(f"| **all** | {name} | " + " | ".join(str(c[k]) for k in cols) + f" | {rate} |")
    ms, size, confident = timing_reanchor(articles, rng)
    print(f"\n1,000 claims re-anchored in a {size:,}-byte article (2 paragraphs inserted): {ms:.1f} ms median of 7 "
          f"({confident} exact/moved)")
    secs, cpu, n = timing_registry(articles)
    print(f"registry with {n:,} claims: load + merge + validate + write: {secs:.2f} s wall, {cpu:.2f} s CPU, median of 3")


if __name__ == "__main__":
    main()
