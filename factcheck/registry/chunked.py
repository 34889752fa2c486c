"""Fast reading and writing of an existing registry: ruamel.yaml's round trip only where an editor wrote.

A registry file is split at its top-level claim items (the tool writes each claim at ``  - ``, right
under ``claims:``). The whole file is parsed once with libyaml (PyYAML's C ``CSafeLoader``); a claim
item whose text is exactly what the tool would write for that data (the fast emitter's output, which is
ruamel's) is *pristine*: it holds no comment and no formatting of an editor's, and ruamel would read the
same data from it. Pristine claims become the ruamel nodes ruamel would have loaded from them
(``fast_yaml.loaded_tree``: the tool's layout, quoted strings as quoted-string types, whose quotes a merge keeps like
ruamel does) and are written back by the fast emitter. Every other claim item — a comment, a hand-written review, a
quote an editor added, anything unusual — is parsed and written by ruamel's round trip on its own, so its comments and
formatting survive as they do today. The small head of the file (header comments, ``format``, ``article``) always goes
through ruamel.

Any doubt sends the whole file to the plain ruamel round trip: no libyaml, a layout other than the
tool's, an item count that does not match, a head that does not end at ``claims:``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import Comment, CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelYAMLError

from factcheck.registry import fast_yaml

try:
    import yaml as _pyyaml

    _CLoader = _pyyaml.CSafeLoader
except (ImportError, AttributeError):  # no PyYAML or no libyaml: the ruamel round trip does it all
    _pyyaml, _CLoader = None, None

_MARKER = "\nclaims:\n"
_ITEM = re.compile(r"^  - ", re.M)
_ODD_BREAKS = re.compile("[\x85\u2028\u2029\r]")  # read differently by libyaml and ruamel in places
ATTR = "_factcheck_chunks"


@dataclass
class Chunks:
    """What the chunked loader knows about a tree: which claim nodes an editor's text came from."""

    roots: dict[int, Any] = field(default_factory=dict)  # id(claim node) → the ruamel document of its own item


def split(text: str) -> tuple[str, list[str]] | None:
    """The head (through the ``claims:`` line) and the claim items' texts, or None if the layout is not the tool's."""
    if text.count(_MARKER) != 1 or not text.endswith("\n"):
        return None
    cut = text.index(_MARKER) + len(_MARKER)
    head, body = text[:cut], text[cut:]
    starts = [m.start() for m in _ITEM.finditer(body)]
    if not starts or starts[0] != 0:
        return None
    return head, [body[s:e] for s, e in zip(starts, starts[1:] + [len(body)])]


def _pristine(chunk: str, data: Any) -> bool:
    if not isinstance(data, dict) or not data or _ODD_BREAKS.search(chunk):
        return False
    try:
        lines = fast_yaml.claim_lines(data)
    except fast_yaml.Unsupported:
        return False
    return len(chunk) == sum(len(line) + 1 for line in lines) and chunk == "\n".join(lines) + "\n"


def load(text: str, yaml, plain: Callable) -> tuple[CommentedMap, dict] | None:
    """(tree, its plain data) or None when this file needs the full round trip."""
    if _CLoader is None:
        return None
    parts = split(text)
    if parts is None:
        return None
    head_text, chunks = parts
    try:
        data = _pyyaml.load(text, Loader=_CLoader)
    except Exception:  # libyaml reads YAML 1.1 and may refuse what ruamel accepts: let ruamel decide
        return None
    if not (
        isinstance(data, dict)
        and list(data)[-1:] == ["claims"]
        and isinstance(data["claims"], list)
        and len(data["claims"]) == len(chunks)
    ):
        return None
    try:
        head = yaml.load(head_text)
        if not (
            isinstance(head, CommentedMap)
            and list(head)[-1:] == ["claims"]
            and head["claims"] is None
            and "claims" not in head.ca.items
        ):
            return None
        info, seq, claims = Chunks(), CommentedSeq(), []
        for chunk, item in zip(chunks, data["claims"]):
            if _pristine(chunk, item):
                node = fast_yaml.loaded_tree(item)
                claims.append(item)
            else:
                root = yaml.load("claims:\n" + chunk)
                if not (
                    isinstance(root, CommentedMap)
                    and list(root) == ["claims"]
                    and isinstance(root["claims"], CommentedSeq)
                    and len(root["claims"]) == 1
                ):
                    return None
                node = root["claims"][0]
                info.roots[id(node)] = root
                claims.append(plain(node))
            seq.append(node)
    except RuamelYAMLError:
        return None
    head["claims"] = seq
    setattr(head, ATTR, info)
    return head, {**{str(k): plain(v) for k, v in head.items() if k != "claims"}, "claims": claims}


def has_comments(node: Any) -> bool:
    if isinstance(node, (CommentedMap, CommentedSeq)):
        ca = getattr(node, Comment.attrib, None)
        if ca is not None and (ca.comment or ca.end or any(any(t is not None for t in v) for v in ca.items.values())):
            return True
        values = node.values() if isinstance(node, CommentedMap) else node
        return any(has_comments(v) for v in values)
    return False


def dump(tree: CommentedMap, yaml_factory: Callable, ruamel_claim_text: Callable) -> str | None:
    """The tree as YAML, or None when it must be written whole by ruamel (the caller does that)."""
    info: Chunks | None = getattr(tree, ATTR, None)
    seq = tree.get("claims") if info is not None else None
    if not isinstance(seq, CommentedSeq) or not seq or list(tree)[-1] != "claims" or "claims" in tree.ca.items:
        return None
    parts = []
    for node in seq:
        root = info.roots.get(id(node))
        if root is not None and root["claims"][0] is node:
            parts.append(_dump_item_root(root, yaml_factory))
        elif has_comments(node):
            parts.append(ruamel_claim_text(node))
        else:
            parts.append(fast_yaml.claim_text(node, lambda _, node=node: ruamel_claim_text(node)))
    del tree["claims"]
    try:
        stream = io.StringIO()
        yaml_factory().dump(tree, stream)
    finally:
        tree["claims"] = seq
    return stream.getvalue() + "claims:\n" + "".join(parts)


def _dump_item_root(root: CommentedMap, yaml_factory: Callable) -> str:
    stream = io.StringIO()
    yaml_factory().dump(root, stream)
    text = stream.getvalue()
    assert text.startswith("claims:\n"), text[:40]
    return text[len("claims:\n") :]
