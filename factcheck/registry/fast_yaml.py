"""A fast emitter for the registry's fixed YAML layout, producing exactly the bytes ruamel.yaml produces.

ruamel.yaml's emitter is pure Python and walks every character through an event state machine; a
registry of a long article took most of `factcheck review`'s time to write. The registry's layout is
fixed (see ``yaml_io.to_yaml_tree``: block mappings and sequences, flow mappings for spans, contexts
and mentions, flow sequences for kinds and boilerplate), so it can be written directly. Each scalar's
style (plain, single- or double-quoted) is decided by ruamel's own analysis (``Emitter.analyze_scalar``
and its resolver), with a cached shortcut for text that is plain-safe by construction; the rules of
``Emitter.choose_scalar_style`` are mirrored below.

Anything this emitter cannot prove it writes exactly as ruamel would (a line long enough that ruamel
would wrap it, a line-break character it would fold, a ``None``, a nested list, a key that would need
quotes) raises :class:`Unsupported`; the caller then lets ruamel write that part. Tests compare both
emitters on generated registries.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from factcheck.registry.layout import FLOW_ITEM, FLOW_ITEM_KEYS, FLOW_MAP_KEYS, FLOW_SEQ_KEYS, WIDTH

_LINE_LIMIT = WIDTH - 96  # longer lines might be wrapped by ruamel: let ruamel write them
_STR_TAG = "tag:yaml.org,2002:str"


class Unsupported(Exception):
    """This value is not written by the fast emitter; ruamel.yaml writes it."""


# The state ruamel's Emitter.analyze_scalar reads, as yaml_io.yaml_instance() sets it up (YAML 1.2, unicode allowed).
_ANALYZER = SimpleNamespace(
    serializer=SimpleNamespace(use_version=None), allow_unicode=True, unicode_supplementary=True, allow_space_break=None
)
_resolver = VersionedResolver()

_UNI = "\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
# Text that is plain in block context by ruamel's analysis: starts with a letter or digit, no line break, no
# control character, no ": ", no " #", no trailing space. (Plain in flow context: also no ",[]{}".)
_BLOCK_PLAIN = re.compile(
    rf"[A-Za-z0-9{_UNI}]"
    rf"(?:[A-Za-z0-9 {_UNI}.,;'\"()%$/&+=_!?*\[\]{{}}<>^~|`@-]*[A-Za-z0-9{_UNI}.,;'\"()%$/&+=_!?*\[\]{{}}<>^~|`@-])?"
)
_FLOW_PLAIN = re.compile(
    rf"[A-Za-z0-9{_UNI}](?:[A-Za-z0-9 {_UNI}.;'\"()%$/&+=_!?*<>^~|`@-]*[A-Za-z0-9{_UNI}.;'\"()%$/&+=_!?*<>^~|`@-])?"
)

_ESCAPES = {ch: "\\" + e for ch, e in Emitter.ESCAPE_REPLACEMENTS.items()}
# Characters ruamel's write_double_quoted escapes (with allow_unicode): the rest is written as is.
_DQ_SPECIAL = re.compile('[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|["\\\\\x85\u2028\u2029\ufeff]')
_BREAKS = re.compile("[\n\x85\u2028\u2029]")

_styles: dict[tuple[str, bool], str] = {}


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch <= "\xff":
        return f"\\x{ord(ch):02X}"
    if ch <= "\uffff":
        return f"\\u{ord(ch):04X}"
    return f"\\U{ord(ch):08X}"


def _style(value: str, flow: bool) -> str:
    """'' (plain), "'" or '"': the style ruamel's emitter chooses for a string value (not a key)."""
    key = (value, flow)
    style = _styles.get(key)
    if style is not None:
        return style
    implicit = _resolver.resolve(ScalarNode, value, (True, False)) == _STR_TAG
    if implicit and (_FLOW_PLAIN if flow else _BLOCK_PLAIN).fullmatch(value):
        style = ""
    else:
        a = Emitter.analyze_scalar(_ANALYZER, value)  # type: ignore[arg-type]
        if implicit and (a.allow_flow_plain if flow else a.allow_block_plain):
            style = ""
        elif "'" in value or "\n" in value:
            style = '"'
        elif a.allow_single_quoted:
            style = "'"
        else:
            style = '"'
    if len(_styles) > 200_000:
        _styles.clear()
    _styles[key] = style
    return style


