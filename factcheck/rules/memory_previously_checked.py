"""memory.previously-checked (MM01)."""

from __future__ import annotations

import re

from factcheck.models import ClaimKind, Evidence, ReviewStatus, Severity
from factcheck.rules.base import CheckContext, Rule

# Claims about who holds an office, or about a figure, can turn true or false with time: the flag says when the
# past verdict was made.
_TIME_BOUND = frozenset({ClaimKind.ROLE, ClaimKind.QUANTITY, ClaimKind.DATE, ClaimKind.PREDICTION})

# A claim or a checked claim of fewer words than this ("He did not.", "8:20 a.m.", "$50 million.") is too short to be
# the same claim as another: its few words match anything that shares them.
MIN_WORDS = 6
# MIN_WORDS runs of word characters (as many as ``\w+`` finds): the search stops at the sixth instead of listing
# every word; possessive, so a long run is never split again
_ENOUGH_WORDS = re.compile(rf"(?<!\w)\w++(?:\W++\w++){{{MIN_WORDS - 1}}}")


def _long_enough(text: str) -> bool:
    return _ENOUGH_WORDS.search(text) is not None


class PreviouslyChecked(Rule):
    """A check-worthy claim that the desk, or a fact-checker whose work it imported, has checked before.

    What it flags:
        Each check-worthy claim whose best match in the desk memory scores above the calibrated threshold: a
        verdict recorded in another article's registry (status accurate, inaccurate, misleading or
        unverifiable), or a public fact-check imported with ``factcheck memory import``. The message gives the
        past verdict and rating, who gave it and when, the checked claim and the link (a fact-check's url, or
        ``claims/NAME.yaml#C03``). A warning when the past verdict is inaccurate or misleading, else info. For a
        claim about office holders, figures, dates or plans, the message says when the verdict was made: such
        claims can change truth with time. A claim or a checked claim of fewer than six words ("He did not.",
        "8:20 a.m.") is never matched, nor one that is not a claim on its own: words about the reporting that
        every article repeats about another event ("did not respond to a request for comment", "the margin of
        error is 3 points", "sign up for the newsletter"), a text whose subject only the article around it names
        (it starts with "He", "They", "This" or "The poll", "The film", "The ministry"; or "..., they insist"), a
        piece of a sentence or a list item, or a text with no verb. Nor is a match that the claims' own evidence
        contradicts however many words they share: both name people, organisations or countries and none in
        common ("Mr Sullivan has pleaded guilty" is not "Mr. Shkreli has pleaded not guilty"); they give other
        numbers, or one gives a number the other does not ("One poll shows Cruz 16 points ahead" is not "Polls
        show Trump trailing Cruz"); both give years and none agree; both give a person's full name with one
        surname and other given names ("Eric Trump" is not "Donald Trump"); or they share names but no number
        or year, and little else once capitalised words are left out ("Angela Merkel condemned the attack" is not
        "Angela Merkel heralded the deal").

        On real news about eight in ten of its matches name the same claim, the bar for info flags: with a desk
        memory of every check-worthy claim of the PolNeAR articles published before 2016-04-01 (verdict
        accurate) and the later PolNeAR and all BBC articles reviewed, 22 of 27 flags of a sample drawn after
        this round's checks were right (0.81). Half of the right flags are one recurring editor's note; without
        it 9 of 14 (0.64). The false ones left name the same people about another event (another state's
        primary, a resignation against a chairmanship) or are a header ("The Latest on campaign 2016 ...").
        Figures and commands: docs/bench/mm01.md.

    Why it matters:
        Claims come back, reworded. A desk that already ruled on one should see its ruling, and the reasons,
        before spending the time again, and must not let a debunked claim through because nobody remembered.
        The flag never changes the editor's ``review`` block: the editor decides whether the old verdict
        applies.

    Example:
        With an imported ClaimReview rating "Leaders of Japan and the five Central Asian countries will hold
        their first summit in Astana, Kazakhstan, on 9 August 2024" as outdated, the sentence "On Friday,
        leaders from five Central Asian nations and Japan are scheduled to convene their first summit meeting in
        Kazakhstan." gets a warning naming the rating, its publisher, its date and its url.

    Configuration:
        The memory lives under the project root (``.factcheck/memory``, see ``docs/memory.md``); with no verdict
        in any registry and nothing imported, the rule raises nothing. The threshold is
        ``factcheck/memory/rerank_weights.json`` (calibrated by ``bench/eval_memory.py --fit``); the option
        ``memory_threshold`` overrides it for a run. On by default (``--ignore MM01`` turns it off for a run);
        what is never matched is listed in ``factcheck/memory/not_claims.json``.
    """

    code = "MM01"
    name = "memory.previously-checked"
    severity = Severity.INFO

    def check(self, ctx: CheckContext):
        memory = ctx.memory
        if memory is None or not len(memory):
            return
        threshold = float(ctx.options.get("memory_threshold", memory.weights.threshold))
        # (a claim that is not a claim on its own, evidence.context_bound, is dropped by the search's conflict
        # check, only for the few claims that have a candidate: testing every claim here cost more than it saved)
        claims = [c for c in ctx.claims if c.review.status is not ReviewStatus.NOT_CHECKWORTHY and _long_enough(c.text)]
        # the article's claims are searched together: one BM25 pass over the memory for all of them
        for claim, found in zip(claims, memory.search_claims([(c.text, c.mentions) for c in claims], top=1)):
            if not found or not memory.flags(found[0], threshold) or not _long_enough(found[0].record.text):
                continue
            match = found[0]
            record = match.record
            severity = Severity.WARNING if record.verdict is not None and record.verdict.is_warning else Severity.INFO
            yield self.flag(
                ctx,
                claim.span.start,
                claim.span.end,
                _message(record, time_bound=bool(_TIME_BOUND.intersection(claim.kinds))),
                severity=severity,
                evidence=[
                    Evidence(
                        source=record.source or "desk memory",
                        record=record.url,
                        detail=f"match score {match.score:.2f}: {record.text}",
                    )
                ],
            )


def _message(record, *, time_bound: bool) -> str:
    rating = record.rating or (record.verdict.value if record.verdict else "no rating")
    verdict = (
        f" ({record.verdict.value})" if record.verdict is not None and record.verdict.value != rating.lower() else ""
    )
    who = f" by {record.source}" if record.source else ""
    when = f" on {record.date}" if record.date else ""
    text = record.text if len(record.text) <= 160 else record.text[:157].rstrip() + "…"
    message = f"Checked before: rated '{rating}'{verdict}{who}{when}: “{text}” {record.url}"
    if time_bound:
        message += (
            f". The verdict dates from {record.date}; offices, figures and plans change, so check it still holds"
            if record.date
            else ". The verdict's date is unknown; offices, figures and plans change, so check it still holds"
        )
    return message
