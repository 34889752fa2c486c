"""Uppercase country codes inside company names are not countries ("RSA Security" is not South Africa)."""

import datetime as dt

import pytest

from factcheck import article_from_text
from factcheck.kb import default_kb
from factcheck.models import MentionKind
from factcheck.pipeline import extract


def countries(text):
    ex = extract(article_from_text(text, date=dt.date(2016, 5, 5)), kb=default_kb())
    return [(m.text, m.attrs.country) for m in ex.mentions if m.kind is MentionKind.COUNTRY]


@pytest.mark.parametrize("text", [
    "Analysts at RSA Security said sales rose.",
    "Shares of US Airways fell.",
    "UAE Exchange grew fast.",
])
def test_code_followed_by_a_company_word_is_not_a_country(text):
    assert countries(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The RSA team beat Australia.", [("RSA", "ZA"), ("Australia", "AU")]),
    ("US President Barack Obama spoke.", [("US", "US")]),
    ("The US Army and the UAE government met.", [("US", "US"), ("UAE", "AE")]),
    ("Trade with the UAE. Security was tight.", [("UAE", "AE")]),
])
def test_codes_elsewhere_are_countries(text, expected):
    assert countries(text) == expected
