"""A year inside a noun phrase or bounding a span does not date the sentence's event (issue 15)."""

import pytest

from factcheck.extract.dates import find_dates, year_dates_the_sentence


@pytest.mark.parametrize("sentence, year, dates", [
    ("President Joe Biden marked the D-Day landings of 1944 in Normandy.", "1944", False),
    ("Lawmakers still argue about the 2008 crisis.", "2008", False),
    ("Prices have risen since 2010.", "2010", False),
    ("The deal runs until 2027.", "2027", False),
    ("2008's crash hurt savers.", "2008", False),
    ("In 2008 the bank failed.", "2008", True),
    ("In 2020, Prime Minister Yoshihide Suga visited.", "2020", True),
    ("The bank failed in 2008 when markets fell.", "2008", True),
])
def test_year_dates_the_sentence(sentence, year, dates):
    start = sentence.index(year)  # where the year is, whether or not the date finder reports it there
    found = [d for d in find_dates(sentence) if d.start == start]
    assert all(d.text == year for d in found)
    assert year_dates_the_sentence(sentence, start, start + len(year)) is dates


@pytest.mark.parametrize("sentence, is_date", [
    ("Mrs May said she would stay.", False),
    ("Theresa May said she would stay.", False),
    ("Prime Minister May said she would stay.", False),
    ("The vote was held in May.", True),
])
def test_may_after_a_name_or_honorific_is_no_month(sentence, is_date):
    assert any(d.text == "May" for d in find_dates(sentence)) is is_date
