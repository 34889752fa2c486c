"""The gender a news text gives a person, from what it writes: an honorific or gendered title ("Mrs May",
"Prince Harry"), or a given name the data table lists (``first_name_gender.tsv``). Unknown is an answer: a
pronoun or a surname is then left unresolved rather than matched by guess."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).with_name("first_name_gender.tsv")
# Honorifics and titles that say a person's gender.
TITLE_GENDER = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "king": "m",
    "prince": "m",
    "emperor": "m",
    "sultan": "m",
    "emir": "m",
    "sheikh": "m",
    "duke": "m",
    "congressman": "m",
    "chairman": "m",
    "spokesman": "m",
    "pope": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "queen": "f",
    "princess": "f",
    "empress": "f",
    "duchess": "f",
    "congresswoman": "f",
    "chairwoman": "f",
    "spokeswoman": "f",
    "madam": "f",
}


def normalise(word: str) -> str:
    """A word as a key: case-folded, accents and full stops dropped ("Mrs." = "mrs", "Ségolène" = "segolene")."""
    if word.isascii():  # most names and titles in English news: ASCII has no accents and casefolds as it lowers
        return word.lower().replace(".", "")
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(".", "")


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    out = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, gender = line.split("\t")[:2]
            out[normalise(name)] = gender.strip()
    return out


def title_gender(role: str | None) -> str | None:
    """'m' or 'f' when a title phrase holds a gendered word ("Mr.", "Prime Minister Mrs"), else None."""
    if not role:
        return None
    found = {TITLE_GENDER[w] for w in normalise(role).split() if w in TITLE_GENDER}
    return found.pop() if len(found) == 1 else None


def name_gender(name: str) -> str | None:
    """'m' or 'f' from the first word of a full name when the table lists it, else None."""
    words = name.split()
    if len(words) < 2:
        return None
    return _given_names().get(normalise(words[0]))
