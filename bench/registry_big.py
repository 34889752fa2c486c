"""Registry write cost for one long article: `factcheck review` of a ~2 MB article, first run and re-runs.

    python bench/registry_big.py ../shared/data/articles/bbc_2004_2005 [--mb 2]

The article is made in memory by joining corpus texts (paragraphs kept) up to the size asked, written to a
temporary folder (no article text is stored). Prints CPU seconds (and wall) for: the analysis
(`api.analyse`), the first registry write (no file yet: `api.write_registry`), a re-run on the
unchanged article with the registry untouched, a re-run after an editor annotated 20 claims (comments),
and a re-run after a paragraph was inserted at the top (every claim moves), plus the registry's size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _timed(label: str, fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    print(f"{label}: {time.process_time() - c:.2f} s CPU ({time.perf_counter() - t:.2f} s wall)")
    return out


def main() -> None:
    from factcheck import api
    from factcheck.article import article_from_text

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=Path)
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    texts, size = [], 0
    for path in sorted(args.articles.rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").strip()
        texts.append(text)
        size += len(text.encode("utf-8")) + 2
        if size >= args.mb * 1_000_000:
            break
    text = "\n\n".join(texts) + "\n"
    article = article_from_text(text, path="big.txt")
    print(f"article: {len(text.encode('utf-8')):,} bytes from {len(texts)} corpus texts")
    fresh = _timed("analyse", lambda: api.analyse(article))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        _timed(f"first write ({len(fresh.claims):,} claims)", lambda: api.write_registry(path, fresh, article.text))
        print(f"registry: {path.stat().st_size:,} bytes")
        _timed("re-run, unchanged", lambda: api.write_registry(path, fresh, article.text))
        yaml_text = path.read_text(encoding="utf-8")
        yaml_text = yaml_text.replace("    review:\n      status: unreviewed\n",
                                      "    # seen\n    review:\n      status: accurate\n", 20)
        path.write_text(yaml_text, encoding="utf-8")
        _timed("re-run, 20 claims annotated", lambda: api.write_registry(path, fresh, article.text))
        revised = article_from_text("A new first paragraph, added on Monday.\n\n" + text, path="big.txt")
        fresh2 = api.analyse(revised)
        _timed("re-run, paragraph inserted at the top", lambda: api.write_registry(path, fresh2, revised.text))


if __name__ == "__main__":
    main()
