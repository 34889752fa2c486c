import pytest

from factcheck.kb import default_kb


@pytest.fixture(scope="session")
def kb():
    return default_kb()
