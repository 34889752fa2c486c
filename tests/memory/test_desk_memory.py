"""The desk scenarios of issue 18: a verdict recorded in one article's registry flags the same claim, reworded, in
the next article; an imported ClaimReview flags the seed's sentence about the first summit."""

from pathlib import Path

from factcheck import api
from factcheck.memory import open_memory, project_root

from .conftest import record_verdict

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SEED = ROOT / "seeds" / "japan-central-asia-summit.txt"

FIRST = "Grain trade\n\nKazakhstan exported 12 million tonnes of wheat to China in 2023, the trade ministry said on Monday.\n"
# "Kazakhstan's trade ministry", not "The ministry": a claim whose subject only the article names ("The ministry
# says ...") is never matched (evidence.context_bound).
REWORDED = "Harvest news\n\nKazakhstan's trade ministry says Kazakh farmers shipped 12 million tonnes of wheat to China in 2023.\n"
OTHER_YEAR = "Harvest news\n\nKazakhstan's trade ministry says Kazakh farmers shipped 12 million tonnes of wheat to China in 2019.\n"


def _mm01(result):
    return [f for c in result.registry.claims for f in c.flags if f.code == "MM01"]


def _review(path: Path, text: str):
    path.write_text(text, encoding="utf-8")
    return api.review(path.name)  # MM01 runs by default


def test_a_verdict_in_one_registry_flags_the_reworded_claim_in_the_next_article(project):
    _review(project / "first.txt", FIRST)
    cid = record_verdict(project / "claims" / "first.yaml", "wheat", "inaccurate", rating="False")
    second = _review(project / "second.txt", REWORDED)
    (flag,) = _mm01(second)
    assert flag.severity.value == "warning"
    assert flag.text.startswith("Kazakhstan's trade ministry says Kazakh farmers shipped")
    assert "rated 'False' (inaccurate) by Test Desk on 2025-03-01" in flag.message
    assert f"claims/first.yaml#{cid}" in flag.message
    assert flag.evidence[0].record == f"claims/first.yaml#{cid}"
    # a figure: the message says when the verdict was made
    assert "The verdict dates from 2025-03-01" in flag.message
    # the flag never touches the editor's review block
    assert all(c.review.status.value in ("unreviewed", "not-checkworthy") for c in second.registry.claims)


def test_an_accurate_verdict_is_info_and_the_articles_own_verdicts_do_not_flag_it(project):
    _review(project / "first.txt", FIRST)
    record_verdict(project / "claims" / "first.yaml", "wheat", "accurate")
    again = api.review("first.txt")
    assert _mm01(again) == []  # its own verdict is not news
    (flag,) = _mm01(_review(project / "second.txt", REWORDED))
    assert flag.severity.value == "info" and "rated 'accurate'" in flag.message


def test_mm01_runs_by_default_and_is_ignored_like_any_rule(project):
    _review(project / "first.txt", FIRST)
    record_verdict(project / "claims" / "first.yaml", "wheat", "inaccurate")
    (project / "second.txt").write_text(REWORDED, encoding="utf-8")
    assert _mm01(api.review("second.txt", ignore=["MM01"])) == []
    assert len(_mm01(api.review("second.txt"))) == 1
    assert len(_mm01(api.review("second.txt", select=["MM01"]))) == 1


def test_a_claim_whose_subject_only_the_article_names_is_not_matched(project):
    _review(project / "first.txt", FIRST)
    record_verdict(project / "claims" / "first.yaml", "wheat", "inaccurate")
    anaphoric = REWORDED.replace("Kazakhstan's trade ministry says", "The ministry says")
    assert _mm01(_review(project / "second.txt", anaphoric)) == []


def test_a_different_year_is_not_the_same_claim(project):
    _review(project / "first.txt", FIRST)
    record_verdict(project / "claims" / "first.yaml", "wheat", "inaccurate")
    assert _mm01(_review(project / "second.txt", OTHER_YEAR)) == []


def test_imported_claimreview_flags_the_seeds_first_summit_sentence(project):
    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(app, ["memory", "import", str(FIXTURES / "astana-summit-claimreview.jsonld")])
    assert result.exit_code == 0, result.output
    (project / "seed.txt").write_bytes(SEED.read_bytes())
    review = api.review("seed.txt")  # the default rules: MM01 among them
    flags = _mm01(review)
    assert [f.text for f in flags] == [
        "On Friday, leaders from five Central Asian nations and Japan are scheduled to convene their first summit meeting in Kazakhstan."
    ]
    (flag,) = flags
    assert flag.severity.value == "warning"
    assert "rated 'Outdated' (inaccurate) by Example Fact Checks on 2025-12-22" in flag.message
    assert "https://factcheck.invalid/2025/12/astana-summit-cancelled" in flag.message
    assert "The verdict dates from 2025-12-22" in flag.message


def test_the_seed_without_a_memory_gets_no_flag_and_nothing_is_written(project):
    (project / "seed.txt").write_bytes(SEED.read_bytes())
    assert _mm01(api.review("seed.txt")) == []
    assert not (project / ".factcheck").exists()
    assert open_memory(project_root()) is None


def test_the_seed_with_unrelated_fact_checks_gets_no_flag(project):
    from factcheck.memory import import_records
    from factcheck.memory.claimreview import read_claimreviews

    import_records(project, read_claimreviews(FIXTURES / "other-claimreviews.jsonl").records)
    (project / "seed.txt").write_bytes(SEED.read_bytes())
    assert _mm01(api.review("seed.txt")) == []
