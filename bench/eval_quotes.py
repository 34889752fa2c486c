"""Direct-quote detection and speaker attribution against PolNeAR's gold attributions.

Usage: python bench/eval_quotes.py /path/to/polnear_train [--limit N] [--errors N] [--half tune|check] [--src DIR]
       [--outlet nyt] [--curly-straight-only]

``--half`` scores one of two fixed halves of the articles (by a CRC-32 of the file name, ``half_of``): rules are
tuned on ``tune`` and ``check`` is the half not looked at while tuning.

Gold (brat .ann files, one per annotator): Source / Cue / Content spans linked by Attribution events.

* Agreement. 824 articles have one annotator, whose attributions are the gold. 16 have five or six; there an
  attribution is gold when its Content overlaps a Content of at least one *other* annotator (at least two
  annotators agree there is an attribution there), and its Source spans are the union of the agreeing
  annotators' Sources. Figures are printed for both groups and overall.
* A gold *direct quote* is a Content span at least half of whose non-space characters lie inside quotation
  marks (“…”, "…", and NYT's two-apostrophe ''…'' unless ``--curly-straight-only``; an opening mark with no
  closing one in its paragraph runs to the paragraph's end, the newspaper convention for quotes that continue)
  and whose quoted words number at least four (two- and three-word quoted phrases are scare quotes, which the
  extractor leaves alone by design; recall over all direct quotes, short ones included, is printed too).

Measures:
* precision: our quote mentions that overlap a gold Content (any attribution) / our quote mentions;
* recall: gold direct quotes overlapped by one of our quote mentions / gold direct quotes;
* speaker accuracy: of our quotes matched to a gold direct quote whose attribution has a Source, the share
  whose speaker span overlaps that Source (no speaker counts as wrong). The span is ours as written in the
  text: a pronoun speaker ("he said") is scored as the pronoun, which is what PolNeAR marks as Source, not as
  the name we resolve it to. Attributions with the same Content are one gold quote with all their Sources.
* spkP: speaker precision, the same count over the quotes we gave a speaker (an unresolved speaker is not
  counted wrong here);
* spkP by how the speaker was found (the quote mention's ``speaker_via``: colon, verb, after, previous, …);
* spk~ (secondary, lenient): also counts a speaker whose words name a gold Source found at another place in
  the text (the same name mentioned twice in the paragraph, the annotator marking the other one).
* wrong speakers by category (``disagreement``), mechanically: four kinds are PolNeAR's convention or slips
  rather than a wrong speaker, and ``spkP*`` counts them right (``spkP`` stays the strict figure):
  ``antecedent`` (the gold Source is a relative pronoun, "who"/"which"/"that", and ours is the phrase right
  before it that it stands for), ``according-to`` (gold marks Y in '“…” X said, according to Y' or 'as recalled
  by Y'; ours is X, who spoke, between the quote and Y), ``gold-verb`` (the gold Source is the speech verb, "said",
  and ours is within 60 characters of it), ``same-words`` (ours is the same name as a gold Source at another place:
  same last word, all words capitalised). The rest is ``real``: ours names someone or something else.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path

# --src OTHER_CHECKOUT: score another checkout's code (e.g. main) with this bench.
sys.path.insert(0, sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv else str(Path(__file__).resolve().parents[1]))

from factcheck import article_from_text  # noqa: E402
from factcheck.extract.mentions import find_mentions  # noqa: E402
from factcheck.models import MentionKind  # noqa: E402
from factcheck.pipeline import default_knowledge_base  # noqa: E402
from factcheck.text.segment import segment  # noqa: E402

MIN_WORDS = 4


def half_of(name: str) -> str:
    """The fixed half an article belongs to: "tune" or "check", by a CRC-32 of its file name (without .txt)."""
    return "tune" if zlib.crc32(name.encode("utf-8")) % 2 == 0 else "check"


def parse_ann(path: Path):
    """Attributions in one annotator's file: list of {content: [(s,e)], source: [(s,e)]}."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            ranges = [tuple(int(x) for x in r.split()) for r in offsets.split(";")]
            spans[parts[0]] = (kind, ranges)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), (None, []))[1]
        source = spans.get(ev.get("Source", ""), (None, []))[1]
        if content:
            out.append({"content": content, "source": source})
    return out


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, paragraph by paragraph (independent of the extractor under test)."""
    regions = []
    pos = 0
    for para in text.split("\n"):
        open_at = None
        straight_open = None
        for i, ch in enumerate(para):
            if ch == "“" and open_at is None:
                open_at = i
            elif ch == "”" and open_at is not None:
                regions.append((pos + open_at, pos + i + 1))
                open_at = None
            elif ch == '"':
                if straight_open is None:
                    straight_open = i
                else:
                    regions.append((pos + straight_open, pos + i + 1))
                    straight_open = None
        for unclosed in (open_at, straight_open):
            if unclosed is not None:
                regions.append((pos + unclosed, pos + len(para)))
        pos += len(para) + 1
    return regions


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def direct_quote(text: str, content: list[tuple[int, int]], regions: list[tuple[int, int]]) -> tuple[bool, int]:
    """(is at least half in quotation marks, number of quoted words)."""
    total = inside = 0
    quoted_words = 0
    for s, e in content:
        for i in range(s, e):
            if text[i].isspace():
                continue
            total += 1
            if any(rs <= i < re_ for rs, re_ in regions):
                inside += 1
    if not total or inside * 2 < total:
        return False, 0
    for rs, re_ in regions:
        if overlaps([(rs, re_)], content):
            lo = max(rs, min(s for s, _ in content))
            hi = min(re_, max(e for _, e in content))
            quoted_words += len(re.findall(r"[\w’'-]+", text[lo:hi]))
    return True, quoted_words


def same_words(ours: str, gold: list[str]) -> bool:
    """Whether our speaker names the same as a gold Source elsewhere in the text ('Pence' for 'Pence')."""
    a = ours.lower().strip(" .,")
    return any(a and (a in g.lower() or g.lower().strip(" .,") in a) and len(a) > 2 for g in gold if g.strip())


_RELATIVES = frozenset("who whom whose which that".split())
_NESTED_BEFORE = re.compile(r"(?:according to|recalled by|as told by|as quoted by|quoted by)\s+$", re.IGNORECASE)
_GOLD_VERB = re.compile(r"(?:said|says|say|asked|asks|told|tells|added|adds|wrote|writes|replied|responded|continued|explained)\b[\w ]{0,30}")


def _same_name(ours: str, gold: list[str]) -> bool:
    """Whether ours and a gold Source are the same name ("Kevin D. Williamson", "Williamson"): the same last word,
    capitalised, and every word of both capitalised (a leading "the" aside)."""
    def words(phrase: str) -> list[str]:
        ws = [w.strip(".,") for w in phrase.split()]
        return ws[1:] if ws and ws[0].lower() == "the" else ws

    a = words(ours)
    if not a or not all(w[:1].isupper() for w in a) or len(a[-1]) < 3:
        return False
    return any((b := words(g)) and b[-1] == a[-1] and all(w[:1].isupper() for w in b) for g in gold)


def disagreement(text: str, ours: tuple[int, int, str], quote_end: int, sources: list[tuple[int, int]]) -> str:
    """The category of a wrong speaker (module docstring): antecedent, according-to, gold-verb, same-words or real."""
    s, e, words = ours
    for gs, ge in sources:
        gold = text[gs:ge].strip().lower()
        if gold in _RELATIVES and gs >= e and re.fullmatch(r"[\s,\u2014\u2013-]*", text[e:gs]):
            return "antecedent"
        if _NESTED_BEFORE.search(text, max(0, gs - 25), gs) and quote_end <= s and e <= gs:
            return "according-to"
        if _GOLD_VERB.fullmatch(gold) and abs(s - gs) <= 60:
            return "gold-verb"
    if _same_name(words, [text[a:b] for a, b in sources]):
        return "same-words"
    return "real"


def gold_for(article: str, ann_files: list[Path]):
    per_annotator = [parse_ann(p) for p in ann_files]
    if len(per_annotator) == 1:
        return per_annotator[0]
    gold = []
    for i, atts in enumerate(per_annotator):
        for att in atts:
            others = [o for j, oa in enumerate(per_annotator) if j != i for o in oa if overlaps(o["content"], att["content"])]
            if others:
                sources = list(att["source"])
                for o in others:
                    sources.extend(o["source"])
                gold.append({"content": att["content"], "source": sources})
    return gold


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--errors", type=int, default=0, help="print this many misses of each kind")
    parser.add_argument("--dump", type=Path, help="write one line per scored quote (article, start, verdict, via, ours) here")
    parser.add_argument("--src", help="import factcheck from this checkout instead of this one")
    parser.add_argument("--half", choices=("tune", "check"), help="score only this half of the articles")
    parser.add_argument("--outlet", help="score only the articles whose name starts with this (nyt, politico, ...)")
    parser.add_argument(
        "--curly-straight-only",
        action="store_true",
        help="gold quotes in curly and straight marks only, not NYT's two-apostrophe marks (as before session 9)",
    )
    args = parser.parse_args(argv)

    kb = default_knowledge_base()
    forms = kb.country_surface_forms()
    anns: dict[str, list[Path]] = defaultdict(list)
    for p in sorted((args.corpus / "attributions").glob("*.ann")):
        anns[p.stem.rsplit("_", 1)[0]].append(p)
    names = sorted(anns)
    if args.half:
        names = [n for n in names if half_of(n) == args.half]
    if args.outlet:
        names = [n for n in names if n.startswith(args.outlet)]
    if args.limit:
        names = names[: args.limit]

    stats = {g: defaultdict(int) for g in ("single", "multi")}
    errors = defaultdict(list)
    by_via: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # how the speaker was found: [given, right]
    by_kind: dict[str, int] = defaultdict(int)  # wrong speakers by disagreement category
    dump = []
    started = time.perf_counter()
    for name in names:
        text_path = args.corpus / "text" / f"{name}.txt"
        raw = text_path.read_text(encoding="utf-8")
        article = article_from_text(raw)
        text = article.text
        if text != raw:  # offsets would not line up with the gold
            continue
        group = "multi" if len(anns[name]) > 1 else "single"
        st = stats[group]
        gold = gold_for(name, anns[name])
        # NYT copy writes both quotation marks as two apostrophes (''…''): read as a straight mark (same length)
        regions = quoted_regions(text if args.curly_straight_only else text.replace("''", '" '))
        doc = segment(article)
        ours = [m for m in find_mentions(doc, forms) if m.kind is MentionKind.QUOTE]
        for m in ours:
            st["ours"] += 1
            span = [(m.span.start, m.span.end)]
            if any(overlaps(span, g["content"]) for g in gold):
                st["ours_correct"] += 1
            else:
                errors["fp"].append((name, m.text[:100]))
        # Attributions of the same Content (several annotators, or nested attributions) count as one gold
        # quote whose Sources are all of theirs.
        merged: dict[tuple, list] = {}
        for g in gold:
            merged.setdefault(tuple(g["content"]), []).extend(g["source"])
        for key, sources in merged.items():
            g = {"content": list(key), "source": sources}
            is_direct, words = direct_quote(text, g["content"], regions)
            if not is_direct:
                continue
            matched = [m for m in ours if overlaps([(m.span.start, m.span.end)], g["content"])]
            st["gold_all"] += 1
            st["gold_all_found"] += bool(matched)
            if words < MIN_WORDS:
                continue
            st["gold"] += 1
            if matched:
                st["gold_found"] += 1
            else:
                errors["fn"].append((name, text[g["content"][0][0] : g["content"][-1][1]][:100]))
            if matched and g["source"]:
                st["speaker_total"] += 1
                m = matched[0]
                st["speaker_given"] += m.speaker is not None
                via = m.attrs.speaker_via or ""
                by_via[via][0] += m.speaker is not None
                ctx = text[max(0, m.span.start - 150) : m.span.start] + "[Q]" + text[m.span.end : m.span.end + 60]
                if m.speaker is None:
                    dump.append((name, m.span.start, "none", via, "", ctx))
                if m.speaker is not None and overlaps([(m.speaker.span.start, m.speaker.span.end)], g["source"]):
                    dump.append((name, m.span.start, "right", via, m.speaker.text, ctx))
                    by_via[via][1] += 1
                    st["speaker_ok"] += 1
                    st["speaker_same"] += 1
                else:
                    st["speaker_same"] += m.speaker is not None and same_words(m.speaker.text, [text[a:b] for a, b in g["source"]])
                    kind = None
                    if m.speaker is not None:
                        kind = disagreement(text, (m.speaker.span.start, m.speaker.span.end, m.speaker.text), m.span.end, g["source"])
                        by_kind[kind] += 1
                        st["speaker_convention"] += kind != "real"
                        dump.append((name, m.span.start, kind, via, m.speaker.text, ctx))
                    gold_src = "; ".join(text[s:e] for s, e in g["source"])
                    ctx = text[max(0, m.span.start - 120) : m.span.start] + "[Q]" + text[m.span.end : m.span.end + 80]
                    errors["speaker"].append((name, f"ours={m.speaker.text if m.speaker else None!r} kind={kind} via={m.attrs.speaker_via} gold={gold_src!r} ctx={ctx!r}"))
        st["articles"] += 1
    elapsed = time.perf_counter() - started
    if args.dump:
        args.dump.write_text("".join("\t".join(map(str, row)).replace("\n", " / ") + "\n" for row in dump), encoding="utf-8")

    def ratio(a, b):
        return f"{a / b:.3f}" if b else "n/a"

    total = defaultdict(int)
    for g in stats.values():
        for k, v in g.items():
            total[k] += v
    print(f"{'group':8} {'articles':>8} {'ours':>6} {'P':>6} {'gold':>6} {'R':>6} {'R(all)':>7} {'speaker':>8} {'spk~':>6} {'spkP':>6} {'spkP*':>6} {'n':>5}")
    for label, st in (("single", stats["single"]), ("multi", stats["multi"]), ("all", total)):
        print(
            f"{label:8} {st['articles']:>8} {st['ours']:>6} {ratio(st['ours_correct'], st['ours']):>6} {st['gold']:>6} "
            f"{ratio(st['gold_found'], st['gold']):>6} {ratio(st['gold_all_found'], st['gold_all']):>7} "
            f"{ratio(st['speaker_ok'], st['speaker_total']):>8} {ratio(st['speaker_same'], st['speaker_total']):>6} "
            f"{ratio(st['speaker_ok'], st['speaker_given']):>6} "
            f"{ratio(st['speaker_ok'] + st['speaker_convention'], st['speaker_given']):>6} {st['speaker_total']:>5}"
        )
    print(f"{total['articles']} articles in {elapsed:.1f}s")
    print("spkP by how the speaker was found: " + ", ".join(
        f"{via} {ok}/{given} ({ratio(ok, given)})" for via, (given, ok) in sorted(by_via.items(), key=lambda kv: -kv[1][0]) if given))
    print(f"speakers given {total['speaker_given']}, right {total['speaker_ok']}, none {total['speaker_total'] - total['speaker_given']}; "
          "wrong by category: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items(), key=lambda kv: -kv[1])))
    for kind in ("fp", "fn", "speaker"):
        for name, what in errors[kind][: args.errors]:
            print(f"{kind}\t{name}\t{what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
