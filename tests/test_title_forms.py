"""Title phrases as news writes them (issue 15, "titles in every position"): titles joined by "and" or commas,
titles ending in "of the X", an organisation before a lower-case title, and title words that are surnames.
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck import analyse, article_from_text
from factcheck.extract.entities import find_entities
from factcheck.pipeline import extract

# A made-up title vocabulary: the widening reads whatever titles it is given, not a list of its own.
TITLES = {"trade and industry secretary", "culture, media and sport secretary", "bank of lindmark governor",
          "foreign secretary", "industry secretary"}


def in_titles(phrase: str) -> bool:
    return phrase.lower() in TITLES


@pytest.fixture(scope="module")
def forms(kb):
    return kb.country_surface_forms()


def people(sentence: str, forms, office_title=None) -> list[tuple[str, str | None]]:
    found = find_entities(sentence, 0, len(sentence), forms, office_title=office_title)
    return [(e.text, e.role[2] if e.role else None) for e in found if e.kind == "person"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Trade and Industry Secretary Mara Quill said the talks had failed.",
         [("Mara Quill", "Trade and Industry Secretary")]),
        ("On Monday, Culture, Media and Sport Secretary Tom Hardwick opened the hall.",
         [("Tom Hardwick", "Culture, Media and Sport Secretary")]),
        ("Bank of Lindmark governor Petra Vane said rates would rise.",
         [("Petra Vane", "Bank of Lindmark governor")]),
    ],
)
def test_title_is_widened_over_and_of_and_commas_to_a_known_title(sentence, expected, forms):
    assert people(sentence, forms, in_titles) == expected


def test_without_a_title_vocabulary_the_span_is_not_widened(forms):
    # the widening comes from the titles given, not from the shape of the words
    assert people("Trade and Industry Secretary Mara Quill said it.", forms) == [("Mara Quill", "Industry Secretary")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a name before "and" is not part of the title: "Quill and Foreign Secretary" is no title
        ("Quill and Foreign Secretary Tom Hardwick met the envoy.", [("Tom Hardwick", "Foreign Secretary")]),
        ("Mara Quill and Industry Secretary Tom Hardwick met the envoy.",
         [("Mara Quill", None), ("Tom Hardwick", "Industry Secretary")]),
    ],
)
def test_widening_stops_where_no_known_title_is_made(sentence, expected, forms):
    assert people(sentence, forms, in_titles) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Chancellor of the Exchequer Tom Hardwick said the budget was sound.",
         [("Tom Hardwick", "Chancellor of the Exchequer")]),
        ("Governor of Wessex Mara Quill signed the order.", [("Mara Quill", "Governor of Wessex")]),
        # a given name after "of" starts the name (the title read is another matter: the span is kept whole)
        ("Glenn Tate, the CEO of Donald Hargreave, spoke.", [("Glenn Tate", None), ("Donald Hargreave", "CEO of")]),
    ],
)
def test_a_title_does_not_end_in_of_the(sentence, expected, forms):
    assert people(sentence, forms) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Lindmark central bank governor Alan King said rates would rise.",
         [("Alan King", "Lindmark central bank governor")]),
        ("Bank of Lindmark Governor Alan King said rates would rise.", [("Alan King", "Bank of Lindmark Governor")]),
        ("Mr King said rates would rise.", [("King", "Mr")]),
        ("The song was recorded by Claude King in 1962.", [("Claude King", None)]),  # a given name before it
        ("Burger King said sales rose.", []),
        ("The visitors met King Abdul Aziz and Prince Faisal.", [("Abdul Aziz", "King"), ("Faisal", "Prince")]),
    ],
)
def test_a_title_word_after_a_titled_given_name_is_a_surname(sentence, expected, forms):
    assert people(sentence, forms, in_titles) == expected


@pytest.mark.parametrize(
    "sentence, name, office",
    [
        ("Trade and Industry Secretary Patricia Hewitt said exports were up.", "Patricia Hewitt", "GB.business-secretary"),
        ("Bank of England governor Mervyn King said rates would stay.", "Mervyn King", "GB.governor-of-the-bank-of-england"),
        ("Chancellor of the Exchequer Gordon Brown said the budget was sound.", "Gordon Brown", "GB.chancellor-of-the-exchequer"),
        ("Culture, Media and Sport Secretary Tessa Jowell opened the hall.", "Tessa Jowell", "GB.culture-secretary"),
        # hyphenated titles and an abbreviated organisation before a lower-case title (already read before)
        ("UN Secretary-General Kofi Annan opened the hall.", "Kofi Annan", "UN.secretary-general"),
        ("Vice-President Dick Cheney opened the hall.", "Dick Cheney", "US.vice-president"),
        ("Fed chairman Alan Greenspan said rates would rise.", "Alan Greenspan", "US.chair-of-the-federal-reserve"),
    ],
)
def test_uk_titles_link_to_their_office_end_to_end(kb, sentence, name, office):
    ex = extract(article_from_text("Ministers speak\n\n" + sentence, date=dt.date(2005, 1, 15)), kb=kb)
    links = {link.mention.text: link.office.id for link in ex.office_links if link.office is not None}
    assert links == {name: office}


@pytest.mark.parametrize(
    "sentence, code",
    [
        # the title of another office: Gordon Brown was Chancellor in 2005, never Trade and Industry Secretary
        ("Trade and Industry Secretary Gordon Brown said exports were up.", "EN02"),
        # the office's holder on the day was Mervyn King, not Mark Carney (2013-2020)
        ("Bank of England governor Mark Carney says rates will stay.", "TM01"),
        # Dick Cheney held it in 2005; "Al" was read as a particle and the person as "Gore", title "Vice-President Al"
        ("Vice-President Al Gore says the plan will work.", "TM01"),
    ],
)
def test_wrong_title_or_holder_is_flagged(kb, sentence, code):
    reg = analyse(article_from_text("Ministers speak\n\n" + sentence, date=dt.date(2005, 1, 15)), kb=kb,
                  select=["TM01", "EN01", "EN02"])
    assert code in {f.code for c in reg.claims for f in c.flags}


def test_a_capitalised_particle_after_a_title_is_a_given_name(forms):
    # "al" is a particle ("Ahmed al-Rahawi"); "Al" right after a title starts the name
    assert people("Vice-President Al Gore has been criticised.", forms) == [("Al Gore", "Vice-President")]
    assert people("Commissioner Greta van der Berg spoke first.", forms) == [("Greta van der Berg", "Commissioner")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # British style writes a middle initial without its full stop
        ("US president Tomas K Hardwick has pledged a tough budget.", [("Tomas K Hardwick", "US president")]),
        ("Then President Mara J Quill spoke.", [("Mara J Quill", "President")]),
        # "I" is the pronoun, not an initial
        ("When Mara Quill I think spoke, President Tom Hardwick left.", [("Mara Quill", None),
                                                                       ("Tom Hardwick", "President")]),
        # a run does not start at "of" when the word before it is not a name
        ("One of President Tom Hardwick's pledges was kept.", [("Tom Hardwick", "President")]),
    ],
)
def test_initial_without_full_stop_and_a_leading_connector(sentence, expected, forms):
    assert people(sentence, forms) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a place after a titled name is not the name
        ("House Speaker Tomas K. Hardwick of Wessex lamented the campaign.", [("Tomas K. Hardwick", "House Speaker")]),
        ("Sen. Mara Quill of North Wessex spoke.", [("Mara Quill", "Sen.")]),
        # the "of" inside a title before the name stays the title's
        ("Governor of Wessex Mara Quill signed the order.", [("Mara Quill", "Governor of Wessex")]),
    ],
)
def test_place_after_a_titled_name(sentence, expected, forms):
    assert people(sentence, forms) == expected
