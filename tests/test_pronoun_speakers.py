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
    # two people of unknown gender: left unresolved rather than guessed
    ("Kato Hiroshi met Sato Akira on Monday. \u201cThe plan will not survive the winter,\u201d he said.", [None]),
    # only a woman named before "he": unresolved
    ("Theresa May spoke on Monday. \u201cThe plan will not survive the winter,\u201d he said.", [None]),
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


@pytest.mark.parametrize("phrase", ["how", "matter-of-factly", "Written", "The new", "his recent", "the primary"])
def test_words_that_name_nobody_are_no_speaker(phrase):
    from factcheck.extract.quotes import is_speaker_phrase

    assert not is_speaker_phrase(phrase)


@pytest.mark.parametrize("phrase", ["he", "Ahmed", "Reed", "Kelly", "the campaign", "officials"])
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
