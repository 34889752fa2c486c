"""A flag's evidence keeps its kind (KB record, article text, free words) and a mention's attrs their types through
the registry file, and registries written before the typed kinds still read."""

import datetime as dt

from factcheck.api import analyse
from factcheck.article import article_from_text
from factcheck.models import Evidence, Flag, KbEvidence, Registry, Severity, Span, TextEvidence
from factcheck.registry.yaml_io import dump_registry, load_registry_text


def _registry(evidence) -> Registry:
    registry = analyse(article_from_text("The minister spoke.\n", path="a.txt"), kb=None, select=["CL01"])
    claim = registry.claims[0].model_copy(update={"flags": [
        Flag(code="TM01", name="time.office-anachronism", severity=Severity.ERROR, message="m", text="The",
             span=Span(start=0, end=3), evidence=evidence)]})
    return registry.model_copy(update={"claims": [claim]})


def test_each_kind_reads_back_as_itself():
    evidence = [
        KbEvidence(source="office_holders", record="Q1 JP.pm", layer="desk", label="A (Q1): PM", start=dt.date(2020, 9, 16),
                   detail="A (Q1): PM 2020-09-16 to present; layer desk"),
        TextEvidence(record="scope", detail="between Japan and Central Asia", span=Span(start=4, end=12)),
        Evidence(source="desk memory", record="https://example.org/check", detail="match score 0.90"),
    ]
    text = dump_registry(_registry(evidence))
    loaded, _ = load_registry_text(text)
    assert loaded.claims[0].flags[0].evidence == evidence
    assert [type(e) for e in loaded.claims[0].flags[0].evidence] == [KbEvidence, TextEvidence, Evidence]


def test_a_registry_from_before_the_typed_kinds_reads_as_plain_evidence():
    text = dump_registry(_registry([Evidence(source="x", record="y", detail="z")]))
    old = text.replace("          - source: x\n            record: y\n            detail: z\n",
                       "          - source: office_holders\n            record: Q1 JP.pm\n"
                       "            detail: 'A (Q1): PM 2020-09-16 to 2021-10-04; layer default'\n")
    assert old != text
    loaded, _ = load_registry_text(old)
    (evidence,) = loaded.claims[0].flags[0].evidence
    assert type(evidence) is Evidence and evidence.record == "Q1 JP.pm"


def test_text_evidence_points_into_the_article():
    text = ("Japan held the first summit between Japan and the nations of Central Asia. "
            "The leaders agreed on three priorities: trade, energy, transport and education.\n")
    registry = analyse(article_from_text(text, path="a.txt"), kb=None, select=["CL01", "CN01"])
    found = {e.record: text[e.span.start : e.span.end] for c in registry.claims for f in c.flags for e in f.evidence
             if isinstance(e, TextEvidence)}
    assert found == {"scope": "between Japan and the nations of Central Asia",
                     "enumeration": "trade, energy, transport and education"}


def test_mention_attrs_are_typed_and_old_string_attrs_still_read():
    text = "On Friday, the leaders of five nations met.\n"
    registry = analyse(article_from_text(text, path="a.txt"), kb=None)
    mentions = [m for c in registry.claims for m in c.mentions]
    friday = next(m for m in mentions if m.text == "On Friday")
    five = next(m for m in mentions if m.text.startswith("five"))
    assert (friday.attrs.relative, friday.attrs.weekday, five.attrs.count) == (True, 4, 5)
    written = dump_registry(registry)
    assert "attrs: {relative: true, weekday: 4}" in written and "count: 5," in written
    old = written.replace("attrs: {relative: true, weekday: 4}", "attrs: {relative: 'true', weekday: '4'}").replace("count: 5,", "count: '5',")
    assert old != written
    loaded, _ = load_registry_text(old)
    assert loaded.claims == registry.claims


def test_asking_typed_attrs_for_membership_fails_loudly():
    """Code written for the old dict ("refers_to" in m.attrs) would otherwise be quietly False."""
    import pytest

    from factcheck.models import MentionAttrs

    with pytest.raises(TypeError, match="attrs.refers_to is not None"):
        "refers_to" in MentionAttrs(refers_to="Yoshihide Suga")  # noqa: B015
