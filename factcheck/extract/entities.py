"""People with their titles, organisations and countries, found in runs of capitalised words.

No statistical model: a run of capitalised tokens ("Japanese Prime Minister Yoshihide Suga",
"Executive Director of the Institute for Developing Economies Hiroshi Kato") is cut into a title phrase,
an organisation inside it, and a name, using word lists for titles and organisation heads. Countries and
demonyms come from the knowledge base's surface forms, so every country is covered the same way.
"""

from __future__ import annotations

import dataclasses
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_, itemgetter
from pathlib import Path
from typing import NamedTuple

from factcheck.extract.gender import name_gender
from factcheck.extract.lexicon import word_file

TITLE_WORDS = frozenset(json.loads(Path(__file__).with_name("title_words.json").read_text(encoding="utf-8"))["titles"])
# Of these, the ones that make a phrase a title (the rest only qualify one: "Foreign", "Deputy").
TITLE_HEADS = frozenset(
    """president minister chancellor premier king queen emperor empress prince princess sultan emir sheikh
    secretary director chairman chairwoman chair chairperson ceo cfo coo cto founder president-elect governor
    senator sen
    rep representative congressman congresswoman mayor ambassador envoy spokesman spokeswoman spokesperson
    professor prof dr mr mrs ms sir dame lord lady judge justice pope cardinal archbishop bishop speaker leader
    commissioner commander
    admiral colonel gen gov mp mep head attorney treasurer councillor councilor analyst economist researcher
    fellow lecturer officer official adviser advisor counsel editor correspondent captain coach manager pollster
    strategist aide""".split()
)
# Titles written as one hyphenated word ("U.N. Secretary-General Ban Ki-moon"): title words and heads both.
_COMPOUND_TITLES = frozenset(
    """secretary-general attorney-general governor-general director-general solicitor-general surgeon-general
    inspector-general auditor-general commander-in-chief editor-in-chief vice-president vice-chairman
    vice-chancellor vice-premier deputy-director""".split()
)
_RANKS = frozenset(
    "sgt sergeant cpl corporal lieutenant pfc rabbi reverend pastor imam".split()
)  # "Staff Sgt. John Doe", "Rabbi X"
# "Chief of Staff Katie Walsh", "Chief Executive Tim Cook": "staff" and "executive" end a title there.
TITLE_WORDS = TITLE_WORDS | _COMPOUND_TITLES | _RANKS | {"staff"}
TITLE_HEADS = TITLE_HEADS | _COMPOUND_TITLES | _RANKS | {"staff", "executive"}
HONORIFICS = frozenset("mr mrs ms dr prof sir dame lord lady".split())
# Title words that are also surnames ("Mervyn King", "Charles Prince"): one that ends a run after a name word is the
# surname when a title stands before that name word ("Bank of England governor Mervyn King", "Governor Mervyn King").
SURNAME_TITLES = frozenset("king prince bishop judge".split())
_ARTICLES = frozenset({"the", "a", "an"})
_PARTICIPLE = re.compile(r"[A-Z][a-z]{2,}(?:ing|ed)")
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
# Lower-case particles inside a person's name ("Ursula von der Leyen", "Mohammed bin Salman").
PARTICLES = frozenset("de del della di da du dos das von van der den ter al el bin bint ibn abu la le".split())
# A particle written onto the next word ("Ahmed al-Rahawi", "Abdel Fattah el-Sisi", "Valéry Giscard d'Estaing").
_PARTICLE_MARKS = "-'’"  # what joins a particle to the capitalised word
_PARTICLE_WORD = re.compile(
    rf"(?:al|el|ad|an|ar|as|at|az|ash|ul|bin|ibn|abu|d|de|di|da|van|von)[{_PARTICLE_MARKS}][A-ZÀ-ÖØ-ÞĀ-Ž]"
)
# A time qualifier written onto a title ("ex-President Obama", "then-Prime Minister Abe", "then-president"):
# the title is split off, and the qualifier stays in the text just before the title for the linker to read.
_QUALIFIER_PREFIX = re.compile(
    r"(?:ex|then|former|onetime|one-time|future|outgoing|incoming|acting|interim)-(?=[A-Za-z])", re.I
)
# A regnal or generational number after a name ("King Charles III", "Pope Benedict XVI").
_REGNAL = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")


def _is_regnal(word: str) -> bool:
    """Whether a word is a regnal number: only a word of the letters I, V and X can be, which a str method tells
    (most words) without a regex call."""
    return not word.strip("IVX") and _REGNAL.fullmatch(word) is not None


# A generational suffix after a name ("Martin Luther King Jr.", "Joseph R. Biden Jr.").
_SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr"})
# A middle initial, or two written together ("W.", "H.W."), inside a name; British style drops the full stop
# ("George W Bush"; not "I", the pronoun).
_INITIAL = re.compile(r"(?:[A-Z]\.){1,2}|[A-HJ-Z]")
# Lower-case words that end a role phrase written before a name ("Fed chair Jerome Powell", "German chancellor
# Olaf Scholz", "presumptive Republican presidential nominee Donald Trump"), and the lower-case words such a phrase
# may hold before them (besides capitalised words, "'s", title words and organisation heads).
ROLE_HEADS_LOWER = (TITLE_HEADS - HONORIFICS - {"head", "rep", "sen", "gov", "gen", "mp", "mep"}) | frozenset(
    """nominee candidate hopeful contender challenger incumbent frontrunner front-runner aide strategist pollster
    lawmaker legislator""".split()
)
ROLE_MODIFIERS_LOWER = (
    TITLE_WORDS
    | ORG_HEADS
    | frozenset(
        """presidential vice-presidential gubernatorial parliamentary presumptive senior junior assistant associate
    top party opposition republican democratic democrat national security campaign central federal reserve
    press communications policy labor labour conservative liberal majority minority house senate""".split()
    )
)


