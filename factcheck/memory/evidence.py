"""The evidence re-ranking compares, taken with the tool's own extractors: content words (stemmed), numbers, years
and named entities (countries by knowledge-base id, people and organisations by their last name word)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from factcheck.extract.dates import find_dates
from factcheck.extract.entities import TITLE_WORDS, find_entities
from factcheck.extract.numbers import find_numbers
from factcheck.memory.model import Evidence
from factcheck.models import Mention, MentionKind

# Runs of two or more word characters. (Written without ``\b``: a greedy ``\w\w+`` tried from the left only ever
# matches whole runs, the same words as ``\b\w\w+\b``, and the regex engine skips the word-boundary tests: a fifth
# of its time on a review's claims.)
_TOKEN = re.compile(r"\w\w+")
# On ASCII text the same pattern with re.ASCII finds the same words (Unicode's word characters below 128 are ASCII's
# letters, digits and "_"), testing each character in a table instead of Unicode's database: most news is ASCII.
_ASCII_TOKEN = re.compile(_TOKEN.pattern, re.ASCII)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def words(text: str) -> list[str]:
    """The stemmed content words of a text, in order (the BM25 stage's tokens)."""
    return words_of([text])[0]


def surface_words(text: str) -> list[str]:
    """A text's words as ``words`` finds them, lower-cased, before stop words are dropped and stems taken."""
    lowered = text.lower()
    return (_ASCII_TOKEN if lowered.isascii() else _TOKEN).findall(lowered)


def stem_table(surface: Iterable[str]) -> dict[str, str | None]:
    """Each of some lower-cased words (``surface_words``) and its stem, None for a stop word; stemmed in one call."""
    stop = _stopwords()
    table = dict.fromkeys(surface)
    content = [w for w in table if w not in stop]
    table.update(zip(content, _stemmer().stemWords(content)))
    return table


def words_of(texts: list[str], stems: dict[str, str | None] | None = None) -> list[list[str]]:
    """``words`` of several texts, stemmed in one call. ``stems``: what the words met before became (lower-cased
    word -> stem, or None for a stop word), completed here: a caller that stems text after text (a review's claims)
    keeps one and looks every word up once, stop words included, instead of filtering and stemming them again."""
    found = [surface_words(text) for text in texts]
    if stems is not None:
        new = {w for ws in found for w in ws}.difference(stems)
        if new:
            stems.update(stem_table(new))
        return [[s for s in map(stems.__getitem__, ws) if s is not None] for ws in found]
    stop = _stopwords()
    plain = [[w for w in ws if w not in stop] for ws in found]
    flat = _stemmer().stemWords([w for ws in plain for w in ws])
    out, i = [], 0
    for ws in plain:
        out.append(flat[i : i + len(ws)])
        i += len(ws)
    return out


def _year(value: str | None) -> int | None:
    if value and len(value) >= 4 and value[:4].isdigit() and (len(value) == 4 or value[4] == "-"):
        return int(value[:4])
    return None


def _entity_key(kind: str, text: str, country: str | None) -> str | None:
    if kind == "country":
        return f"c:{country}" if country else None
    if kind in ("person", "organisation"):
        last = _TOKEN.findall(text.lower())
        return f"n:{last[-1]}" if last else None
    return None


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Words before a person's name that are not a given name ("Mr. Trump", "Sen. Ted Cruz": "ted cruz"): the entity
    extractor's title words and the memory's few others, one vocabulary (``factcheck/extract/title_words.json``)."""
    import json
    from importlib import resources

    data = json.loads(resources.files("factcheck.extract").joinpath("title_words.json").read_text(encoding="utf-8"))
    return TITLE_WORDS | frozenset(data["name_descriptors"])


def _person_key(kind: str, text: str) -> str | None:
    """A person's given name and surname ("eric trump"), when the mention gives both; None for "Mr. Trump"."""
    if kind != "person":
        return None
    titles = _titles()
    names = [w for w in _TOKEN.findall(text.lower()) if w not in titles]
    return f"{names[-2]} {names[-1]}" if len(names) >= 2 else None


def _build(
    text: str,
    years: Iterable[int],
    numbers: Iterable[float],
    entities: Iterable[str],
    tokens: list[str] | None,
    people: Iterable[str] = (),
) -> Evidence:
    years = set(years)
    plain = set()
    for n in numbers:
        if n == int(n) and 1800 <= n <= 2100:
            years.add(int(n))  # a bare four-digit year the date finder left to the number finder
        else:
            plain.add(float(n))
    return Evidence(
        words=tuple(sorted(set(words(text) if tokens is None else tokens))),
        numbers=tuple(sorted(plain)),
        years=tuple(sorted(years)),
        entities=tuple(sorted(set(entities))),
        people=tuple(sorted(set(people))),
    )


def evidence_from_text(text: str, country_forms: dict[str, str], tokens: list[str] | None = None) -> Evidence:
    """Evidence of a text the pipeline has not extracted (an imported claim, a search query); ``tokens``: its
    ``words``, when the caller has stemmed it already (a claim is stemmed once)."""
    dates = find_dates(text)
    numbers = find_numbers(text, exclude=[(d.start, d.end) for d in dates])
    entities = find_entities(text, 0, len(text), country_forms)
    return _build(
        text,
        (y for d in dates if not d.relative and (y := _year(d.value)) is not None),
        (n.value for n in numbers if n.value is not None),
        (k for e in entities if (k := _entity_key(e.kind, e.text, e.attrs.get("country"))) is not None),
        tokens,
        (k for e in entities if (k := _person_key(e.kind, e.text)) is not None),
    )


def evidence_from_mentions(text: str, mentions: Iterable[Mention], tokens: list[str] | None = None) -> Evidence:
    """Evidence of a claim the pipeline extracted, from its mentions (nothing extracted twice); ``tokens`` as for
    ``evidence_from_text``."""
    mentions = list(mentions)
    years, numbers, entities, people = [], [], [], []
    for m in mentions:
        if m.kind is MentionKind.DATE:
            if not m.attrs.relative and (y := _year(m.value)) is not None:
                years.append(y)
        elif m.kind is MentionKind.NUMBER:
            try:
                numbers.append(float(m.value)) if m.value is not None else None
            except ValueError:
                pass
        elif (k := _entity_key(m.kind.value, m.text, m.attrs.country)) is not None:
            entities.append(k)
            if (p := _person_key(m.kind.value, m.text)) is not None:
                people.append(p)
    return _build(text, years, numbers, entities, tokens, people)


def _folded(key: str) -> str:
    """An entity key without accents ("n:calderón" and "n:calderon" are one name)."""
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


# Two claims that share names must also say the same about them: the rarity-weighted overlap of their words that
# are not capitalised (``plain_overlaps``) reaches this. "Angela Merkel condemned the attack" is not "Angela Merkel
# heralded the deal". Chosen on a labelled sample of MM01 flags on news (docs/bench/mm01.md), then measured on a
# fresh one. Not applied when the two share a number, or when the claim has fewer than ``PLAIN_WORDS`` such words (a
# headline in title case or capitals: "Ted Cruz: “Southern States Should Build Their Own Nuclear Weapon”") or the
# record none.
PLAIN_OVERLAP = 0.3
PLAIN_WORDS = 3


def plain_overlaps(pairs: list[tuple[str, list[str]]], idf) -> list[list[float | None]]:
    """For each (query text, record texts) pair, for each record: how much of its words and the query's that are
    not capitalised (what a text says, without whom it names) the two share, weighted by ``idf`` (the harmonic
    mean of the two coverages, as the review's overlap); None when the query has fewer than ``PLAIN_WORDS`` of them
    or the record none.
    Every text is stemmed in one call."""
    stop = _stopwords()
    texts = [t for query, records in pairs for t in (query, *records)]
    plain = [[w for w in _TOKEN.findall(t) if w[0].islower() and w not in stop] for t in texts]
    stems = iter(_stemmer().stemWords([w for ws in plain for w in ws]))
    sets = iter([{next(stems) for _ in ws} for ws in plain])
    out = []
    for _, records in pairs:
        q = next(sets)
        q_mass = sum(map(idf, q))
        row = []
        for r in (next(sets) for _ in records):
            total = q_mass + sum(map(idf, r))
            few = len(q) < PLAIN_WORDS or not r or total <= 0
            row.append(None if few else 2 * sum(map(idf, q & r)) / total)
        out.append(row)
    return out


SAID_OTHERWISE = "says something else about what it names"


@lru_cache(maxsize=1)
def _not_claims() -> tuple[re.Pattern, frozenset[str], re.Pattern, frozenset[str], re.Pattern]:
    import json
    from importlib import resources

    data = json.loads(resources.files("factcheck.memory").joinpath("not_claims.json").read_text(encoding="utf-8"))
    reporting = re.compile("|".join(f"(?:{p})" for p in data["reporting"]), re.IGNORECASE)
    pronouns = frozenset(data["pronouns"])
    speech = re.compile(
        r"\b(?:" + "|".join(data["speakers"]) + r")\s+(?:\w+ly\s+)?(?:" + "|".join(data["speech_verbs"]) + r")\b",
        re.IGNORECASE,
    )
    referring = re.compile(
        r"the\s+(?:(?:"
        + "|".join(data["referring_adjectives"])
        + r")\s+){0,2}(?:"
        + "|".join(data["referring_nouns"])
        + r")\b(?!['’]s\b)"
    )
    return reporting, pronouns, speech, frozenset(data["verbs"]), referring


# Leading characters skipped before the first word: spaces, list dashes and bullets (not quotation marks: a quotation
# that begins "We will ..." has its speaker named after it).
_LEAD = re.compile(r"[\s\-\u2010-\u2015\u2022*\u00b7]*")
_LIST_ITEM = re.compile(r"\(?\d{1,3}[.)]\s")
_FIRST_WORD = re.compile(r"(\W*?)(\w+)")


def context_bound(text: str) -> str:
    """Why a text cannot be matched as a claim on its own, or "": it is about the reporting, not the news ("did not
    respond to a request for comment", "the margin of error is 3 points", "sign up for the newsletter": the same
    words in every article, about another event each time; ``not_claims.json``), or its subject is named only by
    the sentences around it: it starts with a pronoun ("He said no to the Iraq war."), a pronoun says it ("...,
    they insist."), or it is a piece of a sentence or a list ("is a serial liar, ...", "1. Donald Trump (Last
    week: 2.)")."""
    reporting, pronouns, speech, verbs, referring = _not_claims()
    if reporting.search(text):
        return "is about the reporting, not a claim"
    rest = text[_LEAD.match(text).end() :]
    if _LIST_ITEM.match(rest):
        return "is a list item"
    first = _FIRST_WORD.match(rest)
    if first is None:
        return "is not a sentence"
    word = first.group(2)
    if word[0].islower():
        return "is a piece of a sentence"
    if not first.group(1):  # inside a quotation the speaker's "we" is theirs
        if word.lower() in pronouns:
            return "its subject is named in another sentence"
        if word == "The" and referring.match("the" + rest[first.end(2) :]):
            return "its subject is named in another sentence"
    if speech.search(text):
        return "its speaker is named in another sentence"
    if not any(_may_be_verb(w, verbs) for w in _TOKEN.findall(rest[first.end() :])):
        return "has no verb"
    return ""


def _may_be_verb(word: str, verbs: frozenset[str]) -> bool:
    w = word.lower()
    return w in verbs or w.endswith("ed") or (w.endswith("s") and not w.endswith("ss") and len(w) > 3)


def names_only(query: Evidence, record: Evidence) -> bool:
    """Whether the two name people, organisations or countries in common and share no number or year."""
    return bool({_folded(e) for e in query.entities} & {_folded(e) for e in record.entities}) and not (
        set(query.numbers) & set(record.numbers) or set(query.years) & set(record.years)
    )


def other_namesake(query: Iterable[str], record: Iterable[str]) -> bool:
    """Whether the two give a person's full name with one surname and never a given name of the same initial with
    it ("Eric Trump" and "Donald Trump"; the names are "given surname", as ``Evidence.people``). Initials, not
    names: "Chuck Schumer" is "Charles Schumer", "Nakita Khrushchev" a misspelt "Nikita"."""
    by_surname: dict[str, tuple[set, set]] = {}
    for side, names in enumerate((query, record)):
        for name in names:
            given, _, surname = _folded(name).rpartition(" ")
            by_surname.setdefault(surname, (set(), set()))[side].add(given[:1])
    return any(q and r and not q & r for q, r in by_surname.values())


def conflict(query: Evidence, record: Evidence) -> str:
    """Why a record cannot be the same claim as the query however many words they share, or "": both name people,
    organisations or countries and none in common (a claim about another person is another claim: "Mr Sullivan has
    pleaded guilty" is not "Mr Shkreli has pleaded not guilty"), or both give numbers, or years, and none agree
    (another poll's margin of error). (One more test, ``SAID_OTHERWISE``, needs the texts: ``Memory`` makes it with
    ``plain_overlaps``.)"""
    q_names, r_names = {_folded(e) for e in query.entities}, {_folded(e) for e in record.entities}
    if q_names and r_names and not q_names & r_names:
        return "names other people, organisations or countries"
    if other_namesake(query.people, record.people):
        return "names another person of the same surname"
    if query.numbers and record.numbers and not set(query.numbers) & set(record.numbers):
        return "gives other numbers"
    if set(query.numbers) != set(record.numbers):
        return "gives a number the other does not"
    if query.years and record.years and not set(query.years) & set(record.years):
        return "gives other years"
    return ""
