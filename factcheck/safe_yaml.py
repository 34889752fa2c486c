"""Bounds on the YAML the desk reads (registries, front matter): no alias bomb, no recursion overflow.

YAML aliases let 25 KB of text stand for billions of nodes ("billion laughs"); ruamel.yaml expands them
without a limit. ``check_aliases`` counts, from the parser's events and before any node is built, how many
nodes the aliases would add, and refuses past ``MAX_ALIAS_NODES``. Text without an anchor (every registry
the tool writes) skips the count.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
)

MAX_ALIAS_NODES = 10_000
MAX_DEPTH = 200
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]", re.MULTILINE)


class YamlLimitError(ValueError):
    """YAML past a limit: ``line`` (1-based) is where the limit was reached."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def check_limits(text: str) -> None:
    """Raise YamlLimitError when aliases would expand past MAX_ALIAS_NODES nodes or collections nest deeper
    than MAX_DEPTH. Syntax errors are left to the real parse."""
    if not _ANCHOR.search(text) and not _maybe_deep(text):
        return
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[None, 0]]  # [anchor, nodes inside so far]
    added = 0
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            if isinstance(event, AliasEvent):
                size = sizes.get(event.anchor, 1)
                added += size
                stack[-1][1] += size
                if added > MAX_ALIAS_NODES:
                    raise YamlLimitError(
                        f"YAML aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?); "
                        "write the values out",
                        line,
                    )
            elif isinstance(event, CollectionStartEvent):
                stack.append([event.anchor, 1])
                if len(stack) > MAX_DEPTH:
                    raise YamlLimitError(
                        f"nested more than {MAX_DEPTH} levels deep; a registry is a few levels deep", line
                    )
            elif isinstance(event, CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
                stack[-1][1] += size
            elif isinstance(event, NodeEvent):  # a scalar
                stack[-1][1] += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
    except YAMLError:
        return
    except RecursionError:
        raise YamlLimitError(f"nested more than {MAX_DEPTH} levels deep", None) from None


def _maybe_deep(text: str) -> bool:
    """Cheap screen for deep flow nesting (``[[[[...``) or deep indentation."""
    return (
        text.count("[") + text.count("{") > MAX_DEPTH
        and (re.search(r"[\[{]\s*[\[{]\s*[\[{]\s*[\[{]\s*[\[{]", text) is not None)
        or re.search(rf"^ {{{MAX_DEPTH * 2},}}\S", text, re.MULTILINE) is not None
    )
