"""attribution.unattributed-quote (AT02)."""

from __future__ import annotations

import bisect
import itertools
import json
import re
from pathlib import Path

from factcheck.models import Mention, MentionKind, Severity
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.text_helpers import headline_end, in_open_quote, inside, one_of


class UnattributedQuote(Rule):
    """A direct quote with no speaker anywhere near it.

    What it flags:
        A quotation standing as a sentence of its own (four words or more) with no speaker found for it, no
        named person or "he"/"she" outside quotes in its paragraph or the one before (the implied speaker), no
        reporting cue anywhere in its paragraph ("said", "told", "wrote", "according to", "statement", a colon
        before the quote), no attributed quote in the same paragraph, and not opening a paragraph that continues
        the quotes of the paragraph before (or, for a paragraph of quotes only, attributed by the next one). Quotes
        framed by the writer's sentence ("Judges praised its “great insight”") and quotes whose sentence goes on to the
        attribution ('“…,” the nominee said') are not flagged.

    Why it matters:
        A quote nobody said cannot be checked; readers take it as someone's words. Name the speaker or
        paraphrase.

    Example:
        'The summit will change everything. “This is a new chapter for the region and its people.”' is
        flagged on the quote.

    Configuration:
        None. Headline quotes are not flagged (the body attributes them). The reporting verbs and cues are data:
        ``factcheck/rules/attribution_unattributed_quote_words.json``.
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
            mark = _mark_length(quote.text)
            if (
                _QUOTE_MARK.search(quote.text, mark, len(quote.text) - mark)
                or quote.text[mark : mark + 1].isspace()
                or quote.text[-mark - 1 : -mark].isspace()
            ):
                continue  # mis-paired marks: the span runs from one quote's end to the next one's start
            i = _paragraph_of(paragraphs, paragraph_starts, quote.span.start)
            if i is None or not _standalone(ctx.text, paragraphs[i][0], quote):
                continue
            if in_open_quote(ctx.text, paragraphs[i][0], quote.span.start):
                continue  # an odd mark before it: a speaker's multi-paragraph quote the extractor paired wrongly
            if not quote.text.endswith(_CLOSING_MARKS):
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
# NYT copy writes both quotation marks as two apostrophes (''…''), which the quote mentions keep as written.
_CLOSING_MARKS = ('"', "”", "''")


def _mark_length(quote: str) -> int:
    """How many characters the quote's opening mark takes: 2 for NYT's two apostrophes, else 1."""
    return 2 if quote.startswith("''") else 1


_ANY_QUOTE_MARK = re.compile(r"[\"“”‘’]")
# A reporting verb or cue outside the quotes of a paragraph: someone is named as saying, writing or announcing it.
_WORDS = json.loads(Path(__file__).with_name("attribution_unattributed_quote_words.json").read_text(encoding="utf-8"))
_REPORTING = re.compile(rf"\b(?:{one_of(_WORDS['reporting_cues'])})\b", re.I)


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
    if before and before[-1] not in '.!?"”)' and not before.endswith("''"):
        return False  # embedded in the writer's sentence, whose subject is the source
    return not _attribution_follows(text, quote)


def _attribution_follows(text: str, quote: Mention) -> bool:
    """'“…,” the nominee said' or '"Power to the people!" the group shouted': the sentence goes on after the
    quote, to its attribution."""
    mark = _mark_length(quote.text)
    if quote.text[mark:-mark].rstrip().endswith(","):
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
    if text[start : quote.span.start].rstrip().endswith(":"):
        return True
    if i > 0 and not _outside(text, spans, start, quote.span.start).strip():
        # the paragraph opens with this quote (or with quotes): it continues the paragraph before
        before = text[paragraphs[i - 1][0] : paragraphs[i - 1][1]]
        if (
            _ANY_QUOTE_MARK.search(before)
            or "''" in before
            or _REPORTING.search(before)
            or before.rstrip().endswith(":")
        ):
            return True
    if i + 1 < len(paragraphs) and not _outside(text, spans, start, end).strip():
        # a paragraph of quotes only, attributed by the next ("These are the questions X will be asking")
        after = text[paragraphs[i + 1][0] : paragraphs[i + 1][1]]
        return bool(_REPORTING.search(after) or re.match(r"\s*[-—–]\s*[A-Z]", after))
    return False
