"""Rule test cases are data: tests/rules/cases/<CODE>.yml, one file per rule (sqlfluff's std_rule_cases model).

Each case gives an article text (and optionally its date and --as-of) and the exact flags the rule must raise:
the flagged text and, where the text occurs more than once, its start offset. A case may give a desk ``memory``: a
list of ClaimReview objects the run searches (built in a temporary folder).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from factcheck import analyse, article_from_text
from factcheck.rules import all_rules, get_rule
from factcheck.rules.base import DOC_SECTIONS

CASES = Path(__file__).parent / "cases"


def _load_cases():
    yaml = YAML(typ="safe", pure=True)
    for path in sorted(CASES.glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{name}")


def _memory(objects, folder: Path, kb):
    """A desk memory holding ``objects`` (ClaimReview dicts), or None for a case without one."""
    if not objects:
        return None
    from factcheck.memory import import_records, open_memory
    from factcheck.memory.claimreview import record_from_claimreview

    import_records(folder, [record_from_claimreview(obj) for obj in objects], kb=kb)
    return open_memory(folder, kb=kb)


@pytest.mark.parametrize("code, case", list(_load_cases()))
def test_rule_case(kb, code, case, tmp_path):
    rule = get_rule(code)
    date = case.get("date")
    article = article_from_text(case["text"], date=dt.date.fromisoformat(str(date)) if date else None)
    as_of = dt.date.fromisoformat(str(case["as_of"])) if case.get("as_of") else None
    memory = _memory(case.get("memory"), tmp_path, kb)
    registry = analyse(article, kb=kb, select=[rule.code], as_of=as_of, memory=memory)
    got = [(f.text, f.span.start) for c in registry.claims for f in c.flags if f.code == rule.code]
    expected = []
    for flag in case.get("flags") or []:
        start = flag.get("start", article.text.find(flag["text"]))
        assert start >= 0, f"expected flag text {flag['text']!r} is not in the case text"
        expected.append((flag["text"], start))
    assert sorted(got, key=lambda g: g[1]) == sorted(expected, key=lambda e: e[1])
    for flag, want in zip(
        sorted((f for c in registry.claims for f in c.flags if f.code == rule.code), key=lambda f: f.span.start),
        sorted(case.get("flags") or [], key=lambda f: f.get("start", article.text.find(f["text"]))),
    ):
        if "message_contains" in want:
            assert want["message_contains"] in flag.message
        if "severity" in want:
            assert flag.severity.value == want["severity"]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_cases_and_complete_docs(rule):
    assert (CASES / f"{rule.code}.yml").is_file(), f"no test cases for {rule.code}: add tests/rules/cases/{rule.code}.yml"
    doc = rule.documentation()
    for section in DOC_SECTIONS:
        assert f"{section}:" in doc, f"{rule.code} docstring lacks the section {section!r}"
    assert rule.name.count(".") == 1 and rule.code[:2].isalpha() and rule.code[2:].isdigit()