def _load_not_person_words() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads((Path(__file__).with_name("not_person_words.json")).read_text(encoding="utf-8"))
    return frozenset(data["first"]), frozenset(data["last"])


# First and last words that make an untitled run a place, event or product ("San Francisco", "Bastille Day").
NOT_PERSON_FIRST, NOT_PERSON_LAST = _load_not_person_words()
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
    working all things considered however meanwhile also still even just only according yesterday today
    tomorrow tonight later earlier then now instead finally again afterwards separately similarly nevertheless
    moreover furthermore therefore is are was were does did has have had can could should would""".split()
)

# Words may carry combining accents (text in decomposed form: "Jose\u0301"); a possessive "'s" is a token of its own,
# so "Mark Carroll's" gives the name "Mark Carroll" and stops the capitalised run. A word is a letter, then word
# characters and apostrophes (not one of "'s"), written as an unrolled loop with possessive quantifiers: the
# longest such word, as a plain loop would give, found without the regex engine keeping backtracking points.
# An initialism ("U.S.") is written "[A-Z]\.(?:[A-Z]\.)+", not "(?:[A-Z]\.){2,}": the same matches, but the engine
# tests the first letter before it sets up a repeat, which it otherwise does at every word and space (the scan of
# the whole BBC corpus takes about a fifth less time). Any other character but a space (",", "(", "“") is a token
# of its own.
# A word's later characters: word characters, hyphens, accented letters and combining accents. The ASCII word
# characters are written out although \w holds them: the engine tests a class's listed characters (one bitmap) before
# its categories, so a plain letter is found by the bitmap instead of by a second, Unicode, test (the tokenizer
# scans about a fifth faster; the same characters match).
_WORD_CHAR = r"[0-9A-Za-z_\w\-À-ÖØ-öø-ÿĀ-žḀ-ỿ\u0300-\u036f]"
_TOKEN = re.compile(
    rf"[A-Z]\.(?:[A-Z]\.)+|[A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ]{_WORD_CHAR}*+"
    rf"(?:[’'](?![sS]\b){_WORD_CHAR}*+)*+\.?|[’'][sS]\b|\S"
)


SURNAME_FIRST = word_file("surname_first.txt")
# A given name romanised from Chinese or Korean: one or more syllables ("Jinping", "Keqiang", "Jong", "Un"), or a
# hyphenated pair ("Ki-moon", "Jae-in", "Ying-jeou").
_SYLLABLE = (
    r"(?:(?:zh|ch|sh|hs|ts|hy|gy|ky|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|yeon|ang|eng|ing|ong|oon|ung|uan|ian|ien|iao|uai|eun|eon|ai|ae|ei|eo|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|oo|eu|a|e|i|o|u))"
)
_ROMANISED_GIVEN = re.compile(rf"{_SYLLABLE}{{1,2}}(?:-{_SYLLABLE}{{1,2}})?")


def surname_of(name: str) -> str:
    """The word a person's name is shortened to in later mentions: the last word ("Theresa May" -> "May"), or the
    first for a name written surname first ("Ban Ki-moon" -> "Ban", "Xi Jinping" -> "Xi"; ``surname_first.txt``)."""
    words = name.split()
    if len(words) >= 2 and words[0] in SURNAME_FIRST and all(_ROMANISED_GIVEN.fullmatch(w.lower()) for w in words[1:]):
        return words[0]
    return words[-1]


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

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        text: str,
        role: tuple[int, int, str] | None = None,
        attrs: dict | None = None,
    ) -> None:
        # Made by the ten thousand per corpus: filling the instance's dict at once is about three times as fast as
        # the generated __init__ of a frozen dataclass (one object.__setattr__ per field), as NumberMention does.
        self.__dict__.update(
            kind=kind, start=start, end=end, text=text, role=role, attrs={} if attrs is None else attrs
        )


_KEEPS_STOP = re.compile(r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Sen|Rep|Gov|Prof|Lt|Col|Capt)\.")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return list(map(_new_token, repeat(Token), zip(*_columns(text, start, end))))


def _columns(text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """The tokens of text[start:end] as three lists (starts, ends, words), each built by a C-level map over the
    matches: no Python frame, and no tuple, per token (most tokens are lower-case words that only separate runs)."""
    found = list(_TOKEN.finditer(text, start, end))
    starts, ends, words = list(map(_START, found)), list(map(_END, found)), list(map(_GROUP, found))
    # A sentence-final full stop is not part of a name ("met Kato." → "Kato"), but "U.S." and "Jr." keep theirs.
    # Only a token ending at one of the text's full stops can lose one; ends are increasing, so bisect finds it.
    dot = text.find(".", start, end)
    while dot != -1:
        i = bisect_left(ends, dot + 1)
        if i < len(ends) and ends[i] == dot + 1:
            word = words[i]
            # every stop kept follows an ASCII capital first ("U.S.", "Mr."): most words ("said.") need no regex call
            if len(word) > 2 and not ("A" <= word[0] <= "Z" and _KEEPS_STOP.fullmatch(word)):
                ends[i] = dot
                words[i] = word[:-1]
        dot = text.find(".", dot + 1, end)
    return starts, ends, words


@dataclass(frozen=True)
class TextTokens:
    """The tokens of a whole text as columns (``_columns``), found once by a caller that scans many ranges of it
    (``find_mentions``, sentence by sentence): one regex scan per article instead of one per sentence."""

    text: str
    starts: list[int]
    ends: list[int]
    words: list[str]

    @classmethod
    def of(cls, text: str) -> TextTokens:
        return cls(text, *_columns(text, 0, len(text)))

    def columns(self, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
        """``_columns(text, start, end)``: a slice of the text's tokens when the range lies between tokens (no token
        crosses a whitespace character, so it does when each end of the range is an end of the text or next to
        whitespace: the pattern then matches there as on the range alone), else the range tokenized on its own."""
        text = self.text
        if (start > 0 and not text[start - 1].isspace()) or (end < len(text) and not text[end].isspace()):
            return _columns(text, start, end)
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end, i)
        return self.starts[i:j], self.ends[i:j], self.words[i:j]


def _tokens(starts: list[int], ends: list[int], words: list[str], i: int, j: int) -> list[Token]:
    """Tokens i..j-1 of the columns."""
    return list(map(_new_token, repeat(Token), zip(starts[i:j], ends[i:j], words[i:j])))


_new_token = tuple.__new__  # Token(s, e, word) without the named tuple's Python-level __new__
_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group
_FIRST = itemgetter(0)


def capitalised_runs(tokens: list[Token], cap: list[bool] | None = None) -> list[list[Token]]:
    """Maximal runs of capitalised tokens, joined by connectors ("of the", "for", "bin") when a capital follows.

    ``cap``: for each token, whether its first character is an upper-case letter (computed here if not given)."""
    if cap is None:
        cap = [t.text[0].isupper() and t.text[0].isalpha() for t in tokens]
    starts, ends, words = [t[0] for t in tokens], [t[1] for t in tokens], [t[2] for t in tokens]
    return [tokens[i:j] for i, j in _run_spans(starts, ends, words, cap)]


# Heads of the public bodies named "X and Y <head>" ("Securities and Exchange Commission", "Ways and Means
# Committee"); companies and media ("Ford and General Motors", "MSNBC and Fox News") are two names far more often.
_CHAMBERS = frozenset({"house", "senate", "assembly", "parliament", "congress", "city", "state", "federal"})
_AND_JOINED_HEADS = frozenset(
    "commission administration committee department ministry agency authority bureau office council board".split()
)


def _one_word_before(words: list[str], i: int, j: int) -> bool:
    """Whether the run's words before token j are one word, after any opener, connector or chamber ("the
    Securities", "House Ways"), and not an acronym ("IRS and Drug Enforcement Administration" are two)."""
    before = words[j - 2].lower() if j - 1 > i else ""
    # "House Ways and Means Committee", "Senate Health and Education Committee": a chamber before the word
    return (not before or before in CONNECTORS or before in SENTENCE_STARTERS or before in _CHAMBERS) and not words[
        j - 1
    ].isupper()


