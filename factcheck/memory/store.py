"""The desk memory on disk, under the project root (the folder holding ``factcheck.toml``):

    .factcheck/memory/
        imported.jsonl      records imported with `factcheck memory import` (one JSON object a line)
        registries.json     per registry (claims/*.yaml): mtime, size, sha256 and the verdict records read from it
        index/              the BM25 index and every record (built from the two above; rebuilt when they change)

``open_memory`` brings it up to date first: a registry whose size or mtime changed is hashed, and re-read only when
its sha256 changed; the index is rebuilt only when the set of records changed. A desk with no verdict and no import
has no memory: nothing is written and ``open_memory`` returns None.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from factcheck.files import write_atomic
from factcheck.memory.evidence import (
    PLAIN_OVERLAP,
    SAID_OTHERWISE,
    conflict,
    context_bound,
    evidence_from_mentions,
    evidence_from_text,
    names_only,
    plain_overlaps,
    words,
)
from factcheck.memory.index import Index, build_index, load_index
from factcheck.memory.model import Match, MemoryRecord, Origin, Verdict
from factcheck.memory.rerank import FEATURES, Weights, default_weights, features

MEMORY_DIR = Path(".factcheck") / "memory"
IMPORTED = "imported.jsonl"
REGISTRIES = "registries.json"
INDEX = "index"
STATE = "state.json"
FORMAT = 6  # 2: the index holds the arrays of Index.overlap_reach; 3: BM25's k1 and b tuned; 4: Evidence.people;
# 5: people keys drop every title word of factcheck/extract/title_words.json; 6: the records' evidence word ids
# (Index.may_overlap's prefix filter)

_VERDICT_STATUS = re.compile(rb"status:\s*['\"]?(?:" + "|".join(v.value for v in Verdict).encode() + rb")\b")


def project_root(start: Path | None = None) -> Path | None:
    """The folder holding the nearest ``factcheck.toml`` at or above ``start`` (default: the current folder)."""
    from factcheck.config import find_config

    found = find_config(start)
    return found.parent if found is not None else None


@dataclass
class Memory:
    """An opened desk memory: search it with ``search(text)``, or with a claim's extracted mentions
    (``search_claim``). ``exclude_article`` leaves out the desk's own verdicts on one article (the one under review)."""

    index: Index
    country_forms: dict[str, str]
    weights: Weights = field(default_factory=default_weights)
    exclude_article: str | None = None

    def __len__(self) -> int:
        return len(self.index)

    def flags(self, match: Match, threshold: float | None = None) -> bool:
        """Whether a match is reported in review: its score reaches the threshold, the two claims share at least
        ``min_overlap`` of their words, weighted by rarity, on both sides (a short headline that names the same
        countries is not the same claim), and nothing in their evidence says they are different claims
        (``Match.conflict``: other people, numbers or years)."""
        threshold = self.weights.threshold if threshold is None else threshold
        return match.score >= threshold and match.overlap >= self.weights.min_overlap and not match.conflict

    def excluding(self, article_path: str | None) -> Memory:
        """The same memory without the records of one article (its own past verdicts are not news)."""
        return Memory(self.index, self.country_forms, self.weights, article_path)

    def search(self, text: str, top: int = 10, *, rerank: bool = True) -> list[Match]:
        """The best ``top`` records for a claim given as text, best first."""
        tokens = words(text)
        rows = self.index.score_rows([tokens])
        if rows is None:
            return []
        k = max(top, self.weights.candidates) if rerank else top
        found = self.index.best(rows[0], k + 8 if self.exclude_article else k)
        query_idf = self.index.query_idf(tokens)
        ranked = self._rank(
            text, found, top, lambda: evidence_from_text(text, self.country_forms, tokens), query_idf, rerank=rerank
        )
        return self._said_otherwise([(text, ranked)])[0] if rerank and ranked else ranked

    def search_claim(self, text: str, mentions: Iterable[Any], top: int = 1) -> list[Match]:
        """``search_claims`` of one claim."""
        return self.search_claims([(text, mentions)], top)[0]

    def search_claims(self, claims: Iterable[tuple[str, Iterable[Any]]], top: int = 1) -> list[list[Match]]:
        """Like ``search``, for claims the pipeline extracted, given as (text, mentions) (the mentions are the
        query's evidence); one list of matches per claim, holding only matches that share ``min_overlap`` of both
        claims' rarity-weighted words (the review's flag needs it). An article's claims are searched together
        and most stop early, cheapest test first:

        1. no record shares enough of a claim's words among its evidence words (``Index.may_overlap``: the
           evidence postings of the claim's rarer words give the candidates, which are looked up in the commonest
           words' postings; one pass for all the claims; exact, the overlap rule's own answer: of 6,175 claims of
           603 BBC articles against 10,000 records it leaves 1);
        2. the same from the claim's BM25 scores (``Index.overlap_reach``, exact too);
        3. no record's BM25 score reaches ``gate`` times the smaller IDF mass of the two (calibrated on the
           evaluation so that no right flag was lost).

        A claim past all three takes the BM25 top ``review_candidates`` (fewer than a search: only the best one
        matters); only the candidates sharing ``min_overlap`` get the query's evidence and the re-ranker."""
        claims = [(text, mentions) for text, mentions in claims]
        out: list[list[Match]] = [[] for _ in claims]
        if not claims or not len(self.index):
            return out
        weights, index = self.weights, self.index
        may = index.may_overlap([text for text, _ in claims], weights.min_overlap) or [True] * len(claims)
        k = max(top, weights.review_candidates) + (8 if self.exclude_article else 0)
        for i, (text, mentions) in enumerate(claims):
            if not may[i]:
                continue
            tokens = index.claim_words(text)  # only for the few claims past the bound
            ids = index.token_ids(tokens)
            if not ids:
                continue
            query_idf = index.query_idf(tokens)
            mass = sum(query_idf.values())
            scores = index.score_row(index.postings([ids]), 0)
            reach = index.overlap_reach(scores, weights.min_overlap)
            if reach is not None and reach < mass * (1 - 1e-9):
                continue
            if weights.gate > 0.0 and index.best_ratio(scores, mass) < weights.gate:
                continue
            out[i] = self._rank(
                text,
                index.best(scores, k),
                top,
                partial(evidence_from_mentions, text, mentions, tokens),
                query_idf,
                min_overlap=weights.min_overlap,
            )
        found = [i for i, matches in enumerate(out) if matches]
        for i, matches in zip(found, self._said_otherwise([(claims[i][0], out[i]) for i in found])):
            out[i] = matches
        return out

    def _rank(
        self,
        text: str,
        found: list[tuple[int, float]],
        top: int,
        query_evidence,
        query_idf: dict[str, float],
        *,
        rerank: bool = True,
        min_overlap: float = 0.0,
    ) -> list[Match]:
        """BM25's candidates (position, score), re-ranked; ``query_idf``: the IDF of each of the query's stemmed
        words."""
        records = self.index.records
        pairs = [(records[i], s) for i, s in found]
        if self.exclude_article is not None:
            pairs = [(r, s) for r, s in pairs if r.article != self.exclude_article]
        if not pairs:
            return []
        if not rerank:
            return [Match(record=r, score=s, bm25=s) for r, s in pairs[:top]]
        best = pairs[0][1]
        q_idf = sum(query_idf.values())
        with_idf = [(r, s, self.index.record_idf(r)) for r, s in pairs]
        if min_overlap > 0.0:  # the review's flag needs this much in common: the others get no features
            weight = query_idf.__getitem__
            with_idf = [
                (r, s, r_idf)
                for r, s, r_idf in with_idf
                if q_idf + r_idf > 0
                and 2 * sum(map(weight, query_idf.keys() & r.evidence.words)) >= min_overlap * (q_idf + r_idf)
            ]
            if not with_idf:
                return []
        q = query_evidence()
        rank, match = self.weights.rank, self.weights.match
        scored = []
        for r, s, r_idf in with_idf:
            f = features(q, r.evidence, s, best, self.index.idf, text, r.text, q_idf, r_idf)
            scored.append((-rank.score(f), -s, r.id, r, f))
        scored.sort(key=lambda x: x[:3])
        both = FEATURES.index("idf_covered_both")
        return [
            Match(
                record=r,
                score=match.score(f),
                bm25=-neg,
                overlap=f[both],
                conflict=conflict(q, r.evidence) or _bound(text, r.text),
                names_only=names_only(q, r.evidence),
            )
            for _, neg, _, r, f in scored[:top]
        ]

    def _said_otherwise(self, results: list[tuple[str, list[Match]]]) -> list[list[Match]]:
        """The matches of each (query text, matches), with ``conflict`` set where the two name the same people,
        organisations or countries (and share no number or year) but say something else about them
        (``evidence.plain_overlaps`` under ``PLAIN_OVERLAP``; all the queries' texts stemmed in one call)."""
        if not results:
            return []
        plain = plain_overlaps([(text, [m.record.text for m in found]) for text, found in results], self.index.idf)
        return [
            [
                m
                if m.conflict or not m.names_only or p is None or p >= PLAIN_OVERLAP
                else m.model_copy(update={"conflict": SAID_OTHERWISE})
                for m, p in zip(found, row)
            ]
            for (_, found), row in zip(results, plain)
        ]

    def close(self) -> None:
        self.index.records.close()


