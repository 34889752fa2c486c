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
ANSWER = DATA / "wikidata_current_holders.json"  # application/sparql-results+json, as the endpoint answers
OFFICES = DATA / "refresh_offices.tsv"
runner = CliRunner()


def test_query_asks_for_open_position_statements():
    query = build_query(read_offices(OFFICES))
    assert "VALUES ?position { wd:Q11696 wd:Q14211 }" in query
    assert "pq:P580 ?start" in query and "FILTER NOT EXISTS { ?statement pq:P582 ?end }" in query


def test_parse_keeps_the_newest_open_statement_and_reports_bad_rows():
    holders, problems = parse_response(json.loads(ANSWER.read_text()), read_offices(OFFICES))
    assert [(h.office_id, h.person_qid, h.name, h.start) for h in holders] == [
        ("GB.prime-minister", "Q900001", "Test Successor", dt.date(2026, 9, 1)),
        ("US.president", "Q22686", "Donald Trump", dt.date(2025, 1, 20)),
    ]
    assert any("row skipped" in p for p in problems)


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