def _org_follows(starts: list[int], ends: list[int], words: list[str], cap: list[bool], k: int) -> bool:
    """Whether tokens k, k + 1 are a capitalised word and a public body's head ("Exchange Commission")."""
    if k + 1 >= len(words) or not (cap[k] and cap[k + 1]) or starts[k + 1] - ends[k] > 1:
        return False
    return words[k + 1].lower() in _AND_JOINED_HEADS


# No real title, name or organisation runs this long ("Executive Director of the Institute for Developing Economies
# Hiroshi Kato" is 10 words): a longer capitalised run (a scraped navigation bar, a headline block without a full
# stop) is cut into runs of this many words, so the work on one run stays bounded, and its mentions say so.
MAX_RUN_WORDS = 30
CUT_ATTR = "cut"  # attrs key on a mention found in a run cut at MAX_RUN_WORDS


def _run_spans(starts: list[int], ends: list[int], words: list[str], cap: list[bool]) -> list[tuple[int, int]]:
    """``capitalised_runs`` on token columns, as (first, last + 1) token indices: a run is a slice of the tokens.
    Only the capitalised tokens are visited as run starts. A run ends after MAX_RUN_WORDS words."""
    spans: list[tuple[int, int]] = []
    n = len(words)
    j = 0  # tokens before j are inside the last run
    for i in compress(range(n), cap):
        if i < j:
            continue
        j = i + 1
        while j < n and j - i < MAX_RUN_WORDS:
            if cap[j] and starts[j] - ends[j - 1] <= 1:
                j += 1
                continue
            # connectors: "Institute for Developing Economies", "Bank of Japan", "Ministry of Foreign Affairs"
            k = j
            while k < n and words[k].lower() in CONNECTORS and starts[k] - ends[k - 1] <= 1:
                k += 1
            if k == j:
                break  # no connector: the run ends here
            # "and" joins only inside "X of/for Y and Z" ("Department of Health and Human Services") and
            # "X and Y <head>" ("Securities and Exchange Commission"), never two names, nor two organisations
            # ("... and the ...").
            if any(words[x].lower() == "and" for x in range(j, k)) and (
                words[k - 1].lower() == "the"
                or not (
                    any(words[x].lower() in ("of", "for") for x in range(i, j))
                    or (_one_word_before(words, i, j) and _org_follows(starts, ends, words, cap, k))
                )
            ):
                break
            if k > j and k < n and cap[k] and starts[k] - ends[k - 1] <= 1:
                j = k + 1
                continue
            break
        spans.append((i, j))
    return spans


def _is_name_token(tok: Token, country_forms: dict[str, str]) -> bool:
    word = tok[2]
    low = word.lower().rstrip(".")  # Token.lower, without the property's frame: called for every run word
    return (
        (word[:1].isupper() or _PARTICLE_WORD.match(word) is not None)
        and low not in TITLE_WORDS
        and low not in ORG_HEADS
        and low not in CONNECTORS
        and low not in NOT_NAME_WORDS
        and word not in country_forms
        and not word.isupper()
    )


