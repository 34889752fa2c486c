import json
from pathlib import Path

import pytest

from factcheck.memory.claimreview import ClaimReviewError, read_claimreviews, verdict_for_rating
from factcheck.memory.model import Verdict

FIXTURES = Path(__file__).parent / "fixtures"


def test_graph_document_gives_its_claimreview_and_skips_other_objects():
    result = read_claimreviews(FIXTURES / "astana-summit-claimreview.jsonld")
    assert result.skipped == 1  # the Organization
    (record,) = result.records
    assert record.text.startswith("Leaders of Japan and the five Central Asian countries")
    assert record.url == "https://factcheck.invalid/2025/12/astana-summit-cancelled"
    assert (record.rating, record.verdict, record.source, record.date) == ("Outdated", Verdict.INACCURATE, "Example Fact Checks", "2025-12-22")
    assert record.appearances == ("https://news.invalid/2024/08/05/central-asia-summit",)
    assert "Tokyo" in record.headline and "Tokyo" in record.notes


def test_json_lines_skip_objects_without_a_url(tmp_path):
    result = read_claimreviews(FIXTURES / "other-claimreviews.jsonl")
    assert [r.verdict for r in result.records] == [Verdict.ACCURATE, Verdict.UNVERIFIABLE]
    assert result.skipped == 1


def test_a_list_and_a_single_object_are_read(tmp_path):
    obj = {"@type": "ClaimReview", "url": "https://x.invalid/1", "claimReviewed": "A claim.", "reviewRating": {"alternateName": "Pants on Fire!"}}
    (tmp_path / "one.json").write_text(json.dumps(obj))
    (tmp_path / "list.json").write_text(json.dumps([obj, {**obj, "url": "https://x.invalid/2"}]))
    assert [r.verdict for r in read_claimreviews(tmp_path / "one.json").records] == [Verdict.INACCURATE]
    assert len(read_claimreviews(tmp_path / "list.json").records) == 2


def test_not_json_names_the_line(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"@type": "ClaimReview"}\nnot json\n')
    with pytest.raises(ClaimReviewError, match="line 2"):
        read_claimreviews(tmp_path / "bad.jsonl")


@pytest.mark.parametrize(
    "rating, verdict",
    [("False", Verdict.INACCURATE), ("Mostly false", Verdict.INACCURATE), ("Half True", Verdict.MISLEADING),
     ("Missing context", Verdict.MISLEADING), ("TRUE", Verdict.ACCURATE), ("Unproven", Verdict.UNVERIFIABLE),
     ("Four Pinocchios", Verdict.INACCURATE), ("Something else", None), (None, None)],
)
def test_ratings_map_onto_verdicts_by_the_vocabulary(rating, verdict):
    assert verdict_for_rating(rating) is verdict
