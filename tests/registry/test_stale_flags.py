"""A flag an editor decided on is never deleted: when its rule stops raising it, it is kept as stale."""

import datetime as dt

from factcheck import api
from factcheck.registry.yaml_io import load_registry

ARTICLE = "Summit Opens\n\nOn Friday, the leaders of five nations will meet in Astana to sign a trade deal.\n"


def _tm02(registry):
    return [f for c in registry.claims for f in c.flags if f.code == "TM02"]


def test_dismissed_flag_survives_when_no_longer_raised_and_revives(tmp_path, kb):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    claims = tmp_path / "claims"
    api.review(article, claims_dir=claims, reports_dir=None, kb=kb)
    path = claims / "a.yaml"
    text = path.read_text(encoding="utf-8")
    assert "code: TM02" in text
    at = text.index("code: TM02")
    text = text[:at] + text[at:].replace(
        "disposition: open", "disposition: dismissed\n        reason: dated by the wire header  # desk", 1
    )
    path.write_text(text, encoding="utf-8")

    # With a date, TM02 is no longer raised: the editor's decision stays, marked stale.
    api.review(article, date=dt.date(2024, 8, 5), claims_dir=claims, reports_dir=None, kb=kb)
    registry, _ = load_registry(path)
    [flag] = _tm02(registry)
    assert flag.stale is True
    assert flag.disposition.value == "dismissed" and flag.reason == "dated by the wire header"
    assert "# desk" in path.read_text(encoding="utf-8")

    # The date given once is kept (editor_date) until the editor removes it: undated again, the rule raises the
    # flag again, live (not stale) and still dismissed.
    api.review(article, claims_dir=claims, reports_dir=None, kb=kb)
    assert [f.stale for f in _tm02(load_registry(path)[0])] == [True]
    text = path.read_text(encoding="utf-8")
    assert "editor_date: '2024-08-05'" in text
    path.write_text(text.replace("  editor_date: '2024-08-05'\n", ""), encoding="utf-8")
    api.review(article, claims_dir=claims, reports_dir=None, kb=kb)
    registry, _ = load_registry(path)
    [flag] = _tm02(registry)
    assert flag.stale is None
    assert flag.disposition.value == "dismissed"


def test_open_flags_no_longer_raised_are_dropped(tmp_path, kb):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    claims = tmp_path / "claims"
    api.review(article, claims_dir=claims, reports_dir=None, kb=kb)
    api.review(article, date=dt.date(2024, 8, 5), claims_dir=claims, reports_dir=None, kb=kb)
    registry, _ = load_registry(claims / "a.yaml")
    assert _tm02(registry) == []
