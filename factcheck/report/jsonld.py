"""Linked-data exports: schema.org ClaimReview for claims with a verdict, W3C Web Annotations for every claim.

Both are deterministic: dates come from the registry (the article's date, the editor's ``reviewed``), never
from the clock. Rating scale and field mapping: ``docs/formats.md``.
"""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.config import Config
from factcheck.models import AnchorStatus, Claim, Registry, ReviewStatus, claim_is_current
from factcheck.registry.location import mirror_name
from factcheck.report.context import safe_url
from factcheck.report.summary import has_verdict, in_article_order

# ratingValue orders verdicts from worst (1) to best (4); ``unverifiable`` has no place on that line and carries
# only its name. alternateName is the editor's own ``rating`` when given, else the label here.
RATING_SCALE: dict[ReviewStatus, tuple[int | None, str]] = {
    ReviewStatus.INACCURATE: (1, "False"),
    ReviewStatus.MISLEADING: (2, "Misleading"),
    ReviewStatus.NEEDS_REVISION: (3, "Needs revision"),
    ReviewStatus.ACCURATE: (4, "Accurate"),
    ReviewStatus.UNVERIFIABLE: (None, "Unverifiable"),
}
WORST_RATING, BEST_RATING = 1, 4


def claim_url(registry: Registry, claim: Claim, config: Config) -> str:
    """Where the claim is published: the HTML report's anchor, under ``[report] base_url`` when configured."""
    page = f"{mirror_name(registry.article.path, config)}.html"
    base = config.report_base_url or ""
    if base and not base.endswith("/"):
        base += "/"
    return f"{base}{page}#{claim.id}"


def _rating(claim: Claim) -> dict:
    value, label = RATING_SCALE[claim.review.status]
    rating = {"@type": "Rating", "alternateName": claim.review.rating or label}
    if value is not None:
        rating.update(ratingValue=value, worstRating=WORST_RATING, bestRating=BEST_RATING)
    return rating


def _appearance(registry: Registry) -> dict:
    article = registry.article
    item: dict = {"@type": "NewsArticle", "headline": article.title or Path(article.path).name}
    if article.source:
        item["publisher"] = {"@type": "Organization", "name": article.source}
    if article.date.value:
        item["datePublished"] = article.date.value.isoformat()
    if article.language:
        item["inLanguage"] = article.language
    return item


def withheld(registry: Registry) -> list[tuple[str, str]]:
    """Claims with a verdict the exports leave out, and why: the review no longer speaks for the article's text.

    An orphaned claim's sentence is gone; a claim with ``previous_text`` changed since it was reviewed. Neither
    verdict is published until an editor reviews the claim again (and deletes ``previous_text``)."""
    out = []
    for claim in in_article_order(registry.claims):
        if not (has_verdict(claim) or claim.review.verdict) or claim_is_current(claim):
            continue
        why = (
            "orphaned: its text is no longer in the article"
            if claim.anchor is AnchorStatus.ORPHANED
            else "text changed since review: review it again, then delete previous_text"
        )
        out.append((claim.id, why))
    return out


def _publishable(claim: Claim) -> bool:
    return claim_is_current(claim) or not (has_verdict(claim) or claim.review.verdict)


def claim_reviews(registry: Registry, config: Config) -> list[dict]:
    """One ClaimReview per current claim whose review status is a verdict, in article order (see ``withheld``)."""
    author = {"@type": "Organization", "name": config.desk_name}
    if config.desk_url:
        author["url"] = config.desk_url
    out = []
    for claim in in_article_order(registry.claims):
        if not has_verdict(claim) or not _publishable(claim):
            continue
        review: dict = {
            "@type": "ClaimReview",
            "url": claim_url(registry, claim, config),
            "claimReviewed": claim.text,
            "itemReviewed": {"@type": "Claim", "appearance": _appearance(registry)},
            "author": author,
            "reviewRating": _rating(claim),
        }
        if registry.article.date.value:
            review["itemReviewed"]["datePublished"] = registry.article.date.value.isoformat()
        if registry.article.source:
            review["itemReviewed"]["author"] = {"@type": "Organization", "name": registry.article.source}
        if claim.review.reviewed:
            review["datePublished"] = claim.review.reviewed.isoformat()
        if claim.review.verdict:
            review["reviewBody"] = claim.review.verdict
        if registry.article.language:
            review["inLanguage"] = registry.article.language
        out.append(review)
    return out


# JSON-LD is embedded in HTML as <script type="application/ld+json">: no "</script>", "<!--" or "&" may appear raw.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps_jsonld(data: dict) -> str:
    """JSON text safe to paste inside a ``<script>`` element (same data for any JSON parser)."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_SAFE) + "\n"


def render_claimreview(registry: Registry, config: Config) -> str:
    data = {"@context": "https://schema.org", "@graph": claim_reviews(registry, config)}
    return dumps_jsonld(data)


def _bodies(claim: Claim) -> list[dict]:
    bodies: list[dict] = [{"type": "TextualBody", "purpose": "tagging", "value": claim.review.status.value}]
    if has_verdict(claim) or claim.review.verdict:
        verdict = f"Verdict: {claim.review.status.value}"
        if claim.review.rating:
            verdict += f" (rating: {claim.review.rating})"
        if claim.review.verdict:
            verdict += f". {claim.review.verdict}"
        bodies.append({"type": "TextualBody", "purpose": "assessing", "format": "text/plain", "value": verdict})
    if claim.review.notes:
        bodies.append(
            {"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": claim.review.notes}
        )
    for ev in claim.review.evidence:
        url = safe_url(ev.url)  # http(s) and mailto only: never a javascript: or data: link
        if url:
            bodies.append({"type": "SpecificResource", "purpose": "linking", "source": url})
    for flag in claim.flags:
        text = f"{flag.severity.value} {flag.code} {flag.name} [{flag.disposition.value}]: {flag.message}"
        if flag.suggestion:
            text += f" Suggestion: {flag.suggestion}"
        for ev in flag.evidence:
            text += (
                f" Evidence: {ev.source}"
                + (f" {ev.record}" if ev.record else "")
                + (f": {ev.detail}" if ev.detail else "")
            )
        bodies.append({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": text})
    return bodies


def web_annotations(registry: Registry, config: Config) -> list[dict]:
    """One W3C Web Annotation per claim, targeting the article with quote and position selectors."""
    source = registry.article.path
    out = []
    for claim in in_article_order(registry.claims):
        if not _publishable(claim):
            continue
        selectors: list[dict] = [
            {
                "type": "TextQuoteSelector",
                "exact": claim.text,
                "prefix": claim.context.prefix,
                "suffix": claim.context.suffix,
            }
        ]
        if claim.anchor is not AnchorStatus.ORPHANED:
            selectors.append({"type": "TextPositionSelector", "start": claim.span.start, "end": claim.span.end})
        annotation = {
            "id": f"{claim_url(registry, claim, config)}-annotation",
            "type": "Annotation",
            "motivation": "assessing" if has_verdict(claim) else ("commenting" if claim.flags else "highlighting"),
            "body": _bodies(claim),
            "target": {"source": source, "selector": selectors},
        }
        if claim.review.reviewer:
            annotation["creator"] = {"type": "Person", "name": claim.review.reviewer}
        if claim.review.reviewed:
            annotation["modified"] = f"{claim.review.reviewed.isoformat()}T00:00:00Z"
        out.append(annotation)
    return out


def render_annotations(registry: Registry, config: Config) -> str:
    items = web_annotations(registry, config)
    data = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": f"factcheck review: {registry.article.title or registry.article.path}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return dumps_jsonld(data)
