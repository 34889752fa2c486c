"""attribution.quote-needs-verification (AT01)."""

from __future__ import annotations

import re

from factcheck.models import Mention, MentionKind, Severity, Span, TextEvidence
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.text_helpers import SpanIndex


def _part(label: str, text: str, span: Span) -> TextEvidence:
    """An evidence entry naming one part of an attribution with its offsets."""
    return TextEvidence(record=label, detail=f"{text!r} at {span.start}-{span.end}", span=span)


class QuoteNeedsVerification(Rule):
    """A direct quote attributed to a named speaker with a title or organisation.

    What it flags:
        A quote whose speaker is a named person given a credential, in the attribution itself
        ("…,” said Executive Director of the Institute for Developing Economies Hiroshi Kato) or where the
        person was first introduced. A courtesy title alone ("Mr Sullivan", "Ms Capella") is not a credential. The
        flag's evidence names the parts as separate spans: ``speaker``, ``title`` and ``organisation``, each with its
        offsets, so knowledge-base checks can point at each.

    Why it matters:
        Invented or garbled experts are a common fabrication: the editor must check that the person exists,
        holds that title at that organisation, and said these words (a recording, a transcript, the source).

    Example:
        '“The meeting serves as an important milestone,” Executive Director of the Institute for Developing
        Economies Hiroshi Kato said.' is flagged on the attribution, with speaker 'Hiroshi Kato', title
        'Executive Director' and organisation 'Institute for Developing Economies'.

    Configuration:
        None.
    """

    code = "AT01"
    name = "attribution.quote-needs-verification"
    severity = Severity.INFO

    def check(self, ctx: CheckContext):
        attributed = [q for q in ctx.mentions_of(MentionKind.QUOTE) if q.speaker is not None]
        if not attributed:
            return  # most articles: no index of people and organisations to build
        people = SpanIndex(list(ctx.mentions_of(MentionKind.PERSON)))
        orgs = SpanIndex(list(ctx.mentions_of(MentionKind.ORGANISATION)))
        introductions = _Introductions(people.mentions)
        for quote in attributed:
            # The last person in the attribution is its head: "Gowdy spokesman Jamal Ware" is Ware, not Gowdy.
            person = people.last_covered(quote.speaker.span)
            if person is None or ctx.text.startswith(("’s ", "'s "), person.span.end):
                continue  # "Ms. Merkel's spokesman": the speaker is someone the person owns, not the person
            titled = person if _credential(person) else introductions.of(person)
            if titled is None or not _credential(titled):
                continue
            role = titled.role
            org = orgs.first_covered(role.span)
            evidence = [_part("speaker", titled.text, titled.span)]
            title_end = role.span.end
            if org is not None:
                # "Executive Director of the Institute …": the title is what precedes the organisation
                head = ctx.text[role.span.start : org.span.start]
                cut = re.search(r"\s+(?:of|at|for|from|with)(?:\s+the)?\s*$|[,\s]+$", head)
                title_end = role.span.start + (cut.start() if cut else len(head))
            if title_end > role.span.start:
                evidence.append(
                    _part("title", ctx.text[role.span.start : title_end], Span(start=role.span.start, end=title_end))
                )
            if org is not None:
                evidence.append(_part("organisation", org.text, org.span))
            where = "" if titled is person else f" (introduced at {titled.span.start})"
            end = quote.speaker.span.end
            if re.search(r"[.!?]\s", ctx.text[person.span.end : end]):
                end = person.span.end  # the speaker span ran into the next sentence ("said Dr Paniccia. While …")
            yield self.flag(
                ctx,
                quote.speaker.span.start,
                end,
                f"Quote attributed to {titled.text}, {role.text}{where}: check that this person exists, holds this "
                "title, and said these words.",
                evidence=evidence,
            )


# Courtesy titles say nothing the desk can check: "Mr Sullivan" has no credential.
_HONORIFIC = re.compile(r"(?:mr|mrs|ms|miss|mx|mister|madam|sir)\.?", re.I)


def _credential(person: Mention) -> bool:
    """Whether the person carries a checkable title or affiliation, not just a courtesy title."""
    return person.role is not None and not _HONORIFIC.fullmatch(person.role.text.strip())


class _Introductions:
    """The earlier full mention of a person named by surname only, if it carried a title: the first titled
    mention with that text (in mention order) that starts before the surname, looked up by text."""

    def __init__(self, people: list[Mention]):
        self.people = people
        self.by_text: dict[str, list[Mention]] | None = None  # built on the first surname asked about

    def of(self, person: Mention) -> Mention | None:
        full = person.attrs.refers_to
        if not full:
            return None
        if self.by_text is None:
            self.by_text = {}
            for p in self.people:
                if _credential(p):
                    self.by_text.setdefault(p.text, []).append(p)
        return next((p for p in self.by_text.get(full, ()) if p.span.start < person.span.start), None)
