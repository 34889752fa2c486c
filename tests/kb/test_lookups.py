from factcheck.kb import default_kb
from factcheck.kb.names import normalise

import pytest


@pytest.fixture(scope="module")
def kb():
    return default_kb()


@pytest.mark.parametrize("surface,cid", [
    ("Japan", "JP"), ("Japanese", "JP"), ("Kazakh", "KZ"), ("U.S.", "US"), ("the United States", "US"),
    ("Kyrgyz Republic", "KG"), ("Britain", "GB"), ("UK", "GB"), ("American", "US"), ("Uzbek", "UZ"),
    ("Tajik", "TJ"), ("Turkmen", "TM"), ("Kyrgyz", "KG"), ("French", "FR"), ("Chinese", "CN"),
])
def test_country(kb, surface, cid):
    assert kb.country(surface).id == cid


@pytest.mark.parametrize("surface,cid", [("CO", "CO"), ("JPN", "JP"), ("SEN", "SN"), ("US", "US"), ("us", "US")])
def test_country_code_in_capitals(kb, surface, cid):
    assert kb.country(surface).id == cid


@pytest.mark.parametrize("surface", ["Co", "Co.", "co", "Sen.", "Can", "Ben", "Mar."])
def test_code_written_as_a_word_is_no_country(kb, surface):
    # "Acme Co President", "Sen. Ted Cruz", "Mar. 5": a word spelt like an ISO code is not the country
    assert kb.country(surface) is None


def test_surface_forms(kb):
    forms = kb.country_surface_forms()
    assert forms["Japanese"] == "JP" and forms["U.S."] == "US" and forms["Papua New Guinea"] == "PG"
    assert forms["Guinea"] == "GN"
    assert all(f[0].isupper() for f in forms)
    assert "JP" not in forms and "Man" not in forms


def test_resolve_office(kb):
    assert kb.resolve_office("Prime Minister", "JP").id == "JP.prime-minister"
    assert kb.resolve_office("PM", "JP").id == "JP.prime-minister"
    assert kb.resolve_office("premier", "JP").id == "JP.prime-minister"
    assert kb.resolve_office("President", "JP") is None
    assert kb.resolve_office("Emperor", "JP").id == "JP.emperor"
    assert kb.resolve_office("President", "KZ").id == "KZ.president"
    assert kb.resolve_office("head of state", "JP").id == "JP.emperor"


@pytest.mark.parametrize("phrase,oid", [
    ("Japanese Prime Minister", "JP.prime-minister"), ("Prime Minister of Japan", "JP.prime-minister"),
    ("Japan's prime minister", "JP.prime-minister"), ("U.S. President", "US.president"),
    ("French President", "FR.president"), ("German Chancellor", "DE.chancellor"), ("Chinese Premier", "CN.premier"),
])
def test_office_by_phrase(kb, phrase, oid):
    assert kb.office_by_phrase(phrase).id == oid


def test_japanese_president_is_none(kb):
    assert kb.office_by_phrase("Japanese President") is None


def test_organisations(kb):
    assert kb.organisation("IMF").name == "International Monetary Fund"
    assert kb.organisation("IMF").wikidata_id == "Q7804"
    ide = kb.organisation("Institute of Developing Economies")
    assert ide.source == "hand_curated" and "IDE-JETRO" in ide.acronyms
    assert kb.organisation("JICA") and kb.organisation("JETRO")
    (best, score), *_ = kb.organisation_candidates("Institute for Developing Economies")
    assert best.id == ide.id and 0.9 < score < 1.0


def test_person_candidates(kb):
    (best, score), *_ = kb.person_candidates("Shinzo Abbe")
    assert best.id == "Q132345" and score > 0.9


def test_person_candidates_fall_back_to_token_prefixes(kb):
    # no token of the name is any KB name's: the candidates are those sharing a token's first four letters
    assert not any(t in kb._fuzzy_index("person")[1] for t in ("shinzoo", "abbbe"))
    (best, score), *_ = kb.person_candidates("Shinzoo Abbbe")
    assert best.id == "Q132345" and score > 0.8
    block = kb._fuzzy_index("person")[1]
    for prefix in ("shin", "abbb", "john", "zzzz"):
        assert kb._fuzzy_prefixed("person", prefix) == tuple(sorted(t for t in block if t[:4] == prefix)), prefix


def test_describe(kb):
    facts = kb.describe("Yoshihide Suga")
    assert any(f.kind == "term" and "2020-09-16" in f.detail for f in facts)
    assert all(f.layer == "default" for f in facts)


@pytest.mark.parametrize("a,b", [("Shinzō Abe", "Shinzo Abe"), ("U.S.", "US"), ("the United States", "United States"),
                                 ("Jun'ichirō", "Junichiro"), ("Kassym-Jomart", "kassym jomart")])
def test_normalise(a, b):
    assert normalise(a) == normalise(b)


def test_one_person_under_a_name_with_the_mothers_surname(kb):
    # the Phoenix dictionary writes "Julio Maria Sanguinetti Coirolo"; joined, his 1985 term is no one else's
    (person,) = kb.people_named("Julio Maria Sanguinetti")
    starts = sorted(str(t.start) for t in kb.terms_of(person.id) if t.office_id == "UY.president")
    assert starts == ["1985-03-01", "1995-03-01"]
