"""Issue 16 (10): the schema travels with the registries. `review` writes the JSON Schema into the project's
claims folder and points each registry's yaml-language-server modeline at it, relative to the registry file
(as VS Code's YAML extension resolves it), so it works in a desk project anywhere, outside this repository."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from factcheck.registry.schema import point_modeline, registry_schema, schema_text

from .conftest import ARTICLE, run

MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def _schema_of(registry: Path) -> Path:
    """The file a registry's modeline points at, resolved from the registry's folder as the editor does."""
    match = MODELINE.match(registry.read_text(encoding="utf-8").splitlines()[0])
    assert match, registry.read_text(encoding="utf-8")[:200]
    return (registry.parent / match.group(1)).resolve()


def test_every_registry_points_at_a_schema_file_that_exists(desk):
    (desk / "wire" / "a").mkdir(parents=True)
    (desk / "wire" / "a" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    assert run("review", "story.txt", "wire/a/story.txt").exit_code == 1
    schema = desk / "claims" / "registry.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == registry_schema()
    for registry in (desk / "claims" / "story.yaml", desk / "claims" / "wire" / "a" / "story.yaml"):
        assert _schema_of(registry) == schema.resolve()
    assert (desk / "claims" / "wire" / "a" / "story.yaml").read_text().startswith(
        "# yaml-language-server: $schema=../../registry.schema.json\n")


def test_the_schema_is_written_only_when_missing_or_changed(desk):
    run("review", "story.txt")
    schema = desk / "claims" / "registry.schema.json"
    os.utime(schema, (1_000_000_000, 1_000_000_000))
    run("review", "story.txt")
    assert schema.stat().st_mtime == 1_000_000_000  # current: left alone
    schema.write_text('{"stale": true}\n', encoding="utf-8")
    run("review", "story.txt")
    assert schema.read_text(encoding="utf-8") == schema_text()
    schema.unlink()
    run("review", "story.txt")
    assert schema.read_text(encoding="utf-8") == schema_text()


def test_claims_dir_option_and_paths_setting_carry_the_schema(desk):
    run("review", "story.txt", "--claims-dir", "elsewhere/registries")
    assert _schema_of(desk / "elsewhere" / "registries" / "story.yaml") == (desk / "elsewhere" / "registries" / "registry.schema.json").resolve()
    assert (desk / "elsewhere" / "registries" / "registry.schema.json").is_file()
    (desk / "factcheck.toml").write_text('[paths]\nclaims = "desk/claims"\n')
    (desk / "sub").mkdir()
    os.chdir(desk / "sub")  # the project is found upwards; the modeline does not depend on the working folder
    run("review", "../story.txt")
    assert _schema_of(desk / "desk" / "claims" / "story.yaml") == (desk / "desk" / "claims" / "registry.schema.json").resolve()


def test_an_old_modeline_is_repointed_and_an_editors_own_is_kept(desk):
    run("review", "story.txt")
    registry = desk / "claims" / "story.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("$schema=registry.schema.json", "$schema=../schemas/registry.schema.json", 1), encoding="utf-8")
    run("review", "story.txt")
    assert registry.read_text(encoding="utf-8") == text
    own = text.replace("$schema=registry.schema.json", "$schema=https://desk.example/registry.schema.json", 1)
    registry.write_text(own, encoding="utf-8")
    run("review", "story.txt")
    assert registry.read_text(encoding="utf-8") == own


def test_point_modeline_touches_only_the_opening_comments():
    line = "# yaml-language-server: $schema=../registry.schema.json"
    text = "# note\n# yaml-language-server: $schema=registry.schema.json\nformat: 1\n# yaml-language-server: $schema=registry.schema.json\n"
    assert point_modeline(text, line) == text.replace("$schema=registry.schema.json", "$schema=../registry.schema.json", 1)
    assert point_modeline("format: 1\n", line) == "format: 1\n"


def test_the_registry_validates_against_the_schema_it_points_at(desk):
    """What the editor's plugin does with the modeline: load the schema and check the YAML against it."""
    import jsonschema
    from ruamel.yaml import YAML

    run("review", "story.txt")
    registry = desk / "claims" / "story.yaml"
    validator = jsonschema.Draft202012Validator(json.loads(_schema_of(registry).read_text(encoding="utf-8")))
    data = json.loads(json.dumps(YAML(typ="safe").load(registry.read_text(encoding="utf-8")), default=str))
    validator.validate(data)
    data["claims"][0]["review"]["status"] = "acurate"
    assert not validator.is_valid(data)
