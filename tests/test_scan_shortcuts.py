"""The candidate-position scans in sentences, numbers and dates find exactly what the plain pattern scans find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import dates, numbers, quotes
from factcheck.text import sentences
from factcheck.text.casefold import Folded, safe_lower

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


_NUMBER_TEXTS = st.lists(
    st.sampled_from(
        "One TWENTY-one Ninety A Dozen a dozen dozens HUNDRED hundreds someone often 5 5M 5m 800M 3.5BN 10,000 12,3456 US$5 "
        "us$5 plus$5 Hk$3 A$1 $2 £3 €4 ٣ per cent PERCENT % bn K k x1 xone _ - , . é É İ ſ ı K".split()
    ),
    max_size=20,
).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(_NUMBER_TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_number_matches_at_candidate_starts_equal_the_plain_scan(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    got = _spans(numbers._number_matches(text, start, end, numbers.number_starts(text)))
    assert got == _spans(numbers._NUMBER.finditer(text, start, end)), (text, start, end)


def test_number_starts_keep_the_word_boundary_and_the_currency_prefix() -> None:
    assert numbers.number_starts("xone one") == [5]  # "one" at 1 follows a word character
    assert numbers.number_starts("Paid US$5") == [5, 6, 7, 8]
    assert [m.group("cur") for m in numbers._number_matches("Paid US$5", 0, 9, numbers.number_starts("Paid US$5"))] == ["US$"]
    assert numbers.number_starts("A Dozen eggs") == [0]
    assert numbers.number_starts("someone often lent money") == []
    assert numbers.number_starts("ſix") is None  # re.I matches "ſ" as "s": scanned the plain way
    assert numbers.number_starts("In 2004, «two» or\xa0one") == [3, 10, 18]  # a run of digits starts once


def test_number_matches_resume_inside_a_run_of_digits() -> None:
    # "12,3456": the thousands group stops before "6", which starts a match of its own; so does a range's start.
    assert [m.group(0) for m in numbers._number_matches("x 12,3456 y", 0, 11, numbers.number_starts("x 12,3456 y"))] == ["12,345", "6"]
    assert [m.group(0) for m in numbers._number_matches("x 2004 y", 4, 8, numbers.number_starts("x 2004 y"))] == ["04"]


def test_number_starts_found_once_equal_the_ones_found_per_call() -> None:
    text = "nothing here " * 30 + "but five, and 12 more"
    once = numbers.NumberStarts.of(Folded.of(text))
    assert once.starts == numbers.number_starts(text) == [len(text) - 17, len(text) - 7]
    assert numbers.find_numbers(text, 0, len(text), starts=once) == numbers.find_numbers(text, 0, len(text))


_DATE_TEXTS = st.lists(
    st.sampled_from(
        "on On ON last Next this by until from since Monday monday FRIDAY Sunday's yesterday Today TONIGHT tomorrow "
        "coming past week Weekend month YEAR spring fall quarter a one Two ten 3 12 day days Weeks ago AGO earlier "
        "Later this the x1 _ - , . é É İ ſ ı K \n".split(" ")
    ),
    max_size=20,
).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(_DATE_TEXTS, st.integers(0, 60), st.integers(0, 60))
def test_dates_found_through_the_lower_cased_text_equal_the_plain_scan(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    plain = dates._find_dates(text, start, end, None)  # None: every pattern scanned on the text as written
    assert dates._find_dates(text, start, end, safe_lower(text)) == plain, (text, start, end)


def test_safe_lower_refuses_characters_that_fold_otherwise() -> None:
    assert safe_lower("On FRIDAY") == "on friday"
    assert safe_lower("ſunday") is None and safe_lower("İstanbul") is None
    assert safe_lower("\u212aelvin") == "kelvin"  # the Kelvin sign lowers to "k": kept


def test_speech_verb_trie_matches_exactly_the_verb_forms() -> None:
    forms = quotes.SPEECH_VERBS.split("|")
    verb = re.compile(quotes._VERB)
    assert all(verb.fullmatch(form) for form in forms)
    near_misses = {form[:-1] for form in forms} | {form + "x" for form in forms} | {"sai", "sayss", "e-mai"}
    for word in near_misses - set(forms):
        assert verb.fullmatch(word) is None, word


def test_no_speech_verb_form_is_another_one_and_more_words() -> None:
    # What lets the trie try its branches in any order: at most one form can match where a word ends.
    forms = quotes.SPEECH_VERBS.split("|")
    assert not [(a, b) for a in forms for b in forms if a != b and b.startswith(a) and not b[len(a)].isalnum()]


def test_greedy_quote_runs_match_as_lazy_ones() -> None:
    # (a curly pair holds no straight mark: mixed copy, '“…," said X. "…”', is two quotes)
    lazy = re.compile(r"“([^“”\"]{1,3000}?)”|“([^“”\"\n]{1,3000}?)\"|\"([^\"“”\n]{1,3000}?)”|\"([^\"\n]{1,3000}?)\"")
    text = 'He said “a b” and "c d" then “e f" and "g h” or “open and "x\ny" ' + "“" + "z" * 3001 + "”"
    assert _spans(quotes._QUOTE.finditer(text)) == _spans(lazy.finditer(text))


def test_may_as_a_verb_is_read_inside_the_range_only() -> None:
    text = "Talks start in May\nhelp is needed. Prices may be higher in May."
    first = text.index("\n")
    assert [d.text for d in dates.find_dates(text, 0, first)] == ["May"]  # "May help" spans two lines: not read
    assert [(d.text, d.start) for d in dates.find_dates(text, first + 1, len(text))] == [("May", len(text) - 4)]
    assert [d.text for d in dates.find_dates("Prices May be higher.", 0, 21)] == []
