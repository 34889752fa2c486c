"""The JSON report: the registry plus the derived summary, with a format version and a published JSON Schema.

python -m factcheck.report.json_report > schemas/report.schema.json   # regenerate the schema
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict

from factcheck.models import Registry
from factcheck.report.summary import Summary, summarise

REPORT_FORMAT = 1
SCHEMA_ID = "https://factcheck.invalid/schemas/report.schema.json"


class ReportDocument(BaseModel):
    """What ``factcheck report --format json`` writes."""

    model_config = ConfigDict(extra="forbid", title="factcheck review report")

    format: Literal[1] = REPORT_FORMAT
    summary: Summary
    registry: Registry


def report_document(registry: Registry, article_text: str | None = None, *, line_offset: int = 0) -> ReportDocument:
    return ReportDocument(summary=summarise(registry, article_text, line_offset=line_offset), registry=registry)


def render_json(registry: Registry, article_text: str | None = None, *, line_offset: int = 0) -> str:
    """Stable key order (the models' field order), claims in registry order, no timestamps."""
    data = report_document(registry, article_text, line_offset=line_offset).model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def report_schema() -> dict:
    """The JSON Schema of the JSON report, as published in ``schemas/report.schema.json``."""
    schema = ReportDocument.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
