from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.kb import DeskError, default_kb, load_desk_file, load_kb
from factcheck.kb.cli import kb_app

FIX = Path(__file__).parent / "fixtures"
runner = CliRunner()


def test_desk_layer_applies():
    kb = load_kb([FIX / "desk_ok.yaml"])
    layer = str(FIX / "desk_ok.yaml")
    assert kb.resolve_office("CCS", "JP").layer == layer
    (p,) = kb.people_named("Taro Yamada")
    (t,) = kb.terms_of(p.id)
    assert t.layer == layer and t.start == date(2020, 1, 1)
    assert kb.people_named("Suga Yoshihide")[0].id == "Q122465"
    assert kb.organisation("TIAS").layer == layer
    assert kb.country("Land of the Rising Sun").id == "JP"
    abe = [t for t in kb.terms_of("Q132345") if t.start == date(2006, 9, 26)][0]
    assert abe.end == date(2007, 9, 25) and abe.layer == layer
    # the cached default is untouched
    assert default_kb().people_named("Taro Yamada") == []


def problems_of(name):
    with pytest.raises(DeskError) as exc:
        load_kb([FIX / name])
    return exc.value.problems


def test_typo_key_suggests():
    (p,) = problems_of("desk_typo_key.yaml")
    assert (p.line, p.field) == (4, "people[0].alises") and "did you mean 'aliases'" in p.message


def test_bad_date():
    (p,) = problems_of("desk_bad_date.yaml")
    assert p.line == 6 and p.field.endswith("start") and "YYYY-MM-DD" in p.message


def test_duplicate_id():
    (p,) = problems_of("desk_duplicate.yaml")
    assert p.line == 4 and "duplicate id" in p.message


def test_overlap():
    (p,) = problems_of("desk_overlap.yaml")
    assert p.line == 9 and "overlaps" in p.message


def test_unknown_office_reference():
    (p,) = problems_of("desk_unknown_office.yaml")
    assert p.line == 5 and "JP.prime-minister" in p.message


def test_nothing_loaded_half():
    with pytest.raises(DeskError):
        load_kb([FIX / "desk_ok.yaml", FIX / "desk_overlap.yaml"])
    assert default_kb().people_named("Taro Yamada") == []


def test_cli_check_ok_and_bad():
    r = runner.invoke(kb_app, ["check", str(FIX / "desk_ok.yaml")])
    assert r.exit_code == 0, r.output
    r = runner.invoke(kb_app, ["check", str(FIX / "desk_typo_key.yaml")])
    assert r.exit_code == 2 and "desk_typo_key.yaml:4:" in r.output


def test_cli_show():
    r = runner.invoke(kb_app, ["show", "Yoshihide Suga"])
    assert r.exit_code == 0 and "Q122465" in r.output and "2020-09-16" in r.output
    r = runner.invoke(kb_app, ["show", "Yoshihide Suga", "--kb", str(FIX / "desk_ok.yaml")])
    assert str(FIX / "desk_ok.yaml") in r.output and "[default]" in r.output


def test_cli_help_has_examples():
    for cmd in ("check", "show"):
        r = runner.invoke(kb_app, [cmd, "--help"])
        assert r.exit_code == 0 and "Example" in r.output
