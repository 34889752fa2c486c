"""Issue 16 (5): a date given once is kept. `--date` is recorded as the registry's editor-owned
`article.editor_date` and used on every later run until changed (on the command line or by hand)."""

from __future__ import annotations

from factcheck.registry.yaml_io import load_registry

from .conftest import run


def test_date_given_once_is_used_until_changed(desk):
    first = run("review", "story.txt", "--date", "2024-08-06")
    assert first.exit_code == 1 and "TM01" in first.output
    registry = desk / "claims" / "story.yaml"
    assert load_registry(registry)[0].article.editor_date.isoformat() == "2024-08-06"

    again = run("review", "story.txt")
    assert again.exit_code == 1 and "TM01" in again.output, again.output
    assert "date 2024-08-06 (the registry's editor_date)" in again.output

    # The editor changes it by hand: the next run uses the new date.
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("editor_date: '2024-08-06'", "editor_date: 2010-05-01"), encoding="utf-8")
    by_hand = run("review", "story.txt")
    assert "TM01" not in by_hand.output and "date 2010-05-01" in by_hand.output, by_hand.output
    assert "editor_date: 2010-05-01" in registry.read_text(encoding="utf-8")  # the editor's spelling is kept

    # A new --date replaces it.
    assert run("review", "story.txt", "--date", "2024-08-07").exit_code == 1
    assert load_registry(registry)[0].article.editor_date.isoformat() == "2024-08-07"
