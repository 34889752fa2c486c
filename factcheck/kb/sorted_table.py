"""A whole-KB index as one sorted table: for the indexes built once per process over tens of thousands of names."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SortedTable(Generic[K, V]):
    """key -> the values filed under it, in the order they were given: the (key, value) pairs as two flat tuples
    sorted by key (a stable sort), searched by bisection.

    A dict of every key's tuple makes one tuple per key, and tens of thousands of new objects make the garbage
    collector run full collections while they are built (the default KB's name index took ~0.45 s that way at
    the first review in each process); this makes two tuples, sorted in C."""

    def __init__(self, keys: Sequence[K], values: Sequence[V]) -> None:
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self._keys = tuple(map(keys.__getitem__, order))
        self._values = tuple(map(values.__getitem__, order))

    def get(self, key: K, default: tuple[V, ...] = ()) -> tuple[V, ...]:
        """The values filed under ``key``, in the order given; ``default`` for a key with none."""
        keys = self._keys
        return self._values[bisect_left(keys, key) : bisect_right(keys, key)] or default  # type: ignore[type-var]


# Sorts after every string that starts with a given prefix and goes on: the end of that prefix's run.
_AFTER_ANY_LETTER = chr(0x10FFFF)


def starting_with(strings: tuple[str, ...], prefix: str) -> tuple[str, ...]:
    """The run of ``strings`` (sorted) that start with ``prefix``, found by bisection."""
    return strings[bisect_left(strings, prefix) : bisect_left(strings, prefix + _AFTER_ANY_LETTER)]
