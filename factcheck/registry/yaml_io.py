"""Reading and writing registry YAML with ruamel.yaml, and pointing validation errors at file:line:col."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import process
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarbool import ScalarBoolean

from factcheck.errors import FactcheckError, RegistryError
from factcheck.files import read_bounded
from factcheck.models import Registry, Review
from factcheck.registry import chunked, fast_yaml, layout
from factcheck.registry.schema import MODELINE_PREFIX, SCHEMA_FILE
from factcheck.safe_yaml import YamlLimitError, check_limits

# The schema beside the registry; ``factcheck review`` points it at the project's schema file (``schema.modeline``).
SCHEMA_MODELINE = MODELINE_PREFIX + SCHEMA_FILE
HEADER = (
    f"{SCHEMA_MODELINE}\n"
    "# factcheck claim registry. Yours to edit: each claim's `review` block, each flag's `disposition`\n"
    "# and `reason`, and claims you add by hand. Everything else is rewritten by `factcheck review`.\n"
)


def yaml_instance() -> YAML:
    yaml = YAML()  # round-trip: keeps comments, key order and formatting of what editors wrote
    yaml.width = layout.WIDTH
    yaml.indent(mapping=layout.MAPPING_INDENT, sequence=layout.SEQUENCE_INDENT, offset=layout.SEQUENCE_OFFSET)
    yaml.preserve_quotes = True
    return yaml


def _flow(data: dict) -> CommentedMap:
    node = CommentedMap(data)
    node.fa.set_flow_style()
    return node


def to_yaml_tree(data: Any, key: str | None = None) -> Any:
    """Plain JSON-like data → ruamel nodes with the registry's layout."""
    if isinstance(data, dict):
        node = CommentedMap()
        for k, v in data.items():
            node[k] = to_yaml_tree(v, k)
        if key in layout.FLOW_MAP_KEYS or key == layout.FLOW_ITEM:
            node.fa.set_flow_style()
        return node
    if isinstance(data, list):
        seq = CommentedSeq()
        for item in data:
            seq.append(to_yaml_tree(item, layout.FLOW_ITEM if key in layout.FLOW_ITEM_KEYS else None))
        if key in layout.FLOW_SEQ_KEYS:
            seq.fa.set_flow_style()
        return seq
    return data


def registry_to_data(registry: Registry) -> dict:
    """The registry as plain data in the order editors read it; empty optional fields left out."""
    data = registry.model_dump(mode="json", exclude_none=True)
    for claim in data["claims"]:
        tidy_claim_data(claim)
    if not data["article"].get("boilerplate"):
        data["article"].pop("boilerplate", None)
    return data


def tidy_claim_data(claim: dict) -> dict:
    """Leave out a claim's empty optional parts (in place), the way registries are written."""
    for mention in claim.get("mentions", []):
        if not mention.get("attrs"):
            mention.pop("attrs", None)
    for empty in ("mentions", "flags"):
        if not claim.get(empty):
            claim.pop(empty, None)
    for flag in claim.get("flags", []):
        if not flag.get("evidence"):
            flag.pop("evidence", None)
    review = claim.get("review", {})
    if not review.get("evidence"):
        review.pop("evidence", None)
    return claim


def dump_registry(registry: Registry) -> str:
    """A registry as YAML text, byte-identical for the same registry (and to what ruamel.yaml writes)."""
    return HEADER + dump_data(registry_to_data(registry))


def dump_data(data: dict) -> str:
    """Registry data (``registry_to_data``) as YAML: the fast emitter, ruamel.yaml for any part it cannot write."""
    return fast_yaml.dump_document(data, ruamel_claim_text, ruamel_text)


def ruamel_text(data: Any) -> str:
    """Plain data in the registry's layout, written by ruamel.yaml (the reference the fast emitter matches)."""
    stream = io.StringIO()
    yaml_instance().dump(to_yaml_tree(data), stream)
    return stream.getvalue()


def ruamel_claim_text(claim: Any) -> str:
    """One claim as an item of the top-level ``claims`` sequence, written by ruamel.yaml."""
    return _strip_claims_key(ruamel_text({"claims": [claim]}))


def _strip_claims_key(text: str) -> str:
    assert text.startswith("claims:\n"), text[:40]
    return text[len("claims:\n") :]


