"""time.office-anachronism (TM01)."""

from __future__ import annotations

import datetime as dt

from factcheck.models import Severity
from factcheck.resolve.linking import UNCHECKED, OfficeLink, format_term, office_label, terms_in
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.office_helpers import GRACE, holder_names, link_span, overlaps, term_evidence

# Members of a legislature keep their title as a courtesy for a while after they leave ("Rep. Michele Bachmann"
# months after her last term): offices with many seats get a year's tolerance.
SEAT_GRACE = dt.timedelta(days=365)
# A bare title ("President Abraham Lincoln", "since President Ronald Reagan") for a tenure that ended this long
# before the time referred to is a historical reference, not a claim that the person holds it then.
HISTORICAL = dt.timedelta(days=25 * 365)


def _when(first: dt.date, last: dt.date) -> str:
    """'2016-05-10', '2015' (a whole year) or '2016-05-01 to 2016-05-31'."""
    if first == last:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"{first.year}"
    return f"{first} to {last}"


class OfficeAnachronism(Rule):
    """A person named with an office they did not hold at the time the sentence refers to.

    What it flags:
        A person whose title names a national office ("Japanese Prime Minister Yoshihide Suga", "President Joe
        Biden") when the knowledge base's terms of office show they did not hold it at that time. The time is the
        article's date, or a year or date named in the same sentence ("In 2020, ..."). With a date it is an
        error and the holder at that date is the suggestion; with no date it is an info that gives the
        person's tenure so the editor can check when the event took place (a warning would fire on every
        undated story of another era that names the holders of its day). A date taken from the latest date
        the text names (no dateline) only says the article is not earlier: a tenure that begins after it is a
        warning, not an error. So is a year named in the sentence that the tenure misses when the article's date
        is unknown ("lost to President Barack Obama in 2008" may use the title held when the article was written). "former", "ex-", "late" pass when
        the person held the office before that time; "then-" is checked against the sentence's own years;
        "incoming" and "-elect" pass unless the person's term had already ended; "acting"/"interim" and
        "a President X" are not checked; "under"/"during President X", "the administration of President X", "a
        former adviser to President X" and "has represented President X" refer to that tenure at some time up to
        the article's date (flagged only when it had not begun). A past holder in a
        sentence told in the simple past ("she was an adviser to President Bill Clinton") is read as a
        reference to that tenure and not flagged, unless the title names the country ("Russian President X") or the
        sentence names a date relative to the article ("this week"). It says "not held" only inside the office's
        coverage window (the period over which the knowledge base's list of holders is complete); before it, at most
        an info ("no record of who held X on D"). After the window's end, a person whose term has ended while the
        knowledge base knows another open holder gets a warning naming that holder and the date it knows up to;
        otherwise an info (it cannot decide). A term with an unknown start or end is unknown on that side. A name
        several holders of the office share ("President Bush" with no full name in the article, "President George
        Bush") is flagged only when none of them fits, at the mildest of their severities, naming each.

    Why it matters:
        Calling a past leader the current one is the most common error in rewritten and re-published wire copy,
        and it reads as true to anyone who remembers the name.

    Example:
        An undated article: "Japanese Prime Minister Yoshihide Suga has discussed methods to strengthen
        cooperation" → info on "Japanese Prime Minister Yoshihide Suga": Suga was Prime Minister of Japan only
        from 2020-09-16 to 2021-10-04. Dated 2024-08-09, the same sentence is an error with the suggestion
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
        for link in ctx.office_links:
            if link.office is None or not link.holders or link.qualifier in UNCHECKED:
                continue  # never held it (EN02)
            flags = [self._check_link(ctx, link, person) for person in link.holders]
            if len(flags) == 1:
                if flags[0] is not None:
                    yield flags[0]
            elif all(f is not None for f in flags):
                yield self._none_fits(ctx, link, flags)

    def _none_fits(self, ctx: CheckContext, link: OfficeLink, flags: list):
        """A name several holders of the office share ("President Bush": two presidents), none of whom fits the
        time: one flag, at the mildest of their severities, that gives each one's reason."""
        start, end = link_span(link)
        holders = " or ".join(p.name for p in link.holders)
        suggestions = {f.suggestion for f in flags}
        return self.flag(
            ctx, start, end,
            f"{link.mention.text} can mean {holders}, and none of them fits: " + " ".join(f.message for f in flags),
            suggestion=suggestions.pop() if len(suggestions) == 1 else None,
            evidence=[e for f in flags for e in f.evidence],
            severity=min((f.severity for f in flags), key=lambda s: s.rank),
        )

    def _check_link(self, ctx: CheckContext, link: OfficeLink, person):
        kb = ctx.kb
        terms = terms_in(kb, person.id, link.office.id)
        office = office_label(kb, link.office)
        ref = ctx.article_date.value
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
        else:
            candidates = ([(ref, ref)] if ref else []) + periods
        complete_from, known_to = kb.office_window(link.office, candidates[0][0] if candidates else None)
        if not candidates:
            if any(t.end is None for t in terms):
                return None  # still in office: nothing suggests another time
            if complete_from is None or any(t.start is None or t.start < complete_from for t in terms):
                return self.flag(
                    ctx, start, end,
                    f"{person.name} was {office} from {tenure}; the article's date is unknown, and the knowledge base's "
                    f"list of holders of {office} is not complete for all that time, so verify when this took place.",
                    evidence=evidence, severity=Severity.INFO,
                )
            return self.flag(
                ctx, start, end,
                f"{person.name} was {office} only from {tenure}; the article's date is unknown, so verify when "
                "this took place.",
                # Info, not a warning: with no date nothing says the copy is wrong, and wire stories of any era name
                # the holders of their day; the date (--date, front matter, dateline) turns it into a decision.
                evidence=evidence, severity=Severity.INFO,
            )
        if any(fits(a, b) for a, b in candidates):
            return None
        if not link.office.single_seat and any(
                any(overlaps(t, a - SEAT_GRACE, b + SEAT_GRACE) for t in terms) for a, b in candidates):
            return None
        if (not q and not link.country_explicit and terms
                and all(t.end is not None and t.end + HISTORICAL < candidates[0][0] for t in terms)):
            return None  # "just as President Abraham Lincoln did": history, not the title held then
        if (not q and not periods and ctx.date_is_lower_bound
                and any(t.end is None or t.end + GRACE >= ref for t in terms)):
            # The date is only the latest one the text names; the article may be later, inside this tenure.
            return self.flag(
                ctx, start, end,
                f"{person.name} was {office} only from {tenure}; the article's date is not known (the latest date in "
                f"the text is {ref}, and the article may be later), so verify when this took place.",
                evidence=evidence, severity=Severity.WARNING,
            )
        if (not q and not periods and link.past_tense and not link.country_explicit
                and all(t.end and t.end <= candidates[0][0] for t in terms)):
            # "an adviser to President Bill Clinton" in a past-tense sentence: that presidency. "Russian President
            # X" (the country named) is how a current leader is introduced, so it gets no such reading.
            return None
        first, last = candidates[0]
        when = _when(first, last)
        if first > known_to:
            return self._after_newest_source(ctx, link, person, terms, evidence, when, known_to)
        if complete_from is None or first < complete_from:
            window = (f"its list of holders is complete only from {complete_from} to {known_to}" if complete_from
                      else "it does not know its list of holders to be complete")
            return self.flag(
                ctx, start, end,
                f"The knowledge base has no record of who held {office} on {when} ({window}); {person.name}'s known "
                f"tenure: {tenure}. Verify.",
                evidence=evidence, severity=Severity.INFO,
            )
        if not link.office.single_seat:
            return self.flag(
                ctx, start, end,
                f"{person.name} was not {office} on {when}; {person.name}'s terms: {tenure}. Check the title and the date.",
                evidence=evidence, severity=Severity.ERROR if ref else Severity.WARNING,
            )
        names = holder_names(kb, link.office.id, first, last)
        if not names:
            return self.flag(
                ctx, start, end,
                f"{person.name} was {office} only from {tenure}, not on {when}; the knowledge base has no holder "
                "for that date, so verify.",
                evidence=evidence, severity=Severity.WARNING,
            )
        holder_terms = [t for t in kb.terms_of_office(link.office.id) if t.start is not None and overlaps(t, first, last)]
        for t in holder_terms:
            p = kb.person(t.person_id)
            if p:
                evidence.extend(term_evidence(kb, p, [t]))
        basis = "the article's date" if ref and (first, last) == (ref, ref) else "the year in this sentence"
        if q == "looking-back":
            message = (f"{person.name} was {office} only from {tenure}, after {when}: the sentence refers to a tenure "
                       "that had not begun; check the name and the date.")
        elif q == "former":
            message = (f"{person.name} was {office} from {tenure}, so not yet a former holder on {when}: check the "
                       "title and the date.")
        else:
            message = (f"{person.name} was not {office} on {when} ({basis}): {' and '.join(names)} held the office "
                       f"then; {person.name}'s tenure was {tenure}.")
        if ref is None and not q:
            # Only the sentence's own year disagrees, and the article's date is unknown: "lost to President Barack
            # Obama in 2008" gives a person the title they hold at the article's time, which may be within the tenure.
            return self.flag(
                ctx, start, end,
                f"{person.name} was {office} only from {tenure}, not in {when} ({basis}); the article's date is "
                "unknown, so the title may be the one held when it was written: verify.",
                suggestion=" / ".join(names), evidence=evidence, severity=Severity.WARNING,
            )
        return self.flag(
            ctx, start, end, message,
            suggestion=" / ".join(names), evidence=evidence,
        )

    def _after_newest_source(self, ctx: CheckContext, link: OfficeLink, person, terms, evidence, when: str,
                             known_to: dt.date):
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
                ctx, start, end,
                f"{person.name} was {office} only from {tenure}; the last holder the knowledge base knows is "
                f"{' and '.join(names)} ({since}), as of {known_to}, the date it knows up to. On {when}, verify who held "
                "the office.",
                suggestion=" / ".join(names), evidence=evidence, severity=Severity.WARNING,
            )
        return self.flag(
            ctx, start, end,
            f"{person.name} was {office} from {tenure}; the knowledge base knows {office} only to {known_to}, so it "
            f"cannot decide who held it on {when}: verify.",
            evidence=evidence, severity=Severity.INFO,
        )
