"""All mentions in an article, with exact spans: people (with titles), offices, organisations, countries,
dates, numbers and direct quotes with their speakers."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from operator import itemgetter

from pydantic import TypeAdapter

from factcheck.extract.dates import DateMention, find_dates
from factcheck.extract.entities import (
    EntityMention,
    TextTokens,
    find_entities,
    is_title_case,
    is_word_char,
    surname_of,
    title_case_headline_entities,
)
from factcheck.extract.gender import name_gender, title_gender
from factcheck.extract.numbers import NumberStarts, find_numbers
from factcheck.extract.pronouns import PronounResolver
from factcheck.extract.quotes import find_quotes, straight_marks
from factcheck.models import NO_ATTRS, Mention, MentionAttrs, MentionKind
from factcheck.text.casefold import Folded
from factcheck.text.segment import Document


def sentence_dates(
    doc: Document, folded: Folded | None = None, numbers: NumberStarts | None = None
) -> list[list[DateMention]]:
    """The dates of each sentence, in sentence order: found once per article, read by the mention finder and the
    article-date resolution. ``numbers``: ``NumberStarts.of(folded)``, when the caller has it: a sentence where no
    number can start holds no digit, and is not scanned for one (most sentences)."""
    text = doc.text  # a property: read once, not once per sentence
    folded = folded if folded is not None else Folded.of(text)
    if numbers is None:
        return [find_dates(text, s.start, s.end, folded=folded) for s in doc.sentences]
    may_hold = numbers.may_start_in
    return [find_dates(text, s.start, s.end, folded=folded, digits=may_hold(s.start, s.end)) for s in doc.sentences]


# Mentions are made by the hundred per article: each is first written as a plain dict (its span, role, speaker and
# attrs nested dicts too) and a whole list of them is validated in one call, which builds every nested model inside
# that call, cheaper than one model init per Mention, Span and MentionAttrs.
_MENTION_LIST = TypeAdapter(list[Mention])


def _validated(found: list[dict]) -> list[Mention]:
    return _MENTION_LIST.validate_python(found)


def _span(s: int, e: int) -> dict[str, int]:
    return {"start": s, "end": e}


class _SharedAttrs:
    """One article's mention attributes, each distinct set validated once and the same (frozen) ``MentionAttrs``
    given to every mention with it: an article names the same country, or dates with the same weekday, many times,
    and each attributes model validated inside a mention costs about as much as the rest of the mention."""

    def __init__(self) -> None:
        self._made: dict[tuple, MentionAttrs] = {}

    def __call__(self, attrs: dict) -> MentionAttrs:
        key = tuple(attrs.items())
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = _validate_attrs(attrs)
        return made


_validate_attrs = MentionAttrs.__pydantic_validator__.validate_python


def find_mentions(
    doc: Document,
    country_forms: dict[str, str],
    known_person: Callable[[str], bool] | None = None,
    *,
    dates: list[list[DateMention]] | None = None,
    folded: Folded | None = None,
    office_title: Callable[[str], bool] | None = None,
    numbers: NumberStarts | None = None,
) -> list[Mention]:
    """Every mention in the article's headline and body, in text order.

    ``known_person``: whether the knowledge base knows someone of a name; an untitled person in a title-case
    headline is kept only when the body names them too or this says so. ``dates``: the dates of each sentence
    (``sentence_dates``), when the caller found them already; ``folded``: ``Folded.of(doc.text)``. ``office_title``:
    whether a phrase is an office's title in the knowledge base (widens title phrases, see ``find_entities``)."""
    text = doc.text
    folded = folded if folded is not None else Folded.of(text)
    starts = numbers if numbers is not None else NumberStarts.of(folded)
    if dates is None:
        dates = sentence_dates(doc, folded, starts)
    tokens = TextTokens.of(text)
    shared = _SharedAttrs()
    found: list[dict] = []  # dates, numbers and entities in text order, validated together below
    headline = doc.headline
    title_case = headline is not None and is_title_case(text[headline.start : headline.end])
    headline_entities: list[EntityMention] = []
    for sentence, in_sentence in zip(doc.sentences, dates):
        s, e = sentence.start, sentence.end
        in_title_case = title_case and s < headline.end
        for d in in_sentence:
            attrs = (
                shared({"relative": True if d.relative else None, "weekday": d.weekday})
                if d.relative or d.weekday is not None
                else NO_ATTRS
            )
            found.append(
                {
                    "kind": MentionKind.DATE,
                    "text": d.text,
                    "span": _span(d.start, d.end),
                    "value": d.value,
                    "attrs": attrs,
                }
            )
        # most sentences hold no number: no scan (nor its excluded spans) for them
        numbers = (
            find_numbers(text, s, e, exclude=[(d.start, d.end) for d in in_sentence], starts=starts)
            if starts.may_start_in(s, e)
            else ()
        )
        for n in numbers:
            attrs = shared({"count": n.count, "noun": n.noun or ""}) if n.count is not None else NO_ATTRS
            value = None if n.value is None else (str(int(n.value)) if n.value == int(n.value) else repr(n.value))
            found.append(
                {
                    "kind": MentionKind.NUMBER,
                    "text": n.text,
                    "span": _span(n.start, n.end),
                    "value": value,
                    "attrs": attrs,
                }
            )
        for ent in find_entities(text, s, e, country_forms, office_title=office_title, tokens=tokens):
            if in_title_case:
                headline_entities.append(ent)
                continue
            found.append(_entity_mention(text, ent, shared))
    mentions = _validated(found)
    if headline_entities:  # "Trump Must Decide": in a title-case headline, capitals say little about names
        body_people = [m.text for m in mentions if m.kind is MentionKind.PERSON]
        kept = title_case_headline_entities(
            text, headline.start, headline.end, headline_entities, body_people, known_person
        )
        mentions.extend(_validated([_entity_mention(text, ent, shared) for ent in kept]))
    mentions.extend(_surname_mentions(text, doc, mentions, shared))
    mentions = _with_short_names_linked(mentions)
    people = _People(mentions)
    sentence_spans = [(x.start, x.end) for x in doc.sentences]
    sentence_starts = [x for x, _ in sentence_spans]
    quotes = []
    read = straight_marks(doc.flowing)
    for paragraph in doc.paragraphs:
        lo = bisect.bisect_left(sentence_starts, paragraph.start)
        hi = bisect.bisect_left(sentence_starts, paragraph.end)
        quotes.extend(
            find_quotes(doc.flowing, paragraph.start, paragraph.end, sentences=sentence_spans[lo:hi], read=read)
        )
    pronouns = None
    if any(q.pronoun for q in quotes):
        person_mentions = [m for m in mentions if m.kind is MentionKind.PERSON]
        speakers = [q.speaker for q in quotes if q.speaker is not None and not q.pronoun]
        pronouns = PronounResolver(text, person_mentions, sentence_spans, [(q.start, q.end) for q in quotes], speakers)
    found = []
    for q in quotes:
        speaker = None
        attrs = NO_ATTRS
        if q.speaker:
            ss, se = q.speaker[0], q.speaker[1]
            speaker = {"text": text[ss:se], "span": _span(ss, se)}
            if q.pronoun and pronouns is not None:
                attrs = shared({"speaker_via": q.via, "speaker_name": pronouns.referent(ss, speaker["text"]) or None})
            else:
                person = people.inside(ss, se)
                attrs = shared(
                    {"speaker_via": q.via, "speaker_name": (person.attrs.refers_to or person.text) if person else None}
                )
        found.append(
            {
                "kind": MentionKind.QUOTE,
                "text": text[q.start : q.end],
                "span": _span(q.start, q.end),
                "speaker": speaker,
                "attrs": attrs,
            }
        )
    mentions.extend(_validated(found))
    # MentionKind is a str enum: its members order as their values, without the Enum's (Python-level) .value
    mentions.sort(key=lambda m: ((span := m.span).start, -span.end, m.kind))
    return mentions