# A registry is a few MB for the longest article; anything far larger is not one (or is a device).
MAX_REGISTRY_BYTES = 256 * 2**20
_SURROGATE_ESCAPE = re.compile(r"\\(?:u0*[dD][89a-fA-F][0-9a-fA-F]{2}|U0*[dD][89a-fA-F][0-9a-fA-F]{2})")


def decode_registry(raw: bytes, path: str = "<registry>") -> str:
    """A registry file's bytes as text: UTF-8, no NUL; otherwise one RegistryError naming the line and the fix."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RegistryError("is UTF-16 text; save it as UTF-8 (a registry is always UTF-8)", path=path, line=1)
    nul = raw.find(b"\0")
    if nul >= 0:
        raise RegistryError(
            f"holds a NUL byte (byte {nul}); a registry is UTF-8 text: remove it or restore the file from git",
            path=path,
            line=raw.count(b"\n", 0, nul) + 1,
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RegistryError(
            f"byte {exc.start} is not valid UTF-8 (0x{raw[exc.start]:02x}); save the file as UTF-8",
            path=path,
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None


def load_registry_text(text: str, path: str = "<registry>") -> tuple[Registry, Any]:
    """Parse and validate registry YAML, within bounds (``safe_yaml``); every failure is one RegistryError."""
    escape = _SURROGATE_ESCAPE.search(text)
    if escape:
        raise RegistryError(
            f"{escape.group(0)} is half of a UTF-16 surrogate pair, not a character; write the character itself",
            path=path,
            line=text.count("\n", 0, escape.start()) + 1,
        )
    try:
        check_limits(text)
        return _load_registry_text(text, path)
    except YamlLimitError as exc:
        raise RegistryError(str(exc), path=path, line=exc.line) from None
    except RecursionError:
        raise RegistryError("nested too deeply to be a registry", path=path) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits, a date YAML cannot build
        raise _unreadable_value(exc, text, path) from None


_DATE_LIKE = re.compile(r"^\s*(?:- )?([\w-]+):\s+['\"]?(\d{4})-(\d{1,2})-(\d{1,2})['\"]?\s*(?:#.*)?$", re.MULTILINE)


def _unreadable_value(exc: ValueError, text: str, path: str) -> RegistryError:
    """A value YAML reads but cannot build. The commonest is a date that does not exist (``reviewed: 2024-13-45``):
    named with its line and the fix; anything else as the parser's reason."""
    for match in _DATE_LIKE.finditer(text):
        try:
            dt.date(*map(int, match.group(2, 3, 4)))
        except ValueError as why:
            value = "-".join(match.group(2, 3, 4))
            return RegistryError(
                f"{match.group(1)}: {value} is not a date that exists ({why}); write a real date as "
                f"YYYY-MM-DD, e.g. {match.group(1)}: 2024-08-10",
                path=path,
                line=text.count("\n", 0, match.start()) + 1,
            )
    return RegistryError(f"a value cannot be read: {exc}", path=path)


def _load_registry_text(text: str, path: str = "<registry>") -> tuple[Registry, Any]:
    """Parse and validate registry YAML; errors name file:line:col, the field, and the closest valid key.

    Claims exactly as the tool wrote them are read by libyaml (see ``chunked``); the rest by ruamel's
    round trip. An invalid registry is read again wholly by ruamel, whose nodes know their lines.
    """
    yaml = yaml_instance()
    fast = chunked.load(text, yaml, plain)
    if fast is not None:
        tree, data = fast
        try:
            return validate_tree(tree, path, data=data), tree
        except RegistryError:
            pass
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        raise _syntax_error(exc, text, path) from None
    if not isinstance(tree, dict):
        raise RegistryError("a registry is a mapping with `format`, `article` and `claims`", path=path, line=1)
    return validate_tree(tree, path), tree


_KEY_VALUE = re.compile(r"^(\s*(?:- )?)([\w-]+):\s+(.*?)\s*$")
_OPENING_QUOTE = re.compile(r"^\s*(?:- )?[\w-]+:\s+([\"'])")


