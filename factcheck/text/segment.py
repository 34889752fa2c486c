"""Segmentation with exact spans: headline, paragraphs, sentences, and the boilerplate kept out of claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.article import Article
from factcheck.text.boilerplate import boilerplate_kind
from factcheck.text.sentences import split_sentences

# A first paragraph this short, on one line and without closing punctuation, is the headline.
MAX_HEADLINE = 300
_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_LINE = re.compile(r"[^\n]*(?:\n|\Z)")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str  # "headline" | "body"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class BoilerplateLine:
    start: int
    end: int
    kind: str


@dataclass
class Document:
    """An article cut into pieces, each with exact offsets into ``article.text``."""

    article: Article
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    boilerplate: list[BoilerplateLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def headline(self) -> Paragraph | None:
        if self.paragraphs and self.paragraphs[0].kind == "headline":
            return self.paragraphs[0]
        return None


def _lines(text: str):
    """(start, end) of each line, end excluding the newline."""
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            yield pos, n
            return
        yield pos, nl
        pos = nl + 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def segment(article: Article) -> Document:
    """Split an article into headline, paragraphs and sentences; set boilerplate lines aside."""
    text = article.text
    doc = Document(article=article)
    blocks: list[tuple[int, int, int]] = []  # (start, end, line count) of runs of story lines
    run_start = run_end = None
    run_lines = 0

    def close_run() -> None:
        nonlocal run_start, run_end, run_lines
        if run_start is not None:
            blocks.append((run_start, run_end, run_lines))
        run_start = run_end = None
        run_lines = 0

    for start, end in _lines(text):
        s, e = _trim(text, start, end)
        if s == e:
            close_run()
            continue
        kind = boilerplate_kind(text[s:e])
        if kind is not None:
            close_run()
            doc.boilerplate.append(BoilerplateLine(s, e, kind))
            continue
        if run_start is None:
            run_start = s
        run_end = e
        run_lines += 1
    close_run()

    for index, (start, end, line_count) in enumerate(blocks):
        heading = _MD_HEADING.match(text, start, end)
        if heading:
            start = heading.end()
        is_headline = (
            index == 0
            and line_count == 1
            and (heading is not None or (end - start <= MAX_HEADLINE and text[end - 1] not in ".!?:\"”"))
            and len(blocks) > 1
        )
        kind = "headline" if is_headline else "body"
        doc.paragraphs.append(Paragraph(start, end, kind))
        number = len(doc.paragraphs) - 1
        if is_headline or heading:
            doc.sentences.append(Sentence(start, end, number))
        else:
            for s, e in split_sentences(text, start, end):
                doc.sentences.append(Sentence(s, e, number))
    return doc
