"""Surname-only references ("Kato said") found by ``str.find`` per surname equal those of a left-to-right scan
of word starts that tries the longest surname first (the implementation this replaced, kept here as the
reference; the surname is the last word, or the first of a name written surname first, "Li Kato"); each refers to the full mention with that surname named last before it."""

from __future__ import annotations

import bisect
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.article import article_from_text
from factcheck.extract import mentions as M
from factcheck.extract.entities import surname_of
from factcheck.models import MentionKind
from factcheck.text.segment import segment


def _reference(text, doc, found):
    people = [m for m in found if m.kind is MentionKind.PERSON and " " in m.text]
    by_surname, first_seen = {}, {}
    for p in people:
        surname = surname_of(p.text)
        if surname[:1].isupper() and len(surname) > 2:
            by_surname.setdefault(surname, p.text)
            first_seen.setdefault(surname, p.span.end)
    taken = sorted((m.span.start, m.span.end) for m in found
                   if m.kind in (MentionKind.PERSON, MentionKind.ORGANISATION, MentionKind.COUNTRY))
    starts = [s for s, _ in taken]
    reach = list(itertools.accumulate((e for _, e in taken), max))
    longest_first = sorted(by_surname, key=len, reverse=True)
    out = []
    for sentence in doc.sentences:
        pos = sentence.start
        for i in range(sentence.start, sentence.end):
            word_start = M.is_word_char(text[i]) and (i == 0 or not M.is_word_char(text[i - 1]))
            if i < pos or not word_start:
                continue
            for surname in longest_first:
                stop = i + len(surname)
                if stop > sentence.end or not text.startswith(surname, i) or not M.is_word_char(surname[-1]):
                    continue
                if stop == sentence.end or not (M.is_word_char(text[stop]) or text[stop] in "’'-"):
                    break
            else:
                continue
            pos = stop
            k = bisect.bisect_right(starts, i) - 1
            if i < first_seen[surname] or (k >= 0 and reach[k] > i):
                continue
            # the full mention with that surname named last before it ("Clinton" after Bill, then Hillary Clinton)
            before = [p for p in people if surname_of(p.text) == surname and p.span.end <= i]
            out.append((surname, i, stop, max(before, key=lambda p: p.span.end).text))
    return out


_PIECES = st.sampled_from(
    ["Ann Kato", "Kato", "Katoh", "Kato-Smith", "Kato's", "Kato’s", "_Kato", "kato", "Bo Li", "Li", "Lee",
     "Mary Lee", "Lee Ann", "Bank of Kato", "Japan", " ", "  ", "\n\n", ". ", "said", "met", ",", "é", "Ökan",
     "Ali Ökan", "Ökan", "1Kato", "Kato2", "\"", "Mr", "Dr Jo Ann Kato", "Jo Kato-Smith", "Bo Smith", "Smith"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=25).map(" ".join))
def test_surname_references_equal_the_word_start_scan(text: str) -> None:
    text = "Headline\n\n" + text + "\n"
    doc = segment(article_from_text(text))
    found = [m for m in M.find_mentions(doc, {"Japan": "Q17"}) if m.attrs.refers_to is None]
    got = [(m.text, m.span.start, m.span.end, m.attrs.refers_to) for m in M._surname_mentions(text, doc, found)]
    assert got == _reference(text, doc, found), text


def test_a_surname_inside_a_longer_surname_already_matched_is_not_matched_again() -> None:
    text = "Headline\n\nJo Kato-Smith met Bo Smith. He said Kato-Smith agreed.\n"
    doc = segment(article_from_text(text))
    found = [m for m in M.find_mentions(doc, {}) if m.attrs.refers_to is None]
    got = [(m.text, m.span.start) for m in M._surname_mentions(text, doc, found)]
    assert got == [(t, s) for t, s, _, _ in _reference(text, doc, found)] == [("Kato-Smith", text.index("Kato-Smith agreed"))]
