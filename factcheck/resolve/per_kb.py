"""Tables of values derived from one knowledge base (a title phrase's parse, a name's near misses), kept as long as
that KB object lives. A KB does not change once built (``KnowledgeBase.layered`` makes a new one for each desk
layer), so a table keyed on the KB object stays exact; it lives here, not inside the KB, because what is worth
remembering is the linker's and the rules' business, not the data's."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from factcheck.kb import KnowledgeBase

_TABLES: WeakKeyDictionary[KnowledgeBase, dict[str, Any]] = WeakKeyDictionary()


def table(kb: KnowledgeBase, name: str, build: Any = dict) -> Any:
    """The table ``name`` of ``kb`` (``build()`` the first time it is asked for)."""
    tables = _TABLES.get(kb)
    if tables is None:
        tables = _TABLES[kb] = {}
    found = tables.get(name)
    if found is None:
        found = tables[name] = build()
    return found
