"""Names close to a name the knowledge base knows: the near-miss look-ups EN03, EN04 and EN05 share."""

from __future__ import annotations

import json
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from factcheck.kb.names import name_keys, normalise
from factcheck.resolve import per_kb
from factcheck.rules.base import CheckContext

_WORDS = json.loads(Path(__file__).with_name("near_miss_words.json").read_text(encoding="utf-8"))
# Words whose swap is a near miss in an organisation's name ("Institute for/of Developing Economies").
_FUNCTION_WORDS = frozenset(_WORDS["function_words"])
ORG_MIN_SCORE = 0.9


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in _FUNCTION_WORDS]


def organisation_near_miss(kb, name: str):
    """The KB organisation whose name differs from ``name`` only by function words or one small typo."""
    if kb.organisation(name) is not None:
        return None
    key = normalise(name)
    if not _may_be_near_miss(_typo_index(kb, "org"), _content(key.split()), same_counts=True):
        return None  # no KB organisation name could pass the test below: skip the fuzzy search
    for org, score in kb.organisation_candidates(name, limit=3):
        if score < ORG_MIN_SCORE:
            break
        for form in (org.name, *org.aliases):
            fkey = normalise(form)
            if fkey == key:
                continue
            if _without_the(key) == _without_the(fkey):
                continue  # "the International Federation of the Red Cross": an article, not another name
            a, b = _content(key.split()), _content(fkey.split())
            if a == b or (len(a) == len(b) and one_small_typo(a, b)):
                return org, form
    return None


def _without_the(key: str) -> list[str]:
    return [t for t in key.split() if t != "the"]


def remembered_organisation_near_miss(ctx: CheckContext, name: str):
    """organisation_near_miss for the context's KB, computed once per KB state and name (EN03 and EN04 both ask,
    and names recur across articles)."""
    return _remembered(ctx.kb, "rules.organisation_near_miss", name, organisation_near_miss)


def _typo_index(
    kb, kind: str
) -> tuple[dict[tuple[str, ...], None], dict[tuple[int, tuple[str, ...]], tuple[str, ...]]]:
    """The token lists of every KB organisation's ("org": content words only) or person's ("person") normalised
    names and aliases, each once, and by (position, the other tokens) -> the tokens of at least
    ``_TYPO_MIN_LETTERS`` letters found at that position (a shorter one is never one small typo of another name).
    Built once per KB (``resolve.per_kb``)."""

    def build():
        if kind == "org":
            lists = [
                tuple(_content(normalise(f).split())) for o in kb.organisations.values() for f in (o.name, *o.aliases)
            ]
        else:
            lists = [tuple(k.split()) for k in kb.person_name_keys()]
        # A dict, not a set: once the collector has seen that it holds only tuples of strings it stops scanning
        # it (it scans a set of 40,000 names at every full collection), and the same holds for ``by_gap``.
        unique = dict.fromkeys(lists)
        # Over distinct token lists, a (position, other tokens) gap meets each token once: lists, no set each.
        by_gap: dict[tuple[int, tuple[str, ...]], list[str]] = {}
        for toks in unique:
            for j, token in enumerate(toks):
                if len(token) >= _TYPO_MIN_LETTERS:
                    by_gap.setdefault((j, toks[:j] + toks[j + 1 :]), []).append(token)
        return unique, {gap: tuple(found) for gap, found in by_gap.items()}

    return per_kb.table(kb, f"rules.typo_index.{kind}", build)


def _may_be_near_miss(index, toks: list[str], *, same_counts: bool) -> bool:
    """Whether some KB token list equals ``toks`` (when ``same_counts``) or differs from it by one small typo
    (``one_small_typo``): the condition the near-miss checks need of at least one KB name."""
    return (same_counts and tuple(toks) in index[0]) or next(_typo_neighbours(index, toks), None) is not None


