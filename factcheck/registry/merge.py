"""Merging a fresh analysis into the registry an editor has annotated, editing the loaded YAML in place.

Ownership (see docs/registry.md):

- tool-owned, refreshed on every run: ``article`` (all of it), a claim's ``text``, ``span``, ``context``,
  ``anchor``, ``kinds``, ``checkworthiness``, ``mentions``, and each flag's fields but ``disposition``/``reason``;
- editor-owned, never rewritten: a claim's ``review`` block, ``quote`` and ``occurrence`` (editor-added
  claims), a flag's ``disposition`` and ``reason``; and every comment;
- ``id`` is assigned once and kept; ``previous_text`` is set by the tool when a claim's text changed
  (its review needs a second look) and removed only by the editor.

Nothing is ever deleted: a claim whose text vanished stays, marked ``anchor: orphaned``. Mappings are
updated key by key (replacing a mapping would drop its comments); unchanged values are not touched,
so their formatting and quoting stay byte-for-byte.
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from factcheck.models import EDITOR, TOOL, Claim, Flag, Registry, owned_fields
from factcheck.registry.anchoring import Anchor, Reanchorer, StoredQuote, context_for, occurrences, sketch_old_text
from factcheck.registry.yaml_io import plain, registry_to_data, tidy_claim_data, to_yaml_tree

# Derived from the models' ownership metadata (models.owner): one declaration, no list to keep in step.
CLAIM_TOOL_KEYS = owned_fields(Claim, TOOL)
CLAIM_KEY_ORDER = ("id", "quote", "occurrence") + CLAIM_TOOL_KEYS + ("previous_text", "review")
FLAG_EDITOR_KEYS = frozenset(owned_fields(Flag, EDITOR))
MATCH_MIN_OVERLAP = 0.5  # a fresh claim continues an old one when their spans overlap this much (IoU)
MATCH_MIN_SIMILARITY = 60.0  # ... and their texts are this similar (rapidfuzz ratio)
_ID = re.compile(r"^C(\d+)$")


@dataclass
class MergeSummary:
    kept: int = 0
    added: list[str] = field(default_factory=list)
    anchors: dict[str, str] = field(default_factory=dict)  # claim id → anchor status
    changed: list[str] = field(default_factory=list)  # claims whose text changed: review needs a second look
    editor_added: list[str] = field(default_factory=list)

    def needs_attention(self) -> list[str]:
        return [cid for cid, status in self.anchors.items() if status not in ("exact", "moved")]


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


# --- in-place editing of ruamel nodes -------------------------------------------------------------


def _is_block(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def _tail(node: Any) -> tuple[Any, Any, int]:
    """The container, key and comment slot where ruamel keeps the comment lines after ``node``'s last line."""
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = list(node.keys())[-1]
            if _is_block(node[key]):
                node = node[key]
                continue
            return node, key, 2
        if isinstance(node, CommentedSeq) and len(node):
            i = len(node) - 1
            if _is_block(node[i]):
                node = node[i]
                continue
            return node, i, 0
        return None, None, 0


def _split_off(container: Any, key: Any, slot: int) -> Any:
    """Detach the full comment lines from a comment slot, leaving its end-of-line comment in place."""
    entry = container.ca.items.get(key) if container is not None else None
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None or "\n" not in token.value:
        return None
    eol, _, rest = token.value.partition("\n")
    if not rest.strip():
        return None
    moved = copy.copy(token)
    moved.value = "\n" + rest
    if eol:
        token.value = eol + "\n"
    else:
        entry[slot] = None
    return moved


def _attach(container: Any, key: Any, slot: int, token: Any) -> None:
    if token is None or container is None:
        return
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    current = entry[slot]
    if current is None:
        entry[slot] = token
    else:
        current.value = current.value.rstrip("\n") + token.value


def _key_tail(node: CommentedMap, key: Any) -> tuple[Any, Any, int]:
    return _tail(node[key]) if _is_block(node[key]) else (node, key, 2)


def detach_trailing(node: Any) -> Any:
    """Take the comment lines that follow ``node`` (not its last end-of-line comment), to re-attach later."""
    return _split_off(*_tail(node))


def attach_trailing(node: Any, token: Any) -> None:
    _attach(*_tail(node), token)


