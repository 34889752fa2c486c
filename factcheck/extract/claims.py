"""Claims: every checkable assertion in the article, with its own span, kinds and check-worthiness.

A claim is normally a sentence (the headline too). A sentence joining two assertions with "; " or with
"and" before a new verb ("X met Y in Astana and signed a deal worth $2bn") gives two claims. A quote that
runs over several sentences stays one claim with its attribution.
"""

from __future__ import annotations

import bisect
import itertools
import re

from factcheck.extract import lexicon
from factcheck.extract.checkworthiness import CHECKWORTHY_THRESHOLD, score
from factcheck.models import (
    Checkworthiness,
    Claim,
    ClaimKind,
    Context,
    Mention,
    MentionKind,
    Review,
    ReviewStatus,
    Span,
)
from factcheck.text.segment import Document

CONTEXT_CHARS = 32
_MIN_CLAUSE_WORDS = 4
# "and" followed by a finite verb starts a second assertion with the same subject.
_CLAUSE_SPLIT = re.compile(
    r"(?:;\s+|,?\s+and\s+(?=(?:then\s+|also\s+)?(?:[a-z]+ed|signed|met|said|agreed|announced|won|lost|took|made|gave|"
    r"became|rose|fell|held|sold|bought|built|left|began|will|has|have|had|is|are|was|were|plans|says|adds)\b))"
)
_VERBISH = re.compile(r"\b(?:[a-z]+ed|is|are|was|were|has|have|had|will|would|can|could|met|said|says|\w+s)\b")


def claim_id(number: int, total: int) -> str:
    """Human-friendly ids in article order: C01 … C99, C001 … when there are more."""
    width = max(2, len(str(total)))
    return f"C{number:0{width}d}"


def _units(doc: Document, quotes: list[Mention]) -> list[tuple[int, int]]:
    """Claim spans: sentences, merged where a quote crosses them, split at a second assertion."""
    text = doc.text
    spans = [(s.start, s.end) for s in doc.sentences]
    # Quotes by start, with the running maximum of their ends, so each test below is a bisection, not a scan.
    qspans = sorted((q.span.start, q.span.end) for q in quotes)
    qstarts = [qs for qs, _ in qspans]
    qreach = list(itertools.accumulate((qe for _, qe in qspans), max))
    # merge sentences a quote runs across (a quote starting before the unit's end and ending after s)
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        i = bisect.bisect_left(qstarts, merged[-1][1]) - 1 if merged else -1
        if i >= 0 and qreach[i] > s:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out = []
    for s, e in merged:
        i = bisect.bisect_left(qstarts, s)
        if i < len(qstarts) and qstarts[i] < e:
            out.append((s, e))
            continue
        pos = s
        for m in _CLAUSE_SPLIT.finditer(text, s, e):
            left = text[pos : m.start()]
            right = text[m.end() : e]
            if len(left.split()) >= _MIN_CLAUSE_WORDS and len(right.split()) >= _MIN_CLAUSE_WORDS and _VERBISH.search(left):
                out.append((pos, m.start()))
                pos = m.end()
        out.append((pos, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def features_for(text: str, mentions: list[Mention]) -> dict[str, float]:
    kinds = {m.kind for m in mentions}
    feats = {
        "number": float(MentionKind.NUMBER in kinds),
        "date": float(MentionKind.DATE in kinds),
        "named_entity": float(bool(kinds & {MentionKind.PERSON, MentionKind.ORGANISATION, MentionKind.COUNTRY})),
        "role": float(any(m.kind is MentionKind.PERSON and m.role is not None for m in mentions) or MentionKind.OFFICE in kinds),
        "quote": float(MentionKind.QUOTE in kinds),
        "attribution": float(bool(lexicon.ATTRIBUTION.search(text))),
        "event": float(bool(lexicon.EVENT.search(text))),
        "superlative": float(bool(lexicon.SUPERLATIVE.search(text))),
        "comparison": float(bool(lexicon.COMPARISON.search(text))),
        "prediction": float(bool(lexicon.PREDICTION.search(text))),
        "opinion": float(bool(lexicon.OPINION.search(text))),
        "hedge": float(bool(lexicon.HEDGE.search(text))),
        "short": float(len(text.split()) < 5),
        "question": float(text.rstrip().endswith("?")),
    }
    return {k: v for k, v in feats.items() if v}


def kinds_for(features: dict[str, float], mentions: list[Mention]) -> list[ClaimKind]:
    kinds = []
    if features.get("event"):
        kinds.append(ClaimKind.EVENT)
    if features.get("role"):
        kinds.append(ClaimKind.ROLE)
    if features.get("quote"):
        kinds.append(ClaimKind.QUOTE)
    if features.get("attribution") or any(m.kind is MentionKind.QUOTE and m.speaker for m in mentions):
        kinds.append(ClaimKind.ATTRIBUTION)
    if features.get("number"):
        kinds.append(ClaimKind.QUANTITY)
    if features.get("date"):
        kinds.append(ClaimKind.DATE)
    if features.get("prediction"):
        kinds.append(ClaimKind.PREDICTION)
    if features.get("superlative") or features.get("comparison"):
        kinds.append(ClaimKind.COMPARISON)
    return kinds


def extract_claims(doc: Document, mentions: list[Mention]) -> list[Claim]:
    """Claims in article order, each with the mentions inside it, kinds and check-worthiness."""
    text = doc.text
    quotes = [m for m in mentions if m.kind is MentionKind.QUOTE]
    units = _units(doc, quotes)
    claims = []
    ordered = sorted(mentions, key=lambda m: m.span.start)
    j = 0
    for number, (s, e) in enumerate(units, start=1):
        while j < len(ordered) and ordered[j].span.start < s:
            j += 1
        inside = []
        k = j
        while k < len(ordered) and ordered[k].span.start < e:
            if ordered[k].span.end <= e:
                inside.append(ordered[k])
            k += 1
        claim_text = text[s:e]
        feats = features_for(claim_text, inside)
        value = round(score(feats), 2)
        status = ReviewStatus.UNREVIEWED if value >= CHECKWORTHY_THRESHOLD else ReviewStatus.NOT_CHECKWORTHY
        claims.append(
            Claim(
                id=claim_id(number, len(units)),
                text=claim_text,
                span=Span(start=s, end=e),
                context=Context(prefix=text[max(0, s - CONTEXT_CHARS) : s], suffix=text[e : e + CONTEXT_CHARS]),
                kinds=kinds_for(feats, inside),
                checkworthiness=Checkworthiness(score=value, features=feats),
                mentions=inside,
                review=Review(status=status),
            )
        )
    return claims
