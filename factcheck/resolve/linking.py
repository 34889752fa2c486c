"""Linking mentions to knowledge-base records: a person's title phrase to an office, the name to people,
and the time the sentence refers to.

``link_offices(index, kb)`` gives one :class:`OfficeLink` per person mention that carries a title phrase naming a
national leader's office ("Japanese Prime Minister Yoshihide Suga", "Prime Minister of Japan Fumio Kishida",
"President Joe Biden" — country inferred from the person's own terms, then from the countries the article
names). Qualifiers written before the title ("former", "ex-", "then-", "late", "outgoing", "incoming",
"acting") and "-elect" after it are kept, and so are the years named in the same sentence.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.extract.dates import year_dates_the_sentence
from factcheck.extract.entities import ORG_HEADS
from factcheck.extract.index import MentionIndex
from factcheck.kb import KnowledgeBase
from factcheck.kb.model import Office, Person, Term
from factcheck.kb.names import name_parts, name_variant_ids, name_variant_words, normalise, same_person_name
from factcheck.kb.sorted_table import SortedTable
from factcheck.models import ArticleDate, Mention, MentionKind
from factcheck.resolve import per_kb

# The linker's vocabularies, as data (what each list is for: the file's "description").
_WORDS = json.loads(Path(__file__).with_name("office_words.json").read_text(encoding="utf-8"))
LEADER_TITLES = frozenset(_WORDS["leader_titles"])
AMBIGUOUS_TITLES: dict[str, frozenset[str]] = {t: frozenset(cs) for t, cs in _WORDS["ambiguous_titles"].items()}
QUALIFIER_WORDS: dict[str, str] = _WORDS["qualifiers"]
# Qualifiers under which a title is not checked at all.
UNCHECKED = frozenset(_WORDS["unchecked_qualifiers"])
_QUALIFIER_RX = "|".join(sorted((re.escape(w) for w in QUALIFIER_WORDS), key=len, reverse=True))
_BEFORE = re.compile(r"(?:^|[^\w-])(" + _QUALIFIER_RX + r")(?:-|\s+)(?:(?:" + _QUALIFIER_RX + r")(?:-|\s+))?$", re.I)
_LEADING = re.compile(r"^(?:(?:the|a|an|his|her|their)\s+)?(?:(" + _QUALIFIER_RX + r")(?:-|\s+))?", re.I)
_ELECT = re.compile(r"[-\s]+elect$", re.I)
_YEAR_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class RoleParse:
    """A title phrase taken apart: qualifier, bare title, the country it names and the office that means."""

    qualifier: str | None
    title: str  # normalised bare title, e.g. "prime minister"
    country_id: str | None
    office: Office | None
    offset: int = 0  # where the title starts in the phrase (words run into it before are left out)


@dataclass(frozen=True)
class OfficeLink:
    """A person mention whose title names a national office, with what the KB knows about both."""

    mention: Mention
    role: RoleParse
    office: Office | None  # None: no country named and none of the person's offices has this title
    people: tuple[Person, ...]  # KB people with this name (all, whether or not they held the office)
    holders: tuple[Person, ...]  # of those, the ones who held ``office`` at some time
    country_explicit: bool  # the title phrase itself names the country
    past_tense: bool
    sentence_periods: tuple[tuple[dt.date, dt.date], ...] = field(default=())
    # A person the KB does not know, given an office whose holder on the article's date it does know: that
    # holder's names ("Mexican President James Comey" dated 2016-09-20: ("Enrique Peña Nieto",)); see
    # ``holders_on_article_date``.
    holders_on_date: tuple[str, ...] = ()
    # the office was found among the offices of the countries the person held office in ("Secretary of State
    # Joe Biden": the US's), not in the title phrase
    country_from_person: bool = False
    # the country is named right after the name, as the title's own ("Prime Minister Ehud Olmert of Israel"), or
    # in the phrase the titled name is in apposition to ("Russia's leader, President X,"; ``_country_apposed``)
    country_after: bool = False
    # the periods in which the sentence says the titled person took office ("President X, who took office in
    # January 2009", "X banned it when he took office in 2009"); see ``took_office_periods``
    took_office: tuple[tuple[dt.date, dt.date], ...] = ()
    # the periods in which the sentence says the titled person won an election for the office ("President X won
    # the election in 2008", "President X's election in 2008"); see ``elected_periods``
    elected: tuple[tuple[dt.date, dt.date], ...] = ()
    # the apposition names the person the titled one preceded or followed in the office ("Obama's predecessor,
    # President X,": ("predecessor", Barack Obama)); see ``succession``
    succession: tuple[str, Person] | None = None
    # the sentence names a date relative to the article ("this week", "on Aug. 15") or a word of recency next to
    # the title ("recently"): its time is the article's own (``of_article_time``)
    article_time: bool = False

    @property
    def qualifier(self) -> str | None:
        return self.role.qualifier


# "a President Trump" is hypothetical; "under President Clinton" looks back to that presidency, and so do
# "the administration of President Clinton", "a former adviser to President Clinton" (the relation is over) and
# "who has represented President Clinton" (the title as the object of a present perfect: some time in the past).
_HYPOTHETICAL = re.compile(r"(?:^|\W)(?:a|an)\s+$", re.I)
_PERFECT = r"\b(?:has|have|had)\s+(?:also\s+|once\s+|previously\s+|long\s+)?[a-z]+ed\s+"
# "Mubarak has described Israeli Prime Minister X as ...": with the country named, a sitting leader's introduction
_PERFECT_OBJECT = re.compile(_PERFECT + "$")
_LOOKING_BACK = re.compile(
    r"(?:(?:^|\W)(?:under|during|since)\s+(?:the\s+)?"
    r"|\b(?:administrations?|presidency|presidencies|premiership|tenure|terms?|era|years|days|reign|rule|"
    r"government|cabinet|agenda|policies|legacy)\s+of\s+(?:the\s+)?"
    # not "from former CIA director X to Vice President Y": a range of people
    r"|(?<!from\s)\bformer\s+(?:[A-Za-z-]+\s+){1,4}(?:for|to|of|under|with)\s+"
    r"|" + _PERFECT +
    # "the assassination attempt on President Ronald Reagan": an event of that tenure
    r"|\b(?:assassination|attempt|attempts|funeral)\s+(?:of|on|against)\s+"
    # "half of what her husband's Treasury secretary has advocated": a relative's (former) cabinet
    r"|\b(?:husband|wife|father|mother|predecessor)['’]s\s+"
    # "deported more people than even President George W. Bush": a comparison with that tenure
    r"|\bthan\s+(?:even\s+|did\s+|under\s+)?"
    # "the plan dates from President Carter's term", "a rule dating back to President X": an origin in that tenure
    r"|\b(?:" + "|".join(map(re.escape, _WORDS["origin_phrases"])) + r")\s+(?:the\s+)?)$"
)
# "Another Connecticut former lawmaker, Sen. Joe Lieberman": "former" in the apposition the title restates.
_FORMER_APPOSITION = re.compile(r"\b(?:former|ex-)\s*(?:[A-Za-z.-]+\s+){0,3}?[a-z]+,\s+$", re.I)
# "under President Obama's Affordable Care Act": the law, not the time of the presidency.
_POSSESSIVE = re.compile(r"^['’]s?\b")
# "during President Nixon's term/administration": after a looking-back phrase, a possessive tenure or government
_TENURE_AFTER = re.compile(r"['’]s?\s+(?:(?:" + "|".join(map(re.escape, _WORDS["tenure_nouns"])) + r")\b)")
# "Chancellor Schmidt's government fell", "President X's term ended": the tenure said to have ended is over, so the
# title names that tenure (as "during President X's term" does), whatever the sentence's other verbs
_TENURE_ENDED = re.compile(
    _TENURE_AFTER.pattern + r"\s+(?:(?:had\s+)?(?:" + "|".join(map(re.escape, _WORDS["tenure_ended"])) + r"))\b"
)


def qualifier_before(text: str, start: int, name_end: int | None = None) -> str | None:
    """The time qualifier written just before a title ("the former", "then-", "ex-"), normalised, or
    "looking-back" ("under President X", "the administration of President X").
    ``name_end``: where the person's name ends; a possessive there ("under President X's law") is not a time."""
    before = text[max(0, start - 60) : start]
    m = _BEFORE.search(before)
    if m:
        return QUALIFIER_WORDS[m.group(1).lower()]
    if _FORMER_APPOSITION.search(before):
        return "former"
    if _HYPOTHETICAL.search(before):
        return "hypothetical"
    if name_end is not None and _TENURE_ENDED.match(text, name_end):
        return "looking-back"  # "Chancellor Schmidt's government fell": that tenure, now over
    if _LOOKING_BACK.search(before) and (
        name_end is None or not _POSSESSIVE.match(text[name_end : name_end + 3]) or _TENURE_AFTER.match(text, name_end)
    ):
        return "looking-back"  # that tenure, at some time up to the article's date (or the sentence's years)
    return None