def find_entities(
    text: str,
    start: int,
    end: int,
    country_forms: dict[str, str],
    *,
    sentence_start: bool = True,
    office_title: Callable[[str], bool] | None = None,
    tokens: TextTokens | None = None,
) -> list[EntityMention]:
    """People (with title phrases), organisations, offices and countries inside text[start:end].

    ``office_title``: whether a phrase is a title some office has (the knowledge base's titles and news forms);
    a person's title phrase is then widened over the words before it that make it a longer title ("Trade and
    Industry Secretary", "Bank of England governor"), which the capitalised runs cut at "and" and "of".
    ``tokens``: ``TextTokens.of(text)``, made once by a caller that scans many ranges of the text."""
    starts, ends, words = tokens.columns(start, end) if tokens is not None else _columns(text, start, end)
    hyphen = text.find("-", start, end)
    if hyphen != -1:  # a qualifier needs a hyphen ("ex-President")
        _split_qualifiers(text, hyphen, end, starts, words)
    upper = list(map(str.isupper, map(_FIRST, words)))  # tokens are never empty
    out: list[EntityMention] = []
    countries, in_country = _find_countries(text, starts, ends, words, country_forms, upper)
    out.extend(countries)
    cap = _capitalised(text, start, end, starts, words, upper)
    for i, j in _run_spans(starts, ends, words, cap):
        lone = j - i == 1
        if lone and _lone_word_is_nothing(words[i]):
            continue  # trimming below only shortens a run: a lone word that is nothing stays nothing
        cut = j - i >= MAX_RUN_WORDS
        # "the Independent Vermont senator", "on Day One", "a Trump presidency": after an article, capitalised
        # words without a title are a modifier or a name of a thing, not a person.
        after_article = i > 0 and words[i - 1].lower() in _ARTICLES
        # Trim a capitalised sentence opener ("The", "On", "Bringing"), also at the start of a quotation
        # ('"In Arabic, they were saying …"').
        while (
            i < j
            and (low := words[i].lower().rstrip(".")) in SENTENCE_STARTERS
            and (
                starts[i] == start
                or low in ("the", "a", "an")
                or (not words[i].isupper() and _opens_quote(text, start, starts[i]))
            )
        ):
            after_article = low in _ARTICLES
            i += 1
        # "One of President X's pledges": a run does not start at a connector left by a word not taken as a name
        while i < j - 1 and words[i] in ("of", "for", "and"):
            i += 1
        # A participle opening the sentence ("Following Sanders on MSNBC, …", "Asked about Trump, …").
        if (
            i < j - 1
            and starts[i] == start
            and _PARTICIPLE.fullmatch(words[i])
            and name_gender(words[i] + " x") is None
        ):
            i += 1
        while i < j and words[j - 1].lower().rstrip(".") in CONNECTORS:
            j -= 1
        if i == j or (in_country and all(starts[x] in in_country for x in range(i, j))):
            continue
        if j - i == 1 and not lone and _lone_word_is_nothing(words[i]):
            # most runs are one word ("Shares", "Monday", "Smith"): skip building and classifying them (a run of one
            # word from the start was tested above, and trimming leaves such a run as it was or empty)
            continue
        role_before = i > 0 and (
            words[i - 1] in ROLE_HEADS_LOWER or (i > 1 and words[i - 1] == "," and words[i - 2] in ROLE_HEADS_LOWER)
        )
        found = _classify_run(text, _tokens(starts, ends, words, i, j), country_forms, in_country, role_before)
        if after_article:
            found = [m for m in found if not (m.kind == "person" and m.role is None and m.start == starts[i])]
        if cut:
            found = [dataclasses.replace(m, attrs={**m.attrs, CUT_ATTR: MAX_RUN_WORDS}) for m in found]
        out.extend(found)
    # A person's role read from around the run, each step on the one before (only people change: most sentences
    # have none, and the rest of the mentions are left as they are).
    # Each step reads a role only where there is none yet, the last two widen one that there is: a step that cannot
    # change the mention is not called.
    people = [k for k, m in enumerate(out) if m.kind == "person"] if out else ()
    country_at = {c.end: c.start for c in countries} if people else {}
    for k in people:
        m = out[k]
        if m.role is None:
            m = _with_role_before(text, starts, ends, words, m)
            if m.role is None:
                m = _with_apposition(text, m, end)
        if m.role is not None:
            if country_at:
                m = _with_possessive_country(text, m, country_at)
            if office_title is not None:
                m = _with_longer_title(text, starts, ends, words, m, office_title)
        out[k] = m
    if len(out) > 1:  # half the sentences have no mention, many one
        out.sort(key=lambda m: (m.start, -m.end, m.kind))
    return out


def _capitalised(text: str, start: int, end: int, starts: list[int], words: list[str], upper: list[bool]) -> list[bool]:
    """For each token, whether it can be in a capitalised run: an upper-case letter first, or a particle written
    onto a capitalised word ("al-Rahawi"). Only a token holding a hyphen or apostrophe can be the latter: the tokens
    holding one are the few worth testing."""
    # an upper-case first character is nearly always a letter ("Ⅻ" is not): test the letters only then
    if all(map(str.isalpha, map(_FIRST, compress(words, upper)))):
        cap = upper.copy()
    else:
        cap = list(map(and_, upper, map(str.isalpha, map(_FIRST, words))))
    # Each mark is found by str.find, a C scan several times as fast per character as a regex's character-set test,
    # and there are few of them (a mark not followed by a capital only costs its token's test).
    for mark in _PARTICLE_MARKS:
        q = text.find(mark, start, end)
        while q != -1:
            i = bisect_right(starts, q) - 1  # the token holding the mark
            if i >= 0 and words[i][0] in "abdeiuv" and _PARTICLE_WORD.match(words[i]) is not None:
                cap[i] = True
            q = text.find(mark, q + 1, end)
    return cap