def keep_comments(node: CommentedMap, edit) -> None:
    """Run ``edit(node)`` so that comment lines stay above the key they were above, and after the last key.

    ruamel stores a comment line as a tail of the value before it; when the tool replaces or inserts that
    value, the comment would vanish or drift. Detach every such comment first, re-attach it afterwards.
    """
    keys = list(node.keys())
    above: dict[Any, Any] = {}
    for prev, key in zip(keys, keys[1:]):
        token = _split_off(*_key_tail(node, prev))
        if token is not None:
            above[key] = token
    trailing = detach_trailing(node)
    edit(node)
    keys = list(node.keys())
    for key, token in above.items():
        if key in node and keys.index(key) > 0:
            _attach(*_key_tail(node, keys[keys.index(key) - 1]), token)
        else:
            trailing = token if trailing is None else _joined(token, trailing)
    attach_trailing(node, trailing)


def _joined(first: Any, second: Any) -> Any:
    first.value = first.value.rstrip("\n") + second.value
    return first


def _insert_position(node: CommentedMap, key: str, order: tuple[str, ...]) -> int:
    """Where a missing key goes: after the last key that comes before it in the canonical order."""
    if key not in order:
        return len(node)
    before = set(order[: order.index(key)])
    keys = list(node.keys())
    pos = 0
    for i, k in enumerate(keys):
        if k in before:
            pos = i + 1
    return pos


def set_key(node: CommentedMap, key: str, value: Any, order: tuple[str, ...] = ()) -> None:
    """Set one key, touching nothing when the value is unchanged; mappings are updated key by key."""
    if key in node:
        current = node[key]
        if isinstance(current, dict) and isinstance(value, dict):
            update_map(current, value, delete_missing=True)
        elif plain(current) != value:
            node[key] = to_yaml_tree(value, key)
            if isinstance(current, CommentedSeq) and isinstance(node[key], CommentedSeq):
                _carry_item_comments(current, node[key])
    else:
        node.insert(_insert_position(node, key, order), key, to_yaml_tree(value, key))


def _item_key(item: Any) -> Any:
    """What identifies a list item across runs: a mention's kind and text (its span moves), else the item."""
    data = plain(item)
    return (data.get("kind"), data.get("text")) if isinstance(data, dict) else repr(data)


def _carry_item_comments(old: CommentedSeq, new: CommentedSeq) -> None:
    """Comment lines written above an item of a replaced list stay above the same item (by ``_item_key``), or
    above the item now at its place: a note between ``mentions`` is never deleted because spans shifted."""
    if not old.ca.items or not len(new):
        return
    keys = [_item_key(x) for x in new]
    for i, entry in sorted(old.ca.items.items()):
        if not isinstance(i, int) or i >= len(old):
            continue
        k = _item_key(old[i])
        j = keys.index(k) if k in keys else min(i, len(new) - 1)
        new.ca.items.setdefault(j, entry)


def update_map(
    node: CommentedMap,
    data: dict,
    *,
    keep: frozenset = frozenset(),
    delete_missing: bool = False,
    order: tuple[str, ...] | None = None,
    tool_keys: tuple[str, ...] | None = None,
) -> None:
    order = order or tuple(data)
    for key, value in data.items():
        if key not in keep:
            set_key(node, key, value, order)
    if delete_missing:
        for key in list(node.keys()):
            if key not in data and key not in keep and (tool_keys is None or key in tool_keys):
                del node[key]


@dataclass
class FlagScope:
    """Where a claim's flags from rules that did not run this time now sit in the new text.

    ``not_run`` are the codes of the rules a ``--select``/``--ignore`` run left out; ``start``/``end`` the
    claim's new span and ``delta`` how far the claim moved.
    """

    not_run: frozenset[str]
    text: str
    start: int
    end: int
    delta: int

    def follow(self, flag: CommentedMap) -> bool:
        """Move ``flag``'s span to where its text is now, inside the claim (the occurrence nearest to where the
        move puts it); False when its text is no longer in the claim."""
        quote, span = flag.get("text"), flag.get("span")
        if not isinstance(quote, str) or not quote or not isinstance(span, dict):
            return False
        expected = int(span.get("start", 0)) + self.delta
        found = occurrences(self.text, quote, self.start, self.end)
        if not found:
            return False
        start = min(found, key=lambda i: (abs(i - expected), i))
        if (span.get("start"), span.get("end")) != (start, start + len(quote)):
            span["start"], span["end"] = start, start + len(quote)
        return True


