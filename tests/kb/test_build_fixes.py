"""Regression tests for KB build repairs (office titles, historic holders, non-independent states).

They check the committed build (`factcheck/kb/data/kb.json.gz`) and the pure title helpers of
`scripts/build_kb.py`; no shared data is read.
"""

import gzip
import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

from factcheck.kb import default_kb
from factcheck.kb.names import normalise

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb():
    return default_kb()


@pytest.fixture(scope="module")
def build_kb():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    labels = ["President", "Prime Minister", "Premier", "Minister of Foreign Affairs", "Crown Prince",
              "Governor of Vladimir Oblast", "Sultan", "Minister of Defence"]
    for label in labels:
        mod.KNOWN_TITLES[normalise(label)] += 1
        mod.TITLE_VOCAB.update(normalise(label).split())
    mod.TITLE_VOCAB.update({"and", "transition", "presidential"})  # as in the real office_holders labels
    return mod


def holder_names(kb, office, day):
    return [kb.person(t.person_id).name for t in kb.holders(office, day)]


# 1. a person's given name must not become part of the office title
def test_factbook_title_stops_before_given_names(build_kb):
    title, name, since = build_kb.parse_factbook_holder("President Vladimir Vladimirovich PUTIN (since 7 May 2012)")
    assert (title, name, since) == ("President", "Vladimir Vladimirovich Putin", date(2012, 5, 7))


def test_factbook_title_keeps_of_phrases_and_role_lists(build_kb):
    assert build_kb.parse_factbook_holder("Sultan and Prime Minister HAITHAM bin Tarik (since 11 January 2020)")[0] \
        == "Sultan and Prime Minister"


def test_russia_offices(kb):
    ids = {o.id for o in kb.leader_offices_of("RU")}
    assert "RU.president" in ids and not any("vladimir" in i for i in ids)


# 2. historic holders kept (Turkey's slug 'turkey' vs mledoze 'Türkiye'; Russia via the title fix)
@pytest.mark.parametrize("office,day,name", [
    ("TR.president", date(2010, 1, 1), "Abdullah Gül"),
    ("TR.president", date(2005, 1, 1), "Ahmet Necdet Sezer"),
    ("RU.president", date(2010, 1, 1), "Dmitry Medvedev"),
    ("RU.president", date(2005, 1, 1), "Vladimir Putin"),
    ("RU.president", date(2020, 1, 1), "Vladimir Putin"),
])
def test_historic_holders(kb, office, day, name):
    assert holder_names(kb, office, day) == [name]


def test_medvedev_presidency_span(kb):
    (p,) = kb.people_named("Dmitry Medvedev")
    spans = [(t.start, t.end) for t in kb.terms_of(p.id) if t.office_id == "RU.president"]
    assert spans == [(date(2008, 5, 7), date(2012, 5, 7))]


# 3. Syria: separate HoS office; Taiwan/Palestine/Kosovo keep their own head of state
def test_syria_has_president_and_prime_minister(kb):
    offices = {o.id: set(o.roles) for o in kb.offices_of("SY")}
    assert offices["SY.president"] == {"head_of_state"}
    assert offices["SY.prime-minister"] == {"head_of_government"}
    assert holder_names(kb, "SY.president", date(2010, 1, 1)) == ["Bashar al-Assad"]


@pytest.mark.parametrize("cc,name", [("TW", "Tsai Ing-wen"), ("PS", "Mahmoud Abbas"), ("XK", "Hashim Thaçi")])
def test_non_independent_states_keep_head_of_state(kb, cc, name):
    assert f"{cc}.president" in {o.id for o in kb.offices_of(cc)}
    assert name in holder_names(kb, f"{cc}.president", date(2018, 1, 1))


def test_dependent_territories_still_have_no_hos_office(kb):
    for cc in ("GG", "PR", "HK", "GL"):
        assert not any("head_of_state" in o.roles for o in kb.offices_of(cc)), cc


# 3/4. qualifiers and concatenated roles are not titles
def test_clean_title(build_kb):
    assert build_kb.clean_title("Caretaker Prime Minister") == "Prime Minister"
    assert build_kb.clean_title("Acting President") == "President"
    assert build_kb.clean_title("Interim President (ad interim)") == "President"
    assert build_kb.clean_title("Prime Minister Minister of Foreign Affairs") == "Prime Minister"
    assert build_kb.clean_title("President, Presidential Council") == "President"
    assert build_kb.clean_title("Minister of Defence") == "Minister of Defence"


def test_netherlands_and_palestine_titles(kb):
    assert {o.title for o in kb.leader_offices_of("NL")} == {"King", "Prime Minister"}
    assert "PS.prime-minister" in {o.id for o in kb.offices_of("PS")}


QUALIFIER_RE = re.compile(r"\b(acting|caretaker|interim|provisional)\b", re.I)


