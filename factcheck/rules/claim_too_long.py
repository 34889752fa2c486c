"""claim.too-long (CL02)."""

from __future__ import annotations

import bisect

from factcheck.extract.claims import MAX_MENTIONS_PER_CLAIM
from factcheck.extract.entities import MAX_RUN_WORDS
from factcheck.models import Severity
from factcheck.rules.base import CheckContext, Rule


class ClaimTooLong(Rule):
    """A claim too long to analyse fully: its mention list was capped, or a capitalised run in it was cut.

    What it flags:
        A claim holding more than 500 mentions (a page of numbers or dates with no full stop): the registry lists
        its first 500 only, and the flag points at the first one left out. Or a capitalised run of more than 30
        words ("Prime Minister John Smith Of The United Kingdom And …" with no full stop, a scraped navigation
        bar): no real title or name is that long, so the run was cut into pieces of 30 words, and a title or name
        across a cut may be misread; the flag points at the first mention found in a cut run.

    Why it matters:
        Such text is nearly always a scraping or formatting fault, not prose: the analysis is bounded so that one
        odd article cannot take minutes, and this flag says where it did not look at everything. Fix the text
        (restore the full stops and line breaks) and review it again.

    Example:
        "1,234 5,678 9,012 …" repeated for a page, with no full stop: one claim, one flag on its 501st number,
        "Claim of 12,000 characters holds more than 500 mentions; only the first 500 are listed and analysed …".

    Configuration:
        None. The limits are ``MAX_MENTIONS_PER_CLAIM`` (factcheck/extract/claims.py) and ``MAX_RUN_WORDS``
        (factcheck/extract/entities.py).
    """

    code = "CL02"
    name = "claim.too-long"
    severity = Severity.INFO

    def check(self, ctx: CheckContext):
        starts = None  # the mentions' starts (in text order), made only for an article with a capped claim
        for claim in ctx.claims:
            if len(claim.mentions) >= MAX_MENTIONS_PER_CLAIM:
                starts = starts if starts is not None else [m.span.start for m in ctx.mentions]
                left_out = _first_left_out(ctx.mentions, starts, claim)
                if left_out is not None:
                    yield self.flag(
                        ctx,
                        left_out.span.start,
                        left_out.span.end,
                        f"Claim of {len(claim.text):,} characters holds more than {MAX_MENTIONS_PER_CLAIM} mentions; "
                        f"only the first {MAX_MENTIONS_PER_CLAIM} are listed: is a full stop or a line break missing?",
                    )
                    continue
            cut = next((m for m in claim.mentions if m.attrs.cut), None)
            if cut is not None:
                yield self.flag(
                    ctx,
                    cut.span.start,
                    cut.span.end,
                    f"A run of capitalised words longer than {MAX_RUN_WORDS} was cut into pieces of {MAX_RUN_WORDS} "
                    "words (no title or name is that long), so titles and names in it may be misread: is a full stop "
                    "or a line break missing?",
                )


def _first_left_out(mentions: list, starts: list[int], claim):
    """The first mention inside the claim (in text order, as the claim lists them) past the ones it lists, or None."""
    s, e = claim.span.start, claim.span.end
    seen = 0
    for i in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
        if mentions[i].span.end <= e:
            seen += 1
            if seen > len(claim.mentions):
                return mentions[i]
    return None
