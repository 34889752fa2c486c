"""A match whose evidence says it is another claim is not flagged (issue 18: "a different number or year is a
strong sign of a different claim"; a claim about another person is another claim), however many words it shares."""

import pytest

from factcheck import api
from factcheck.kb import default_kb
from factcheck.memory.evidence import NEAR_VERBATIM, conflict, evidence_from_text
from factcheck.memory.model import Evidence

from .conftest import record_verdict


def _evidence(text: str) -> Evidence:
    return evidence_from_text(text, default_kb().country_surface_forms())


SULLIVAN = "Acme finance chief John Sullivan has pleaded guilty to fraud charges in a New York court."


@pytest.mark.parametrize(
    ("query", "record", "reason"),
    [
        (SULLIVAN, "Former Acme finance chief John Sullivan pleaded guilty to fraud charges in court in New York.", ""),
        (SULLIVAN, "Acme finance chief Peter Shkreli has pleaded guilty to fraud charges in a New York court.", "names other people"),
        ("The poll has a margin of error of 3.4 percentage points.", "The poll has a margin of error of 5.7 percentage points.", "gives other numbers"),
        ("The poll has a margin of error of 3.4 percentage points.", "The poll's margin of error is 3.4 percentage points.", ""),
        ("Wheat exports doubled in 2019, the ministry said.", "Wheat exports doubled in 2023, the ministry said.", "gives other years"),
    ],
)
def test_conflict_reasons(query, record, reason):
    found = conflict(_evidence(query), _evidence(record))
    assert (found.startswith(reason) if reason else found == "")


def test_no_shared_name_number_or_year_needs_nearly_the_same_words():
    query, record = Evidence(words=("excus", "wait", "year")), Evidence(words=("excus", "he", "said", "wait", "year"))
    assert conflict(query, record, overlap=NEAR_VERBATIM - 0.01).startswith("shares no name")
    assert conflict(query, record, overlap=NEAR_VERBATIM) == ""
    # a shared name is enough to leave the decision to the match model and the overlap threshold
    named = Evidence(words=query.words, entities=("c:KZ",))
    assert conflict(named, named.model_copy(update={"words": record.words}), overlap=0.5) == ""


def test_accents_do_not_make_two_names(monkeypatch):
    assert conflict(Evidence(entities=("n:calderón",)), Evidence(entities=("n:calderon",))) == ""


FIRST = "Court news\n\nAcme finance chief John Sullivan has pleaded guilty to fraud charges in a New York court, his lawyer said.\n"
SAME = "Court news\n\nFormer Acme finance chief John Sullivan pleaded guilty to fraud charges in a New York court, his lawyer says.\n"
OTHER = "Court news\n\nAcme finance chief Peter Shkreli has pleaded guilty to fraud charges in a New York court, his lawyer said.\n"


def test_the_same_words_about_another_person_are_not_flagged(project):
    (project / "first.txt").write_text(FIRST, encoding="utf-8")
    api.review("first.txt")
    record_verdict(project / "claims" / "first.yaml", "Sullivan", "inaccurate")
    for name, text, expected in (("same.txt", SAME, 1), ("other.txt", OTHER, 0)):
        (project / name).write_text(text, encoding="utf-8")
        flags = [f for c in api.review(name, extend_select=["MM01"]).registry.claims for f in c.flags if f.code == "MM01"]
        assert len(flags) == expected, (name, flags)
