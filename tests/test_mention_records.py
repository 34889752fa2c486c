"""The hand-written constructors of the frozen date and number records behave as the generated ones."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from factcheck.extract.dates import DateMention
from factcheck.extract.numbers import NumberMention


@pytest.mark.parametrize(
    "record",
    [
        DateMention(0, 6, "Friday", "friday", True, 4),
        DateMention(3, 13, "9 Aug 2024", "2024-08-09", False, date=dt.date(2024, 8, 9)),
        NumberMention(0, 4, "five", 5.0),
        NumberMention(0, 10, "five games", 5.0, count=5, noun="games"),
    ],
)
def test_records_are_frozen_dataclasses_with_every_field(record) -> None:
    fields = [f.name for f in dataclasses.fields(record)]
    assert list(vars(record)) == fields  # every field set, in order, nothing else
    assert record == dataclasses.replace(record) and hash(record) == hash(dataclasses.replace(record))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, fields[0], 99)


def test_defaults_are_those_declared() -> None:
    assert DateMention(0, 1, "x", None, True) == DateMention(0, 1, "x", None, True, None, None)
    assert NumberMention(0, 1, "5", 5.0).count is None and NumberMention(0, 1, "5", 5.0).noun is None
    assert repr(NumberMention(0, 1, "5", 5.0)) == "NumberMention(start=0, end=1, text='5', value=5.0, count=None, noun=None)"
