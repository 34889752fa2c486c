"""The span of dates an undated article could have (``ArticleDate.range``)."""

import datetime as dt

from factcheck.article import article_from_text
from factcheck.article_date import intersect
from factcheck.kb import default_kb
from factcheck.models import DateBound
from factcheck.pipeline import extract


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
    assert intersect([]) is None
    r = intersect([DateBound(earliest=dt.date(2023, 1, 1), reason="a"), DateBound(latest=dt.date(2021, 1, 1), reason="b")])
    assert (r.earliest, r.latest) == (dt.date(2023, 1, 1), dt.date(2021, 1, 1)) and len(r.bounds) == 2


def test_the_rules_reuse_the_office_links_the_date_range_found(monkeypatch):
    import factcheck.kb.linking as linking
    from factcheck.pipeline import check

    calls = []
    real = linking._link_offices
    monkeypatch.setattr(linking, "_link_offices", lambda ctx: calls.append(1) or real(ctx))
    kb = default_kb()
    undated = extract(article_from_text("Headline\n\nPrime Minister of Japan Fumio Kishida met the envoy on Monday.\n"), kb=kb)
    flags = [f.code for c in check(undated, kb=kb) for f in c.flags]
    assert undated.article_date.value is None and len(calls) == 1
    # a dated article gets new (date-resolved) mentions: nothing is carried over, the rules link them afresh
    calls.clear()
    dated = extract(article_from_text("---\ndate: 2024-05-01\n---\nHeadline\n\nPrime Minister of Japan Fumio Kishida met the envoy on Monday.\n"), kb=kb)
    assert dated.memo == {}
    check(dated, kb=kb)
    assert len(calls) == 1
    # sharing changes no answer: the same flags as a context that starts empty
    undated.memo.clear()
    assert [f.code for c in check(undated, kb=kb) for f in c.flags] == flags


def test_dateline_after_a_headline_keeps_month_and_day_and_guesses_no_year():
    found = date_of("Leaders meet\n\nTOKYO, Oct 1 (Reuters) - The talks that began in 1986 resumed on 3 March 1986.\n")
    assert found.value is None
    assert "dateline 'TOKYO, Oct 1 (Reuters) -'" in found.basis and "--10-01" in found.basis


def test_dateline_with_a_year_after_a_headline_dates_the_article():
    found = date_of("Leaders meet\n\nTOKYO, Oct 1, 1987 (Reuters) - The talks resumed.\n")
    assert found.value == dt.date(1987, 10, 1) and found.basis.startswith("dateline")


def test_front_matter_date_wins_over_a_dateline_without_year():
    found = date_of("---\ndate: 1987-10-01\n---\nLeaders meet\n\nTOKYO, Oct 1 (Reuters) - The talks resumed.\n")
    assert found.value == dt.date(1987, 10, 1) and found.basis == "front matter"
