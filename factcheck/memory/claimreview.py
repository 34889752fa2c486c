"""Import public fact-checks: schema.org ClaimReview as JSON-LD (one object, a list, an ``@graph``) or JSON Lines.

Fields read: ``claimReviewed`` (the claim), ``reviewRating.alternateName`` (the rating, mapped onto a verdict by
``ratings.json``), ``author.name`` (who checked it), ``url``, ``datePublished``, ``itemReviewed.appearance`` (where
the claim appeared) and, when present, ``headline`` (or ``name``) and ``reviewBody``. Anything else is ignored; an
object that is not a ClaimReview, or has no claim or url, is skipped and counted.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.memory.model import MemoryRecord, Origin, Verdict


class ClaimReviewError(FactcheckError):
    """A file given to ``memory import`` is not JSON-LD or JSON Lines."""


@dataclass
class ImportResult:
    records: list[MemoryRecord] = field(default_factory=list)
    skipped: int = 0


@lru_cache(maxsize=1)
def _rating_phrases() -> list[tuple[str, Verdict]]:
    data = json.loads(resources.files("factcheck.memory").joinpath("ratings.json").read_text(encoding="utf-8"))
    pairs = [(phrase, Verdict(key)) for key, phrases in data.items() if not key.startswith("_") for phrase in phrases]
    return sorted(pairs, key=lambda p: -len(p[0]))


_NOT_WORD = re.compile(r"[^\w]+")


def verdict_for_rating(rating: str | None) -> Verdict | None:
    """The desk verdict a free-text rating means ("Mostly False" -> inaccurate), or None when the vocabulary
    has no phrase for it."""
    if not rating:
        return None
    words = f" {_NOT_WORD.sub(' ', rating.lower()).strip()} "
    for phrase, verdict in _rating_phrases():
        if f" {phrase} " in words:
            return verdict
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    return str(value).strip() if value else None


def _urls(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("url") or item.get("@id")
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
    return tuple(out)


def _is_claimreview(obj: dict) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "ClaimReview" in kinds or (kind is None and "claimReviewed" in obj)


def record_from_claimreview(obj: dict) -> MemoryRecord | None:
    """A memory record from one ClaimReview object, or None when it lacks the claim or the url."""
    text = obj.get("claimReviewed")
    url = obj.get("url")
    if not isinstance(text, str) or not text.strip() or not isinstance(url, str) or not url.strip():
        return None
    rating_obj = obj.get("reviewRating")
    rating = None
    if isinstance(rating_obj, dict):
        rating = rating_obj.get("alternateName") or rating_obj.get("name")
        rating = str(rating).strip() if rating else None
    item = obj.get("itemReviewed") if isinstance(obj.get("itemReviewed"), dict) else {}
    date = obj.get("datePublished")
    headline = obj.get("headline") or obj.get("name")
    headline = " ".join(headline.split()) if isinstance(headline, str) and headline.strip() else None
    text = " ".join(text.split())
    key = hashlib.sha1(f"{url.strip()}\n{text}".encode()).hexdigest()[:16]
    return MemoryRecord(
        id=f"cr:{key}",
        origin=Origin.CLAIMREVIEW,
        text=text,
        url=url.strip(),
        headline=headline,
        verdict=verdict_for_rating(rating),
        rating=rating,
        source=_name(obj.get("author")),
        date=str(date)[:10] if date else None,
        notes=obj.get("reviewBody") if isinstance(obj.get("reviewBody"), str) else None,
        appearances=_urls(item.get("appearance")),
    )


def _objects(data: Any) -> Iterator[dict]:
    """Every object in a JSON-LD document that could be a ClaimReview (lists and ``@graph`` unpacked)."""
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _objects(data["@graph"])
        else:
            yield data


def read_claimreviews(path: Path) -> ImportResult:
    """The records in one file: JSON-LD (object, list or ``@graph``), or JSON Lines of such objects."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimReviewError(f"cannot read: {exc}", path=path) from None
    try:
        documents = [json.loads(text)]
    except json.JSONDecodeError:
        documents = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                documents.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ClaimReviewError(
                    f"line {number}: not JSON ({exc.msg}); expected JSON-LD or JSON Lines of ClaimReview", path=path
                ) from None
    result = ImportResult()
    for obj in (o for doc in documents for o in _objects(doc)):
        record = record_from_claimreview(obj) if _is_claimreview(obj) else None
        if record is None:
            result.skipped += 1
        else:
            result.records.append(record)
    return result
