"""The speed shortcuts give the same answers as the plain scans they skip."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import dates, entities
from factcheck.pipeline import collector_paused

_WORDS = st.sampled_from(
    "one two twenty-one ninety a dozen dozens hundred Hundreds often money someone 5 1999 2004-08-09 May may "
    "March Mar. Sept. 9th August in 2020 mid-2019 Friday last week tomorrow ago years Japan Japan's Kazakh "
    "Uzbekistan U.S. Mr. Kato. met the Institute of Economies , . ’s 's “ ” ( ) é".split()
)
_TEXTS = st.lists(_WORDS, max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="JanFebMryulgSpOctNovDecdwkhsmrtiqoAJ ", max_size=30))
def test_date_word_scans_equal_the_substring_tests(text: str) -> None:
    assert (dates._MONTH_PREFIX.search(text) is not None) == any(p in text for p in dates._MONTH_PREFIXES)
    assert (dates._RELATIVE_WORD.search(text) is not None) == any(w in text for w in dates._RELATIVE_WORDS)


def test_date_word_scans_see_every_word() -> None:
    for word in dates._MONTH_PREFIXES + dates._RELATIVE_WORDS:
        assert (dates._MONTH_PREFIX.search(f"x {word}y") is not None) == (word in dates._MONTH_PREFIXES)
        assert (dates._RELATIVE_WORD.search(f"x {word}y") is not None) == (word in dates._RELATIVE_WORDS)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_date_patterns_are_skipped_only_when_they_cannot_match(text: str) -> None:
    has_month = any(p in text for p in dates._MONTH_PREFIXES)
    has_year = dates._YEARISH.search(text) is not None
    for index, pattern in enumerate(dates._ABSOLUTE):
        if (index in dates._NEEDS_MONTH and not has_month) or (index in dates._NEEDS_YEAR and not has_year):
            assert pattern.search(text) is None, (index, text)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_no_date_pattern_matches_without_a_digit_month_name_or_relative_word(text: str) -> None:
    # find_dates returns at once for such a range (most sentences), without running the patterns
    if dates._DIGIT.search(text) or dates._MONTH_PREFIX.search(text) or dates._RELATIVE_WORD.search(text.lower()):
        return
    assert not any(pattern.search(text) for pattern in dates._ABSOLUTE), text
    assert dates._RELATIVE.search(text) is None, text
    assert dates.find_dates(text) == []


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_country_matching_at_candidate_tokens_equals_matching_at_every_token(text: str) -> None:
    forms = {"Japan": "JP", "Kazakh": "KZ", "Uzbekistan": "UZ", "U.S.": "US", "Institute of Economies": "XX"}
    tokens = entities.tokenize(text, 0, len(text))
    expected = []
    i = 0
    while i < len(tokens):  # the plain scan: try every token, longest form first
        for length in range(min(3, len(tokens) - i), 0, -1):
            s, e = tokens[i].start, tokens[i + length - 1].end
            surface = text[s:e]
            if surface in forms or (surface[-2:] in ("'s", "’s") and surface[:-2] in forms):
                cut = e if surface in forms else e - 2
                expected.append((s, cut))
                i += length
                break
        else:
            i += 1
    assert [(c.start, c.end) for c in entities.find_countries(text, tokens, forms)] == expected


def test_collector_paused_restores_the_collector_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_collector_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 40))
def test_tokens_are_the_pattern_matches(text: str, start: int) -> None:
    start = min(start, len(text))
    tokens = entities.tokenize(text, start, len(text))
    plain = [(m.start(), m.end(), m.group()) for m in entities._TOKEN.finditer(text, start, len(text))]
    assert len(tokens) == len(plain)
    for tok, (s, e, word) in zip(tokens, plain):
        assert isinstance(tok, entities.Token) and tok.start == s and tok.text == text[tok.start : tok.end]
        assert (tok.end, tok.text) in ((e, word), (e - 1, word[:-1]))  # a sentence-final full stop is let go


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 60), st.integers(0, 60))
def test_text_tokens_give_each_range_the_columns_of_the_range_alone(text: str, a: int, b: int) -> None:
    # any range, at a space or inside a word ("Kato.Smith", "U.S."): a slice of the whole text's tokens where it can
    # be one, the range tokenized alone where it cannot
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert entities.TextTokens.of(text).columns(start, end) == entities._columns(text, start, end)
    assert entities.TextTokens.of(text).columns(0, len(text)) == entities._columns(text, 0, len(text))


def test_relative_word_pretest_is_built_from_its_word_list():
    # each listed word, found inside other text, passes the pre-test; a word sharing only its anchor letter does not
    for word in dates._RELATIVE_WORDS:
        assert dates._RELATIVE_WORD.search(f"the {word}s ahead") is not None
    assert dates._RELATIVE_WORD.search("my gym") is None
    with pytest.raises(ValueError, match="none of the anchor letters"):
        dates._anchored(("abc",), "xyz")


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=4))
def test_sentence_dates_read_from_the_number_scan_equal_the_plain_ones(paragraphs: list[str]) -> None:
    # a sentence where the number scan saw no start is not scanned for a digit again
    from factcheck.article import article_from_text
    from factcheck.extract.mentions import sentence_dates
    from factcheck.extract.numbers import NumberStarts
    from factcheck.text.casefold import Folded
    from factcheck.text.segment import segment

    doc = segment(article_from_text("\n\n".join(p + "." for p in paragraphs)))
    folded = Folded.of(doc.text)
    assert sentence_dates(doc, folded, NumberStarts.of(folded)) == sentence_dates(doc, folded)