def _merge_flags(node: CommentedMap, fresh_flags: list[dict], scope: FlagScope | None = None) -> None:
    old = node.get("flags") or []
    used: set[int] = set()
    items = []
    for flag in fresh_flags:
        match = next(
            (
                i
                for i, f in enumerate(old)
                if i not in used
                and isinstance(f, dict)
                and f.get("code") == flag["code"]
                and f.get("text") == flag["text"]
            ),
            None,
        )
        if match is None:
            items.append(to_yaml_tree(flag))
        else:
            used.add(match)
            update_map(old[match], flag, keep=FLAG_EDITOR_KEYS, delete_missing=True)
            items.append(old[match])
    for i, f in enumerate(old):
        if i in used or not isinstance(f, dict):
            continue
        # A rule left out of this run (--select/--ignore) said nothing new: its flags stay as they were.
        if scope is not None and f.get("code") in scope.not_run and not f.get("stale") and scope.follow(f):
            items.append(f)
            continue
        # A flag the editor decided on is the editor's record: when its rule no longer raises it, keep it as stale.
        if f.get("disposition", "open") != "open" or f.get("reason"):
            if not f.get("stale"):
                f["stale"] = True
            items.append(f)
    if not items:
        if "flags" in node:
            del node["flags"]
        return
    if isinstance(old, CommentedSeq) and "flags" in node:
        if [id(x) for x in old] != [id(x) for x in items]:
            del old[:]
            old.extend(items)
    else:
        seq = CommentedSeq(items)
        node.insert(_insert_position(node, "flags", CLAIM_KEY_ORDER), "flags", seq)


def _apply_claim(node: CommentedMap, data: dict, scope: FlagScope | None = None) -> None:
    """Refresh a claim's tool-owned fields from fresh data; editor-owned keys are left alone."""
    flags = data.get("flags", [])
    tool = {k: v for k, v in data.items() if k in CLAIM_TOOL_KEYS and k != "flags"}
    for key, value in tool.items():
        set_key(node, key, value, CLAIM_KEY_ORDER)
    for key in ("mentions",):
        if key not in data and key in node:
            del node[key]
    _merge_flags(node, flags, scope)


def _mark_changed(node: CommentedMap, old_text: str, summary: MergeSummary, claim_id: str) -> None:
    if "previous_text" not in node:  # keep the oldest: the text the review was made against
        node.insert(_insert_position(node, "previous_text", CLAIM_KEY_ORDER), "previous_text", old_text)
    summary.changed.append(claim_id)


# --- the merge ------------------------------------------------------------------------------------


def _stored(claim: Claim) -> StoredQuote:
    return StoredQuote(claim.text, claim.span.start, claim.span.end, claim.context.prefix, claim.context.suffix)


def anchor_quote(reanchorer: Reanchorer, quote: str, occurrence: int | None) -> Anchor:
    """Anchor an editor's bare quote: the n-th occurrence, the only one, or a fuzzy match."""
    found = occurrences(reanchorer.text, quote)
    if occurrence is not None:
        if occurrence <= len(found):
            s = found[occurrence - 1]
            return Anchor("exact", s, s + len(quote))
        return Anchor("orphaned", 0, 0, 0.0)
    if len(found) == 1:
        return Anchor("exact", found[0], found[0] + len(quote))
    if found:
        return Anchor("ambiguous", found[0], found[0] + len(quote))
    anchor = reanchorer.anchor(StoredQuote(quote, 0, 0))
    return anchor if anchor.status != "orphaned" else Anchor("orphaned", 0, 0, 0.0)


def _shift(data: Any, delta: int) -> Any:
    if isinstance(data, dict):
        if set(data) == {"start", "end"}:
            return {"start": data["start"] + delta, "end": data["end"] + delta}
        return {k: _shift(v, delta) for k, v in data.items()}
    if isinstance(data, list):
        return [_shift(v, delta) for v in data]
    return data


def _located_anchor_data(text: str, anchor: Anchor) -> dict:
    prefix, suffix = context_for(text, anchor.start, anchor.end)
    return {
        "text": text[anchor.start : anchor.end],
        "span": {"start": anchor.start, "end": anchor.end},
        "context": {"prefix": prefix, "suffix": suffix},
        "anchor": anchor.status,
    }


