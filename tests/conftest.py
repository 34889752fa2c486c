import dataclasses
from pathlib import Path

import pytest

from factcheck.article import load_article
from factcheck.kb import default_kb

ROOT = Path(__file__).resolve().parent.parent
SEED_RELATIVE = "seeds/japan-central-asia-summit.txt"


@pytest.fixture(scope="session")
def kb():
    return default_kb()


@pytest.fixture
def seed_article():
    """The seed article, with the path a user's run records (relative to the project), wherever the clone is."""
    return dataclasses.replace(load_article(ROOT / SEED_RELATIVE), path=SEED_RELATIVE)
