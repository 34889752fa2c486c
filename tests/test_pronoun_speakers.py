"""Pronoun speakers resolved with gender agreement, or left unresolved (issue 15)."""

import pytest

from factcheck.article import article_from_text
from factcheck.models import MentionKind
from factcheck.pipeline import extract


def _speaker_names(kb, body: str) -> list[str | None]:
    ex = extract(article_from_text("Headline\n\n" + body), kb=kb)
    return [q.attrs.speaker_name for q in ex.mentions if q.kind is MentionKind.QUOTE]


@pytest.mark.parametrize("body, expected", [
    # the last person named is a woman: "he" goes back to the man
    ("Bill Clinton met Hillary Clinton on Monday. \u201cWe will win this state easily,\u201d he said.", ["Bill Clinton"]),
    ("Bill Clinton met Hillary Clinton on Monday. \u201cWe will win this state easily,\u201d she said.", ["Hillary Clinton"]),
    # an honorific says the gender of a name the table does not know
    ("Mrs Quellbrook met Mr Dunmore. \u201cThe plan will not survive the winter,\u201d she said.", ["Quellbrook"]),
    # one person of unknown gender, nobody else: taken
    ("Kato Hiroshi spoke on Monday. \u201cThe plan will not survive the winter,\u201d he said.", ["Kato Hiroshi"]),
    # the object of a preposition with an honorific ("bridges to Mr. Sanders") comes after the sentence's subject
    ("Mary Quellbrook would do well to build bridges to Mr. Robert Dunmore, said Peter Hollis, a strategist.\n\n"
     "\u201cThe count will be done by the county,\u201d he said.", ["Peter Hollis"]),
    # two people of unknown gender: left unresolved rather than guessed
    ("Kato Hiroshi met Sato Akira on Monday. \u201cThe plan will not survive the winter,\u201d he said.", [None]),
    # only a woman named before "he": unresolved
    ("Theresa May spoke on Monday. \u201cThe plan will not survive the winter,\u201d he said.", [None]),
    # the interviewer and the man he asked: the answer's "he" is not the interviewer's; left unresolved
    ("Last month, the Gazette's Peter Hollis asked Robert Dunmore whether his age mattered.\n\n"
     "\u201cI have more energy than any of them,\u201d he said.", [None]),
    # the man named only as an object, the sentence's subject a name no person mention covers: unresolved
    ("Robert Dunmore spoke in March. Dunmoreville also addressed the claims by Robert Dunmore last week.\n\n"
     "\u201cThe count will be done by the county,\u201d he added.", [None]),
    # the paragraph before names only a woman: the writer has moved on, "he" is not the man further back
    ("Robert Dunmore spoke in March.\n\n\u201cWe did not lose a single vote,\u201d Mary Quellbrook said.\n\n"
     "\u201cThe count will be done by the county,\u201d he wrote.", ["Mary Quellbrook", None]),
    # a person named in another's title is a modifier ("Trump campaign chairman Paul Manafort"), and "chairman"
    # or "Republican" before a name is no article ("the Trump campaign")
    ("Robert Dunmore spoke in March.\n\nBut Dunmore campaign chairman Paul Quellbrook said the appeal would grow. "
     "\u201cThe count will be done by the county,\u201d he said.", ["Paul Quellbrook"]),
    # a possessive speaker ("her remark that “…”") is resolved as "she said" is: to the woman, not the man named last
    ("Mary Quellbrook met Robert Dunmore on Monday. The meeting followed her remark that \u201cthe county can wait "
     "another year for the bridge.\u201d", ["Mary Quellbrook"]),
    # the paragraph before goes on about "He": still the man named before it
    ("Robert Dunmore spoke in March.\n\nHe said on Thursday that Mary Quellbrook had not called him.\n\n"
     "\u201cThe count will be done by the county,\u201d he said.", ["Robert Dunmore"]),
    # an unnamed person speaks between the man named and the pronoun ("the partner told them"): "he" may be either
    ("Robert Dunmore met the owners in March. The solution, the partner told them, was simple. "
     "\u201cThe count will be done by the county,\u201d he said.", [None]),
    # a group or a document speaking in between is no "he": still the man named before it
    ("Robert Dunmore met the owners in March. The solution, the report said, was simple. "
     "\u201cThe count will be done by the county,\u201d he said.", ["Robert Dunmore"]),
])
def test_pronoun_speaker_agrees_in_gender(kb, body, expected):
    assert _speaker_names(kb, body) == expected


def _quotes(kb, body: str):
    ex = extract(article_from_text("Headline\n\n" + body), kb=kb)
    return [(q.text, q.speaker.text if q.speaker else None) for q in ex.mentions if q.kind is MentionKind.QUOTE]


