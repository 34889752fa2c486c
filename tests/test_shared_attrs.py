"""An article's mentions with the same attributes share one validated ``MentionAttrs`` (``mentions._SharedAttrs``):
the same values as one model each, and attributes are still validated (a bad value is refused)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from factcheck.article import article_from_text
from factcheck.extract import mentions as M
from factcheck.models import MentionAttrs, MentionKind
from factcheck.text.segment import segment


def test_equal_attributes_are_one_object_with_the_same_values():
    text = (
        "Japan and France met on Monday.\n\nJapan said on Monday that France had agreed. "
        "Officials in Japan said little."
    )
    doc = segment(article_from_text(text))
    mentions = M.find_mentions(doc, {"Japan": "JP", "France": "FR"})
    japan = [m.attrs for m in mentions if m.kind is MentionKind.COUNTRY and m.text == "Japan"]
    mondays = [m.attrs for m in mentions if m.kind is MentionKind.DATE and m.text.endswith("Monday")]
    assert len(japan) == 3 and len(mondays) == 2
    assert all(a is japan[0] for a in japan) and all(a is mondays[0] for a in mondays)
    assert japan[0] == MentionAttrs(country="JP") and japan[0].model_fields_set == {"country"}
    assert mondays[0] == MentionAttrs(relative=True, weekday=0)
    france = [m.attrs for m in mentions if m.kind is MentionKind.COUNTRY and m.text == "France"]
    assert france[0] is not japan[0] and france[0] == MentionAttrs(country="FR")


def test_attributes_are_validated_once_and_still_refused_when_wrong():
    shared = M._SharedAttrs()
    with pytest.raises(ValidationError):
        shared({"weekday": 9})
    with pytest.raises(ValidationError):
        shared({"no_such_attribute": 1})
    first = shared({"count": 3, "noun": "nations"})
    assert shared({"count": 3, "noun": "nations"}) is first
    assert shared({"count": 4, "noun": "nations"}) is not first
