"""The span of dates an undated article could have (``ArticleDate.range``)."""

import datetime as dt

import pytest

from factcheck.article import article_from_text
from factcheck.kb import default_kb
from factcheck.models import DateBasis, DateBound, DateRange
from factcheck.pipeline import extract
from factcheck.rules.base import CheckContext


def date_of(text: str):
    return extract(article_from_text(text), kb=default_kb()).article_date


def test_present_office_holder_bounds_the_date_and_names_its_record():
    date = date_of("Headline\n\nPrime Minister of Japan Fumio Kishida has met the delegation on Monday.\n")
    assert date.value is None
    kishida = [b for b in date.range.bounds if b.record and b.record.endswith("JP.prime-minister")]
    assert len(kishida) == 1 and "Fumio Kishida" in kishida[0].reason
    assert (kishida[0].earliest, kishida[0].latest) == (dt.date(2021, 10, 4), dt.date(2024, 10, 1))
    assert (date.range.earliest, date.range.latest) == (dt.date(2021, 10, 4), dt.date(2024, 10, 1))


def test_former_holder_and_past_tense_do_not_bound_it():
    for sentence in ("Former Prime Minister of Japan Fumio Kishida has met the delegation on Monday.",
                     "Prime Minister of Japan Fumio Kishida signed the deal in Tokyo."):
        date = date_of(f"Headline\n\n{sentence}\n")
        assert not any(b.record for b in date.range.bounds), sentence


def test_past_tense_with_a_relative_date_is_about_the_present_and_bounds_it():
    # "on Monday" ties the sentence to the article's own week (the office linker's reading too).
    date = date_of("Headline\n\nPrime Minister of Japan Fumio Kishida signed the deal on Monday.\n")
    assert any(b.record and "Q359480" in b.record for b in date.range.bounds)


def test_latest_year_named_is_a_lower_bound_but_a_target_is_not():
    date = date_of("Headline\n\nThe plant opened in 2019 and grew in March 2023. It aims to be carbon-free by 2030.\n")
    years = [b for b in date.range.bounds if b.earliest and not b.record]
    assert [b.earliest for b in years] == [dt.date(2023, 3, 1)]
    assert "'March 2023'" in years[0].reason
    assert date.range.earliest == dt.date(2023, 3, 1)
    newest = max(default_kb().coverage.values())
    assert date.range.latest == newest


def test_no_range_when_the_date_is_known():
    date = date_of("---\ndate: 2024-08-09\n---\nHeadline\n\nPrime Minister of Japan Fumio Kishida spoke.\n")
    assert date.value == dt.date(2024, 8, 9) and date.range is None


def test_intersection_keeps_contradictions_visible():
    assert DateRange.intersecting([]) is None
    r = DateRange.intersecting([DateBound(earliest=dt.date(2023, 1, 1), reason="a"), DateBound(latest=dt.date(2021, 1, 1), reason="b")])
    assert (r.earliest, r.latest) == (dt.date(2023, 1, 1), dt.date(2021, 1, 1)) and len(r.bounds) == 2


def test_the_office_links_are_found_once_per_article_and_handed_to_the_rules(monkeypatch):
    import factcheck.pipeline as pipeline
    import factcheck.rules.base as base
    from factcheck.pipeline import check

    calls = []
    real = pipeline.link_offices
    counting = lambda index, kb, *rest: calls.append(1) or real(index, kb, *rest)  # noqa: E731
    monkeypatch.setattr(pipeline, "link_offices", counting)
    monkeypatch.setattr(base, "link_offices", counting)
    kb = default_kb()
    for text in ("Headline\n\nPrime Minister of Japan Fumio Kishida met the envoy on Monday.\n",
                 "---\ndate: 2024-05-01\n---\nHeadline\n\nPrime Minister of Japan Fumio Kishida met the envoy on Monday.\n"):
        calls.clear()
        ex = extract(article_from_text(text), kb=kb)
        assert len(ex.office_links) == 1
        flags = [f.code for c in check(ex, kb=kb) for f in c.flags]
        assert len(calls) == 1
        # the links handed on change no answer: a check with another KB object links afresh, and agrees
        other = type(kb).layered(kb, [])
        assert [f.code for c in check(ex, kb=other) for f in c.flags] == flags and len(calls) == 2


