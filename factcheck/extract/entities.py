"""People with their titles, organisations and countries, found in runs of capitalised words.

No statistical model: a run of capitalised tokens ("Japanese Prime Minister Yoshihide Suga",
"Executive Director of the Institute for Developing Economies Hiroshi Kato") is cut into a title phrase,
an organisation inside it, and a name, using word lists for titles and organisation heads. Countries and
demonyms come from the knowledge base's surface forms, so every country is covered the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

TITLE_WORDS = frozenset(
    """president vice prime minister ministers chancellor premier king queen emperor empress prince princess
    sultan emir sheikh crown secretary general director executive managing deputy chief chairman chairwoman chair
    chairperson ceo cfo coo cto founder president-elect governor senator sen rep representative congressman
    congresswoman mayor ambassador envoy spokesman spokeswoman spokesperson professor prof dr doctor judge justice
    pope cardinal archbishop bishop speaker leader commissioner commander admiral colonel lt gen gov lord lady
    sir dame mr mrs ms mp mep head attorney treasurer councillor councilor foreign defence defense finance
    interior trade economy economic health education energy environment home state first lady supreme
    analyst economist researcher fellow lecturer officer official adviser advisor counsel editor correspondent
    captain coach manager striker goalkeeper midfielder defender""".split()
)
# Of these, the ones that make a phrase a title (the rest only qualify one: "Foreign", "Deputy").
TITLE_HEADS = frozenset(
    """president minister chancellor premier king queen emperor empress prince princess sultan emir sheikh
    secretary director chairman chairwoman chair chairperson ceo cfo coo cto founder president-elect governor senator sen
    rep representative congressman congresswoman mayor ambassador envoy spokesman spokeswoman spokesperson
    professor prof dr mr mrs ms sir dame lord lady judge justice pope cardinal archbishop bishop speaker leader commissioner commander
    admiral colonel gen gov mp mep head attorney treasurer councillor councilor analyst economist researcher
    fellow lecturer officer official adviser advisor counsel editor correspondent captain coach manager""".split()
)
HONORIFICS = frozenset("mr mrs ms dr prof sir dame lord lady".split())
ORG_HEADS = frozenset(
    """institute institution university college school academy ministry bank organisation organization council agency
    association committee union party fund corporation corp inc ltd llc plc group company co commission department
    court parliament senate assembly congress office foundation center centre forum federation alliance league
    society service authority bureau board trust network times post journal news press reuters bloomberg club
    museum hospital army navy police government cabinet administration embassy consulate program programme
    initiative partnership coalition movement front conference summit secretariat tribunal exchange
    airlines airways motors holdings industries laboratory labs studio studios records""".split()
)
CONNECTORS = frozenset("of for the and de del della di da du von van der den al el bin ibn la le".split())
# Regions and adjectives that are capitalised but never part of a person's name.
NOT_NAME_WORDS = frozenset(
    """asian african european american arab soviet western eastern northern southern central middle latin pacific
    atlantic nordic baltic balkan gulf caribbean islamic muslim christian jewish catholic orthodox buddhist hindu
    democrat democrats democratic republican republicans conservative liberal labour communist socialist former
    north south east west new old great united federal national international global world regional states
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december""".split()
)
# Capitalised at the start of a sentence but not names.
SENTENCE_STARTERS = frozenset(
    """the a an this that these those it its in on at for from with by to of as and but or if when while after before
    during since until although though because so yet one two three some many most all both each every no not
    there here he she they we i you his her their our my your what which who why how where bringing development
    working all things considered however meanwhile also still even just only according""".split()
)

# Words may carry combining accents (text in decomposed form: "Jose\u0301"); a possessive "'s" is a token of its own,
# so "Mark Carroll's" gives the name "Mark Carroll" and stops the capitalised run.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ](?:[\w\-À-ÖØ-öø-ÿĀ-žḀ-ỿ\u0300-\u036f]+|[’'](?![sS]\b))*(?:[’'](?![sS]\b))*\.?|[’'][sS]\b|[,;:()\"“”‘]|\S"
)


class Token(NamedTuple):
    """A word or punctuation mark with its offsets (a named tuple: made by the million, so kept light)."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().rstrip(".")

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class EntityMention:
    kind: str  # person | organisation | country | office
    start: int
    end: int
    text: str
    role: tuple[int, int, str] | None = None
    attrs: dict = field(default_factory=dict)


