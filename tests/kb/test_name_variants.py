"""Names written the way news writes them: middle initials, suffixes, spelling variants, hypocorisms; and
surnames alone linked to the article's full mention or, failing that, to the KB's one holder of the title; a
title written with a run of other capitalised words before it."""

import datetime as dt

import pytest

from factcheck import article_from_text
from factcheck.kb.model import Country, Office, Person, Term
from factcheck.kb.names import name_parts, name_variant_ids, same_person_name
from factcheck.kb.store import KnowledgeBase
from factcheck.pipeline import extract
from factcheck.resolve.linking import NameIndex, people_for_name


@pytest.mark.parametrize("a, b, same", [
    ("George W. Bush", "George Walker Bush", True),
    ("George W. Bush", "George H. W. Bush", False),
    ("George H.W. Bush", "George H. W. Bush", False),  # "hw" read as one middle word: not merged either
    ("Joseph R. Biden Jr.", "Joe Biden", True),
    ("Dmitri Medvedev", "Dmitry Medvedev", True),
    ("Moammar Qaddafi", "Muammar Gaddafi", True),
    ("Muammar Kadhafi", "Muammar Gaddafi", True),
    ("Bill Clinton", "William Clinton", True),
    ("Hillary Clinton", "Bill Clinton", False),
    ("Lee Jae-myung", "Lee Myung-bak", False),
    ("Lee Myung-bak", "Lee Jae-myung", False),
    ("Bob Dole", "Robert Dole", True),
    ("Robert Dole", "Robert Doyle", False),
])
def test_same_person_name(a, b, same):
    assert same_person_name(name_parts(a), name_parts(b)) is same


def test_one_word_has_no_parts():
    assert name_parts("Obama") is None and name_parts("Obama Jr.") is None


def _small_kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.countries["US"] = Country(id="US", name="United States", adjectives=("American", "U.S."), source="test")
    kb.countries["KR"] = Country(id="KR", name="South Korea", adjectives=("South Korean",), source="test")
    kb.offices["US.president"] = Office(id="US.president", country_id="US", title="President", roles=("head_of_state",), source="test")
    kb.offices["KR.president"] = Office(id="KR.president", country_id="KR", title="President", roles=("head_of_state",), source="test")
    people = {
        "P1": ("George H. W. Bush", (), "US.president", "1989-01-20", "1993-01-20"),
        "P2": ("George W. Bush", ("George Walker Bush",), "US.president", "2001-01-20", "2009-01-20"),
        "P3": ("Joe Biden", (), "US.president", "2021-01-20", "2025-01-20"),
        "P4": ("Lee Myung-bak", (), "KR.president", "2008-02-25", "2013-02-24"),
        "P5": ("Lee Jae-myung", (), "KR.president", "2025-06-04", None),
    }
    for pid, (name, aliases, office, start, end) in people.items():
        kb.people[pid] = Person(id=pid, name=name, aliases=aliases, source="test")
        kb._terms.append(Term(person_id=pid, office_id=office, start=dt.date.fromisoformat(start),
                              end=dt.date.fromisoformat(end) if end else None, source="test"))
    return kb


@pytest.mark.parametrize("name, ids", [
    ("Joseph R. Biden", ["P3"]),
    ("Joseph Robinette Biden Jr.", ["P3"]),
    ("George W. Bush", ["P2"]),
    ("George H. W. Bush", ["P1"]),
    ("George Bush", ["P1", "P2"]),  # both fit: ambiguous, so no office check picks one
    ("Lee Jae-myung", ["P5"]),
    ("Lee Myung-bak", ["P4"]),
])
def test_people_for_name_never_merges(name, ids):
    kb = _small_kb()
    assert sorted(p.id for p in people_for_name(kb, name)) == ids


def _links(kb, text, date):
    return extract(article_from_text("Headline\n\n" + text, date=date), kb=kb).office_links


def test_middle_initial_stays_in_the_name(kb):
    [link] = _links(kb, "President George W. Bush spoke.", dt.date(2005, 1, 1))
    assert link.mention.text == "George W. Bush" and link.mention.role.text == "President"
    assert [p.name for p in link.holders] == ["George W. Bush"]


def test_titled_surname_links_to_the_earlier_full_mention(kb):
    links = _links(kb, "Barack Obama met reporters. Later, President Obama said the deal was good.", dt.date(2012, 5, 1))
    [link] = [lk for lk in links if lk.mention.text == "Obama"]
    assert [p.name for p in link.holders] == ["Barack Obama"]


def test_titled_surname_without_full_mention_links_only_within_the_date(kb):
    [link] = _links(kb, "President Obama said the deal was good.", dt.date(2012, 5, 1))
    assert [p.name for p in link.holders] == ["Barack Obama"]
    assert _links(kb, "President Obama said the deal was good.", None) == []  # no date: no guess


