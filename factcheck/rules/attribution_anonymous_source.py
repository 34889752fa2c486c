"""attribution.anonymous-source (AT03)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from factcheck.models import Severity
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.text_helpers import declare_words, in_open_quote, inside, one_of, quote_spans, sentences_with_words

_WORDS = json.loads(Path(__file__).with_name("attribution_anonymous_source_words.json").read_text(encoding="utf-8"))
assert all(w == w.lower() for ws in _WORDS.values() if isinstance(ws, list) for w in ws), "lower case only"


def _any(key: str) -> str:
    """The words of one vocabulary as an alternation (a space in a phrase is one space)."""
    return one_of(_WORDS[key])


_ANONYMOUS = re.compile(
    "|".join(
        [
            # officials said / sources familiar with / people close to / diplomats told
            rf"\b(?:(?:{_any('qualifiers')})\s+){{0,3}}(?:{_any('groups')})\s+(?:{_any('close_to')}|"
            rf"(?:have\s+|had\s+)?(?:{_any('group_verbs')})\b)",
            # people familiar with (plain "people say" is too common to mean a source)
            rf"\b(?:{_any('people')})\s+(?:{_any('close_to')})",
            # a source close to / one official said (not the adjective: "an official statement")
            rf"\b(?:{_any('single_determiners')})\s+(?:(?:{_any('single_qualifiers')})\s+)?(?:{_any('single_sources')})\b"
            rf"(?!\s+(?!(?:{_any('after_single_source')})\b)[a-z])",
            # according to sources / according to a draft joint declaration
            rf"\baccording to\s+(?:(?:{_any('according_to_qualifiers')})\s+)?(?:{_any('according_to_sources')})\b",
            rf"\b(?:{_any('document_cues')})\s+(?:a|an)\s+(?:(?:{_any('document_adjectives')})\s+){{1,3}}[\w\s-]{{0,30}}?"
            rf"\b(?:{_any('documents')})\b",
            # reports say / rumours suggest
            rf"\b(?:(?:{_any('report_qualifiers')})\s+)?(?:{_any('report_nouns')})\s+(?:{_any('report_verbs')})\b",
            rf"\b(?:{_any('anonymity_phrases')}"
            rf"|who (?:{_any('request_verbs')}) (?:not )?to be (?:{_any('request_outcomes')}))\b",
            rf"\bit is (?:{_any('it_is')}) that\b",
        ]
    ),
    re.I,
)

# Every match of _ANONYMOUS holds one of these words or phrases, as the pattern spells them (a group noun, a
# single source, "people familiar with", "according to", "reports say", "reportedly", "to be named", "it is
# understood"): a sentence with none of them cannot match. Found for all rules at once by ``sentences_with_words``.
_ANONYMOUS_WORDS = declare_words(
    "AT03",
    (
        *_WORDS["groups"],
        *_WORDS["single_sources"],
        *(f"{who} {what}" for who in _WORDS["people"] for what in _WORDS["close_to"]),
        "according to",
        *_WORDS["document_cues"],
        *(f"{what} {verb}" for what in _WORDS["report_nouns"] for verb in _WORDS["report_verbs"]),
        *_WORDS["anonymity_phrases"],
        *(f"to be {what}" for what in _WORDS["request_outcomes"]),
        *(f"it is {how}" for how in _WORDS["it_is"]),
    ),
)
# _ANONYMOUS without re.I, for the folded text (``CheckContext.folded_text``): the pattern spells every letter in
# lower case, so it matches the folded text where _ANONYMOUS matches the text, about three times faster.
_ANONYMOUS_FOLDED = re.compile(_ANONYMOUS.pattern)

_COMPARISON = re.compile(r"\b(?:as|than)\s+(?:\S+\s+){0,3}$")
_NAMED_REPORT = re.compile(r"\s+(?:in|by|from|on)\s+(?:the\s+)?[A-Z]")


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
        None. The vocabularies (group nouns, qualifiers, reporting verbs, unnamed documents, anonymity phrases) are
        data: ``factcheck/rules/attribution_anonymous_source_words.json``; the pattern and its pre-check words are
        both made from it.
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