def _office_containing(kb: KnowledgeBase, title: str, country_id: str, on: dt.date | None = None) -> Office | None:
    """A leader's office of the country whose title or alias holds the bare title as whole words (RU 'President
    Vladimir'); with ``on``, only an office that existed that day. Ministers' and speakers' offices do not count:
    Japan's "President of the House of Councillors" does not give Japan a president."""
    pattern = re.compile(r"\b" + re.escape(title) + r"\b")
    for o in kb.leader_offices_of(country_id):
        if on is not None and not o.exists_on(on):
            continue
        if any(pattern.search(normalise(t)) for t in (o.title, *o.aliases)):
            return o
    return None


def country_has_title(kb: KnowledgeBase, title: str, country_id: str, on: dt.date | None = None) -> bool:
    """True when the country has (had, on ``on``) a leader's office called ``title`` or whose title contains it."""
    if title == "premier":
        title = "prime minister" if _office_containing(kb, "prime minister", country_id, on) else title
    return _office_containing(kb, title, country_id, on) is not None


def split_role(kb: KnowledgeBase, phrase: str) -> tuple[str | None, str]:
    """(country id, bare normalised title) of a title phrase without qualifiers; country None if none named."""
    for rx in kb.TITLE_PHRASES:
        m = rx.match(phrase)
        if m:
            c = kb.country(m.group("country"))
            if c:
                return c.id, normalise(m.group("title"))
    words = phrase.split()
    for i in range(_longest_prefix(kb, words), 0, -1):
        c = kb.country(" ".join(words[:i]))
        if c:
            return c.id, normalise(" ".join(words[i:]))
    return None, normalise(phrase)


def _longest_prefix(kb: KnowledgeBase, words: list[str]) -> int:
    """How many of a title phrase's first words can name a country (at most all but the last): no more than the
    KB's longest country form has words (its normalised words: a leading 'the' is dropped, "U.S." is one word).
    Bounds split_role's tries by the gazetteer, not by the phrase (a 30-word run gave 30 tries of up to 30 words)."""
    longest = kb.longest_country_name()
    count = 0
    for i, word in enumerate(words[:-1]):
        count += len(normalise(word).split())
        if count - 1 > longest:  # words[: i + 1] normalises to more words than any country form has
            return i
    return len(words) - 1


def parse_role(kb: KnowledgeBase, role_text: str, qualifier: str | None = None) -> RoleParse:
    """Qualifier, bare title, country and office of a title phrase ("former Japanese Prime Minister"). A phrase
    that is no title as a whole but ends in one is read as that title: capitalised words run into it in headlines
    and lists ("Donald Trump Finally Endorses Secretary of State", "John Kerry and Russian President", "Neither
    Vice President", "Republican Majority Leader"); a qualifier among the words left out still counts."""
    parsed = _parse_whole_role(kb, role_text, qualifier)
    if parsed.office is not None or _is_title(kb, parsed.title):
        return parsed
    found = list(re.finditer(r"\S+", role_text))
    words = [m.group() for m in found]
    for i in range(1, len(words)):
        if not (words[i - 1][:1].isupper() or words[i - 1].lower() in _JOINING_WORDS):
            break  # "the starlet-turned first lady": a description, not a name or heading run into a title
        tail = _parse_whole_role(kb, " ".join(words[i:]), qualifier)
        if tail.office is not None or (tail.title not in LEADER_TITLES and _is_title(kb, tail.title)):
            # a leader's title with no country stays unread: "ECB President", "Harvard President" are the
            # president of what the words before name
            left_out = next((w.lower() for w in words[:i] if w.lower() in QUALIFIER_WORDS), None)
            return RoleParse(
                tail.qualifier or (QUALIFIER_WORDS[left_out] if left_out else None),
                tail.title,
                tail.country_id,
                tail.office,
                found[i].start(),
            )
    return parsed


# Lower-case words that may stand among the capitalised ones run into a title ("John Kerry and Russian President").
_JOINING_WORDS = frozenset("of the and or nor for to in on at a an".split())


def _is_title(kb: KnowledgeBase, title: str) -> bool:
    """Whether a normalised bare title is a leader's title or the title (or an alias) of some office."""
    return title in LEADER_TITLES or kb.is_office_title(title)


def _parse_whole_role(kb: KnowledgeBase, role_text: str, qualifier: str | None) -> RoleParse:
    """parse_role of the whole phrase."""
    phrase = " ".join(role_text.split())
    m = _LEADING.match(phrase)
    if m and m.group(1):
        qualifier = QUALIFIER_WORDS[m.group(1).lower()]
    phrase = phrase[m.end() :] if m else phrase
    if _ELECT.search(phrase):
        phrase = _ELECT.sub("", phrase)
        qualifier = qualifier or "incoming"
    country_id, title = split_role(kb, phrase)
    office = None
    if country_id:
        office = kb.office_by_phrase(phrase) or kb.resolve_office(title, country_id)
        if office is None and title in LEADER_TITLES:
            office = _office_containing(kb, title, country_id)
    return RoleParse(qualifier=qualifier, title=title, country_id=country_id, office=office)


def _parsed_role(kb: KnowledgeBase, role_text: str, qualifier: str | None) -> RoleParse:
    """parse_role, remembered per KB: the same few titles ("President", "Prime Minister") recur in article
    after article, and the answer depends only on the KB."""
    if len(role_text) > 120:  # no real title is this long: not kept, so odd text cannot grow the table without end
        return parse_role(kb, role_text, qualifier)
    known = per_kb.table(kb, "linking.parse_role")
    key = (role_text, qualifier)
    if key not in known:
        known[key] = parse_role(kb, role_text, qualifier)
    return known[key]


def _title_matches(office: Office, title: str) -> bool:
    """A leader's title inside the office's title or an alias ("president" in "Federal President"), not as the
    end of a deputy's ("Vice President", "Deputy Prime Minister": "President Dick Cheney" is no title he held); any
    other title only as the whole title or alias ("vice president", "sen", "foreign secretary")."""
    if title not in LEADER_TITLES:
        return any(normalise(t) == title for t in (office.title, *office.aliases))
    pattern = re.compile(r"(?<!vice )(?<!vice-)(?<!deputy )(?<!deputy-)\b" + re.escape(title) + r"\b")
    return any(pattern.search(normalise(t)) for t in (office.title, *office.aliases))


def _office_of_persons_countries(
    kb: KnowledgeBase, people: tuple[Person, ...], title: str, article_countries: set[str]
) -> Office | None:
    """ "Secretary of State Joe Biden": the one office with exactly this title or alias among the offices of the
    countries the person held office in, else of the countries the article names ("Secretary of State Angela
    Merkel" in an American article). None when there is none or several, or when one of the person's own offices,
    or an office of their countries, has the title inside a longer one ("Attorney General Kamala Harris" was
    Attorney General of California; a British "Secretary of State" is one of many Secretaries of State for X)."""
    words = set(title.split())
    offices = [kb.offices[t.office_id] for p in people for t in kb.terms_of(p.id) if t.office_id in kb.offices]
    # every word of the title in one of their offices' names: "House Speaker Tim Moore" was Speaker of the North
    # Carolina House of Representatives
    if any(words <= set(normalise(n).split()) for o in offices for n in (o.title, *o.aliases)):
        return None
    countries = {o.country_id for o in offices}
    found = [oid for cid in sorted(countries) for oid in kb.offices_titled(cid, title)]
    if not found:
        if any(kb.has_office_name_containing(cid, title) for cid in countries):
            return None
        found = [oid for cid in sorted(article_countries - countries) for oid in kb.offices_titled(cid, title)]
    return kb.offices[found[0]] if len(found) == 1 else None


