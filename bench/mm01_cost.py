"""CPU cost of rule MM01 alone, per article, with a 10,000-record desk memory (the CLEF 2020 task-2 verified claims
padded with PolNeAR sentences, as bench/eval_memory.py builds it) against none:

    python bench/mm01_cost.py bench/.cache/clef2020-task2/data ../shared/data/articles/polnear_train \\
        ../shared/data/articles/bbc_2004_2005 /tmp/mem10k [--step N] [--rounds R] [--flags FILE] [--profile]

Every third article (``--step``; 1: all) of the last folder is extracted first (not timed); then ``check`` with
MM01 alone runs over them without a memory and with it (``--rounds`` times each, alternately; each round printed),
each article with the garbage collector paused as ``api.analyse`` does (else its collections over the extractions'
millions of objects, triggered by whatever MM01 allocates, are most of what is timed).
The memory is built into the given folder once and reused (read only: two checkouts can share it when the index
format is the same). Run it alternately with two checkouts on PYTHONPATH to compare them. ``--flags FILE``
writes every MM01 flag (article, span, severity, message) as JSON lines, to compare two checkouts' flags.
``--against CHECKOUT`` times that checkout's MM01 too, in this process, alternating with this one's round by round
(the fair comparison on a loaded machine): e.g. ``--against /tmp/s7start --rounds 10``. It opens the memory with that
checkout's own index code: when the two index formats differ, give it a folder built by that checkout with
``--against-memory FOLDER`` (the same records: e.g. built by this script under that checkout).
"""

import argparse
import cProfile
import gc
import importlib.util
import json
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_memory  # noqa: E402

from factcheck.article import article_from_text  # noqa: E402
from factcheck.kb import default_kb  # noqa: E402
from factcheck.memory.evidence import evidence_from_text  # noqa: E402
from factcheck.memory.index import build_index, load_index  # noqa: E402
from factcheck.memory.model import MemoryRecord, Origin  # noqa: E402
from factcheck.memory.store import Memory  # noqa: E402
from factcheck.pipeline import check, collector_paused, extract  # noqa: E402
from factcheck.rules import select_rules  # noqa: E402


def _other_checkout(folder: Path, memory_folder: Path, forms: dict[str, str]):
    """Another checkout's MM01 (its rule class, and its ``Memory`` with its own index code opened on
    ``memory_folder``: an index in that checkout's format), loaded beside this one's, to run on the same extractions:
    separate processes on this shared machine differ by more than the change measured. Valid while the two share
    the rest of the package (the extractors, ``memory.evidence``, ``memory.rerank``)."""
    def load(name: str, path: Path):
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    index = load("other_memory_index", folder / "factcheck/memory/index.py")
    store = load("other_memory_store", folder / "factcheck/memory/store.py")
    rule = load("other_memory_rule", folder / "factcheck/rules/memory_previously_checked.py")
    return [rule.PreviouslyChecked], store.Memory(index.load_index(memory_folder), forms)


parser = argparse.ArgumentParser()
for name in ("clef", "padding", "articles", "out"):
    parser.add_argument(name, type=Path)
parser.add_argument("--step", type=int, default=3)
parser.add_argument("--rounds", type=int, default=1)
parser.add_argument("--flags", type=Path)
parser.add_argument("--profile", action="store_true")
parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                    help="also time another checkout's MM01 in this process, round by round alternately (see below)")
parser.add_argument("--against-memory", type=Path, metavar="FOLDER",
                    help="the memory folder --against's checkout opens (an index in its format; default: OUT)")
args = parser.parse_args()
clef, padding, articles, out = args.clef, args.padding, args.articles, args.out
kb = default_kb()
forms = kb.country_surface_forms()
if not out.exists():
    vclaims, _, _ = eval_memory.load_clef(clef, "train")
    records = [MemoryRecord(id=v, origin=Origin.CLAIMREVIEW, text=t, headline=h, url=f"v:{v}", evidence=evidence_from_text(t, forms))
               for v, (t, h) in vclaims.items()]
    extra = eval_memory.distractor_sentences(padding, 10000 - len(records))
    records += [MemoryRecord(id=f"n{i}", origin=Origin.CLAIMREVIEW, text=t, headline=h or None, url=f"n{i}", evidence=evidence_from_text(t, forms))
                for i, (t, h) in enumerate(extra)]
    build_index(records, out)
memory = Memory(load_index(out), forms)
files = sorted(p for p in articles.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))[:: args.step]
texts = [p.read_bytes().decode("utf-8", "replace") for p in files]
extractions = [extract(article_from_text(t), kb=kb) for t in texts]
megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
rules = select_rules(["MM01"])
for e in extractions[:20]:
    check(e, rules, kb=kb, memory=memory)  # warm
variants = [("without a memory", None, rules), ("with the memory", memory, rules)]
if args.against:
    other_rules, other_memory = _other_checkout(args.against, args.against_memory or out, forms)
    for e in extractions[:20]:
        check(e, other_rules, kb=kb, memory=other_memory)  # warm
    variants.append((f"with the memory, {args.against}'s MM01", other_memory, other_rules))
for round_ in range(args.rounds):
    times = {}
    for label, mem, run_rules in variants if round_ % 2 == 0 else variants[::-1]:
        gc.collect()
        start = time.process_time()
        for e in extractions:
            with collector_paused():  # as api.analyse runs the rules: no collection over the extractions' objects
                check(e, run_rules, kb=kb, memory=mem)
        times[label] = time.process_time() - start
    print(f"round {round_ + 1}: {len(extractions)} articles ({megabytes:.2f} MB), {len(memory)} records: MM01 alone "
          + ", ".join(f"{k} {1000 * v / len(extractions):.2f} CPU ms per article ({v / megabytes:.3f} CPU s per MB)"
                      for k, v in times.items()), flush=True)
if args.flags:
    with open(args.flags, "w", encoding="utf-8") as handle:
        for path, e in zip(files, extractions):
            for claim in check(e, rules, kb=kb, memory=memory):
                for f in claim.flags:
                    row = {"article": path.relative_to(articles).as_posix(), "start": f.span.start, "end": f.span.end,
                           "severity": f.severity.value, "message": f.message, "evidence": [x.detail for x in f.evidence]}
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
if args.profile:
    profile = cProfile.Profile()
    profile.enable()
    for e in extractions:
        check(e, rules, kb=kb, memory=memory)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    pstats.Stats(profile).sort_stats("tottime").print_stats(25)