def _bound(query: str, record: str) -> str:
    """``evidence.context_bound`` of the claim, else of the checked claim, said as a match's conflict."""
    if why := context_bound(query):
        return f"the claim {why}"
    if why := context_bound(record):
        return f"the checked claim {why}"
    return ""


def _memory_dir(root: Path) -> Path:
    return root / MEMORY_DIR


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _country_forms(kb: Any) -> dict[str, str]:
    if kb is None:
        from factcheck.kb import default_kb

        kb = default_kb()
    return kb.country_surface_forms()


def registry_records(path: Path, root: Path, desk: str | None, country_forms: dict[str, str]) -> list[MemoryRecord]:
    """The verdict records of one registry: its claims whose review status is accurate, inaccurate, misleading or
    unverifiable. A registry that does not load gives none (``factcheck validate`` names its error)."""
    from factcheck.errors import FactcheckError
    from factcheck.registry.yaml_io import load_registry

    try:
        registry, _ = load_registry(path)
    except FactcheckError:
        return []
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    out = []
    for claim in registry.claims:
        review = claim.review
        try:
            verdict = Verdict(review.status.value)
        except ValueError:
            continue
        out.append(
            MemoryRecord(
                id=f"{rel}#{claim.id}",
                origin=Origin.REGISTRY,
                text=claim.text,
                url=f"{rel}#{claim.id}",
                verdict=verdict,
                rating=review.rating or review.verdict or verdict.value,
                source=desk,
                date=review.reviewed.isoformat() if review.reviewed else None,
                reviewer=review.reviewer,
                notes=review.notes or review.verdict,
                article=registry.article.path,
                evidence=evidence_from_mentions(claim.text, claim.mentions)
                if claim.mentions
                else evidence_from_text(claim.text, country_forms),
            )
        )
    return out