# "state Sen. Darren Soto", "State Attorney General X": an office of a state of a federation, not the nation's
_SUBNATIONAL_BEFORE = re.compile(r"(?:^|\W)state\s+$", re.I)
# what may stand between an organisation's name and its officer's title: "Acme Co. President", "Acme's President"
_ORGANISATION_TO_TITLE = re.compile(r"\.?(?:['’]s)?(?:[^\S\n]{1,2}|[^\S\n]*\n[^\S\n]*)")
# the word just before a title, with what may follow it ("Co.", "Union's")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)(\.?)(?:['’]s)?(?:[^\S\n]{1,2}|[^\S\n]*\n[^\S\n]*)$")
# organisation head words written abbreviated with a full stop ("Acme Co. President"); any other word with a full
# stop ends a sentence ("... told Associated Press. Vice President X")
_ABBREVIATED_HEADS = frozenset({"co", "corp", "inc", "ltd", "plc", "llc"})


def _organisation_before(index: MentionIndex, title_start: int) -> bool:
    """Whether an organisation's name runs into the title ("Acme Co. President X", "Texas Air Corp President X",
    "Harvard University President X"): an organisation mention ends just before it, or the word before it is an
    organisation's head word (``ORG_HEADS``). The title is then that organisation's officer's, whoever the KB
    knows by the name; the KB's offices are a state's."""
    i = index.sentence_index(title_start)
    word = _WORD_BEFORE.search(index.text, max(0, title_start - 30), title_start)
    if word is not None and i is not None and index.sentence_index(word.start()) == i:  # not a headline's word
        head = word.group(1).lower()
        if head in (_ABBREVIATED_HEADS if word.group(2) else ORG_HEADS):
            return True
    return i is not None and any(
        m.span.end < title_start
        and _ORGANISATION_TO_TITLE.fullmatch(index.text, m.span.end, title_start)
        and (index.text[m.span.end] != "." or normalise(m.text).rsplit(None, 1)[-1] in _ABBREVIATED_HEADS)
        for m in index.mentions_in_sentence(MentionKind.ORGANISATION, i)
    )


_PAST_VERB = re.compile(
    r"\b(?:" + "|".join(map(re.escape, _WORDS["past_verbs"])) + r")\b"
    r"|(?<![-’'])\b(?:[a-z]{3,}|[a-z][a-z](?<!e))ed\b"
)  # "lied", not "need"; not "corn-based"
# A participle after a present or perfect auxiliary, or a modal's "have", is no simple past: "has said", "has also
# attempted", "haven't kicked off", "is expected", "must be blended", "would have attended", "is more focused" (a
# degree word before it). Not "'s": mostly a possessive ("Trump's pointed critique").
_NOT_PAST_BEFORE = re.compile(
    r"(?:\b(?:has|have|had|having|is|are|am|be|been|being)|['’](?:re|ve)|n['’]t)"
    r"(?:\s+(?:not|never|also|already|just|long|since|yet|ever|still|more|most|less|least|so|too|very|much|well"
    r"|[a-z]+ly))*\s+$"
)


