"""The shortcuts that make MM01 cheap give what the plain computation gives."""

import re

import pytest

from factcheck.memory.evidence import surface_words, words_of
from factcheck.rules.memory_previously_checked import MIN_WORDS, _long_enough

TEXTS = [
    "", "one", "He did not.", "8:20 a.m.", "$50 million.", "one two three four five", "one two three four five six",
    "  one, two; three -- four/five...six ", "l'état d'esprit n'est pas là", "Kazakhstan’s 12 million-tonne harvest",
    "a" * 5000, "a " * 5 + "b" * 3000, "__ __ __ __ __ __", "ünïcödé wörds ärë wörds töö, yës ïndëëd",
]


@pytest.mark.parametrize("text", TEXTS)
def test_long_enough_counts_words_as_findall_does(text):
    assert _long_enough(text) == (len(re.findall(r"\w+", text)) >= MIN_WORDS)


def test_words_of_with_remembered_stems_gives_the_same_stems():
    texts = ["Kazakhstan exported 12 million tonnes of wheat to China in 2023.", "Farmers shipped wheat, shipping more.",
             "", "The the THE running runs ran"]
    stems: dict[str, str] = {}
    assert words_of(texts, stems) == words_of(texts)
    assert stems and words_of(texts[::-1], stems) == words_of(texts[::-1])  # looked up the second time


@pytest.mark.parametrize("text", [*TEXTS, "ÉTAT d'Esprit", "İstanbul KELVİN", "x_y 2024 café", "ǅemal ﬁnal Straße"])
def test_surface_words_are_the_unicode_words_of_the_lowered_text(text):
    """ASCII text is tokenised with re.ASCII (faster): the same words as Unicode's ``\\w\\w+``."""
    assert surface_words(text) == re.findall(r"\w\w+", text.lower())
