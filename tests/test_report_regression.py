from factcheck import analyse
from factcheck.report.markdown import render_markdown


def test_seed_markdown_report(kb, seed_article, file_regression):
    article = seed_article
    file_regression.check(render_markdown(analyse(article, kb=kb), article.text), extension=".md")


def test_markdown_escapes_article_html(kb):
    from factcheck import article_from_text

    article = article_from_text("A <script>alert(1)</script> Headline\n\nThe minister | said *this* on Friday.")
    text = render_markdown(analyse(article, kb=kb), article.text)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