def _simple_past(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has a verb in the simple past (a bare participle after an auxiliary is not one;
    nor a subjunctive "were" after a singular subject: "if it were held"; nor, where the text has a present verb,
    a participle after its plural noun: "the risks entailed in change")."""
    for m in _PAST_VERB.finditer(text, start, end):
        verb = m.group()
        subjunctive = _SUBJUNCTIVE_BEFORE.search(text, max(start, m.start() - 20), m.start())
        if subjunctive and (verb == "were") != bool(subjunctive.group("were")):
            continue  # "if it were", "if it were held"
        if (
            verb.endswith("ed")
            and _NOUN_BEFORE_PARTICIPLE.search(text, max(start, m.start() - 30), m.start())
            and _PREPOSITION_AFTER_PARTICIPLE.match(text, m.end())
            and _FINITE.search(text, start, end)
        ):
            continue  # "her argument ... is that ... the risks entailed in radical change"
        if verb in ("was", "were", "did", "had") or not _NOT_PAST_BEFORE.search(
            text, max(start, m.start() - 40), m.start()
        ):
            return True
    return False


# "the risks entailed in", "the measures announced by": a participle after its plural noun (a reduced relative
# clause), read so only where the text also has a present verb; not "The officials gathered in Paris".
_NOUN_BEFORE_PARTICIPLE = re.compile(r"\bthe\s+[a-z]+s\s+$")
_PREPOSITION_AFTER_PARTICIPLE = re.compile(r"\s+(?:in|by)\b")
# "if it were held in a mosque", "as if he were": "were" after a singular subject is the subjunctive, no past.
_SUBJUNCTIVE_BEFORE = re.compile(r"\b(?:I|he|she|it)\s+(?P<were>were\s+(?:not\s+)?)?$")
# The clause that holds a title, where the sentence has several (vocabularies: office_words.json): a clause
# opened at the sentence's start by a subordinating word ends at its first comma ("Now that X has claimed the
# founder is President Y, the nominee had some explaining to do"); clauses joined after a comma ("..., and a
# compromise stalled") or by a semicolon or a spaced dash are apart. Its own tense is the title's, when it shows
# a verb of its own; a clause with none ("President X, and later Y, signed") is read with the whole sentence.
_CLAUSE_OPENER = re.compile(
    r"[\s\"“‘'(]*(?:" + "|".join(map(re.escape, _WORDS["clause_openers"])) + r")\b[^,;]*,", re.I
)
_CLAUSE_JOIN = re.compile(r",\s+(?:" + "|".join(map(re.escape, _WORDS["clause_joiners"])) + r")\s|;|\s[-—–]\s|\s--\s")
_FINITE = re.compile(r"\b(?:" + "|".join(map(re.escape, _WORDS["finite_words"])) + r")\b")
# "Voters said they want ...", "X noted that ...": the reported clause after a past reporting verb, not "said Ann
# Lee, a former aide"
_REPORTED_CLAUSE = re.compile(
    r"\b(?:(?:" + "|".join(map(re.escape, _WORDS["reporting_verbs"])) + r")\s+(?=[a-z])"
    r"|(?:" + "|".join(map(re.escape, _WORDS["reporting_verbs_before_that"])) + r")\s+that\s)"
)


def _clause_of(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """(start, end) of the clause of the sentence text[start:end] that holds ``pos``; the whole sentence when that
    clause shows no verb of its own. A clause reported by "said" before ``pos`` ("Voters said they want ...") is
    one whatever its verb."""
    lo, hi = start, end
    opener = _CLAUSE_OPENER.match(text, start, end)
    if opener:
        if pos < opener.end():
            hi = opener.end()
        else:
            lo = opener.end()
    for m in _CLAUSE_JOIN.finditer(text, lo, hi):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    reported = [m.end() for m in _REPORTED_CLAUSE.finditer(text, lo, pos)]
    if reported:
        return reported[-1], hi
    if (lo, hi) == (start, end):
        return start, end
    if _FINITE.search(text, lo, hi) or _PAST_VERB.search(text, lo, hi):
        return lo, hi
    return start, end


def sentence_is_past(index: MentionIndex, pos: int, ref: dt.date | None = None) -> bool:
    """True when the sentence holding ``pos`` is told in the simple past ("was an adviser to President X"), in the
    clause that holds ``pos`` when it has several (``_clause_of``: "Voters said they want ..." is in the present,
    as news reports with "said" what was said lately), and names no date relative to the article ("this week",
    "on Monday", "last year": then it is about the present).
    A month or day without a year that dates the sentence ("in September", "on May 4") is relative too: news
    leaves the year out only for the present one; not "after Sept. 11" (bounds a span) nor, with the article's
    date ``ref`` known, a day the article's year had not reached."""
    i = index.sentence_index(pos)
    if i is None:
        return False
    sentence = index.doc.sentences[i]
    if not _simple_past(index.text, *_clause_of(index.text, sentence.start, sentence.end, pos)):
        return False
    if _of_article_time(index, i, pos, ref):
        return False
    dates = index.mentions_in_sentence(MentionKind.DATE, i)
    # A sentence that names no date (not even a year as a noun's modifier: "the 1994 deal") goes on in the time of
    # the one before it in its paragraph: "Last year, Time named him. He used his acceptance speech to ..."
    if dates or i == 0 or _YEAR_WORD.search(index.text, sentence.start, sentence.end):
        return True
    return not (_dated_by_previous(index, i, ref) or _under_clock_heading(index.text, sentence.start))


_YEAR_WORD = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_RECENT = re.compile(r"\b(?:" + "|".join(map(re.escape, _WORDS["recent_words"])) + r")\b", re.I)


def of_article_time(index: MentionIndex, pos: int, ref: dt.date | None = None) -> bool:
    """Whether the sentence holding ``pos`` names a date relative to the article ("this week", "on Aug. 15": a
    month or day without a year that dates it) or has a word of recency with no clause boundary before ``pos``."""
    i = index.sentence_index(pos)
    return i is not None and _of_article_time(index, i, pos, ref)


def _of_article_time(index: MentionIndex, i: int, pos: int, ref: dt.date | None) -> bool:
    """of_article_time of sentence ``i``."""
    sentence = index.doc.sentences[i]
    if _recent_with(index.text, sentence.start, sentence.end, pos):
        return True
    return any(
        m.attrs.relative or _this_years(index.text, m, ref) for m in index.mentions_in_sentence(MentionKind.DATE, i)
    )


def _recent_with(text: str, start: int, end: int, pos: int) -> bool:
    """Whether the sentence text[start:end] has a word of recency ("in two recent interviews when she claimed
    that X had ...") with no clause boundary (``_CLAUSE_JOIN``: ", and", ", who", a semicolon, a spaced dash)
    between it and ``pos``: like a date relative to the article, it puts the past in the article's own time."""
    for m in _RECENT.finditer(text, start, end):
        lo, hi = sorted((m.start(), pos))
        if not _CLAUSE_JOIN.search(text, lo, hi):
            return True
    return False


def _dated_by_previous(index: MentionIndex, i: int, ref: dt.date | None) -> bool:
    """Whether sentence ``i - 1``, in the same paragraph as sentence ``i``, names a date relative to the article."""
    before, sentence = index.doc.sentences[i - 1], index.doc.sentences[i]
    if "\n" in index.text[before.end : sentence.start]:
        return False
    return any(
        m.attrs.relative or _this_years(index.text, m, ref) for m in index.mentions_in_sentence(MentionKind.DATE, i - 1)
    )


# A live report's entry heading: a line holding only a time of day ("12:25 p.m.:", "9:05 a.m. EST"), a paragraph of
# its own.
_CLOCK_HEADING = re.compile(
    r"\n[^\S\n]*\d{1,2}[:.]\d\d[^\S\n]*(?:[ap]\.?m\.?|GMT|BST|[ECMP][SD]T)?[^\S\n]*:?[^\S\n]*\n\s*$", re.I
)


def _under_clock_heading(text: str, start: int) -> bool:
    """Whether the paragraph starting the sentence at ``start`` (or holding it: the entry runs on to its paragraph's
    end) comes right after a time-of-day heading ("12:25 p.m.:"): an entry of a live report of the article's day,
    told in the past of that day ("12:25 p.m.: President X was moved to tears during his announcement ...")."""
    para = text.rfind("\n\n", 0, start)
    return para >= 0 and bool(_CLOCK_HEADING.search(text, max(0, para - 40), para + 2))


# "in a May 4 letter": a day without a year after an indefinite article is one dated thing of the article's year
# (a letter, a meeting), as the sentence's own date would be; "the Sept. 11 attacks" names a day of any year.
_INDEFINITE_BEFORE = re.compile(r"(?:^|\W)an?\s+$", re.I)


def _this_years(text: str, m: Mention, ref: dt.date | None) -> bool:
    """A month or day written without a year that dates the sentence, or a day after "a" ("in a May 4 letter"),
    within the article's year up to its date."""
    value = m.value or ""
    if not value.startswith("--"):
        return False
    if not year_dates_the_sentence(text, m.span.start, m.span.end) and not (
        len(value) == 7 and _INDEFINITE_BEFORE.search(text, max(0, m.span.start - 4), m.span.start)
    ):
        return False
    resolved = m.attrs.resolved
    return ref is None or not resolved or resolved <= ref.isoformat()


# A reporting verb whose subject is the titled person: "Vice President X said", "X (R-Ky.) told reporters",
# "X, the convention chair, told", '"...," said Speaker X'. News reports what people say now; a speaker's title is
# the one held when speaking ("as President X once said" is history, and is not read so).
_REPORTING_WORDS = (
    "said|says|told|tells|added|adds|wrote|writes|argued|argues|warned|warns|insisted|insists|announced|announces"
    r"|issued\s+a\s+statement|issues\s+a\s+statement"
)
_REPORTING = rf"(?:{_REPORTING_WORDS})\b"
# "President X, who claimed Trump was ...": the titled person reported speaking in a relative clause.
_SPEAKS_AFTER = re.compile(
    r"(?:\s*\([^()\n]{1,40}\))?(?:,\s+(?:[RDI]-[A-Z][\w.]*|(?:the|a|an)\s[^,;:.!?\"“”\n]{1,60}),)?"
    r"(?:\s+(?:also\s+|later\s+|then\s+)?"
    + _REPORTING
    + rf"|,\s+who\s+(?:also\s+|later\s+)?(?:{_REPORTING_WORDS}|claimed|claims)\b)"
)
_SPEAKS_BEFORE = re.compile(r"(?<![Aa]s\s)(?<!once\s)\b" + _REPORTING + r"\s+$")
# "As President X said, ..." / ", just as President X said": a saying recalled. Not "His comments came as President
# X said": "as" after a verb is "while", and X is the one speaking at that time.
_AS_BEFORE = re.compile(r"(?:(?:^|[^\w\s]|\n)\s*|\bjust\s+)[Aa]s\s+$")


def speaks(text: str, title_start: int, name_end: int) -> bool:
    """Whether the titled person at text[title_start:name_end] is the subject of a reporting verb next to it."""
    if _AS_BEFORE.search(text, max(0, title_start - 12), title_start):
        return False  # "as President X said": a saying recalled
    return bool(
        _SPEAKS_AFTER.match(text, name_end) or _SPEAKS_BEFORE.search(text, max(0, title_start - 12), title_start)
    )


# "Ann Lee, a spokesman for President X, said": one who speaks for the titled person, in apposition to a name, does
# so now (a former one is "a former spokesman": the qualifier reading); not "She was a spokeswoman for President X".
_SPEAKING_FOR = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:[a-z]+\s+)?(?:"
    + "|".join(map(re.escape, _WORDS["speaking_for"]))
    + r")\s+(?:for|to)\s+(?:the\s+)?$"
)


def _past_tense(index: MentionIndex, mention: Mention, ref: dt.date | None) -> bool:
    """The sentence is told in the simple past and the titled person is not the one reported speaking in it. A
    lone titled surname ("President Bush said", no full name in the article) may be a former holder's courtesy
    title, so it keeps the past reading."""
    if not sentence_is_past(index, mention.span.start, ref):
        return False
    if mention.attrs.refers_to is None and " " not in mention.text.strip():
        return True
    title_start = mention.role.span.start if mention.role else mention.span.start
    if _SPEAKING_FOR.search(index.text, max(0, title_start - 60), title_start):
        return False  # "Dog Andres, a spokesman for House Speaker X, said": who speaks for X now
    return not speaks(index.text, mention.role.span.start if mention.role else mention.span.start, mention.span.end)


def sentence_periods(index: MentionIndex, pos: int) -> tuple[tuple[dt.date, dt.date], ...]:
    """The periods named by explicit dates and years in the sentence holding ``pos`` ("In 2020, ...")."""
    i = index.sentence_index(pos)
    if i is None:
        return ()
    out = []
    for m in index.mentions_in_sentence(MentionKind.DATE, i):
        if not year_dates_the_sentence(index.text, m.span.start, m.span.end):
            continue  # "the D-Day landings of 1944", "the 2008 crisis", "since 2010"
        period = _period_of(m)
        if period is not None:
            out.append(period)
    return tuple(sorted(set(out)))


def _period_of(m: Mention) -> tuple[dt.date, dt.date] | None:
    """The day, month or year a date mention names (its resolved value first), or None (no year, out of range)."""
    ym = _YEAR_VALUE.match(m.attrs.resolved or m.value or "")
    if not ym:
        return None
    year = int(ym.group(1))
    if not 1800 <= year <= 2100:
        return None
    if ym.group(3):
        day = dt.date(year, int(ym.group(2)), int(ym.group(3)))
        return day, day
    if ym.group(2):
        month = int(ym.group(2))
        first = dt.date(year, month, 1)
        return first, dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# "President X took office in 2009", "President X, who came to power in 2012,", "President X banned it when he