def test_the_kind_of_basis_decides_whether_the_date_is_a_lower_bound():
    from factcheck.resolve.article_date import resolve_date
    from factcheck.text.segment import segment

    cases = [
        ("---\ndate: 2024-05-01\n---\nHeadline\n\nThe talks ended on 3 May 2024.\n", DateBasis.FRONT_MATTER, False),
        ("Headline\n\nThe talks ended on 3 May 2024.\n", DateBasis.TEXT_DATES, True),
        ("Headline\n\nThe talks ended yesterday.\n", DateBasis.UNKNOWN, False),
    ]
    for text, basis, lower in cases:
        resolved = resolve_date(segment(article_from_text(text)))
        assert (resolved.basis, resolved.is_lower_bound) == (basis, lower), text
        ex = extract(article_from_text(text), kb=default_kb())
        assert (ex.article_date.value, ex.article_date.basis) == (resolved.value, basis)
        ctx = CheckContext(doc=ex.doc, claims=[], mentions=[], article_date=ex.article_date)
        assert ctx.date_is_lower_bound is lower


def test_an_unknown_date_basis_is_rejected_and_old_registries_read():
    from pydantic import ValidationError

    from factcheck.models import ArticleDate, DateBasis

    for basis in ("guessed", "latest date", "", "Front matter"):
        with pytest.raises(ValidationError):
            ArticleDate(value=dt.date(2024, 5, 1), basis=basis, detail="made up")
        with pytest.raises(ValidationError):
            ArticleDate.model_validate({"value": "2024-05-01", "basis": basis})
    # the lower bound is the closed value's: words that read like a lower bound under another basis are not one
    assert not ArticleDate(value=dt.date(2024, 5, 1), basis=DateBasis.GIVEN, detail="latest full date in the text").is_lower_bound
    # a registry written before the split kept only the words, under "basis"
    old = {
        "front matter": DateBasis.FRONT_MATTER,
        "given with --date": DateBasis.GIVEN,
        "latest full date in the text (2024-05-03); no dateline or front matter, so verify": DateBasis.TEXT_DATES,
        "dateline 'TOKYO, Oct 1, 1987 (Reuters) -'": DateBasis.DATELINE,
        "no front matter, no dateline, no full date in the text": DateBasis.UNKNOWN,
    }
    for words, basis in old.items():
        read = ArticleDate.model_validate({"value": "2024-05-03" if basis is not DateBasis.UNKNOWN else None, "basis": words})
        assert (read.basis, read.detail) == (basis, words)
    undated = ArticleDate.model_validate({"value": None, "basis": "dateline 'TOKYO, Oct 1 (Reuters) -' gives --10-01"})
    assert undated.basis is DateBasis.DATELINE_WITHOUT_YEAR


def test_dateline_after_a_headline_keeps_month_and_day_and_guesses_no_year():
    found = date_of("Leaders meet\n\nTOKYO, Oct 1 (Reuters) - The talks that began in 1986 resumed on 3 March 1986.\n")
    assert found.value is None
    assert found.basis is DateBasis.DATELINE_WITHOUT_YEAR
    assert "dateline 'TOKYO, Oct 1 (Reuters) -'" in found.detail and "--10-01" in found.detail


def test_dateline_with_a_year_after_a_headline_dates_the_article():
    found = date_of("Leaders meet\n\nTOKYO, Oct 1, 1987 (Reuters) - The talks resumed.\n")
    assert found.value == dt.date(1987, 10, 1) and found.basis is DateBasis.DATELINE


def test_front_matter_date_wins_over_a_dateline_without_year():
    found = date_of("---\ndate: 1987-10-01\n---\nLeaders meet\n\nTOKYO, Oct 1 (Reuters) - The talks resumed.\n")
    assert found.value == dt.date(1987, 10, 1) and found.basis is DateBasis.FRONT_MATTER
