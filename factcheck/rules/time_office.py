"""time.office-anachronism (TM01)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from factcheck.models import Severity
from factcheck.resolve.linking import UNCHECKED, OfficeLink, format_term, office_label, terms_in
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.office_helpers import GRACE, holder_names, link_span, overlaps, term_evidence
from factcheck.rules.text_helpers import inside, quote_spans

# Members of a legislature keep their title as a courtesy for a while after they leave ("Rep. Michele Bachmann"
# months after her last term): offices with many seats get a year's tolerance.
SEAT_GRACE = dt.timedelta(days=365)
# A bare title ("President Abraham Lincoln", "since President Ronald Reagan") for a tenure that ended this long
# before the time referred to is a historical reference, not a claim that the person holds it then.
HISTORICAL = dt.timedelta(days=25 * 365)
# The winner of an election holds the office this long after the end of its year at least (the US president elected
# in November takes office on January 20): "President X won the election in 2008" for one whose term ended on
# 2009-01-20 is not the winner of 2008.
ELECTED_AFTER = dt.timedelta(days=90)
# With no firm date, these mentions join the one date-unknown notice: none, or "under/during President X" (whose
# only time is then a year in the sentence, often another clause's: "postponed in 1968 ... the assassination
# attempt on President Ronald Reagan").
_FOLDED = (None, "looking-back")
# A reading that decides nothing: the usual checks go on.
_UNDECIDED = object()


@dataclass(frozen=True)
class _Unchecked:
    """A titled mention of a past holder that only the article's date could check."""

    span: tuple[int, int]
    name: str
    office: str
    tenure: str
    evidence: tuple
    note: str = ""

    @classmethod
    def of(cls, ctx: CheckContext, link: OfficeLink, person, note: str = "") -> _Unchecked:
        terms = terms_in(ctx.kb, person.id, link.office.id)
        if not note and link.sentence_periods:
            note = f"; the sentence names {_when(*link.sentence_periods[0])}"
        return cls(
            link_span(link),
            person.name,
            office_label(ctx.kb, link.office),
            ", ".join(format_term(t) for t in terms),
            tuple(term_evidence(ctx.kb, person, terms)),
            note,
        )


def _when(first: dt.date, last: dt.date) -> str:
    """'2016-05-10', '2015' (a whole year) or '2016-05-01 to 2016-05-31'."""
    if first == last:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"{first.year}"
    return f"{first} to {last}"