_KIND = {kind.value: kind for kind in MentionKind}  # a dict look-up, not the Enum's own (slower) call
_FIRST = itemgetter(0)


def _entity_mention(text: str, ent: EntityMention, shared: _SharedAttrs) -> dict:
    """An entity as a mention's dict (see ``_validated``); ``shared``: the article's attributes."""
    role = {"text": text[ent.role[0] : ent.role[1]], "span": _span(ent.role[0], ent.role[1])} if ent.role else None
    return {
        "kind": _KIND[ent.kind],
        "text": ent.text,
        "span": _span(ent.start, ent.end),
        "role": role,
        "attrs": shared(ent.attrs) if ent.attrs else NO_ATTRS,
    }


def _surname_mentions(
    text: str, doc: Document, mentions: list[Mention], shared: _SharedAttrs | None = None
) -> list[Mention]:
    """Later references by surname alone ("Kato said") to a person named in full earlier. ``shared``: the article's
    attributes (``_SharedAttrs``), when the caller has them."""
    shared = shared if shared is not None else _SharedAttrs()
    # One pass over the mentions, each field read once (a model's field is a slower look-up than a plain
    # attribute): the people named in full (where each ends, and the name), and the spans of person, organisation
    # and country mentions.
    people: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in mentions:
        kind = m.kind
        if kind is MentionKind.PERSON or kind is MentionKind.ORGANISATION or kind is MentionKind.COUNTRY:
            span = m.span
            taken.append((span.start, span.end))
            if kind is MentionKind.PERSON and " " in (name := m.text):
                people.append((span.end, name))
    if not people:
        return []
    by_surname: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    # every full name with that surname, by where it ends: "Clinton" means the Clinton named last before it
    named: dict[str, list[tuple[int, str]]] = {}
    for end, name in sorted(people, key=_FIRST):
        surname = surname_of(name)  # "Ban Ki-moon" is later "Ban"
        if surname[:1].isupper() and len(surname) > 2:
            by_surname.setdefault(surname, name)
            first_seen.setdefault(surname, end)
            named.setdefault(surname, []).append((end, name))
    if not by_surname:
        return []
    # The spans sorted by start, with the running maximum of their ends: an offset is inside one of them when the
    # furthest end among spans starting at or before it lies after it.
    taken.sort()
    taken_starts = [ts for ts, _ in taken]
    reach = list(itertools.accumulate((te for _, te in taken), max))

    def inside_taken(pos: int) -> bool:
        i = bisect.bisect_right(taken_starts, pos) - 1
        return i >= 0 and reach[i] > pos

    # Every place a surname is written (str.find: no pattern to compile, a C-speed scan per surname), in text
    # order, longest surname first at the same place: the order a left-to-right scan trying the longest first
    # would meet them. A place counts when it starts a word, ends one inside its sentence (not followed by a
    # word character, apostrophe or hyphen) and does not start inside the previous match.
    found = []
    for surname in by_surname:
        if not is_word_char(surname[-1]):
            continue
        at = text.find(surname)
        while at != -1:
            found.append((at, -len(surname), surname))
            at = text.find(surname, at + 1)
    found.sort()
    sentences = doc.sentences
    sentence_starts = [x.start for x in sentences]
    out = []
    pos = 0  # the end of the last match: a surname starting before it is part of that match
    for s, minus_length, match in found:
        e = s - minus_length
        if s < pos or (s > 0 and is_word_char(text[s - 1])):
            continue
        k = bisect.bisect_right(sentence_starts, s) - 1
        if k < 0 or e > sentences[k].end:
            continue  # in no sentence, or running past its end
        if e < sentences[k].end and (is_word_char(text[e]) or text[e] in "’'-"):
            continue
        pos = e
        if s < first_seen[match] or inside_taken(s):
            continue
        full = named[match]
        referent = full[bisect.bisect_right(full, (s, "\uffff")) - 1][1] if len(full) > 1 else by_surname[match]
        out.append(
            {"kind": MentionKind.PERSON, "text": match, "span": _span(s, e), "attrs": shared({"refers_to": referent})}
        )
    return _validated(out)


