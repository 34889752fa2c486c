"""Tests for factcheck.text.sentences: tricky cases, span properties, labelled-set score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.sentences import split_sentences

LABELS = Path(__file__).parent / "data" / "sentence_boundaries.jsonl"

TRICKY = [
    ("The bridge is approx. 12 km long. It opened in May.",
     ["The bridge is approx. 12 km long.", "It opened in May."]),
    ("Pres. Obama arrived late. He spoke.", ["Pres. Obama arrived late.", "He spoke."]),
    ("She moved to Washington, D.C. Her sister stayed.", ["She moved to Washington, D.C.", "Her sister stayed."]),
    ("U.S. officials declined to comment.", ["U.S. officials declined to comment."]),
    ("The talks stalled in the U.S. The Europeans left.", ["The talks stalled in the U.S.", "The Europeans left."]),
    ("Mr. Smith met Dr. Jones in St. Louis.", ["Mr. Smith met Dr. Jones in St. Louis."]),
    ("Talks at No. 10 ended on Jan. 5 at 9 p.m. Nothing was agreed.",
     ["Talks at No. 10 ended on Jan. 5 at 9 p.m.", "Nothing was agreed."]),
    ("It starts at 10 a.m. Eastern time.", ["It starts at 10 a.m. Eastern time."]),
    ("Profits rose to $1.13bn. Sales rose 3.5%.", ["Profits rose to $1.13bn.", "Sales rose 3.5%."]),
    ("He paused... Then he left. It was... well, odd.", ["He paused...", "Then he left.", "It was... well, odd."]),
    ("J. K. Rowling and George W. Bush met.", ["J. K. Rowling and George W. Bush met."]),
    ("Acme Inc. said no. It was sold to Acme Inc. The price was secret.",
     ["Acme Inc. said no.", "It was sold to Acme Inc.", "The price was secret."]),
    ('She said: "We will win." The crowd cheered.', ['She said: "We will win."', "The crowd cheered."]),
    ("She said: “We will win.” The crowd cheered.", ["She said: “We will win.”", "The crowd cheered."]),
    ("“Where is it?” he asked. Nobody answered.", ["“Where is it?” he asked.", "Nobody answered."]),
    ("“Are you going?” Maria asked. No.", ["“Are you going?” Maria asked.", "No."]),
    ("Steps:\n1. Check the claim.\n2. Find the source.",
     ["Steps:", "1. Check the claim.", "2. Find the source."]),
    ("Visit www.example.org/a.html or mail desk@example.com. We reply.",
     ["Visit www.example.org/a.html or mail desk@example.com.", "We reply."]),
    ("DALLAS (AP) — Officials said the fire — a big one — was out. Nobody was hurt.",
     ["DALLAS (AP) — Officials said the fire — a big one — was out.", "Nobody was hurt."]),
    ("Election night in Ohio\nPolls closed at 7.30pm.", ["Election night in Ohio", "Polls closed at 7.30pm."]),
    ("The minister said the figures were\nwrong.", ["The minister said the figures were\nwrong."]),
    ("Sen. Elizabeth Warren (D-Mass.) spoke. Gov. Kasich followed.",
     ["Sen. Elizabeth Warren (D-Mass.) spoke.", "Gov. Kasich followed."]),
    ("He sold it on eBay. eBay agreed.", ["He sold it on eBay.", "eBay agreed."]),
    ("the tsunami.Steve will write.", ["the tsunami.", "Steve will write."]),
    ("Is it true?! Yes.", ["Is it true?!", "Yes."]),
    ("Ad sales boost Time Warner profit", ["Ad sales boost Time Warner profit"]),
    ("It was bad. … It’s always how they handle it.", ["It was bad.", "… It’s always how they handle it."]),
    ("(Ae Fond Kiss... ). Shane Meadows won.", ["(Ae Fond Kiss... ).", "Shane Meadows won."]),
    ("The case was Roe v. Wade. It was 1973.", ["The case was Roe v. Wade.", "It was 1973."]),
    ("  \n ", []),
    ("", []),
]


@pytest.mark.parametrize("text,expected", TRICKY)
def test_tricky_cases(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_offsets_are_absolute_inside_the_range() -> None:
    text = "Headline\n\nFirst one. Second one.\n\nOther paragraph."
    start = text.index("First")
    end = text.index("\n\nOther")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]
    assert spans[0][0] == start


def _check_spans(text: str, start: int, end: int | None) -> None:
    spans = split_sentences(text, start, end)
    lo = max(0, start)
    hi = len(text) if end is None else max(lo, min(end, len(text)))
    prev_end = lo
    covered = set()
    for s, e in spans:
        assert prev_end <= s < e <= hi
        piece = text[s:e]
        assert piece == piece.strip() and piece
        covered.update(range(s, e))
        prev_end = e
    for i in range(lo, hi):
        if not text[i].isspace():
            assert i in covered


@settings(max_examples=400, deadline=None)
@given(st.text(), st.integers(min_value=-3, max_value=60), st.one_of(st.none(), st.integers(-3, 80)))
def test_any_text_gives_valid_spans(text: str, start: int, end: int | None) -> None:
    _check_spans(text, start, end)


NEWSY = st.sampled_from(list("Ab. ?!…\"'”’“‘()\n\t\xa0,1eB-") + ["Mr.", "U.S.", " the ", "...", ". . .", "eBay", "\n\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(NEWSY, max_size=12).map("".join))
def test_punctuation_heavy_text_gives_valid_spans(text: str) -> None:
    _check_spans(text, 0, None)


def _labelled_items() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_labelled_set_is_well_formed() -> None:
    items = _labelled_items()
    assert len(items) >= 300
    assert len({it["id"] for it in items}) == len(items)
    for it in items:
        assert it["label"] in (0, 1)
        if it["source"] is not None:  # real article: only a short context is stored
            assert len(it["left"]) <= 40 and len(it["right"]) <= 40
        else:
            assert it["offset"] == len(it["left"])


def test_labelled_set_f1() -> None:
    """Score on committed text only: the hand-written items in full, real items on their context windows."""
    tp = fp = fn = 0
    for it in _labelled_items():
        window = it["left"] + it["right"]
        predicted = len(it["left"]) in {e for _s, e in split_sentences(window)}
        tp += predicted and it["label"]
        fp += predicted and not it["label"]
        fn += not predicted and it["label"]
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.98, (precision, recall, f1)
