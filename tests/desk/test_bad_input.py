"""Issue 16 (8)+(9): every bad input ends in one line naming the file (and line) and the fix, exit 2, nothing
written; reads and YAML expansion are bounded; desk templates run sandboxed; exports are safe to embed."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from .conftest import ARTICLE, run

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


def _snapshot(desk: Path) -> dict[str, bytes]:
    return {str(p.relative_to(desk)): p.read_bytes() for p in sorted(desk.rglob("*")) if p.is_file()}


def _assert_refused(result, desk: Path, before: dict[str, bytes], *, name: str, started: float) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()  # (status still prints its table's header on stdout)
    assert len(lines) == 1 and name in lines[0], result.output
    assert "Traceback" not in result.output
    assert _snapshot(desk) == before
    assert time.monotonic() - started < 20


def _corrupt(registry: Path, how: str) -> None:
    text = registry.read_text(encoding="utf-8")
    if how == "utf8":
        registry.write_bytes(text.encode().replace(b"Leaders Meet", b"Leaders \xff Meet", 1))
    elif how == "utf16":
        registry.write_bytes(text.encode("utf-16"))
    elif how == "nul":
        registry.write_bytes(text.encode().replace(b"Leaders Meet", b"Leaders\x00Meet", 1))
    elif how == "deep":
        registry.write_text(text.replace("  title: Leaders Meet", "  title: " + "[" * 3000 + "]" * 3000, 1), encoding="utf-8")
    elif how == "hugeint":
        registry.write_text(text.replace("span: {start: 0,", "span: {start: 1" + "0" * 5000 + ",", 1), encoding="utf-8")
    elif how == "surrogate":
        registry.write_text(text.replace("  title: Leaders Meet", '  title: "Leaders \\ud800 Meet"', 1), encoding="utf-8")
    elif how == "bomb":
        registry.write_text(text + "".join("bomb_" + line + "\n" for line in BOMB.splitlines()).replace("*", "*bomb_").replace("&", "&bomb_"), encoding="utf-8")
    elif how == "bignum":
        registry.write_text(text.replace("span: {start: 0,", "span: {start: 99999999999999,", 1), encoding="utf-8")
    else:
        raise AssertionError(how)


@pytest.mark.parametrize("how", ["utf8", "utf16", "nul", "deep", "hugeint", "surrogate", "bomb", "bignum"])
@pytest.mark.parametrize("command", ["review", "validate", "report", "status"])
def test_a_broken_registry_is_one_line_exit_2_nothing_written(desk, how, command):
    assert run("review", "story.txt").exit_code in (0, 1)
    registry = desk / "claims" / "story.yaml"
    _corrupt(registry, how)
    before = _snapshot(desk)
    args = {"review": ["review", "story.txt"], "validate": ["validate", "claims/story.yaml"],
            "report": ["report", "claims/story.yaml"], "status": ["status", "claims"]}[command]
    started = time.monotonic()
    _assert_refused(run(*args), desk, before, name="story.yaml", started=started)


@pytest.mark.parametrize("front, expected", [
    ("date: 2024-13-45", "date"),
    (BOMB.rstrip("\n"), "alias"),
    ("title: " + "[" * 3000 + "]" * 3000, "nested"),
])
def test_bad_front_matter_is_one_line(desk, front, expected):
    (desk / "bad.md").write_text(f"---\n{front}\n---\n{ARTICLE}", encoding="utf-8")
    before = _snapshot(desk)
    started = time.monotonic()
    result = run("review", "bad.md")
    _assert_refused(result, desk, before, name="bad.md", started=started)
    assert expected in result.output


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "2024-02-30"])
def test_impossible_dates_are_usage_errors(desk, date):
    result = run("review", "story.txt", "--date", date)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (desk / "claims").exists()


def test_device_is_read_bounded(desk):
    if not Path("/dev/urandom").exists():
        pytest.skip("no /dev/urandom")
    before = _snapshot(desk)
    started = time.monotonic()
    _assert_refused(run("review", "/dev/urandom"), desk, before, name="/dev/urandom", started=started)


def test_fifo_is_read_bounded(desk):
    fifo = desk / "feed.txt"
    os.mkfifo(fifo)
    stop = threading.Event()

    def endless():
        try:
            with open(fifo, "wb") as out:
                while not stop.is_set():
                    out.write(b"word " * 65536)
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    started = time.monotonic()
    try:
        result = run("review", "feed.txt")
    finally:
        stop.set()
    assert result.exit_code == 2 and "feed.txt" in result.output and time.monotonic() - started < 30
    assert not (desk / "claims").exists()


@pytest.mark.parametrize("template, expected", [
    ("{{ article.path ", "report.md.j2:1"),
    ("{{ no_such_thing.x }}", "report.md.j2"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "report.md.j2"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "report.md.j2"),
])
def test_desk_template_errors_and_escapes_are_one_line(desk, template, expected):
    assert run("review", "story.txt").exit_code in (0, 1)
    (desk / "tpl").mkdir()
    (desk / "tpl" / "report.md.j2").write_text(template, encoding="utf-8")
    before = _snapshot(desk)
    started = time.monotonic()
    result = run("report", "claims/story.yaml", "--template", "tpl")
    _assert_refused(result, desk, before, name=expected, started=started)
    assert "uid=" not in result.output


def test_jsonld_cannot_close_the_script_element_and_links_are_web_links(desk):
    (desk / "story.txt").write_text(ARTICLE.replace("officials said", "officials said </script><script>alert(1)</script> & more"), encoding="utf-8")
    assert run("review", "story.txt").exit_code in (0, 1)
    registry = desk / "claims" / "story.yaml"
    text = registry.read_text(encoding="utf-8")
    at = text.index("    text: The two leaders")
    review_at = text.index("      status: unreviewed", at)
    registry.write_text(
        text[:review_at]
        + "      status: inaccurate\n      evidence:\n        - url: javascript:alert(1)\n        - url: 'data:text/html,<b>x</b>'\n"
        + "        - url: https://example.org/source\n"
        + text[review_at + len("      status: unreviewed"):],
        encoding="utf-8",
    )
    for fmt in ("claimreview", "annotations"):
        result = run("report", "claims/story.yaml", "--format", fmt, "-o", "-")
        assert result.exit_code == 0, result.output
        assert "</script" not in result.stdout and "<" not in result.stdout and "&" not in result.stdout
        assert "javascript:" not in result.stdout and "data:" not in result.stdout
        data = json.loads(result.stdout)
        assert "</script>" in json.dumps(data, ensure_ascii=False)  # the text itself is intact
    annotations = run("report", "claims/story.yaml", "--format", "annotations", "-o", "-").stdout
    assert "https://example.org/source" in annotations


def test_standard_input_is_read_bounded(desk, monkeypatch):
    import factcheck.article

    monkeypatch.setattr(factcheck.article, "MAX_ARTICLE_BYTES", 4096)
    before = _snapshot(desk)
    started = time.monotonic()
    result = run("review", "-", "--stdin-name", "piped.txt", input=ARTICLE * 200)
    _assert_refused(result, desk, before, name="<stdin>", started=started)
    assert "longer than" in result.stderr
