"""attribution.* rules: quotes whose speaker needs checking, quotes with no speaker, unnamed sources."""

from __future__ import annotations

import bisect
import itertools
import re

from factcheck.models import Evidence, Mention, MentionKind, Severity, Span
from factcheck.rules._text import SpanIndex, headline_end, in_open_quote, inside, quote_spans, sentences_with_words, declare_words
from factcheck.rules.base import CheckContext, Rule, register


def _part(label: str, text: str, span: Span) -> Evidence:
    """An evidence entry naming one part of an attribution with its offsets."""
    return Evidence(source="article", record=label, detail=f"{text!r} at {span.start}-{span.end}")


@register
class QuoteNeedsVerification(Rule):
    """A direct quote attributed to a named speaker with a title or organisation.

    What it flags:
        A quote whose speaker is a named person given a credential, in the attribution itself
        ("…,” said Executive Director of the Institute for Developing Economies Hiroshi Kato) or where the
        person was first introduced. A courtesy title alone ("Mr Sullivan", "Ms Capella") is not a credential. The flag's evidence names the parts as separate spans: ``speaker``,
        ``title`` and ``organisation``, each with its offsets, so knowledge-base checks can point at each.

    Why it matters:
        Invented or garbled experts are a common fabrication: the editor must check that the person exists,
        holds that title at that organisation, and said these words (a recording, a transcript, the source).

    Example:
        '“The meeting serves as an important milestone,” Executive Director of the Institute for Developing
        Economies Hiroshi Kato said.' is flagged on the attribution, with speaker 'Hiroshi Kato', title
        'Executive Director' and organisation 'Institute for Developing Economies'.

    Configuration:
        None.
    """

    code = "AT01"
    name = "attribution.quote-needs-verification"
    severity = Severity.INFO

    def check(self, ctx: CheckContext):
        attributed = [q for q in ctx.mentions_of(MentionKind.QUOTE) if q.speaker is not None]
        if not attributed:
            return  # most articles: no index of people and organisations to build
        people = SpanIndex(list(ctx.mentions_of(MentionKind.PERSON)))
        orgs = SpanIndex(list(ctx.mentions_of(MentionKind.ORGANISATION)))
        introductions = _Introductions(people.mentions)
        for quote in attributed:
            # The last person in the attribution is its head: "Gowdy spokesman Jamal Ware" is Ware, not Gowdy.
            person = people.last_covered(quote.speaker.span)
            if person is None:
                continue
            titled = person if _credential(person) else introductions.of(person)
            if titled is None or not _credential(titled):
                continue
            role = titled.role
            org = orgs.first_covered(role.span)
            evidence = [_part("speaker", titled.text, titled.span)]
            title_end = role.span.end
            if org is not None:
                # "Executive Director of the Institute …": the title is what precedes the organisation
                head = ctx.text[role.span.start : org.span.start]
                cut = re.search(r"\s+(?:of|at|for|from|with)(?:\s+the)?\s*$|[,\s]+$", head)
                title_end = role.span.start + (cut.start() if cut else len(head))
            if title_end > role.span.start:
                evidence.append(_part("title", ctx.text[role.span.start : title_end], Span(start=role.span.start, end=title_end)))
            if org is not None:
                evidence.append(_part("organisation", org.text, org.span))
            where = "" if titled is person else f" (introduced at {titled.span.start})"
            end = quote.speaker.span.end
            if re.search(r"[.!?]\s", ctx.text[person.span.end : end]):
                end = person.span.end  # the speaker span ran into the next sentence ("said Dr Paniccia. While …")
            yield self.flag(
                ctx,
                quote.speaker.span.start,
                end,
                f"Quote attributed to {titled.text}, {role.text}{where}: check that this person exists, holds this "
                "title, and said these words.",
                evidence=evidence,
            )


# Courtesy titles say nothing the desk can check: "Mr Sullivan" has no credential.
_HONORIFIC = re.compile(r"(?:mr|mrs|ms|miss|mx|mister|madam|sir)\.?", re.I)


def _credential(person: Mention) -> bool:
    """Whether the person carries a checkable title or affiliation, not just a courtesy title."""
    return person.role is not None and not _HONORIFIC.fullmatch(person.role.text.strip())