# took office in January 2009": the titled person's own taking of office, dated. Between the name and the verb
# only lower-case words (no other person), and a pronoun after a word of time; not "took office as vice president
# in 2009" (another office: no "in"/"on" right after the verb). Not "was sworn in", "was inaugurated": said of
# each term's start too ("sworn in on Jan. 20, 2013" for a second term), where the KB may keep one term.
_TOOK_OFFICE = re.compile(
    r"(?:,\s+who|(?:\s+[a-z]+){0,8}?\s+(?:when|after|before|since|as)\s+(?:he|she)|)"
    r"\s+(?:took\s+office|assumed\s+office|took\s+power|came\s+to\s+power)\s+(?:in|on)\s+(?:the\s+)?"
)


def took_office_periods(index: MentionIndex, mention: Mention) -> tuple[tuple[dt.date, dt.date], ...]:
    """The periods the sentence gives for the titled person's taking office: a date right after "took office in",
    "was sworn in on", ... said of the person (``_TOOK_OFFICE``)."""
    return _periods_after(index, mention, _TOOK_OFFICE)


def _periods_after(index: MentionIndex, mention: Mention, between: re.Pattern) -> tuple[tuple[dt.date, dt.date], ...]:
    """The periods of the dates in the sentence of ``mention`` that follow it with exactly ``between`` in between."""
    i = index.sentence_index(mention.span.start)
    if i is None:
        return ()
    out = []
    for m in index.mentions_in_sentence(MentionKind.DATE, i):
        if m.span.start > mention.span.end and between.fullmatch(index.text, mention.span.end, m.span.start):
            period = _period_of(m)
            if period is not None:
                out.append(period)
    return tuple(out)


# "President X won the election in 2008", "X won re-election in 2012", "President X's election in 2008", "X, who
# was elected in 2002", "X - elected as the first ... president in 2002 -": the titled person won an election for
# the office in that year ("elected" alone or as a leader: not "elected to the Senate in 2002"). Only what decides
# the office (election_objects, election_nouns): not "won the state", "carried Ohio", "a primary loss to President
# X", which a sitting holder who then lost the election also won ("Florida, which President X carried in 1992").
_ELECTED_AFTER = re.compile(
    r"(?:,\s+who|\s+[-—–]|,)?(?:\s+(?:was|had\s+been))?(?:\s+[a-z]+ly)?"
    r"(?:\s+won\s+(?:the\s+)?(?:" + "|".join(map(re.escape, _WORDS["election_objects"])) + r")"
    # "President X - elected as Brazil's first working-class president in 2002 -", "X, who was re-elected in 2004"
    r"|\s+(?:re-?)?elected(?:\s+(?:as\s+)?(?:[\w'’-]+\s+){0,4}?(?:"
    + "|".join(map(re.escape, sorted(_WORDS["leader_titles"], key=len, reverse=True)))
    + r"))?)\s+in\s+(?:the\s+)?"
    r"|['’]s\s+(?:" + "|".join(map(re.escape, _WORDS["election_nouns"])) + r")\s+in\s+(?:the\s+)?"
)


# "Obama's predecessor, President X,", "Meles's successor, Prime Minister X,": an apposition that names the one the
# titled person preceded or followed (not "his predecessor", nor "Obama's predecessor as senator, X").
_SUCCESSION_BEFORE = re.compile(
    r"\b(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})['’]s?\s+(?:immediate\s+|direct\s+)?"
    r"(?P<rel>predecessor|successor),\s+(?:the\s+)?$"
)


def succession(kb: KnowledgeBase, text: str, title_start: int, office: Office) -> tuple[str, Person] | None:
    """("predecessor" or "successor", the person named before it) for a title in apposition to "<Name>'s
    predecessor," (``_SUCCESSION_BEFORE``), when the name means exactly one holder of the single-seat ``office``
    (the longest run of its last words that names one: "Prime Minister Meles's successor" is Meles's)."""
    m = _SUCCESSION_BEFORE.search(text, max(0, title_start - 80), title_start)
    if m is None or not office.single_seat:
        return None
    words = m.group("name").split()
    for k in range(len(words), 0, -1):
        name = " ".join(words[-k:])
        people = people_for_name(kb, name) if k > 1 else people_with_surname(kb, name)
        held = [p for p in people if any(t.office_id == office.id for t in kb.terms_of(p.id))]
        if held:
            return (m.group("rel"), held[0]) if len(held) == 1 else None
    return None


def elected_periods(index: MentionIndex, mention: Mention) -> tuple[tuple[dt.date, dt.date], ...]:
    """The periods the sentence gives for an election the titled person won (``_ELECTED_AFTER``): a date right
    after "won the election in", "'s election in"."""
    return _periods_after(index, mention, _ELECTED_AFTER)


class NameIndex:
    """One KB's people by the words of their names: ``surname(key)`` gives the (id, name parts) of every name whose
    surname is ``key`` or a listed variant of it (for names written another way), each parts a plain
    ``tuple(NameParts)``; ``lone_word(word)`` the ids of the people a word written alone can mean (the last word
    of one of their names, or the first of a surname-first name). Both in KB order (person id, then name).

    Two SortedTables, each surname's answer made when first asked: a dict of every key (the earlier form) took
    ~0.45 s to build on the default KB's 42,000 names at the first review in each process."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._ids, self._names = kb.person_name_words()
        lasts = [name.rpartition(" ")[2] for name in self._names]
        firsts = [name.partition(" ")[0] for name in self._names]
        n = len(lasts)
        # each name under its surname, and under the labels of the variant groups the surname is in
        surname_keys, surname_rows = list(lasts), list(range(n))
        variant_words = set(lasts) & name_variant_words()
        for i in (i for i in range(n) if lasts[i] in variant_words):
            for label in name_variant_ids(lasts[i]) - {lasts[i]}:
                surname_keys.append(label)
                surname_rows.append(i)
        self._surnames = SortedTable(surname_keys, surname_rows)
        self._firsts = SortedTable(firsts, range(n))
        self._by_surname: dict[str, tuple[tuple[str, tuple[str, tuple[str, ...], str]], ...]] = {}

    def surname(self, key: str) -> tuple[tuple[str, tuple[str, tuple[str, ...], str]], ...]:
        """(id, (first, middles, last)) of every KB name filed under surname ``key``."""
        found = self._by_surname.get(key)
        if found is None:
            found = tuple(
                (self._ids[i], (words[0], tuple(words[1:-1]), words[-1]))
                for i in sorted(self._surnames.get(key))  # a label's rows come after the word's own: KB order
                for words in (self._names[i].split(" "),)
            )
            if found:  # only the KB's keys are kept, so odd text cannot grow the table
                self._by_surname[key] = found
        return found

    def lone_word(self, word: str) -> tuple[str, ...]:
        """Ids of the people whose name's last word (or first word) is ``word``, in id order."""
        lasts = (i for i in self._surnames.get(word) if self._names[i].endswith(" " + word))  # not a label's
        rows = sorted({*lasts, *self._firsts.get(word)})
        return tuple(dict.fromkeys(self._ids[i] for i in rows))


def _name_index(kb: KnowledgeBase) -> NameIndex:
    """The KB's NameIndex, built once per KB (``resolve.per_kb``)."""
    return per_kb.table(kb, "linking.name_index", lambda: NameIndex(kb))


def people_for_name(kb: KnowledgeBase, name: str) -> tuple[Person, ...]:
    """The KB people a full name can mean: those the KB knows by exactly that name (or alias), and those whose
    name agrees with it word by word once middle initials, suffixes, Arabic articles and the listed spelling
    variants are allowed for ("Joseph R. Biden" = "Joe Biden", "Dmitri Medvedev" = "Dmitry Medvedev", "Bashar
    Assad" = "Bashar al-Assad"); a name with middle names known exactly is that person only. Several people stay
    several: the caller treats the name as ambiguous ("George Bush" is two presidents; "George W. Bush" is one).

    Remembered per KB (``resolve.per_kb``): the answer depends only on the KB and the name, and the linker asks
    it for every person mention of every article (BBC 2004-05: 7,065 asks, 1,867 names), each ask a comparison
    with every KB person of that surname."""
    if len(name) > 120:  # no real name is this long: not kept, so odd text cannot grow the table without end
        return _people_for_name(kb, name)
    known = per_kb.table(kb, "linking.people_for_name")
    found = known.get(name)
    if found is None:
        found = known[name] = _people_for_name(kb, name)
    return found