def _stat_key(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_mtime_ns, st.st_size]


@dataclass
class SyncReport:
    registries: int = 0
    reread: int = 0
    records: int = 0
    rebuilt: bool = False


def sync_memory(root: Path, *, kb: Any = None, claims_dir: str = "claims", desk: str | None = None) -> SyncReport:
    """Bring ``.factcheck/memory`` up to date with the registries and imports; rebuild the index if they changed."""
    folder = _memory_dir(root)
    cache = _read_json(folder / REGISTRIES, {})
    if cache.get("format") != FORMAT:
        cache = {"format": FORMAT, "registries": {}}
    known: dict[str, dict] = cache["registries"]
    report = SyncReport()
    paths = (
        sorted((root / claims_dir).rglob("*.yaml")) if (root / claims_dir).is_dir() else []
    )  # nested: registries mirror article paths
    seen: dict[str, dict] = {}
    changed = False
    forms = None
    for path in paths:
        rel = path.relative_to(root).as_posix()
        report.registries += 1
        entry = known.get(rel)
        stat = _stat_key(path)
        if entry is not None and entry["stat"] == stat:
            seen[rel] = entry
            continue
        raw = path.read_bytes()
        sha = hashlib.sha256(raw).hexdigest()
        if entry is not None and entry["sha256"] == sha:
            seen[rel] = {**entry, "stat": stat}
            changed = changed or entry["stat"] != stat
            continue
        report.reread += 1
        records: list[MemoryRecord] = []
        if _VERDICT_STATUS.search(raw):
            forms = forms if forms is not None else _country_forms(kb)
            records = registry_records(path, root, desk, forms)
        seen[rel] = {
            "stat": stat,
            "sha256": sha,
            "records": [r.model_dump(mode="json", exclude_defaults=True) for r in records],
        }
        changed = True
    if set(seen) != set(known):
        changed = True
    imported = folder / IMPORTED
    imported_stat = _stat_key(imported) if imported.is_file() else None
    has_records = any(e["records"] for e in seen.values()) or imported_stat is not None
    if not has_records and not folder.is_dir():
        return report  # no memory: write nothing
    if changed or not (folder / REGISTRIES).is_file():
        write_atomic(folder / REGISTRIES, json.dumps({"format": FORMAT, "registries": seen}, ensure_ascii=False))
    fingerprint = hashlib.sha256(
        json.dumps([[[k, seen[k]["sha256"]] for k in sorted(seen)], imported_stat]).encode("utf-8")
    ).hexdigest()
    state = _read_json(folder / INDEX / STATE, {})
    if state.get("fingerprint") != fingerprint or state.get("format") != FORMAT:
        records = [MemoryRecord.model_validate(r) for k in sorted(seen) for r in seen[k]["records"]] + read_imported(
            root
        )
        if records:
            build_index(records, folder / INDEX)
        else:  # every verdict taken back: an empty memory, no index to open
            shutil.rmtree(folder / INDEX, ignore_errors=True)
        state = {"format": FORMAT, "fingerprint": fingerprint, "records": len(records)}
        report.rebuilt = True
    state["registries"] = {k: v["stat"] for k, v in seen.items()}
    state["imported"] = imported_stat
    write_atomic(folder / INDEX / STATE, json.dumps(state))
    report.records = state["records"]
    return report