def _syntax_error(exc: MarkedYAMLError, text: str, path: str) -> RegistryError:
    """A YAML syntax error as one line: where the editor's slip is (not only where the parser gave up) and its fix."""
    mark = exc.problem_mark
    line, column = (mark.line, mark.column) if mark else (None, None)
    lines = text.split("\n")
    opened = _unclosed_quote(exc, lines, line)
    if opened is not None:
        line, column = opened, None
        hint = "; the quote opened on this line is not closed on it: close it (a quoted value ends on its own line)"
    else:
        hint = _syntax_hint(exc.problem or "", lines, line)
    return RegistryError(
        f"YAML does not parse: {exc.problem}{hint}",
        path=path,
        line=None if line is None else line + 1,
        column=None if column is None else column + 1,
    )


def _unclosed_quote(exc: MarkedYAMLError, lines: list[str], line: int | None) -> int | None:
    """The line (0-based) of a ``key: "value`` whose quote runs on to where the parser failed, if that is the slip:
    the quote opened there is closed by the first quote of the same kind below it, on the failing line."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return exc.context_mark.line
    if line is None or not 0 <= line < len(lines):
        return None
    for start in range(line - 1, max(-1, line - 200), -1):
        match = _OPENING_QUOTE.match(lines[start])
        if match:
            quote = match.group(1)
            if (
                _quotes(lines[start][match.end() :], quote) % 2 == 0
                and _quotes(lines[line], quote)
                and all(_quotes(lines[i], quote) == 0 for i in range(start + 1, line))
            ):
                return start
    return None


def _quotes(text: str, quote: str) -> int:
    """How many ``quote`` characters in ``text`` end or start a quoted value (escaped and doubled ones left out)."""
    return len(re.findall(r'(?<!\\)"', text)) if quote == '"' else len(re.findall(r"'", text.replace("''", "")))


def _syntax_hint(problem: str, lines: list[str], line: int | None) -> str:
    """The fix for the YAML mistakes editors make most, from the parser's complaint and the offending line."""
    here = lines[line] if line is not None and 0 <= line < len(lines) else ""
    match = _KEY_VALUE.match(here)
    if "mapping values are not allowed" in problem:
        if match and ": " in match.group(3):
            return f'; a value holding ": " must be quoted: {match.group(2)}: {_quoted(match.group(3))}'
        above = next((lines[i] for i in range((line or 0) - 1, -1, -1) if lines[i].strip()), "")
        if match and _indent(above) < _indent(here) and _KEY_VALUE.match(above):
            return (
                f"; this key is indented more than the one above it ({_indent(here)} spaces, not {_indent(above)}):"
                " keys of one block start in the same column"
            )
        return '; a value holding ": " must be quoted ("...")'
    if "\\t" in problem or "\t" in problem or "\t" in here[: len(here) - len(here.lstrip())]:
        return "; a tab: YAML indents with spaces only, replace the tab on this line with spaces"
    if "sequence entries are not allowed" in problem and match and match.group(3).startswith("- "):
        return f'; a value starting with "- " must be quoted: {match.group(2)}: {_quoted(match.group(3))}'
    if "expected <block end>" in problem and match and match.group(3)[:1] in "\"'":
        return "; text after the closing quote: put the whole value inside the quotes"
    if "cannot start any token" in problem and match and match.group(3)[:1] in "@`%|>*&!":
        return (
            f"; a value starting with {match.group(3)[0]!r} must be quoted: {match.group(2)}: {_quoted(match.group(3))}"
        )
    return ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class RegistryErrors(RegistryError):
    """Several validation errors in one registry: the first as the message (with how many more), all in
    ``errors`` (each a RegistryError naming file:line:col, the claim's field and the fix)."""

    def __init__(self, errors: list[RegistryError]):
        first = errors[0]
        more = len(errors) - 1
        suffix = (
            f" (and {more} more error{'s' if more > 1 else ''}: `factcheck validate {first.path}` lists them)"
            if more
            else ""
        )
        super().__init__(first.message + suffix, path=first.path, line=first.line, column=first.column)
        self.errors = errors


class ClaimDraft(BaseModel):
    """A claim an editor added by writing only its quote; `factcheck review` anchors it and fills the rest."""

    model_config = ConfigDict(extra="forbid")
    quote: str = Field(min_length=1)
    occurrence: int | None = Field(default=None, ge=1)
    origin: Literal["editor"] = "editor"
    review: Review | None = None


def is_draft(node: Any) -> bool:
    return isinstance(node, dict) and "id" not in node and "quote" in node


