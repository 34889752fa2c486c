from pathlib import Path

from factcheck import analyse, load_article
from factcheck.report.markdown import render_markdown

SEED = Path(__file__).resolve().parent.parent / "seeds" / "japan-central-asia-summit.txt"


def test_seed_markdown_report(kb, file_regression):
    article = load_article(SEED)
    registry = analyse(article, kb=kb)
    registry.article.path = "seeds/japan-central-asia-summit.txt"  # not the checkout's absolute path
    file_regression.check(render_markdown(registry, article.text), extension=".md")


def test_markdown_escapes_article_html(kb):
    from factcheck import article_from_text

    article = article_from_text("A <script>alert(1)</script> Headline\n\nThe minister | said *this* on Friday.")
    text = render_markdown(analyse(article, kb=kb), article.text)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