def _people_for_name(kb: KnowledgeBase, name: str) -> tuple[Person, ...]:
    """people_for_name, computed."""
    exact = kb.people_named(name)
    parts = name_parts(name)
    if parts is None or (exact and parts.middles):
        return tuple(exact)
    index = _name_index(kb)
    # A name known exactly but written without middle names may still be someone else's too: "George Bush" is
    # the KB's name for the elder and a short form of "George W. Bush".
    found: list[str] = [p.id for p in exact]
    for key in name_variant_ids(parts.last):
        for pid, known in index.surname(key):
            if pid not in found and same_person_name(parts, known):
                found.append(pid)
    if not found and not parts.middles and len(parts.first) > 1:
        # a middle name written as the given name ("Tayyip Erdoğan" for Recep Tayyip Erdoğan), when it is one
        # person's only: the name is then that person's and nobody else's the KB knows
        # (the index keeps each name's parts as a plain tuple: first, middles, last)
        entries = index.surname(parts.last)
        found = list(dict.fromkeys(pid for pid, (_first, middles, _last) in entries if parts.first in middles))
        if len(found) != 1:
            return ()
    return tuple(kb.people[i] for i in found)


def people_with_surname(kb: KnowledgeBase, word: str) -> tuple[Person, ...]:
    """The KB people one name word can mean when written alone ("Obama", "Xi"): their surname, or the first word
    of a name written surname first."""
    key = normalise(word).replace(" ", "")
    return tuple(kb.people[i] for i in _name_index(kb).lone_word(key))


def article_countries(index: MentionIndex) -> set[str]:
    """The ids of the countries the article names."""
    return {m.attrs.country for m in index.mentions_of(MentionKind.COUNTRY) if m.attrs.country}


def link_offices(
    index: MentionIndex, kb: KnowledgeBase | None, article_date: ArticleDate | None = None
) -> list[OfficeLink]:
    """Every person mention in the article whose title phrase names a national leader's office (none without a KB).

    The pipeline calls this once per article and hands the links on (``Extraction.office_links``). ``article_date``
    (else the index's own ``article_date``, a rule context's): a titled surname with no full mention is linked
    through the KB only within it."""
    if kb is None:
        return []
    article_date = article_date if article_date is not None else getattr(index, "article_date", None)
    period = _article_period(article_date)
    ref = article_date.value if article_date else None
    countries = article_countries(index)
    named: dict[str, tuple[set[str | None], bool]] | None = None  # built when first needed
    links = []
    for mention in index.mentions_of(MentionKind.PERSON):
        if mention.role is None:
            continue
        # The title, country and office do not depend on the qualifier: decide first whether the title can name
        # an office at all ("spokesman", "Mr" cannot), and only then look for a qualifier before it.
        role_text, name = mention.role.text, mention.attrs.refers_to or mention.text
        if mention.attrs.refers_to is None:
            role_text, name = _title_and_name(kb, role_text, name)
        role = _parsed_role(kb, role_text, None)
        if role.office is None and (role.country_id is not None or not _is_title(kb, role.title)):
            # No office to link, whoever the name means ("Mr", "Dr": most titled mentions): a title naming a country
            # but none of its offices is skipped below, and a title that is no office's anywhere is never found
            # among a person's offices or their countries' (_infer_office, _office_of_persons_countries); decided
            # here, before the people are looked up.
            continue
        people = people_for_name(kb, name)
        if not people and _lone_surname(mention) and " " not in name.strip():
            people, _ = _surname_holder(kb, name, role, period)
            if not people:  # "Vice President Obama" where "President Obama" is linked
                if named is None:
                    named = _people_by_surname(index, kb, period)
                people = _one_person(kb, named.get(name.strip()))
            if not people:  # "Vice President Obama" alone, in 2016
                people = _sitting_leader(kb, name.strip(), role, period, countries)
                others = named.get(name.strip(), (set(), False))[0] - {p.id for p in people}
                if others:  # "her cousin Jane Obama": the article gives the surname to someone else too
                    people = ()
        if (
            mention.attrs.refers_to is not None
            and " " not in mention.text.strip()
            and people
            and not any(_held_title(kb, p, role) for p in people)
        ):
            # "President Bush" in an interview with Laura Bush: the extractor joined the surname to a relative who
            # never held the title; the holder meant is not guessed (the title may be a former one's courtesy)
            if any(
                _held_title(kb, p, role, before=period[1] if period else None)
                for p in people_with_surname(kb, mention.text.strip())
            ):
                continue
        office = role.office
        explicit = role.country_id is not None
        if office is None and (explicit or not people):
            continue
        if _not_a_state_office(index, mention, role_text, role):
            continue
        title_start = mention.role.span.start + role.offset
        if not explicit and _SUBNATIONAL_BEFORE.search(index.text, max(0, title_start - 8), title_start):
            continue
        if not explicit and _organisation_before(index, title_start):
            continue
        qualifier = qualifier_before(index.text, mention.role.span.start, mention.span.end)
        if (
            qualifier == "looking-back"
            and _PERFECT_OBJECT.search(index.text, max(0, mention.role.span.start - 60), mention.role.span.start)
            and (explicit or _names_a_day(sentence_periods(index, mention.span.start)))
        ):
            # "has described Israeli Prime Minister X": the perfect looks back only untitled; and "had chided
            # President X on Aug. 17" is an event of that day, not of some time in the past
            qualifier = None
        role = _parsed_role(kb, role_text, qualifier)
        if office is None:
            office = _infer_office(kb, people, role.title, countries)
            if office is None:
                if any(
                    _title_matches(kb.offices[t.office_id], role.title)
                    for p in people
                    for t in kb.terms_of(p.id)
                    if t.office_id in kb.offices
                ):
                    continue
                if role.title in LEADER_TITLES:
                    # "President Dick Schoof": a known person who never held any office with this title
                    links.append(
                        OfficeLink(
                            mention,
                            role,
                            None,
                            people,
                            (),
                            False,
                            _past_tense(index, mention, ref),
                            sentence_periods(index, mention.span.start),
                        )
                    )
                    continue
                office = _office_of_persons_countries(kb, people, role.title, countries)
                if office is not None:
                    # "Secretary of State Joe Biden": his country has that office, and he never held it
                    links.append(
                        OfficeLink(
                            mention,
                            role,
                            office,
                            people,
                            (),
                            False,
                            _past_tense(index, mention, ref),
                            sentence_periods(index, mention.span.start),
                            country_from_person=True,
                        )
                    )
                continue
        holders = tuple(p for p in people if any(t.office_id == office.id for t in kb.terms_of(p.id)))
        periods = sentence_periods(index, mention.span.start)
        on_date = (
            () if people or not explicit or periods else holders_on_article_date(kb, article_date, office, role, name)
        )
        links.append(
            OfficeLink(
                mention,
                role,
                office,
                people,
                holders,
                explicit,
                _past_tense(index, mention, ref),
                periods,
                on_date,
                country_after=not explicit
                and (_country_after(index, mention, office) or _country_apposed(index, mention, office)),
                took_office=took_office_periods(index, mention),
                elected=elected_periods(index, mention) if role.title in LEADER_TITLES else (),
                succession=succession(kb, index.text, mention.role.span.start, office),
                article_time=of_article_time(index, mention.span.start, ref),
            )
        )
    return _named_with_sitting_holders(index, kb, links, ref)


def _names_a_day(periods: tuple[tuple[dt.date, dt.date], ...]) -> bool:
    """Whether one of a sentence's periods is a single day ("on Aug. 17")."""
    return any(first == last for first, last in periods)


# "remarks by President X and Secretary of State Y", "endorsements from President X, nominee Ann Lee, Vice
# President Y": titled names in one list (no clause between them; at most _LIST_SPAN characters apart)
_LIST_SPAN = 300
_LIST_BETWEEN = re.compile(
    r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|nor)\s+)"
    r"(?:(?!(?:who|which|that|whose|where|when)\b)(?:(?!\s(?:and|or|nor)\s)[^,;:!?\"“”()]){1,80}"
    r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|nor)\s+))*"
)


