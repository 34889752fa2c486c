"""Extraction units: check-worthiness weights as data, and mentions on sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from factcheck.article import article_from_text
from factcheck.extract import checkworthiness
from factcheck.models import MentionKind, ReviewStatus
from factcheck.pipeline import extract


def _claims(text: str):
    return extract(article_from_text(text)).claims


def _mentions(text: str, kind: MentionKind):
    return [m for m in extract(article_from_text(text)).mentions if m.kind is kind]


def test_weights_file_has_provenance_and_a_threshold():
    data = json.loads(checkworthiness.WEIGHTS_FILE.read_text(encoding="utf-8"))
    prov = data["provenance"]
    assert "CheckThat" in prov["data"]
    assert set(prov["features"]) <= set(data["weights"])
    assert 0 < data["threshold"] < 1
    assert {"f1", "precision", "recall"} <= set(prov["dev"])
    assert checkworthiness.CHECKWORTHY_THRESHOLD == data["threshold"]


def test_score_rises_with_a_number_and_falls_with_opinion():
    base = checkworthiness.score({})
    assert checkworthiness.score({"number": 1.0}) > base
    assert checkworthiness.score({"opinion": 1.0}) < base
    assert checkworthiness.score({"unknown-feature": 1.0}) == base


def test_factual_sentence_is_checkworthy_and_filler_is_not():
    (fact,) = _claims("Unemployment fell to 4.2 percent in March, the lowest rate since 2008.")
    assert fact.review.status is ReviewStatus.UNREVIEWED
    assert fact.checkworthiness.score >= checkworthiness.CHECKWORTHY_THRESHOLD
    (filler,) = _claims("I think that we should all be very hopeful about it.")
    assert filler.review.status is ReviewStatus.NOT_CHECKWORTHY
    assert filler.checkworthiness.score < checkworthiness.CHECKWORTHY_THRESHOLD
