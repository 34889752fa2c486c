"""Issue 16 (6): comment lines stay with what they were written above when the tool rewrites spans."""

from __future__ import annotations

from .conftest import ARTICLE, run


def test_comments_between_mentions_and_above_review_survive_shifted_spans(desk):
    assert run("review", "story.txt").exit_code in (0, 1)
    registry = desk / "claims" / "story.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("      - {kind: person, text: Hu Jintao", "      # which Hu? check the wire\n      - {kind: person, text: Hu Jintao", 1)
    text = text.replace("    review:\n      status: unreviewed", "    # review after lunch\n    review:\n      status: unreviewed", 1)
    registry.write_text(text, encoding="utf-8")
    (desk / "story.txt").write_text("Breaking\n\nA new paragraph at the top.\n\n" + ARTICLE, encoding="utf-8")
    assert run("review", "story.txt").exit_code in (0, 1)
    after = registry.read_text(encoding="utf-8")
    assert "      # which Hu? check the wire\n      - {kind: person, text: Hu Jintao, span: {start: 89" in after
    assert "    # review after lunch\n    review:\n" in after
