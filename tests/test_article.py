import datetime as dt

import pytest

from factcheck.article import article_from_text, load_article
from factcheck.errors import ArticleError


def test_bom_and_line_ends_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffHeadline\r\n\r\nBody one.\rBody two.".encode("utf-8"))
    article = load_article(path)
    assert article.text == "Headline\n\nBody one.\nBody two."
    assert len(article.sha256) == 64


def test_front_matter_read_and_removed(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\ndate: 2024-08-09\nsource: Wire\n---\nHeadline\n\nBody.\n", encoding="utf-8")
    article = load_article(path)
    assert article.text == "Headline\n\nBody.\n"
    assert article.date == dt.date(2024, 8, 9)
    assert article.title == "T" and article.source == "Wire"
    assert article.line_offset == 5


def test_date_option_overrides_front_matter():
    article = article_from_text("---\ndate: 2020-01-01\n---\nText.", date=dt.date(2024, 1, 2))
    assert article.date == dt.date(2024, 1, 2)
    assert article.date_basis == "option"


@pytest.mark.parametrize(
    "content, message, line",
    [
        ("---\ntitle: [unclosed\n---\nBody", "malformed front matter", 3),
        ("---\ntitle: x\ndate: soon\n---\nBody", "expected a date as YYYY-MM-DD", 3),
        ("---\ntitel: x\n---\nBody", "unknown front matter key 'titel'", 2),
    ],
)
def test_bad_front_matter_names_the_line(tmp_path, content, message, line):
    path = tmp_path / "a.md"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        load_article(path)
    assert message in str(info.value)
    assert info.value.line == line


def test_non_utf8_names_byte_and_suggests_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Caf\xe9 society.\n")
    with pytest.raises(ArticleError) as info:
        load_article(path)
    assert "byte 3" in str(info.value) and "--encoding" in str(info.value)
    assert load_article(path, encoding="cp1252").text == "Café society.\n"


@pytest.mark.parametrize("setup, message", [("missing", "no such file"), ("dir", "is a directory"), ("empty", "is empty")])
def test_unreadable_inputs(tmp_path, setup, message):
    path = tmp_path / "a.txt"
    if setup == "dir":
        path.mkdir()
    elif setup == "empty":
        path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ArticleError, match=message):
        load_article(path)
