"""claim.superlative (CL01)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from factcheck.models import Flag, Severity, Span, TextEvidence
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.text_helpers import declare_words, one_of, sentences_with_words

_WORDS = json.loads(Path(__file__).with_name("superlative_words.json").read_text(encoding="utf-8"))
_SUPER = one_of(_WORDS["superlatives"])
_DET = r"(?:the|its|their|his|her|our|[A-Z][\w.]*(?:’s|'s))"
# Ordinal uses of "first"/"last" that make no claim about the world.
_NOT_CLAIM = re.compile(
    rf"(?:first|last)\s+(?:{one_of(_WORDS['not_claim_after_first_last'])}|time\s+(?:i|we|he|she|they)|\d+)\b"
    rf"|only\s+(?:{one_of(_WORDS['not_claim_after_only'])})\b"
    r"|most\s+of\b",  # "make the most of"
    re.I,
)
_PHRASE = re.compile(
    rf"\bfor\s+the\s+first\s+time(?:\s+(?:ever|since\s+[\w\s]{{1,20}}?|in\s+(?:history|\d+\s+years|[\w\s]{{1,20}}?)))?(?=[\s,.;]|$)"
    rf"|\b(?:never\s+before|(?:an?\s+(?:new\s+|all-time\s+)?)?record[- ](?:breaking|high|highs|low|lows|level|levels"
    rf"|number|numbers|year|profits?|sales|amount|temperatures?)|an?\s+(?:new\s+|all-time\s+)?record)\b"
    rf"|\b{_DET}\s+(?:(?:single|second|third|world’s|world's|country’s|country's|nation’s|nation's)\s+)?(?:{_SUPER}|most\s+[a-z]+)\s+[a-z][\w-]*\b"
)
# Every match of _PHRASE contains one of these words (in lower case, as the pattern spells them): found for all
# rules at once by ``sentences_with_words``, in any letter case, which can only add sentences to try.
# The superlatives and "most" with the white space the pattern takes after them ("mostly", "lasting" and
# "firstly" are not), "never before".
_PHRASE_WORDS = declare_words("CL01", (*(f"{w} " for w in _WORDS["superlatives"]), "most ", "never before", "record"))
# Inside a match: the superlative word itself, the determiner before "last", a pronoun that ends the match.
_SUPER_WORD = re.compile(rf"\b(?:{_SUPER}|most)\b", re.I)
_DET_LAST = re.compile(rf"{_DET}\s+last\b")
_PRONOUN_END = re.compile(r"\s(?:they|we|he|she|it|i|you)$", re.I)
_DET_START = re.compile(_DET)
# Words that end the noun phrase after the superlative ("the first summit conference | between …").
_STOP = frozenset(_WORDS["phrase_stops"])
_VERB = re.compile(r"\s(?:is|was|are|were|will|would|could|has|have|had|can|may|said|says|who|which|that)\s")
_WORD = re.compile(r"\s+([a-z][\w-]*)\b")
# "most <adjective>" compares only when the adjective is a measure ("most populous", "most visited"); "most
# significant", "most famous", "most qualified" are judgements no source settles.
_MOST_MEASURABLE = frozenset(_WORDS["most_measurable"])
# "the biggest stars", "one of the biggest threats": puffery or opinion, no class to compare against.
_VAGUE_NOUNS = frozenset(_WORDS["vague_nouns"])
# "the first ..." is a checkable first only with what it is first in or at: "ever", "since 1991", "between Japan
# and ...", "in history", "to win"; without, it is an ordinal ("the first team", "the first caucus votes").
_FIRST_QUALIFIER = re.compile(r"\s+(?:[\w’'-]+\s+){0,2}?(?:" + _WORDS["first_qualifiers"] + r")\b")
_POSSESSIVE_DET = re.compile(r"(?:its|their|his|her|our|[A-Z][\w.]*(?:’s|'s))\s")
_SCOPE = re.compile(r"\s+((?:between|in|of|on|among|since|for|by|to|ever|at)\b[^,.;:!?”\"]{1,80})")


def _checkable(text: str, m: re.Match[str], word: re.Match[str] | None, end: int, sentence_end: int) -> bool:
    """Whether the superlative phrase ``text[m.start():end]`` makes a comparison a source can settle."""
    phrase = m.group(0)
    if phrase.startswith("for"):
        # bare "for the first time": someone's experience; "... since 1991", "... ever" are kept
        return not phrase.endswith("first time")
    if word is None:
        return True  # "a record", "never before"
    after = text[m.start() + word.end() : end].lower().split()
    if any(w in _VAGUE_NOUNS for w in after):
        return False
    super_word = word.group(0).lower()
    if super_word == "most":
        return bool(after) and after[0] in _MOST_MEASURABLE
    if super_word == "first":
        if _POSSESSIVE_DET.match(phrase):
            return False  # "Clinton's first campaign", "his first cap": an ordinal of one's own
        return bool(_FIRST_QUALIFIER.match(text, end, sentence_end))
    return True


class Superlative(Rule):
    """A superlative or record claim: "first", "largest", "record", "only", "never before".

    What it flags:
        "the first summit … between", "the largest producer", "the only country", "a record", "for the first
        time since 1991", "never before". The span is the superlative phrase; the message gives the scope the
        text states ("between Japan and Central Asia") so the checker knows what to compare against.
        Only superlatives that make a comparison a source can settle: "most" with a measurable adjective
        ("most populous", not "most significant"), "first" with what it is first in or at ("the first woman to
        be president", "the first summit between ...", not "the first team" or "his first cap"), no vague noun
        ("the biggest stars", "one of the biggest threats"), not a bare "for the first time", not
        "unprecedented" (a judgement). Labelled precision on BBC + PolNeAR: docs/bench/checkworthy.md.

    Why it matters:
        Superlatives are the most often wrong kind of factual claim: one earlier summit, one larger producer,
        and the claim is false. Each needs a source for the whole comparison class.

    Example:
        "this will be the first summit conference between Japan and the nations of Central Asia" is flagged
        on "the first summit conference", with scope "between Japan and the nations of Central Asia".

    Configuration:
        None. Ordinal uses with no claim ("first half", "last week", "only if") are skipped. The vocabularies
        (the superlatives, the words after "first", "last" and "only" that make an ordinal use, the words that end
        the phrase, measurable adjectives after "most", vague nouns, what qualifies a "first") are data:
        ``factcheck/rules/superlative_words.json``; the pattern and its pre-check words are both made from it.
    """

    code = "CL01"
    name = "claim.superlative"
    severity = Severity.INFO

    def check(self, ctx: CheckContext) -> Iterator[Flag]:
        text = ctx.text
        sentences = ctx.doc.sentences
        # Only sentences with a superlative or record word: no trying the pattern at every capitalised word.
        for sentence in (sentences[i] for i in sentences_with_words(ctx, _PHRASE_WORDS)):
            for m in _PHRASE.finditer(text, sentence.start, sentence.end):
                word = _SUPER_WORD.search(m.group(0))
                if word and _NOT_CLAIM.match(text, m.start() + word.start()):
                    continue
                if _DET_LAST.match(m.group(0)):
                    continue  # "the last time", "his last album": position, not record
                # the pronoun ends the match: look at its last five characters only (" they")
                if _PRONOUN_END.search(m.group(0), max(0, len(m.group(0)) - 5)):
                    continue  # "the highest they are willing to go": a relative clause, not a ranking
                end = m.end()
                for _ in range(2 if _DET_START.match(m.group(0)) else 0):
                    nxt = _WORD.match(text, end, sentence.end)
                    if not nxt or nxt.group(1) in _STOP:
                        break
                    end = nxt.end()
                if not _checkable(text, m, word, end, sentence.end):
                    continue
                scope = _SCOPE.match(text, end, sentence.end)
                scope_text = _VERB.split(scope.group(1))[0].strip() if scope else None
                where = f", scope: {scope_text!r}" if scope_text else ", with no scope stated"
                evidence = (
                    [
                        TextEvidence(
                            record="scope",
                            detail=scope_text,
                            span=Span(start=scope.start(1), end=scope.start(1) + len(scope_text)),
                        )
                    ]
                    if scope and scope_text
                    else []
                )
                phrase = text[m.start() : end]
                yield self.flag(
                    ctx,
                    m.start(),
                    end,
                    f"Superlative claim {phrase!r}{where}: find a source that covers the whole comparison.",
                    evidence=evidence,
                )
