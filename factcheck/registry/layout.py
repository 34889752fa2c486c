"""The registry's YAML layout, declared once: read by the reference writer (ruamel.yaml, ``yaml_io``) and by the
fast emitter (``fast_yaml``), which must write the same bytes.

Block mappings and sequences everywhere, except: small mappings on one line (spans, contexts, dates, a mention's
role and speaker, features, attrs), the items of ``mentions`` as one-line mappings, and ``kinds`` and
``boilerplate`` as one-line sequences. Lines are never wrapped below ``WIDTH`` columns.
"""

from __future__ import annotations

WIDTH = 4096
MAPPING_INDENT, SEQUENCE_INDENT, SEQUENCE_OFFSET = 2, 4, 2
FLOW_MAP_KEYS = frozenset({"span", "context", "date", "role", "speaker", "features", "attrs"})
FLOW_SEQ_KEYS = frozenset({"kinds", "boilerplate"})
FLOW_ITEM_KEYS = frozenset({"mentions", "evidence_kb"})  # sequences whose mapping items are written in flow style
FLOW_ITEM = "mentions_item"  # the pseudo-key an item of a FLOW_ITEM_KEYS sequence is laid out under
