"""Extraction units: check-worthiness of a fact and of filler, and mentions on sentences written for these tests."""

from __future__ import annotations

import pytest

from factcheck.article import article_from_text
from factcheck.extract import checkworthiness
from factcheck.models import MentionKind, ReviewStatus
from factcheck.pipeline import extract


def _claims(text: str):
    return extract(article_from_text(text)).claims


def _mentions(text: str, kind: MentionKind):
    return [m for m in extract(article_from_text(text)).mentions if m.kind is kind]


def test_factual_sentence_is_checkworthy_and_filler_is_not():
    (fact,) = _claims("Unemployment fell to 4.2 percent in March, the lowest rate since 2008.")
    assert fact.review.status is ReviewStatus.UNREVIEWED
    assert fact.checkworthiness.score >= checkworthiness.default_model().threshold
    (filler,) = _claims("I think that we should all be very hopeful about it.")
    assert filler.review.status is ReviewStatus.NOT_CHECKWORTHY
    assert filler.checkworthiness.score < checkworthiness.default_model().threshold


def test_possessive_ends_a_name_and_a_country():
    text = "The coach praised Maria Lindqvist's time, and Norway's federation agreed."
    people = [m.text for m in _mentions(text, MentionKind.PERSON)]
    assert "Maria Lindqvist" in people
    assert not any("'s" in p for p in people)
    assert [m.text for m in _mentions(text, MentionKind.COUNTRY)] == ["Norway"]


def test_curly_possessive_does_not_glue_words_into_a_name():
    text = "Visitors walked along Brighton’s Seafront Path on Sunday."
    assert not any("’s" in m.text for m in _mentions(text, MentionKind.PERSON))


def test_name_with_combining_accent_is_one_token():
    text = "The minister, Jose\u0301 Ferreira, opened the bridge."
    assert "Jose\u0301 Ferreira" in [m.text for m in _mentions(text, MentionKind.PERSON)]


@pytest.mark.parametrize(
    "text, number, value",
    [
        ("She won the 800m final in a personal best.", "800m", "800"),
        ("He finished fourth over 10,000m last summer.", "10,000m", "10000"),
        ("The 110m hurdles went to a newcomer.", "110m", "110"),
        ("The service has 800m people signed up.", "800m", "800000000"),
        ("The firm raised £800m from investors.", "£800m", "800000000"),
    ],
)
def test_race_distances_are_metres_and_other_m_are_millions(text, number, value):
    found = {m.text: m.value for m in _mentions(text, MentionKind.NUMBER)}
    assert found.get(number) == value


def test_mid_year_is_a_date_not_a_number():
    text = "Sales peaked in mid-2004 before falling."
    assert [(m.text, m.value) for m in _mentions(text, MentionKind.DATE)] == [("2004", "2004")]
    assert _mentions(text, MentionKind.NUMBER) == []


def test_long_article_count_phrases_keep_exact_spans():
    # many small counts in one long text: spans must still match the text (and stay linear in time)
    text = " ".join(f"Officials counted {n} new ballots in district {n}." for n in range(2, 60))
    for m in _mentions(text, MentionKind.NUMBER):
        assert text[m.span.start : m.span.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        '"In Lisbon, they were saying it was over," the driver said.',
        'The driver said: “In Lisbon, they were saying it was over.”',
    ],
)
def test_sentence_opener_at_the_start_of_a_quote_is_not_a_name(text):
    assert not any(m.text.startswith("In ") for m in _mentions(text, MentionKind.PERSON))
