"""A match whose evidence says it is another claim is not flagged (issue 18: "a different number or year is a
strong sign of a different claim"; a claim about another person is another claim), however many words it shares."""

import pytest

from factcheck import api
from factcheck.kb import default_kb
from factcheck.memory.evidence import conflict, evidence_from_text, names_only
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


def test_the_words_about_the_names_decide_only_when_names_alone_are_shared():
    merkel = _evidence("German Chancellor Angela Merkel condemned the attack.")
    assert names_only(merkel, _evidence("Chancellor Angela Merkel heralded the deal."))
    # a shared number: the match model decides, as for claims that name nobody
    assert not names_only(_evidence("Marilyn Monroe had an IQ of 168."), _evidence("Marilyn Monroe's IQ was measured at 168."))
    assert not names_only(_evidence("Wheat prices rose sharply."), _evidence("Wheat prices rose sharply after the harvest."))


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


def test_the_same_names_saying_something_else_is_not_flagged(tmp_path):
    from factcheck.memory.evidence import SAID_OTHERWISE
    from factcheck.memory.index import build_index, load_index
    from factcheck.memory.model import MemoryRecord, Origin
    from factcheck.memory.store import Memory

    forms = default_kb().country_surface_forms()
    texts = [
        "German Chancellor Angela Merkel heralded the European Union's deal with Turkey as a breakthrough.",
        "Wheat prices rose sharply after the harvest in Kazakhstan, traders said.",
    ]
    records = [
        MemoryRecord(id=f"r{i}", origin=Origin.CLAIMREVIEW, text=t, url=f"https://example.invalid/{i}", evidence=evidence_from_text(t, forms))
        for i, t in enumerate(texts)
    ]
    build_index(records, tmp_path / "index")
    memory = Memory(load_index(tmp_path / "index"), forms)
    try:
        other = memory.search("German Chancellor Angela Merkel condemned the murderous attack on the European Union's embassy in Turkey.", 1)
        same = memory.search("Traders said wheat prices rose sharply after the harvest in Kazakhstan.", 1)
        assert other[0].record.id == "r0" and other[0].conflict == SAID_OTHERWISE and not memory.flags(other[0], 0.0)
        assert same[0].record.id == "r1" and same[0].conflict == "" and memory.flags(same[0], 0.0)
    finally:
        memory.close()
