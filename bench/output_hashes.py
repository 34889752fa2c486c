"""One combined hash of the review output for a directory of articles: a check that a speed-up changed nothing.

Usage:
    .venv/bin/python bench/output_hashes.py PATH/TO/ARTICLES [--synthetic-mb 0.6] [--per-article]

Reviews every *.txt under the path (sorted by path, decoded as UTF-8 with replacement, as
``bench/extract_bench.py`` does) with the default KB and all rules, dumps each registry as JSON
(``Registry.model_dump_json``) and hashes the dumps in order. It also reviews one synthetic article of
about ``--synthetic-mb`` MB made by joining the texts in order with blank lines (0 to skip), which
exercises the long-article code paths. Prints the number of articles and one SHA-256 over everything;
``--per-article`` also prints each article's own hash, to find which one changed.

``--untyped`` hashes the registries as they were before evidence and mention attributes were typed: the fields the
typed evidence kinds add (``KbEvidence``'s layer, label, start and end, ``TextEvidence``'s span) left out, each
mention's attrs written as strings ("true", "5") with sorted keys, the dump written by ``json.dumps``. Run the
same script (copied) on the older commit with ``--untyped`` too: equal hashes show nothing else changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _texts(path: Path) -> list[tuple[str, str]]:
    files = sorted(p for p in path.rglob("*.txt") if p.name not in ("README.TXT", "PROVENANCE.txt"))
    return [(str(p.relative_to(path)), p.read_bytes().decode("utf-8", errors="replace")) for p in files]


def _synthetic(texts: list[str], megabytes: float) -> str:
    parts, size, target = [], 0, int(megabytes * 1024 * 1024)
    for i in range(10**9):
        if size >= target or not texts:
            break
        body = texts[i % len(texts)]
        parts.append(body)
        size += len(body.encode("utf-8")) + 2
    return "\n\n".join(parts)


_TYPED_EVIDENCE = ("layer", "label", "start", "end", "span")


def _untyped(data: dict) -> str:
    """A registry dump (``model_dump(mode="json")``) in the shape it had before evidence and attrs were typed."""
    for claim in data["claims"]:
        for mention in claim["mentions"]:
            attrs = mention.get("attrs") or {}
            mention["attrs"] = {k: "true" if v is True else str(v) for k, v in sorted(attrs.items())}
        for flag in claim["flags"]:
            flag["evidence"] = [{k: v for k, v in e.items() if k not in _TYPED_EVIDENCE} for e in flag["evidence"]]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path)
    ap.add_argument("--synthetic-mb", type=float, default=0.6)
    ap.add_argument("--per-article", action="store_true")
    ap.add_argument("--untyped", action="store_true", help="hash the output as it was before evidence and attrs were typed")
    args = ap.parse_args()

    from factcheck.article import article_from_text
    from factcheck.api import analyse
    from factcheck.pipeline import default_knowledge_base

    kb = default_knowledge_base()
    items = _texts(args.articles)
    if not items:
        sys.exit(f"no .txt articles under {args.articles}")
    if args.synthetic_mb > 0:
        items.append((f"<synthetic {args.synthetic_mb} MB>", _synthetic([t for _, t in items], args.synthetic_mb)))
    total = hashlib.sha256()
    for name, text in items:
        registry = analyse(article_from_text(text, path=name), kb=kb)
        dump = (_untyped(registry.model_dump(mode="json")) if args.untyped else registry.model_dump_json()).encode("utf-8")
        digest = hashlib.sha256(dump).hexdigest()
        total.update(digest.encode("ascii"))
        if args.per_article:
            print(f"{digest}  {name}")
    print(f"{len(items)} registries: {total.hexdigest()}")


if __name__ == "__main__":
    main()
