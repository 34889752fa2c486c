"""The JSON Schema of a registry file, and the schema file that travels with a project's registries.

``factcheck review`` writes the schema into the project's claims folder (``claims/registry.schema.json``) when it
is missing or differs from this version's, and points each registry's modeline at it relative to the registry
file, as yaml-language-server (VS Code's YAML extension) resolves it::

    claims/story.yaml            # yaml-language-server: $schema=registry.schema.json
    claims/wire/a/story.yaml     # yaml-language-server: $schema=../../registry.schema.json

so an editor gets completion and validation in any desk project, wherever it is, without the factcheck
repository. ``factcheck schema`` prints the same schema (committed as ``schemas/registry.schema.json``).
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.config import absolute
from factcheck.models import Registry

SCHEMA_ID = "https://factcheck.invalid/schemas/registry.schema.json"
SCHEMA_FILE = "registry.schema.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="
# A modeline factcheck wrote (it may point at the file by any relative path; older versions wrote
# ../schemas/registry.schema.json). One pointing anywhere else, e.g. a desk's own URL, is the editor's and is kept.
_TOOL_MODELINE = re.compile(
    r"#\s*yaml-language-server:\s*\$schema=(?![a-zA-Z][\w+.-]*:)(?:[^\s#]*/)?" + re.escape(SCHEMA_FILE) + r"[ \t]*"
)


def registry_schema() -> dict[str, Any]:
    schema = Registry.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "factcheck claim registry"
    claim = schema["$defs"]["Claim"]
    # an editor may add a claim by writing only its quote; `factcheck review` fills in the rest
    claim["required"] = []
    claim["anyOf"] = [{"required": ["id", "text", "span"]}, {"required": ["quote"]}]
    claim["description"] = (
        "A checkable claim. Editor-owned: `review`, `quote`, `occurrence`; everything else is rewritten by "
        "`factcheck review`. To add a claim by hand write only `quote:` (and `occurrence:` if it appears more "
        "than once)."
    )
    return schema


@functools.cache
def schema_text() -> str:
    """The schema as the JSON file holds it. Cached: it is a constant of the installed code (building it takes
    ~20 ms, which a review of a folder would otherwise pay once per article)."""
    return json.dumps(registry_schema(), indent=2, ensure_ascii=False) + "\n"


def modeline(registry_path: Path | str, schema_path: Path | str) -> str:
    """The modeline pointing a registry at the schema file, relative to the registry's folder."""
    ref = Path(os.path.relpath(absolute(schema_path), absolute(Path(registry_path).parent))).as_posix()
    return MODELINE_PREFIX + ref


def point_modeline(text: str, line: str) -> str:
    """Registry text with its factcheck modeline (in the comments that open the file) replaced by ``line``.
    A registry whose modeline an editor removed or pointed elsewhere keeps what the editor wrote."""
    start = 0
    while start < len(text) and text.startswith("#", start):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if _TOOL_MODELINE.fullmatch(text, start, end):
            return text if text[start:end] == line else text[:start] + line + text[end:]
        start = end + 1
    return text


@dataclass(frozen=True)
class SchemaFile:
    """The schema file a project's registries point at; ``text`` is None when the file is already current."""

    path: Path
    text: str | None


def schema_file(claims_dir: Path | str) -> SchemaFile:
    """The schema file in ``claims_dir``, with the text to write when it is missing or differs from this
    version's (so a review leaves a current file alone, and a desk's git history shows only real changes)."""
    path = Path(claims_dir) / SCHEMA_FILE
    text = schema_text()
    try:
        current = path.read_bytes() if path.is_file() and path.stat().st_size <= 4 * len(text) else None
    except OSError:
        current = None
    return SchemaFile(path, None if current == text.encode("utf-8") else text)
