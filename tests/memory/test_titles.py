"""One title vocabulary (factcheck/extract/title_words.json) for the entity extractor and the desk memory."""

from factcheck.extract.entities import TITLE_WORDS
from factcheck.memory.evidence import _person_key, _titles


def test_the_memory_drops_every_title_the_entity_extractor_knows():
    assert TITLE_WORDS <= _titles()
    # "spokeswoman" is a title to the entity extractor; the memory's own list lacked it ("spokeswoman jane")
    assert _person_key("person", "Spokeswoman Jane") is None
    assert _person_key("person", "Deputy Spokeswoman Jane Doe") == "jane doe"


def test_the_memorys_own_words_before_a_name_are_kept():
    assert _person_key("person", "Actor Samuel L. Jackson") == "samuel jackson"
    assert _person_key("person", "the late Col. Harland Sanders") == "harland sanders"
    assert _person_key("person", "Mr. Trump") is None