def _named_with_sitting_holders(
    index: MentionIndex, kb: KnowledgeBase, links: list[OfficeLink], ref: dt.date | None
) -> list[OfficeLink]:
    """The links of a dated article, with the past-tense reading taken from a titled name listed beside the titled
    name of a sitting holder whose terms never overlapped the first one's ("endorsements from President George W.
    Bush and Vice President Joe Biden" in 2016): names listed together bear their titles at one time, and no time
    fits both, so the list is about the present, where the sitting holder's title fits. A lone titled surname keeps
    its reading (a former holder's courtesy title)."""
    if ref is None:
        return links
    sitting = []  # (mention, that holder's terms of the office), for holders in office on the article's date
    for link in links:
        if link.office is None or link.qualifier is not None or len(link.holders) != 1:
            continue
        terms = terms_in(kb, link.holders[0].id, link.office.id)
        if any(t.covers(ref) for t in terms):
            sitting.append((link.mention, terms))
    if not sitting:
        return links
    out = []
    for link in links:
        if (
            link.past_tense
            and link.office is not None
            and link.qualifier is None
            and len(link.holders) == 1
            and link.mention.role is not None
            and not _lone_surname(link.mention)
        ):
            terms = terms_in(kb, link.holders[0].id, link.office.id)
            for other, other_terms in sitting:
                if other is link.mention or other.role is None:
                    continue
                first, second = sorted((link.mention, other), key=lambda m: m.span.start)
                between = (first.span.end, second.role.span.start)
                if not 0 <= between[1] - between[0] <= _LIST_SPAN or index.sentence_index(
                    first.span.start
                ) != index.sentence_index(second.span.start):
                    continue
                listed = _LIST_BETWEEN.fullmatch(index.text, *between) and not (
                    _PAST_VERB.search(index.text, *between) or _FINITE.search(index.text, *between)
                )  # no clause between them
                if listed and not any(t.overlaps(u, _HANDOVER) for t in terms for u in other_terms):
                    link = replace(link, past_tense=False)
                    break
        out.append(link)
    return out


# "Its president, X", "the company's chairman X", "their leader X": an organisation's officer.
_ORG_POSSESSIVE = re.compile(
    r"(?:^|\W)(?:(?P<pronoun>(?i:its|their))|(?:the\s+)?(?!(?:country|nation|state|government|republic)['’])[a-z]+['’]s?)"
    r"\s+$"
)
# "Diageo North America president X": the country word ends a longer capitalised name, not a title's country.
_NAME_BEFORE = re.compile(r"(?:^|[^.!?:;\n\"“‘'\s])[^\S\n]+([A-Z][\w&-]*(?:\.[\w&-]+)*)[^\S\n]+$")
# "the president, the vice president, Susan Rice": a title in a list of people, not an apposition to the name.
_LIST_ITEM_BEFORE = re.compile(r"(?:^|\W)the\s+[a-z]+(?:\s+[a-z]+){0,2},\s+(?:the\s+)?$")
# "president of the Indian Merchants Chamber": an adjective after "of the" begins an organisation's name.
_OF_THE_ADJECTIVE = re.compile(r"\bof\s+the\s+[A-Z][a-z]+(?:an|ese|ish|ic|i)$")


def _not_a_state_office(index: MentionIndex, mention: Mention, role_text: str, role: RoleParse) -> bool:
    """Whether a lower-case title ("president", "vice president") is an organisation's, or an item in a list of
    people, by the words around it: the knowledge base's offices are a state's. "its president" is a country's
    when the sentence names a country before it ("Kazakhstan has been dominated by its president")."""
    text = index.text
    title_word = role.title.split()[0] if role.title else ""
    if not title_word or not re.search(rf"(?<![\w-]){re.escape(title_word)}\b", role_text):
        return False  # a capitalised title ("President", "Vice President") is a state's by news style
    start = mention.role.span.start
    lo = max(0, start - 40)  # searched in the text itself: "^" is its start, never a cut word's
    possessive = _ORG_POSSESSIVE.search(text, lo, start)
    if possessive and not (possessive.group("pronoun") and _country_before(index, start)):
        return True
    if _OF_THE_ADJECTIVE.search(role_text.strip()):
        return True
    if role.country_id is not None and _NAME_BEFORE.search(text, lo, start):
        first = text[lo:start].rstrip().rsplit(None, 1)[-1].lower()
        if first not in QUALIFIER_WORDS:
            return True
    between = text[mention.role.span.end : mention.span.start]
    return "," in between and bool(_LIST_ITEM_BEFORE.search(text, lo, start))


_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")


def _country_after(index: MentionIndex, mention: Mention, office: Office) -> bool:
    """Whether the office's country follows the name as "of <country>" ("Chancellor Gerhard Schröder of Germany")."""
    i = index.sentence_index(mention.span.start)
    return i is not None and any(
        m.attrs.country == office.country_id
        and m.span.start >= mention.span.end
        and _OF_THE.fullmatch(index.text, mention.span.end, m.span.start)
        for m in index.mentions_in_sentence(MentionKind.COUNTRY, i)
    )


# "Russia's leader, President X,": a country's possessive and a lower-case noun phrase the titled name restates
_APPOSED_TO = re.compile(r"\A['’]s?\s+(?:[a-z]+\s+){0,2}[a-z]+,\s+\Z")


def _country_apposed(index: MentionIndex, mention: Mention, office: Office) -> bool:
    """Whether the titled name restates a phrase naming the office's country just before it ("Russia's leader,
    President X," / "Weeks later, Russia's new leader, President X, annexed ..."): the country is named for the
    title as in "Russian President X"."""
    if mention.role is None:
        return False
    i = index.sentence_index(mention.span.start)
    title_start = mention.role.span.start
    return i is not None and any(
        m.attrs.country == office.country_id
        and m.span.end <= title_start
        and _APPOSED_TO.match(index.text[m.span.end : title_start]) is not None
        for m in index.mentions_in_sentence(MentionKind.COUNTRY, i)
    )


def _country_before(index: MentionIndex, pos: int) -> bool:
    """Whether the sentence holding ``pos`` names a country before it."""
    i = index.sentence_index(pos)
    return i is not None and any(m.span.end <= pos for m in index.mentions_in_sentence(MentionKind.COUNTRY, i))


def _held_title(kb: KnowledgeBase, person: Person, role: RoleParse, before: dt.date | None = None) -> bool:
    """Whether the person held some office with this title (in the country the title names, if any); with
    ``before``, a term that began by then."""
    return any(
        (o := kb.offices.get(t.office_id)) is not None
        and _is_titled(o, role.title)
        and not (role.country_id and o.country_id != role.country_id)
        and not (before and t.start and t.start > before)
        for t in kb.terms_of(person.id)
    )


def _title_and_name(kb: KnowledgeBase, role_text: str, name: str) -> tuple[str, str]:
    """A title phrase and a name whose boundary the text left unclear, split where the phrase is a title: the
    phrase's last capitalised words begin the name ("President George W" + "Bush": an initial written without a
    point; "President Luiz" + "Inacio Lula da Silva"), or the name's first words end the title ("Chancellor of
    the" + "Exchequer Gordon Brown"), keeping two words of name, and only when the name is then one the KB knows
    ("the president of the American" + "Action Network Mike Shields" is no such split). As given when the
    phrase is a title already."""

    def split_at(title: str, person: str) -> bool:
        parsed = _parsed_role(kb, title, None)
        return (parsed.office is not None or _is_title(kb, parsed.title)) and bool(people_for_name(kb, person))

    parsed = _parsed_role(kb, role_text, None)
    if parsed.office is not None or _is_title(kb, parsed.title):
        return role_text, name
    words, names = role_text.split(), name.split()
    for i in range(len(words) - 1, 0, -1):
        if not words[i][:1].isupper():
            break
        if split_at(" ".join(words[:i]), " ".join(words[i:] + names)):
            return " ".join(words[:i]), " ".join(words[i:] + names)
    for i in range(1, len(names) - 1):
        if split_at(" ".join([*words, *names[:i]]), " ".join(names[i:])):
            return " ".join([*words, *names[:i]]), " ".join(names[i:])
    return role_text, name


def _lone_surname(mention: Mention) -> bool:
    """A titled one-word name that no earlier full mention explains ("President Obama" alone)."""
    return mention.role is not None and mention.attrs.refers_to is None and " " not in mention.text.strip()


def _article_period(article_date: ArticleDate | None) -> tuple[dt.date, dt.date] | None:
    """The article's date as a period, or the range of dates it could have when both ends are known."""
    if article_date is None:
        return None
    if article_date.value is not None:
        return article_date.value, article_date.value
    r = article_date.range
    if r is not None and r.earliest is not None and r.latest is not None and r.earliest <= r.latest:
        return r.earliest, r.latest
    return None


def has_lone_surname(mentions: Iterable[Mention]) -> bool:
    """Whether some titled surname has no full mention to explain it (then the links depend on the date range)."""
    return any(m.kind is MentionKind.PERSON and _lone_surname(m) for m in mentions)