def _split_qualifiers(text: str, hyphen: int, end: int, starts: list[int], words: list[str]) -> None:
    """ "then-Prime" → "Prime", "ex-president" → "president" (in place): the qualifier stays in the text before
    the token. ``hyphen``: the first hyphen in text[:end] at or after the tokens' start. Only a token holding a
    hyphen can be split, so the tokens are found from the hyphens (a few per sentence), not tested one by one."""
    last = -1  # the token tested last (a token may hold several hyphens)
    while hyphen != -1:
        i = bisect_right(starts, hyphen) - 1  # the token starting at or before the hyphen; it may end before it
        if i > last:
            last = i
            word = words[i]
            if word[0] in "eEtTfFoOiIaA" and "-" in word:
                m = _QUALIFIER_PREFIX.match(word)
                if m and len(word) > m.end():
                    starts[i] += m.end()
                    words[i] = word[m.end() :]
        hyphen = text.find("-", hyphen + 1, end)


# Capitalised words that may end a role phrase before a name ("German", "Fed"), unlike the other region and
# party words that are never part of a name.
_ROLE_NOT_NAME_WORDS = NOT_NAME_WORDS - {
    "republican",
    "democratic",
    "democrat",
    "national",
    "federal",
    "conservative",
    "liberal",
    "labour",
    "communist",
    "socialist",
}


def _with_role_before(
    text: str, starts: list[int], ends: list[int], words: list[str], mention: EntityMention
) -> EntityMention:
    """An untitled person directly after a role phrase that ends in a lower-case title word: "Fed chair Jerome
    Powell", "German chancellor Olaf Scholz", "Japan's prime minister Fumio Kishida", "former president Bill
    Clinton" (the qualifier is left outside the role, just before it, where the linker reads it)."""
    if mention.kind != "person" or mention.role is not None:
        return mention
    i = bisect_left(starts, mention.start)
    if i == 0 or i == len(starts) or starts[i] != mention.start:
        return mention
    last = i - 1
    role_end = ends[last]
    if (
        words[last] == ","
        and last >= 1
        and words[last - 1] in ROLE_HEADS_LOWER
        and ends[last - 1] == starts[last]
        and mention.start - ends[last] == 1
        and text[mention.end : mention.end + 1] in (",", ".", ";", "")
    ):
        # "Japan's prime minister, Shinzo Abe, said": the role, a comma, and the name closed by another comma
        last -= 1
        role_end = ends[last]
    elif words[last][:1].isupper() and mention.start - ends[last] == 1:
        # "prime minister of Japan Fumio Kishida": the country after "of" is part of the role
        k = last
        while k > last - 3 and k > 0 and words[k][:1].isupper() and starts[k] - ends[k - 1] == 1:
            k -= 1
        if words[k] == "the" and k > 0:
            k -= 1
        if k >= 1 and k < last and words[k] == "of" and words[k - 1] in ROLE_HEADS_LOWER:
            last = k - 1
    elif words[last] not in ROLE_HEADS_LOWER or mention.start - ends[last] != 1 or text[ends[last]] != " ":
        return mention
    if words[last] not in ROLE_HEADS_LOWER:
        return mention
    j = last  # the role's first token
    while j > 0:
        prev_end = ends[j - 1]
        if starts[j] - prev_end > 1 or (starts[j] > prev_end and text[prev_end] != " "):
            break
        word = words[j - 1]
        if word in ("'s", "’s", "'S", "’S"):
            if j - 2 >= 0 and words[j - 2][:1].isupper() and ends[j - 2] == starts[j - 1]:
                j -= 2
                continue
            break
        low = word.lower().rstrip(".")
        if word in ROLE_MODIFIERS_LOWER or (
            word[:1].isupper()
            and word[0].isalpha()
            and low not in SENTENCE_STARTERS
            and low not in _ROLE_NOT_NAME_WORDS
        ):
            j -= 1
            continue
        break
    s, e = starts[j], role_end
    return EntityMention(
        mention.kind, mention.start, mention.end, mention.text, role=(s, e, text[s:e]), attrs=mention.attrs
    )


# The words a title phrase is widened over ("Trade and Industry Secretary", "Culture, Media and Sport Secretary",
# "Bank of England governor"): capitalised words and these joiners, at most this many tokens.
_TITLE_JOINERS = frozenset({"and", "&", ",", "of", "the", "for"})
_TITLE_WIDEN_TOKENS = 8


def _with_longer_title(
    text: str,
    starts: list[int],
    ends: list[int],
    words: list[str],
    mention: EntityMention,
    office_title: Callable[[str], bool],
) -> EntityMention:
    """A person whose title phrase, widened over the capitalised words and joiners just before it, is a longer
    title that ``office_title`` knows: the longest such phrase becomes the title ("Industry Secretary" ->
    "Trade and Industry Secretary"; "England governor" -> "Bank of England governor")."""
    if mention.kind != "person" or mention.role is None:
        return mention
    s, e, _ = mention.role
    i = bisect_left(starts, s)
    if i == 0 or i == len(starts) or starts[i] != s:
        return mention
    best = None
    j = i
    while j > 0 and i - j < _TITLE_WIDEN_TOKENS:
        word = words[j - 1]
        if word not in _TITLE_JOINERS and not (word[:1].isupper() and word[0].isalpha()):
            break
        if text[ends[j - 1] : starts[j]].strip():
            break
        j -= 1
        if word[:1].isupper() and word.lower() not in SENTENCE_STARTERS and office_title(text[starts[j] : e]):
            best = starts[j]
    if best is None:
        return mention
    return EntityMention(
        mention.kind, mention.start, mention.end, mention.text, role=(best, e, text[best:e]), attrs=mention.attrs
    )


