import pytest

from factcheck.article import article_from_text
from factcheck.text.boilerplate import boilerplate_kind
from factcheck.text.segment import segment


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Share:", "share"),
        ("Related News", "related"),
        ("Read more: Why the summit matters", "read-more"),
        ("By Jane Smith", "byline"),
        ("By Jane Smith and Ken Doe, Reuters", "byline"),
        ("Photo: Getty Images", "photo-credit"),
        ("(Photo by John Doe/AFP)", "photo-credit"),
        ("Advertisement", "advertisement"),
        ("The minister said the deal was signed on Friday.", None),
        ("By the end of the year, exports had doubled to a record.", None),
        ("Share prices fell sharply on Monday after the announcement.", None),
    ],
)
def test_boilerplate_lines(line, kind):
    assert boilerplate_kind(line) == kind


def test_headline_paragraphs_sentences_and_boilerplate():
    text = "Leaders Meet In Astana\n\nBy Jane Smith\n\nThe leaders met. They signed a deal.\n\nShare:\n\nRelated News"
    doc = segment(article_from_text(text))
    assert doc.headline is not None and text[doc.headline.start : doc.headline.end] == "Leaders Meet In Astana"
    assert [text[s.start : s.end] for s in doc.sentences] == ["Leaders Meet In Astana", "The leaders met.", "They signed a deal."]
    assert [(b.kind, text[b.start : b.end]) for b in doc.boilerplate] == [("byline", "By Jane Smith"), ("share", "Share:"), ("related", "Related News")]


def test_markdown_heading_is_headline_without_hashes():
    text = "# Big News Today\n\nSomething happened. Then more."
    doc = segment(article_from_text(text))
    assert text[doc.headline.start : doc.headline.end] == "Big News Today"


def test_single_paragraph_article_has_no_headline():
    doc = segment(article_from_text("Just one line of text."))
    assert doc.headline is None
    assert len(doc.sentences) == 1
