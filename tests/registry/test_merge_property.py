"""Property: whatever the revision, a merge keeps every claim, every id and every annotation."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.models import ArticleDate, ArticleInfo, Claim, Context, Registry, Review, Span, validate_spans
from factcheck.registry.anchoring import context_for
from factcheck.registry.merge import merge_into_tree
from factcheck.registry.yaml_io import dump_registry, load_registry_text, validate_tree, yaml_instance

# Slow equivalence/property tests: run in CI (`.ci/run` runs `pytest -m slow`), not by a default `pytest`.
pytestmark = pytest.mark.slow

from .test_anchoring import _render, revisions

INFO = ArticleInfo(path="a.txt", sha256="0" * 64, date=ArticleDate(basis="unknown"))


def _registry(sentences: list[str], render=_render) -> tuple[Registry, str]:
    text, spans = render(sentences)
    claims = []
    for i, (s, e) in enumerate(spans):
        prefix, suffix = context_for(text, s, e)
        claims.append(Claim(id=f"C{i + 1:02d}", text=text[s:e], span=Span(start=s, end=e),
                            context=Context(prefix=prefix, suffix=suffix)))
    return Registry(article=INFO, claims=claims), text


@settings(max_examples=150, deadline=None)
@given(revisions(), st.data())
def test_annotations_survive_any_revision(rev, data):
    sentences, doc, _, _ = rev
    old, _ = _registry(sentences)
    annotated = set(data.draw(st.lists(st.sampled_from([c.id for c in old.claims]), unique=True)))
    text = dump_registry(old)
    for cid in annotated:  # the editor reviews some claims, with a comment
        block = f"  - id: {cid}\n"
        start = text.index(block)
        end = text.index("    review:\n      status: unreviewed\n", start)
        text = text[:end] + f"    # note on {cid}\n    review:\n      status: accurate\n      reviewer: ed{cid}\n" + text[
            end + len("    review:\n      status: unreviewed\n") :]
    loaded, tree = load_registry_text(text)
    fresh, new_text = _registry([s for _, s in doc])
    merge_into_tree(tree, loaded, fresh, new_text)
    out = io.StringIO()
    yaml_instance().dump(tree, out)
    merged = validate_tree(tree)
    validate_spans(merged, new_text)
    by_id = {c.id: c for c in merged.claims}
    assert set(by_id) >= {c.id for c in old.claims}  # nothing deleted, ids kept
    assert len(by_id) == len(merged.claims)  # ids unique
    for cid in annotated:
        assert by_id[cid].review == Review(status="accurate", reviewer=f"ed{cid}")
        assert f"# note on {cid}\n" in out.getvalue()
    for claim in merged.claims:
        if claim.anchor.value in ("exact", "moved", "fuzzy"):
            assert new_text[claim.span.start : claim.span.end] == claim.text
    reloaded, _ = load_registry_text(out.getvalue())
    assert reloaded == merged