def _with_possessive_country(text: str, mention: EntityMention, country_at: dict[int, int]) -> EntityMention:
    """ "Italy's Prime Minister Matteo Renzi": the country in the possessive before a title is part of the role
    (the capitalised run stops at the "'s")."""
    if mention.kind != "person" or mention.role is None:
        return mention
    s, e, _ = mention.role
    if s < 3 or text[s - 3 : s] not in ("'s ", "’s ") or (s - 3) not in country_at:
        return mention
    s = country_at[s - 3]
    return EntityMention(
        mention.kind, mention.start, mention.end, mention.text, role=(s, e, text[s:e]), attrs=mention.attrs
    )


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
    r",\s+((?:a|an|the|former|then-|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}['’]s)\s+(?:[\w’'-]+\s+){0,4}?(?:"
    + "|".join(sorted(TITLE_HEADS | {"professor", "expert", "scholar", "spokesperson"}, key=len, reverse=True))
    + r")\b(?:\s+(?:at|of|for|with|in)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of|for|and|the|[A-Z][\w’'.-]*))*)?)"
    r"(?=\s*[,.;)]|\s+(?:said|says|told|added)\b)",
)


def _with_apposition(text: str, mention: EntityMention, limit: int) -> EntityMention:
    if mention.kind != "person" or mention.role is not None:
        return mention
    # the pattern opens with a comma: most names have none after them, and need no regex call
    m = _APPOSITION.match(text, mention.end, limit) if text.startswith(",", mention.end, limit) else None
    if not m:
        return mention
    s, e = m.span(1)
    return EntityMention(
        mention.kind, mention.start, mention.end, mention.text, role=(s, e, text[s:e]), attrs=mention.attrs
    )


def _lone_word_is_nothing(word: str) -> bool:
    """Whether a run of this one word is no entity (``_classify_run`` gives nothing): a lone word is an office
    only if it is a title head, an organisation only if it is an organisation head or in capitals, and never a
    person (an untitled name needs two words)."""
    low = word.lower().rstrip(".")
    return low not in TITLE_HEADS and low not in ORG_HEADS and not word.isupper()


def _classify_run(
    text: str, run: list[Token], country_forms: dict[str, str], in_country: set[int], role_before: bool = False
) -> list[EntityMention]:
    # "Prime Minister Shinzo Abe of Japan", "Emperor Naruhito of Japan": the country after the name is not part of it.
    c = len(run)
    while c > 0 and run[c - 1].start in in_country:
        c -= 1
    if 2 <= c < len(run) and run[c - 1].lower in ("of", "from") and _is_name_token(run[c - 2], country_forms):
        run = run[: c - 1]
    else:
        run = _without_place_after_name(run, country_forms, in_country)
    lows = [t[2].lower().rstrip(".") for t in run]  # Token.lower of each
    # "Bank of England Governor Mervyn King", "governor Mervyn King": after a title, "King" is a surname
    surname_title = role_before or not TITLE_HEADS.isdisjoint(lows[:-2])
    k, words = _name_start(run, country_forms, in_country, surname_title=surname_title)
    # "Chancellor of the Exchequer Gordon Brown", "Governor of Texas George W. Bush": a title does not end in "of
    # the", so the first of the name words ends it, unless it is a given name ("CEO of Donald Trump's company").
    if (
        0 < k < len(run) - 1
        and lows[k - 1] in ("of", "the", "for")
        and words >= 2
        and not TITLE_HEADS.isdisjoint(lows[:k])
        and name_gender(text[run[k].start : run[-1].end]) is None
    ):
        k += 1
        words -= 1
    # After an organisation named inside a title ("… of the Institute for Developing Economies Hiroshi Kato")
    # the organisation's last words look like a name too; a name there is its last two words.
    if words > 2 and not ORG_HEADS.isdisjoint(lows[:k]) and any(w in ("of", "for", "at") for w in lows[:k]):
        k = len(run) - 2
    name = run[k:]
    head = run[:k]
    has_title = not TITLE_HEADS.isdisjoint(lows[:k])
    if not has_title and len(name) >= 2 and name[-1].text in ("I", "V", "X") and _is_regnal(name[-1].text):
        name = name[:-1]  # "Charles I said": the pronoun, not a numeral, unless a title says it is a monarch
    has_org = not ORG_HEADS.isdisjoint(lows)
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
                "person",
                name[0].start,
                name[-1].end,
                text[name[0].start : name[-1].end],
                role=(role_start, role_end, text[role_start:role_end]),
                attrs=attrs,
            )
        )
        return out
    if has_title and not name and not TITLE_HEADS.isdisjoint(lows):
        # "the Japanese Prime Minister", "President" alone: an office, no person.
        s, e = run[0].start, run[-1].end
        return [EntityMention("office", s, e, text[s:e])]
    if has_org and len(name) >= 2 and head and name_gender(text[name[0].start : name[-1].end]) is not None:
        # "Senate Intelligence Ranking Democrat Dianne Feinstein": a known given name after the organisation words
        # starts a person, the words before are their title.
        return [
            EntityMention(
                "person",
                name[0].start,
                name[-1].end,
                text[name[0].start : name[-1].end],
                role=(head[0].start, head[-1].end, text[head[0].start : head[-1].end]),
            )
        ]
    if has_org:
        s, e = run[0].start, run[-1].end
        return [EntityMention("organisation", s, e, text[s:e])]
    if (
        len(run) == 1
        and run[0].text.isupper()
        and 2 <= len(run[0].text.rstrip(".")) <= 6
        and run[0].text not in country_forms
    ):
        tok = run[0]
        if not re.fullmatch(r"[IVXLC]+", tok.text):
            return [EntityMention("organisation", tok.start, tok.end, tok.text)]
        return []
    if name and len(name) >= 2 and k == 0 or (name and len(name) >= 2 and all(t.start in in_country for t in head)):
        if name[0].text.rstrip(".") in NOT_PERSON_FIRST or name[-1].text.rstrip(".") in NOT_PERSON_LAST:
            return out  # "San Francisco", "Bastille Day", "Internet Explorer"
        return [EntityMention("person", name[0].start, name[-1].end, text[name[0].start : name[-1].end])]
    return out