_KEEPS_STOP = re.compile(r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Sen|Rep|Gov|Prof|Lt|Col|Capt)\.")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    new = _new_token
    tokens = [new(Token, (m.start(), m.end(), m.group())) for m in _TOKEN.finditer(text, start, end)]
    # A sentence-final full stop is not part of a name ("met Kato." → "Kato"), but "U.S." and "Jr." keep theirs.
    for i, tok in enumerate(tokens):
        word = tok[2]
        if word[-1] == "." and len(word) > 2 and not _KEEPS_STOP.fullmatch(word):
            tokens[i] = new(Token, (tok[0], tok[1] - 1, word[:-1]))
    return tokens


_new_token = tuple.__new__  # Token(s, e, word) without the named tuple's Python-level __new__


def capitalised_runs(tokens: list[Token], cap: list[bool] | None = None) -> list[list[Token]]:
    """Maximal runs of capitalised tokens, joined by connectors ("of the", "for", "bin") when a capital follows.

    ``cap``: for each token, whether its first character is an upper-case letter (computed here if not given)."""
    if cap is None:
        cap = [t.text[0].isupper() and t.text[0].isalpha() for t in tokens]
    runs: list[list[Token]] = []
    i = 0
    n = len(tokens)
    while i < n:
        if not cap[i]:
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < n:
            tok = tokens[j]
            if cap[j] and tok.start - run[-1].end <= 1:
                run.append(tok)
                j += 1
                continue
            # connectors: "Institute for Developing Economies", "Bank of Japan", "Ministry of Foreign Affairs"
            k = j
            while k < n and tokens[k].text.lower() in CONNECTORS and tokens[k].start - tokens[k - 1].end <= 1:
                k += 1
            # "and" joins only inside "X of Y and Z" ("Department of Health and Human Services"), never two names.
            if any(t.text.lower() == "and" for t in tokens[j:k]) and not any(t.text.lower() == "of" for t in run):
                break
            if k > j and k < n and cap[k] and tokens[k].start - tokens[k - 1].end <= 1:
                run.extend(tokens[j : k + 1])
                j = k + 1
                continue
            break
        runs.append(run)
        i = j
    return runs


def _is_name_token(tok: Token, country_forms: dict[str, str]) -> bool:
    low = tok.lower
    return (
        tok.capitalised
        and low not in TITLE_WORDS
        and low not in ORG_HEADS
        and low not in CONNECTORS
        and low not in NOT_NAME_WORDS
        and tok.text not in country_forms
        and not tok.text.isupper()
    )


def find_entities(
    text: str,
    start: int,
    end: int,
    country_forms: dict[str, str],
    *,
    sentence_start: bool = True,
) -> list[EntityMention]:
    """People (with title phrases), organisations, offices and countries inside text[start:end]."""
    tokens = tokenize(text, start, end)
    upper = [t[2][0].isupper() for t in tokens]  # tokens are never empty
    out: list[EntityMention] = []
    countries, in_country = _find_countries(text, tokens, country_forms, upper)
    out.extend(countries)
    cap = [u and t[2][0].isalpha() for u, t in zip(upper, tokens)]
    for run in capitalised_runs(tokens, cap):
        # Trim a capitalised sentence opener ("The", "On", "Bringing"), also at the start of a quotation
        # ('"In Arabic, they were saying …"').
        while run and run[0].lower in SENTENCE_STARTERS and (
            run[0].start == start or run[0].lower in ("the", "a", "an") or (not run[0].text.isupper() and _opens_quote(text, start, run[0].start))
        ):
            run = run[1:]
        while run and run[-1].lower in CONNECTORS:
            run = run[:-1]
        if not run or all(t.start in in_country for t in run):
            continue
        out.extend(_classify_run(text, run, country_forms, in_country))
    out = [_with_apposition(text, m, end) for m in out]
    out.sort(key=lambda m: (m.start, -m.end, m.kind))
    return out


_OPENING = "\"“‘'"