def test_surname_shared_by_two_kb_holders_is_decided_by_the_date():
    kb = _small_kb()
    assert [p.id for p in _links(kb, "President Bush said the deal was good.", dt.date(2001, 5, 1))[0].holders] == ["P2"]
    assert [p.id for p in _links(kb, "President Bush spoke.", dt.date(1990, 1, 1))[0].holders] == ["P1"]
    # neither held it then, and both did at some time: linked to both, so TM01 can say that neither fits
    assert sorted(p.id for p in _links(kb, "President Bush spoke.", dt.date(1995, 1, 1))[0].holders) == ["P1", "P2"]
    # one Biden ever held it: linked outside the tenure too, so TM01 can say so
    assert [p.id for p in _links(kb, "President Biden spoke.", dt.date(2030, 1, 1))[0].holders] == ["P3"]


def test_honorific_gender_picks_between_two_people_of_one_surname(kb):
    ex = extract(article_from_text("Headline\n\nBill Clinton and Hillary Clinton arrived. Mrs Clinton said she was "
                                   "glad. Mr Clinton said nothing.", date=dt.date(2016, 5, 1)), kb=kb)
    short = [m for m in ex.mentions if m.kind.value == "person" and m.text == "Clinton"]
    assert [m.attrs.refers_to for m in short] == ["Hillary Clinton", "Bill Clinton"]


def test_surname_first_name_links_by_its_first_word(kb):
    links = _links(kb, "Xi Jinping arrived in Moscow. President Xi met reporters.", dt.date(2016, 5, 1))
    assert [lk.mention.text for lk in links] == ["Xi"] and links[0].holders[0].name == "Xi Jinping"


def test_royal_title_does_not_take_a_first_name_as_a_surname(kb):
    ex = extract(article_from_text("Headline\n\nHarry Kane scored. Prince Harry watched.", date=dt.date(2016, 5, 1)), kb=kb)
    [prince] = [m for m in ex.mentions if m.kind.value == "person" and m.text == "Harry"]
    assert prince.attrs.refers_to is None


def test_a_bare_name_that_is_also_a_short_form_of_another_is_ambiguous():
    kb = _small_kb()
    kb.people["P6"] = Person(id="P6", name="George Bush", source="test")  # the elder, under his short name
    assert sorted(p.id for p in people_for_name(kb, "George Bush")) == ["P1", "P2", "P6"]
    assert [p.id for p in people_for_name(kb, "George W. Bush")] == ["P2"]


@pytest.mark.parametrize("a, b", [("Bashar Assad", "Bashar al-Assad"), ("Abdel Fattah el-Sisi", "Abdel Fattah Sisi")])
def test_arabic_article_on_a_surname(a, b):
    assert same_person_name(name_parts(a), name_parts(b))


def test_a_surname_alone_matches_the_title_not_a_word_of_another_office():
    kb = _small_kb()
    kb.offices["US.senior-advisor"] = Office(id="US.senior-advisor", country_id="US", title="Senior Advisor to the President",
                                             source="test")
    kb.people["P7"] = Person(id="P7", name="Jill Biden", source="test")
    kb._terms.append(Term(person_id="P7", office_id="US.senior-advisor", start=dt.date(2021, 1, 20), source="test"))
    assert [p.id for p in _links(kb, "President Biden spoke.", dt.date(2030, 1, 1))[0].holders] == ["P3"]


def test_titled_surname_with_another_title_is_the_person_its_other_titled_mention_is(kb):
    links = _links(kb, "President Obama met the chancellor on Monday. Vice President Obama is in Paris today.",
                   dt.date(2016, 4, 23))
    vp = next(lk for lk in links if lk.role.title == "vice president")
    assert [p.name for p in vp.people] == ["Barack Obama"] and vp.holders == ()
    assert vp.office is not None and vp.office.id == "US.vice-president"


def test_titled_surname_with_another_title_alone(kb):
    # no other mention says who this Obama is and no Obama was ever Vice President, but the one sitting leader named
    # Obama is, and the KB knows the Vice President that day (Joe Biden): the title contradicts the name
    [vp] = _links(kb, "Vice President Obama is in Paris today.", dt.date(2016, 4, 23))
    assert [p.name for p in vp.people] == ["Barack Obama"] and vp.office.id == "US.vice-president"
    # no Obama in office that day, or no date: no guess
    assert _links(kb, "Vice President Obama is in Paris today.", dt.date(2019, 4, 23)) == []
    assert _links(kb, "Vice President Obama is in Paris today.", None) == []


def test_titled_surname_of_two_sitting_leaders_takes_the_named_countrys(kb):
    # in 2005 George W. Bush and McKeeva Bush (Cayman Islands) were both in office
    assert _links(kb, "Secretary of State Bush is in Paris today.", dt.date(2005, 1, 15)) == []
    [link] = _links(kb, "Secretary of State Bush is in Paris today. US troops stay.", dt.date(2005, 1, 15))
    assert [p.name for p in link.people] == ["George W. Bush"] and link.office.id == "US.secretary-of-state"