def _match(fresh: Registry, candidates: list[tuple[Claim, Anchor]]) -> dict[str, int]:
    """Old claim id → index of the fresh claim that continues it (one to one, best pairs first)."""
    starts = [c.span.start for c in fresh.claims]
    pairs = []
    for old, anchor in candidates:
        i = max(0, bisect.bisect_right(starts, anchor.start) - 1)
        while i < len(fresh.claims) and fresh.claims[i].span.start < anchor.end:
            f = fresh.claims[i]
            inter = min(f.span.end, anchor.end) - max(f.span.start, anchor.start)
            union = max(f.span.end, anchor.end) - min(f.span.start, anchor.start)
            if inter > 0 and inter / union >= MATCH_MIN_OVERLAP:
                sim = 100.0 if _same_text(f.text, old.text) else fuzz.ratio(old.text, f.text)
                if sim >= MATCH_MIN_SIMILARITY:
                    pairs.append((inter / union + sim / 100, old.id, i))
            i += 1
    pairs.sort(key=lambda p: -p[0])
    taken_old: dict[str, int] = {}
    taken_fresh: set[int] = set()
    for _, old_id, i in pairs:
        if old_id not in taken_old and i not in taken_fresh:
            taken_old[old_id] = i
            taken_fresh.add(i)
    return taken_old


def _id_allocator(existing: list[str]):
    numbers = [int(m.group(1)) for cid in existing if (m := _ID.match(cid))]
    width = max([2] + [len(cid) - 1 for cid in existing if _ID.match(cid)])
    state = {"next": max(numbers, default=0) + 1}

    def new_id() -> str:
        n = state["next"]
        state["next"] += 1
        return f"C{n:0{width}d}"

    return new_id


def _refresh_claim(
    node: CommentedMap,
    claim: Claim,
    anchor: Anchor,
    matched: dict[str, int],
    fresh_data: dict,
    new_text: str,
    summary: MergeSummary,
    not_run: frozenset[str] = frozenset(),
) -> None:
    def scope(start: int, end: int) -> FlagScope | None:
        return FlagScope(not_run, new_text, start, end, start - claim.span.start) if not_run else None

    if claim.id in matched:
        data = dict(fresh_data["claims"][matched[claim.id]])
        same = _same_text(claim.text, data["text"])
        status = anchor.status if same and anchor.status in ("exact", "moved") else ("moved" if same else "fuzzy")
        if same and status == "exact" and data["span"] != {"start": claim.span.start, "end": claim.span.end}:
            status = "moved"
        data["anchor"] = status
        data.pop("origin", None)
        _apply_claim(node, data, scope(data["span"]["start"], data["span"]["end"]))
        if not same:
            _mark_changed(node, claim.text, summary, claim.id)
    elif anchor.confident:
        old_data = tidy_claim_data(claim.model_dump(mode="json", exclude_none=True))
        delta = anchor.start - claim.span.start
        data = _shift({k: v for k, v in old_data.items() if k in ("mentions", "flags")}, delta)
        data.update(_located_anchor_data(new_text, anchor))
        if not _same_text(claim.text, data["text"]):
            _mark_changed(node, claim.text, summary, claim.id)

        def keep(item: dict) -> bool:  # the item (and its role, speaker) still covers its text after the shift
            parts = [item] + [item[k] for k in ("role", "speaker") if isinstance(item.get(k), dict)]
            return all(new_text[p["span"]["start"] : p["span"]["end"]] == p["text"] for p in parts)

        data["mentions"] = [m for m in data.get("mentions", []) if keep(m)]
        data["flags"] = [f for f in data.get("flags", []) if keep(f)]
        if not data["mentions"]:
            data.pop("mentions")
        _apply_claim(node, data, scope(anchor.start, anchor.end))
    else:
        set_key(node, "anchor", anchor.status, CLAIM_KEY_ORDER)
        if anchor.status == "orphaned":  # its text is gone: its flags speak for text that is no longer there
            for flag in node.get("flags") or []:
                if isinstance(flag, dict) and not flag.get("stale"):
                    flag["stale"] = True


def _fill_draft(node: CommentedMap, cid: str, anchor: Anchor, new_text: str) -> None:
    node.insert(0, "id", cid)
    located = _located_anchor_data(new_text, anchor)
    if anchor.status == "orphaned":
        located["text"] = str(node["quote"])
    located["origin"] = "editor"
    for key, value in located.items():
        set_key(node, key, value, CLAIM_KEY_ORDER)
    if "review" not in node:
        node.insert(len(node), "review", to_yaml_tree({"status": "unreviewed"}))


