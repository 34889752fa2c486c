"""What TM01 and EN02 both say about an office link: its span, the terms as evidence, who held the office when."""

from __future__ import annotations

import datetime as dt

from factcheck.models import KbEvidence
from factcheck.resolve.linking import OfficeLink, format_term, office_label

# Articles are published a little after the event and terms change mid-week: a fortnight's tolerance
# around every term boundary keeps "Prime Minister X" in the week of a handover from being flagged.
GRACE = dt.timedelta(days=14)


def overlaps(term, first: dt.date, last: dt.date) -> bool:
    """Whether the term (with GRACE around it) meets [first, last]; an unknown start or end is open that way."""
    start = term.start - GRACE if term.start else dt.date.min
    end = term.end + GRACE if term.end else dt.date.max
    return start <= last and first < end


def term_evidence(kb, person, terms) -> list[KbEvidence]:
    """One evidence item per term: source, '<person id> <office id>', layer, the term's dates and the sentence."""
    out = []
    for t in terms:
        office = kb.offices.get(t.office_id)
        where = office_label(kb, office) if office else t.office_id
        label = f"{person.name} ({person.wikidata_id or 'no Wikidata id'}): {where}"
        out.append(
            KbEvidence(
                source=t.source,
                record=f"{person.id} {t.office_id}",
                layer=t.layer,
                label=label,
                start=t.start,
                end=t.end,
                detail=f"{label} {format_term(t)}; layer {t.layer}",
            )
        )
    return out


def link_span(link: OfficeLink) -> tuple[int, int]:
    """The title phrase and the name together ("Japanese Prime Minister Yoshihide Suga")."""
    role, name = link.mention.role.span, link.mention.span
    return min(role.start + link.role.offset, name.start), max(role.end, name.end)


def holder_names(kb, office_id: str, first: dt.date, last: dt.date) -> list[str]:
    """Names of the holders of an office during [first, last], in order."""
    names = []
    for t in kb.terms_of_office(office_id):
        # a term with an unknown start names nobody as the holder on a given day (it may have begun after it)
        if t.start is not None and t.start <= last and (t.end is None or t.end > first):
            p = kb.person(t.person_id)
            if p and p.name not in names:
                names.append(p.name)
    return names
