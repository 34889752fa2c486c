"""The JSON Schema of a registry file (committed as schemas/registry.schema.json; `factcheck schema`)."""

from __future__ import annotations

from typing import Any

from factcheck.models import Registry

SCHEMA_ID = "https://factcheck.invalid/schemas/registry.schema.json"


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
        "`factcheck review`. To add a claim by hand write only `quote:` (and `occurrence:` if it appears more than once)."
    )
    return schema
