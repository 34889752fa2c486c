"""CPU time of the review (``api.analyse`` per article, as `factcheck review` runs it) over a folder of articles,
with no memory: run it alternately with two checkouts on the path to compare them side by side, e.g.

    PYTHONPATH=/path/to/main python bench/review_cpu.py ../shared/data/articles/bbc_2004_2005 main
    PYTHONPATH=$PWD python bench/review_cpu.py ../shared/data/articles/bbc_2004_2005 branch

(works with checkouts whose ``analyse`` has no ``memory`` argument too). Prints articles, MB, CPU seconds and MB per
CPU-second.
"""

import inspect
import sys
import time
from pathlib import Path

from factcheck.api import analyse
from factcheck.article import article_from_text
from factcheck.kb import default_kb

folder, label = Path(sys.argv[1]), sys.argv[2]
files = sorted(p for p in folder.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
mb = sum(len(t.encode()) for t in texts) / 1e6
kb = default_kb()
kw = {"memory": None} if "memory" in inspect.signature(analyse).parameters else {}
analyse(article_from_text(texts[0]), kb=kb, **kw)  # warm
start = time.process_time()
for text in texts:
    analyse(article_from_text(text), kb=kb, **kw)
cpu = time.process_time() - start
print(f"{label}: {len(texts)} articles {mb:.2f} MB, {cpu:.2f} CPU s, {mb / cpu:.3f} MB/s per CPU-second")
