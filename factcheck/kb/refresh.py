"""`factcheck kb update`: the current holders of the configured offices, from Wikidata's public SPARQL endpoint,
written as a dated desk layer with provenance. The only network access the tool has; everything else is offline.

The configured offices are ``data/refresh_offices.tsv`` (office id, Wikidata item of the position), or a file
the desk names with ``--offices``. The query asks for every P39 ("position held") statement of those positions
that has a start (P580) and no end (P582); the answer is ``application/sparql-results+json``.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ENDPOINT = "https://query.wikidata.org/sparql"
DEFAULT_OFFICES = Path(__file__).resolve().parent / "data" / "refresh_offices.tsv"
USER_AGENT = "factcheck-kb-update/1 (newsroom fact-checking tool; weekly desk refresh)"
_ENTITY = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class Holder:
    """One current holder of a configured office, as the endpoint states it."""

    office_id: str
    person_qid: str
    name: str
    start: dt.date


def read_offices(path: Path = DEFAULT_OFFICES) -> dict[str, str]:
    """office id -> Wikidata QID of the position (tab-separated; '#' starts a comment line)."""
    out: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            office_id, qid = line.split("\t")[:2]
            out[office_id.strip()] = qid.strip()
    return out


def build_query(offices: dict[str, str]) -> str:
    """The SPARQL query for the open P39 statements of the positions."""
    values = " ".join(f"wd:{q}" for q in sorted(set(offices.values())))
    return (
        "SELECT ?position ?person ?personLabel ?start WHERE {\n"
        f"  VALUES ?position {{ {values} }}\n"
        "  ?person p:P39 ?statement .\n"
        "  ?statement ps:P39 ?position ; pq:P580 ?start .\n"
        "  FILTER NOT EXISTS { ?statement pq:P582 ?end }\n"
        "  FILTER NOT EXISTS { ?statement wikibase:rank wikibase:DeprecatedRank }\n"
        '  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }\n'
        "}"
    )


def fetch(query: str, *, endpoint: str = ENDPOINT, timeout: float = 60.0) -> dict:
    """POST the query to the endpoint and return the decoded sparql-results+json answer."""
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        endpoint,
        data=body,
        headers={
            "Accept": "application/sparql-results+json",
            "User-Agent": USER_AGENT,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (a fixed https endpoint)
        return json.loads(response.read().decode("utf-8"))


def parse_response(answer: dict, offices: dict[str, str]) -> tuple[list[Holder], list[str]]:
    """Holders from a sparql-results+json answer, and problems (rows skipped, with why). Several open statements
    for one office keep the newest start (an old statement nobody closed is the usual cause)."""
    by_position: dict[str, list[str]] = {}
    for office_id, qid in offices.items():
        by_position.setdefault(qid, []).append(office_id)
    best: dict[str, Holder] = {}
    problems: list[str] = []
    for row in answer.get("results", {}).get("bindings", []):
        try:
            position = row["position"]["value"].removeprefix(_ENTITY)
            person = row["person"]["value"].removeprefix(_ENTITY)
            name = row.get("personLabel", {}).get("value", person)
            start = dt.date.fromisoformat(row["start"]["value"][:10].lstrip("+"))
        except (KeyError, ValueError) as err:
            problems.append(f"row skipped: {err!r} in {json.dumps(row)[:200]}")
            continue
        if name == person:
            problems.append(f"{person}: no English label; name left as the id")
        for office_id in by_position.get(position, []):
            current = best.get(office_id)
            if current is not None and current.person_qid != person:
                problems.append(
                    f"{office_id}: several open statements ({current.name} since {current.start}, {name} "
                    f"since {start}); kept the newest"
                )
            if current is None or start > current.start:
                best[office_id] = Holder(office_id, person, name, start)
    return [best[k] for k in sorted(best)], problems


def desk_yaml(holders: list[Holder], offices: dict[str, str], as_of: dt.date, endpoint: str = ENDPOINT) -> str:
    """The desk layer: one person per holder (Wikidata QID as id, so it extends the default record), the covered
    offices and the date. Plain YAML an editor can read and amend."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar

    lines = [
        f"# Written by `factcheck kb update` on {as_of}: current holders of {len(offices)} offices from",
        f"# {endpoint} (Wikidata, CC0), P39 statements with a start and no end. Review, then keep it",
        "# listed in factcheck.toml's [kb] layers. Later files (a newer update) override earlier ones.",
        f"as_of: {as_of.isoformat()}",
        "source: wikidata",
        "covers:",
        *[f"  - {oid}" for oid in sorted(offices)],
        "people:" if holders else "people: []",
    ]
    by_person: dict[str, list[Holder]] = {}
    for h in holders:
        by_person.setdefault(h.person_qid, []).append(h)
    for qid in sorted(by_person):
        hs = by_person[qid]
        lines += [f"  - id: {qid}", f"    name: {q(hs[0].name)}", "    terms:"]
        for h in sorted(hs, key=lambda h: h.office_id):
            lines += [
                f"      - office: {h.office_id}",
                f"        start: {h.start.isoformat()}",
                f"        note: {q(f'Wikidata {qid} P39 {offices[h.office_id]}, fetched {as_of}')}",
            ]
    return "\n".join(lines) + "\n"
