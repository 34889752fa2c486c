"""entity.near-miss-name (EN03)."""

from __future__ import annotations

from factcheck.models import Evidence, MentionKind, Severity
from factcheck.resolve.linking import article_countries
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.near_miss_helpers import (
    is_transliteration_variant,
    person_near_miss,
    remembered_organisation_near_miss,
)


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
        "Centre"), are the same name. Any other office in a country the article names is not enough to fit: on BBC
        2004-05 and PolNeAR (2,648 articles) that looser test raised 56 flags, 25 right (warnings 6 of 24: chief
        executives, judges and artists taken for namesake ministers); leaders and titled offices only, 11 of 11
        (labelled precision in docs/bench/precision.md). The price: a typo in the name of a minister, senator or
        mayor with no title beside it is no longer flagged here; EN05 still catches it when the article spells the
        name right elsewhere.

    Why it matters:
        A misspelt institution or leader is the first thing a reader from that institution or country notices,
        and a wrong official name can make a claim impossible to trace.

    Example:
        "Executive Director of the Institute for Developing Economies Hiroshi Kato said" → flag on "Institute
        for Developing Economies", suggestion "Institute of Developing Economies" (hand-curated record
        hc:ide-jetro).

    Configuration:
        Add the desk's own names and aliases in a desk KB file (``[kb] layers`` in factcheck.toml, or ``--kb``): a name
        the KB knows is never a near miss. The small words whose swap makes an organisation's near miss and the letters
        romanisations swap are data: ``factcheck/rules/near_miss_words.json``.
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
            hit = remembered_organisation_near_miss(ctx, m.text)
            if hit:
                org, form = hit
                yield self.flag(
                    ctx,
                    m.span.start,
                    m.span.end,
                    f"{m.text!r} is not a name the knowledge base knows; did you mean {form!r}?",
                    suggestion=form,
                    evidence=[
                        Evidence(
                            source=org.source,
                            record=org.wikidata_id or org.id,
                            detail=f"{org.name} (acronyms: {', '.join(org.acronyms) or '-'}); layer {org.layer}",
                        )
                    ],
                )
        countries = article_countries(ctx)
        offices_by_mention = {link.mention.span.start: link.office.id for link in ctx.office_links if link.office}
        for m in ctx.mentions_of(MentionKind.PERSON):
            if m.attrs.refers_to is not None or m.text in seen:
                continue
            seen.add(m.text)
            office = offices_by_mention.get(m.span.start)
            hit = person_near_miss(kb, m.text, countries, {office} if office else set())
            if hit:
                person, form = hit
                terms = "; ".join(
                    f"{t.office_id} {t.start or '?'} to {t.end or 'present'}" for t in kb.terms_of(person.id)
                )
                variant = is_transliteration_variant(m.text, form)
                yield self.flag(
                    ctx,
                    m.span.start,
                    m.span.end,
                    f"{m.text!r} may be another romanisation of {form!r} (the knowledge base's spelling), or a typo: "
                    "use the desk's house spelling."
                    if variant
                    else f"{m.text!r} is not a name the knowledge base knows; did you mean {form!r}?",
                    suggestion=form,
                    severity=Severity.INFO if variant else None,
                    evidence=[
                        Evidence(
                            source=person.source,
                            record=person.id,
                            detail=f"{person.name}: {terms}; layer {person.layer}",
                        )
                    ],
                )
