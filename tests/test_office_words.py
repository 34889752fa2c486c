"""The office linker's vocabularies are data (factcheck/resolve/office_words.json): each list reaches the code that
reads it."""

import json
from pathlib import Path

import pytest

import factcheck.resolve.linking as linking
from factcheck.article import article_from_text
from factcheck.extract.index import MentionIndex
from factcheck.kb.names import normalise
from factcheck.text.segment import segment

WORDS = json.loads((Path(linking.__file__).with_name("office_words.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("word,kind", sorted(WORDS["qualifiers"].items()))
def test_each_qualifier_word_is_read_before_a_title(word, kind):
    text = f"the {word} President Ann Example"
    assert linking.qualifier_before(text, text.index("President")) == kind


def test_unchecked_kinds_are_qualifier_kinds():
    assert set(WORDS["unchecked_qualifiers"]) <= set(WORDS["qualifiers"].values())
    assert linking.UNCHECKED == frozenset(WORDS["unchecked_qualifiers"])


def test_leader_titles_are_normalised_and_ambiguous_ones_are_leader_titles():
    assert all(normalise(t) == t for t in WORDS["leader_titles"])
    assert set(WORDS["ambiguous_titles"]) <= set(WORDS["leader_titles"])
    assert linking.LEADER_TITLES == frozenset(WORDS["leader_titles"])


def _past(sentence: str) -> bool:
    return linking.sentence_is_past(MentionIndex(segment(article_from_text(sentence)), []), 0)


@pytest.mark.parametrize("verb", WORDS["past_verbs"])
def test_each_listed_past_verb_reads_as_past(verb):
    assert _past(f"The envoy {verb} it.")


def test_a_present_sentence_is_not_past():
    assert not _past("The envoy says it.")


def _past_at(sentence: str, word: str) -> bool:
    index = MentionIndex(segment(article_from_text(sentence)), [])
    return linking.sentence_is_past(index, sentence.index(word))


@pytest.mark.parametrize("verb", WORDS["reporting_verbs"])
def test_each_reporting_verb_opens_a_clause_of_its_own(verb):
    assert _past(f"The aides {verb} it.")  # still a past verb of the sentence
    assert not _past_at(f"The aides {verb} the envoy is ready.", "envoy")


@pytest.mark.parametrize("verb", WORDS["reporting_verbs_before_that"])
def test_each_reporting_verb_before_that_opens_a_clause_of_its_own(verb):
    assert not _past_at(f"The aides {verb} that the envoy is ready.", "envoy")
    assert _past_at(f"The aides {verb} the envoy's plan.", "envoy")  # no reported clause: the verb's own past


@pytest.mark.parametrize("opener", WORDS["clause_openers"])
def test_each_clause_opener_closes_its_clause_at_the_first_comma(opener):
    sentence = f"{opener[0].upper()}{opener[1:]} the envoy is here, the talks stalled."
    assert not _past_at(sentence, "envoy")
    assert _past_at(sentence, "talks")


@pytest.mark.parametrize("joiner", WORDS["clause_joiners"])
def test_each_clause_joiner_joins_a_clause_of_its_own(joiner):
    sentence = f"The envoy is here, {joiner} the talks stalled."
    assert not _past_at(sentence, "envoy")
    assert _past_at(sentence, "talks")


@pytest.mark.parametrize("word", WORDS["finite_words"])
def test_each_finite_word_gives_a_clause_a_verb_of_its_own(word):
    assert not _past_at(f"The talks stalled, and the envoy {word} it.", "envoy")
    assert _past_at("The talks stalled, and the envoy too.", "envoy")  # no verb: the whole sentence's tense


@pytest.mark.parametrize("word", WORDS["recent_words"])
def test_each_recent_word_puts_a_past_clause_in_the_articles_time(word):
    assert not _past_at(f"The envoy signed it ({word}).", "envoy")
    assert _past_at("The envoy signed it (long ago).", "envoy")
    assert _past_at(f"Talks were {word} - though the envoy signed it years ago.", "envoy")  # another clause


@pytest.mark.parametrize("noun", WORDS["speaking_for"])
def test_each_speaking_for_noun_reads_an_apposition_before_a_title(noun):
    for text, found in (
        (f"Ann Lee, a {noun} for Vice President Ann Example, said the talks stalled.", True),
        (f"She was a {noun} for Vice President Ann Example.", False),  # a past relation, not an apposition
    ):
        assert bool(linking._SPEAKING_FOR.search(text, 0, text.index("Vice"))) is found


@pytest.mark.parametrize("phrase", WORDS["origin_phrases"])
def test_each_origin_phrase_looks_back_to_a_tenure(phrase):
    text = f"The plan {phrase} President Ann Example's term."
    assert linking.qualifier_before(text, text.index("President"), text.index("'s")) == "looking-back"
    text = f"The plan {phrase} President Ann Example's law."  # a possessive that is no tenure
    assert linking.qualifier_before(text, text.index("President"), text.index("'s")) is None


@pytest.mark.parametrize("verb", WORDS["tenure_ended"])
def test_each_tenure_ended_verb_looks_back_to_that_tenure(verb):
    text = f"Chancellor Ann Example's government {verb} in a vote."
    assert linking.qualifier_before(text, 0, text.index("'s")) == "looking-back"
    text = f"Chancellor Ann Example's aide {verb} in a vote."  # the aide, not the tenure
    assert linking.qualifier_before(text, 0, text.index("'s")) is None


@pytest.mark.parametrize("word", WORDS["election_objects"])
def test_each_election_object_dates_an_election_won(word):
    text = f"President Ann Example won {word} in 2008."
    assert linking._ELECTED_AFTER.fullmatch(text, len("President Ann Example"), text.index("2008"))
    text = f"President Ann Example won {word} and a prize in 2008."  # not right before the year
    assert not linking._ELECTED_AFTER.fullmatch(text, len("President Ann Example"), text.index("2008"))


@pytest.mark.parametrize("noun", WORDS["election_nouns"])
def test_each_election_noun_after_a_possessive_dates_an_election_won(noun):
    text = f"President Ann Example's {noun} in 2008 was close."
    assert linking._ELECTED_AFTER.fullmatch(text, len("President Ann Example"), text.index("2008"))
    text = f"President Ann Example's aide's {noun} in 2008 was close."  # another's
    assert not linking._ELECTED_AFTER.fullmatch(text, len("President Ann Example"), text.index("2008"))
