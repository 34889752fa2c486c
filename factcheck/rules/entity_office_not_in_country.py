"""entity.office-not-in-country (EN01)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from factcheck.kb.names import normalise
from factcheck.models import Evidence, MentionKind, Severity
from factcheck.resolve.linking import AMBIGUOUS_TITLES, LEADER_TITLES, country_has_title, office_label
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.text_helpers import word_trie

_WORDS = json.loads(Path(__file__).with_name("entity_office_not_in_country_words.json").read_text(encoding="utf-8"))
# Monarchs' titles are ordinary words in lowercase ("the king of comedy"): only capitalised ones count.
_CAPITAL_ONLY = frozenset(_WORDS["capital_only_titles"])
# "former", "then-", "late", "ex-" before the title
_QUALIFIER = rf"(?:(?:{word_trie(_WORDS['title_qualifiers'])})\s*)?"
# Chancellor is also a finance minister (UK) or a university head: too ambiguous for "country has no ...".
_EN01_TITLES = sorted(LEADER_TITLES - set(AMBIGUOUS_TITLES) - {"monarch"}, key=len, reverse=True)
_TITLE = r"(?P<title>" + "|".join(t.replace(" ", r"\s+") for t in _EN01_TITLES) + r")"
# "Japanese President", "Japan's president", "Japan President"
_AFTER_COUNTRY = re.compile(r"(?:['’]s)?\s+" + _QUALIFIER + _TITLE + r"s?\b(?![-’']?\s*(?:elect|of\b))", re.I)
# "the presidents of Japan, Kazakhstan and ...", "prime minister of the United Kingdom"
_BEFORE_COUNTRY = re.compile(r"\b" + _TITLE + r"s?\s+of\s+(?:the\s+)?$", re.I)
_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?)$")
# "played the Emperor of Morocco in a pantomime", "cast as the Japanese president": a part, not an office.
_PERFORMED = re.compile(rf"\b(?:{word_trie(_WORDS['performed_before'])})\s+(?:the\s+|an?\s+)?{_QUALIFIER}$", re.I)
# After a country in a list: the end of the list, or the next item; not "Japan's" / "Japan Airlines".
_LIST_ITEM_END = re.compile(r"^(?:['’]s\b|\s+[A-Z]|-)")
# A lower-case noun after a country adjective: "the Japanese union", "the Korean company".
_ADJECTIVE_BEFORE_NOUN = re.compile(r"\s+(?!and\b|or\b)[a-z]")


def _before_country(text: str, start: int) -> re.Match | None:
    """_BEFORE_COUNTRY in the 40 characters before a country. The pattern ends with "of" or "of the" and white
    space: a window that does not (most countries) is not searched, which would try the titles at every position."""
    window = text[max(0, start - 40) : start]
    head = window.rstrip()
    if len(head) == len(window) or head[-2:].lower() not in ("of", "he"):
        return None
    return _BEFORE_COUNTRY.search(text, max(0, start - 40), start)


def _performed(text: str, start: int) -> bool:
    """True when the title phrase starting at ``start`` is a part someone plays."""
    return _PERFORMED.search(text, max(0, start - 40), start) is not None


def _office_title_has(office, title: str) -> bool:
    pattern = re.compile(r"\b" + re.escape(title) + r"\b")
    return any(pattern.search(normalise(t)) for t in (office.title, *office.aliases))


def _title_key(raw: str) -> str:
    return " ".join(raw.lower().split())


class OfficeNotInCountry(Rule):
    """An office the country does not have: "the presidents of Japan, Kazakhstan, ...", "Japanese President".

    What it flags:
        A leader's title (president, prime minister, premier, king, queen, emperor, emir, sultan) tied to a
        country whose offices in the knowledge base have no such title: "Japanese President", "Japan's
        president", "the president of Japan". In a coordinated list ("the presidents of Japan, Kazakhstan and
        Uzbekistan") only the country that does not fit is flagged. The offices are those the country had on the
        article's date ("Turkish Prime Minister" is right in 2015 and flagged in 2020: the office ended on
        2018-07-09; undated, an office it ever had counts), and only a state's leader offices count (a speaker's or
        minister's title gives no country a president). The knowledge base lists every country's offices, the
        ones abolished since included, only from 1995: on an earlier date, or in an undated article whose date
        range does not start after that, the flag is an info (an office abolished before then, such as Iran's
        prime minister until 1989, is not in it). Countries whose head-of-state or head-of-government
        office is missing from the knowledge base are not checked, nor are parts in a play or film ("played the
        Emperor of Morocco"), a country inside an organisation's name, or a country adjective before a noun ("the
        president of the Japanese union").

    Why it matters:
        Japan has an Emperor and a Prime Minister; a "president of Japan" is either a wrong title or a wrong
        country, and the sentence may name the wrong leader altogether.

    Example:
        "Bringing together the presidents of Japan, Kazakhstan, Kyrgyzstan" → flag on "Japan" with the
        suggestion "Prime Minister" (Japan's offices: Emperor, head of state; Prime Minister, head of
        government).

    Configuration:
        Desk KB files (``[kb] layers`` in factcheck.toml, or ``--kb``) can add offices or aliases to a country.
        "Chancellor" is not checked (finance ministers and university heads carry it too). The monarchs' titles counted
        only when capitalised, the qualifiers before a title and the words before a part someone plays are data:
        ``factcheck/rules/entity_office_not_in_country_words.json``.
    """

    code = "EN01"
    name = "entity.office-not-in-country"
    severity = Severity.WARNING
    needs_kb = True

    def check(self, ctx: CheckContext):
        text = ctx.text
        countries = sorted(ctx.mentions_of(MentionKind.COUNTRY), key=lambda m: m.span.start)
        pairs: dict[int, tuple] = {}
        for i, m in enumerate(countries):
            after = _AFTER_COUNTRY.match(text, m.span.end)
            if after and self._is_title(after.group("title")) and not _performed(text, m.span.start):
                pairs.setdefault(m.span.start, (m, _title_key(after.group("title"))))
            before = _before_country(text, m.span.start)
            if before and self._is_title(before.group("title")) and not _performed(text, before.start()):
                title = _title_key(before.group("title"))
                chain = [m]
                for nxt in itertools.islice(countries, i + 1, None):  # no copy of the rest per country
                    if not _LIST_GAP.match(text[chain[-1].span.end : nxt.span.start]):
                        break
                    chain.append(nxt)
                for item in chain:
                    if _LIST_ITEM_END.match(text[item.span.end : item.span.end + 2]):
                        continue
                    if _ADJECTIVE_BEFORE_NOUN.match(text, item.span.end) and self._is_adjective(ctx, item):
                        continue  # "the president of the Japanese union": the union's office, not the state's
                    pairs.setdefault(item.span.start, (item, title))
        orgs = [(o.span.start, o.span.end) for o in ctx.mentions_of(MentionKind.ORGANISATION)]
        for _, (m, title) in sorted(pairs.items()):
            if any(s <= m.span.start and m.span.end <= e and (s, e) != (m.span.start, m.span.end) for s, e in orgs):
                continue  # "Japan Football Association": the country is part of an organisation's name
            flag = self._flag_pair(ctx, m, title)
            if flag is not None:
                yield flag

    @staticmethod
    def _is_adjective(ctx: CheckContext, mention) -> bool:
        country = ctx.kb.countries.get(mention.attrs.country or "")
        return (
            country is not None
            and mention.text in (*country.adjectives, *country.demonyms)
            and mention.text not in (country.name, *country.aliases)
        )

    @staticmethod
    def _is_title(raw: str) -> bool:
        return _title_key(raw) not in _CAPITAL_ONLY or raw[:1].isupper()

    def _flag_pair(self, ctx: CheckContext, mention, title: str):
        kb = ctx.kb
        cid = mention.attrs.country
        country = kb.countries.get(cid) if cid else None
        if country is None:
            return None
        ref = ctx.article_date.value
        # Before the day the KB lists every country's offices from, a missing office may be one abolished earlier
        # (Iran's prime minister until 1989): only an info can be said. So too for an undated article that may be
        # that old (its date range, if any, does not start after that day).
        bounds = ctx.article_date.range
        earliest = ref or (bounds.earliest if bounds else None)
        listed = earliest is not None and earliest >= kb.OFFICES_LISTED_FROM
        offices = [o for o in kb.leader_offices_of(cid) if ref is None or o.exists_on(ref)]
        roles = {r for o in offices for r in o.roles}
        if not {"head_of_state", "head_of_government"} <= roles:
            return None  # the KB does not know this country's offices well enough to say what it lacks
        if len(offices) == 1 and normalise(offices[0].title) != "president":
            return None  # one office holding both roles, not a presidency: likely a gap in the KB
        if country_has_title(kb, title, cid, ref):
            return None  # undated: an office the country had at any time counts
        gone = [
            o
            for o in kb.leader_offices_of(cid)
            if ref and not o.exists_on(ref) and o.abolished and _office_title_has(o, title)
        ]
        hog = next((o for o in offices if "head_of_government" in o.roles), None)
        hos = next((o for o in offices if "head_of_state" in o.roles), None)
        monarchic = title in _CAPITAL_ONLY
        suggest = (hos if monarchic else hog) or hos
        listing = "; ".join(f"{o.title} ({', '.join(r.replace('_', ' ') for r in o.roles)})" for o in offices)
        since = f" on {ref} (its {gone[0].title} office ended on {gone[0].abolished})" if gone else ""
        if listed:
            message = f"{country.name} has no {title}{since}: its offices are {listing}."
            message += " Check the title or the country."
        else:
            when = f"on {ref}" if ref else "at the article's date, which is unknown"
            message = (
                f"The knowledge base knows no {title} of {country.name} (its offices: {listing}), but it lists offices "
                f"only from {kb.OFFICES_LISTED_FROM}, so it cannot say whether {country.name} had one {when}. "
                "Check the title or the country."
            )
        return self.flag(
            ctx,
            mention.span.start,
            mention.span.end,
            message,
            severity=None if listed else Severity.INFO,
            suggestion=suggest.title if suggest else None,
            evidence=[
                Evidence(source=country.source, record=cid, detail=f"{country.name}: {listing}; layer {country.layer}")
            ]
            + [
                Evidence(source=o.source, record=o.id, detail=f"{office_label(kb, o)}; layer {o.layer}")
                for o in offices
            ],
        )
