"""Flags as the rules make them (``Rule.flag``) and as ``pipeline.attach_flags`` hands them to the claims."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import ValidationError

from factcheck import article_from_text
from factcheck.models import ArticleDate, Claim, Evidence, Flag, Severity, Span
from factcheck.pipeline import attach_flags, check, extract
from factcheck.rules.base import CheckContext, Rule
from factcheck.text.segment import Document, Sentence

_TEXT = "Officials said the deal is done. It will open in May. Nothing else."


class _Probe(Rule):
    code, name, severity = "ZZ01", "test.probe", Severity.INFO


def _context() -> CheckContext:
    article = article_from_text(_TEXT)
    doc = Document(article=article, sentences=[Sentence(0, 32, 0), Sentence(33, 53, 0), Sentence(54, 67, 0)])
    return CheckContext(doc=doc, claims=[], mentions=[], article_date=ArticleDate(basis="unknown"))


def test_a_rule_flag_is_the_flag_the_model_builds_and_its_span_is_still_checked() -> None:
    ctx = _context()
    evidence = [Evidence(source="kb", record="Q1", detail="a record")]
    flag = _Probe().flag(ctx, 0, 14, "unnamed", suggestion="name them", evidence=evidence, severity=Severity.WARNING)
    expected = Flag(
        code="ZZ01",
        name="test.probe",
        severity=Severity.WARNING,
        message="unnamed",
        text="Officials said",
        span=Span(start=0, end=14),
        suggestion="name them",
        evidence=evidence,
    )
    assert flag == expected and isinstance(flag.span, Span)
    assert flag.model_fields_set == expected.model_fields_set  # the same fields given: the same registry output
    for start, end in ((5, 2), (-1, 3)):  # an end before its start, a negative offset: refused as before
        with pytest.raises(ValidationError):
            _Probe().flag(ctx, start, end, "bad span")


def _claim(n: int, start: int, end: int, flags: list[Flag] | None = None) -> Claim:
    return Claim(id=f"c{n}", text=_TEXT[start:end], span=Span(start=start, end=end), flags=flags or [])


def _flag(code: str, start: int, end: int, message: str = "m") -> Flag:
    return Flag(
        code=code,
        name=f"test.{code}",
        severity=Severity.INFO,
        message=message,
        text=_TEXT[start:end],
        span=Span(start=start, end=end),
    )


def test_flags_go_to_the_claim_holding_their_start_in_order_without_duplicates() -> None:
    old = _flag("OLD1", 54, 61)
    claims = [_claim(1, 0, 32), _claim(2, 33, 53), _claim(3, 54, 67, [old])]
    first, second = _flag("HG01", 36, 43, "first"), _flag("HG01", 36, 43, "second")  # same place and code
    flags = [_flag("TM02", 48, 52), first, _flag("AT03", 0, 14), second, _flag("CL01", 36, 40), _flag("XX01", 32, 33)]
    out = attach_flags(claims, flags)
    assert [[(f.code, f.span.start, f.message) for f in c.flags] for c in out] == [
        [("AT03", 0, "m")],
        [("CL01", 36, "m"), ("HG01", 36, "first"), ("TM02", 48, "m")],  # by start, end, code; the first of equals
        [],  # its old flag is not raised any more; XX01 starts between claims: dropped
    ]
    assert claims[2].flags == [old] and not claims[0].flags  # the claims passed in are not changed
    assert attach_flags(claims[:2], [])[0] is claims[0]  # a claim with nothing to attach is passed on as it is


@pytest.mark.parametrize(
    "text",
    [
        "Talks end\n\nOfficials said the summit will be the first between the two. “It is expected to go,” he said.",
        "Istanbul talks\n\nThe ſources said the ıdea is the largest plan. Prime Minister Tony Blair will visit Japan.",
        "İstanbul talks\n\nOFFICIALS SAID the deal will open in May, the biggest since 1991.",  # lower() changes length
    ],
)
def test_check_with_the_extraction_look_ups_flags_as_with_its_own(kb, text: str) -> None:
    ex = extract(article_from_text(text), kb=kb)
    assert ex.index is not None and ex.index.mentions is ex.mentions and ex.folded is not None
    handed_on = [c.model_dump() for c in check(ex, kb=kb)]
    own = [c.model_dump() for c in check(replace(ex, index=None, folded=None), kb=kb)]
    assert handed_on == own and any(c["flags"] for c in own)
