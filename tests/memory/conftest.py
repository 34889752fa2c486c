import datetime as dt
from pathlib import Path

import pytest

from factcheck.registry.yaml_io import yaml_instance


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty desk project (factcheck.toml, claims/), the current folder."""
    (tmp_path / "factcheck.toml").write_text('[desk]\nname = "Test Desk"\n', encoding="utf-8")
    (tmp_path / "claims").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def record_verdict(registry: Path, containing: str, status: str, *, rating: str | None = None, reviewed=dt.date(2025, 3, 1)) -> str:
    """Edit a registry as an editor would: the review block of the claim whose text contains ``containing``."""
    yaml = yaml_instance()
    tree = yaml.load(registry.read_text(encoding="utf-8"))
    (claim,) = [c for c in tree["claims"] if containing in c["text"]]
    claim["review"]["status"] = status
    claim["review"]["reviewer"] = "A. Editor"
    claim["review"]["reviewed"] = reviewed
    if rating:
        claim["review"]["rating"] = rating
    with registry.open("w", encoding="utf-8") as handle:
        yaml.dump(tree, handle)
    return claim["id"]