def _typo_neighbours(index, toks: list[str]):
    """The KB token lists that differ from ``toks`` by one small typo, position by position."""
    by_gap = index[1]
    t = tuple(toks)
    for j, token in enumerate(t):
        if len(token) < _TYPO_MIN_LETTERS:
            continue
        others = by_gap.get((j, t[:j] + t[j + 1 :]))
        if not others:
            continue
        # A common other part ("john") has thousands of tokens beside it in a large KB: rapidfuzz finds, in C,
        # the few within the largest distance one_small_typo allows, and only those are tested in full.
        close = process.extract(token, others, scorer=Levenshtein.distance, score_cutoff=_TYPO_MAX_EDITS, limit=None)
        for other, _, _ in close:
            if one_small_typo([token], [other]):
                yield (*t[:j], other, *t[j + 1 :])


_TYPO_MIN_LETTERS = 5
_TYPO_MAX_EDITS = 2


def one_small_typo(a: list[str], b: list[str]) -> bool:
    """Exactly one token differs, both spellings are at least 5 letters, edit distance 1 (2 from 8 letters)."""
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < _TYPO_MIN_LETTERS:
        return False
    return Levenshtein.distance(x, y) <= (_TYPO_MAX_EDITS if min(len(x), len(y)) >= 8 else 1)


_SKELETON_FOLDS = tuple((a, b) for a, b in _WORDS["romanisation_folds"])


def consonant_skeleton(word: str) -> str:
    """The word's consonants, with the letters transliterations swap folded together and doubles merged:
    Yanukovich and Yanukovych, Mohammed and Mohammad, Rafik and Rafic, Akaev and Akayev share one."""
    for a, b in _SKELETON_FOLDS:
        word = word.replace(a, b)
    out: list[str] = []
    for ch in word:
        if ch in "aeiou" or (out and out[-1] == ch):
            continue
        out.append(ch)
    return "".join(out)


def is_transliteration_variant(name: str, form: str) -> bool:
    """True when the two names differ only in vowels and letters that romanisations of one name swap."""
    a, b = normalise(name).split(), normalise(form).split()
    return len(a) == len(b) and all(consonant_skeleton(x) == consonant_skeleton(y) for x, y in zip(a, b))


def person_near_miss(kb, name: str, context_countries: set[str], offices: set[str]):
    """A KB person whose name differs from ``name`` by one small typo in one long token, the other tokens equal,
    and who fits the article (held the office the text names, or led a country the article names).

    "Hiroshi Sato" is not "Hiroshi Kato": a one-letter difference in a short surname is another person. Any office
    in a country the article names is not enough: nearly every article names its own country, whose thousands of
    ministers and members of parliament share names with the article's chief executives, judges, artists and
    players (BBC: "Chief executive Bill Gammell" is not the minister Bill Rammell)."""
    for person, form in _remembered(kb, "rules.person_typos", name, _person_typos):
        terms = kb.terms_of(person.id)
        if any(t.office_id in offices for t in terms) or any(
            kb.offices[t.office_id].roles and kb.offices[t.office_id].country_id in context_countries
            for t in terms
            if t.office_id in kb.offices
        ):
            return person, form
    return None


def _person_typos(kb, name: str) -> tuple:
    """(person, name form) of the KB people whose name differs from ``name`` by one small typo, best match first
    (rapidfuzz's ratio on the normalised names, then id): what ``person_near_miss`` then tries against the article.
    Depends on the KB and the name only."""
    toks = normalise(name).split()
    if len(toks) < 2 or kb.people_named(name):  # a name of one word is no typo of a full name: not looked up
        return ()
    # the people known by a name one typo away, found through the typo index itself: exact, and no fuzzy index
    # of every person's names to build
    people = {
        p.id: p for found in _typo_neighbours(_typo_index(kb, "person"), toks) for p in kb.people_named(" ".join(found))
    }
    key = " ".join(toks)

    def closeness(person) -> float:
        return max(fuzz.ratio(key, form) for form in name_keys((person.name, *person.aliases)))

    found = []
    for person in sorted(people.values(), key=lambda p: (-closeness(p), p.id)):
        for form in (person.name, *person.aliases):
            ftoks = normalise(form).split()
            if len(ftoks) == len(toks) and one_small_typo(toks, ftoks):
                found.append((person, form))
    return tuple(found)


def _remembered(kb, table: str, name: str, compute):
    """compute(kb, name), remembered per KB (``resolve.per_kb``): the same names come back article after article."""
    if kb is None:
        return compute(kb, name)
    known = per_kb.table(kb, table)
    if name not in known:
        known[name] = compute(kb, name)
    return known[name]