def all_offices(kb):
    payload = json.loads(gzip.decompress((ROOT / "factcheck/kb/data/kb.json.gz").read_bytes()))
    return [o for cid in sorted({row[1] for row in payload["offices"]}) for o in kb.offices_of(cid)]


def test_no_office_title_is_garbled(kb):
    bad = [o.title for o in all_offices(kb)
           if QUALIFIER_RE.search(o.title) or len(o.title) > 60 or not o.title[:1].isupper()]
    assert bad == []


# 3. titles cut at an unknown word, cut mid-name, split on a non-role "and", or led by "Transition"
def test_factbook_title_extended_to_its_head_word(build_kb):
    title, name, _ = build_kb.parse_factbook_holder(
        "Presidential Leadership Council Chairperson Dr. Rashad Muhammad al-ALIMI (since 19 April 2022)")
    assert title == "Presidential Leadership Council Chairperson" and name.startswith("Rashad Muhammad")


def test_factbook_title_cut_mid_name_keeps_the_known_label(build_kb):
    title, _, _ = build_kb.parse_factbook_holder(
        "President of the National Council for the Safeguard of the Homeland (CNSP) General Abdourahame TIANI")
    assert title == "President"


def test_transition_is_a_qualifier(build_kb):
    assert build_kb.parse_factbook_holder("Transition President Assimi GOITA (since 7 June 2021)")[0] == "President"


def test_and_splits_only_role_lists(build_kb):
    assert build_kb.split_title("Sultan and Prime Minister", "head_of_government")[0] == "Prime Minister"
    title = "Secretary of State for Foreign and Political Affairs"
    assert build_kb.split_title(title, "head_of_government")[0] == title


def test_rebuilt_offices(kb):
    ids = {o.id for o in kb.offices.values()}
    assert {"ML.president", "ML.prime-minister", "YE.presidential-leadership-council-chairperson"} <= ids
    assert not {"YE.presidential", "SM.political-affairs", "ML.transition-president"} & ids


def test_name_forms_drop_peerage_and_middle_initial(build_kb):
    assert build_kb.name_forms("Edward George, Baron George") == {"Edward George"}
    assert build_kb.name_forms("John W. Snow") == {"John Snow"}
    assert build_kb.name_forms("David Julian Richards, Baron Richards of Herstmonceux") == {"David Julian Richards"}
    assert build_kb.name_forms("Gordon Brown") == set()
    assert build_kb.name_forms("A. P. J. Abdul Kalam") == set()  # initials that lead the name are the name


def test_complete_segments_keep_the_list_complete_on_both_sides_of_a_hole():
    spec = importlib.util.spec_from_file_location("kb_offices", ROOT / "scripts" / "kb_offices.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    terms = [{"start": date(1997, 6, 4), "end": date(2002, 5, 6)}, {"start": date(2002, 5, 6), "end": date(2017, 5, 15)},
             {"start": date(2024, 1, 11), "end": None}]
    assert mod._complete_segments(terms, date(2024, 1, 11)) == [(date(1997, 6, 4), date(2017, 5, 15))]
    assert mod._complete_segments(terms[:1] + terms[2:], date(2024, 1, 11)) == [(date(1997, 6, 4), date(2002, 5, 6))]
    assert mod._complete_segments(terms, None) == []


def test_uk_titles_as_news_writes_them(kb):
    assert kb.resolve_office("Trade and Industry Secretary", "GB").id == "GB.business-secretary"
    assert kb.resolve_office("Bank of England Governor", "GB").id == "GB.governor-of-the-bank-of-england"
    assert kb.resolve_office("Environment Secretary", "GB").id == "GB.environment-secretary"
    assert kb.resolve_office("Finance Minister", "FR").id == "FR.minister-of-the-economy"
    (george,) = kb.people_named("Edward George")
    assert [t.office_id for t in kb.terms_of(george.id)] == ["GB.governor-of-the-bank-of-england"]
    # the IfG's "John Reid" and Wikidata's "John Reid, Baron Reid of Cardowan" are one person
    assert len(kb.people_named("John Reid")) == 1
    window = kb.office_window(kb.offices["FR.minister-of-foreign-affairs"], date(2005, 1, 15))
    assert window[0] <= date(2005, 1, 15) <= window[1]


def test_un_officers_come_from_the_world_page_only_by_the_map(kb):
    sg = kb.resolve_office("UN Secretary-General", "UN")
    assert sg.id == "UN.secretary-general" and kb.office_by_phrase("UN Secretary-General").id == sg.id
    assert [kb.people[t.person_id].name for t in kb.terms_of_office(sg.id)][:2] == ["Kofi Annan", "Ban Ki-moon"]
    # the entity's names are not offered to the text matcher: "UN" in a sentence stays an organisation
    assert "UN" not in kb.country_surface_forms() and "United Nations" not in kb.country_surface_forms()
    assert not any(o.startswith("UN.") and "assembly" in o for o in kb._office_cols["id"])  # spotty years: not built
