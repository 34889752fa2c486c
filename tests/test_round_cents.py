"""round_cents gives the floats round(v, 2) gives, the halves and out-of-range values included."""

from __future__ import annotations

import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.extract.scoring import round_cents

# Values whose float product by 100 lands exactly on a half (k + 0.5) although the exact product does not, or does:
# the case rint alone would get wrong.
_HALVES = [0.125, -0.125, 0.285, 1.005, 2.675, 0.145, -0.145, 0.015, 0.005, -0.005, 1.115, 8.345, 0.575]


def _same(got: list[float], values: list[float]) -> bool:
    expected = [round(v, 2) for v in values]
    return [repr(g) for g in got] == [repr(e) for e in expected]  # repr: -0.0 and nan told apart


@settings(max_examples=400, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-50, max_value=50), max_size=40))
@example([0.0, -0.0, -0.001, -0.004])
def test_round_cents_is_round_to_two_places(values: list[float]) -> None:
    assert _same(round_cents(values), values)


@given(st.lists(st.integers(min_value=-10**6, max_value=10**6), min_size=1, max_size=40))
def test_round_cents_on_halves_of_a_cent(thousandths: list[int]) -> None:
    values = [(2 * k + 1) / 200 for k in thousandths] + [k / 1000 for k in thousandths]  # x.xx5, on or next to halves
    assert _same(round_cents(values), values)


def test_round_cents_leaves_doubtful_values_to_round() -> None:
    assert _same(round_cents(_HALVES), _HALVES)
    big = [0.5, 2.0**45 + 0.25, 1e300, -1e20 + 0.5]
    assert _same(round_cents(big), big)
    assert math.isnan(round_cents([0.1, math.nan])[1]) and round_cents([math.inf, 0.1]) == [math.inf, 0.1]
    assert round_cents([]) == []