class _Introductions:
    """The earlier full mention of a person named by surname only, if it carried a title: the first titled
    mention with that text (in mention order) that starts before the surname, looked up by text."""

    def __init__(self, people: list[Mention]):
        self.people = people
        self.by_text: dict[str, list[Mention]] | None = None  # built on the first surname asked about

    def of(self, person: Mention) -> Mention | None:
        full = person.attrs.get("refers_to")
        if not full:
            return None
        if self.by_text is None:
            self.by_text = {}
            for p in self.people:
                if _credential(p):
                    self.by_text.setdefault(p.text, []).append(p)
        return next((p for p in self.by_text.get(full, ()) if p.span.start < person.span.start), None)


@register
class UnattributedQuote(Rule):
    """A direct quote with no speaker anywhere near it.

    What it flags:
        A quotation standing as a sentence of its own (four words or more) with no speaker found for it, no
        named person or "he"/"she" outside quotes in its paragraph or the one before (the implied speaker), no
        reporting cue anywhere in its paragraph ("said", "told", "wrote", "according to", "statement", a colon
        before the quote), no attributed quote in the same paragraph, and not opening a paragraph that continues
        the quotes of the paragraph before (or, for a paragraph of quotes only, attributed by the next one). Quotes framed by the writer's sentence ("Judges praised its “great
        insight”") and quotes whose sentence goes on to the attribution ('“…,” the nominee said') are not flagged.

    Why it matters:
        A quote nobody said cannot be checked; readers take it as someone's words. Name the speaker or
        paraphrase.

    Example:
        'The summit will change everything. “This is a new chapter for the region and its people.”' is
        flagged on the quote.

    Configuration:
        None. Headline quotes are not flagged (the body attributes them).
    """

    code = "AT02"
    name = "attribution.unattributed-quote"
    severity = Severity.WARNING

    def check(self, ctx: CheckContext):
        first_body = headline_end(ctx)
        quotes = list(ctx.mentions_of(MentionKind.QUOTE))
        if not any(q.speaker is None and q.span.start >= first_body for q in quotes):
            return  # every body quote has a speaker (most articles): no paragraph and people indexes to build
        spans = _Spans(sorted((q.span.start, q.span.end) for q in quotes))
        people = sorted(p.span.start for p in ctx.mentions_of(MentionKind.PERSON))
        paragraphs = [(p.start, p.end) for p in ctx.doc.paragraphs]
        paragraph_starts = [a for a, _ in paragraphs]
        in_paragraph: dict[int, list[Mention]] = {}  # quotes by the paragraph their start is in
        for q in quotes:
            k = _paragraph_of(paragraphs, paragraph_starts, q.span.start)
            if k is not None:
                in_paragraph.setdefault(k, []).append(q)
        attributed: dict[int, bool] = {}  # paragraph -> some quote in it is attributed
        for quote in quotes:
            if quote.speaker is not None or quote.span.start < first_body:
                continue
            if _QUOTE_MARK.search(quote.text, 1, len(quote.text) - 1) or quote.text[1:2].isspace() or quote.text[-2:-1].isspace():
                continue  # mis-paired marks: the span runs from one quote's end to the next one's start
            i = _paragraph_of(paragraphs, paragraph_starts, quote.span.start)
            if i is None or not _standalone(ctx.text, paragraphs[i][0], quote):
                continue
            if in_open_quote(ctx.text, paragraphs[i][0], quote.span.start):
                continue  # an odd mark before it: a speaker's multi-paragraph quote the extractor paired wrongly
            if quote.text[-1] not in "\"”":
                continue  # the first paragraph of a quote that runs on: its attribution may come paragraphs later
            if _attributed_near(ctx.text, spans, paragraphs, i, quote):
                continue
            if i not in attributed:
                attributed[i] = any(
                    q.speaker is not None or _attribution_follows(ctx.text, q) for q in in_paragraph.get(i, ())
                )
            if attributed[i]:
                continue  # another quote in the paragraph is attributed: this one continues it
            if _person_near(ctx.text, spans, people, paragraphs, i, quote):
                continue  # "Clinton touted her record. “We need …”": the person just before is the implied speaker
            yield self.flag(
                ctx,
                quote.span.start,
                quote.span.end,
                "Direct quote with no speaker: say who said it, or paraphrase.",
            )


