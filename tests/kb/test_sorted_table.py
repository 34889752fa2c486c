"""SortedTable: a key's values in the order given, as a dict of tuples would hold them."""

import random

from factcheck.kb.sorted_table import SortedTable


def test_sorted_table_answers_what_a_dict_of_tuples_would():
    rng = random.Random(7)
    keys = [rng.choice(["abe", "kato", "suga", "lee", "xi", "a", ""]) for _ in range(500)]
    values = list(range(500))
    rng.shuffle(values)
    expected: dict[str, list[int]] = {}
    for k, v in zip(keys, values):
        expected.setdefault(k, []).append(v)
    table = SortedTable(keys, values)
    assert {k: table.get(k) for k in expected} == {k: tuple(v) for k, v in expected.items()}
    assert table.get("nobody") == () and table.get("nobody", ("x",)) == ("x",)
    assert table.get("ab") == () and table.get("zz") == ()  # between and after the keys


def test_sorted_table_of_numbers():
    table = SortedTable((3, 1, 3, 2), "abcd")
    assert table.get(3) == ("a", "c") and table.get(1) == ("b",) and table.get(0) == ()