class OfficeAnachronism(Rule):
    """A person named with an office they did not hold at the time the sentence refers to.

    What it flags: A person whose title names a national office ("Japanese Prime Minister Yoshihide Suga", "President
    Joe Biden") when the knowledge base's terms of office show they did not hold it at that time. The time is the
    article's date, or a year or date named in the same sentence ("In 2020, ..."). With a date it is an error and the
    holder at that date is the suggestion. With no date (or only the latest date the text names, which the article may
    be later than) the mentions of past holders cannot be checked: ONE info for the article, at the first of them, lists
    each (name, office, tenure) and says how to give the date; per-mention flags would fire on every undated story of
    another era that names the holders of its day. A year named in the sentence that the tenure misses joins that notice
    too when the article's date is unknown ("won the state in 2008" may use the title held when the article was
    written). A date the text names still tells against a tenure that ended before it. "former", "ex-", "late" (also "a
    former lawmaker, Sen. X") pass when the person held the office before the article's date; "then-" is checked against
    the sentence's own years; "incoming" and "-elect" pass unless the person's term had already ended;
    "acting"/"interim" and "a President X" are not checked; "under"/"during President X", "the administration of
    President X", "the assassination attempt on President X", "a former adviser to President X", "the plan dates from
    President X's term", "Chancellor X's government fell" (a tenure said to have ended) and "has represented
    President X" (not "has described Israeli Prime Minister X": the country named) refer to that tenure at some time up
    to the article's date (flagged only when it had not begun). A past holder in a sentence told in the simple past
    ("she was an adviser to President Bill Clinton") is read as a reference to that tenure and not flagged, unless the
    title names the country ("Russian President X", "Chancellor X of Germany"), the sentence names a date relative to
    the article ("this week", "recently", "for the second term in a row", or a month or day without a year: "in June",
    "in a May 4 letter"), or names no date (nor year) and follows, in its paragraph, a sentence that names one ("Last
    year, ... . He used his speech to ..."), or the titled person is the one reported speaking ("Vice President X said",
    '"...," said Speaker X', "came as President X said", "President X, who claimed ...", "X announced that"; not "As
    President X said, ...", nor a lone titled surname, which may be a former holder's courtesy title), or the titled
    name is listed with a sitting holder's whose terms never overlapped its own ("endorsements from President X and Vice
    President Y"); a participle after "has", "is" or a modal's "have" is not the simple past ("has also attempted", "is
    expected"), nor is "if it were", nor, in a sentence with a present verb, a participle after its plural noun ("is
    that ... the risks entailed in change"). Where the sentence has several clauses with verbs of their own, the clause
    holding the title decides: "Voters said they want ...", "X noted that ...", "Now that X has claimed ..., the nominee
    had", "X has indicated ..., and a bill stalled", ", who told ..." ("Russia's leader, President X," names the country
    too). "had chided President X on Aug. 17" is that day's event. A year the past-tense sentence names after the
    article's date does not excuse the title ("took office in January 2009" in an article of 2006). A tenure that ended
    over 25 years before that time is history, not flagged ("a photograph of Israeli Prime Minister Menachem Begin" in
    2016). Inside a direct quote, a title the person held before is the speaker's (the courtesy title a former holder
    keeps, "President Clinton continues to follow", or the speaker's own past, "convincing my supporters to support Sen.
    Obama") and is not flagged, unless it names the country or the sentence names a date relative to the article ("Late
    this afternoon, I met with FBI Director X"): the price is a predecessor's name put in a speaker's mouth in place of
    the holder's, which reads the same. One who speaks for the titled person, in apposition to a name ("Ann Lee, a
    spokesman for House Speaker X, said"), speaks for the holder of the day: that title is read in the article's time. A
    sentence that says when the titled person took office ("President X banned it when he took office in January 2009",
    "X, who came to power in 2012,") is an error when none of the person's terms of the office began then, whatever the
    article's date (only where the list of holders is complete; not "was sworn in", said of a second term's start too).
    So is a leader's title in a sentence that says the person won the election in a year ("President X won the
    election in 2008", "President X's election in 2008", "President X, who was elected in 2002,") when the person
    held the office no longer than three months past that year's end (nor began a term by the end of the next): the
    winner holds the office after the election. Not "won the state in 2008", "carried Ohio", "a primary loss to
    President X": a sitting holder who then lost the election won those too. A title in apposition to "<Name>'s
    predecessor," is the one held before that person's term (not flagged when one of the terms ended as one of the
    named person's began); after "<Name>'s predecessor," or "<Name>'s successor," it is an error when the KB's
    list of holders says someone else preceded or followed ("Meles's successor, Prime Minister Meles Zenawi").
    It says "not held" only inside the office's coverage window (the period over which the knowledge base's list of
    holders is complete); before it, at most an info ("no record of who held X on D"). After the window's end, a person
    whose term has ended while the knowledge base knows another open holder gets a warning naming that holder and the
    date it knows up to; otherwise an info (it cannot decide). A term with an unknown start or end is unknown on that
    side. A name several holders of the office share ("President Bush" with no full name in the article, "President
    George Bush") is flagged only when none of them fits, at the mildest of their severities, naming each.

    Why it matters:
        Calling a past leader the current one is the most common error in rewritten and re-published wire copy,
        and it reads as true to anyone who remembers the name.

    Example:
        An undated article: "Japanese Prime Minister Yoshihide Suga has discussed methods to strengthen
        cooperation" → one info on "Japanese Prime Minister Yoshihide Suga": the article's date is unknown, so
        1 titled mention of past office holders could not be checked: Yoshihide Suga (Prime Minister of Japan,
        2020-09-16 to 2021-10-04). Dated 2024-08-09, the same sentence is an error with the suggestion
        "Fumio Kishida".

    Configuration:
        Give the article a date (``--date`` or front matter) to turn warnings into decisions. Desk KB files
        (``[kb] layers`` in factcheck.toml, or ``--kb``) add or correct terms of office; ``factcheck kb update``
        writes one with the current holders and extends the coverage to its date (``factcheck kb status`` shows
        each office's window). A term boundary has 14 days' tolerance.
    """

    code = "TM01"
    name = "time.office-anachronism"
    severity = Severity.ERROR
    needs_kb = True

    def check(self, ctx: CheckContext):
        # With no firm date (none, or only the latest date the text names) a past holder's title cannot be checked
        # against the article's time: one notice per article lists them instead of a flag per mention.
        unchecked: list[_Unchecked] = []
        quotes: list[tuple[int, int]] | None = None  # the direct quotes' spans, found at the first link
        for link in ctx.office_links:
            if link.office is None or not link.holders or link.qualifier in UNCHECKED:
                continue  # never held it (EN02)
            quotes = quote_spans(ctx) if quotes is None else quotes
            quoted = inside(quotes, link_span(link)[0])
            flags = [self._check_link(ctx, link, person, quoted) for person in link.holders]
            if not all(f is not None for f in flags):
                continue  # one of the people the name can mean fits
            if link.qualifier in _FOLDED and any(isinstance(f, _Unchecked) for f in flags):
                unchecked.extend(
                    f if isinstance(f, _Unchecked) else _Unchecked.of(ctx, link, person)
                    for f, person in zip(flags, link.holders)
                )
            elif any(isinstance(f, _Unchecked) for f in flags):
                continue  # qualified ("then-", "former") and only the unknown date stands against it
            elif len(flags) == 1:
                yield flags[0]
            else:
                yield self._none_fits(ctx, link, flags)
        if unchecked:
            yield self._date_unknown(ctx, unchecked)

    def _date_unknown(self, ctx: CheckContext, unchecked: list[_Unchecked]):
        """One info for the article: the titled mentions of past holders its unknown date leaves unchecked."""
        first = min(unchecked, key=lambda u: u.span)
        seen, items, evidence = set(), [], []
        for u in sorted(unchecked, key=lambda u: u.span):
            if (u.name, u.office) in seen:
                continue
            seen.add((u.name, u.office))
            items.append(f"{u.name} ({u.office}, {u.tenure}{u.note})")
            evidence.extend(u.evidence)
        ref = ctx.article_date.value
        why = (
            f"is not known (the latest date its text names is {ref}, and the article may be later)"
            if ref
            else "is unknown"
        )
        n = len(items)
        return self.flag(
            ctx,
            first.span[0],
            first.span[1],
            f"The article's date {why}, so {n} titled mention{'s' if n > 1 else ''} of past office holders could not "
            f"be checked against it: {'; '.join(items)}. Give the date (--date YYYY-MM-DD, or 'date:' in the front "
            "matter) to check them.",
            evidence=evidence,
            severity=Severity.INFO,
        )

    def _none_fits(self, ctx: CheckContext, link: OfficeLink, flags: list):
        """A name several holders of the office share ("President Bush": two presidents), none of whom fits the
        time: one flag, at the mildest of their severities, that gives each one's reason."""
        start, end = link_span(link)
        holders = " or ".join(p.name for p in link.holders)
        suggestions = {f.suggestion for f in flags}
        return self.flag(
            ctx,
            start,
            end,
            f"{link.mention.text} can mean {holders}, and none of them fits: " + " ".join(f.message for f in flags),
            suggestion=suggestions.pop() if len(suggestions) == 1 else None,
            evidence=[e for f in flags for e in f.evidence],
            severity=min((f.severity for f in flags), key=lambda s: s.rank),
        )

    def _check_link(self, ctx: CheckContext, link: OfficeLink, person, quoted: bool):
        """A flag, ``None`` (fits), or ``_Unchecked`` (a past holder, and the article's date is unknown).
        ``quoted``: the titled mention is inside a direct quote."""
        terms = terms_in(ctx.kb, person.id, link.office.id)
        if link.succession:
            flag = self._succession(ctx, link, person, terms)
            if flag is not _UNDECIDED:
                return flag  # the apposition's predecessor or successor decides
        if link.took_office:
            flag = self._took_office(ctx, link, person, terms)
            if flag is not None:
                return flag  # the sentence's own date of taking office, whatever the article's date
        if link.elected:
            flag = self._elected(ctx, link, person, terms)
            if flag is not None:
                return flag  # the sentence's own year of an election won, whatever the article's date
        ref = ctx.article_date.value
        # The latest date the text names is a lower bound: it tells against a tenure that ended before it, never
        # against a later one (the article may be later).
        firm = ref is not None and not (
            ctx.date_is_lower_bound and not all(t.end and t.end + GRACE < ref for t in terms)
        )
        flag = self._decide(ctx, link, person, terms, ref if firm else None, quoted)
        if flag is not None and not firm and link.qualifier in _FOLDED and not isinstance(flag, _Unchecked):
            return _Unchecked.of(ctx, link, person)  # only the unknown date could decide it
        return flag

    def _took_office(self, ctx: CheckContext, link: OfficeLink, person, terms):
        """ "President X, who took office in January 2009": an error when none of the person's terms in the office
        began in (or within GRACE of) a period the sentence gives for it. Only where the knowledge base's list of
        holders is complete over that period (an earlier term it lacks could have begun then)."""
        if not terms or any(t.start is None for t in terms):
            return None
        for first, last in link.took_office:
            complete_from, known_to = ctx.kb.office_window(link.office, first)
            if complete_from is None or not complete_from <= first <= known_to:
                return None
            if any(first - GRACE <= t.start <= last + GRACE for t in terms):
                return None
        start, end = link_span(link)
        office = office_label(ctx.kb, link.office)
        began = ", ".join(str(t.start) for t in terms)
        return self.flag(
            ctx,
            start,
            end,
            f"{person.name} took office as {office} on {began}, not in {_when(*link.took_office[0])} as the sentence "
            f"says; {person.name}'s terms: {', '.join(format_term(t) for t in terms)}. Check the name and the date.",
            evidence=term_evidence(ctx.kb, person, terms),
        )

    def _succession(self, ctx: CheckContext, link: OfficeLink, person, terms):
        """ "Obama's predecessor, President X,": X's title is the one held before Obama's term (fits, ``None``) when
        one of X's terms ended as one of Obama's began; "Meles's successor, Prime Minister X,": one of X's terms began
        as one of Meles's ended (then the usual checks decide, ``_UNDECIDED``). Otherwise an error naming the one
        who did precede or follow, where the knowledge base's list of holders is complete then."""
        rel, other = link.succession
        other_terms = terms_in(ctx.kb, other.id, link.office.id)
        if rel == "predecessor":
            pairs = [(t.end, u.start) for t in terms for u in other_terms]
            days = [u.start - dt.timedelta(days=1) for u in other_terms if u.start is not None]
        else:
            pairs = [(u.end, t.start) for t in terms for u in other_terms]
            days = [u.end + dt.timedelta(days=1) for u in other_terms if u.end is not None]
        if person.id != other.id and any(a and b and abs(a - b) <= GRACE for a, b in pairs):
            return None if rel == "predecessor" else _UNDECIDED
        names = [n for day in days for n in holder_names(ctx.kb, link.office.id, day, day) if n != other.name]
        if not days or not names:
            return _UNDECIDED
        complete_from, known_to = ctx.kb.office_window(link.office, days[0])
        if complete_from is None or not complete_from <= days[0] <= known_to:
            return _UNDECIDED
        start, end = link_span(link)
        office = office_label(ctx.kb, link.office)
        evidence = term_evidence(ctx.kb, person, terms) + term_evidence(ctx.kb, other, other_terms)
        return self.flag(
            ctx,
            start,
            end,
            f"{person.name} was not {other.name}'s {rel} as {office}: {' and '.join(names)} was; {person.name}'s "
            f"terms: {', '.join(format_term(t) for t in terms) or 'none'}.",
            suggestion=" / ".join(names),
            evidence=evidence,
        )

    def _elected(self, ctx: CheckContext, link: OfficeLink, person, terms):
        """ "President X won the election in 2008", "President X's election in 2008": an error when the person held
        the office ELECTED_AFTER past the end of no such year, in a term begun by the end of the next one (a
        winner holds the office after the election: a new term, or the one running on). Only where the knowledge
        base's list of holders is complete then."""
        if not terms:
            return None
        for first, last in link.elected:
            complete_from, known_to = ctx.kb.office_window(link.office, first)
            if complete_from is None or not complete_from <= first <= known_to:
                return None
            after, began_by = dt.date(last.year, 12, 31) + ELECTED_AFTER, dt.date(last.year + 1, 12, 31)
            if any((t.start is None or t.start <= began_by) and (t.end is None or t.end >= after) for t in terms):
                return None
        start, end = link_span(link)
        office = office_label(ctx.kb, link.office)
        return self.flag(
            ctx,
            start,
            end,
            f"{person.name} won no election for {office} in {_when(*link.elected[0])}, as the sentence says: "
            f"{person.name}'s terms were {', '.join(format_term(t) for t in terms)}. Check the name and the year.",
            evidence=term_evidence(ctx.kb, person, terms),
        )

    def _decide(self, ctx: CheckContext, link: OfficeLink, person, terms, ref: dt.date | None, quoted: bool):
        kb = ctx.kb
        office = office_label(kb, link.office)
        periods = list(link.sentence_periods)
        q = link.qualifier
        evidence = term_evidence(kb, person, terms)
        start, end = link_span(link)
        tenure = ", ".join(format_term(t) for t in terms)

        def fits(first: dt.date, last: dt.date) -> bool:
            if q in ("former", "looking-back"):  # held it at some time before
                return any(t.start is None or t.start - GRACE <= last for t in terms)
            if q == "incoming":  # not yet ended
                return any(t.end is None or t.end + GRACE > first for t in terms)
            if q == "outgoing":
                return any(overlaps(t, first, last + dt.timedelta(days=180)) for t in terms)
            return any(overlaps(t, first, last) for t in terms)

        if q == "then":  # the sentence's own time, not the article's
            if not periods:
                return None
            candidates = periods
        elif q == "former":  # former as of the article's time ("former president Bill Clinton, in 1992")
            candidates = [(ref, ref)] if ref else []
        elif ref and link.past_tense:
            # "when he took office in January 2009", told in the past in an article dated 2006: a past event cannot
            # be after the article's date, so that year does not excuse the title (the article's date decides)
            candidates = [(ref, ref)] + [(a, b) for a, b in periods if a <= ref + GRACE]
        else:
            candidates = ([(ref, ref)] if ref else []) + periods
        complete_from, known_to = kb.office_window(link.office, candidates[0][0] if candidates else None)
        if not candidates:
            if any(t.end is None for t in terms) or q in ("former", "looking-back"):
                return None  # still in office, or said to be a past holder: nothing suggests another time
            incomplete = complete_from is None or any(t.start is None or t.start < complete_from for t in terms)
            return _Unchecked.of(ctx, link, person, "; holder list incomplete" if incomplete else "")
        if any(fits(a, b) for a, b in candidates):
            return None
        if not link.office.single_seat and any(
            any(overlaps(t, a - SEAT_GRACE, b + SEAT_GRACE) for t in terms) for a, b in candidates
        ):
            return None
        if not q and terms and all(t.end is not None and t.end + HISTORICAL < candidates[0][0] for t in terms):
            # "just as President Abraham Lincoln did", "a photograph of Israeli Prime Minister Menachem Begin": history,
            # not the title held then (no wrong holder or date is a quarter of a century off)
            return None
        held_before = any(t.start is None or t.start - GRACE <= candidates[0][1] for t in terms)
        names_country = link.country_explicit or link.country_after
        if not q and quoted and held_before and not names_country and not link.article_time:
            # "President Clinton clearly continues to follow", "I will support Sen. Obama" in a speaker's words:
            # the courtesy title a former holder keeps, or the speaker's own past; read as "former"
            return None
        if (
            not q
            and not periods
            and link.past_tense
            and not names_country
            and all(t.end and t.end <= candidates[0][0] for t in terms)
        ):
            # "an adviser to President Bill Clinton" in a past-tense sentence: that presidency. "Russian President
            # X" (the country named) is how a current leader is introduced, so it gets no such reading.
            return None
        first, last = candidates[0]
        when = _when(first, last)
        if first > known_to:
            return self._after_newest_source(ctx, link, person, terms, evidence, when, known_to)
        if complete_from is None or first < complete_from:
            window = (
                f"its list of holders is complete only from {complete_from} to {known_to}"
                if complete_from
                else "it does not know its list of holders to be complete"
            )
            return self.flag(
                ctx,
                start,
                end,
                f"The knowledge base has no record of who held {office} on {when} ({window}); {person.name}'s known "
                f"tenure: {tenure}. Verify.",
                evidence=evidence,
                severity=Severity.INFO,
            )
        if not link.office.single_seat:
            return self.flag(
                ctx,
                start,
                end,
                f"{person.name} was not {office} on {when}; {person.name}'s terms: {tenure}. Check the title and the "
                "date.",
                evidence=evidence,
                severity=Severity.ERROR if ref else Severity.WARNING,
            )
        names = holder_names(kb, link.office.id, first, last)
        if not names:
            return self.flag(
                ctx,
                start,
                end,
                f"{person.name} was {office} only from {tenure}, not on {when}; the knowledge base has no holder "
                "for that date, so verify.",
                evidence=evidence,
                severity=Severity.WARNING,
            )
        holder_terms = [
            t for t in kb.terms_of_office(link.office.id) if t.start is not None and overlaps(t, first, last)
        ]
        for t in holder_terms:
            p = kb.person(t.person_id)
            if p:
                evidence.extend(term_evidence(kb, p, [t]))
        basis = "the article's date" if ref and (first, last) == (ref, ref) else "the year in this sentence"
        if q == "looking-back":
            message = (
                f"{person.name} was {office} only from {tenure}, after {when}: the sentence refers to a tenure "
                "that had not begun; check the name and the date."
            )
        elif q == "former":
            message = (
                f"{person.name} was {office} from {tenure}, so not yet a former holder on {when}: check the "
                "title and the date."
            )
        else:
            message = (
                f"{person.name} was not {office} on {when} ({basis}): {' and '.join(names)} held the office "
                f"then; {person.name}'s tenure was {tenure}."
            )
        if ref is None and not q:
            # Only the sentence's own year disagrees, and the article's date is unknown: "lost to President Barack
            # Obama in 2008" gives a person the title they hold at the article's time, which may be within the tenure.
            return self.flag(
                ctx,
                start,
                end,
                f"{person.name} was {office} only from {tenure}, not in {when} ({basis}); the article's date is "
                "unknown, so the title may be the one held when it was written: verify.",
                suggestion=" / ".join(names),
                evidence=evidence,
                severity=Severity.WARNING,
            )
        return self.flag(
            ctx,
            start,
            end,
            message,
            suggestion=" / ".join(names),
            evidence=evidence,
        )

    def _after_newest_source(
        self, ctx: CheckContext, link: OfficeLink, person, terms, evidence, when: str, known_to: dt.date
    ):
        """A date after the KB's newest source for the office: a warning naming the last holder the KB knows when
        that is someone else (they may still hold it), else an info saying the KB cannot decide."""
        kb = ctx.kb
        office = office_label(kb, link.office)
        start, end = link_span(link)
        tenure = ", ".join(format_term(t) for t in terms)
        last = [t for t in kb.last_holders(link.office.id) if t.person_id != person.id]
        if link.office.single_seat and last and all(t.end is None for t in last):
            names = [kb.person(t.person_id).name for t in last if kb.person(t.person_id)]
            for t in last:
                p = kb.person(t.person_id)
                if p:
                    evidence.extend(term_evidence(kb, p, [t]))
            since = ", ".join(f"since {t.start}" if t.start else "since an unknown date" for t in last)
            return self.flag(
                ctx,
                start,
                end,
                f"{person.name} was {office} only from {tenure}; the last holder the knowledge base knows is "
                f"{' and '.join(names)} ({since}), as of {known_to}, the date it knows up to. On {when}, verify who "
                "held "
                "the office.",
                suggestion=" / ".join(names),
                evidence=evidence,
                severity=Severity.WARNING,
            )
        return self.flag(
            ctx,
            start,
            end,
            f"{person.name} was {office} from {tenure}; the knowledge base knows {office} only to {known_to}, so it "
            f"cannot decide who held it on {when}: verify.",
            evidence=evidence,
            severity=Severity.INFO,
        )