_QUOTE_MARK = re.compile(r"[\"“”]")
_ANY_QUOTE_MARK = re.compile(r"[\"“”‘’]")
# A reporting verb or cue outside the quotes of a paragraph: someone is named as saying, writing or announcing it.
_REPORTING = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|added|adds|asked|asks|asking|wrote|writes|write|writing|stated|states|"
    r"explained|explains|insisted|insists|noted|notes|argued|argues|announced|announcing|announces|confirmed|confirms|"
    r"tweeted|tweets|posted|interjected|replied|replies|responded|continued|claimed|claims|warned|warns|admitted|"
    r"acknowledged|described|describes|called|calls|quoted|quotes|quoting|attributed|reported|reporting|reports|declared|"
    r"urged|testified|recalled|suggested|concluded|joked|remarked|commented|predicted|promised|pledged|vowed|conceded|"
    r"complained|countered|apologi[sz]ed|proposes|proposed|introduced|estimated|estimates|describing|shouted|chanted|"
    r"boasted|questioned|dismissed|dismissing|noting|riffed|quipped|laughed|sang|read|reads|tweet|statement|interview|"
    r"speech|letter|memo|remarks|thinks|think|believes|feels|praised|observed|add|pressed|related|according to|"
    r"put it)\b",
    re.I,
)


def _paragraph_of(paragraphs: list[tuple[int, int]], starts: list[int], pos: int) -> int | None:
    """Index of the paragraph holding pos (paragraphs are in order and do not overlap)."""
    k = bisect.bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < paragraphs[k][1] else None


class _Spans(list):
    """Sorted (start, end) quote spans with the running maximum of their ends, to find the ones that overlap a
    range by bisection instead of a scan of all of them."""

    def __init__(self, spans: list[tuple[int, int]]):
        super().__init__(spans)
        self.starts = [a for a, _ in spans]
        self.max_end = list(itertools.accumulate((b for _, b in spans), max))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect.bisect_right(self.max_end, start)  # spans before lo all end at or before start
        hi = bisect.bisect_left(self.starts, end)  # spans from hi on all start at or after end
        return [self[k] for k in range(lo, hi) if self[k][1] > start]


def _outside(text: str, spans: _Spans, start: int, end: int) -> str:
    """The text of [start, end) with the quoted parts blanked out."""
    chars = list(text[start:end])
    for a, b in spans.overlapping(start, end):
        lo, hi = max(a, start), min(b, end)
        chars[lo - start : hi - start] = " " * (hi - lo)
    return "".join(chars)


def _person_near(text: str, spans, people: list[int], paragraphs, i: int, quote: Mention) -> bool:
    """A named person or he/she outside quotes in the quote's paragraph or the paragraph before it."""
    start = paragraphs[i - 1][0] if i > 0 else paragraphs[i][0]
    end = paragraphs[i][1]
    k, hi = bisect.bisect_left(people, start), bisect.bisect_left(people, end)
    if any(not inside(spans, p) for p in people[k:hi]):
        return True
    return bool(re.search(r"\b(?:he|she|He|She)\b", _outside(text, spans, start, end)))


def _standalone(text: str, paragraph_start: int, quote: Mention) -> bool:
    """Whether the quote is a sentence of its own: not framed by the writer's sentence ("Judges praised its
    “great insight”", "the group shouted"), and not followed by an attribution in the same sentence."""
    before = text[paragraph_start : quote.span.start].rstrip()
    if before and before[-1] not in ".!?\"”)":
        return False  # embedded in the writer's sentence, whose subject is the source
    return not _attribution_follows(text, quote)


def _attribution_follows(text: str, quote: Mention) -> bool:
    """'“…,” the nominee said' or '"Power to the people!" the group shouted': the sentence goes on after the
    quote, to its attribution."""
    if quote.text[1:-1].rstrip().endswith(","):
        return True
    return bool(_SPEAKER_AFTER.match(text, quote.span.end))


