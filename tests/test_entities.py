"""Person names and title phrases on sentences written for these tests (issues 2 and 3)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.article import article_from_text
from factcheck.extract.entities import confirmed_headline_person, find_entities, is_title_case
from factcheck.models import MentionKind
from factcheck.pipeline import extract


@pytest.fixture(scope="module")
def forms(kb):
    return kb.country_surface_forms()


def people(sentence: str, forms) -> list[tuple[str, str | None]]:
    """(name, role text) of every person found in one sentence."""
    return [(e.text, e.role[2] if e.role else None) for e in find_entities(sentence, 0, len(sentence), forms) if e.kind == "person"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The visit of King Olaf IV to the port was brief.", [("Olaf IV", "King")]),
        ("Yesterday Pope Gregory XIII blessed the crowd.", [("Gregory XIII", "Pope")]),
        ("Defence Minister Khalid al-Mansouri resigned.", [("Khalid al-Mansouri", "Defence Minister")]),
        ("Crown Prince Faisal bin Nasser visited the site.", [("Faisal bin Nasser", "Crown Prince")]),
        ("Commissioner Greta van der Berg spoke first.", [("Greta van der Berg", "Commissioner")]),
        ("Governor Pierre de la Fontaine signed it.", [("Pierre de la Fontaine", "Governor")]),
    ],
)
def test_regnal_numbers_and_particles_stay_in_the_name(sentence, expected, forms):
    assert people(sentence, forms) == expected


def organisations(sentence: str, forms) -> list[str]:
    return [e.text for e in find_entities(sentence, 0, len(sentence), forms) if e.kind == "organisation"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The Securities and Exchange Commission said on Monday it would act.", ["Securities and Exchange Commission"]),
        ("Yesterday the Food and Drug Administration approved it.", ["Food and Drug Administration"]),
        ("Officials at the Department of Health and Human Services agreed.", ["Department of Health and Human Services"]),
        ("He told the Bank of England and the Food and Drug Administration.", ["Bank of England", "Food and Drug Administration"]),
        ("John Smith and Jones Ltd signed the deal.", ["Jones Ltd"]),
        ("Analysts at the Center for Strategic and International Studies agreed.", ["Center for Strategic and International Studies"]),
        ("Both Ford and General Motors cut jobs; the IRS and Drug Enforcement Administration", ["General Motors", "IRS", "Drug Enforcement Administration"]),
        ("The House Ways and Means Committee met.", ["House Ways and Means Committee"]),
    ],
)
def test_and_joins_one_organisation_not_two(sentence, expected, forms):
    assert organisations(sentence, forms) == expected


def test_a_pronoun_i_after_an_untitled_name_is_not_a_numeral(forms):
    assert people("When Maria Lopez I think was there, it rained.", forms) == [("Maria Lopez", None)]


@pytest.mark.parametrize(
    "sentence, name, role, qualifier",
    [
        ("It was ex-President Hollis who spoke.", "Hollis", "President", "ex-"),
        ("It was then-Prime Minister Ota Kenji who spoke.", "Ota Kenji", "Prime Minister", "then-"),
        ("It was former president Walter Brandt who spoke.", "Walter Brandt", "president", "former "),
        ("It was the late Prime Minister Ada Novak who spoke.", "Ada Novak", "Prime Minister", "late "),
    ],
)
def test_qualifier_stays_just_before_the_role(sentence, name, role, qualifier, forms):
    [ent] = [e for e in find_entities(sentence, 0, len(sentence), forms) if e.kind == "person"]
    assert (ent.text, ent.role[2]) == (name, role)
    assert sentence[: ent.role[0]].endswith(qualifier)


@pytest.mark.parametrize(
    "sentence, name, role",
    [
        ("The presumptive Republican presidential nominee Tom Baxter spoke.", "Tom Baxter", "presumptive Republican presidential nominee"),
        ("On Monday Fed chair Lena Marsh raised rates.", "Lena Marsh", "Fed chair"),
        ("He met German chancellor Otto Vogel in Bonn.", "Otto Vogel", "German chancellor"),
        ("He met Japan's prime minister Kenta Mori in Osaka.", "Kenta Mori", "Japan's prime minister"),
        ("Critics of party leader Rosa Klein left.", "Rosa Klein", "party leader"),
    ],
)
def test_lowercase_role_phrase_before_a_name(sentence, name, role, forms):
    assert people(sentence, forms) == [(name, role)]


@pytest.mark.parametrize(
    "sentence",
    [
        "He said that many people met John Weller there.",  # "met" is no title: no role
        "They voted for the nominee, and Sara Dunn agreed.",  # a comma between: no role
    ],
)
def test_no_role_without_a_title_word_directly_before(sentence, forms):
    assert all(role is None for _, role in people(sentence, forms))


def test_country_after_a_titled_name_is_not_part_of_it(forms):
    assert people("Talks were led by Prime Minister Kenta Mori of Japan.", forms) == [("Kenta Mori", "Prime Minister")]


@pytest.mark.parametrize(
    "sentence",
    [
        "She moved to San Diego last spring.",
        "The parade on Bastille Day was cancelled.",
        "Few still use Internet Explorer at work.",
        "Crowds gathered on Fifth Avenue.",
        "The Stanley Cup stayed in Montreal.",
    ],
)
def test_places_events_and_products_are_not_people(sentence, forms):
    assert people(sentence, forms) == []


def test_a_titled_person_with_a_place_like_surname_is_kept(forms):
    assert people("Senator Albert Tower spoke.", forms) == [("Albert Tower", "Senator")]


def test_title_case_headline_detection():
    assert is_title_case("Voters Must Decide on the Three-Way Race")
    assert not is_title_case("Voters must decide on the three-way race")


def test_headline_person_needs_confirmation():
    assert confirmed_headline_person("Ann Shore", "Later, Ann Shore said no.")
    assert not confirmed_headline_person("Ann Shore", "Later, Ann Shoreham said no.")
    assert confirmed_headline_person("Ann Shore", "“No,” said Shore.")
    assert not confirmed_headline_person("Voters Must Decide", "Decide now. They must decide.")
    assert confirmed_headline_person("Ann Shore", "Nothing here.", known=lambda n: n == "Ann Shore")
    assert not confirmed_headline_person("Ann Shore", "Nothing here.", known=lambda n: False)


def _people_in(text: str) -> list[str]:
    return [m.text for m in extract(article_from_text(text)).mentions if m.kind is MentionKind.PERSON]


def test_title_case_headline_junk_is_dropped_but_named_people_stay():
    text = "Voters Must Decide as Mara Quill Leads Race\n\nMara Quill leads the race, pollsters say."
    found = _people_in(text)
    assert "Voters Must Decide" not in found
    assert found.count("Mara Quill") == 2


def test_sentence_case_headline_keeps_its_people():
    text = "Voters meet Dara Finch in the square\n\nThe square was full."
    assert "Dara Finch" in _people_in(text)


def test_gazetteer_shape_gives_the_longest_form_behind_each_first_token():
    from factcheck.extract.entities import _gazetteer_shape

    shape = _gazetteer_shape({"Japan": "JP", "Japanese": "JP", "U.S.": "US", "Republic of Korea": "KR",
                              "Republic of Chad": "TD", "South Korea": "KR"})
    # (longest form in characters, the token counts of a match: the form's, one more for "'s", at most 3)
    assert shape["Japan"] == (5, (2, 1)) and shape["Japanese"] == (8, (2, 1))
    assert shape["U.S."] == (4, (2, 1)) and shape["Republic"] == (17, (3,)) and shape["South"] == (11, (3, 2))
    assert "J" not in shape and "Republic of" not in shape and "Korea" not in shape


_PIECES = st.sampled_from(
    "President Minister Ministry Bank Smith Monday NATO IBM II Mr Head Dr. chair Shares Jose\u0301 O'Brien o'neill Jones's Jones' ’s 's S 'S al-Rahawi el-Sisi d'Estaing d’Or bin abu-Bakr ex-President "
    "then-prime Mr. Mrs. St. Kato. A. U.S. U.S.A. e.g. x. 45. A5. - -al-X ' ’ \" “ ( ) , . ; é Ā ḁ × ÷ _ 3 Ⅻ Ⅻx".split()
)
_PIECE_TEXTS = st.lists(_PIECES, max_size=20).flatmap(
    lambda words: st.lists(st.sampled_from(["", " ", "  ", "\n"]), min_size=len(words), max_size=len(words)).map(
        lambda seps: "".join(w + s for w, s in zip(words, seps))
    )
)
# The token pattern before it was written as an unrolled loop with possessive quantifiers.
_PLAIN_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ](?:[\w\-À-ÖØ-öø-ÿĀ-žḀ-ỿ\u0300-\u036f]+|[’'](?![sS]\b))*(?:[’'](?![sS]\b))*\.?|[’'][sS]\b|[,;:()\"“”‘]|\S"
)


@settings(max_examples=400, deadline=None)
@given(_PIECE_TEXTS, st.integers(0, 5), st.integers(0, 5))
def test_columns_are_the_plain_tokens_with_final_stops_let_go(text, lead, trail):
    from factcheck.extract.entities import _KEEPS_STOP, _TOKEN, _columns

    start, end = min(lead, len(text)), max(min(lead, len(text)), len(text) - trail)
    plain = [(m.start(), m.end(), m.group()) for m in _PLAIN_TOKEN.finditer(text, start, end)]
    assert [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)] == plain
    expected = [(s, e - 1, w[:-1]) if w[-1] == "." and len(w) > 2 and not _KEEPS_STOP.fullmatch(w) else (s, e, w) for s, e, w in plain]
    assert list(zip(*_columns(text, start, end))) == expected
    # the country look-up relies on this: a possessive is always a token of its own
    assert not [w for _, _, w in expected if w[-2:] in ("'s", "’s") and len(w) > 2]


@settings(max_examples=400, deadline=None)
@given(_PIECE_TEXTS)
def test_capitalised_tokens_are_found_as_by_the_plain_test(text):
    from factcheck.extract.entities import _PARTICLE_WORD, _capitalised, _columns, _split_qualifiers

    starts, ends, words = _columns(text, 0, len(text))
    if "-" in text:
        _split_qualifiers(text, text.find("-"), len(text), starts, words)
    plain = [(w[0].isupper() and w[0].isalpha()) or (w[0] in "abdeiuv" and _PARTICLE_WORD.match(w) is not None) for w in words]
    assert _capitalised(text, 0, len(text), starts, words, [w[0].isupper() for w in words]) == plain


@settings(max_examples=300, deadline=None)
@given(_PIECES)
def test_a_lone_word_skipped_as_nothing_is_classified_as_nothing(word):
    from factcheck.extract.entities import Token, _classify_run, _lone_word_is_nothing

    if _lone_word_is_nothing(word):
        assert _classify_run(word, [Token(0, len(word), word)], {"Japan": "JP"}, set()) == []


@pytest.mark.parametrize("word", ["President", "Ministry", "NATO", "Smith", "Monday"])
def test_lone_word_shortcut_keeps_offices_and_organisations(word):
    from factcheck.extract.entities import Token, _classify_run, _lone_word_is_nothing

    assert _lone_word_is_nothing(word) == (_classify_run(word, [Token(0, len(word), word)], {}, set()) == [])


# Titles in every position news writes them (issue 15).
@pytest.mark.parametrize("sentence, name, role", [
    ("Italy's Prime Minister Matteo Renzi spoke.", "Matteo Renzi", "Italy's Prime Minister"),
    ("Japan's prime minister, Shinzo Abe, spoke.", "Shinzo Abe", "Japan's prime minister"),
    ("Theresa May, the British prime minister, spoke.", "Theresa May", "the British prime minister"),
    ("Angela Merkel, Germany's chancellor, spoke.", "Angela Merkel", "Germany's chancellor"),
    ("They met the prime minister of Japan Shinzo Abe today.", "Shinzo Abe", "prime minister of Japan"),
    ("President George H. W. Bush spoke.", "George H. W. Bush", "President"),
    ("Vice President Joseph R. Biden Jr. spoke.", "Joseph R. Biden Jr.", "Vice President"),
])
def test_title_positions(kb, sentence, name, role):
    text = "Headline\n\n" + sentence
    people = [e for e in find_entities(text, 10, len(text), kb.country_surface_forms()) if e.kind == "person"]
    assert [(p.text, p.role[2] if p.role else None) for p in people] == [(name, role)]


def test_untitled_name_with_initial_is_one_person(kb):
    text = "Headline\n\nThey met Vladimir V. Putin in Moscow."
    people = [e.text for e in find_entities(text, 10, len(text), kb.country_surface_forms()) if e.kind == "person"]
    assert people == ["Vladimir V. Putin"]


@settings(max_examples=400, deadline=None)
@given(_PIECE_TEXTS, st.integers(0, 5), st.integers(0, 5))
def test_qualifiers_split_from_the_hyphens_are_those_of_every_token(text, lead, trail):
    from factcheck.extract.entities import _QUALIFIER_PREFIX, _columns, _split_qualifiers

    start, end = min(lead, len(text)), max(min(lead, len(text)), len(text) - trail)
    starts, ends, words = _columns(text, start, end)
    plain_starts, plain_words = list(starts), list(words)
    for i, word in enumerate(words):  # every token tested, as the split was first written
        m = _QUALIFIER_PREFIX.match(word)
        if m and len(word) > m.end():
            plain_starts[i] += m.end()
            plain_words[i] = word[m.end() :]
    hyphen = text.find("-", start, end)
    if hyphen != -1:
        _split_qualifiers(text, hyphen, end, starts, words)
    assert (starts, words) == (plain_starts, plain_words)


@settings(max_examples=400, deadline=None)
@given(_PIECE_TEXTS, st.sampled_from(["Smith", "O'Brien", "al-Rahawi", "Mr Smith", "’s", "-", "S", "x. 45"]),
       st.integers(0, 5), st.integers(0, 5))
def test_whole_word_places_are_the_matches_of_the_bounded_pattern(text, phrase, lead, trail):
    from factcheck.extract.entities import whole_word_places

    text = text + phrase + text  # the phrase at least once
    start, end = min(lead, len(text)), max(min(lead, len(text)), len(text) - trail)
    pattern = r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])"
    assert list(whole_word_places(text, phrase, start, end)) == [
        start + m.start() for m in re.finditer(pattern, text[start:end])
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="IVXLCivx.", max_size=6) | _PIECES)
def test_regnal_test_equals_the_pattern(word):
    from factcheck.extract.entities import _REGNAL, _is_regnal

    assert _is_regnal(word) == (_REGNAL.fullmatch(word) is not None)
