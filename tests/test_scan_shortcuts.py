"""The candidate-position scans in sentences, numbers and dates find exactly what the plain pattern scans find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text import sentences

_SENTENCE_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\t", "\xa0", "\u2003", "\x1c", "a", "Mr", "U.S", "e.g", "x", "It", ".", "..", ". . .",
     "?", "!", "…", "‽", "?!", "”", ")", "'", "“", "(", "5", "3.5", "a.b.c", "tsunami.Steve", "é"]
)
_SENTENCE_TEXTS = st.lists(_SENTENCE_PIECES, max_size=30).map("".join)


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=600, deadline=None)
@given(_SENTENCE_TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_sentence_candidates_equal_the_plain_scan(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    got = _spans(sentences._candidates(text, start, end))
    assert got == _spans(sentences._CANDIDATE.finditer(text, start, end)), (text, start, end)


@settings(max_examples=300, deadline=None)
@given(_SENTENCE_TEXTS, st.integers(0, 40))
def test_glued_stop_pattern_equals_the_lookbehind_first_form(text: str, start: int) -> None:
    plain = re.compile(r"(?<=[a-z]{2})[.?!](?=[A-Z][a-z])")
    start = min(start, len(text))
    assert _spans(sentences._GLUED.finditer(text, start)) == _spans(plain.finditer(text, start))


def test_token_start_skips_back_over_any_whitespace() -> None:
    text = "one two\xa0three."
    assert sentences._token_start(text, len(text) - 1, 0) == text.index("three")
    assert sentences._token_start(text, len(text) - 1, 10) == 10  # never before the bound
    assert sentences._token_start("ab cd.", 5, 0) == 3
