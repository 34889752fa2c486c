"""Every report format on the seed (with a desk's annotations) and on an article of special characters."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re
from pathlib import Path

import jsonschema
import pytest

from factcheck.report import SUFFIXES, ReportFormat, render
from factcheck.report.json_report import schema_text
from factcheck.report.jsonld import BEST_RATING, WORST_RATING
from factcheck.report.summary import VERDICT_STATUSES

from .conftest import DESK

REPO = Path(__file__).resolve().parents[2]
SCHEMA_FILE = REPO / "schemas" / "report.schema.json"


@pytest.mark.parametrize("fmt", list(ReportFormat), ids=lambda f: f.value)
def test_annotated_seed_baseline(annotated_seed, fmt, file_regression):
    registry, text = annotated_seed
    out = render(registry, fmt, article_text=text, config=DESK)
    assert out == render(registry, fmt, article_text=text, config=DESK), "reports must be deterministic"
    assert dt.date.today().isoformat() not in out, "reports carry no timestamps"
    file_regression.check(out, extension=SUFFIXES[fmt].replace(".claimreview", "").replace(".annotations", ""))


def test_schema_file_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/report.schema.json is out of date: python -m factcheck.report.json_report > schemas/report.schema.json"
    )


def _validate(out: str) -> dict:
    data = json.loads(out)
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))).validate(data)
    return data


def test_json_report_validates_and_summarises(annotated_seed):
    registry, text = annotated_seed
    data = _validate(render(registry, "json", article_text=text))
    assert data["format"] == 1
    assert list(data) == ["format", "summary", "registry"]
    summary = data["summary"]
    assert summary["statuses"]["inaccurate"] == 1 and summary["statuses"]["accurate"] == 1
    assert summary["severities"]["error"] == {"total": 1, "open": 1}
    open_warnings = sum(1 for c in registry.claims for f in c.flags if f.severity.value == "warning" and f.disposition.value == "open")
    all_warnings = sum(1 for c in registry.claims for f in c.flags if f.severity.value == "warning")
    assert summary["severities"]["warning"] == {"total": all_warnings, "open": open_warnings}
    kinds = [(i["kind"], i["claim"]) for i in summary["open_items"]]
    suga = next(c.id for c in registry.claims if "Yoshihide Suga" in c.text)
    assert ("open-error", suga) in kinds
    unreviewed = {c.id for c in registry.claims if c.review.status.value == "unreviewed"}
    assert {c for k, c in kinds if k == "unreviewed"} == unreviewed


def test_json_schema_rejects_a_broken_report(annotated_seed):
    registry, text = annotated_seed
    data = json.loads(render(registry, "json", article_text=text))
    data["summary"]["open_items"][0]["kind"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_claimreview_required_properties(annotated_seed):
    registry, text = annotated_seed
    data = json.loads(render(registry, "claimreview", article_text=text, config=DESK))
    assert data["@context"] == "https://schema.org"
    reviews = data["@graph"]
    decided = [c for c in registry.claims if c.review.status in VERDICT_STATUSES]
    assert len(reviews) == len(decided) == 3
    for review, claim in zip(reviews, sorted(decided, key=lambda c: c.span.start)):
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.text
        assert review["url"] == f"https://desk.example/reports/japan-central-asia-summit.html#{claim.id}"
        assert review["author"] == {"@type": "Organization", "name": "Example Desk", "url": "https://desk.example/"}
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        if "ratingValue" in rating:
            assert WORST_RATING <= rating["ratingValue"] <= BEST_RATING
            assert (rating["worstRating"], rating["bestRating"]) == (WORST_RATING, BEST_RATING)
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["appearance"]["headline"] == registry.article.title
        assert item["datePublished"] == "2024-08-09"
    suga = next(r for r in reviews if "Suga" in r["claimReviewed"])
    assert suga["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1, "worstRating": 1, "bestRating": 4}
    assert suga["datePublished"] == "2024-08-10"
    unverifiable = next(r for r in reviews if r["claimReviewed"].startswith("Bringing together"))
    assert "ratingValue" not in unverifiable["reviewRating"]


def test_web_annotations_select_every_claim(annotated_seed):
    registry, text = annotated_seed
    data = json.loads(render(registry, "annotations", article_text=text, config=DESK))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(registry.claims)
    for item in items:
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
    suga = next(i for i in items if "Yoshihide Suga" in i["target"]["selector"][0]["exact"])
    assert suga["motivation"] == "assessing"
    purposes = [b["purpose"] for b in suga["body"]]
    assert purposes.count("assessing") == 1 and "linking" in purposes
    assert any("TM01" in b.get("value", "") and "Q122465" in b.get("value", "") for b in suga["body"])
    assert suga["creator"] == {"type": "Person", "name": "A. Editor"}


def test_markdown_summary_comes_first_and_lists_open_items(annotated_seed):
    registry, text = annotated_seed
    md = render(registry, "md", article_text=text)
    assert md.index("## Summary") < md.index("## Open items") < md.index("## Claims")
    suga = next(c for c in registry.claims if "Yoshihide Suga" in c.text)
    assert re.search(rf"- \[ \] \[{suga.id}\]\(#{suga.id.lower()}\) \(\d+:\d+\) \*\*open error\*\* TM01", md)
    assert "Verdict: **inaccurate** (rating: False): Suga left office" in md
    assert "<https://www.kantei.go.jp/jp/rekidainaikaku/index.html>" in md
    assert "<javascript:" not in md and "javascript:alert(1)" in md  # shown, not linked
    assert "&lt;script&gt;" in md and "<script>" not in md
    assert "[dismissed: dated by the test]" in md


def test_html_report_escapes_editor_fields_and_draws_timeline(annotated_seed):
    registry, text = annotated_seed
    page = render(registry, "html", article_text=text)
    assert page.count("<script") == 1  # the report's own script only
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert 'href="https://www.kantei.go.jp/jp/rekidainaikaku/index.html"' in page
    assert 'href="javascript:' not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.replace('href="https://www.kantei', "")), "no external assets"
    suga = next(c for c in registry.claims if "Yoshihide Suga" in c.text)
    card = page[page.index(f'id="{suga.id}"') :]
    card = card[: card.index("</article>")]
    assert card.count("<svg") == 1 and "article 2024-08-09" in card
    assert card.count('class="term"') == 1 and card.count('class="term covers"') == 1  # Kishida's term covers it
    marks = re.findall(r'<mark class="claim st-([a-z-]+)" data-claim="(C\d+)"', page)
    assert {c for _, c in marks} == {c.id for c in registry.claims}
    assert ("inaccurate", suga.id) in marks


def test_html_without_article_text_lists_claims(annotated_seed):
    registry, _ = annotated_seed
    page = render(registry, "html")
    assert "<mark" not in page and "listed without it" in page
    assert page.count('<article class="card') == len(registry.claims)


@pytest.mark.parametrize("fmt", list(ReportFormat), ids=lambda f: f.value)
def test_special_characters_and_rtl_render_in_every_format(special_article, fmt):
    article, registry = special_article
    assert registry.claims, "the special article must yield claims"
    out = render(registry, fmt, article_text=article.text, config=DESK)
    arabic = next(c.text for c in registry.claims if "أستانا" in c.text)
    if fmt is ReportFormat.md:
        assert "<script>" not in out and "<b>" not in out and "<i>" not in out
        assert "&lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;" in out
        assert arabic in out
    elif fmt is ReportFormat.html:
        assert out.count("<script") == 1 and "<b>" not in out and "<i>" not in out
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in out
        assert "Tom &amp; Jerry&#39;s &lt;b&gt;&#34;best&#34;&lt;/b&gt;" in out
        assert arabic in out and 'dir="auto"' in out
        assert "<title>Review: Tom &amp; Jerry&#39;s &lt;b&gt;" in out and "<code>special-&lt;chars&gt;.txt</code>" in out
        text_div = re.search(r'<div class="text" dir="auto">(.*?)</div>', out, re.S).group(1)
        assert htmllib.unescape(re.sub(r"<[^>]+>", "", text_div)) == article.text  # the article, whole and exact
    else:
        data = json.loads(out)
        if fmt is ReportFormat.json:
            _validate(out)
            claims = data["registry"]["claims"]
            assert all(article.text[c["span"]["start"] : c["span"]["end"]] == c["text"] for c in claims)
        elif fmt is ReportFormat.claimreview:
            assert [r["claimReviewed"] for r in data["@graph"]] == [c.text for c in sorted(registry.claims, key=lambda c: c.span.start)]
            assert all('<i>not italic</i> & "quoted"' in r["reviewBody"] for r in data["@graph"])
        else:
            for item in data["first"]["items"]:
                quote, position = item["target"]["selector"]
                assert article.text[position["start"] : position["end"]] == quote["exact"]
            assert data["first"]["items"][0]["target"]["source"] == "special-<chars>.txt"


def test_unconfirmed_anchors_are_open_items_and_orphans_are_not_placed(annotated_seed):
    from factcheck.models import AnchorStatus
    from factcheck.report.summary import has_verdict

    registry, text = annotated_seed
    fuzzy, orphan = registry.claims[3], registry.claims[5]
    fuzzy.anchor, orphan.anchor = AnchorStatus.FUZZY, AnchorStatus.ORPHANED
    data = json.loads(render(registry, "json", article_text=text))
    anchors = [(i["claim"], i["line"]) for i in data["summary"]["open_items"] if i["kind"] == "anchor"]
    assert [c for c, _ in anchors] == [fuzzy.id, orphan.id]
    assert anchors[0][1] is not None and anchors[1][1] is None  # an orphan has no place to point at
    page = render(registry, "html", article_text=text)
    assert f'data-claim="{orphan.id}"' not in page and f'id="{orphan.id}"' in page
    assert f'data-claim="{fuzzy.id}"' in page and "Anchor fuzzy: confirm" in page
    items = json.loads(render(registry, "annotations", article_text=text))["first"]["items"]
    selectors = {i["id"].split("#")[1].split("-")[0]: [s["type"] for s in i["target"]["selector"]] for i in items}
    if has_verdict(orphan) or orphan.review.verdict:  # a verdict on text no longer in the article is not published
        assert orphan.id not in selectors
    else:
        assert selectors[orphan.id] == ["TextQuoteSelector"]
    assert selectors[fuzzy.id] == ["TextQuoteSelector", "TextPositionSelector"]
    assert "Anchor: **orphaned**: confirm" in render(registry, "md", article_text=text)
