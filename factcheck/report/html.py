"""The HTML review report: one self-contained file (inline CSS and JS, no network) a desk chief reads in a browser.

Every piece of article text and every editor-written field goes through jinja2's autoescape; the only
markup not from the template is the timeline SVG, which ``timeline.render_svg`` builds from escaped text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factcheck.models import AnchorStatus, Claim, Registry, flag_is_open
from factcheck.report.context import environment, render_template, report_context


@dataclass(frozen=True)
class Piece:
    """A run of article text covered by the same claim (or none) and the same flags."""

    text: str
    claim: Claim | None
    flag_severity: str | None  # the worst open flag over this run, for the underline


def article_pieces(text: str, claims: list[Claim]) -> list[Piece]:
    """Cut the article at every claim and flag boundary; each run belongs to the narrowest claim covering it."""
    anchored = [c for c in claims if c.anchor is not AnchorStatus.ORPHANED and c.span.end <= len(text)]
    flags = [f for c in anchored for f in c.flags if flag_is_open(c, f) and f.span.end <= len(text)]
    cuts = {0, len(text)}
    for claim in anchored:
        cuts.update((claim.span.start, claim.span.end))
    for flag in flags:
        cuts.update((flag.span.start, flag.span.end))
    bounds = sorted(cuts)
    pieces: list[Piece] = []
    for start, end in zip(bounds, bounds[1:]):
        if start == end:
            continue
        covering = [c for c in anchored if c.span.start <= start and end <= c.span.end]
        claim = min(covering, key=lambda c: (c.span.end - c.span.start, c.id)) if covering else None
        over = [f.severity for f in flags if f.span.start <= start and end <= f.span.end]
        severity = max(over, key=lambda s: s.rank).value if over else None
        piece = Piece(text[start:end], claim, severity)
        if pieces and pieces[-1].claim is claim and pieces[-1].flag_severity == severity:
            pieces[-1] = Piece(pieces[-1].text + piece.text, claim, severity)
        else:
            pieces.append(piece)
    return pieces


def render_html(
    registry: Registry, article_text: str | None = None, *, template_dir: Path | None = None, line_offset: int = 0
) -> str:
    """The HTML report for a registry; without the article text it lists the claims only."""
    env = environment(template_dir, autoescape=True)
    context = report_context(registry, article_text, line_offset=line_offset)
    context["pieces"] = article_pieces(article_text, registry.claims) if article_text is not None else None
    context["kinds"] = sorted({k.value for c in registry.claims for k in c.kinds})
    return render_template(env, "report.html.j2", context)