def test_titled_surname_is_not_linked_when_a_full_name_gives_the_surname_to_someone_else(kb):
    links = _links(kb, "President Obama met the chancellor on Monday. Vice President Obama is in Paris today. "
                       "Her cousin Jane Obama, a teacher, was with her.", dt.date(2016, 4, 23))
    assert [lk.role.title for lk in links] == ["president"]


def test_a_title_run_into_capitalised_words_is_read_from_its_end(kb):
    [link] = _links(kb, "Donald Trump Finally Endorses Secretary of State Paul Ryan", dt.date(2016, 8, 5))
    assert link.office.id == "US.secretary-of-state" and link.role.title == "secretary of state"
    assert link.mention.role.text[link.role.offset:] == "Secretary of State"


def test_a_qualifier_among_the_words_left_out_still_counts(kb):
    [link] = _links(kb, "Trump Meets Former Speaker Paul Ryan", dt.date(2016, 8, 5))
    assert link.qualifier == "former" and link.mention.role.text[link.role.offset:] == "Former Speaker"


def test_a_description_is_not_cut_to_the_title_at_its_end(kb):
    # "starlet-turned first lady" describes a past; its words are no name or heading run into the title
    assert _links(kb, "It was always Jane Doeman, the Hollywood starlet-turned first lady of the United States.",
                  dt.date(2016, 3, 7)) == []


@pytest.mark.parametrize("text, name", [
    ("President George W Bush spoke today.", "George W. Bush"),  # an initial written without a point
    ("President Luiz Inacio Lula da Silva spoke today.", "Luiz Inácio Lula da Silva"),
    ("Chancellor of the Exchequer Gordon Brown spoke today.", "Gordon Brown"),
])
def test_a_title_and_name_are_split_where_the_phrase_is_a_title(kb, text, name):
    [link] = _links(kb, text, dt.date(2005, 1, 15))
    assert [p.name for p in link.holders] == [name]


def _index_by_dicts(kb) -> tuple[dict, dict]:
    """The name index as dicts of every key, computed from the people's names: what NameIndex must answer."""
    by_surname: dict = {}
    by_word: dict = {}
    for pid in sorted(kb.people):
        p = kb.people[pid]
        for n in (p.name, *p.aliases):
            parts = name_parts(n)
            if parts is None:
                continue
            entry = (pid, tuple(parts))
            for key in name_variant_ids(parts.last):
                if entry not in by_surname.setdefault(key, []):
                    by_surname[key].append(entry)
            for key in {parts.last, parts.first}:
                if pid not in by_word.setdefault(key, []):
                    by_word[key].append(pid)
    return by_surname, by_word


def _variants_kb() -> KnowledgeBase:
    kb = _small_kb()
    for pid, name, aliases in [
        ("P0", "Moammar Qaddafi", ("Muammar al-Gaddafi", "Gaddafi")),  # an alias of one word has no parts
        ("P8", "Saif al-Islam Gaddafi", ()),
        ("P9", "Ted Kennedy", ("Edward Moore Kennedy", "Edward M. Kennedy Jr.")),
        ("Q1", "Kennedy Ted", ()),  # a name whose first word is another's surname
    ]:
        kb.people[pid] = Person(id=pid, name=name, aliases=aliases, source="test")
    return kb


def test_name_index_files_each_name_under_its_surname_and_its_variants():
    kb = _variants_kb()
    index = NameIndex(kb)
    assert index.surname("gaddafi") == (  # the group's label: every spelling of it, in KB order
        ("P0", ("moammar", (), "qaddafi")), ("P0", ("muammar", (), "gaddafi")), ("P8", ("saif", ("islam",), "gaddafi"))
    )
    assert index.surname("qaddafi") == (("P0", ("moammar", (), "qaddafi")),)  # the spelling, not the group
    assert [parts for _pid, parts in index.surname("kennedy")] == [
        ("ted", (), "kennedy"), ("edward", ("moore",), "kennedy"), ("edward", ("m",), "kennedy")
    ]
    assert index.lone_word("lee") == ("P4", "P5") and index.lone_word("myungbak") == ("P4",)
    assert index.lone_word("kennedy") == ("P9", "Q1") and index.lone_word("ted") == ("P9", "Q1")
    assert index.surname("nobody") == () and index.lone_word("nobody") == ()


def test_name_index_answers_what_dicts_of_every_key_would():
    kb = _variants_kb()
    index = NameIndex(kb)
    by_surname, by_word = _index_by_dicts(kb)
    assert {key: index.surname(key) for key in by_surname} == {key: tuple(e) for key, e in by_surname.items()}
    assert {key: index.lone_word(key) for key in by_word} == {key: tuple(ids) for key, ids in by_word.items()}
