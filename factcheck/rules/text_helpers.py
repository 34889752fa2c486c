"""Small text helpers the language rules share: the sentence around an offset, quote spans to skip."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from factcheck.models import Mention, MentionKind, Span
from factcheck.rules.base import CheckContext


class Sentences:
    """The article's sentences, for finding the one around an offset (built once per rule run)."""

    def __init__(self, ctx: CheckContext):
        self.pairs = [(s.start, s.end) for s in ctx.doc.sentences]
        self.starts = [p[0] for p in self.pairs]

    def at(self, pos: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding offset pos."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.pairs[i][0] <= pos < self.pairs[i][1]:
            return self.pairs[i]
        return None

    def index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1


class SpanIndex:
    """Mentions indexed by start offset, to find the ones a span covers by bisection instead of a scan."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        starts = [m.span.start for m in mentions]
        self.order: range | list[int]
        # Mentions of one kind usually come in text order already: no sort then (a stable sort would keep it).
        if all(a <= b for a, b in zip(starts, starts[1:])):
            self.order, self.starts = range(len(mentions)), starts
        else:
            self.order = sorted(range(len(mentions)), key=starts.__getitem__)
            self.starts = [starts[k] for k in self.order]

    def covered(self, span: Span) -> list[int]:
        """Positions (in mention order) of the mentions whose span lies within ``span``."""
        lo, hi = bisect.bisect_left(self.starts, span.start), bisect.bisect_right(self.starts, span.end)
        return sorted(k for k in self.order[lo:hi] if span.covers(self.mentions[k].span))

    def first_covered(self, span: Span) -> Mention | None:
        found = self.covered(span)
        return self.mentions[found[0]] if found else None

    def last_covered(self, span: Span) -> Mention | None:
        found = self.covered(span)
        return self.mentions[found[-1]] if found else None


def quote_spans(ctx: CheckContext) -> list[tuple[int, int]]:
    """Spans of direct quotes, sorted; rules about the writer's own claims skip text inside them."""
    return sorted((m.span.start, m.span.end) for m in ctx.mentions_of(MentionKind.QUOTE))


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether pos lies inside one of the sorted spans."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def headline_end(ctx: CheckContext) -> int:
    """Offset where the headline ends (0 when there is none)."""
    return ctx.doc.headline.end if ctx.doc.headline else 0


_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s(\[]))[‘'](?=\w)")
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?])[’'](?=[\s.,;:!?)]|$)")


def in_open_quote(text: str, start: int, pos: int) -> bool:
    """Whether pos follows an opening quotation mark in text[start:pos] that is not closed before it.

    Catches quotes the quote extractor missed: curly double marks counted open/close, straight double marks by
    parity, single marks (headlines: Greek sprinters 'won't run again') by an opening mark before a word with
    no closing mark after a word. Apostrophes inside words ("won't") are neither.
    """
    before = text[start:pos]
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return True
    if "'" not in before and "‘" not in before:
        return False  # no single mark to open a quote (most sentences): no pattern to try
    # one character past pos so an opening mark right before pos sees the word it opens
    opens = [m.start() for m in _OPEN_SINGLE.finditer(text[start : pos + 1]) if m.start() < pos - start]
    if not opens:
        return False
    return not _CLOSE_SINGLE.search(before, opens[-1] + 1)


# The lower-case words each language rule's pattern cannot match without, by rule code (``declare_words``).
_RULE_WORDS: dict[str, frozenset[str]] = {}


def declare_words(key: str, words: tuple[str, ...]) -> str:
    """Declare (when a rule module is imported) words without one of which the rule's pattern cannot match in a
    sentence, in lower case (a space in a phrase stands for any white space); ``sentences_with_words(ctx, key)``
    then lists the sentences that hold one. Returns key."""
    _RULE_WORDS[key] = frozenset(words)
    _word_scan.cache_clear()
    return key


@lru_cache(maxsize=1)
def _word_scan() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, ...]]]:
    """Patterns for every declared word at the start of a word (after a character that is not a-z, and at the
    text's start), and for each word the keys that one of its prefixes was declared for: at a position the
    pattern takes the longest word (a prefix tree with greedy optional endings), and a shorter word starting
    there ("plan" within "plans") is found too.

    The rules' patterns only take these words at a word start (after a space or a word boundary), so looking
    for them there finds every sentence the patterns can match; and a pattern that opens with "a character that
    is not a-z" lets ``re`` skip from one such character to the next, which halves the scan."""
    words = sorted(set().union(*_RULE_WORDS.values()))
    owners = {w: tuple(k for k, ws in _RULE_WORDS.items() if any(w.startswith(v) for v in ws)) for w in words}
    trie = word_trie(words)
    return re.compile("[^a-z](" + trie + ")"), re.compile(trie), owners


_WHITE_SPACE = re.compile(r"\s+")


def sentences_with_words(ctx: CheckContext, key: str) -> list[int] | range:
    """Indexes (in order) of the sentences in which one of the words declared for ``key`` starts a word, in
    any letter case.

    One scan of the article's folded text finds the words of every rule at once (shared through the context's
    memo), instead of one pre-check per rule and sentence. A word that starts in a sentence and runs past its end
    counts for that sentence, which only adds a sentence to try. When lower-casing changes the text's length
    ("İ") every sentence is listed."""

    def build() -> dict[str, list[int]]:
        after_non_letter, at_start, owners = _word_scan()
        folded = ctx.folded_text()
        assert folded is not None  # build() runs only when the folded text exists
        found: dict[str, list[int]] = {k: [] for k in _RULE_WORDS}
        starts = ctx.sentence_starts()
        sentences = ctx.doc.sentences

        def add(word: str, pos: int) -> None:
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0 or pos >= sentences[i].end:
                return  # between sentences
            if word not in owners:  # a phrase written with other white space ("people\nfamiliar", "will\n")
                word = _WHITE_SPACE.sub(" ", word)
            for k in owners[word]:
                listed = found[k]
                if not listed or listed[-1] != i:
                    listed.append(i)

        first = at_start.match(folded)
        if first:
            add(first.group(), 0)
        pos = 0
        while (m := after_non_letter.search(folded, pos)) is not None:
            add(m.group(1), m.start(1))
            pos = m.start(1)
        return found

    if ctx.folded_text() is None:
        return range(len(ctx.doc.sentences))
    if ctx.word_sentences is None:
        ctx.word_sentences = build()
    return ctx.word_sentences[key]


def one_of(words: list[str] | tuple[str, ...]) -> str:
    """A regular-expression alternation of the literal words of a vocabulary (a rule's data file), longest first, so
    that where one word begins another the longer is tried first, as ``plans?`` would ("plans|plan")."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def word_trie(words: list[str] | tuple[str, ...]) -> str:
    """A regular expression matching exactly the given literal words, written as a tree of their shared prefixes
    ("plan|plans|poised" → "p(?:lan(?:s)?|oised)"). A space in a word stands for any run of white space.

    ``re`` tries the branches of a plain alternation one after another at every position; grouped by prefix, it
    tests one branch per letter, which makes a search for dozens of words across a whole article about a third
    faster. Where one word is a prefix of another, the longer one is tried first (greedy optional endings)."""
    tree: dict[str, dict[str, Any]] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + pattern(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if optional else group

    return pattern(tree)