def validate_tree(tree: Any, path: str = "<registry>", data: Any = None) -> Registry:
    """The registry model of a loaded tree (editor drafts checked on their own and left out);
    ``data`` is ``plain(tree)`` when the caller has it already."""
    data = plain(tree) if data is None else data
    claims = data.get("claims") if isinstance(data, dict) else None
    kept = list(range(len(claims))) if isinstance(claims, list) else []
    if isinstance(claims, list):
        kept = [i for i, c in enumerate(claims) if not is_draft(c)]
        for i, c in enumerate(claims):
            if is_draft(c):
                try:
                    ClaimDraft.model_validate(c)
                except ValidationError as exc:
                    raise _located_error(exc, tree, path, prefix=["claims", i], model=ClaimDraft) from None
        data = {**data, "claims": [claims[i] for i in kept]}
    try:
        registry = Registry.model_validate(data)
    except ValidationError as exc:
        raise _located_error(exc, tree, path, kept=kept) from None
    _check_unique_ids(registry, tree, kept, path)
    return registry


def _check_unique_ids(registry: Registry, tree: Any, kept: list[int], path: str) -> None:
    seen: dict[str, int] = {}
    for n, claim in enumerate(registry.claims):
        if claim.id in seen:
            i = kept[n]
            node = tree["claims"][i]
            try:
                line, column = node.lc.key("id")
            except (AttributeError, KeyError, TypeError):  # a node built from data has no position
                line, column = None, None
            raise RegistryError(
                f"claims.{i}.id: {claim.id!r} is already the id of claim {kept[seen[claim.id]]}; ids must be unique "
                "(to add a claim by hand write only `quote:`, without an id)",
                path=path,
                line=None if line is None else line + 1,
                column=None if column is None else column + 1,
            )
        seen[claim.id] = n


def dump_tree(tree: Any, *, header: bool = False) -> str:
    """A loaded (and merged) registry tree back to YAML, comments and formatting as they were."""
    text = chunked.dump(tree, yaml_instance, ruamel_node_claim_text)
    if text is None:
        stream = io.StringIO()
        yaml_instance().dump(tree, stream)
        text = stream.getvalue()
    return HEADER + text if header else text


def ruamel_node_claim_text(node: Any) -> str:
    """A loaded (and merged) claim node as an item of the top-level ``claims`` sequence, by ruamel.yaml."""
    root = CommentedMap()
    root["claims"] = CommentedSeq([node])
    stream = io.StringIO()
    yaml_instance().dump(root, stream)
    return _strip_claims_key(stream.getvalue())


def load_registry(path: Path | str) -> tuple[Registry, Any]:
    path = Path(path)
    if not path.is_file():
        raise RegistryError("no such registry file", path=path)
    try:
        raw = read_bounded(path, MAX_REGISTRY_BYTES, what="registry")
    except FactcheckError as exc:
        raise RegistryError(exc.message, path=path) from None
    return load_registry_text(decode_registry(raw, str(path)), str(path))


