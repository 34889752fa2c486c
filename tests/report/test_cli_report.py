"""`factcheck report` in every format, over a folder, with desk templates and settings; `review --html`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.config import Config, ConfigError, load_config
from factcheck.registry.yaml_io import dump_registry

from .conftest import SEED

runner = CliRunner()


@pytest.fixture
def desk(tmp_path, monkeypatch, annotated_seed):
    """A desk folder: the seed article, its annotated registry and a second (clean) registry."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    registry, _ = annotated_seed
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "japan-central-asia-summit.yaml").write_text(dump_registry(registry), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt, suffix", [("md", ".md"), ("html", ".html"), ("json", ".json"),
                                         ("claimreview", ".claimreview.jsonld"), ("annotations", ".annotations.jsonld")])
def test_report_writes_each_format_into_reports(desk, fmt, suffix):
    result = runner.invoke(app, ["report", "claims/japan-central-asia-summit.yaml", "--format", fmt])
    assert result.exit_code == 0, result.output
    target = desk / "reports" / f"japan-central-asia-summit{suffix}"
    assert f"report: reports/japan-central-asia-summit{suffix}" in result.output
    text = target.read_text(encoding="utf-8")
    if fmt == "html":
        assert "<mark class=\"claim" in text  # the article was found next to the registry
    elif fmt != "md":
        json.loads(text)


def test_report_to_stdout_and_to_a_path(desk):
    result = runner.invoke(app, ["report", "claims/japan-central-asia-summit.yaml", "-f", "json", "--output", "-"])
    assert result.exit_code == 0 and json.loads(result.stdout)["format"] == 1
    result = runner.invoke(app, ["report", "claims/japan-central-asia-summit.yaml", "-f", "html", "-o", "out/x.html"])
    assert result.exit_code == 0 and (desk / "out" / "x.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_claimreview_author_comes_from_factcheck_toml(desk):
    (desk / "factcheck.toml").write_text('[desk]\nname = "Desk <One>"\nurl = "https://one.example/"\n[report]\nbase_url = "https://one.example/r"\n'
                                        '[paths]\narticles = "seeds"\n')
    result = runner.invoke(app, ["report", "claims/japan-central-asia-summit.yaml", "-f", "claimreview", "-o", "-"])
    reviews = json.loads(result.stdout)["@graph"]
    assert reviews and all(r["author"]["name"] == "Desk <One>" for r in reviews)
    assert all(r["url"].startswith("https://one.example/r/japan-central-asia-summit.html#C") for r in reviews)


def test_folder_gives_one_summary_table_with_links(desk, annotated_seed):
    registry, _ = annotated_seed
    open_warnings = sum(1 for c in registry.claims for f in c.flags if f.severity.value == "warning" and f.disposition.value == "open")
    checkworthy = sum(1 for c in registry.claims if c.review.status.value != "not-checkworthy")
    unreviewed = sum(1 for c in registry.claims if c.review.status.value == "unreviewed")
    clean = desk / "claims" / "other.yaml"
    text = (desk / "claims" / "japan-central-asia-summit.yaml").read_text(encoding="utf-8")
    clean.write_text(text.replace("title: Japan,", "title: Other article about Japan,"), encoding="utf-8")
    (desk / "claims" / "broken.yaml").write_text("format: 1\narticle: [not, a, mapping]\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "claims/", "--format", "md"])
    assert result.exit_code == 0, result.output
    index = (desk / "reports" / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Review summary: 3 articles")
    assert f"](<japan-central-asia-summit.md>) | 2024-08-09 | 24 | {checkworthy} | {unreviewed} | **1** | {open_warnings} |" in index
    assert "](<other.md>)" in index and "`claims/broken.yaml`: cannot be read" in index
    assert (desk / "reports" / "japan-central-asia-summit.md").is_file() and (desk / "reports" / "other.md").is_file()
    assert f"| **Total** | | 48 | {2 * checkworthy} | {2 * unreviewed} | 2 | {2 * open_warnings} |" in index
    stdout = runner.invoke(app, ["report", "claims/", "-o", "-"]).stdout
    assert stdout == index


def test_template_override(desk, tmp_path, annotated_seed):
    from factcheck.report.summary import summarise

    expected_open = len(summarise(annotated_seed[0]).open_items)
    templates = tmp_path / "my-templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text("Desk report for {{ article.path }}: {{ summary.open_items | length }} open\n")
    (templates / "report.html.j2").write_text("<p>{{ article.title }}</p>\n")
    md = runner.invoke(app, ["report", "claims/japan-central-asia-summit.yaml", "--template", str(templates), "-o", "-"]).stdout
    assert md == f"Desk report for seeds/japan-central-asia-summit.txt: {expected_open} open\n"
    page = runner.invoke(app, ["report", "claims/japan-central-asia-summit.yaml", "-f", "html", "--template", str(templates), "-o", "-"]).stdout
    assert page.startswith("<p>Japan, 5 Central Asian Countries")
    bad = runner.invoke(app, ["report", "claims/japan-central-asia-summit.yaml", "--template", "nowhere"])
    assert bad.exit_code == 2


def test_review_html_option_and_setting(tmp_path, monkeypatch):
    shutil.copy(SEED, tmp_path / "a.txt")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["review", "a.txt", "--html"])
    assert result.exit_code == 0, result.output
    assert "report: reports/a.html" in result.output and (tmp_path / "reports" / "a.html").is_file()
    (tmp_path / "reports" / "a.html").unlink()
    assert runner.invoke(app, ["review", "a.txt"]).exit_code == 0
    assert not (tmp_path / "reports" / "a.html").exists()
    (tmp_path / "factcheck.toml").write_text("[report]\nhtml = true\n")
    assert runner.invoke(app, ["review", "a.txt"]).exit_code == 0
    assert (tmp_path / "reports" / "a.html").is_file()


def test_config_defaults_values_and_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config() == Config()  # no factcheck.toml here or above: the defaults
    with pytest.raises(ConfigError, match="missing.toml"):
        load_config(tmp_path / "missing.toml")  # a file named explicitly must exist
    path = tmp_path / "factcheck.toml"
    path.write_text('[desk]\nname = "D"\n')
    assert load_config(path) == Config(desk_name="D", path=path)
    path.write_text("[desk]\nname = 3\n")
    with pytest.raises(ConfigError, match=r"factcheck\.toml:2: \[desk\] name must be text in quotes"):
        load_config(path)
    path.write_text("[desk\n")
    with pytest.raises(ConfigError):
        load_config(path)


def test_repository_config_is_valid():
    config = load_config(Path(__file__).resolve().parents[2] / "factcheck.toml")
    assert config.desk_name and config.review_html is False
