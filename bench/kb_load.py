"""Print default-KB load time (cold, warm), memory and lookup throughput.

Times are measured without tracemalloc (which slows allocation several times over); the peak traced memory comes
from a second, traced load. The warm load is given in CPU time too, the figure the issue's 0.5 s bar reads.

Usage:  .venv/bin/python bench/kb_load.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD = (
    "import time;t,c=time.perf_counter(),time.process_time();from factcheck.kb import KnowledgeBase;"
    "kb=KnowledgeBase.from_default_data();print(time.perf_counter()-t,time.process_time()-c)"
)


def main() -> None:
    cold_runs = [
        tuple(map(float, subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True,
                                        check=True).stdout.split()))
        for _ in range(3)
    ]
    cold, cold_cpu = [w for w, _ in cold_runs], [c for _, c in cold_runs]
    from factcheck.kb import KnowledgeBase
    from factcheck.resolve.linking import people_for_name, people_with_surname

    t, c = time.perf_counter(), time.process_time()
    kb = KnowledgeBase.from_default_data()
    warm, warm_cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    kb.people_named("Shinzo Abe"); kb.country("Japan"); kb.organisation("IMF"); kb.resolve_office("PM", "JP")
    kb.organisation_candidates("Institute for Developing Economies"); kb.person_candidates("Shinzo Abbe")
    first_lookup = time.perf_counter() - t
    # the first review's other whole-KB indexes: the linker's name index and the term index
    # (bench/first_review.py gives the whole first review, broken down)
    t = time.perf_counter()
    people_for_name(kb, "Shinzo Abe"); people_with_surname(kb, "Abe"); kb.terms_of("Q132345")
    first_linking = time.perf_counter() - t
    tracemalloc.start()
    traced = KnowledgeBase.from_default_data()
    traced.people_named("Shinzo Abe"); traced.person_candidates("Shinzo Abbe")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    names = ["Shinzo Abe", "Yoshihide Suga", "Angela Merkel", "Joe Biden", "Nobody Known"] * 2000
    t = time.perf_counter()
    for n in names:
        kb.people_named(n)
    exact = len(names) / (time.perf_counter() - t)
    phrases = ["Japanese Prime Minister", "U.S. President", "Prime Minister of Japan", "French President"] * 1000
    t = time.perf_counter()
    for p in phrases:
        kb.office_by_phrase(p)
    phr = len(phrases) / (time.perf_counter() - t)
    fuzzy_q = ["Institute for Developing Economies", "Internatonal Monetary Fund", "Asian Developmnt Bank"] * 100
    t = time.perf_counter()
    for q in fuzzy_q:
        kb.organisation_candidates(q)
    fz = len(fuzzy_q) / (time.perf_counter() - t)
    size = (ROOT / "factcheck/kb/data/kb.json.gz").stat().st_size
    print(f"data file           {size / 1024:.0f} KiB (kb.json.gz)")
    print(f"load, cold process  {min(cold) * 1000:.0f} ms ({min(cold_cpu) * 1000:.0f} ms CPU; min of 3; incl. imports)")
    print(f"load, warm          {warm * 1000:.0f} ms ({warm_cpu * 1000:.0f} ms CPU)")
    print(f"first lookups       {first_lookup * 1000:.0f} ms (builds lazy indexes)")
    print(f"first linking       {first_linking * 1000:.0f} ms (the linker's name index, the term index)")
    print(f"memory              peak traced {peak / 2**20:.1f} MiB; ru_maxrss {rss_mb:.0f} MiB")
    print(f"people_named        {exact:,.0f} lookups/s")
    print(f"office_by_phrase    {phr:,.0f} lookups/s")
    print(f"organisation_cand.  {fz:,.0f} fuzzy queries/s")


if __name__ == "__main__":
    main()