def plain(node: Any) -> Any:
    """ruamel nodes → plain dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, (bool, ScalarBoolean)):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, dt.date):  # a date an editor wrote unquoted reads as the ISO text the tool writes
        return node.isoformat()
    return node


_plain = plain

# What an editor most likely meant by a value YAML reads as a boolean (or a yes/no word), per field.
BOOLEAN_HINTS = {
    "status": {
        True: "accurate",
        False: "inaccurate",
        "yes": "accurate",
        "no": "inaccurate",
        "true": "accurate",
        "false": "inaccurate",
        "ok": "accurate",
    },
    "disposition": {
        True: "confirmed",
        False: "dismissed",
        "yes": "confirmed",
        "no": "dismissed",
        "true": "confirmed",
        "false": "dismissed",
    },
}


def _located_error(
    exc: ValidationError,
    tree: Any,
    path: str,
    *,
    kept: list[int] | None = None,
    prefix: list | None = None,
    model: Any = None,
) -> RegistryError:
    """Every error of a validation, each located (file:line:col), named by claim id and given its likely fix."""
    return RegistryErrors(
        [_locate_one(error, tree, path, kept=kept, prefix=prefix, model=model) for error in exc.errors()]
    )


def _field_name(loc: list, tree: Any) -> str:
    """``claims.3.review.status`` as ``C04.review.status`` (the claim's id), which an editor can search for."""
    if len(loc) > 1 and loc[0] == "claims" and isinstance(loc[1], int):
        claims = tree.get("claims") if isinstance(tree, dict) else None
        node = claims[loc[1]] if isinstance(claims, list) and loc[1] < len(claims) else None
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            return ".".join([node["id"], *map(str, loc[2:])]) if len(loc) > 2 else node["id"]
    return ".".join(str(p) for p in loc)


def _locate_one(
    error: Any, tree: Any, path: str, *, kept: list[int] | None = None, prefix: list | None = None, model: Any = None
) -> RegistryError:
    loc = list(error["loc"])
    if kept is not None and len(loc) > 1 and loc[0] == "claims" and isinstance(loc[1], int) and loc[1] < len(kept):
        loc[1] = kept[loc[1]]
    loc = (prefix or []) + loc
    node, parent, line, column = tree, None, None, None
    for part in loc:
        parent = node
        if isinstance(node, dict) and part in node:
            if hasattr(node, "lc"):
                try:
                    line, column = (
                        node.lc.key(part)
                        if error["type"] == "extra_forbidden" and part == loc[-1]
                        else node.lc.value(part)
                    )
                except (KeyError, TypeError):
                    pass
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            if hasattr(node, "lc"):
                try:
                    line, column = node.lc.item(part)
                except (KeyError, TypeError):
                    pass
            node = node[part]
        else:
            break
    field = _field_name(loc, tree)
    message = error["msg"]
    value = error.get("input")
    key = str(loc[-1]) if loc else ""
    if error["type"] == "extra_forbidden" and isinstance(parent, dict):
        key = str(loc[-1])
        message = f"unknown key {key!r}"
        model_fields = (
            list(model.model_fields) if model is not None and len(loc) == len(prefix or []) + 1 else _expected_keys(loc)
        )
        if model_fields:
            best = process.extractOne(key, model_fields, score_cutoff=60)
            message += f"; expected one of {', '.join(model_fields)}"
            if best:
                message += f" (did you mean {best[0]!r}?)"
    elif error["type"] == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        value = error["input"]
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        message = f"{shown} is not allowed; expected {expected}"
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip(" '")]
        hints = BOOLEAN_HINTS.get(str(loc[-1]), {})
        hint = hints.get(value) if isinstance(value, bool) else hints.get(str(value).lower())
        best = (hint,) if hint else (process.extractOne(str(value), options, score_cutoff=50) if options else None)
        if isinstance(value, bool):
            message += " (YAML reads it as a boolean)"
        if best:
            message += f" (did you mean {best[0]!r}?)"
    elif error["type"] == "string_type" and isinstance(value, bool):
        message = f'YAML reads this as the boolean {str(value).lower()}; to keep the word, quote it: {key}: "{value}"'
    elif error["type"] in ("string_type",) and isinstance(value, (int, float)):
        message = f'YAML reads this as a number; to keep it as text, quote it: {key}: "{value}"'
    elif error["type"] == "list_type" and not isinstance(value, (dict, list)):
        example = " (e.g. `- url: https://…`)" if key == "evidence" else ""
        message = (
            f"expected a list, not a single value: write each item on its own line below `{key}:`, "
            f'starting with "- "{example}'
        )
    elif error["type"] in ("model_type", "dict_type") and not isinstance(value, (dict, list)):
        keys = ", ".join(f"{k}:" for k in _expected_keys([*loc, "?"]))
        where = f"an item of {loc[-2]}" if isinstance(loc[-1], int) and len(loc) > 1 else key
        message = f"{where} takes keys ({keys} one per line, indented), not the single value {value!r}"
    elif error["type"].startswith("date") and isinstance(value, str):
        message = (
            f"{value!r} is not a date as YYYY-MM-DD; write e.g. {key}: 2024-08-10 "
            "(a date like 10/08/2024 reads two ways)"
        )
    return RegistryError(
        f"{field}: {message}",
        path=path,
        line=None if line is None else line + 1,
        column=None if column is None else column + 1,
    )


def _expected_keys(loc: list) -> list[str]:
    from factcheck import models

    model: Any = models.Registry
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [annotation, *args]
        model = next((c for c in candidates if isinstance(c, type) and issubclass(c, models.BaseModel)), None)
        if model is None:
            return []
    return list(model.model_fields)
