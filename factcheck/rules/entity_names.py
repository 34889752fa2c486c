"""entity.near-miss-name (EN03) and entity.unknown-organisation (EN04)."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from factcheck.kb.linking import article_countries, link_offices
from factcheck.kb.names import normalise
from factcheck.models import Evidence, MentionKind, Severity
from factcheck.rules.base import CheckContext, Rule, register

# Words whose swap is a near miss in an organisation's name ("Institute for/of Developing Economies").
_FUNCTION_WORDS = {"of", "for", "the", "and", "on", "in", "at", "to"}
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
            if a == b or (len(a) == len(b) and _one_small_typo(a, b)):
                return org, form
    return None


def _without_the(key: str) -> list[str]:
    return [t for t in key.split() if t != "the"]


def _organisation_near_miss(ctx: CheckContext, name: str):
    """organisation_near_miss for the context's KB, computed once per KB state and name (EN03 and EN04 both ask,
    and names recur across articles)."""
    return _remembered(ctx.kb, "rules.organisation_near_miss", name, organisation_near_miss)


def _typo_index(kb, kind: str) -> tuple[set[tuple[str, ...]], dict[tuple[int, tuple[str, ...]], set[str]]]:
    """The token lists of every KB organisation's ("org": content words only) or person's ("person") normalised
    names and aliases, as a set, and by (position, the other tokens) -> the tokens found at that position. Built once
    per KB state (the KB's index cache, cleared when a desk layer changes the KB)."""

    def build():
        if kind == "org":
            lists = [tuple(_content(normalise(f).split())) for o in kb.organisations.values() for f in (o.name, *o.aliases)]
        else:
            lists = [tuple(normalise(f).split()) for p in kb.people.values() for f in (p.name, *p.aliases)]
        by_gap: dict[tuple[int, tuple[str, ...]], set[str]] = {}
        for toks in lists:
            for j in range(len(toks)):
                by_gap.setdefault((j, toks[:j] + toks[j + 1 :]), set()).add(toks[j])
        return set(lists), by_gap

    index = getattr(kb, "_index", None)
    return index(f"rules.typo_index.{kind}", build) if index else build()


def _may_be_near_miss(index, toks: list[str], *, same_counts: bool) -> bool:
    """Whether some KB token list equals ``toks`` (when ``same_counts``) or differs from it by one small typo
    (``_one_small_typo``): the condition the near-miss checks need of at least one KB name."""
    lists, by_gap = index
    t = tuple(toks)
    if same_counts and t in lists:
        return True
    return any(
        _one_small_typo([t[j]], [other]) for j in range(len(t)) for other in by_gap.get((j, t[:j] + t[j + 1 :]), ())
    )


def _one_small_typo(a: list[str], b: list[str]) -> bool:
    """Exactly one token differs, both spellings are at least 5 letters, edit distance 1 (2 from 8 letters)."""
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < 5:
        return False
    return Levenshtein.distance(x, y) <= (2 if min(len(x), len(y)) >= 8 else 1)


_SKELETON_FOLDS = (("kh", "k"), ("ck", "k"), ("c", "k"), ("ph", "f"), ("w", "v"), ("j", ""), ("y", ""))


def consonant_skeleton(word: str) -> str:
    """The word's consonants, with the letters transliterations swap folded together and doubles merged:
    Yanukovich and Yanukovych, Mohammed and Mohammad, Rafik and Rafic, Akaev and Akayev share one."""
    for a, b in _SKELETON_FOLDS:
        word = word.replace(a, b)
    out = []
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
    and who fits the article (held the office the text names, or leads a country the article names).

    "Hiroshi Sato" is not "Hiroshi Kato": a one-letter difference in a short surname is another person."""
    for person, form in _remembered(kb, "rules.person_typos", name, _person_typos):
        terms = kb.terms_of(person.id)
        if any(t.office_id in offices for t in terms) or any(
                kb.offices[t.office_id].country_id in context_countries for t in terms if t.office_id in kb.offices):
            return person, form
    return None


def _person_typos(kb, name: str) -> tuple:
    """(person, name form) of the KB people whose name differs from ``name`` by one small typo, best match first:
    what ``person_near_miss`` then tries against the article. Depends on the KB and the name only."""
    if kb.people_named(name):
        return ()
    toks = normalise(name).split()
    if len(toks) < 2:
        return ()
    if not _may_be_near_miss(_typo_index(kb, "person"), toks, same_counts=False):
        return ()  # no KB person's name could pass the test below: skip the fuzzy search
    found = []
    for person, score in kb.person_candidates(name, limit=5):
        if score < 0.8:
            break
        for form in (person.name, *person.aliases):
            ftoks = normalise(form).split()
            if len(ftoks) == len(toks) and _one_small_typo(toks, ftoks):
                found.append((person, form))
    return tuple(found)


def _remembered(kb, table: str, name: str, compute):
    """compute(kb, name), remembered per KB state (the KB's index cache, cleared when a desk layer changes it):
    the same names come back article after article."""
    index = getattr(kb, "_index", None)
    if index is None:
        return compute(kb, name)
    known = index(table, dict)
    if name not in known:
        known[name] = compute(kb, name)
    return known[name]


@register
class NearMissName(Rule):
    """An organisation or person name close to, but not the same as, a name the knowledge base knows.

    What it flags:
        An organisation whose name differs from a KB organisation only by small words or one typo
        ("Institute for Developing Economies" vs "Institute of Developing Economies"), and a person's name that
        differs from a KB person's by a typo of one or two letters in one name of at least five letters, all other
        names equal ("Shavkat Mirziyoev" vs "Shavkat Mirziyoyev"), when that person fits the article (they held
        the office its title names or led a country the article names). Names the KB knows exactly are never
        flagged, and a short differing name is another person, not a typo ("Hiroshi Sato" vs "Hiroshi Kato").
        A person's name that differs only in vowels and in letters that romanisations swap ("Viktor Yanukovich" vs
        "Viktor Yanukovych", "Mohammed" vs "Mohammad") is flagged as info: it may be a house spelling, or a typo.
        Organisation names that differ only by "the", and British/American spellings ("Organisation",
        "Centre"), are the same name.

    Why it matters:
        A misspelt institution or leader is the first thing a reader from that institution or country notices,
        and a wrong official name can make a claim impossible to trace.

    Example:
        "Executive Director of the Institute for Developing Economies Hiroshi Kato said" → flag on "Institute
        for Developing Economies", suggestion "Institute of Developing Economies" (hand-curated record
        hc:ide-jetro).

    Configuration:
        Add the desk's own names and aliases in a desk KB file (``[kb] layers`` in factcheck.toml, or ``--kb``): a name the KB knows is never a near
        miss.
    """

    code = "EN03"
    name = "entity.near-miss-name"
    severity = Severity.WARNING
    needs_kb = True

    def check(self, ctx: CheckContext):
        kb = ctx.kb
        seen: set[str] = set()
        for m in ctx.mentions_of(MentionKind.ORGANISATION):
            if m.text in seen or len(m.text.split()) < 2:
                continue
            seen.add(m.text)
            hit = _organisation_near_miss(ctx, m.text)
            if hit:
                org, form = hit
                yield self.flag(
                    ctx, m.span.start, m.span.end,
                    f"{m.text!r} is not a name the knowledge base knows; did you mean {form!r}?",
                    suggestion=form,
                    evidence=[Evidence(source=org.source, record=org.wikidata_id or org.id,
                                       detail=f"{org.name} (acronyms: {', '.join(org.acronyms) or '-'}); layer {org.layer}")],
                )
        countries = article_countries(ctx)
        offices_by_mention = {link.mention.span.start: link.office.id for link in link_offices(ctx) if link.office}
        for m in ctx.mentions_of(MentionKind.PERSON):
            if "refers_to" in m.attrs or m.text in seen:
                continue
            seen.add(m.text)
            office = offices_by_mention.get(m.span.start)
            hit = person_near_miss(kb, m.text, countries, {office} if office else set())
            if hit:
                person, form = hit
                terms = "; ".join(f"{t.office_id} {t.start or '?'} to {t.end or 'present'}" for t in kb.terms_of(person.id))
                variant = is_transliteration_variant(m.text, form)
                yield self.flag(
                    ctx, m.span.start, m.span.end,
                    f"{m.text!r} may be another romanisation of {form!r} (the knowledge base's spelling), or a typo: "
                    "use the desk's house spelling." if variant else
                    f"{m.text!r} is not a name the knowledge base knows; did you mean {form!r}?",
                    suggestion=form,
                    severity=Severity.INFO if variant else None,
                    evidence=[Evidence(source=person.source, record=person.id,
                                       detail=f"{person.name}: {terms}; layer {person.layer}")],
                )


@register
class UnknownOrganisation(Rule):
    """An organisation name the knowledge base does not know: an editor should check it exists.

    What it flags:
        The first mention of each multi-word organisation name ("Central Asia Research Council") that is not a
        KB organisation's name, alias or acronym and not a near miss of one (EN03 handles those). Single
        acronyms are not flagged (too many are not organisations).

    Why it matters:
        Invented or garbled institutions are a sign of machine-written or careless copy; a real one takes an
        editor a minute to confirm.

    Example:
        "Researchers at the Tashkent Institute of Quantum Diplomacy said" → info on "Tashkent Institute of
        Quantum Diplomacy".

    Configuration:
        Off by default (``--select EN04`` runs it): on real news most organisations the KB does not know are
        well known ones (newspapers, parties, leagues, universities), and a hand-labelled sample of 41 flags on
        BBC + PolNeAR found 9 worth checking (precision 0.22, the bar for info is 0.80; docs/bench/checkworthy.md).
        It earns its place on copy from unknown sources, where invented institutions are the risk. Add the
        organisations your desk covers to a desk KB file (``[kb] layers`` in factcheck.toml, or ``--kb``) to
        silence this for them.
    """

    code = "EN04"
    name = "entity.unknown-organisation"
    severity = Severity.INFO
    needs_kb = True
    opt_in = True

    def check(self, ctx: CheckContext):
        kb = ctx.kb
        seen: set[str] = set()
        for m in ctx.mentions_of(MentionKind.ORGANISATION):
            key = normalise(m.text)
            if key in seen or len(m.text.split()) < 2:
                continue
            seen.add(key)
            if kb.organisation(m.text) is not None or _organisation_near_miss(ctx, m.text):
                continue
            yield self.flag(
                ctx, m.span.start, m.span.end,
                f"The knowledge base does not know the organisation {m.text!r}: check that it exists and is named "
                "correctly.",
                evidence=[Evidence(source="knowledge base", record=None,
                                   detail=f"no organisation named {m.text!r} in layers {', '.join(kb.layers)}")],
            )