def quoted_style(value: str, flow: bool) -> str:
    """The style ruamel writes a loaded quoted string in: its own for a double-quoted one; single quotes for
    a single-quoted one unless its text cannot be single-quoted. ('' for a plain ``str``.)"""
    kind = type(value)
    if kind is DoubleQuotedScalarString:
        return '"'
    if kind is SingleQuotedScalarString:
        return "'" if Emitter.analyze_scalar(_ANALYZER, value).allow_single_quoted else '"'  # type: ignore[arg-type]
    raise Unsupported(f"scalar string of type {kind.__name__}")


def scalar(value: Any, flow: bool) -> str:
    """One scalar value as ruamel writes it (no line wrapping: callers check line lengths).

    A ``SingleQuotedScalarString``/``DoubleQuotedScalarString`` (a quoted value as ruamel loaded it, or a
    value the merge set in its place: ruamel's ``CommentedMap.__setitem__`` keeps the old value's quotes)
    keeps its quotes, as ruamel writes it."""
    if isinstance(value, str):
        style = _style(value, flow) if type(value) is str else quoted_style(value, flow)
        if style == "":
            return value
        if style == "'":
            if _BREAKS.search(value):
                raise Unsupported("line break in a single-quoted scalar")
            return "'" + value.replace("'", "''") + "'"
        return '"' + _DQ_SPECIAL.sub(_escape, value) + '"'
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int) and type(value) is int:
        return str(value)
    if type(value) is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise Unsupported("nan/inf")
        return repr(value).lower()
    raise Unsupported(f"value of type {type(value).__name__}")


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_keys: dict[str, bool] = {}


def loaded_tree(data: Any, key: Any = None, in_flow: bool = False) -> Any:
    """The ruamel nodes ruamel's round trip (``preserve_quotes``) loads from this emitter's text of ``data``:
    the registry's layout, and each string that the text quotes wrapped in its quoted-string type."""
    if isinstance(data, dict):
        flow_here = key in FLOW_MAP_KEYS or key == FLOW_ITEM
        node = CommentedMap()
        for k, v in data.items():
            node[k] = loaded_tree(v, k, in_flow or flow_here)
        if flow_here:
            node.fa.set_flow_style()
        return node
    if isinstance(data, list):
        flow_here = key in FLOW_SEQ_KEYS
        item_key = FLOW_ITEM if key in FLOW_ITEM_KEYS else None
        seq = CommentedSeq([loaded_tree(v, item_key, in_flow or flow_here) for v in data])
        if flow_here:
            seq.fa.set_flow_style()
        return seq
    if type(data) is str:
        style = _style(data, in_flow)
        return data if style == "" else (SingleQuotedScalarString if style == "'" else DoubleQuotedScalarString)(data)
    return data


def _key(key: Any) -> str:
    if type(key) is not str:
        raise Unsupported("non-string key")
    ok = _keys.get(key)
    if ok is None:
        ok = _keys[key] = bool(_KEY.fullmatch(key)) and _resolver.resolve(ScalarNode, key, (True, False)) == _STR_TAG
    if not ok:
        raise Unsupported(f"key {key!r}")
    return key


def flow(value: Any, in_seq: bool = False) -> str:
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)}: {flow(v)}" for k, v in value.items())
        # ruamel leaves out the braces of a single-entry mapping directly inside a flow sequence
        return inner if in_seq and len(value) == 1 else "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, True) for v in value) + "]"
    return scalar(value, True)


