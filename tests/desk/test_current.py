"""Issue 16 (1)+(2): what leaves the desk is current. Stale flags and claims changed since review are marked in
the reports; exports never publish a verdict on orphaned or changed text; orphaned claims' flags are not live."""

from __future__ import annotations

import json

from factcheck.registry.yaml_io import load_registry

from .conftest import ARTICLE, HU, edit_registry, run

CORRECTED = ARTICLE.replace("Hu Jintao", "Xi Jinping")
REWRITTEN = ARTICLE.replace(
    "On 5 August 2024, Chinese President Hu Jintao met Kazakh President Kassym-Jomart Tokayev in Astana.",
    "Rain fell over the steppe all afternoon while crowds waited outside the palace gates.",
)


def _review_then_mark_inaccurate(desk):
    first = run("review", "story.txt", "--date", "2024-08-06")
    assert first.exit_code == 1 and "TM01" in first.output, first.output
    registry = desk / "claims" / "story.yaml"
    edit_registry(registry, HU, "status: unreviewed", "status: inaccurate\n      verdict: Hu was no longer president")
    return registry


def test_orphaned_claims_flags_are_not_printed_counted_or_failing(desk):
    registry = _review_then_mark_inaccurate(desk)
    (desk / "story.txt").write_text(REWRITTEN, encoding="utf-8")
    result = run("review", "story.txt", "--date", "2024-08-06")
    assert "TM01" not in result.output, result.output
    assert "1 error" not in result.output and "0 error" in result.output
    assert result.exit_code == 0, result.output
    model, _ = load_registry(registry)
    [orphan] = [c for c in model.claims if c.anchor.value == "orphaned"]
    assert orphan.review.status.value == "inaccurate"  # the editor's record stays
    assert orphan.flags and all(f.stale for f in orphan.flags)
    report = (desk / "reports" / "story.md").read_text(encoding="utf-8")
    assert "open error" not in report.lower()


def test_markdown_and_html_mark_changed_claims_and_stale_flags(desk):
    registry = _review_then_mark_inaccurate(desk)
    edit_registry(registry, HU, "disposition: open", "disposition: confirmed")
    (desk / "story.txt").write_text(CORRECTED, encoding="utf-8")
    assert run("review", "story.txt", "--date", "2024-08-06", "--html").exit_code == 0
    model, _ = load_registry(registry)
    [changed] = [c for c in model.claims if c.previous_text]
    assert [f.stale for f in changed.flags if f.code == "TM01"] == [True]
    for name in ("story.md", "story.html"):
        report = (desk / "reports" / name).read_text(encoding="utf-8")
        assert "changed since review" in report.lower(), name
        assert "Hu Jintao" in report  # the text the review was made against
        assert "stale" in report.lower(), name
    md = (desk / "reports" / "story.md").read_text(encoding="utf-8")
    tm01 = next(line for line in md.splitlines() if "`TM01`" in line)
    assert "stale" in tm01
    assert "(3:" not in tm01  # no line number for a flag that is no longer where it was


def test_exports_skip_verdicts_on_changed_or_orphaned_text(desk):
    _review_then_mark_inaccurate(desk)
    out = run("report", "claims/story.yaml", "--format", "claimreview", "-o", "-")
    assert out.exit_code == 0
    assert len(json.loads(out.stdout)["@graph"]) == 1  # the current verdict is published

    (desk / "story.txt").write_text(CORRECTED, encoding="utf-8")
    assert run("review", "story.txt", "--date", "2024-08-06").exit_code == 0
    for fmt in ("claimreview", "annotations"):
        out = run("report", "claims/story.yaml", "--format", fmt, "-o", "-")
        assert out.exit_code == 0, out.output
        assert "Hu was no longer president" not in out.stdout, fmt
        assert "changed since review" in out.stderr and "C02" in out.stderr, out.stderr
    data = json.loads(run("report", "claims/story.yaml", "--format", "claimreview", "-o", "-").stdout)
    assert data["@graph"] == []

    (desk / "story.txt").write_text(REWRITTEN, encoding="utf-8")
    assert run("review", "story.txt", "--date", "2024-08-06").exit_code == 0
    out = run("report", "claims/story.yaml", "--format", "claimreview", "-o", "-")
    assert json.loads(out.stdout)["@graph"] == [] and "orphaned" in out.stderr
