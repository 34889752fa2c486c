"""`factcheck validate`, `schema` and `status`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.registry.schema import registry_schema

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
ARTICLE = "Town Opens Bridge\n\nOn Friday, the mayor opened a bridge that cost 12 million dollars. Residents said the toll was too high.\n"


@pytest.fixture
def registry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bridge.txt").write_text(ARTICLE)
    assert runner.invoke(app, ["review", "bridge.txt"]).exit_code in (0, 1)
    return tmp_path / "claims" / "bridge.yaml"


def test_validate_ok(registry):
    result = runner.invoke(app, ["validate", str(registry)])
    assert result.exit_code == 0 and "ok" in result.output


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("status: unreviewed", "status: false", r"review\.status: false is not allowed.*did you mean 'inaccurate'"),
        ("status: unreviewed", "status: yes", r"review\.status: 'yes' is not allowed.*did you mean 'accurate'"),
        ("status: unreviewed", "status: acurate", r"did you mean 'accurate'"),
        ("    review:\n", "    reveiw:\n", r"unknown key 'reveiw'.*did you mean 'review'"),
        ("disposition: open", "disposition: dismised", r"flags\.0\.disposition: .*did you mean 'dismissed'"),
        ("claims:\n", "claims:\n  - quote: the toll\n    ocurrence: 1\n", r"unknown key 'ocurrence'.*did you mean 'occurrence'"),
        ("claims:\n", "claims:\n  - quote: [unclosed\n", r"YAML does not parse"),
        ("  - id: C02\n", "  - id: C01\n", r"claims\.1\.id: 'C01' is already the id of claim 0"),
    ],
)
def test_validate_errors_point_at_file_line_column(registry, old, new, expected):
    import re

    text = registry.read_text()
    assert old in text
    registry.write_text(text.replace(old, new, 1))
    result = runner.invoke(app, ["validate", str(registry)])
    assert result.exit_code == 2
    assert re.search(r"bridge\.yaml:\d+:\d+: ", result.output), result.output
    assert re.search(expected, result.output), result.output
    # and review refuses to overwrite it
    before = registry.read_text()
    assert runner.invoke(app, ["review", "bridge.txt"]).exit_code == 2
    assert registry.read_text() == before


def test_committed_schema_is_current():
    committed = json.loads((ROOT / "schemas" / "registry.schema.json").read_text())
    assert committed == registry_schema(), "regenerate: factcheck schema --output schemas/registry.schema.json"


def test_schema_command_writes_json(tmp_path):
    out = tmp_path / "s.json"
    assert runner.invoke(app, ["schema", "--output", str(out)]).exit_code == 0
    schema = json.loads(out.read_text())
    assert {"id", "text", "span"} <= set(schema["$defs"]["Claim"]["properties"])
    assert "unreviewed" in schema["$defs"]["ReviewStatus"]["enum"]


def test_status_table_and_json(registry):
    text = registry.read_text().replace("status: unreviewed", "status: accurate", 1)
    registry.write_text(text)
    result = runner.invoke(app, ["status", "claims"])
    assert result.exit_code == 0, result.output
    assert "claims/bridge.yaml" in result.output and "accurate" in result.output
    data = json.loads(runner.invoke(app, ["status", "claims", "--format", "json"]).stdout)
    assert data[0]["status"]["accurate"] == 1
    assert data[0]["open_flags"] == sum(1 for line in text.splitlines() if "disposition: open" in line)
