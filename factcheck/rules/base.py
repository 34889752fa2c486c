"""What every rule is: a stable code, a dotted name, a default severity, a docstring that is its documentation,
and a ``check`` that turns the extracted article into flags."""

from __future__ import annotations

import bisect
import datetime as dt
import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, TypeVar

from factcheck.models import ArticleDate, Claim, Evidence, Flag, Mention, MentionKind, Severity, Span
from factcheck.text.segment import Document, Sentence

_T = TypeVar("_T")

DOC_SECTIONS = ("What it flags", "Why it matters", "Example", "Configuration")


@dataclass
class CheckContext:
    """Everything a rule may look at. ``kb`` is the loaded knowledge base (None when a run has none)."""

    doc: Document
    claims: list[Claim]
    mentions: list[Mention]
    article_date: ArticleDate
    as_of: dt.date | None = None
    kb: Any = None
    options: dict[str, Any] = field(default_factory=dict)
    # A dict to keep the memo in, for a caller that builds more than one context over the same extraction (the
    # article-date step, then the rules): what one context computed, the next one finds. Memo entries depend only
    # on the text, the mentions and the KB (never on the article date, claims or options), so sharing is safe.
    shared: dict[Any, Any] | None = field(default=None, repr=False, compare=False)
    # Per-article indexes and results the rules share, built on first use (see ``memo``).
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.shared is not None:
            self._memo = self.shared

    @property
    def text(self) -> str:
        return self.doc.text

    def memo(self, key: Any, build: Callable[[], _T]) -> _T:
        """``build()`` computed once per article and shared by every rule that asks for ``key``.

        The key includes the identity and length of the mention and sentence lists, so an index never
        outlives a list it was built from (rules do not change them; tests that build contexts might)."""
        full = (key, id(self.mentions), len(self.mentions), id(self.doc.sentences), len(self.doc.sentences))
        try:
            return self._memo[full]
        except KeyError:
            value = self._memo[full] = build()
            return value

    def mentions_of(self, kind: MentionKind) -> Iterator[Mention]:
        """The mentions of one kind, in the order of ``mentions`` (indexed once per article)."""
        return iter(self.memo("mentions by kind", self._by_kind).get(kind, ()))

    def _by_kind(self) -> dict[MentionKind, list[Mention]]:
        out: dict[MentionKind, list[Mention]] = {}
        for m in self.mentions:
            out.setdefault(m.kind, []).append(m)
        return out

    def folded_text(self) -> str | None:
        """The text in lower case with the same offsets, for fast case-insensitive pre-checks with a
        case-sensitive pattern of lower-case ASCII words; None when lower-casing changes the length ("İ").

        "ı" and "ſ" (which ``re.IGNORECASE`` matches to "i" and "s") become "i" and "s"; the Kelvin sign lowers to "k".
        """

        def build() -> str | None:
            low = self.text.lower()
            if len(low) != len(self.text):
                return None
            return low.replace("ı", "i").replace("ſ", "s")

        return self.memo("folded text", build)

    def sentence_starts(self) -> list[int]:
        return self.memo("sentence starts", lambda: [s.start for s in self.doc.sentences])

    def sentence_index(self, pos: int) -> int | None:
        """Index of the sentence holding offset ``pos`` (by bisection), or None when it is in no sentence."""
        i = bisect.bisect_right(self.sentence_starts(), pos) - 1
        if i >= 0 and pos < self.doc.sentences[i].end:
            return i
        return None

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding offset ``pos``, or None."""
        i = self.sentence_index(pos)
        return None if i is None else self.doc.sentences[i]

    def mentions_in_sentence(self, kind: MentionKind, index: int) -> list[Mention]:
        """The mentions of one kind that start in sentence ``index``, in the order of ``mentions``."""
        def build() -> dict[int, list[Mention]]:
            out: dict[int, list[Mention]] = {}
            for m in self.mentions_of(kind):
                i = self.sentence_index(m.span.start)
                if i is not None:
                    out.setdefault(i, []).append(m)
            return out

        return self.memo(("mentions by sentence", kind), build).get(index, [])


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
        return Flag(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            text=ctx.text[start:end],
            span=Span(start=start, end=end),
            suggestion=suggestion,
            evidence=list(evidence),
        )

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().split("\n", 1)[0]


_RULES: dict[str, type[Rule]] = {}


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the catalogue. Codes and names are unique and never reused."""
    for key in (rule.code, rule.name):
        if key in _RULES and _RULES[key] is not rule:
            raise ValueError(f"rule {key} is registered twice")
    _RULES[rule.code] = rule
    return rule


def registered() -> dict[str, type[Rule]]:
    return dict(_RULES)


def registered_codes():
    """A view of the registered codes, without the copy ``registered`` makes."""
    return _RULES.keys()
