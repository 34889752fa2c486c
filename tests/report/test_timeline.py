import datetime as dt

from factcheck.models import Evidence, Flag, KbEvidence, Severity, Span, TextEvidence
from factcheck.report.summary import is_time_flag
from factcheck.report.timeline import Term, render_svg, terms_from_flag, timeline_for


def term(label, start, end=None, record="Q0"):
    """KB evidence for one term of office ("2020-09-16", None for a term still running)."""
    return KbEvidence(source="office_holders", record=record, layer="default", label=label,
                      start=dt.date.fromisoformat(start) if start else None, end=dt.date.fromisoformat(end) if end else None,
                      detail=f"{label} {start} to {end or 'present'}; layer default")


def flag(*evidence, code="TM01", name="time.office-anachronism"):
    return Flag(code=code, name=name, severity=Severity.ERROR, message="m", text="x", span=Span(start=0, end=1),
                evidence=list(evidence))


def test_terms_from_kb_evidence_fields():
    f = flag(term("Yoshihide Suga (Q1): Prime Minister of Japan", "2020-09-16", "2021-10-04"),
             term("Fumio Kishida", "2021-10-04"))
    assert terms_from_flag(f) == [
        Term("Yoshihide Suga (Q1): Prime Minister of Japan", dt.date(2020, 9, 16), dt.date(2021, 10, 4)),
        Term("Fumio Kishida", dt.date(2021, 10, 4), None),
    ]


def test_dates_written_in_a_detail_or_message_are_not_read():
    """Only typed fields make a term: a range written in words (a plain Evidence's detail, a text quote) does not."""
    words = "Yoshihide Suga 2020-09-16 – 2021-10-04"
    f = flag(Evidence(source="kb:default", record="Q0", detail=words),
             TextEvidence(record="scope", detail=words, span=Span(start=0, end=1)))
    assert terms_from_flag(f) == [] and timeline_for(f, None) is None


def test_no_timeline_without_terms_and_nothing_raises():
    country = KbEvidence(source="factbook", record="JP", layer="default", detail="Japan: Prime Minister")
    assert timeline_for(flag(country, term("no start", None, "2022-01-01"), term("backwards", "2022-01-01", "2021-01-01")), None) is None
    assert timeline_for(flag(), dt.date(2024, 1, 1)) is None


def test_record_labels_a_term_without_a_label():
    f = flag(KbEvidence(source="office_holders", record="Q7 JP.pm", layer="desk", start=dt.date(2020, 1, 1), end=dt.date(2021, 1, 1)))
    assert terms_from_flag(f) == [Term("Q7 JP.pm", dt.date(2020, 1, 1), dt.date(2021, 1, 1))]


def test_svg_marks_the_term_covering_the_article_date_and_escapes_labels():
    f = flag(term("<Suga> & co", "2020-09-16", "2021-10-04"), term("Kishida", "2021-10-04", "2024-10-01"))
    svg = render_svg(timeline_for(f, dt.date(2024, 8, 9)))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "&lt;Suga&gt; &amp; co" in svg and "<Suga>" not in svg
    assert svg.count('class="term"') == 1 and svg.count('class="term covers"') == 1
    assert "article 2024-08-09" in svg and ">2022<" in svg


def test_svg_without_article_date_and_with_open_term():
    svg = render_svg(timeline_for(flag(term("Kishida", "2021-10-04")), None))
    assert "article date unknown" in svg and 'class="term open"' in svg


def test_time_flags_by_code_or_name():
    assert is_time_flag(flag(code="TM07", name="x.y"))
    assert is_time_flag(flag(code="XX01", name="time.something"))
    assert not is_time_flag(flag(code="QT01", name="quote.speaker"))


def test_range_band_drops_the_bound_from_the_flagged_record():
    from factcheck.models import DateBound, DateRange
    from factcheck.report.timeline import range_label

    own = DateBound(earliest=dt.date(2020, 9, 16), latest=dt.date(2021, 10, 4), reason="<own> title", record="Q1")
    kb = DateBound(latest=dt.date(2026, 8, 22), reason="KB coverage")
    year = DateBound(earliest=dt.date(2023, 1, 1), reason="mentions 2023")
    f = flag(term("Suga", "2020-09-16", "2021-10-04", record="Q1"))
    timeline = timeline_for(f, None, DateRange(earliest=dt.date(2023, 1, 1), latest=dt.date(2021, 10, 4), bounds=[own, kb, year]))
    assert timeline.article_range.bounds == [kb, year]
    assert (timeline.article_range.earliest, timeline.article_range.latest) == (dt.date(2023, 1, 1), dt.date(2026, 8, 22))
    svg = render_svg(timeline)
    assert svg.count('class="article-range"') == 1 and "article date unknown: 2023-01-01 to 2026-08-22" in svg
    assert "mentions 2023" in svg and "&lt;own&gt;" not in svg
    # a known date draws the line, not the band
    assert 'class="article-range"' not in render_svg(timeline_for(f, dt.date(2024, 1, 1), DateRange(bounds=[kb])))
    # contradicting bounds: said in words, no band
    contradiction = DateRange(earliest=dt.date(2023, 1, 1), latest=dt.date(2021, 1, 1), bounds=[year])
    assert range_label(contradiction) == "article date unknown: its bounds contradict (2023-01-01 is after 2021-01-01)"
    from factcheck.report.timeline import Timeline

    svg = render_svg(Timeline(terms=(Term("X", dt.date(2020, 1, 1), dt.date(2021, 1, 1)),), article_date=None,
                              article_range=contradiction))
    assert 'class="article-range"' not in svg and "bounds contradict" in svg
