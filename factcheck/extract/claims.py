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


_WORD_RUN = re.compile(r"\w+")
_PLAIN_ALTERNATION = re.compile(r"\\b\(\?:([a-z' -]+(?:\|[a-z' -]+)*)\)\\b")


class _WordListMatcher:
    """``pattern.search(text)`` for a word-list pattern ``\b(?:w1|w2 …)\b`` (re.I), answered for ASCII text by a
    set lookup of the text's words, and the regex only when one of its multi-word phrases occurs as a substring.
    Same answers as the regex; any other pattern or non-ASCII text goes to the regex."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        plain = _PLAIN_ALTERNATION.fullmatch(pattern.pattern)
        self.usable = bool(plain) and bool(pattern.flags & re.I)
        alternatives = plain.group(1).split("|") if plain else []
        self.words = frozenset(a for a in alternatives if re.fullmatch(r"[a-z]+", a))
        phrases = [a for a in alternatives if a not in self.words]
        # any phrase as a plain substring of the lowered text (a literal alternation, no word boundaries)
        self.phrases = re.compile("|".join(map(re.escape, phrases))) if phrases else None
        # A phrase the pattern finds (between word boundaries) has its first word as a whole word of the text:
        # when none of these is among the text's words, no phrase can match (phrases must start with a letter).
        heads = [re.match(r"[a-z]+", a) for a in phrases]
        self.phrase_heads = frozenset(h.group(0) for h in heads if h) if all(heads) else None

    def search(self, text: str, lowered: str | None, words: frozenset[str] | None) -> bool:
        if not self.usable or lowered is None or words is None:
            return self.pattern.search(text) is not None
        if not self.words.isdisjoint(words):
            return True
        if self.phrases is None or (self.phrase_heads is not None and self.phrase_heads.isdisjoint(words)):
            return False
        return self.phrases.search(lowered) is not None and self.pattern.search(text) is not None


_ATTRIBUTION = _WordListMatcher(lexicon.ATTRIBUTION)
_EVENT = _WordListMatcher(lexicon.EVENT)
_SUPERLATIVE = _WordListMatcher(lexicon.SUPERLATIVE)
_COMPARISON = _WordListMatcher(lexicon.COMPARISON)
_PREDICTION = _WordListMatcher(lexicon.PREDICTION)
_OPINION = _WordListMatcher(lexicon.OPINION)
_HEDGE = _WordListMatcher(lexicon.HEDGE)


def features_for(text: str, mentions: list[Mention]) -> dict[str, float]:
    lowered = words = None
    if text.isascii():
        lowered = text.lower()
        words = frozenset(_WORD_RUN.findall(lowered))
    kinds = {m.kind for m in mentions}
    feats = {
        "number": float(MentionKind.NUMBER in kinds),
        "date": float(MentionKind.DATE in kinds),
        "named_entity": float(bool(kinds & {MentionKind.PERSON, MentionKind.ORGANISATION, MentionKind.COUNTRY})),
        "role": float(any(m.kind is MentionKind.PERSON and m.role is not None for m in mentions) or MentionKind.OFFICE in kinds),
        "quote": float(MentionKind.QUOTE in kinds),
        "attribution": float(_ATTRIBUTION.search(text, lowered, words)),
        "event": float(_EVENT.search(text, lowered, words)),
        "superlative": float(_SUPERLATIVE.search(text, lowered, words)),
        "comparison": float(_COMPARISON.search(text, lowered, words)),
        "prediction": float(_PREDICTION.search(text, lowered, words)),
        "opinion": float(_OPINION.search(text, lowered, words)),
        "hedge": float(_HEDGE.search(text, lowered, words)),
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
