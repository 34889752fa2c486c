"""Issue 16 (7): writes behave like an editor's save. Modes are kept (new files 0666 & ~umask), symlinks are
written through, read-only files and folders are respected, and every output is checked before any is written."""

from __future__ import annotations

import os
import stat

import pytest

from .conftest import ARTICLE, run


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _revise(desk) -> None:
    (desk / "story.txt").write_text(ARTICLE.replace("3 billion", "4 billion"), encoding="utf-8")


def test_new_files_get_0666_less_umask(desk, umask_022):
    assert run("review", "story.txt", "--html").exit_code in (0, 1)
    for path in ("claims/story.yaml", "reports/story.md", "reports/story.html"):
        assert _mode(desk / path) == 0o644, path


def test_a_rewritten_file_keeps_its_mode(desk, umask_022):
    assert run("review", "story.txt").exit_code in (0, 1)
    registry = desk / "claims" / "story.yaml"
    registry.chmod(0o660)
    _revise(desk)
    assert run("review", "story.txt").exit_code in (0, 1)
    assert "4 billion" in registry.read_text(encoding="utf-8")
    assert _mode(registry) == 0o660


def test_a_symlinked_registry_is_written_through(desk):
    assert run("review", "story.txt").exit_code in (0, 1)
    shared = desk / "shared"
    shared.mkdir()
    registry = desk / "claims" / "story.yaml"
    registry.rename(shared / "story.yaml")
    registry.symlink_to(shared / "story.yaml")
    _revise(desk)
    assert run("review", "story.txt").exit_code in (0, 1)
    assert registry.is_symlink()
    assert "4 billion" in (shared / "story.yaml").read_text(encoding="utf-8")


def test_a_read_only_registry_is_not_replaced(desk):
    assert run("review", "story.txt").exit_code in (0, 1)
    registry = desk / "claims" / "story.yaml"
    registry.chmod(0o444)
    before = registry.read_bytes()
    _revise(desk)
    result = run("review", "story.txt")
    assert result.exit_code == 2 and "read-only" in result.output and "story.yaml" in result.output
    assert registry.read_bytes() == before


def test_a_read_only_reports_folder_means_nothing_is_written(desk):
    assert run("review", "story.txt").exit_code in (0, 1)
    registry = desk / "claims" / "story.yaml"
    before = registry.read_bytes()
    report_before = (desk / "reports" / "story.md").read_bytes()
    (desk / "reports" / "story.md").chmod(0o444)
    (desk / "reports").chmod(0o555)
    try:
        _revise(desk)
        result = run("review", "story.txt")
    finally:
        (desk / "reports").chmod(0o755)
    assert result.exit_code == 2, result.output
    assert registry.read_bytes() == before
    assert (desk / "reports" / "story.md").read_bytes() == report_before