# After a quote: lower case goes on with the sentence ('" the group shouted'); or a name and a verb ('” Hannity
# pressed.'); or a dash and a name on the next line ("-President Obama, tweeting").
_SPEAKER_AFTER = re.compile(r"[ \t]*(?:[a-z]|(?:[A-Z][\w.'’-]+\s+){1,3}[a-z]+(?:ed|s)\s*[.,;]|\n+\s*[-—–]\s*[A-Z])")


def _attributed_near(text: str, spans, paragraphs, i: int, quote: Mention) -> bool:
    """A reporting cue in the quote's paragraph, a colon just before it, or a paragraph that continues the quotes
    of the paragraph before."""
    start, end = paragraphs[i]
    if _REPORTING.search(_outside(text, spans, start, end)):
        return True
    if text[start:quote.span.start].rstrip().endswith(":"):
        return True
    if i > 0 and not _outside(text, spans, start, quote.span.start).strip():
        # the paragraph opens with this quote (or with quotes): it continues the paragraph before
        before = text[paragraphs[i - 1][0] : paragraphs[i - 1][1]]
        if _ANY_QUOTE_MARK.search(before) or _REPORTING.search(before) or before.rstrip().endswith(":"):
            return True
    if i + 1 < len(paragraphs) and not _outside(text, spans, start, end).strip():
        # a paragraph of quotes only, attributed by the next ("These are the questions X will be asking")
        after = text[paragraphs[i + 1][0] : paragraphs[i + 1][1]]
        return bool(_REPORTING.search(after) or re.match(r"\s*[-—–]\s*[A-Z]", after))
    return False


_GROUP = (
    r"(?:officials?|sources?|diplomats?|insiders?|aides?|advisers?|advisors?|observers|"
    r"analysts|experts|critics|witnesses|residents|executives|staff|negotiators|investigators|police sources)"
)
# Words that may follow "a source" / "an official" when it names a person ("an official said", "a source close to").
_AFTER_SOURCE = (
    r"(?:said|says|told|tells|added|who|with|in|at|from|for|of|on|familiar|close|involved|briefed|speaking|quoted|"
    r"cited|has|had|is|was|said|explained|confirmed|insisted|suggested|noted|told)"
)
_QUALIFIER = r"(?:(?:senior|some|several|two|three|four|other|western|government|administration|military|security|party|unnamed|anonymous|top|local|industry|us|u\.s\.|european|eu)\s+){0,3}"
_ANONYMOUS = re.compile(
    "|".join(
        [
            # officials said / sources familiar with / people close to / diplomats told
            rf"\b{_QUALIFIER}{_GROUP}\s+(?:familiar with|close to|with knowledge of|briefed on|"
            r"(?:have\s+|had\s+)?(?:said|say|says|told|tell|believe|believed|suggest|suggested|expect|expected|indicated|confirmed|claimed|claim)\b)",
            # people familiar with (plain "people say" is too common to mean a source)
            r"\b(?:people|persons)\s+(?:familiar with|close to|with knowledge of|briefed on)",
            # a source close to / one official said (not the adjective: "an official statement")
            r"\b(?:a|an|one|another)\s+(?:senior\s+|government\s+|party\s+|military\s+|diplomatic\s+|industry\s+)?(?:source|official|insider|aide|diplomat)\b"
            rf"(?!\s+(?!{_AFTER_SOURCE}\b)[a-z])",
            # according to sources / according to a draft joint declaration
            r"\baccording to\s+(?:(?:unnamed|anonymous|informed|unidentified|several|some)\s+)?(?:sources|officials|reports|insiders|people familiar with|people close to|diplomats)\b",
            r"\b(?:according to|comes? from|came from|cited in|seen by)\s+(?:a|an)\s+(?:(?:draft|leaked|confidential|internal|unpublished|preliminary|secret|proposed|joint)\s+){1,3}[\w\s-]{0,30}?\b(?:declaration|document|report|memo|statement|plan|agreement|letter|text|version|paper|communique|communiqué)\b",
            # reports say / rumours suggest
            r"\b(?:media\s+|press\s+|news\s+|unconfirmed\s+)?(?:reports|rumou?rs)\s+(?:say|said|suggest|suggested|claim|claimed|indicate|indicated)\b",
            r"\b(?:reportedly|on condition of anonymity|who (?:asked|declined|did not want|requested) (?:not )?to be (?:named|identified)|not authori[sz]ed to speak)\b",
            r"\bit is (?:understood|believed|thought|rumou?red) that\b",
        ]
    ),
    re.I,
)