def test_quote_running_over_two_paragraphs(kb):
    body = ("Mr Dunmore said: \u201cWe have waited long enough for the council to act.\n\n"
            "\u201cNow it is time for the residents to decide for themselves,\u201d he added.")
    got = _quotes(kb, body)
    assert got[0] == ("\u201cWe have waited long enough for the council to act.", "Mr Dunmore")
    assert got[1][0].startswith("\u201cNow it is time") and got[1][1] == "he"


def test_unclosed_quote_without_a_following_quote_paragraph_is_not_a_quote(kb):
    body = "Mr Dunmore said: \u201cWe have waited long enough for the council to act.\n\nThe council disagreed."
    assert _quotes(kb, body) == []


@pytest.mark.parametrize("phrase, ok", [
    ("Duterte's latest", False), ("the past", False), ("A March 2", False), ("Mr Dunmore", True),
    ("a spokesman for the ministry", True), ("Theresa May", True), ("the White House", True),
])
def test_speaker_phrase_names_someone(phrase, ok):
    from factcheck.extract.quotes import is_speaker_phrase

    assert is_speaker_phrase(phrase) is ok


@pytest.mark.parametrize("phrase", [
    "how", "matter-of-factly", "Written", "The new", "his recent", "the primary",
    # headed by a common noun that names no one, a number or a weekday
    "Each election cycle", "The referendum", "His face", "Estimates of civic engagement", "Thirteen",
    "Section 1001", "Between 2001 and 2007", "Clinton\u2019s rhetoric", "His fact-check Wednesday",
])
def test_words_that_name_nobody_are_no_speaker(phrase):
    from factcheck.extract.quotes import is_speaker_phrase

    assert not is_speaker_phrase(phrase)


@pytest.mark.parametrize("phrase", [
    "he", "Ahmed", "Reed", "Kelly", "the campaign", "officials",
    # people, groups and documents, by name, listed noun, agent noun or quantity
    "The New York Times", "a source familiar with the matter", "people close to him", "the two", "another",
    "Cruz himself", "the 46-year-old", "the narrator", "one user", "Hundreds of demonstrators", "Article 33",
    "their", "the report",
])
def test_short_speakers_that_name_someone_are_kept(phrase):
    from factcheck.extract.quotes import is_speaker_phrase

    assert is_speaker_phrase(phrase)


def test_running_quote_takes_the_attribution_of_its_continuation(kb):
    body = ("\u201cWe have waited long enough for the council to act.\n\n"
            "\u201cNow it is time for the residents to decide,\u201d said Mr Dunmore.")
    got = _quotes(kb, body)
    assert [s for _, s in got] == ["Mr Dunmore", "Mr Dunmore"]


def test_surname_alone_means_the_person_of_that_surname_named_last(kb):
    ex = extract(article_from_text("Headline\n\nBill Clinton spoke first. Later Hillary Clinton arrived.\n\n"
                                   "\u201cWe will win this state easily,\u201d Clinton said."), kb=kb)
    [q] = [m for m in ex.mentions if m.kind is MentionKind.QUOTE]
    assert q.attrs.speaker_name == "Hillary Clinton"


