"""Issue 16 (10): editing friction. `validate` reports every error at once with claim ids and suggests the fix for
the common YAML mistakes; folders and many files are accepted; `--version`; ClaimReview warns about unset
publisher settings."""

from __future__ import annotations

import re

import pytest

from factcheck import __version__

from .conftest import HU, edit_registry, run


@pytest.fixture
def registry(desk):
    assert run("review", "story.txt").exit_code in (0, 1)
    return desk / "claims" / "story.yaml"


def test_every_error_at_once_with_claim_ids(registry):
    edit_registry(registry, HU, "status: unreviewed", "status: acurate")
    text = registry.read_text(encoding="utf-8")
    at = text.index("    text: The two leaders")
    registry.write_text(text[:at] + text[at:].replace("disposition: open", "disposition: dismised", 1), encoding="utf-8")
    result = run("validate", "claims/story.yaml")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.output
    assert re.search(r"story\.yaml:\d+:\d+: C02\.review\.status: .*did you mean 'accurate'", lines[0]), lines
    assert re.search(r"story\.yaml:\d+:\d+: C03\.flags\.0\.disposition: .*did you mean 'dismissed'", lines[1]), lines
    review = run("review", "story.txt")
    assert review.exit_code == 2 and len(review.stderr.strip().splitlines()) == 1 and "1 more" in review.stderr


@pytest.mark.parametrize("old, new, hint", [
    ("status: unreviewed", "status: inaccurate\n      verdict: Wrong PM: it was Kishida", r'verdict: "Wrong PM: it was Kishida"'),
    ("status: unreviewed", "status: inaccurate\n      rating: False", r"rating: \"False\""),
    ("status: unreviewed", "status: inaccurate\n\treviewer: ana", r"tab"),
    ("status: unreviewed", "status: inaccurate\n      reviewed: 10/08/2024", r"YYYY-MM-DD"),
    ("status: unreviewed", "status: inaccurate\n      reviewed: 2024-13-45", r"reviewed: 2024-13-45 is not a date that exists.*YYYY-MM-DD"),
    ("status: unreviewed", "status: inaccurate\n      notes: - it was Kishida", r'notes: "- it was Kishida"'),
    ("status: unreviewed", "status: inaccurate\n      reviewer: @ana", r'reviewer: "@ana"'),
    ("status: unreviewed", "status: inaccurate\n      reviewer: ana\n       notes: x", r"indented more than the one above it \(7 spaces, not 6\)"),
    ("status: unreviewed", 'status: inaccurate\n      verdict: "Wrong PM" said Ana', r"text after the closing quote"),
    ("status: unreviewed", "status: inaccurate\n      evidence: https://d.example/x", r"C02\.review\.evidence: expected a list.*- "),
    ("status: unreviewed", "status: inaccurate\n      evidence:\n        - https://d.example/x", r"C02\.review\.evidence\.0: an item of evidence takes keys \(url:"),
    ("status: unreviewed", "status: yes", r"did you mean 'accurate'"),
])
def test_common_yaml_mistakes_get_a_suggested_fix(registry, old, new, hint):
    edit_registry(registry, HU, old, new)
    result = run("validate", "claims/story.yaml")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert re.search(r"story\.yaml:\d+(:\d+)?: ", line), line
    assert re.search(hint, line), line


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens(registry, quote):
    """The parser fails lines later (where the next quote of that kind is); the editor's slip is named instead."""
    edit_registry(registry, HU, "status: unreviewed", f"status: inaccurate\n      verdict: {quote}Wrong PM")
    opened = registry.read_text(encoding="utf-8").splitlines().index(f"      verdict: {quote}Wrong PM") + 1
    result = run("validate", "claims/story.yaml")
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"claims/story.yaml:{opened}: ") and "quote opened on this line is not closed" in line, line


def test_validate_and_review_take_folders_and_many_files(desk, registry):
    (desk / "wire").mkdir()
    (desk / "wire" / "other.txt").write_text("Rain\n\nIt rained in Astana on Friday, officials said.\n", encoding="utf-8")
    result = run("review", "story.txt", "wire")
    assert result.exit_code in (0, 1), result.output
    assert (desk / "claims" / "wire" / "other.yaml").is_file()
    checked = run("validate", "claims")
    assert checked.exit_code == 0, checked.output
    assert "claims/story.yaml: ok" in checked.output and "claims/wire/other.yaml: ok" in checked.output


def test_version(desk):
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"factcheck {__version__}"


def test_claimreview_warns_about_unset_desk_settings(registry, desk):
    (desk / "factcheck.toml").write_text("")
    result = run("report", "claims/story.yaml", "--format", "claimreview", "-o", "-")
    assert result.exit_code == 0
    assert "[desk] name" in result.stderr and "[report] base_url" in result.stderr
    (desk / "factcheck.toml").write_text('[desk]\nname = "D"\n[report]\nbase_url = "https://d.example/"\n')
    assert run("report", "claims/story.yaml", "--format", "claimreview", "-o", "-").stderr == ""


def test_unknown_settings_are_errors_with_a_suggestion(desk):
    (desk / "factcheck.toml").write_text('[report]\nbase_ulr = "https://d.example/"\n')
    result = run("review", "story.txt")
    assert result.exit_code == 2 and "factcheck.toml:2" in result.output and "did you mean 'base_url'" in result.output
    (desk / "factcheck.toml").write_text('[reports]\nhtml = true\n')
    result = run("review", "story.txt")
    assert result.exit_code == 2 and "did you mean 'report'" in result.output


@pytest.mark.parametrize("toml, expected", [
    ('[desk]\nnmae = "D"\n', r"factcheck\.toml:2: \[desk\] unknown key 'nmae' \(did you mean 'name'\?\)"),
    ('name = "D"\n', r"factcheck\.toml:1: 'name' is outside any section; put it under \[desk\]"),
    ('[Desk]\nname = "D"\n', r"factcheck\.toml:1: unknown section \[Desk\] \(did you mean 'desk'\?\)"),
    ('[desk]\nname = "D"\n[report]\nhtml = "yes"\n', r'factcheck\.toml:4: \[report\] html must be true or false \(without quotes\), not "yes"'),
    ('[scan]\n\ntimeout = "60"\n', r"factcheck\.toml:3: \[scan\] timeout must be a number \(without quotes\)"),
    ('[lint]\nmin_severity = "warn"\n', r"factcheck\.toml:2: .*not \"warn\" \(did you mean 'warning'\?\)"),
    ('[desk\nname = "D"\n', r"factcheck\.toml:1:6: Expected '\]' .*\(TOML syntax\)"),
])
def test_settings_mistakes_name_the_line_and_the_fix(desk, toml, expected):
    (desk / "factcheck.toml").write_text(toml)
    result = run("review", "story.txt")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert re.search(expected, line), line
    assert not (desk / "claims").exists()
