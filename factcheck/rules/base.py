"""What every rule is: a stable code, a dotted name, a default severity, a docstring that is its documentation,
and a ``check`` that turns the extracted article into flags."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from factcheck.extract.index import MentionIndex
from factcheck.models import ArticleDate, Claim, Evidence, Flag, Mention, MentionKind, Severity
from factcheck.resolve.linking import OfficeLink, link_offices

if TYPE_CHECKING:
    from factcheck.memory import Memory

DOC_SECTIONS = ("What it flags", "Why it matters", "Example", "Configuration")


@dataclass
class CheckContext(MentionIndex):
    """Everything a rule may look at: the article's sentences and mentions with their look-ups (``MentionIndex``),
    its claims and date, and ``kb``, the loaded knowledge base (None when a run has none).

    ``office_links``: the article's mentions linked to offices (``resolve.linking.link_offices``), handed on by the
    pipeline that found them; a context built without them (a test's) finds them on first use."""

    claims: list[Claim]
    article_date: ArticleDate
    as_of: dt.date | None = None
    kb: Any = None
    options: dict[str, Any] = field(default_factory=dict)
    links: list[OfficeLink] | None = field(default=None, repr=False, compare=False)
    # The sentences holding each pre-check word of the rules (``rules.text_helpers.sentences_with_words``), once per
    # article.
    word_sentences: dict[str, list[int]] | None = field(default=None, init=False, repr=False, compare=False)
    # The desk memory (past verdicts and imported fact-checks) this run searches, or None: passed in by the caller.
    memory: Memory | None = field(default=None, repr=False, compare=False)
    # What the extraction already built, handed on by ``pipeline.check`` so that it is not built again per article:
    # an index of the same ``mentions`` (their lists by kind), and the text lower-cased (``text.casefold.safe_lower``,
    # None when that could not fold it). A context without them (a test's) builds its own on first use.
    extracted: MentionIndex | None = field(default=None, repr=False, compare=False)
    lowered: str | None = field(default=None, repr=False, compare=False)

    @property
    def date_is_lower_bound(self) -> bool:
        """True when the article's date is the latest date its text names: the article may be later."""
        return self.article_date.is_lower_bound

    def mentions_of(self, kind: MentionKind) -> Iterator[Mention]:
        if self.extracted is not None:
            return self.extracted.mentions_of(kind)
        return super().mentions_of(kind)

    def mentions_in_sentence(self, kind: MentionKind, index: int) -> list[Mention]:
        if self.extracted is not None:  # the office linker filled its tables of dates, countries, organisations
            return self.extracted.mentions_in_sentence(kind, index)
        return super().mentions_in_sentence(kind, index)

    def folded_text(self) -> str | None:
        # safe_lower's text, where it folded one, is the lower-cased text with no "ı" or "ſ" to replace: the
        # same string the index would make
        if self.lowered is not None:
            return self.lowered
        return super().folded_text()

    @property
    def office_links(self) -> list[OfficeLink]:
        if self.links is None:
            self.links = link_offices(self, self.kb)
        return self.links


@dataclass(frozen=True)
class RuleFailure:
    """A rule that raised on an article: a diagnostic for stderr and the scan output, never a flag."""

    article: str | None
    code: str
    name: str
    error: str  # "ValueError: message"

    def __str__(self) -> str:
        return f"{self.article or '<article>'}: internal error in rule {self.code} ({self.name}): {self.error}"


class Rule:
    """Base class. Subclasses set ``code``, ``name``, ``severity`` and write a docstring with the sections
    "What it flags", "Why it matters", "Example" and "Configuration"."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    aliases: ClassVar[tuple[str, ...]] = ()
    needs_kb: ClassVar[bool] = False
    # Off by default: runs only when ``--select`` names it (code, prefix or name). For a rule whose labelled
    # precision on real text is below the bar for its severity; its docstring says why.
    opt_in: ClassVar[bool] = False

    def check(self, ctx: CheckContext) -> Iterable[Flag]:  # pragma: no cover - abstract
        raise NotImplementedError

    def flag(
        self,
        ctx: CheckContext,
        start: int,
        end: int,
        message: str,
        *,
        suggestion: str | None = None,
        evidence: Iterable[Evidence] = (),
        severity: Severity | None = None,
    ) -> Flag:
        """A flag of this rule over text[start:end]."""
        # Validated from its fields in one pass, the span included: the same checks and the same Flag as
        # Flag(..., span=Span(...)), without two model __init__ calls (a third less of a flag's cost).
        return Flag.model_validate(
            {
                "code": self.code,
                "name": self.name,
                "severity": severity or self.severity,
                "message": message,
                "text": ctx.text[start:end],
                "span": {"start": start, "end": end},
                "suggestion": suggestion,
                "evidence": list(evidence),
            }
        )

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().split("\n", 1)[0]


def catalogue(rules: Iterable[type[Rule]]) -> tuple[type[Rule], ...]:
    """The rules ordered by code, after checking that no code, name or alias names two rules (codes and names are
    unique and never reused)."""
    seen: dict[str, type[Rule]] = {}
    for rule in rules:
        for key in (rule.code, rule.name, *rule.aliases):
            if key in seen and seen[key] is not rule:
                raise ValueError(f"rule {key} is registered twice ({seen[key].__name__} and {rule.__name__})")
            seen[key] = rule
    return tuple(sorted(set(seen.values()), key=lambda r: r.code))
