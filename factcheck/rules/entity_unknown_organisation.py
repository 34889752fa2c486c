"""entity.unknown-organisation (EN04)."""

from __future__ import annotations

from factcheck.kb.names import normalise
from factcheck.models import Evidence, MentionKind, Severity
from factcheck.rules.base import CheckContext, Rule
from factcheck.rules.near_miss_helpers import remembered_organisation_near_miss


class UnknownOrganisation(Rule):
    """An organisation name the knowledge base does not know: an editor should check it exists.

    What it flags:
        The first mention of each multi-word organisation name ("Central Asia Research Council") that is not a
        KB organisation's name, alias or acronym and not a near miss of one (EN03 handles those). Single
        acronyms are not flagged (too many are not organisations).

    Why it matters:
        Invented or garbled institutions are a sign of machine-written or careless copy; a real one takes an
        editor a minute to confirm.

    Example:
        "Researchers at the Tashkent Institute of Quantum Diplomacy said" → info on "Tashkent Institute of
        Quantum Diplomacy".

    Configuration:
        Off by default. Turn it on with the other rules by ``--extend-select EN04`` on ``factcheck review`` or
        ``factcheck scan``, or for every run by ``extend_select = ["EN04"]`` under ``[rules]`` in factcheck.toml
        (``--select EN04`` runs it alone). On real news most organisations the KB does not know are
        well known ones (newspapers, parties, leagues, universities), and a hand-labelled sample of 41 flags on
        BBC + PolNeAR found 9 worth checking (precision 0.22, the bar for info is 0.80; docs/bench/checkworthy.md).
        It earns its place on copy from unknown sources, where invented institutions are the risk. Add the
        organisations your desk covers to a desk KB file (``[kb] layers`` in factcheck.toml, or ``--kb``) to
        silence this for them.
    """

    code = "EN04"
    name = "entity.unknown-organisation"
    severity = Severity.INFO
    needs_kb = True
    opt_in = True

    def check(self, ctx: CheckContext):
        kb = ctx.kb
        seen: set[str] = set()
        for m in ctx.mentions_of(MentionKind.ORGANISATION):
            key = normalise(m.text)
            if key in seen or len(m.text.split()) < 2:
                continue
            seen.add(key)
            if kb.organisation(m.text) is not None or remembered_organisation_near_miss(ctx, m.text):
                continue
            yield self.flag(
                ctx,
                m.span.start,
                m.span.end,
                f"The knowledge base does not know the organisation {m.text!r}: check that it exists and is named "
                "correctly.",
                evidence=[
                    Evidence(
                        source="knowledge base",
                        record=None,
                        detail=f"no organisation named {m.text!r} in layers {', '.join(kb.layers)}",
                    )
                ],
            )
