"""Fixtures for the report tests: the seed's registry with a desk's annotations added in a copy, and an article
full of HTML special characters, quotes and right-to-left text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from factcheck import analyse, article_from_text, load_article
from factcheck.config import Config
from factcheck.models import ArticleDate, Disposition, Evidence, EvidenceLink, Flag, ReviewStatus, Severity, Span

SEED = Path(__file__).resolve().parents[2] / "seeds" / "japan-central-asia-summit.txt"
DESK = Config(desk_name="Example Desk", desk_url="https://desk.example/", report_base_url="https://desk.example/reports/",
              articles_dir="seeds")  # as the project's factcheck.toml: seeds/x.txt → claims/x.yaml, reports/x.html


def _claim_containing(registry, needle: str):
    return next(c for c in registry.claims if needle in c.text)


@pytest.fixture(scope="session")
def seed_article():
    return load_article(SEED)


@pytest.fixture()
def annotated_seed(kb, seed_article):
    """The seed's registry after a desk's work: verdicts, notes, sources, a dismissed flag, an open error."""
    # As `factcheck review --date 2024-08-09` run from the repo: the KB rules raise the office error themselves.
    dated = dataclasses.replace(seed_article, date=dt.date(2024, 8, 9), date_basis="option")
    registry = analyse(dated, kb=kb)
    registry.article.path = "seeds/japan-central-asia-summit.txt"
    text = seed_article.text

    suga = _claim_containing(registry, "Yoshihide Suga")
    assert any(f.name == "time.office-anachronism" for f in suga.flags)
    suga.review.status = ReviewStatus.INACCURATE
    suga.review.verdict = "Suga left office in October 2021; Fumio Kishida was prime minister in August 2024."
    suga.review.rating = "False"
    suga.review.notes = "Editor's note with <script>alert('x')</script> & \"quotes\" must show as text."
    suga.review.evidence = [EvidenceLink(url="https://www.kantei.go.jp/jp/rekidainaikaku/index.html", note="Cabinet list"),
                            EvidenceLink(url="javascript:alert(1)", note="a link that must not become a link")]
    suga.review.reviewer = "A. Editor"
    suga.review.reviewed = dt.date(2024, 8, 10)

    friday = _claim_containing(registry, "On Friday")
    for flag in friday.flags:
        flag.disposition = Disposition.DISMISSED
        flag.reason = "dated by the test"
    friday.review.status = ReviewStatus.ACCURATE
    friday.review.verdict = "The summit opened on 9 August 2024 in Astana."
    friday.review.reviewed = dt.date(2024, 8, 10)

    unverifiable = _claim_containing(registry, "Bringing together")
    unverifiable.review.status = ReviewStatus.UNVERIFIABLE
    return registry, text


SPECIAL_TEXT = (
    "Tom & Jerry's <b>\"best\"</b> deal <script>window.__pwned = 1</script> costs 5 < 6 > 4 dollars\n\n"
    "On 2024-08-09, the President of France said that 3 ministers would resign and the budget | table * _x_ [link](y).\n\n"
    "قال رئيس الوزراء إن 5 دول ستجتمع يوم 2024-08-09 في أستانا.\n\n"
    "השר אמר כי 3 מדינות יחתמו על ההסכם ב-2024-08-09.\n"
)


@pytest.fixture()
def special_article(kb):
    """An article of HTML special characters, quotes and right-to-left text, every claim given a verdict."""
    article = article_from_text(SPECIAL_TEXT, path="special-<chars>.txt")
    registry = analyse(article, kb=kb)
    for claim in registry.claims:
        claim.review.status = ReviewStatus.MISLEADING
        claim.review.verdict = f"Verdict on {claim.text[:12]} <i>not italic</i> & \"quoted\""
    return article, registry
