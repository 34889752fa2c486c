"""CPU cost of rule MM01 alone, per article, with a 10,000-record desk memory (the CLEF 2020 task-2 verified claims
padded with PolNeAR sentences, as bench/eval_memory.py builds it) against none:

    python bench/mm01_cost.py bench/.cache/clef2020-task2/data ../shared/data/articles/polnear_train \\
        ../shared/data/articles/bbc_2004_2005 /tmp/mem10k [--profile]

Every third article of the last folder is extracted first (not timed); then ``check`` with MM01 alone runs over
them without a memory and with it. The memory is built into the given folder once and reused. Run it alternately
with two checkouts on PYTHONPATH (each with its own memory folder) to compare them.
"""

import cProfile
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
from factcheck.pipeline import check, extract  # noqa: E402
from factcheck.rules import select_rules  # noqa: E402

clef, padding, articles, out = (Path(a) for a in sys.argv[1:5])
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
files = sorted(p for p in articles.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))[::3]
extractions = [extract(article_from_text(p.read_bytes().decode("utf-8", "replace")), kb=kb) for p in files]
rules = select_rules(["MM01"])
for e in extractions[:20]:
    check(e, rules, kb=kb, memory=memory)  # warm
times = {}
for label, mem in (("without a memory", None), ("with the memory", memory)):
    start = time.process_time()
    for e in extractions:
        check(e, rules, kb=kb, memory=mem)
    times[label] = 1000 * (time.process_time() - start) / len(extractions)
print(f"{len(extractions)} articles, {len(memory)} records: MM01 alone " + ", ".join(f"{k} {v:.2f} CPU ms per article" for k, v in times.items()))
if "--profile" in sys.argv:
    profile = cProfile.Profile()
    profile.enable()
    for e in extractions:
        check(e, rules, kb=kb, memory=memory)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
