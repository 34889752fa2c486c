"""hedge.prediction (HG01)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from factcheck.models import Flag, Mention, MentionKind, Severity, TextEvidence
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.text_helpers import declare_words, in_open_quote, inside, one_of, quote_spans, sentences_with_words

_WORDS = json.loads(Path(__file__).with_name("hedge_words.json").read_text(encoding="utf-8"))
_EXPECTATION_WORDS, _INTENTION_WORDS, _AUXILIARIES = _WORDS["expectation"], _WORDS["intention"], _WORDS["auxiliaries"]
_ADVERB = rf"(?:(?:{one_of(_WORDS['adverbs'])})\s+)?"
_PREDICTION = re.compile(
    rf"\b(?:(?:is|are|was|were)\s+(?:(?:{one_of(_WORDS['expectation_adverbs'])})\s+)?(?:{one_of(_EXPECTATION_WORDS)})\s+to"
    rf"|(?:{one_of(_INTENTION_WORDS)})\s+to"
    rf"|{one_of(_AUXILIARIES)})\s+" + _ADVERB + r"(?!be\s+able\b)([a-z][a-z-]+)\b"
)
# Every match of _PREDICTION holds one of these phrases (the participle or verb with the "to" after it, the
# auxiliary with white space after it): found for all rules at once by ``sentences_with_words``. The "to" and
# the space keep out the sentences with only "settlement", "due", "won", "planet" or "William".
_PREDICTION_WORDS = declare_words(
    "HG01",
    (
        *(f"{word} to" for word in (*_EXPECTATION_WORDS, *_INTENTION_WORDS)),
        *(f"{word} " for word in _AUXILIARIES),
    ),
)
# Words after "will" that show it is not a future auxiliary ("will of the people" is caught by case: "Will" is a name).
_NOT_VERB = frozenset(_WORDS["not_verb_after_auxiliary"])


# "a plan to", "their hopes to": the noun, not a statement that someone plans.
_NOUN_BEFORE = re.compile(rf"\b(?:{one_of(_WORDS['before_a_noun'])}|[A-Z][\w.]*(?:’s|'s))\s+$")
# "what gaming will be like", "which sites gangs plan to target": an embedded question, not an assertion.
_QUESTION_BEFORE = re.compile(r"\b(?:what|which|whether|how)\s+(?:[\w’'-]+\s+){0,5}$", re.I)


# How strongly a phrase marks the claim as a prediction: an expectation or schedule ("is expected to", "is due
# to") over a stated intention ("plans to", "hopes to") over the bare auxiliary ("will"). A sentence's flag is on
# its strongest phrase (the first of equals).
_EXPECTATION = re.compile(r"(?:is|are|was|were)\s")
_INTENTION = re.compile(rf"(?:{one_of(_INTENTION_WORDS)})\s")
_STRONGEST = 2


def _strength(m: re.Match[str]) -> int:
    phrase = m.group(0)
    return 2 if _EXPECTATION.match(phrase) else 1 if _INTENTION.match(phrase) else 0


_PAST_PLAN = re.compile(r"(?:was|were)\s+supposed")
_NOUN_VERB = re.compile(rf"(?:{one_of(_WORDS['intention_nouns'])})\b")


def _not_prediction(text: str, sentence_start: int, m: re.Match[str]) -> bool:
    phrase = m.group(0).lower()
    before = text[max(sentence_start, m.start() - 40) : m.start()]
    if _PAST_PLAN.match(phrase):
        return True  # a past plan that did not happen ("was supposed to be self-funded, but failed")
    if _NOUN_VERB.match(phrase) and _NOUN_BEFORE.search(before):
        return True
    # _QUESTION_BEFORE needs "wh…" or "how" in some letter case: most windows have neither, and the pattern
    # would be tried at every position of them
    low = before.lower()
    return ("wh" in low or "how" in low) and bool(_QUESTION_BEFORE.search(before))


class Prediction(Rule):
    """A claim about what is planned, expected or supposed to happen.

    What it flags:
        "are supposed to agree", "is likely to improve", "is expected to", "plans to", "will discuss": one
        phrase in each sentence of the writer's own text, the strongest (an expectation or schedule, "is
        expected to", over an intention, "plans to", over "will"; the first of equals) (quotes, including ones in single
        marks, are the speaker's). Not the noun ("a plan to", "abandoned plans to"), not a past plan that failed ("was
        supposed to be"), not an embedded question ("what gaming will be like"). When the article's date is known, the
        sentence names a date for the event, and ``--as-of`` is after that date, the message says the outcome can now be
        checked.

    Why it matters:
        A prediction is not checkable as fact at publication: the report should present it as a plan, and
        once the date has passed the desk can check what actually happened.

    Example:
        "The leaders are supposed to agree on three top priorities." is flagged on "are supposed to agree".
        In "The summit will open on 9 August 2024." reviewed with ``--as-of 2024-09-01`` the message says the
        date has passed and the outcome can be checked.

    Configuration:
        ``--as-of YYYY-MM-DD`` on ``factcheck review`` (``as_of`` in the Python API): the review date. The
        vocabularies (expectation and intention words, auxiliaries, adverbs, what marks a noun) are data:
        ``factcheck/rules/hedge_words.json``; the pattern and its pre-check words are both made from it.
    """

    code = "HG01"
    name = "hedge.prediction"
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> Iterator[Flag]:
        text = ctx.text
        quotes = quote_spans(ctx)
        sentences = ctx.doc.sentences
        for index in sentences_with_words(ctx, _PREDICTION_WORDS):
            sentence = sentences[index]
            best: re.Match[str] | None = None
            best_strength = -1
            for m in _PREDICTION.finditer(text, sentence.start, sentence.end):
                if (
                    m.group(1) in _NOT_VERB
                    or inside(quotes, m.start())
                    or in_open_quote(text, sentence.start, m.start())
                ):
                    continue
                if _not_prediction(text, sentence.start, m):
                    continue
                strength = _strength(m)
                if strength > best_strength:
                    best, best_strength = m, strength
                if best_strength == _STRONGEST:
                    break
            if best is not None:
                event_date = _event_date(
                    ctx.mentions_in_sentence(MentionKind.DATE, index), sentence.start, sentence.end
                )
                yield self._flag(ctx, best.start(), best.end(), event_date)

    def _flag(self, ctx: CheckContext, start: int, end: int, event_date: tuple[dt.date, Mention] | None) -> Flag:
        phrase = ctx.text[start:end]
        if event_date and ctx.article_date.value is not None and ctx.as_of is not None and event_date[0] < ctx.as_of:
            date, mention = event_date
            written = mention.text
            return self.flag(
                ctx,
                start,
                end,
                f"Prediction {phrase!r} about {written!r} ({date.isoformat()}), which is before the review date "
                f"{ctx.as_of.isoformat()}: the outcome can now be checked.",
                evidence=[
                    TextEvidence(record="event date", detail=f"{written!r} = {date.isoformat()}", span=mention.span)
                ],
                severity=Severity.WARNING,
            )
        return self.flag(
            ctx,
            start,
            end,
            f"Prediction {phrase!r}: not checkable as fact at publication; present it as a plan and check the outcome "
            "after the event.",
        )


def _event_date(dates: list[Mention], start: int, end: int) -> tuple[dt.date, Mention] | None:
    """A single calendar date in the sentence (absolute, or relative resolved against the article date)."""
    for d in dates:
        if start <= d.span.start < end:
            iso = d.value if d.value and len(d.value) == 10 and d.value[4] == "-" else d.attrs.resolved
            if iso:
                return dt.date.fromisoformat(iso), d
    return None
