"""The whole review, stage by stage: load → segment → extract → resolve the date → check → registry.

Each stage is a plain function; ``factcheck.api.analyse`` runs them all for the CLI and the Python API.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.article import Article
from factcheck.config import kb_layer_paths, load_config
from factcheck.extract.checkworthiness import CheckworthinessSettings
from factcheck.extract.claims import extract_claims
from factcheck.extract.dates import DateMention, complete_partial, find_dates, resolve_relative
from factcheck.extract.index import MentionIndex
from factcheck.extract.lexicon import PREDICTION
from factcheck.extract.mentions import find_mentions, sentence_dates
from factcheck.extract.numbers import NumberStarts
from factcheck.kb import DeskError, KnowledgeBase, load_kb
from factcheck.kb.names import normalise
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
from factcheck.resolve.article_date import resolve_date, with_date_range
from factcheck.resolve.linking import OfficeLink, has_lone_surname, link_offices
from factcheck.rules import CheckContext, Rule, select_rules
from factcheck.rules.base import RuleFailure
from factcheck.text.casefold import Folded
from factcheck.text.segment import Document, segment

if TYPE_CHECKING:
    from factcheck.memory import Memory


@dataclass
class Extraction:
    """An article after segmentation and extraction, before any rule ran."""

    doc: Document
    mentions: list[Mention]
    claims: list[Claim]
    article_date: ArticleDate
    # The date expressions of each sentence, in sentence order (the mentions and the article date were made from them).
    dates: list[list[DateMention]] = field(default_factory=list, repr=False, compare=False)
    # The person mentions linked to offices (``resolve.linking.link_offices``) with the KB they were linked
    # against: the article-date step and the rules TM01, EN02, EN03 read them.
    office_links: list[OfficeLink] = field(default_factory=list, repr=False, compare=False)
    kb: Any = field(default=None, repr=False, compare=False)
    # The rules that raised when ``check`` ran them (each one's flags are left out; the other rules still ran).
    rule_failures: list[RuleFailure] = field(default_factory=list, repr=False, compare=False)
    # The index of ``mentions`` and the lower-cased text the extraction made: ``check`` hands them to the rules'
    # context instead of building them again (None: the context builds its own).
    index: MentionIndex | None = field(default=None, repr=False, compare=False)
    folded: Folded | None = field(default=None, repr=False, compare=False)


def default_knowledge_base() -> Any:
    """The embedded default knowledge base (loaded once per process)."""
    from factcheck.kb import default_kb

    return default_kb()


def configured_kb(extra_paths: Iterable[Path] | None = None, config: Any = None) -> KnowledgeBase | None:
    """The KB the CLI uses: the desk layers of ``[kb] layers`` in factcheck.toml, then ``extra_paths`` (``--kb``)
    on top. None when there is no layer at all (callers use the cached default). A problem in a configured layer
    also names the config line that lists it."""
    config = config if config is not None else load_config()
    paths = kb_layer_paths(extra_paths, config)
    if not paths:
        return None
    try:
        return load_kb(paths)
    except DeskError as err:
        listed = {str(layer): line for layer, line in config.kb_layers}
        problems = [
            replace(p, message=f"{p.message} (layer listed in {config.path}:{listed[str(Path(p.path).resolve())]})")
            if str(Path(p.path).resolve()) in listed
            else p
            for p in err.problems
        ]
        raise DeskError(problems) from None


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


def article_mentions(
    doc: Document, kb: Any, *, dates=None, folded: Folded | None = None, numbers: NumberStarts | None = None
) -> list[Mention]:
    """The mentions of a segmented article, before its date is resolved (what the claim features read).
    ``numbers``: ``NumberStarts.of(folded)``, made once for the dates and the mentions."""
    folded = folded if folded is not None else Folded.of(doc.text)
    numbers = numbers if numbers is not None else NumberStarts.of(folded)
    dates = dates if dates is not None else sentence_dates(doc, folded, numbers)
    return find_mentions(
        doc,
        kb.country_surface_forms(),
        known_person=lambda name: bool(kb.people_named(name)),
        dates=dates,
        folded=folded,
        office_title=lambda title: kb.is_office_title(normalise(title)),
        numbers=numbers,
    )


def _extract(article: Article, kb: Any, checkworthiness: CheckworthinessSettings | None) -> Extraction:
    doc = segment(article)
    folded = Folded.of(doc.text)
    numbers = NumberStarts.of(folded)  # one scan for numbers, read by the dates and the mentions
    dates = sentence_dates(doc, folded, numbers)
    article_date = resolve_date(doc, dates=dates, folded=folded)
    mentions = article_mentions(doc, kb, dates=dates, folded=folded, numbers=numbers)
    if article_date.value is not None:
        starts = [s.start for s in doc.sentences]
        mentions = [_with_resolved_date(doc, m, article_date.value, starts, folded) for m in mentions]
    index = MentionIndex(doc, mentions)
    office_links = link_offices(index, kb, article_date)
    article_date = with_date_range(article_date, doc, mentions, kb, office_links, index=index)
    people = index.mentions_of(MentionKind.PERSON)
    if article_date.value is None and article_date.range is not None and has_lone_surname(people):
        # "President Obama" with no full mention is linked through the KB within the article's date range,
        # known only now
        office_links = link_offices(index, kb, article_date)
    settings = checkworthiness or CheckworthinessSettings()
    claims = extract_claims(doc, mentions, model=settings.model(), threshold=settings.threshold)
    return Extraction(doc, mentions, claims, article_date, dates, office_links, kb, index=index, folded=folded)


_PAST = re.compile(r"\b(?:was|were|had|did|said|met|held|signed|agreed|announced|took|\w+ed)\b", re.I)


def _tense(sentence: str) -> str | None:
    if PREDICTION.search(sentence):
        return "future"
    if _PAST.search(sentence):
        return "past"
    return None


def _with_resolved_date(
    doc: Document, mention: Mention, anchor: dt.date, starts: list[int] | None = None, folded: Folded | None = None
) -> Mention:
    """A date mention with the calendar date it means, now that the article's date is known.

    ``starts``: the sentences' start offsets (in order), to find the mention's sentence by bisection.
    """
    if mention.kind is not MentionKind.DATE:
        return mention
    text = doc.text
    resolved = None
    if mention.attrs.relative:
        found = find_dates(text, mention.span.start, mention.span.end, folded=folded)
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
    return mention.model_copy(update={"attrs": mention.attrs.model_copy(update={"resolved": resolved})})


def check(
    extraction: Extraction,
    rules: list[type[Rule]] | None = None,
    *,
    kb: Any = None,
    as_of: dt.date | None = None,
    options: dict | None = None,
    memory: Memory | None = None,
) -> list[Claim]:
    """Run the rules and attach each flag to the claim that holds it; returns the claims with flags.

    A rule that raises is reported in ``extraction.rule_failures`` (its flags left out) and the others still run.
    ``memory``: the desk memory the memory rule searches (None: that rule raises nothing)."""
    rules = select_rules() if rules is None else rules
    # the extraction's own look-ups, when they are of this extraction's mentions and text
    index = extraction.index if extraction.index and extraction.index.mentions is extraction.mentions else None
    folded = extraction.folded if extraction.folded and extraction.folded.text is extraction.doc.text else None
    ctx = CheckContext(
        doc=extraction.doc,
        claims=extraction.claims,
        mentions=extraction.mentions,
        article_date=extraction.article_date,
        as_of=as_of,
        kb=kb,
        options=options or {},
        links=extraction.office_links if kb is extraction.kb else None,
        memory=memory,
        extracted=index,
        lowered=folded.lowered if folded is not None else None,
    )
    flags: list[Flag] = []
    with collector_paused():
        for rule_class in rules:
            if rule_class.needs_kb and kb is None:
                continue
            try:
                flags.extend(list(rule_class().check(ctx)))
            except Exception as exc:  # a bug in one rule must not cost the article the other rules' flags
                extraction.rule_failures.append(
                    RuleFailure(
                        extraction.doc.article.path, rule_class.code, rule_class.name, f"{type(exc).__name__}: {exc}"
                    )
                )
        return attach_flags(extraction.claims, flags)


def attach_flags(claims: list[Claim], flags: list[Flag]) -> list[Claim]:
    """Each flag goes to the claim whose span holds its start; flags outside every claim are dropped."""
    # The flags by the claim's position, for the claims that hold one: most claims hold none, and are passed over
    # without a list or a sort each. Each flag's (start, end, code) is read once: it places the flag, orders the
    # claim's flags and finds the duplicates (an attribute read on a model costs more than the tuple it fills).
    by_claim: dict[int, list[tuple[tuple[int, int, str], Flag]]] = {}
    starts = [c.span.start for c in claims]
    for flag in flags:
        span = flag.span
        key = (span.start, span.end, flag.code)
        i = bisect.bisect_right(starts, key[0]) - 1  # so claims[i] starts at or before the flag
        if i >= 0 and key[0] < claims[i].span.end:
            by_claim.setdefault(i, []).append((key, flag))
    out = []
    for i, claim in enumerate(claims):
        held = by_claim.get(i)
        if held is None and not claim.flags:
            out.append(claim)  # nothing to attach: the claim as it is (a copy would be equal)
            continue
        unique = []
        seen = set()
        for key, f in sorted(held or (), key=itemgetter(0)):  # stable: equal keys keep the rules' order
            if key not in seen:
                seen.add(key)
                unique.append(f)
        out.append(claim.model_copy(update={"flags": unique}))
    return out


def build_registry(
    article: Article, extraction: Extraction, claims: list[Claim], *, registry_path: str | None = None
) -> Registry:
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
