"""Term.overlaps: the one overlap test the desk layer (replacing terms) and the linker (listed holders) share."""

from datetime import date, timedelta

import pytest

from factcheck.kb.model import Term


def _term(start, end):
    return Term(person_id="Q1", office_id="o", start=start, end=end, source="test")


@pytest.mark.parametrize(
    ("a", "b", "margin", "expected"),
    [
        ((date(2001, 1, 20), date(2009, 1, 20)), (date(2009, 1, 20), date(2017, 1, 20)), 0, False),  # handover day
        ((date(2001, 1, 20), date(2009, 1, 20)), (date(2008, 1, 1), None), 0, True),  # an open end runs on
        ((None, date(2009, 1, 20)), (date(1990, 1, 1), date(1991, 1, 1)), 0, True),  # an unknown start is early
        ((date(2001, 1, 20), date(2009, 1, 30)), (date(2009, 1, 20), None), 0, True),  # ten days shared...
        ((date(2001, 1, 20), date(2009, 1, 30)), (date(2009, 1, 20), None), 14, False),  # ...within a handover
        ((date(2001, 1, 20), date(2009, 3, 1)), (date(2009, 1, 20), None), 14, True),  # more than a handover
    ],
)
def test_overlaps(a, b, margin, expected):
    first, second = _term(*a), _term(*b)
    assert first.overlaps(second, timedelta(days=margin)) is expected
    assert second.overlaps(first, timedelta(days=margin)) is expected
