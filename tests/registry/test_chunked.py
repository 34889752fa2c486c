"""The chunked re-run path (libyaml + fast emitter for tool-written claims, ruamel for editor-touched ones)
writes exactly what the plain ruamel round trip writes, whatever the editor did to the file."""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import api
from factcheck.registry import chunked

# Slow equivalence/property tests: run in CI (`.ci/run` runs `pytest -m slow`), not by a default `pytest`.
pytestmark = pytest.mark.slow
from factcheck.registry.merge import merge_into_tree
from factcheck.registry.yaml_io import (
    dump_registry, dump_tree, load_registry_text, plain, validate_tree, yaml_instance,
)

from .test_anchoring import _render, revisions
from .test_merge import ARTICLE
from .test_merge_property import _registry


@contextlib.contextmanager
def ruamel_only():
    """Today's reference: the whole file through ruamel.yaml's round trip."""
    saved = chunked._CLoader
    chunked._CLoader = None
    try:
        yield
    finally:
        chunked._CLoader = saved


def _merge(text, fresh, new_text):
    old, tree = load_registry_text(text)
    merge_into_tree(tree, old, fresh, new_text)
    return old, validate_tree(tree), dump_tree(tree)


def _both(text, fresh, new_text):
    fast = _merge(text, fresh, new_text)
    with ruamel_only():
        reference = _merge(text, fresh, new_text)
    assert fast[0] == reference[0]  # the same registry read
    assert fast[1] == reference[1]  # the same registry merged
    assert fast[2] == reference[2]  # the same bytes written
    return fast


def _edit(text: str, op: str, cid: str, sentence: str) -> str:
    item = f"  - id: {cid}\n"
    if item not in text:
        return text
    start = text.index(item)
    nxt = text.find("\n  - ", start + 1)
    end = len(text) if nxt == -1 else nxt + 1
    block = text[start:end]
    if op == "review":
        block = block.replace("    review:\n      status: unreviewed\n",
                              f"    # note on {cid}\n    review:\n      status: accurate\n      reviewer: ed\n")
    elif op == "eol":
        block = re.sub(r"(?m)^(      status: [a-z-]+)\n", r"\1  # later\n", block)
    elif op == "quoted":
        block = re.sub(r"(?m)^    anchor: ([a-z]+)\n", r'    anchor: "\1"\n', block)
    elif op == "block-span":
        block = re.sub(r"(?m)^    span: \{start: (\d+), end: (\d+)\}\n", r"    span:\n      start: \1\n      end: \2\n", block)
    elif op == "comment-before":
        block = "  # about the next claim\n" + block
    elif op == "comment-col0":
        block = "# a desk note\n" + block
    elif op == "draft-before":
        block = f"  - quote: {json.dumps(sentence, ensure_ascii=False)}\n" + block
    elif op == "blank-line":
        block = block + "\n"
    return text[:start] + block + text[end:]


def _render_paragraphs(sentences):
    """Sentences with a paragraph break after some (the same ones in every revision): contexts with line breaks."""
    text, spans = "", []
    for s in sentences:
        if text:
            text += "\n\n" if len(s) % 3 == 0 else " "
        spans.append((len(text), len(text) + len(s)))
        text += s
    return text, spans


OPS = ["review", "eol", "quoted", "block-span", "comment-before", "comment-col0", "draft-before", "blank-line"]


@settings(max_examples=120, deadline=None)
@given(revisions(), st.data())
def test_chunked_rerun_writes_what_ruamel_writes(rev, data):
    sentences, doc, _, _ = rev
    render = _render_paragraphs if data.draw(st.booleans()) else _render
    old, _ = _registry(sentences, render)
    text = dump_registry(old)
    for op, cid in data.draw(st.lists(st.tuples(st.sampled_from(OPS), st.sampled_from([c.id for c in old.claims])),
                                      max_size=4)):
        text = _edit(text, op, cid, data.draw(st.sampled_from(sentences)))
    if data.draw(st.booleans()):
        text += data.draw(st.sampled_from(["# end of file\n", "  # end\n", "    # end, indented\n"]))
    if data.draw(st.booleans()):
        text = text.replace("\nclaims:\n", "\n# desk: checked\nclaims:\n")
    fresh, new_text = _registry([s for _, s in doc], render)
    _, merged, out = _both(text, fresh, new_text)
    assert load_registry_text(out)[0] == merged


def test_untouched_registry_rerun_is_all_fast():
    """A registry nobody edited is read without ruamel's round trip for any claim."""
    sentences = ["The council met on Monday.", "It approved 12 projects.", "The mayor said it was a good day."]
    old, _ = _registry(sentences)
    text = dump_registry(old)
    loaded = chunked.load(text, yaml_instance(), plain)
    assert loaded is not None
    tree, _ = loaded
    assert getattr(tree, chunked.ATTR).roots == {}
    fresh, new_text = _registry(["A new first sentence."] + sentences)
    _both(text, fresh, new_text)


def test_desk_workflow_matches_ruamel(tmp_path):
    """The review → annotate → revise → review cycle, with flags and a dismissed flag: same bytes both ways."""
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    registry = api.analyse(api.load_article(article))
    text = dump_registry(registry)
    text = text.replace("    review:\n      status: unreviewed\n",
                        "    # checked\n    review:\n      status: accurate   # minutes\n", 1)
    text = re.sub(r"(        disposition: )open\n", r"\1dismissed\n        reason: house style\n", text, count=1)
    text += "  - quote: the toll of 3 dollars\n# end\n"
    revised = ARTICLE.replace("On Friday, the mayor", "A new paragraph.\n\nOn Friday, the mayor")
    article.write_text(revised, encoding="utf-8")
    fresh = api.analyse(api.load_article(article))
    _both(text, fresh, revised)
