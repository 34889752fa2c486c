"""A small desk: an article with an error flag (TM01) and an info flag, reviewed in a temporary project."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ARTICLE = (
    "Leaders Meet\n\n"
    "On 5 August 2024, Chinese President Hu Jintao met Kazakh President Kassym-Jomart Tokayev in Astana.\n\n"
    "The two leaders signed a trade deal worth 3 billion dollars, officials said.\n"
)
HU = "On 5 August 2024, Chinese President Hu Jintao met"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A project folder (with factcheck.toml) holding story.txt; the working folder."""
    (tmp_path / "factcheck.toml").write_text("[desk]\nname = \"Test Desk\"\n\n[report]\nbase_url = \"https://desk.example/reports/\"\n")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def edit_registry(path: Path, claim_text: str, old: str, new: str) -> None:
    """Replace ``old`` with ``new`` inside the YAML block of the claim whose text is ``claim_text``."""
    text = path.read_text(encoding="utf-8")
    at = text.index(f"    text: {claim_text}")
    start = text.rindex("  - id:", 0, at)
    end = text.find("\n  - id:", at)
    end = len(text) if end < 0 else end
    block = text[start:end]
    assert old in block, block
    path.write_text(text[:start] + block.replace(old, new, 1) + text[end:], encoding="utf-8")