def _opens_quote(text: str, start: int, pos: int) -> bool:
    """Whether the word at pos is the first of a quotation: an opening quote mark just before it (spaces
    allowed), itself at the sentence start or after a space or colon."""
    i = pos
    while i > start and text[i - 1] == " ":
        i -= 1
    if i <= start or text[i - 1] not in _OPENING:
        return False
    return i - 1 == start or text[i - 2] in " :\n"


# ", a professor at Keio University," / ", the bank's chief economist," after a name.
_APPOSITION = re.compile(
    r",\s+((?:a|an|the|former|then-)\s+(?:[\w’'-]+\s+){0,4}?(?:"
    + "|".join(sorted(TITLE_HEADS | {"professor", "expert", "scholar", "spokesperson"}, key=len, reverse=True))
    + r")\b(?:\s+(?:at|of|for|with|in)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of|for|and|the|[A-Z][\w’'.-]*))*)?)(?=\s*[,.;)]|\s+(?:said|says|told|added)\b)",
)


def _with_apposition(text: str, mention: EntityMention, limit: int) -> EntityMention:
    if mention.kind != "person" or mention.role is not None:
        return mention
    m = _APPOSITION.match(text, mention.end, limit)
    if not m:
        return mention
    s, e = m.span(1)
    return EntityMention(mention.kind, mention.start, mention.end, mention.text, role=(s, e, text[s:e]), attrs=mention.attrs)


def _classify_run(text: str, run: list[Token], country_forms: dict[str, str], in_country: set[int]) -> list[EntityMention]:
    lows = [t.lower for t in run]
    # The name: the longest tail of name-like tokens (at most four).
    k = len(run)
    while k > 0 and run[k - 1].start not in in_country and _is_name_token(run[k - 1], country_forms) and len(run) - k < 3:
        k -= 1
    # After an organisation named inside a title ("… of the Institute for Developing Economies Hiroshi Kato")
    # the organisation's last words look like a name too; a name there is its last two words.
    if len(run) - k > 2 and any(l in ORG_HEADS for l in lows[:k]) and any(l in ("of", "for", "at") for l in lows[:k]):
        k = len(run) - 2
    name = run[k:]
    head = run[:k]
    has_title = any(l in TITLE_HEADS for l in lows[:k])
    has_org = any(l in ORG_HEADS for l in lows)
    out: list[EntityMention] = []
    if has_title and name:
        role_start, role_end = head[0].start, head[-1].end
        # "Executive Director of the Institute for Developing Economies": the organisation inside the title.
        org = _organisation_in(head)
        attrs = {}
        if org:
            out.append(EntityMention("organisation", org[0].start, org[-1].end, text[org[0].start : org[-1].end]))
            attrs["organisation"] = text[org[0].start : org[-1].end]
        out.append(
            EntityMention(
                "person", name[0].start, name[-1].end, text[name[0].start : name[-1].end],
                role=(role_start, role_end, text[role_start:role_end]), attrs=attrs,
            )
        )
        return out
    if has_title and not name and any(l in TITLE_HEADS for l in lows):
        # "the Japanese Prime Minister", "President" alone: an office, no person.
        s, e = run[0].start, run[-1].end
        return [EntityMention("office", s, e, text[s:e])]
    if has_org:
        s, e = run[0].start, run[-1].end
        return [EntityMention("organisation", s, e, text[s:e])]
    if len(run) == 1 and run[0].text.isupper() and 2 <= len(run[0].text.rstrip(".")) <= 6 and run[0].text not in country_forms:
        tok = run[0]
        if not re.fullmatch(r"[IVXLC]+", tok.text):
            return [EntityMention("organisation", tok.start, tok.end, tok.text)]
        return []
    if name and len(name) >= 2 and k == 0 or (name and len(name) >= 2 and all(t.start in in_country for t in head)):
        return [EntityMention("person", name[0].start, name[-1].end, text[name[0].start : name[-1].end])]
    return out


def _organisation_in(head: list[Token]) -> list[Token] | None:
    """The organisation named inside a title phrase: after "of the"/"for"/"at", if it has an organisation head word."""
    for i, tok in enumerate(head):
        if tok.lower in ("of", "at", "for") and i + 1 < len(head):
            rest = head[i + 1 :]
            while rest and rest[0].lower in ("the",):
                rest = rest[1:]
            if rest and any(t.lower in ORG_HEADS for t in rest):
                return rest
    return None