# Every match of _ANONYMOUS holds one of these words in some letter case (a group noun as the pattern spells
# it, or a phrase: "people familiar", "it is understood", ...): a sentence with none of them cannot match. Found for all rules at once by ``sentences_with_words``.
_ANONYMOUS_WORDS = declare_words("AT03", (
    "official", "source", "diplomat", "insider", "aide", "adviser", "advisor", "observers", "analysts", "experts",
    "critics", "witnesses", "residents", "executives", "staff", "negotiators", "investigators",
    *(f"{who} {what}" for who in ("people", "persons") for what in ("familiar", "close", "with", "briefed")),
    "according to", "come from", "comes from", "came from", "cited in", "seen by",
    *(f"{what} {verb}" for what in ("reports", "rumours", "rumors") for verb in ("say", "said", "suggest", "claim", "indicate")),
    # as the pattern spells them around these words: "… of anonymity", "… to be named", "not authori[sz]ed"
    "reportedly", "of anonymity", "be named", "be identified", "not authori",
    *(f"it is {how}" for how in ("understood", "believed", "thought", "rumoured", "rumored")),
))
# _ANONYMOUS without re.I, for the folded text (``CheckContext.folded_text``): the pattern spells every letter in
# lower case, so it matches the folded text where _ANONYMOUS matches the text, about three times faster.
_ANONYMOUS_FOLDED = re.compile(_ANONYMOUS.pattern)

_COMPARISON = re.compile(r"\b(?:as|than)\s+(?:\S+\s+){0,3}$")
_NAMED_REPORT = re.compile(r"\s+(?:in|by|from|on)\s+(?:the\s+)?[A-Z]")


@register
class AnonymousSource(Rule):
    """A claim resting on unnamed sources.

    What it flags:
        "officials said", "sources familiar with", "a source close to", "reports say", "reportedly", "on
        condition of anonymity", and unnamed documents: "according to a draft joint declaration". Not inside
        quotes (the speaker's words), not comparisons ("than most insiders believe"), not reports that are then
        named ("according to reports in the Hollywood Reporter"), not the adjective ("an official visit").

    Why it matters:
        An unnamed source cannot be checked by the reader; the desk must know who the source is, how they
        know, and whether a second source confirms the claim.

    Example:
        "This material comes from a draft joint declaration meant for adoption at the conference." is flagged
        on "comes from a draft joint declaration".

    Configuration:
        None.
    """

    code = "AT03"
    name = "attribution.anonymous-source"
    severity = Severity.INFO

    def check(self, ctx: CheckContext):
        text = ctx.text
        quotes = quote_spans(ctx)
        folded = ctx.folded_text()
        # lower-casing changed the length ("İ"): the case-insensitive pattern on the text itself
        pattern, where = (_ANONYMOUS_FOLDED, folded) if folded is not None else (_ANONYMOUS, text)
        sentences = ctx.doc.sentences
        # Only sentences with a word the pattern needs: no trying it at every word boundary.
        for sentence in (sentences[i] for i in sentences_with_words(ctx, _ANONYMOUS_WORDS)):
            for m in pattern.finditer(where, sentence.start, sentence.end):
                start, end = m.span()
                if inside(quotes, start) or in_open_quote(text, sentence.start, start):
                    continue  # the speaker's own words
                if _COMPARISON.search(text, max(sentence.start, start - 30), start):
                    continue  # "as most insiders believe": a contrast, not the claim's source
                phrase = text[start:end]
                if phrase.lower().endswith("reports") and _NAMED_REPORT.match(text, end):
                    continue  # "according to reports in the Hollywood Reporter": the source is named
                yield self.flag(
                    ctx,
                    start,
                    end,
                    f"Claim rests on an unnamed source ({phrase!r}): the desk should know who it is and find "
                    "a second source or the document itself.",
                )
