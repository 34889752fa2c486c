"""entity.office-never-held (EN02)."""

from __future__ import annotations

import re
from datetime import date

from factcheck.models import Evidence, MentionKind, Severity
from factcheck.resolve.linking import AMBIGUOUS_TITLES, UNCHECKED, article_countries, country_has_title, office_label
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.office_helpers import holder_names, link_span, term_evidence

_OF_COUNTRY = re.compile(r",?\s+of\s+(?:the\s+)?")


class OfficeNeverHeld(Rule):
    """A known person given a national office they never held ("French President Angela Merkel").

    What it flags:
        A person whose title names a country's office ("French President", "Prime Minister of Japan") when the
        knowledge base knows the person by that exact name, as a holder of other offices, but never of this one.
        With no country in the title ("President Dick Schoof"), it flags a known person none of whose offices
        carries that title. A title other offices carry too ("Chancellor") counts only in an article that names
        a country whose leader has it and none where it is usually another office ("Chancellor Gordon Brown" in a
        British article is the Chancellor of the Exchequer). Other titles ("Secretary of State Joe Biden") are
        checked against the offices of the countries the person held office in, else of the countries the
        article names, and not when one of the person's offices has the title inside a longer one ("Attorney
        General Kamala Harris" of California) or "state" precedes it. It says "never held" only when the office's
        list of holders is complete on the article's date (undated: from the start of the person's latest known
        term); for a person with a term of unknown dates (a member of Congress who left before 2012), only when the
        list is complete from the person's earliest dated office ("Secretary of State Joe Biden", not "Speaker Newt
        Gingrich"). The suggestion is the holder on the article's date when it is known. A person the knowledge base
        does not know at all, named with a country's office as its present holder on a dated article, is a warning
        naming the holder the knowledge base has for that day ("Mexican President James Comey" dated 2016-09-20:
        "President of Mexico on 2016-09-20 was Enrique Peña Nieto"), unless the title is qualified ("former"), the
        sentence names its own year, the date is within 14 days of a handover, or the name shares a word with the
        holder's (another spelling of the same person). Names shared by several people in the knowledge base,
        "acting"/"interim" titles, "-elect"/"incoming" titles and dates past the knowledge base's coverage for the
        country are not flagged. A titled surname with no full name ("Vice President Obama") is the person another
        titled mention of that surname in the article is linked to ("President Obama", the one President Obama on the
        article's date), and only when no full name in the article gives the surname to someone else; alone, the one
        head of state or government of that surname in office that day, else the one holder of another single-seat
        office of a country the article names ("Secretary of State Biden" in a US story of 2016: the Vice President). A
        leader's title is not read inside a deputy's: "President Dick Cheney" is flagged, not taken for his vice
        presidency.

    Why it matters:
        Swapped titles and countries slip through copy-editing because both the name and the title are real;
        only the combination is false.

    Example:
        "French President Angela Merkel arrived in Berlin." → error on "French President Angela Merkel":
        Angela Merkel never held the office of President of France; she was Chancellor of Germany 2005-11-22 to
        2021-12-08.

    Configuration:
        Desk KB files (``[kb] layers`` in factcheck.toml, or ``--kb``) add people, offices and terms (e.g. a newsroom's
        own list of ministers).
    """

    code = "EN02"
    name = "entity.office-never-held"
    severity = Severity.ERROR
    needs_kb = True

    def check(self, ctx: CheckContext):
        kb = ctx.kb
        ref = ctx.article_date.value
        for link in ctx.office_links:
            if link.holders_on_date and link.office is not None:
                yield self._unknown_holder(ctx, link)
                continue
            if link.holders or len(link.people) != 1 or link.qualifier in UNCHECKED | {"incoming"}:
                continue
            if link.office is not None and not (link.country_explicit or link.country_from_person):
                continue
            if link.office is None and not self._title_means_a_leader(ctx, link.role.title, link.mention.span.end):
                continue  # "Chancellor Gordon Brown": of the Exchequer, an office the KB does not hold
            coverage = kb.coverage_end  # an office's own window replaces it below
            person = link.people[0]
            terms = kb.terms_of(person.id)
            dated = [t.start for t in terms if t.start is not None]
            if (
                any(t.start is None for t in terms)
                and link.office is not None
                and (not dated or (kb.office_window(link.office, min(dated))[0] or date.max) > min(dated))
            ):
                # a term the sources give no dates for (a member of Congress who left before 2012) may reach back
                # before the office's list of holders is complete: "never held" only when the list covers the
                # person's earliest dated office too ("Secretary of State Joe Biden"), not "Speaker Newt Gingrich"
                continue
            if link.office is not None:
                # "never held" needs the office's complete list of holders: on the article's date, or (undated)
                # from the start of the person's latest known term
                latest = max((t.start for t in terms if t.start), default=None)
                when = ref or latest
                complete_from, coverage = kb.office_window(link.office, when)
                if complete_from is None or when is None or not complete_from <= when <= coverage:
                    continue
                if ref and not link.office.exists_on(ref):
                    continue
            if ref and ref > coverage:
                continue  # they may have taken office after the KB's coverage
            held = (
                "; ".join(
                    f"{office_label(kb, kb.offices[t.office_id])} {t.dates()}"
                    for t in terms
                    if t.office_id in kb.offices
                )
                or "no office in the knowledge base"
            )
            if link.office is not None:
                what = f"the office of {office_label(kb, link.office)}"
                names = holder_names(kb, link.office.id, ref, ref) if ref else []
                evidence = [
                    Evidence(
                        source=link.office.source,
                        record=link.office.id,
                        detail=f"{office_label(kb, link.office)}; layer {link.office.layer}",
                    )
                ]
            else:
                what = f"an office titled {link.role.title!r}"
                names, evidence = [], []
            start, end = link_span(link)
            yield self.flag(
                ctx,
                start,
                end,
                f"{person.name} never held {what} in the knowledge base; their terms: {held}. Check the name and "
                "the title.",
                suggestion=" / ".join(names) if names else None,
                evidence=term_evidence(kb, person, terms) + evidence,
            )

    def _unknown_holder(self, ctx: CheckContext, link):
        """A person the KB does not know, named as the holder of an office whose holder that day it knows."""
        kb, day, office = ctx.kb, ctx.article_date.value, link.office
        names = " and ".join(link.holders_on_date)
        start, end = link_span(link)
        return self.flag(
            ctx,
            start,
            end,
            f"{office_label(kb, office)} on {day} was {names}; the knowledge base knows no {link.mention.text} as "
            "a holder of that office. Check the name and the title.",
            suggestion=" / ".join(link.holders_on_date),
            severity=Severity.WARNING,
            evidence=[
                Evidence(
                    source=t.source,
                    record=f"{t.person_id} {t.office_id}",
                    detail=f"{kb.people[t.person_id].name}: {office_label(kb, office)} {t.start or '?'} to "
                    f"{t.end or 'present'}; layer {t.layer}",
                )
                for t in kb.holders(office.id, day)
                if t.person_id in kb.people
            ],
        )

    @staticmethod
    def _title_means_a_leader(ctx: CheckContext, title: str, name_end: int) -> bool:
        """A bare title other offices carry too ("Chancellor") is a leader's only where the article says so:
        "Chancellor X of Germany", or an article naming Germany and not the UK."""
        if title not in AMBIGUOUS_TITLES:
            return True
        gap = _OF_COUNTRY.match(ctx.text, name_end)
        if gap:
            after = next((m for m in ctx.mentions_of(MentionKind.COUNTRY) if m.span.start == gap.end()), None)
            if after is not None and after.attrs.country:
                return country_has_title(ctx.kb, title, after.attrs.country)
        named = article_countries(ctx)
        if named & AMBIGUOUS_TITLES[title]:
            return False
        return any(country_has_title(ctx.kb, title, cid) for cid in sorted(named))