def find_countries(text: str, tokens: list[Token], country_forms: dict[str, str]) -> list[EntityMention]:
    """Country names, demonyms and adjectives from the knowledge base's surface forms; longest match wins."""
    return _find_countries(text, tokens, country_forms, [t.text[:1].isupper() for t in tokens])[0]


def _find_countries(
    text: str, tokens: list[Token], country_forms: dict[str, str], upper: list[bool]
) -> tuple[list[EntityMention], set[int]]:
    """``find_countries`` given each token's "starts with a capital", and the starts of the tokens inside a match."""
    out = []
    in_country: set[int] = set()
    max_len, prefixes = _gazetteer_shape(country_forms)
    n = len(tokens)
    # every form is at least two characters long, so its first two must be here (a cheap set lookup)
    if prefixes is None:
        candidates = [i for i in range(n) if upper[i]]
    else:
        candidates = [i for i in range(n) if upper[i] and text[tokens[i][0] : tokens[i][0] + 2] in prefixes]
    free_from = 0  # tokens before this index are inside the last match
    for i in candidates:
        if i < free_from:
            continue
        matched = None
        s = tokens[i][0]
        for length in range(min(max_len, n - i), 0, -1):
            e = tokens[i + length - 1][1]
            surface = text[s:e]
            if surface in country_forms:
                matched = (length, e, surface)
                break
            # "Japan's president": the possessive is not part of the country's name.
            if surface[-2:] in ("'s", "’s") and surface[:-2] in country_forms:
                matched = (length, e - 2, surface[:-2])
                break
        if matched:
            length, e, surface = matched
            if not _code_in_org_name(text, tokens, i + length, surface, e):
                out.append(EntityMention("country", s, e, surface, attrs={"country": country_forms[surface]}))
                in_country.update(t[0] for t in tokens[i : i + length] if t[0] < e)
            free_from = i + length
    return out, in_country


# Words that make an uppercase country code the start of a company's name: "RSA Security", "US Airways",
# "UAE Exchange" are organisations, not South Africa, the US or the Emirates.
_ORG_WORDS = frozenset(
    "Security Securities Group Holdings Bank Bancorp Insurance Inc Ltd Limited Corp Corporation Co Company Systems "
    "Technologies Technology Software Capital Partners Airlines Airways Resources Energy Motors Media Networks "
    "Telecom Communications Pharmaceuticals Industries Solutions Exchange Labs Consulting Financial Investments "
    "Ventures Brands Entertainment Steel Petroleum Oil Gas Mining Logistics Electronics Semiconductor".split()
)


def _code_in_org_name(text: str, tokens: list[Token], nxt: int, surface: str, end: int) -> bool:
    """True when an uppercase code ("RSA", "UAE", "US") is directly followed by a company word ("Security")."""
    if not surface.replace(".", "").isupper() or nxt >= len(tokens):
        return False
    following = tokens[nxt]
    return following.start - end == 1 and text[end] == " " and following.text in _ORG_WORDS


_SHAPE_CACHE: dict[int, tuple[dict[str, str], int, frozenset[str] | None]] = {}


def _gazetteer_shape(forms: dict[str, str]) -> tuple[int, frozenset[str] | None]:
    """The longest surface form in tokens, and the set of the forms' first two characters (None when a form is
    shorter), computed once per gazetteer (forms dicts live as long as their KB)."""
    cached = _SHAPE_CACHE.get(id(forms))
    if cached is None or cached[0] is not forms:
        max_len = max((len(tokenize(f, 0, len(f))) for f in forms), default=1)
        prefixes = None if any(len(f) < 2 for f in forms) else frozenset(f[:2] for f in forms)
        cached = (forms, max_len, prefixes)
        if len(_SHAPE_CACHE) >= 8:  # bounded: callers that build a new dict per call must not leak
            _SHAPE_CACHE.clear()
        _SHAPE_CACHE[id(forms)] = cached
    return cached[1], cached[2]
