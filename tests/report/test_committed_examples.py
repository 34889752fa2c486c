"""The examples committed in `claims/` and `reports/` are what `factcheck review SEED --html` writes today.

When this fails, the tool's output changed on purpose (or not): read the diff, then regenerate from the
repository root with

    rm claims/* reports/*; factcheck review seeds/japan-central-asia-summit.txt --html
"""

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEED = "seeds/japan-central-asia-summit.txt"
EXAMPLES = ("claims/japan-central-asia-summit.yaml", "claims/registry.schema.json", "reports/japan-central-asia-summit.md",
            "reports/japan-central-asia-summit.html")
REGENERATE = f"regenerate the examples: rm claims/* reports/*; factcheck review {SEED} --html"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A clean copy of the seed and the project's settings, reviewed as the README says."""
    work = tmp_path_factory.mktemp("examples")
    (work / "seeds").mkdir()
    shutil.copy(ROOT / SEED, work / SEED)
    shutil.copy(ROOT / "factcheck.toml", work / "factcheck.toml")
    old = Path.cwd()
    try:
        os.chdir(work)
        result = CliRunner().invoke(app, ["review", SEED, "--html"])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return work


@pytest.mark.parametrize("example", EXAMPLES)
def test_committed_example_is_current(fresh, example):
    committed = ROOT / example
    assert committed.is_file(), f"{example} is missing; {REGENERATE}"
    assert committed.read_text(encoding="utf-8") == (fresh / example).read_text(encoding="utf-8"), \
        f"{example} is stale; {REGENERATE}"
