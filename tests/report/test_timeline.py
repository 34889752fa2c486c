import datetime as dt

from factcheck.models import Evidence, Flag, Severity, Span
from factcheck.report.summary import is_time_flag
from factcheck.report.timeline import Term, render_svg, terms_from_flag, timeline_for


def flag(*details, code="TM01", name="time.office-anachronism"):
    return Flag(code=code, name=name, severity=Severity.ERROR, message="m", text="x", span=Span(start=0, end=1),
                evidence=[Evidence(source="kb:default", record=f"Q{i}", detail=d) for i, d in enumerate(details)])


def test_terms_from_evidence_details():
    f = flag("Yoshihide Suga, JP.prime-minister 2020-09-16 – 2021-10-04", "Fumio Kishida 2021-10-04 - present",
             "two terms: 2006-09-26 to 2007-09-26; 2012-12-26..2020-09-16")
    assert terms_from_flag(f) == [
        Term("Yoshihide Suga, JP.prime-minister", dt.date(2020, 9, 16), dt.date(2021, 10, 4)),
        Term("Fumio Kishida", dt.date(2021, 10, 4), None),
        Term("two terms", dt.date(2006, 9, 26), dt.date(2007, 9, 26)),
        Term("two terms", dt.date(2012, 12, 26), dt.date(2020, 9, 16)),
    ]


def test_no_timeline_without_ranges_and_nothing_raises():
    assert timeline_for(flag("no dates here", None, "2021-13-45 – 2022-01-01", "2022-01-01 – 2021-01-01"), None) is None
    assert timeline_for(flag(), dt.date(2024, 1, 1)) is None


def test_record_labels_a_bare_range():
    assert terms_from_flag(flag("2020-01-01 – 2021-01-01"))[0].label == "Q0"


def test_svg_marks_the_term_covering_the_article_date_and_escapes_labels():
    f = flag("<Suga> & co 2020-09-16 – 2021-10-04", "Kishida 2021-10-04 – 2024-10-01")
    svg = render_svg(timeline_for(f, dt.date(2024, 8, 9)))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "&lt;Suga&gt; &amp; co" in svg and "<Suga>" not in svg
    assert svg.count('class="term"') == 1 and svg.count('class="term covers"') == 1
    assert "article 2024-08-09" in svg and ">2022<" in svg


def test_svg_without_article_date_and_with_open_term():
    svg = render_svg(timeline_for(flag("Kishida 2021-10-04 – present"), None))
    assert "article date unknown" in svg and 'class="term open"' in svg


def test_time_flags_by_code_or_name():
    assert is_time_flag(flag(code="TM07", name="x.y"))
    assert is_time_flag(flag(code="XX01", name="time.something"))
    assert not is_time_flag(flag(code="QT01", name="quote.speaker"))