_HEADLINE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_SMALL_WORDS = frozenset("a an the and or but of for to in on at by with from as vs via is are was be".split())


def is_title_case(line: str) -> bool:
    """A headline in title case ("Trump Must Decide on Two-Pirate Ticket"): its words of four letters or more are
    all capitalised, so capitals say nothing about names."""
    words = [w for w in _HEADLINE_WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    long_words = [w for w in words if len(w) >= 4]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what the re module's \w matches in str patterns


def whole_word_places(text: str, phrase: str, start: int, end: int) -> Iterator[int]:
    r"""Where ``phrase`` stands in text[start:end] with no word character or hyphen just before or after it (inside
    the range), left to right and not overlapping: the starts of ``re.finditer(r"(?<![\w-])PHRASE(?![\w-])")`` over
    text[start:end], found by str.find (the pattern differs with each name: compiling one cost more than the scan)."""
    n = len(phrase)
    at = text.find(phrase, start, end)
    while at != -1:
        e = at + n
        if (at == start or not (is_word_char(text[at - 1]) or text[at - 1] == "-")) and (
            e == end or not (is_word_char(text[e]) or text[e] == "-")
        ):
            yield at
            at = text.find(phrase, e, end)
        else:
            at = text.find(phrase, at + 1, end)


def confirmed_headline_person(
    name: str, body: str, known: Callable[[str], bool] | None = None, *, surname: bool = True
) -> bool:
    """Whether an untitled person found in a title-case headline is a person: the same name is written in the
    article's body, or its last word is, capitalised after a lower-case word ("said Richards" confirms "Cecile
    Richards"; a capitalised verb such as "Decide" is rarely written so), or the knowledge base knows the name."""
    if next(whole_word_places(body, name, 0, len(body)), None) is not None:
        return True
    last = name.split()[-1]
    if (
        surname
        and len(last) >= 3
        and last[0].isupper()
        and re.search(r"\b[a-z]+,? " + re.escape(last) + r"(?![\w-])", body)
    ):
        return True
    return bool(known and known(name))


def title_case_headline_entities(
    text: str,
    start: int,
    end: int,
    entities: list[EntityMention],
    body_people: list[str],
    known: Callable[[str], bool] | None = None,
) -> list[EntityMention]:
    """The entities of a title-case headline worth keeping: untitled people only when confirmed (see
    ``confirmed_headline_person``), plus the people the body names, found in the headline ("Mara Quill" in
    "Voters Must Decide as Mara Quill Leads Race", where the capitals glue the name to the verb)."""
    body = text[end:]
    people = [e for e in entities if e.kind == "person" and e.role is None]
    out = [
        e
        for e in entities
        if e.kind != "person" or e.role is not None or confirmed_headline_person(e.text, body, known, surname=False)
    ]
    taken = [(e.start, e.end) for e in out if e.kind == "person"]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for name in sorted({n for n in body_people if " " in n}, key=len, reverse=True):
        for s in whole_word_places(text, name, start, end):
            e = s + len(name)
            if free(s, e):
                out.append(EntityMention("person", s, e, name))
                taken.append((s, e))
    # then the ones only their surname confirms ("Cecile Richards" when the body says "said Richards")
    for ent in people:
        if free(ent.start, ent.end) and confirmed_headline_person(ent.text, body, None, surname=True):
            out.append(ent)
            taken.append((ent.start, ent.end))
    return out


def _without_place_after_name(run: list[Token], country_forms: dict[str, str], in_country: set[int]) -> list[Token]:
    """ "House Speaker Paul D. Ryan of Wisconsin", "Sen. Tim Kaine of Virginia": a titled name of two words or more,
    then "of" and one or two capitalised words (a state, a city, a party): those are not the name. The run without
    them, else the run as it is ("Governor of Texas George W. Bush": the name follows the "of")."""
    n = len(run)
    for o in (n - 2, n - 3):
        if o < 3 or run[o].lower != "of":
            continue
        place = run[o + 1 :]
        if not all(
            t.text[:1].isupper() and (w := t.lower.rstrip(".")) not in TITLE_WORDS and w not in ORG_HEADS for t in place
        ):
            return run
        head = run[:o]
        k, words = _name_start(head, country_forms, in_country)
        if words >= 2 and 0 < k and not TITLE_HEADS.isdisjoint(t.lower.rstrip(".") for t in head[:k]):
            return head
        return run
    return run


def _name_start(
    run: list[Token], country_forms: dict[str, str], in_country: set[int], *, surname_title: bool = False
) -> tuple[int, int]:
    """Where the name at the end of a run starts, and how many name words it has: the longest tail of name-like
    words (at most three), with particles between them ("Ursula von der Leyen", "Mohammed bin Salman") and a
    regnal number after them ("King Charles III"). ``surname_title``: a role phrase stands before the run, so a
    title word that is also a surname ends the name ("governor Mervyn King")."""
    k = len(run)
    words = 0
    if (
        k >= 2
        and run[-1].lower in SURNAME_TITLES
        and run[-1].start not in in_country
        and (
            run[-2].lower in HONORIFICS
            or (
                _is_name_token(run[-2], country_forms)
                and (surname_title or name_gender(run[-2].text + " " + run[-1].text))
            )
        )
    ):
        k -= 1
        words = 1
    if (
        k >= 2
        and (_is_regnal(run[-1].text) or run[-1].text in _SUFFIXES)
        and run[-1].text
        and _is_name_token(run[-2], country_forms)
    ):
        k -= 1
    while k > 0:
        tok = run[k - 1]
        if tok.start in in_country:
            break
        if words < 3 and _is_name_token(tok, country_forms):
            k -= 1
            words += 1
            continue
        # a middle initial between name words ("George W. Bush", "George H. W. Bush", "Joseph R. Biden"): part of
        # the name, not of a title before it, and not counted among its words
        if (
            words
            and k >= 2
            and _INITIAL.fullmatch(tok.text)
            and run[k - 2].start not in in_country
            and (_is_name_token(run[k - 2], country_forms) or _INITIAL.fullmatch(run[k - 2].text))
        ):
            k -= 1
            continue
        # a capitalised particle that is a given name, between a title and a name word ("Vice-President Al Gore")
        if (
            words
            and k >= 2
            and tok.text[:1].isupper()
            and tok.text.lower() in PARTICLES
            and run[k - 2].lower in TITLE_WORDS
        ):
            k -= 1
            words += 1
            break
        # a particle between two name words
        if (
            words
            and k >= 2
            and tok.text in PARTICLES
            and run[k - 2].start not in in_country
            and (_is_name_token(run[k - 2], country_forms) or run[k - 2].text in PARTICLES)
        ):
            k -= 1
            continue
        break
    while k < len(run) and run[k].text in PARTICLES:  # a name does not start with "von"
        k += 1
    return k, words


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
    words = [t[2] for t in tokens]
    return _find_countries(
        text, [t[0] for t in tokens], [t[1] for t in tokens], words, country_forms, [w[:1].isupper() for w in words]
    )[0]


def _find_countries(
    text: str, starts: list[int], ends: list[int], words: list[str], country_forms: dict[str, str], upper: list[bool]
) -> tuple[list[EntityMention], set[int]]:
    """``find_countries`` on token columns given each token's "starts with a capital", and the starts of the
    tokens inside a match."""
    out = []
    in_country: set[int] = set()
    shape = _gazetteer_shape(country_forms)
    n = len(words)
    # A match's tokens are those of the form it is (a token ends where the form's text says, and no word token ends
    # in "'s": the tokenizer makes a possessive a token of its own), so only a capitalised word that is some form's
    # first token can start one, and a match has as many tokens as such a form (one more with a possessive).
    candidates = list(compress(compress(range(n), upper), map(shape.__contains__, compress(words, upper))))
    free_from = 0  # tokens before this index are inside the last match
    for i in candidates:
        if i < free_from:
            continue
        matched = None
        s = starts[i]
        chars, lengths = shape[words[i]]
        # no longer than the longest form that starts with this word (plus two characters for a possessive): ends
        # are increasing, so bisect finds the last token that can end a match
        fits = bisect_right(ends, s + chars + 2, i) - i
        for length in lengths:
            if length > fits:
                continue
            e = ends[i + length - 1]
            surface = text[s:e]
            if surface in country_forms:
                matched = (length, e, surface)
                break
            # "Japan's president": the possessive is not part of the country's name.
            if surface[-2:] in _POSSESSIVES and surface[:-2] in country_forms:
                matched = (length, e - 2, surface[:-2])
                break
        if matched:
            length, e, surface = matched
            if not _code_in_org_name(text, starts, words, i + length, surface, e):
                out.append(EntityMention("country", s, e, surface, attrs={"country": country_forms[surface]}))
                in_country.update(x for x in starts[i : i + length] if x < e)
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


def _code_in_org_name(text: str, starts: list[int], words: list[str], nxt: int, surface: str, end: int) -> bool:
    """True when an uppercase code ("RSA", "UAE", "US") is directly followed by a company word ("Security")."""
    if not surface.replace(".", "").isupper() or nxt >= len(words):
        return False
    return starts[nxt] - end == 1 and text[end] == " " and words[nxt] in _ORG_WORDS


_POSSESSIVES = ("'s", "’s")
_SHAPE_CACHE: dict[int, tuple[dict[str, str], dict[str, tuple[int, tuple[int, ...]]]]] = {}


def _gazetteer_shape(forms: dict[str, str]) -> dict[str, tuple[int, tuple[int, ...]]]:
    """For every form's first token: the length in characters of the longest form that starts with it, and the
    numbers of tokens a match starting with it can have, longest first (a form's own, and one more for a form
    written with a possessive "'s"; none above the longest form's tokens, the most a match was ever tried at).
    Keyed by whole first tokens, not string prefixes: "I", "It" and "A" begin forms ("India", "Italy",
    "Afghanistan") as strings but no form starts with them as a word. Computed once per gazetteer (forms dicts
    live as long as their KB)."""
    cached = _SHAPE_CACHE.get(id(forms))
    if cached is None or cached[0] is not forms:
        tokens = {f: _columns(f, 0, len(f))[2] for f in forms}
        max_len = max((len(t) for t in tokens.values()), default=1)
        chars: dict[str, int] = {}
        counts: dict[str, set[int]] = {}
        for f, form_words in tokens.items():
            if form_words:
                chars[form_words[0]] = max(chars.get(form_words[0], 0), len(f))
                counts.setdefault(form_words[0], set()).update(
                    c for c in (len(form_words), len(form_words) + 1) if c <= max_len
                )
        shape = {word: (chars[word], tuple(sorted(counts[word], reverse=True))) for word in chars}
        cached = (forms, shape)
        if len(_SHAPE_CACHE) >= 8:  # bounded: callers that build a new dict per call must not leak
            _SHAPE_CACHE.clear()
        _SHAPE_CACHE[id(forms)] = cached
    return cached[1]
