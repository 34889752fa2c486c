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
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

# Letters that NFKD does not decompose into base letter + combining mark.
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ħ": "h",
        "Ħ": "H",
    }
)
_APOSTROPHES = "'’‘ʻʼ`´"
_DROP = re.compile(r"[.\u00b7" + _APOSTROPHES + r"]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^the ")


def strip_diacritics(text: str) -> str:
    """Remove accents and map special Latin letters to ASCII ("Shinzō" -> "Shinzo")."""
    if text.isascii():
        return text  # nothing to remove (most names in English news): no per-letter pass
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


# ---------------------------------------------------------------- person names written several ways
# Generational suffixes dropped before comparing names ("Joseph R. Biden Jr.").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
VARIANTS_FILE = Path(__file__).with_name("data") / "name_variants.tsv"


@lru_cache(maxsize=1)
def _variant_groups() -> dict[str, frozenset[str]]:
    """Each normalised spelling in the variants table, with the labels of the groups it belongs to."""
    groups: dict[str, set[str]] = {}
    for line in VARIANTS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _kind, spellings, *_ = line.split("\t")
        words = [_word_key(w) for w in spellings.split(",") if w.strip()]
        for w in words:
            groups.setdefault(w, set()).add(words[0])
    return {w: frozenset(g) for w, g in groups.items()}


# An Arabic article written onto a name word ("al-Assad", "el-Sisi"): AP writes "Bashar Assad", Reuters
# "Bashar al-Assad"; the word is compared without it.
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az)[-'’](?=\w)", re.I)


def _word_key(word: str) -> str:
    """One name word as a key: normalised, without an Arabic article written onto it, a hyphenated or
    apostrophised word written as one ("jaemyung")."""
    return normalise(_ARTICLE_PREFIX.sub("", word)).replace(" ", "")


def name_variant_ids(word_key: str) -> frozenset[str]:
    """The word itself and the labels of the variant groups it belongs to (two words match when these meet)."""
    return _variant_groups().get(word_key, frozenset()) | {word_key}


def name_variant_words() -> frozenset[str]:
    """Every word of the variants table: the only words whose ``name_variant_ids`` hold more than the word."""
    return frozenset(_variant_groups())


class NameParts(NamedTuple):
    """A person's name as given name, middle names or initials, and surname, each a normalised word.

    A named tuple, so that an index of many names can keep each as a plain ``tuple(parts)``: the garbage collector
    stops scanning a plain tuple of strings once it has seen it, a NameParts (or any class's object) never."""

    first: str
    middles: tuple[str, ...]
    last: str


def name_parts(name: str, word_keys: dict[str, str] | None = None) -> NameParts | None:
    """The parts of a name of two words or more, without generational suffixes; None for a one-word name.

    ``word_keys``: where to remember each word's key, for a caller that parses many names (a whole-KB index
    parses 100,000 name words, 42,000 of them different)."""
    words = [_remembered_word_key(w, word_keys) for w in name.replace(",", " ").split()]
    words = [w for w in words if w and w not in ("al", "el")]
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    if len(words) < 2:
        return None
    return NameParts(words[0], tuple(words[1:-1]), words[-1])


def name_keys(names: Iterable[str]) -> tuple[str, ...]:
    """The distinct non-empty ``normalise``d forms of a record's names, in order: the keys it is looked up by."""
    return tuple(dict.fromkeys(k for k in map(normalise, names) if k))


def name_words(names: Iterable[str], word_keys: dict[str, str] | None = None) -> str:
    """The distinct names of two words or more among ``names``, each written as its ``name_parts`` words joined by
    spaces ("first middles... last"; no word holds a space), joined by "|" ("" when there is none): what the KB
    build stores per person, so that the linker's name index reads the parts instead of parsing every KB name
    at the first review of each process. ``word_keys`` as for ``name_parts``."""
    found: dict[str, None] = {}
    for name in names:
        parts = name_parts(name, word_keys)
        if parts is not None:
            found[" ".join((parts.first, *parts.middles, parts.last))] = None
    return "|".join(found)


def _remembered_word_key(word: str, known: dict[str, str] | None) -> str:
    if known is None:
        return _word_key(word)
    key = known.get(word)
    if key is None:
        key = known[word] = _word_key(word)
    return key


def _words_match(a: str, b: str) -> bool:
    return a == b or not name_variant_ids(a).isdisjoint(name_variant_ids(b))


def _middles_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names agree when either is absent, or both have as many and each pair is the same word, or an
    initial and a word it begins ("W" and "Walker"): "George W. Bush" is not "George H. W. Bush"."""
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)) for x, y in zip(a, b))


def same_person_name(a: NameParts, b: NameParts | tuple[str, tuple[str, ...], str]) -> bool:
    """Whether two names can be one person's: the same surname and given name (or a listed variant of each),
    and middle names that agree. ``b`` may be a plain ``tuple(parts)`` (see NameParts)."""
    b_first, b_middles, b_last = b
    return _words_match(a.last, b_last) and _words_match(a.first, b_first) and _middles_match(a.middles, b_middles)