def _no_fuzzy_onto_held_text(anchors: dict[str, Anchor]) -> None:
    """A fuzzy anchor onto text another claim holds for sure (exact or moved) is a look-alike: make it
    ``ambiguous`` so a human decides, instead of handing the other claim's text this claim's review."""
    held = sorted((a.start, a.end) for a in anchors.values() if a.status in ("exact", "moved") and a.end > a.start)
    for cid, anchor in list(anchors.items()):
        if anchor.status != "fuzzy":
            continue
        for s, e in held:  # fuzzy anchors are few: a scan over the held spans is cheap
            if s >= anchor.end:
                break
            if min(e, anchor.end) > max(s, anchor.start):
                anchors[cid] = Anchor("ambiguous", anchor.start, anchor.end, anchor.score)
                break


def merge_into_tree(
    tree: CommentedMap, old: Registry, fresh: Registry, new_text: str, *, not_run: frozenset[str] = frozenset()
) -> MergeSummary:
    """Merge ``fresh`` (a new analysis of ``new_text``) into ``tree`` (the loaded registry of ``old``).

    ``not_run``: codes of the rules this analysis left out (``--select``/``--ignore``); their flags are kept as
    they were, following their text, instead of being treated as no longer raised.
    """
    summary = MergeSummary()
    end_comment = detach_trailing(tree)  # comments after the last claim stay at the end of the file
    fresh_data = registry_to_data(fresh)
    tree["format"] = fresh_data["format"] if tree.get("format") != fresh_data["format"] else tree["format"]
    if isinstance(tree.get("article"), dict):
        keep_comments(tree["article"], lambda n: update_map(n, fresh_data["article"], delete_missing=True))
    else:
        tree["article"] = to_yaml_tree(fresh_data["article"])
    if not isinstance(tree.get("claims"), list):
        tree["claims"] = CommentedSeq()
    seq: CommentedSeq = tree["claims"]
    nodes = {str(n["id"]): n for n in seq if isinstance(n, dict) and "id" in n}

    stored = [_stored(c) for c in old.claims] + [
        StoredQuote(b.text, b.span.start, b.span.end) for b in old.article.boilerplate
    ]
    reanchorer = Reanchorer(new_text, sketch_old_text(stored) if stored else None)
    anchors: dict[str, Anchor] = {}
    for claim in old.claims:
        node = nodes[claim.id]
        quote = node.get("quote")
        if claim.origin == "editor" and quote is not None and quote != claim.text:
            anchors[claim.id] = anchor_quote(reanchorer, str(quote), node.get("occurrence"))
        else:
            anchors[claim.id] = reanchorer.anchor(_stored(claim))

    _no_fuzzy_onto_held_text(anchors)
    matchable = [(c, anchors[c.id]) for c in old.claims if c.origin == "tool" and anchors[c.id].confident]
    matched = _match(fresh, matchable)
    for claim in old.claims:
        node, anchor = nodes[claim.id], anchors[claim.id]
        keep_comments(
            node,
            lambda n, claim=claim, anchor=anchor: _refresh_claim(
                n, claim, anchor, matched, fresh_data, new_text, summary, not_run
            ),
        )
        summary.kept += 1
        summary.anchors[claim.id] = str(node["anchor"])

    new_id = _id_allocator(list(nodes))
    taken = set(matched.values())
    # editor-added claims: a bare `- quote: ...` entry
    for node in seq:
        if isinstance(node, dict) and "id" not in node and "quote" in node:
            anchor = anchor_quote(reanchorer, str(node["quote"]), node.get("occurrence"))
            cid = new_id()
            keep_comments(node, lambda n, cid=cid, anchor=anchor: _fill_draft(n, cid, anchor, new_text))
            summary.editor_added.append(cid)
            summary.anchors[cid] = anchor.status
    for i, data in enumerate(fresh_data["claims"]):
        if i in taken:
            continue
        data = dict(data)
        data["id"] = new_id()
        seq.append(to_yaml_tree(data))
        summary.added.append(data["id"])
        summary.anchors[data["id"]] = data.get("anchor", "exact")
    attach_trailing(tree, end_comment)
    return summary