# Titles given with a first name ("Prince Harry", "Queen Elizabeth"): the word after them is no surname, and a
# full name that starts with it ("Harry Kane") is someone else.
_GIVEN_NAME_TITLES = frozenset("king queen prince princess emperor empress pope sultan emir sheikh".split())
_NOT_A_TITLE = frozenset("mr mrs ms miss dr prof sir dame lord lady the a an".split())


def _with_short_names_linked(mentions: list[Mention]) -> list[Mention]:
    """Within-article coreference: a person written with one word and a title or honorific ("President Obama",
    "Mrs May", "Mr. Putin", "President Xi") refers to the earlier full mention whose surname it is (or, for a
    name written surname first, whose first word it is); it gets ``refers_to`` with that full name. When several
    earlier people share the word, the title's gender ("Mrs") and then the same title pick one; otherwise the
    mention is left unlinked (an unlinked mention is better than a wrong one)."""
    # the people by start, ties in list order (each model field read once: see _surname_mentions)
    people = sorted((m.span.start, i) for i, m in enumerate(mentions) if m.kind is MentionKind.PERSON)
    by_last: dict[str, list[Mention]] = {}
    by_first: dict[str, list[Mention]] = {}
    out = list(mentions)
    for _, i in people:
        m = mentions[i]
        text, attrs = m.text, m.attrs
        words = text.split()
        if len(words) >= 2:
            if attrs.refers_to is None:
                by_last.setdefault(words[-1], []).append(m)
                by_first.setdefault(words[0], []).append(m)
            continue
        role = m.role
        if role is None or attrs.refers_to is not None:
            continue
        role_words = role.text.lower().replace(".", "").split()
        found = by_last.get(text) or ([] if _GIVEN_NAME_TITLES & set(role_words) else by_first.get(text, []))
        chosen = _pick_referent(m, found)
        if chosen is not None:
            out[i] = m.model_copy(update={"attrs": attrs.model_copy(update={"refers_to": chosen})})
    return out