def block_map(out: list[str], data: dict, indent: int, first: str | None = None) -> None:
    """Append the lines of a block mapping at ``indent``; ``first`` is the text before the first key
    (``"  - "`` for a sequence item), else the first key is indented like the others."""
    pad = " " * indent
    for k, v in data.items():
        head = (first if first is not None else pad) + _key(k) + ":"
        first = None
        if isinstance(v, (dict, list)):
            is_map = isinstance(v, dict)
            if not v:
                out.append(head + (" {}" if is_map else " []"))
            elif k in (FLOW_MAP_KEYS if is_map else FLOW_SEQ_KEYS):
                out.append(head + " " + flow(v))
            else:
                out.append(head)
                if is_map:
                    block_map(out, v, indent + 2)
                else:
                    block_seq(out, v, indent + 2, items_flow=k in FLOW_ITEM_KEYS)
        else:
            out.append(head + " " + scalar(v, False))


def block_seq(out: list[str], items: list, dash: int, items_flow: bool = False) -> None:
    """Append the lines of a block sequence whose dashes are at column ``dash`` (items at ``dash + 2``)."""
    prefix = " " * dash + "- "
    for item in items:
        if isinstance(item, dict):
            if not item:
                out.append(prefix + "{}")
            elif items_flow:
                out.append(prefix + flow(item))
            else:
                block_map(out, item, dash + 2, first=prefix)
        elif isinstance(item, list):
            raise Unsupported("sequence in a sequence")
        else:
            out.append(prefix + scalar(item, False))


def _checked(lines: list[str]) -> list[str]:
    for line in lines:
        if len(line) > _LINE_LIMIT:
            raise Unsupported("line long enough for ruamel to wrap")
    return lines


def claim_lines(claim: dict) -> list[str]:
    """A claim as an item of the top-level ``claims`` sequence (``  - id: …``); raises Unsupported."""
    out: list[str] = []
    block_map(out, claim, 4, first="  - ")
    return _checked(out)


def dump_document(data: dict, claim_fallback, head_fallback) -> str:
    """The registry document (``format``, ``article``, ``claims``); ``claim_fallback(claim)`` and
    ``head_fallback(data_without_claims)`` give ruamel's text for the parts this emitter cannot write."""
    if "claims" in data and list(data)[-1] != "claims":
        return head_fallback(data)
    head = {k: v for k, v in data.items() if k != "claims"}
    claims = data.get("claims")
    try:
        lines: list[str] = []
        block_map(lines, head, 0)
        text = "\n".join(_checked(lines)) + "\n"
    except Unsupported:
        text = head_fallback(head)
    if "claims" not in data:
        return text
    if not claims or not isinstance(claims, list):
        try:
            return text + "claims: " + flow(claims) + "\n"
        except Unsupported:
            return head_fallback(data)
    parts = [text, "claims:\n"]
    for claim in claims:
        parts.append(claim_text(claim, claim_fallback))
    return "".join(parts)


def claim_text(claim: Any, fallback) -> str:
    """A claim item's text, from the fast emitter or (when it cannot) from ``fallback(claim)``."""
    if isinstance(claim, dict) and claim:
        try:
            return "\n".join(claim_lines(claim)) + "\n"
        except Unsupported:
            if type(claim) is dict:  # plain data (a loaded CommentedMap carries comments: ruamel writes it whole)
                return "".join(_claim_entries(claim, fallback))
    return fallback(claim)


def _claim_entries(claim: dict, fallback) -> list[str]:
    """A claim (plain data) written entry by entry: only the entries this emitter cannot write go to ``fallback``
    (ruamel), as one-entry claims. A claim whose text is one line too long to write here (a page with no full stop)
    keeps its mentions and flags on the fast path. "  - " and "    " are equally wide, so ruamel's text for a one-entry
    claim is the entry's text in the whole claim once its first line's dash is replaced."""
    parts = []
    for i, (key, value) in enumerate(claim.items()):
        try:
            text = "\n".join(claim_lines({key: value})) + "\n"
        except Unsupported:
            text = fallback({key: value})
        parts.append(text if i == 0 else "    " + text[4:])
    return parts
