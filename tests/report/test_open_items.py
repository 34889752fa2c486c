"""Issue 4: the Markdown report lists every claim whose anchor is not exact/moved under the open items."""

import re

from typer.testing import CliRunner

from factcheck.cli import app

ARTICLE = """Ministers agree on new rail corridor

The finance ministers of five countries signed an agreement on Tuesday to build a rail corridor worth 12 billion dollars.

The corridor will carry 30 million tonnes of freight a year by 2030, the ministers said in a joint statement.

Officials said construction would begin next spring after a final survey of the route.
"""


def open_items(markdown: str) -> list[str]:
    section = markdown.split("## Open items", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("- [ ]")]


def test_revised_article_lists_fuzzy_and_orphaned_claims_to_confirm(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "corridor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["review", "corridor.txt"]).exit_code in (0, 1)
    assert not [i for i in open_items((tmp_path / "reports" / "corridor.md").read_text()) if "anchor" in i]

    # a word edited inside one claim, another sentence replaced, so the claims after it move
    article.write_text(ARTICLE.replace("worth 12 billion dollars", "worth about 12 billion US dollars")
                       .replace("Officials said construction would begin next spring after a final survey of the route.",
                                "The weather was mild."), encoding="utf-8")
    assert runner.invoke(app, ["review", "corridor.txt"]).exit_code in (0, 1)
    registry = (tmp_path / "claims" / "corridor.yaml").read_text()
    statuses = dict(re.findall(r"- id: (C\d+)\n(?:.*\n)*?    anchor: (\w+)", registry))
    assert {"fuzzy", "orphaned", "moved"} <= set(statuses.values()), statuses

    anchor_items = {re.search(r"\[(C\d+)\]", i).group(1): i for i in open_items(
        (tmp_path / "reports" / "corridor.md").read_text()) if "anchor" in i}
    unconfirmed = {cid for cid, status in statuses.items() if status not in ("exact", "moved")}
    assert set(anchor_items) == unconfirmed
    for cid in unconfirmed:
        assert f"anchor {statuses[cid]}: confirm" in anchor_items[cid]
