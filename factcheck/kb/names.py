"""Name normalisation shared by the KB build and lookups.

One function, ``normalise``, turns a surface form into a lookup key: case-folded,
diacritics removed ("Shinzō Abe" == "Shinzo Abe"), punctuation dropped
("U.S." == "US"), hyphens and apostrophes handled ("Jun'ichirō" == "Junichiro"),
whitespace collapsed and a leading "the" removed ("the United States").
The build stores records with their display names; keys are always computed
with this module, so build and runtime cannot disagree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into base letter + combining mark.
_SPECIAL = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th",
        "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H",
    }
)
_APOSTROPHES = "'’‘ʻʼ`´"
_DROP = re.compile(r"[.\u00b7" + _APOSTROPHES + r"]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^the ")


def strip_diacritics(text: str) -> str:
    """Remove accents and map special Latin letters to ASCII ("Shinzō" -> "Shinzo")."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lookup key for a name: casefolded, ASCII, no punctuation, single spaces, no leading 'the'."""
    text = strip_diacritics(text).casefold()
    text = _DROP.sub("", text)
    text = _SEPARATORS.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def slugify(text: str) -> str:
    """Stable id fragment: 'Prime Minister' -> 'prime-minister'."""
    return normalise(text).replace(" ", "-")


def tokens(text: str) -> list[str]:
    """Normalised tokens of a name (for blocking in fuzzy search)."""
    return normalise(text).split()


def title_case_caps(name: str) -> str:
    """Turn Factbook-style 'Sanae TAKAICHI' into 'Sanae Takaichi' (only all-caps words change)."""
    out = []
    for word in name.split():
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            word = "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
        out.append(word)
    return " ".join(out)
