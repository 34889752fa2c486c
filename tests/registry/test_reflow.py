"""Regression: re-wrapping an article (no word changed) gives the same sentences and changes nothing in its
registry; a real edit after a re-wrap is still seen."""

from __future__ import annotations

import textwrap

import pytest

from factcheck import api
from factcheck.article import article_from_text
from factcheck.text.segment import segment

# Invented copy with the places a line break used to cut a sentence: after a title or an initial, before a
# capitalised name, a number, a dash or a quote, and a line that starts like furniture ("sign up ...").
PARAGRAPHS = [
    "Rail Link Delayed Until 2031",
    "The Northfield rail link will open four years late, its builder said on Monday, after Mr Tomas Heller, "
    "the project's engineer, found that 3.2 miles of tunnel had to be re-lined. The cost has risen to £4.1bn "
    "from £2.9bn - a rise of 41% - and the transport department said it would sign up a second contractor.",
    "\"Nobody wanted this, but the tunnel is not safe as it stands,\" said Dr Amira Chen of the Northfield "
    "Transport Board. \"We would rather be late than wrong.\" Ms K. L. Ostrowski, who leads the commuters' "
    "group, said 18,000 people a day had been promised the line by 2027. Mr Heller said the next review is "
    "due in May.",
]
UNWRAPPED = "\n\n".join(PARAGRAPHS) + "\n"


def _text(width: int) -> str:
    fill = textwrap.TextWrapper(width, break_on_hyphens=False, break_long_words=False).fill
    return "\n\n".join(fill(p) for p in PARAGRAPHS) + "\n"


def _sentences(text: str) -> list[str]:
    doc = segment(article_from_text(text))
    return [" ".join(text[s.start : s.end].split()) for s in doc.sentences]


@pytest.mark.parametrize("width", [44, 50, 61, 72, 80])
def test_rewrapping_gives_the_sentences_of_the_unwrapped_text(width):
    text = _text(width)
    assert "\n" in text.split("\n\n")[1]  # the fixture is really wrapped at this width
    assert _sentences(text) == _sentences(UNWRAPPED)
    assert len(_sentences(UNWRAPPED)) >= 6  # not one run-on piece
    doc = segment(article_from_text(text))
    assert doc.boilerplate == []  # a wrapped "sign up ..." line is story text
    assert len(doc.flowing) == len(text) and "\n" not in doc.flowing.split("\n\n")[1]


def test_short_lines_keep_their_breaks():
    """Headings and list lines are not wrapped prose: each stays its own sentence."""
    text = ("Budget Highlights\n\nWhat changes this year\nFuel duty frozen for twelve months\nTax allowance up to "
            "£13,000 from April\nSign up for our newsletter\n\n" + "The chancellor set out the plans on Wednesday "
            "in a speech that lasted more than an hour and was interrupted twice.")
    got = _sentences(text)
    assert "What changes this year" in got and "Fuel duty frozen for twelve months" in got
    assert [b.kind for b in segment(article_from_text(text)).boilerplate] == ["advertisement"]


def _review(path, text):
    article = article_from_text(text, path="rail.txt")
    return api.write_registry(path, api.analyse(article), article.text)


@pytest.mark.parametrize("first, second", [(72, 50), (50, 72), (64, 45), (10_000, 60)])
def test_rewrap_changes_nothing_in_the_registry(tmp_path, first, second):
    path = tmp_path / "rail.yaml"
    before, _ = _review(path, _text(first))
    after, summary = _review(path, _text(second))
    assert len(before.claims) >= 6
    assert summary.added == [] and summary.changed == []
    assert {summary.anchors[c.id] for c in before.claims} <= {"exact", "moved"}
    assert [" ".join(c.text.split()) for c in after.claims] == [" ".join(c.text.split()) for c in before.claims]
    assert all(c.previous_text is None for c in after.claims)


def test_a_real_edit_after_a_rewrap_is_still_seen(tmp_path):
    path = tmp_path / "rail.yaml"
    _review(path, _text(72))
    _, summary = _review(path, _text(50).replace("£4.1bn", "£4.6bn"))
    assert summary.added == [] and len(summary.changed) == 1
    assert sorted(summary.anchors.values()).count("fuzzy") == 1


def test_a_number_wrapped_to_a_line_start_is_not_a_list_item():
    words = ("Turnout was the highest the county had seen since the ballot papers were redesigned, and the count "
             "ran late into the night. With 107 delegates at stake in the state primary held on Tuesday, she will win at least "
             "56. Her rival will gain at least 24, officials said.")
    for width in range(40, 90):
        text = "Primary Results\n\n" + textwrap.fill(words, width) + "\n"
        assert _sentences(text) == _sentences("Primary Results\n\n" + words + "\n"), width
    listed = "Steps\n\n" + "x" * 60 + " and then this item ends here.\n1. Buy milk\n2. Go home\n"
    assert "Buy milk" in " ".join(_sentences(listed)) and len(_sentences(listed)) == 4


def test_a_passage_printed_twice_is_rewrapped_without_ambiguity(tmp_path):
    """A live page that repeats an update: each copy is still found where it was, not called a look-alike."""
    twice = [PARAGRAPHS[0], PARAGRAPHS[1], "Earlier on Monday the regional mayor asked for an inquiry into why "
             "the survey that found the fault was not carried out before the tunnel was dug.", PARAGRAPHS[1]]
    fill = textwrap.TextWrapper(72, break_on_hyphens=False, break_long_words=False).fill
    path = tmp_path / "rail.yaml"
    for width in (72, 50):
        fill.__self__.width = width
        article = article_from_text("\n\n".join(fill(p) for p in twice) + "\n", path="rail.txt")
        before, summary = api.write_registry(path, api.analyse(article), article.text)
    assert summary.added == [] and summary.changed == []
    assert set(summary.anchors.values()) <= {"exact", "moved"}
    assert len(before.claims) >= 6


@pytest.mark.parametrize("width", [44, 50, 61, 72])
def test_a_quote_wrapped_across_lines_is_the_quote_of_the_unwrapped_text(width):
    # Straight quotation marks pair within a line unless the finder reads the paragraph with its wrapping
    # breaks as spaces: a quote cut by a wrap must still be found, with its speaker, and keep the text's own
    # characters (line breaks included) so its span validates.
    def quotes(text: str) -> list[tuple[str, str]]:
        registry = api.analyse(article_from_text(text))
        found = [m for c in registry.claims for m in c.mentions if m.kind.value == "quote"]
        for m in found:
            assert text[m.span.start : m.span.end] == m.text
        return sorted({(" ".join(m.text.split()), " ".join((m.attrs.speaker_name or "").split())) for m in found})

    assert quotes(_text(width)) == quotes(UNWRAPPED)
    assert quotes(UNWRAPPED)
