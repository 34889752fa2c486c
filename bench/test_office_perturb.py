"""The office evaluator's own pattern finder and perturbations (bench/office_mentions.py), on invented text and an
invented truth table.

The evaluator exists to read the raw data tables (its --data path), so its checks live beside it in bench/, not in
the project's test suite: run them with ``.venv/bin/python -m pytest bench/test_office_perturb.py``."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from office_mentions import (
    Finder,
    date_shift,
    holder_swap,
    no_such_office,
    office_swap,
    perturb,
)
from office_truth import Term, Truth, load_offices, name_key, surnames

D = dt.date


def _truth() -> Truth:
    terms = [
        Term("p1", "Anna Keller", "president", "freedonia", D(2005, 1, 1), D(2010, 1, 1), "test"),
        Term("p2", "Bruno Vasquez", "president", "freedonia", D(2010, 1, 1), D(2015, 1, 1), "test"),
        Term("p3", "Carla Ostrova", "president", "freedonia", D(2015, 1, 1), None, "test"),
        Term("p4", "Dario J. Mendes", "vice_president", "freedonia", D(2010, 1, 1), D(2015, 1, 1), "test"),
        Term("p5", "Elena Ruiz", "foreign_minister", "freedonia", D(2008, 1, 1), D(2016, 1, 1), "test"),
    ]
    places = {"freedonia": "freedonia", "freedonian": "freedonia"}
    return Truth({o.key: o for o in load_offices()}, terms, places, {"Freedonia", "Freedonian"}, {}).index()


DAY = D(2012, 6, 1)


@pytest.fixture(scope="module")
def finder() -> Finder:
    return Finder(_truth())


def _found(finder, text, day=DAY):
    return [(text[m.start:m.end], m.form, m.office) for m in finder.find(text, day)]


def test_finds_each_form(finder):
    text = ("Freedonian President Bruno Vasquez spoke. Later President Vasquez left, and Vice President Dario Mendes "
            "and Vice President Dario J. Mendes stayed. Freedonia's foreign minister, Elena Ruiz, agreed. "
            "Bruno Vasquez, the Freedonian president, smiled. Freedonia's President Bruno Vasquez waved.")
    assert _found(finder, text) == [
        ("Freedonian President Bruno Vasquez", "full", "president"),
        ("President Vasquez", "surname", "president"),
        ("Vice President Dario Mendes", "full", "vice_president"),
        ("Vice President Dario J. Mendes", "middle_initial", "vice_president"),
        ("Freedonia's foreign minister, Elena Ruiz", "appositive", "foreign_minister"),
        ("Bruno Vasquez, the Freedonian president", "appositive", "president"),
        ("Freedonia's President Bruno Vasquez", "appositive", "president"),
    ]


def test_only_correct_current_mentions(finder):
    # A former holder, a holder on another date, and a person given an office they never held are not test items.
    text = "Former President Anna Keller met President Anna Keller and Vice President Bruno Vasquez."
    assert _found(finder, text) == []
    assert _found(finder, "President Anna Keller spoke.", D(2007, 1, 1)) == [("President Anna Keller", "full", "president")]


def test_name_variants():
    assert name_key("George W. Bush") == name_key("George Bush") == "george bush"
    assert name_key("Joseph R. Biden Jr.") == name_key("Joe Biden")
    assert surnames("Dominique de Villepin", "france") >= {"de villepin", "villepin"}
    assert surnames("Xi Jinping", "china") == {"xi"}


def test_holder_swap_names_a_neighbour_in_office(finder):
    text = "Freedonian President Bruno Vasquez spoke."
    m = finder.find(text, DAY)[0]
    p = holder_swap(finder.truth, text, m, DAY, random.Random(0))
    assert p.expect == "TM01" and p.date == DAY
    assert p.text[p.start:p.end] in ("Freedonian President Anna Keller", "Freedonian President Carla Ostrova")
    surname = finder.find("President Vasquez spoke.", DAY)[0]
    q = holder_swap(finder.truth, "President Vasquez spoke.", surname, DAY, random.Random(0))
    assert q.text[q.start:q.end] in ("President Keller", "President Ostrova")


@pytest.mark.parametrize(("text", "after"), [
    ("President Bruno Vasquez Jr. said no.", " said no."),
    ("President Bruno Vasquez Jr., who spoke, left.", ", who spoke, left."),
    ("President Bruno Vasquez Jr.'s aide left.", "'s aide left."),
    # At a sentence's end the full stop is the sentence's: it stays, once.
    ("Aides met President Bruno Vasquez Jr. Then they left.", ". Then they left."),
])
def test_holder_swap_takes_the_full_stop_of_a_suffix(finder, text, after):
    m = finder.find(text, DAY)[0]
    p = holder_swap(finder.truth, text, m, DAY, random.Random(0))
    swapped = p.text[p.start:p.end]
    assert swapped in ("President Anna Keller", "President Carla Ostrova")
    assert p.text[p.end:] == after


def test_office_swap_uses_an_office_never_held(finder):
    text = "Freedonian President Bruno Vasquez spoke."
    m = finder.find(text, DAY)[0]
    p = office_swap(finder.truth, text, m, DAY, random.Random(0))
    assert p.expect == "EN02"
    # Held by someone else on the day, never by Vasquez: vice president or foreign minister.
    assert p.text[p.start:p.end] in ("Freedonian Vice President Bruno Vasquez", "Freedonian Foreign Minister Bruno Vasquez")


def test_no_such_office_needs_the_country_named(finder):
    text = "Freedonian President Bruno Vasquez spoke. President Vasquez left."
    named, bare = finder.find(text, DAY)
    p = no_such_office(finder.truth, text, named, DAY, random.Random(0))
    assert p.expect == "EN01" and p.text[p.start:p.end] == "Freedonian Prime Minister Bruno Vasquez"
    assert no_such_office(finder.truth, text, bare, DAY, random.Random(0)) is None


def test_date_shift_positive_and_negative_control(finder):
    text = "President Carla Ostrova spoke. Foreign Minister Elena Ruiz spoke."
    day = D(2020, 6, 1)
    president = finder.find(text, day)[0]
    p = date_shift(finder.truth, text, president, day)
    assert (p.expect, p.date) == ("TM01", D(2010, 6, 1)) and p.text == text
    ruiz = finder.find(text, D(2015, 6, 1))[1]
    assert date_shift(finder.truth, text, ruiz, D(2015, 6, 1)) is None  # nobody known to hold it in 2005
    still = date_shift(finder.truth, text, ruiz, D(2015, 6, 1), years=-5)
    assert still.expect == "" and still.date == D(2010, 6, 1)


def test_perturb_is_deterministic(finder):
    text = "Freedonian President Bruno Vasquez spoke."
    m = finder.find(text, DAY)[0]
    assert perturb(finder.truth, text, m, DAY, 7) == perturb(finder.truth, text, m, DAY, 7)