@pytest.mark.parametrize("body, expected", [
    # the subject of the sentence before, not the person named last in it
    ("Ohio Gov. John Dunmore predicted that Republicans would win if Bernard Quell ran. "
     "\u201cThat is not even an issue for us,\u201d he said.", ["John Dunmore"]),
    # a person named inside the quotation is what the speaker talks about, not the speaker
    ("Jeff Quellbrook spoke to reporters on Monday.\n\n"
     "\u201cThere are people who ask how much airtime Donald Dunmore gets,\u201d he said. "
     "\u201cIt is not our role to build up or take down a campaign.\u201d", ["Jeff Quellbrook", "Jeff Quellbrook"]),
    # a possessive is not the subject: "Asked about X's remarks, Y said"
    ("Asked about Donald Dunmore's remarks on Tuesday, Chris Quellbrook blamed the council. "
     "\u201cShe should be ashamed of herself,\u201d he said.", ["Chris Quellbrook"]),
    # "the Dunmore campaign" names a campaign, not a person
    ("Paul Quellbrook met Donald Dunmore in May. On Thursday, in the Dunmore release, Quellbrook described the plan. "
     "\u201cMy job is to secure the delegates we need,\u201d he said.", ["Paul Quellbrook"]),
    # the speaker of the quote before is someone the article names by surname only: not guessed past them
    ("David Quellbrook testified in September. \u201cThat is not my recollection of what he told us,\u201d "
     "Kingsley said.\n\n\u201cThe clear impression we were given was otherwise,\u201d he said.", [None, None]),
    # a known given name after organisation words starts a person ("Senate … Democrat Dianne Feinstein")
    ("Senate Intelligence Ranking Democrat Dianne Quellbrook said Clinton was not the originator. Asked about "
     "Sullivan, Quellbrook spoke. \u201cI have never heard about it before today,\u201d she said.", ["Dianne Quellbrook"]),
    # a participle opening the sentence is no part of a name ("Following Sanders on MSNBC, Clinton …")
    ("Bernard Dunmore spoke first. Following Dunmore on MSNBC, Hillary Quellbrook spoke. "
     "\u201cI did not put down conditions for my support,\u201d she said.", ["Hillary Quellbrook"]),
    # a rabbi's title is no part of his name, and his given name says "he" (issue 15: a quote given to Prince Harry)
    ("Prince Harry visited the memorial. Rabbi Marvin Quell, who leads the centre, welcomed him.\n\n"
     "\u201cIt was a moment of great dignity for all of us,\u201d he said.", ["Marvin Quell"]),
    # a sentence whose subject is the pronoun names only others ("He said that Trump needs …")
    ("Paul Quellbrook spoke in Janesville. He said that Donald Dunmore needs to do more work. "
     "\u201cWe have to unify the party before the summer,\u201d he said.", ["Paul Quellbrook"]),
    # the object of a preposition is not the subject; "he told X": X is someone else
    ("During an interview with Sean Quellbrook, Donald Dunmore discussed the wall. "
     "\u201cIt is going to be a very big and beautiful wall,\u201d he said.", ["Donald Dunmore"]),
    ("Donald Dunmore spoke at the rally. Sean Quellbrook asked Dunmore how high the wall would be. "
     "\u201cIt will be higher than anybody expects,\u201d he told Quellbrook.", ["Donald Dunmore"]),
    # a name written surname first is shortened to its first word; its gender unknown, it is not guessed
    ("U.N. Secretary-General Ban Ki-moon met Donald Dunmore. Later Ban spoke to reporters. "
     "\u201cThe talks will go on next week,\u201d he said.", [None]),
])
def test_pronoun_speaker_is_the_subject_before_it(kb, body, expected):
    assert _speaker_names(kb, body) == expected


def test_surname_first_names_are_later_written_by_their_first_word(kb):
    ex = extract(article_from_text("Headline\n\nU.N. Secretary-General Ban Ki-moon arrived on Monday. "
                                   "Ban said the talks would go on.\n"), kb=kb)
    people = [(m.text, m.attrs.refers_to, m.role.text if m.role else None)
              for m in ex.mentions if m.kind is MentionKind.PERSON]
    assert people == [("Ban Ki-moon", None, "U.N. Secretary-General"), ("Ban", "Ban Ki-moon", None)]


@pytest.mark.parametrize("name, surname", [
    ("Ban Ki-moon", "Ban"), ("Xi Jinping", "Xi"), ("Kim Jong Un", "Kim"), ("Tsai Ing-wen", "Tsai"),
    ("Lee Zeldin", "Zeldin"), ("Kim Davis", "Davis"), ("Theresa May", "May"), ("Lee Ann", "Ann"),
])
def test_surname_of(name, surname):
    from factcheck.extract.entities import surname_of

    assert surname_of(name) == surname


@pytest.mark.parametrize("sentence, people", [
    ("The Independent Vermont senator vowed to fight on.", []),
    ("On Day One he will act.", []),
    ("That, RNC Chief of Staff Katie Walsh explained, is by design.", [("Katie Walsh", "RNC Chief of Staff")]),
    ("He met Secretary-General Antonio Guterres.", [("Antonio Guterres", "Secretary-General")]),
    ("Rabbi Marvin Quell welcomed him.", [("Marvin Quell", "Rabbi")]),
    ("The program, known as the Renewable Fuel Standard, works.", []),
])
def test_phrases_are_not_people_and_titles_are_not_names(sentence, people):
    from factcheck.extract.entities import find_entities

    found = find_entities(sentence, 0, len(sentence), {})
    assert [(m.text, m.role[2] if m.role else None) for m in found if m.kind == "person"] == people


def test_words_after_a_quote_stop_the_speaker_being_carried_over(kb):
    body = ("\u201cWe will build the wall and the council will pay for it,\u201d Dunmore said.\n\n"
            "\u201cWho is going to pay for the wall?\u201d Quellbrook barked at the crowd.")
    got = _quotes(kb, body)
    assert got[1][1] == "Quellbrook"
    body = ("\u201cWe will build the wall and the council will pay for it,\u201d Dunmore said.\n\n"
            "\u201cWho is going to pay for the wall, in the end, then?\u201d an angry voice in the hall.")
    assert _quotes(kb, body)[1][1] is None


def test_attribution_after_an_embedded_quote_wins_over_the_subject(kb):
    body = ("Defense Secretary Ann Quellbrook spoke with her counterpart about \u201cthe need to respond to the "
            "provocations firmly\u201d according to a Pentagon readout.")
    assert _quotes(kb, body) == [("\u201cthe need to respond to the provocations firmly\u201d", "a Pentagon readout")]
