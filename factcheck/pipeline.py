"""The whole review, stage by stage: load → segment → extract → resolve the date → check → registry.

Each stage is a plain function; ``factcheck.api.analyse`` runs them all for the CLI and the Python API.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from factcheck.article import Article
from factcheck.article_date import resolve_article_date, with_date_range
from factcheck.extract.checkworthiness import CheckworthinessSettings
from factcheck.extract.claims import extract_claims
from factcheck.extract.lexicon import PREDICTION
from factcheck.extract.dates import complete_partial, find_dates, resolve_relative
from factcheck.extract.mentions import find_mentions
from factcheck.models import (
    ArticleDate,
    ArticleInfo,
    Boilerplate,
    Claim,
    Flag,
    Mention,
    MentionKind,
    Registry,
    Span,
    validate_spans,
)
from factcheck.rules import CheckContext, Rule, select_rules
from factcheck.text.segment import Document, segment


@dataclass
class Extraction:
    """An article after segmentation and extraction, before any rule ran."""

    doc: Document
    mentions: list[Mention]
    claims: list[Claim]
    article_date: ArticleDate
    # What the article-date step computed that the rules ask for too (the office links), keyed as the rules'
    # context memo keys it: the rules' context starts from it (see ``CheckContext.shared``).
    memo: dict = field(default_factory=dict, repr=False, compare=False)


def default_knowledge_base() -> Any:
    """The embedded default knowledge base (loaded once per process)."""
    from factcheck.kb import default_kb

    return default_kb()


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector switched off for the duration (and back on after, even on error).

    An article's analysis makes many small objects and almost no reference cycles, and each collection
    re-scans every live object (the KB, and for a long article its ~100,000 claims): pausing it during one
    article's stages changes no output and saves that time. If the collector was already off, it stays off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def extract(article: Article, *, kb: Any = None, checkworthiness: CheckworthinessSettings | None = None) -> Extraction:
    """Segment the article, find its mentions and claims, and resolve its date.

    ``checkworthiness``: the model and threshold (``[checkworthiness]`` in factcheck.toml); default: the shipped
    model at its own threshold."""
    kb = kb if kb is not None else default_knowledge_base()
    with collector_paused():
        return _extract(article, kb, checkworthiness)


def article_mentions(doc: Document, kb: Any) -> list[Mention]:
    """The mentions of a segmented article, before its date is resolved (what the claim features read)."""
    return find_mentions(doc, kb.country_surface_forms(), known_person=lambda name: bool(kb.people_named(name)))


def _extract(article: Article, kb: Any, checkworthiness: CheckworthinessSettings | None) -> Extraction:
    doc = segment(article)
    article_date = resolve_article_date(doc)
    mentions = article_mentions(doc, kb)
    memo: dict = {}
    article_date = with_date_range(article_date, doc, mentions, kb, memo=memo)
    if article_date.value is not None:
        starts = [s.start for s in doc.sentences]
        mentions = [_with_resolved_date(doc, m, article_date.value, starts) for m in mentions]
        memo.clear()  # built over the list just replaced
    settings = checkworthiness or CheckworthinessSettings()
    claims = extract_claims(doc, mentions, model=settings.model(), threshold=settings.threshold)
    return Extraction(doc, mentions, claims, article_date, memo)


_PAST = re.compile(r"\b(?:was|were|had|did|said|met|held|signed|agreed|announced|took|\w+ed)\b", re.I)


def _tense(sentence: str) -> str | None:
    if PREDICTION.search(sentence):
        return "future"
    if _PAST.search(sentence):
        return "past"
    return None


def _with_resolved_date(doc: Document, mention: Mention, anchor: dt.date, starts: list[int] | None = None) -> Mention:
    """A date mention with the calendar date it means, now that the article's date is known.

    ``starts``: the sentences' start offsets (in order), to find the mention's sentence by bisection.
    """
    if mention.kind is not MentionKind.DATE:
        return mention
    text = doc.text
    resolved = None
    if mention.attrs.get("relative") == "true":
        found = find_dates(text, mention.span.start, mention.span.end)
        starts = starts if starts is not None else [s.start for s in doc.sentences]
        i = bisect.bisect_right(starts, mention.span.start) - 1
        sentence = ""
        if i >= 0 and doc.sentences[i].start <= mention.span.start < doc.sentences[i].end:
            sentence = text[doc.sentences[i].start : doc.sentences[i].end]
        if found:
            date = resolve_relative(found[0], anchor, _tense(sentence))
            resolved = date.isoformat() if date else None
    elif mention.value and mention.value.startswith("--") and len(mention.value) == 7:
        date = complete_partial(mention.value, anchor)
        resolved = date.isoformat() if date else None
    if resolved is None:
        return mention
    return mention.model_copy(update={"attrs": {**mention.attrs, "resolved": resolved}})


def check(extraction: Extraction, rules: list[type[Rule]] | None = None, *, kb: Any = None, as_of: dt.date | None = None, options: dict | None = None) -> list[Claim]:
    """Run the rules and attach each flag to the claim that holds it; returns the claims with flags."""
    rules = select_rules() if rules is None else rules
    ctx = CheckContext(
        doc=extraction.doc,
        claims=extraction.claims,
        mentions=extraction.mentions,
        article_date=extraction.article_date,
        as_of=as_of,
        kb=kb,
        options=options or {},
        shared=extraction.memo,
    )
    flags: list[Flag] = []
    with collector_paused():
        for rule_class in rules:
            if rule_class.needs_kb and kb is None:
                continue
            flags.extend(rule_class().check(ctx))
        return attach_flags(extraction.claims, flags)


def attach_flags(claims: list[Claim], flags: list[Flag]) -> list[Claim]:
    """Each flag goes to the claim whose span holds its start; flags outside every claim are dropped."""
    by_claim: dict[str, list[Flag]] = {c.id: [] for c in claims}
    starts = [c.span.start for c in claims]
    for flag in flags:
        i = bisect.bisect_right(starts, flag.span.start) - 1
        if i >= 0 and claims[i].span.start <= flag.span.start < claims[i].span.end:
            by_claim[claims[i].id].append(flag)
    out = []
    for claim in claims:
        found = sorted(by_claim[claim.id], key=lambda f: (f.span.start, f.span.end, f.code))
        if not found and not claim.flags:
            out.append(claim)  # nothing to attach: the claim as it is (a copy would be equal)
            continue
        unique = []
        seen = set()
        for f in found:
            key = (f.code, f.span.start, f.span.end)
            if key not in seen:
                seen.add(key)
                unique.append(f)
        out.append(claim.model_copy(update={"flags": unique}))
    return out


def build_registry(article: Article, extraction: Extraction, claims: list[Claim], *, registry_path: str | None = None) -> Registry:
    """The registry model for an article (spans validated against the text)."""
    doc = extraction.doc
    info = ArticleInfo(
        path=article.path,
        sha256=article.sha256,
        title=article.title or (doc.text[doc.headline.start : doc.headline.end] if doc.headline else None),
        source=article.source,
        language=article.language,
        date=extraction.article_date,
        paragraphs=len(doc.paragraphs),
        sentences=len(doc.sentences),
        boilerplate=[
            Boilerplate(kind=b.kind, text=doc.text[b.start : b.end], span=Span(start=b.start, end=b.end))
            for b in doc.boilerplate
        ],
    )
    registry = Registry(article=info, claims=claims)
    validate_spans(registry, article.text)
    return registry

