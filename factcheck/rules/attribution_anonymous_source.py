"""attribution.anonymous-source (AT03)."""

from __future__ import annotations

import re

from factcheck.models import Severity
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.text_helpers import declare_words, in_open_quote, inside, quote_spans, sentences_with_words

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