def _surname_holder(
    kb: KnowledgeBase, word: str, role: RoleParse, period: tuple[dt.date, dt.date] | None
) -> tuple[tuple[Person, ...], bool]:
    """A surname written with a title and no full name earlier ("President Obama"): the KB's one person with
    that surname who held an office with that title (in the country the title names, if it names one) within
    the article's period, and True (the person is certain). Failing anyone then, everyone with that surname who
    ever held such an office, and False: "President Obama" in an article of 2019 is checked and found wrong, and
    so is "President Bush" in 2016, which can mean either President Bush and fits neither. Nobody when the
    article has no date or date range, or when two people fit within it."""
    if period is None:
        return (), False
    first, last = period
    during, ever = [], []
    for p in people_with_surname(kb, word):
        held = [
            t
            for t in kb.terms_of(p.id)
            if (o := kb.offices.get(t.office_id)) is not None
            and not (role.country_id and o.country_id != role.country_id)
            and _is_titled(o, role.title)
        ]
        if held:
            ever.append(p)
        if any((t.start is None or t.start <= last) and (t.end is None or t.end >= first) for t in held):
            during.append(p)
    if during:
        return (tuple(during), True) if len(during) == 1 else ((), False)
    return tuple(ever), False


def _sitting_leader(
    kb: KnowledgeBase,
    word: str,
    role: RoleParse,
    period: tuple[dt.date, dt.date] | None,
    named_countries: set[str] = frozenset(),
) -> tuple[Person, ...]:
    """A titled surname that nobody of that surname held with that title ("Vice President Obama" in 2016, when
    no other mention says who Obama is): the one head of state or government, or holder of another single-seat
    office in a country the article names ("Secretary of State Biden" in 2016: the Vice President), of that
    surname in office on the article's date, when their country has one office of that title, its list of holders is
    complete that day and its holder then bears another surname. The title then contradicts the name whoever is meant: a
    Vice President Obama in 2016 is either the President with the wrong title or the Vice President (Joe Biden) with the
    wrong name. Nobody for an undated article, a title the country has no office of, or an office the KB cannot vouch
    for that day (another Obama may hold it). Two leaders of that surname in office (George W. Bush and the Cayman
    Islands' premier McKeeva Bush in 2005): the one whose country the article names, if only one."""
    if period is None or period[0] != period[1] or not role.title:
        return ()
    day = period[0]
    namesakes = people_with_surname(kb, word)
    in_office = [
        (p.id, o)
        for p in namesakes
        for t in kb.terms_of(p.id)
        if (o := kb.offices.get(t.office_id)) is not None
        and (o.single_seat or o.roles)
        and t.start is not None
        and t.covers(day)
        and not (role.country_id and o.country_id != role.country_id)
    ]
    # a head of state or government first (the First Lady Michelle Obama is no reading of "Vice President Obama");
    # another office's holder only when the article names the country ("King Kong" is no Cambodian minister)
    sitting = {(pid, o.country_id) for pid, o in in_office if o.roles} or {
        (pid, o.country_id) for pid, o in in_office if o.country_id in named_countries
    }
    if len(sitting) > 1:
        sitting = {(pid, cid) for pid, cid in sitting if cid in named_countries}
    if len({pid for pid, _ in sitting}) != 1 or len(sitting) != 1:
        return ()
    ((pid, country_id),) = sitting
    titled = kb.offices_titled(country_id, role.title)
    if len(titled) != 1 or titled[0] not in kb.offices:
        return ()
    office = kb.offices[titled[0]]
    complete_from, known_to = kb.office_window(office, day)
    if complete_from is None or not complete_from <= day <= known_to:
        return ()
    holders = [t for t in kb.holders(office.id, day) if t.start is not None]
    if not holders or {t.person_id for t in holders} & {p.id for p in namesakes}:
        return ()
    return (kb.people[pid],)


def _people_by_surname(
    index: MentionIndex, kb: KnowledgeBase, period: tuple[dt.date, dt.date] | None
) -> dict[str, tuple[set[str | None], bool]]:
    """Who each surname in the article is, as far as its other mentions say: the KB people of its full names
    (None for a name the KB does not know, or knows as several people) and of its titled surnames alone linked
    to one holder within the article's period ("President Obama" in 2016); and whether there is such a link
    (a full name alone says nothing here: the extractor links a surname to an earlier full name already)."""
    out: dict[str, tuple[set[str | None], bool]] = {}
    for m in index.mentions_of(MentionKind.PERSON):
        full = m.attrs.refers_to or m.text
        words = full.split()
        if len(words) >= 2:
            found = people_for_name(kb, full)
            ids, linked = out.get(words[-1], (set(), False))
            out[words[-1]] = ids | {found[0].id if len(found) == 1 else None}, linked
        elif _lone_surname(m):
            found, certain = _surname_holder(kb, full, _parsed_role(kb, m.role.text, None), period)
            if certain:
                ids, _ = out.get(full.strip(), (set(), False))
                out[full.strip()] = ids | {found[0].id}, True
    return out


def _one_person(kb: KnowledgeBase, found: tuple[set[str | None], bool] | None) -> tuple[Person, ...]:
    """The KB person a titled mention of the surname is linked to, when no mention of it means anyone else."""
    if not found or not found[1] or len(found[0]) != 1 or None in found[0]:
        return ()
    return (kb.people[next(iter(found[0]))],)


def _is_titled(office: Office, title: str) -> bool:
    """Whether the office is called ``title`` itself ("President", "President of France"), not merely holds the
    word ("Senior Advisor to the President", "Vice President"): a surname alone is matched on the title only."""
    return any((n := normalise(t)) == title or n.startswith(title + " of ") for t in (office.title, *office.aliases))


# Articles appear a little after the event and offices change hands mid-week: near a handover, no holder is named.
_HANDOVER = dt.timedelta(days=14)


def holders_on_article_date(
    kb: KnowledgeBase, article_date: ArticleDate | None, office: Office, role: RoleParse, name: str
) -> tuple[str, ...]:
    """For a person the KB does not know, named with an office as its present holder: the names of the office's
    holders on the article's own date (front matter, --date or dateline), when the KB knows them there. Nothing
    for a qualified title ("former", "acting"), a date near a handover or past the KB's coverage, or a name that
    shares a word with a holder's (another spelling of the holder, not another person)."""
    day = article_date.value if article_date is not None else None
    if day is None or role.qualifier is not None or article_date.is_lower_bound:
        return ()
    if len(name.split()) < 2 or not all(
        w[:1].isupper() and w.replace(".", "").replace("-", "").isalpha() for w in name.split()
    ):
        return ()  # a surname alone may be a known person written short; and only a name can be a person
    if day > kb.coverage_end_for(office.country_id):
        return ()
    around = {
        t.person_id
        for t in kb.terms_of_office(office.id)
        if (t.start is None or t.start <= day + _HANDOVER) and (t.end is None or t.end >= day - _HANDOVER)
    }
    on_day = {t.person_id for t in kb.holders(office.id, day)}
    if not on_day or around != on_day:
        return ()
    names = [kb.people[i].name for i in sorted(on_day) if i in kb.people]
    words = set(normalise(name).split())
    if any(words & set(normalise(n).split()) for n in names):
        return ()
    return tuple(names)


def _infer_office(kb: KnowledgeBase, people: tuple[Person, ...], title: str, article_countries: set) -> Office | None:
    """ "President Joe Biden": the office with this title among the person's own terms; the article's countries
    break a tie."""
    offices = {}
    for p in people:
        for t in kb.terms_of(p.id):
            o = kb.offices.get(t.office_id)
            if o and _title_matches(o, title):
                offices[o.id] = o
    if len(offices) == 1:
        return next(iter(offices.values()))
    # "President Joe Biden": the office titled exactly so, not the vice presidency that contains the word
    exact = [o for o in offices.values() if any(normalise(t) == title for t in (o.title, *o.aliases))]
    if len(exact) == 1:
        return exact[0]
    in_article = [o for o in offices.values() if o.country_id in article_countries]
    return in_article[0] if len(in_article) == 1 else None


def terms_in(kb: KnowledgeBase, person_id: str, office_id: str) -> list[Term]:
    """The person's terms in one office, oldest first."""
    return [t for t in kb.terms_of(person_id) if t.office_id == office_id]


def format_term(term: Term) -> str:
    """'2020-09-16 to 2021-10-04' ('present' for an open term; 'dates unknown' when the source gives neither end:
    a member of Congress who left before 2012)."""
    return term.dates()


def office_label(kb: KnowledgeBase, office: Office) -> str:
    """'Prime Minister of Japan'."""
    country = kb.countries.get(office.country_id)
    return f"{office.title} of {country.name}" if country else office.title
