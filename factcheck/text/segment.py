"""Segmentation with exact spans: headline, paragraphs, sentences, and the boilerplate kept out of claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from factcheck.article import Article
from factcheck.text.boilerplate import boilerplate_kind
from factcheck.text.sentences import split_sentences

# A first paragraph this short, on one line and without closing punctuation, is the headline.
MAX_HEADLINE = 300
_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_LINE = re.compile(r"[^\n]*(?:\n|\Z)")
# Hard-wrapped copy: a line break is a wrap (read as a space) when the line is at least half the text's widest
# line and the next line's first word would not have fitted on it. Texts whose widest line is shorter than this
# are lists or verse, not wrapped prose: their line breaks all stay.
MIN_WRAP_WIDTH = 40
_FIRST_TOKEN = re.compile(r"[^\S\n]*(\S*)")
_ITEM_END = ".!?:;)\"”’'"
_BULLET_LINE = re.compile(r"(?:[•*·▪●◦]|\d{1,2}[.)])\s")


# Paragraphs and sentences are named tuples of atoms: made by the ten per article and kept with its extraction, a
# tuple is quicker to make than a frozen dataclass (no object.__setattr__ per field), and the garbage collector
# stops tracking a tuple of atoms after its first pass, where each dataclass instance is traversed at every one.
class Paragraph(NamedTuple):
    start: int
    end: int
    kind: str  # "headline" | "body"


class Sentence(NamedTuple):
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
    # ``text`` with the line breaks that only wrap a paragraph read as spaces (same length, same offsets): what
    # to search with patterns that must not care where a re-wrap put the breaks
    flowing_text: str | None = None

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def flowing(self) -> str:
        return self.flowing_text if self.flowing_text is not None else self.article.text

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


def _list_item(text: str, start: int, previous_end: int) -> bool:
    """A line at ``start`` that opens a list item: a bullet, or "1." / "2)" after a line ending an item (after
    "at least" it is a number that a wrap put first)."""
    if not _BULLET_LINE.match(text, start):
        return False
    return not text[start].isdigit() or text[previous_end - 1] in _ITEM_END


def _soft_breaks(text: str, lines: list[tuple[int, int, int]]) -> set[int]:
    """Offsets of the line breaks that only wrap a paragraph: what a re-wrap of the same words moves.

    ``lines``: every non-blank line (line start, trimmed start, trimmed end). A break between two of them is a
    wrap when its line is at least half as wide as the text's widest line and the next line's first word would
    not have fitted on it (a wrapper put it there for want of room), unless the next line starts a list item;
    none when most lines that go on to the next are not near the widest (the text is not wrapped)."""
    width = max((e - start for start, _, e in lines), default=0)
    if width < MIN_WRAP_WIDTH:
        return set()
    # (line break, width used, next line's start) wherever a line goes on to the next without a blank line
    joins = []
    for (start, _, e), (start2, s2, _) in zip(lines, lines[1:]):
        nl = text.find("\n", e)
        if nl + 1 == start2:
            joins.append((nl, e - start, e, s2))
    # wrapped text fills its lines: most lines that go on are near the widest (one paragraph a line does not)
    if sum(5 * used >= 4 * width for _, used, _, _ in joins) * 2 < max(4, len(joins)):
        return set()
    out = set()
    for nl, used, e, s2 in joins:
        if 2 * used < width or _list_item(text, s2, e):
            continue
        if used + 1 + len(_FIRST_TOKEN.match(text, s2).group(1)) > width:
            out.add(nl)
    return out


def segment(article: Article) -> Document:
    """Split an article into headline, paragraphs and sentences; set boilerplate lines aside.

    A hard-wrapped paragraph's line breaks read as spaces: its lines are never furniture on their own ("sign up
    …" wrapped to the start of a line), and sentences are split in a copy of the text where those breaks are
    spaces (same offsets), so re-wrapping the same words gives the same sentences."""
    text = article.text
    doc = Document(article=article)
    lines = [(start, *_trim(text, start, end)) for start, end in _lines(text)]
    lines = [line for line in lines if line[1] < line[2]]
    soft = _soft_breaks(text, lines)
    blocks: list[list[tuple[int, int, int]]] = []  # runs of story lines: (line start, trimmed start, trimmed end)
    run: list[tuple[int, int, int]] = []

    def close_run() -> None:
        nonlocal run
        if run:
            blocks.append(run)
        run = []

    previous_end = -1
    for i, (start, s, e) in enumerate(lines):
        if previous_end < 0 or text.count("\n", previous_end, s) > 1:
            close_run()
        previous_end = e
        wrapped = start - 1 in soft or (i + 1 < len(lines) and text.find("\n", e) in soft)
        kind = None if wrapped else boilerplate_kind(text[s:e])
        if kind is not None:
            close_run()
            doc.boilerplate.append(BoilerplateLine(s, e, kind))
            continue
        run.append((start, s, e))
    close_run()

    flowing = text
    if soft:
        chars = list(text)
        for i in soft:
            chars[i] = " "
        flowing = "".join(chars)
    doc.flowing_text = flowing

    for index, block in enumerate(blocks):
        start, end = block[0][1], block[-1][2]
        line_count = len(block) - sum(1 for _, _, e in block[:-1] if text.find("\n", e) in soft)
        heading = _MD_HEADING.match(text, start, end)
        if heading:
            start = heading.end()
        is_headline = (
            index == 0
            and line_count == 1
            and (heading is not None or (end - start <= MAX_HEADLINE and text[end - 1] not in '.!?:"”'))
            and len(blocks) > 1
        )
        kind = "headline" if is_headline else "body"
        doc.paragraphs.append(Paragraph(start, end, kind))
        number = len(doc.paragraphs) - 1
        if is_headline or heading:
            doc.sentences.append(Sentence(start, end, number))
        else:
            for s, e in split_sentences(flowing, start, end):
                doc.sentences.append(Sentence(s, e, number))
    return doc
