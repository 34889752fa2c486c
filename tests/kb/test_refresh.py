"""`factcheck kb update` and `kb status`: answers in the SPARQL endpoint's JSON format, never the network."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck import analyse, article_from_text
from factcheck.kb import load_kb
from factcheck.kb.cli import kb_app
from factcheck.kb.refresh import build_query, parse_response, read_offices

DATA = Path(__file__).parent / "data"
# An answer of https://query.wikidata.org/sparql to build_query(), byte for byte in the endpoint's
# application/sparql-results+json serialisation: "key" : value with two-space indents, bindings opened "[ {" and
# separated "}, {", a literal's "xml:lang" or "datatype" before "type" and "value", dateTimes as
# 2025-01-20T00:00:00Z. Modelled on a recorded WDQS answer kept as a test fixture in the public repository
# jwoudenberg/book-alert, main_test.go @ a04b5635003d1c5a4489c690d167cb8e97c5d27f (no network here to record
# our own). Real: the positions (Q14211, Q11696), Donald Trump (Q22686) with his two open-looking statements, and
# what the endpoint does with an unlabelled person (the QID as a literal without xml:lang) and with an "unknown
# value" start (a skolem IRI under /.well-known/genid/). Invented: Q900001 "Test Successor" (a future holder) and
# Q900002.
ANSWER = DATA / "wikidata_current_holders.json"
OFFICES = DATA / "refresh_offices.tsv"
runner = CliRunner()


def test_query_asks_for_open_position_statements():
    query = build_query(read_offices(OFFICES))
    assert "VALUES ?position { wd:Q11696 wd:Q14211 }" in query
    assert "pq:P580 ?start" in query and "FILTER NOT EXISTS { ?statement pq:P582 ?end }" in query


def test_the_recorded_answer_is_in_the_endpoints_format():
    text = ANSWER.read_text()
    answer = json.loads(text)
    select = build_query(read_offices(OFFICES)).split(" WHERE")[0].split()[1:]
    assert answer["head"]["vars"] == [v.lstrip("?") for v in select]
    assert text.startswith('{\n  "head" : {\n    "vars" : [ ') and '"bindings" : [ {\n' in text and "    }, {\n" in text
    for row in answer["results"]["bindings"]:
        for value in row.values():
            keys = list(value)
            assert keys[-2:] == ["type", "value"] and keys[:-2] in ([], ["xml:lang"], ["datatype"])
            assert value["type"] in ("uri", "literal")


def test_parse_keeps_the_newest_open_statement_and_reports_bad_rows():
    holders, problems = parse_response(json.loads(ANSWER.read_text()), read_offices(OFFICES))
    assert [(h.office_id, h.person_qid, h.name, h.start) for h in holders] == [
        ("GB.prime-minister", "Q900001", "Test Successor", dt.date(2026, 9, 1)),
        ("US.president", "Q22686", "Donald Trump", dt.date(2025, 1, 20)),
    ]
    assert sum("row skipped" in p for p in problems) == 1  # the "unknown value" start


def test_update_writes_a_dated_layer_that_extends_coverage_and_closes_the_old_term(tmp_path):
    result = runner.invoke(kb_app, ["update", "--response", str(ANSWER), "--offices", str(OFFICES),
                                    "--out-dir", str(tmp_path), "--as-of", "2026-10-15"])
    assert result.exit_code == 0, result.output
    layer = tmp_path / "kb-update-2026-10-15.yaml"
    assert layer.is_file() and "Test Successor" in result.output
    text = layer.read_text()
    assert "as_of: 2026-10-15" in text and "source: wikidata" in text and "Wikidata Q900001 P39 Q14211" in text
    kb = load_kb([layer])
    office = kb.offices["GB.prime-minister"]
    assert kb.office_window(office)[1] == dt.date(2026, 10, 15)
    (starmer,) = kb.people_named("Keir Starmer")
    (term,) = [t for t in kb.terms_of(starmer.id) if t.office_id == office.id]
    assert term.end == dt.date(2026, 9, 1)
    article = article_from_text("Talks\n\nBritish Prime Minister Keir Starmer met reporters.", date=dt.date(2026, 10, 1))
    flags = [f for c in analyse(article, kb=kb, select=["TM01"]).claims for f in c.flags]
    assert [(f.severity.value, "Test Successor" in f.message) for f in flags] == [("error", True)]


def test_update_without_network_or_answer_fails_cleanly(tmp_path):
    result = runner.invoke(kb_app, ["update", "--response", str(tmp_path / "missing.json"), "--out-dir", str(tmp_path)])
    assert result.exit_code == 2 and "could not get an answer" in result.output


def test_status_shows_window_and_newest_date():
    result = runner.invoke(kb_app, ["status", "--office", "GB.prime-minister", "--office", "TR.prime-minister",
                                    "--format", "json"])
    assert result.exit_code == 0, result.output
    gb, tr = json.loads(result.output)
    assert gb["complete_from"] <= "1997-05-02" and gb["known_to"] >= "2026-01-01" and "Keir Starmer" in gb["last_holder"]
    assert tr["abolished"] == "2018-07-09"
    text = runner.invoke(kb_app, ["status", "--country", "GB"])
    assert text.exit_code == 0 and "GB.prime-minister" in text.output and "GB.foreign-secretary" in text.output
