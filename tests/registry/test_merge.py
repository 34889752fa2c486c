"""Merging re-runs into an annotated registry: editor fields and comments survive, ids are stable."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from factcheck import api
from factcheck.errors import RegistryError
from factcheck.registry.yaml_io import load_registry

ARTICLE = (
    "Harbour Town Opens New Bridge; Mayor Promises Lower Tolls\n\n"
    "On Friday, the mayor of Harbour Town opened a bridge that cost 12 million dollars.\n\n"
    "The bridge is the longest in the region, according to the council. "
    "Traffic is expected to fall by 30 percent within two years.\n\n"
    "Residents said the toll of 3 dollars was too high. The council will review the toll in March.\n"
)


@pytest.fixture
def desk(tmp_path):
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    claims = tmp_path / "claims"

    def run(text: str | None = None, **options):
        if text is not None:
            article.write_text(text, encoding="utf-8")
        return api.review(article, claims_dir=claims, reports_dir=None, **options)

    run.registry = claims / "bridge.yaml"
    run.article = article
    return run


def _claim_block(yaml_text: str, claim_id: str) -> str:
    start = yaml_text.index(f"- id: {claim_id}")
    nxt = yaml_text.find("\n  - ", start + 1)
    return yaml_text[start : nxt if nxt != -1 else len(yaml_text)]


def _annotate(path: Path, claim_id: str, review: str) -> None:
    text = path.read_text()
    block = _claim_block(text, claim_id)
    new_block = re.sub(r"    review:\n      status: [a-z-]+\n?", review, block)
    assert new_block != block
    path.write_text(text.replace(block, new_block))


REVIEW = (
    "    # editor: checked against the council minutes\n"
    "    review:\n"
    "      status: inaccurate   # it was 14 million\n"
    "      verdict: 'The bridge cost 14 million dollars, not 12.'\n"
    "      # sources below\n"
    "      evidence:\n"
    "        - url: https://example.org/minutes\n"
    "          accessed: 2024-03-02\n"
    "      reviewer: ana\n"
)


def _claim_id_for(registry, needle: str) -> str:
    return next(c.id for c in registry.claims if needle in c.text)


def _annotated_text(desk) -> tuple[str, str]:
    """Run once, annotate the '12 million' claim; the claim id and the registry text."""
    cid = _claim_id_for(desk().registry, "12 million")
    _annotate(desk.registry, cid, REVIEW)
    return cid, desk.registry.read_text()


def test_rerun_keeps_annotations_and_comments_byte_for_byte(desk):
    _, text = _annotated_text(desk)
    text = text.replace("claims:\n", "claims: # the desk's claims\n# a comment above the first claim\n", 1)
    text = text.replace("        disposition: open", "        disposition: dismissed  # fine in print\n        reason: dateline added by the subeditor", 1)
    text += "# a comment after the last item\n"
    desk.registry.write_text(text)
    before = desk.registry.read_text()
    desk()
    assert desk.registry.read_text() == before  # nothing changed in the article: not a byte changes


def test_revision_keeps_ids_annotations_and_marks_changed(desk):
    first = desk()
    ids = {c.text: c.id for c in first.registry.claims}
    cid = _claim_id_for(first.registry, "12 million")
    _annotate(desk.registry, cid, REVIEW)
    annotated_block = _claim_block(desk.registry.read_text(), cid)
    editor_part = annotated_block[annotated_block.index("    # editor:") :]
    revised = ARTICLE.replace("On Friday, the mayor", "Under grey skies, on Friday, the mayor")  # edit inside
    revised = revised.replace("\n\nResidents", "\n\nA new paragraph about the weather was added.\n\nResidents")
    revised = revised.replace(" The council will review the toll in March.", "")  # sentence deleted
    result = desk(revised)
    merged = result.registry
    by_id = {c.id: c for c in merged.claims}
    # the edited claim: same id, annotations intact, marked for a second look
    edited = by_id[cid]
    assert edited.anchor.value == "fuzzy" and "Under grey skies" in edited.text
    assert edited.previous_text is not None and "12 million" in edited.previous_text
    assert edited.review.status.value == "inaccurate" and edited.review.reviewer == "ana"
    assert editor_part in _claim_block(desk.registry.read_text(), cid)
    # untouched claims kept their ids and moved
    for text, claim_id in ids.items():
        if "Residents said" in text:
            assert by_id[claim_id].anchor.value == "moved" and by_id[claim_id].text == text
    # the deleted sentence is kept, orphaned
    gone = ids["The council will review the toll in March."]
    assert by_id[gone].anchor.value == "orphaned"
    # the new paragraph got a new id after the old ones
    new = [c for c in merged.claims if "weather" in c.text]
    assert len(new) == 1 and new[0].id not in ids.values()
    assert int(new[0].id[1:]) > max(int(i[1:]) for i in ids.values())


def test_dismissed_flag_stays_dismissed_while_text_unchanged(desk):
    first = desk()
    assert any(f.code == "TM02" for c in first.registry.claims for f in c.flags)
    text = desk.registry.read_text().replace("        disposition: open", "        disposition: dismissed\n        reason: ok", 1)
    desk.registry.write_text(text)
    second = desk(ARTICLE.replace("\n\nResidents", "\n\nAn inserted paragraph.\n\nResidents"))
    flag = next(f for c in second.registry.claims for f in c.flags if f.code == "TM02")
    assert flag.disposition.value == "dismissed" and flag.reason == "ok"


def _flags(registry) -> dict[str, list]:
    out: dict[str, list] = {}
    for claim in registry.claims:
        for flag in claim.flags:
            out.setdefault(flag.code, []).append(flag)
    return out


def test_decided_flag_no_longer_raised_is_kept_stale_and_revives(desk):
    desk()
    desk.registry.write_text(desk.registry.read_text().replace("        disposition: open", "        disposition: confirmed\n        reason: no dateline", 1))
    dated = desk(ARTICLE.replace("On Friday, the mayor", "On 3 May 2024, the mayor"))
    [flag] = _flags(dated.registry)["TM02"]
    assert (flag.stale, flag.disposition.value, flag.reason, flag.text) == (True, "confirmed", "no dateline", "On Friday")
    again = desk(ARTICLE)
    [flag] = _flags(again.registry)["TM02"]
    assert (flag.stale, flag.disposition.value, flag.reason) == (None, "confirmed", "no dateline")


@pytest.mark.parametrize("options", [{"select": ["HG"]}, {"ignore": ["TM02", "CL", "attribution."]}], ids=["select", "ignore"])
def test_rules_left_out_of_a_run_keep_their_flags(desk, options):
    full = _flags(desk().registry)
    assert {"TM02", "CL01", "AT03", "HG01"} <= set(full)
    text = desk.registry.read_text().replace("        disposition: open", "        disposition: dismissed  # dateline is in the print edition\n        reason: ok", 1)
    desk.registry.write_text(text)
    partial = desk(**options)
    assert partial.rules_run is not None and "HG01" in partial.rules_run and "TM02" not in partial.rules_run
    assert desk.registry.read_text() == text  # same article: the left-out rules' flags are not touched, not stale

    revised = ARTICLE.replace("\n\nOn Friday", "\n\nA paragraph added above the others.\n\nOn Friday")
    moved = _flags(desk(revised, **options).registry)  # the write validates every live span against the article
    assert {code: len(flags) for code, flags in moved.items()} == {code: len(flags) for code, flags in full.items()}
    [tm02] = moved["TM02"]
    assert (tm02.stale, tm02.disposition.value, tm02.reason) == (None, "dismissed", "ok")
    assert tm02.span.start == full["TM02"][0].span.start + len("A paragraph added above the others.\n\n")
    assert "# dateline is in the print edition" in desk.registry.read_text()


def test_editor_added_claim_is_anchored_and_kept(desk):
    desk()
    text = desk.registry.read_text().replace("claims:\n", "claims:\n  - quote: the toll of 3 dollars # my claim\n", 1)
    desk.registry.write_text(text)
    result = desk()
    editor = [c for c in result.registry.claims if c.origin == "editor"]
    assert len(editor) == 1
    claim = editor[0]
    assert claim.quote == "the toll of 3 dollars" and claim.anchor.value == "exact"
    assert ARTICLE[claim.span.start : claim.span.end] == "the toll of 3 dollars"
    assert "# my claim" in desk.registry.read_text()
    # survives a revision, keeps its id
    result = desk("Intro paragraph.\n\n" + ARTICLE)
    again = next(c for c in result.registry.claims if c.origin == "editor")
    assert again.id == claim.id and again.anchor.value == "moved"


def test_editor_claim_occurrence(desk):
    desk()
    text = desk.registry.read_text().replace("claims:\n", "claims:\n  - quote: the toll\n    occurrence: 2\n", 1)
    desk.registry.write_text(text)
    claim = next(c for c in desk().registry.claims if c.origin == "editor")
    assert claim.span.start == ARTICLE.index("the toll", ARTICLE.index("the toll") + 1)


def test_invalid_registry_is_never_overwritten(desk):
    desk()
    bad = desk.registry.read_text().replace("status: unreviewed", "status: false", 1)
    desk.registry.write_text(bad)
    with pytest.raises(RegistryError, match=r"bridge.yaml:\d+:\d+: C\d+\.review\.status: .*did you mean 'inaccurate'"):
        desk()
    assert desk.registry.read_text() == bad


def test_registry_changed_on_disk_is_not_overwritten(desk, monkeypatch):
    desk()
    from factcheck.registry import merge

    original = merge.merge_into_tree

    def slow_merge(tree, old, fresh, text, **options):  # another editor saves while we merge
        with open(desk.registry, "a", encoding="utf-8") as handle:
            handle.write("# saved by someone else\n")
        return original(tree, old, fresh, text, **options)

    monkeypatch.setattr(api, "merge_into_tree", slow_merge)
    with pytest.raises(RegistryError, match="changed on disk"):
        desk("Intro.\n\n" + ARTICLE)
    assert desk.registry.read_text().endswith("# saved by someone else\n")
    assert not [p for p in os.listdir(desk.registry.parent) if p.endswith(".tmp")]


def test_orphaned_claim_comes_back(desk):
    first = desk()
    cid = _claim_id_for(first.registry, "Residents said")
    quote = next(c.text for c in first.registry.claims if c.id == cid)
    without = ARTICLE.replace(quote + " ", "")
    assert desk(without).registry.claims[[c.id for c in desk(without).registry.claims].index(cid)].anchor.value == "orphaned"
    back = {c.id: c for c in desk(ARTICLE).registry.claims}[cid]
    assert back.anchor.value in ("exact", "moved") and back.text == quote
    registry, _ = load_registry(desk.registry)
    assert len([c for c in registry.claims if c.text == quote]) == 1


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line and "'#" not in line and '"#' not in line]


def test_comments_in_every_position_survive_a_revision(desk):
    _, text = _annotated_text(desk)
    text = text.replace("article:\n", "article: # about the article\n  # above path\n", 1)
    text = text.replace("claims:\n", "claims: # the desk's claims\n# above the first claim\n", 1)
    text = text.replace("    kinds:", "    # above kinds\n    kinds:", 2)
    text = text.replace("    mentions:\n", "    mentions: # tool data\n", 1)
    text += "# after the last item\n"
    desk.registry.write_text(text)
    before = desk.registry.read_text()
    desk("Intro paragraph.\n\n" + ARTICLE.replace("cost 12 million", "cost about 12 million"))
    after = desk.registry.read_text()
    assert _comments(after) == _comments(before)
    assert after.endswith("# after the last item\n")
    assert "      # sources below\n      evidence:\n" in after
    assert "    # editor: checked against the council minutes\n    review:\n" in after