def _state_current(root: Path, claims_dir: str) -> bool:
    """Whether the stored index still matches the registries and the imports by mtime and size, without reading
    them: the cheap check that lets ``open_memory`` skip the sync."""
    folder = _memory_dir(root)
    state = _read_json(folder / INDEX / STATE, None)
    if not state or state.get("format") != FORMAT or "registries" not in state:
        return False
    imported = folder / IMPORTED
    if state.get("imported") != (_stat_key(imported) if imported.is_file() else None):
        return False
    known = state["registries"]
    paths = (
        sorted((root / claims_dir).rglob("*.yaml")) if (root / claims_dir).is_dir() else []
    )  # nested: registries mirror article paths
    if len(paths) != len(known):
        return False
    for p in paths:
        if known.get(p.relative_to(root).as_posix()) != _stat_key(p):
            return False
    return True


def read_imported(root: Path) -> list[MemoryRecord]:
    path = _memory_dir(root) / IMPORTED
    if not path.is_file():
        return []
    return [MemoryRecord.model_validate_json(line) for line in path.read_bytes().splitlines() if line.strip()]


def import_records(root: Path, records: list[MemoryRecord], *, kb: Any = None) -> tuple[int, int]:
    """Add imported records (with their evidence) to the memory; a record already there (same url and claim) is
    replaced. Returns (added, replaced)."""
    forms = _country_forms(kb)
    existing = {r.id: r for r in read_imported(root)}
    added = replaced = 0
    for record in records:
        if record.id in existing:
            replaced += 1
        else:
            added += 1
        existing[record.id] = record.model_copy(update={"evidence": evidence_from_text(record.text, forms)})
    lines = "".join(r.model_dump_json(exclude_defaults=True) + "\n" for r in existing.values())
    write_atomic(_memory_dir(root) / IMPORTED, lines)
    return added, replaced


def memory_size(
    root: Path, *, kb: Any = None, claims_dir: str = "claims", desk: str | None = None, sync: bool = True
) -> int:
    """How many records the project's memory holds, brought up to date first (``sync``): a scan syncs it once in
    the main process, then its workers open it with ``sync=False`` (read only, nothing written)."""
    if sync and not _state_current(root, claims_dir):
        sync_memory(root, kb=kb, claims_dir=claims_dir, desk=desk)
    return int(_read_json(_memory_dir(root) / INDEX / STATE, {}).get("records") or 0)


def open_memory(
    root: Path | None, *, kb: Any = None, claims_dir: str = "claims", desk: str | None = None, sync: bool = True
) -> Memory | None:
    """The project's memory, brought up to date (``sync``), or None when it holds no record."""
    if root is None or not memory_size(root, kb=kb, claims_dir=claims_dir, desk=desk, sync=sync):
        return None
    return Memory(load_index(_memory_dir(root) / INDEX), _country_forms(kb))
