"""[kb] layers in factcheck.toml: desk layers loaded by review/extract/scan/kb show when no --kb is given."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.config import ConfigError, kb_layer_paths, load_config
from factcheck.pipeline import configured_kb
from factcheck.kb import DeskError, default_kb

FIX = Path(__file__).parent / "fixtures"
runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with factcheck.toml naming kb/desk.yaml, the working directory a subfolder of it."""
    (tmp_path / "kb").mkdir()
    shutil.copy(FIX / "desk_ok.yaml", tmp_path / "kb" / "desk.yaml")
    (tmp_path / "factcheck.toml").write_text('[desk]\nname = "D"\n\n[kb]\nlayers = ["kb/desk.yaml"]\n', encoding="utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


def test_layers_resolve_relative_to_the_config_file(project):
    config = load_config()
    assert config.kb_layers == ((project / "kb" / "desk.yaml", 5),)
    assert kb_layer_paths(["extra.yaml"], config) == [project / "kb" / "desk.yaml", Path("extra.yaml")]


def test_configured_layer_is_loaded_and_kb_adds_on_top(project):
    kb = configured_kb()
    assert kb.people_named("Taro Yamada") and kb.people_named("Taro Yamada")[0].layer == str(project / "kb" / "desk.yaml")
    assert not default_kb().people_named("Taro Yamada")
    more = project / "more.yaml"
    more.write_text("people:\n  - {id: 'desk:hanako', name: Hanako Tanaka}\n", encoding="utf-8")
    kb = configured_kb([more])
    assert kb.people_named("Taro Yamada") and kb.people_named("Hanako Tanaka")


def test_no_layers_means_the_cached_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert configured_kb() is None


def test_kb_show_uses_the_configured_layer(project):
    result = runner.invoke(app, ["kb", "show", "Taro Yamada", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {f["layer"] for f in json.loads(result.output)} == {str(project / "kb" / "desk.yaml")}


ORG_TEXT = "The Test Institute of Asian Studies said on 3 March 2024 that exports rose.\n"


def test_review_uses_the_configured_layer(project):
    # EN04 is opt-in (its precision on real news is low): selected here, it shows whether the desk layer is read.
    # `extract` loads the layers through the same kb_layer_paths (it has no --select to show it with EN04).
    article = project / "a.txt"
    article.write_text(ORG_TEXT, encoding="utf-8")
    args = ["review", str(article), "--format", "json", "--claims-dir", str(project / "claims"), "--select", "EN04"]
    with_layer = runner.invoke(app, args)
    assert with_layer.exit_code == 0, with_layer.output
    (project / "factcheck.toml").write_text("[kb]\nlayers = []\n", encoding="utf-8")
    shutil.rmtree(project / "claims")
    without = runner.invoke(app, args)
    # the desk layer knows the organisation: no EN04 "unknown organisation" with it, one without it
    assert '"EN04"' not in with_layer.output and '"EN04"' in without.output


def test_scan_uses_the_configured_layer(project):
    (project / "in").mkdir()
    (project / "in" / "a.txt").write_text(ORG_TEXT, encoding="utf-8")
    out = project / "scan.jsonl"
    result = runner.invoke(app, ["scan", str(project / "in"), "--output", str(out), "--jobs", "1", "--select", "EN04"])
    assert result.exit_code == 0, result.output
    assert "EN04" not in out.read_text(encoding="utf-8")
    (project / "factcheck.toml").write_text("[kb]\nlayers = []\n", encoding="utf-8")
    result = runner.invoke(app, ["scan", str(project / "in"), "--output", str(out), "--jobs", "1", "--overwrite",
                                 "--select", "EN04"])
    assert result.exit_code == 0 and "EN04" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("toml, line, words", [
    ('[kb]\nlayers = ["kb/missing.yaml"]\n', 2, "does not exist"),
    ('# c\n[kb]\n\nlayers = "kb/desk.yaml"\n', 4, "must be a list"),
    ('[kb]\nlayers = []\nlayer = ["x"]\n', 3, "unknown key 'layer'"),
    ('[kb]\nlayers = [\n  "kb/desk.yaml",\n  "kb/nope.yaml",\n]\n', 4, "does not exist"),
])
def test_config_errors_name_file_and_line(project, toml, line, words):
    (project / "factcheck.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        configured_kb()
    assert f"factcheck.toml:{line}:" in str(err.value) and words in str(err.value)
    result = runner.invoke(app, ["kb", "show", "Taro Yamada"])
    assert result.exit_code == 2 and f"factcheck.toml:{line}:" in result.output


def test_bad_desk_layer_names_desk_line_and_config_line(project):
    shutil.copy(FIX / "desk_typo_key.yaml", project / "kb" / "desk.yaml")
    with pytest.raises(DeskError) as err:
        configured_kb()
    text = str(err.value)
    assert "desk.yaml:" in text and "(layer listed in" in text and "factcheck.toml:5)" in text
    article = project / "a.txt"
    article.write_text("Prime Minister Fumio Kishida spoke.\n", encoding="utf-8")
    result = runner.invoke(app, ["review", str(article), "--claims-dir", str(project / "c"), "--reports-dir", str(project / "r")])
    assert result.exit_code == 2 and "factcheck.toml:5" in result.output
    assert not (project / "c").exists()
