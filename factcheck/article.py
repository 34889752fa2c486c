"""Loading an article: decode, normalise line ends, read optional YAML front matter.

Every offset in the project indexes ``Article.text``: UTF-8 decoded, BOM dropped, CRLF and CR turned into LF,
front matter removed. The registry stores its sha256 so a later run can tell whether the article changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from factcheck.errors import ArticleError, FactcheckError
from factcheck.files import read_bounded
from factcheck.safe_yaml import YamlLimitError, check_limits

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
FRONT_MATTER_KEYS = ("title", "date", "source", "language")
# Articles far beyond any real news story are refused rather than read: memory stays bounded.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Article:
    """An article's normalised text and what is known about it."""

    text: str
    path: str = "<text>"
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    language: str | None = None
    # Where the date came from: "option", "front matter" or None.
    date_basis: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    # Lines of front matter before the text: file line = text line + line_offset.
    line_offset: int = 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def stem(self) -> str:
        return Path(self.path).stem


def normalise_text(text: str) -> str:
    """Drop a BOM and turn CRLF/CR into LF: the text every offset indexes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


# The dates an article can carry: wide enough for any archive, narrow enough that date arithmetic (a tenure, a
# "last Friday") never leaves the calendar Python can represent.
EARLIEST_DATE, LATEST_DATE = dt.date(1000, 1, 1), dt.date(2999, 12, 31)


def parse_date(value: object, *, where: str = "date") -> dt.date:
    """A YYYY-MM-DD date from a string or a date; ValueError with a readable message otherwise."""
    date = None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    if date is None:
        raise ValueError(f"{where}: expected a date as YYYY-MM-DD, got {value!r}")
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        raise ValueError(
            f"{where}: {date.isoformat()} is outside the dates an article can have ({EARLIEST_DATE} to {LATEST_DATE})"
        )
    return date


def article_from_text(
    text: str,
    *,
    path: str = "<text>",
    date: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    language: str | None = None,
) -> Article:
    """An Article from text already in memory (front matter is read if present)."""
    text = normalise_text(text)
    body, meta, line_offset = _split_front_matter(text, path)
    front_date = None
    if "date" in meta and meta["date"] not in (None, ""):
        try:
            front_date = parse_date(meta["date"], where="front matter 'date'")
        except ValueError as exc:
            raise ArticleError(
                f"{exc}; fix the front matter", path=path, line=_front_matter_key_line(text, "date")
            ) from None
    basis = "option" if date else ("front matter" if front_date else None)
    return Article(
        text=body,
        path=path,
        title=title or _str_or_none(meta.get("title")),
        date=date or front_date,
        source=source or _str_or_none(meta.get("source")),
        language=language or _str_or_none(meta.get("language")),
        date_basis=basis,
        meta={k: str(v) for k, v in meta.items()},
        line_offset=line_offset,
    )


def load_article(
    path: Path | str,
    *,
    date: dt.date | None = None,
    encoding: str = "utf-8",
) -> Article:
    """Read an article file (.txt or .md). Raises ArticleError with a one-line, actionable message."""
    path = Path(path)
    if not path.exists():
        raise ArticleError("no such file; check the path", path=path)
    if path.is_dir():
        raise ArticleError("is a directory; give an article file (.txt or .md)", path=path)
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"is {size / 1e6:.0f} MB, more than the {MAX_ARTICLE_BYTES // 2**20} MB an article may have; split it",
            path=path,
        )
    try:  # bounded: a device or a FIFO reports size 0 and may never end
        raw = read_bounded(path, MAX_ARTICLE_BYTES, what="article")
    except FactcheckError as exc:
        raise ArticleError(exc.message, path=path) from None
    return article_from_bytes(raw, path=path.as_posix(), date=date, encoding=encoding)


def article_from_bytes(raw: bytes, *, path: str, date: dt.date | None = None, encoding: str = "utf-8") -> Article:
    """An Article from a file's bytes (or standard input's), decoded with ``encoding``; errors name ``path``."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"is {len(raw) / 1e6:.0f} MB, more than the {MAX_ARTICLE_BYTES // 2**20} MB an article may have; split it",
            path=path,
        )
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ArticleError(
            f"byte {exc.start} (line {line}) is not valid {encoding} (0x{raw[exc.start]:02x}); "
            "if the file uses another encoding, pass it with --encoding, e.g. --encoding cp1252",
            path=path,
        ) from None
    except LookupError:
        raise ArticleError(f"unknown encoding {encoding!r}; use a Python codec name such as utf-8 or cp1252") from None
    if not text.strip():
        raise ArticleError("is empty; there is nothing to check", path=path)
    article = article_from_text(text, path=path, date=date)
    if not article.text.strip():
        raise ArticleError("has front matter but no article text after it", path=path)
    return article


_FRONT_MATTER_DATE = re.compile(r"^date\s*:", re.M)


def _split_front_matter(text: str, path: str) -> tuple[str, dict, int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}, 0
    block = match.group(1) or ""
    yaml = YAML(typ="safe", pure=True)
    try:
        check_limits(block)
        meta = yaml.load(block) or {}
    except YamlLimitError as exc:
        raise ArticleError(
            f"malformed front matter: {exc}", path=path, line=None if exc.line is None else exc.line + 1
        ) from None
    except RecursionError:
        raise ArticleError("malformed front matter: nested too deeply", path=path, line=2) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 2 if mark is not None else None  # +1 for the opening '---', +1 for 1-based
        problem = exc.problem or "invalid YAML"
        raise ArticleError(f"malformed front matter: {problem}", path=path, line=line) from None
    except YAMLError as exc:
        raise ArticleError(f"malformed front matter: {exc}", path=path, line=2) from None
    except (ValueError, OverflowError) as exc:  # a value YAML reads as a timestamp but no calendar has: 2024-13-45
        line = _front_matter_key_line(text, "date") if _FRONT_MATTER_DATE.search(block) else 2
        raise ArticleError(f"malformed front matter: {exc}; write dates as YYYY-MM-DD", path=path, line=line) from None
    if not isinstance(meta, dict):
        raise ArticleError("front matter must be a mapping of keys (title, date, source, language)", path=path, line=2)
    unknown = sorted(set(map(str, meta)) - set(FRONT_MATTER_KEYS))
    if unknown:
        key = unknown[0]
        raise ArticleError(
            f"unknown front matter key {key!r}; expected one of {', '.join(FRONT_MATTER_KEYS)}",
            path=path,
            line=_front_matter_key_line(text, key),
        )
    body = text[match.end() :]
    return body, meta, text.count("\n", 0, match.end())


def _front_matter_key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.split("\n")[:200], start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)
