"""Issue 16 (6): re-anchoring is whitespace-tolerant, and a look-alike never takes a claim's place confidently.

Properties over random articles: re-wrapping the text (no word changed) keeps every claim anchored, adds no
duplicate and marks nothing changed; a look-alike sentence beside a line-broken original is never a `fuzzy`
anchor onto text another claim holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.models import ArticleDate, ArticleInfo, Claim, Context, Registry, Span
from factcheck.registry.anchoring import Reanchorer, StoredQuote, context_for
from factcheck.registry.merge import merge_into_tree
from factcheck.registry.yaml_io import dump_registry, load_registry_text, validate_tree

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
SENTENCE = st.lists(WORDS, min_size=5, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
INFO = ArticleInfo(path="a.txt", sha256="0" * 64, date=ArticleDate(basis="unknown"))


def _wrap(sentences: list[str], breaks: set[int]) -> tuple[str, list[tuple[int, int]]]:
    """The sentences joined by spaces, with the n-th space (counted over the whole text) made a line break."""
    text, spans, n = "", [], 0
    for s in sentences:
        if text:
            text += "\n" if n in breaks else " "
            n += 1
        start = len(text)
        for ch in s:
            if ch == " ":
                text += "\n" if n in breaks else " "
                n += 1
            else:
                text += ch
        spans.append((start, len(text)))
    return text, spans


def _registry(text: str, spans: list[tuple[int, int]]) -> Registry:
    claims = []
    for i, (s, e) in enumerate(spans):
        prefix, suffix = context_for(text, s, e)
        claims.append(Claim(id=f"C{i + 1:02d}", text=text[s:e], span=Span(start=s, end=e),
                            context=Context(prefix=prefix, suffix=suffix)))
    return Registry(article=INFO, claims=claims)


@settings(max_examples=120, deadline=None)
@given(st.lists(SENTENCE, min_size=2, max_size=10, unique=True), st.sets(st.integers(0, 200)), st.sets(st.integers(0, 200)))
def test_rewrapping_keeps_every_claim(sentences, old_breaks, new_breaks):
    old_text, old_spans = _wrap(sentences, old_breaks)
    new_text, new_spans = _wrap(sentences, new_breaks)
    old = _registry(old_text, old_spans)
    loaded, tree = load_registry_text(dump_registry(old))
    summary = merge_into_tree(tree, loaded, _registry(new_text, new_spans), new_text)
    merged = validate_tree(tree)
    assert summary.added == [] and summary.changed == []
    assert [c.anchor.value for c in merged.claims] == [c.anchor.value for c in merged.claims if c.anchor.value in ("exact", "moved")]
    assert [(c.span.start, c.span.end) for c in merged.claims] == new_spans


def _look_alike(sentence: str, data) -> str:
    words = sentence[:-1].split(" ")
    i = data.draw(st.integers(0, len(words) - 1))
    return " ".join(words[:i] + [words[i] + "x"] + words[i + 1:]) + "."


@settings(max_examples=120, deadline=None)
@given(st.lists(SENTENCE, min_size=2, max_size=6, unique=True), st.integers(0, 5), st.data())
def test_a_look_alike_beside_a_line_broken_original_does_not_take_its_place(sentences, which, data):
    which %= len(sentences)
    target = sentences[which]
    old_text, old_spans = _wrap(sentences, set())
    # the article is re-wrapped (the target now spans lines) and a look-alike is inserted right after it
    wrapped = target.replace(" ", "\n", 2)
    new_sentences = sentences[:which] + [wrapped, _look_alike(target, data)] + sentences[which + 1:]
    new_text, new_spans = _wrap(new_sentences, set())
    s, e = old_spans[which]
    for reanchorer in (Reanchorer(new_text), Reanchorer(new_text, old_text)):
        anchor = reanchorer.anchor(StoredQuote(old_text[s:e], s, e, *context_for(old_text, s, e)))
        assert anchor.status in ("exact", "moved"), anchor
        assert (anchor.start, anchor.end) == new_spans[which]


@settings(max_examples=120, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=5, unique=True), st.integers(0, 4), st.data())
def test_a_deleted_claim_is_never_fuzzy_onto_text_another_claim_holds(sentences, which, data):
    which %= len(sentences)
    twin = _look_alike(sentences[which], data)
    if twin in sentences:
        return
    # old: the claim and its look-alike side by side, each a claim; new: the claim deleted
    old_sentences = sentences[: which + 1] + [twin] + sentences[which + 1:]
    old_text, old_spans = _wrap(old_sentences, set())
    new_sentences = sentences[:which] + [twin] + sentences[which + 1:]
    new_text, new_spans = _wrap(new_sentences, set())
    old = _registry(old_text, old_spans)
    loaded, tree = load_registry_text(dump_registry(old))
    merge_into_tree(tree, loaded, _registry(new_text, new_spans), new_text)
    merged = {c.id: c for c in validate_tree(tree).claims}
    deleted, kept = merged[f"C{which + 1:02d}"], merged[f"C{which + 2:02d}"]
    assert kept.anchor.value in ("exact", "moved") and kept.text == twin
    assert deleted.anchor.value in ("ambiguous", "orphaned"), (deleted.anchor, deleted.text)


def test_a_rewrapped_claim_keeps_only_mentions_that_still_match():
    """A claim found again only with whitespace normalised (no fresh claim continues it): its mentions are shifted,
    and one whose role or speaker no longer covers its text is dropped, never written inconsistent."""
    from factcheck.models import Mention, MentionKind, Spanned, validate_spans

    old_text = "Intro line here.\n\nThe pilot, said Mr\nLearmount, landed safely today."
    new_text = "Intro line here.\n\nThe pilot, said Mr Learmount,\nlanded safely today."
    start = old_text.index("The pilot")
    end = len(old_text)
    speaker = old_text.index("Mr\nLearmount")
    quote = old_text.index("The pilot")
    mention = Mention(kind=MentionKind.QUOTE, text="The pilot", span=Span(start=quote, end=quote + 9),
                      speaker=Spanned(text="Mr\nLearmount", span=Span(start=speaker, end=speaker + 12)))
    prefix, suffix = context_for(old_text, start, end)
    claim = Claim(id="C01", text=old_text[start:end], span=Span(start=start, end=end),
                  context=Context(prefix=prefix, suffix=suffix), mentions=[mention])
    old = Registry(article=INFO, claims=[claim])
    validate_spans(old, old_text)
    loaded, tree = load_registry_text(dump_registry(old))
    merge_into_tree(tree, loaded, Registry(article=INFO, claims=[]), new_text)
    merged = validate_tree(tree)
    validate_spans(merged, new_text)
    assert merged.claims[0].anchor.value == "moved" and merged.claims[0].previous_text is None
