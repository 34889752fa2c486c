"""Recognising page furniture that is not part of the story: share buttons, related links, bylines, photo credits.

Each pattern matches a whole line. A line that matches is kept out of the claims and counted in the report.
"""

from __future__ import annotations

import re

# Long lines are prose, never furniture: "Read more about it in the report we published…" is a sentence.
MAX_BOILERPLATE_LINE = 120

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "share",
        re.compile(
            r"(?:share(?: (?:this|the) (?:article|story|page))?|share (?:on|via) \w+|tweet|email|print|whatsapp"
            r"|facebook|twitter|linkedin)\s*:?\s*",
            re.I,
        ),
    ),
    (
        "related",
        re.compile(
            r"(?:related(?: news| articles?| stories| content| coverage| topics| links)?|more on this (?:story|topic)"
            r"|see also|you may also like|recommended(?: for you)?|most read|top stories|latest news)\s*:?.{0,80}",
            re.I,
        ),
    ),
    (
        "read-more",
        re.compile(
            r"(?:read more|continue reading|click here|read the full (?:story|article)|more:|full story)\b.*", re.I
        ),
    ),
    (
        "byline",
        re.compile(
            r"[Bb][Yy]:?\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and|&"
            r"|\|)\s*[A-Z][\w.'’ -]{0,60})?(?:\s*[|,–-]\s*.{0,60})?"
        ),
    ),
    (
        "photo-credit",
        re.compile(
            r"(?:(?:photo|image|picture|photograph|video)s?(?: credit)?\s*[:|©].*|\(?(?:photo|image|picture)s?\s*(?:by"
            r"|:|credit)[^)]*\)?|.{0,80}\b(?:getty images|ap photo|afp photo|reuters/|epa/|shutterstock)\b.{0,40}"
            r"|©.{0,80})",
            re.I,
        ),
    ),
    (
        "advertisement",
        re.compile(
            r"(?:advertisement|sponsored(?: content)?|subscribe\b.*|sign up\b.*|follow us\b.*|all rights reserved.*"
            r"|copyright\b.{0,80}|tags?:.*)",
            re.I,
        ),
    ),
]


def boilerplate_kind(line: str) -> str | None:
    """The kind of furniture a line is ("share", "related", "byline", …), or None for story text."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_LINE:
        return None
    for kind, pattern in _PATTERNS:
        if pattern.fullmatch(stripped):
            if kind == "byline" and stripped.rstrip().endswith((".", "?", "!")) and len(stripped.split()) > 6:
                return None
            return kind
    return None