def _pick_referent(mention: Mention, found: list[Mention]) -> str | None:
    """The one full name among the earlier mentions ``found`` that a short mention can mean, or None."""
    names = list(dict.fromkeys(m.text for m in found))
    if len(names) <= 1:
        return names[0] if names else None
    gender = title_gender(mention.role.text if mention.role else None)
    if gender is not None:
        names = [n for n in names if name_gender(n) == gender]
        if len(names) == 1:
            return names[0]
    title = _bare_title(mention)
    if title:
        same = list(dict.fromkeys(m.text for m in found if m.text in names and _bare_title(m) == title))
        if len(same) == 1:
            return same[0]
    return None


def _bare_title(mention: Mention) -> str:
    """The title words of a mention's role, without honorifics and articles ("President" of "U.S. President")."""
    if mention.role is None:
        return ""
    words = [w for w in mention.role.text.lower().replace(".", "").split() if w not in _NOT_A_TITLE]
    return words[-1] if words else ""


class _People:
    """The person mentions found so far, indexed for "the first one inside" a speaker phrase.

    ``inside`` answers as a scan of the mention list in order would (ties go to the earlier mention).
    """

    def __init__(self, mentions: list[Mention]) -> None:
        # (start, list index, mention), sorted: by start, ties in list order (each model field read once)
        people = sorted((m.span.start, i, m) for i, m in enumerate(mentions) if m.kind is MentionKind.PERSON)
        self._by_start = [(m, i) for _, i, m in people]
        self._starts = [start for start, _, _ in people]

    def inside(self, start: int, end: int) -> Mention | None:
        """The earliest-listed person mention that text[start:end] covers."""
        best = None
        i = bisect.bisect_left(self._starts, start)
        while i < len(self._starts) and self._starts[i] < end:
            m, index = self._by_start[i]
            if m.span.end <= end and (best is None or index < best[1]):
                best = (m, index)
            i += 1
        return best[0] if best else None
