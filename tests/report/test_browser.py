"""The HTML report in a real browser: headless Chromium loads it, a click on a highlight shows its claim.

Skipped (with the reason) only when no Chromium is installed; `.ci/run` installs Debian's `chromium`.
Set FACTCHECK_SCREENSHOT_DIR to keep the screenshots for a look.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck.report import render

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium")


def find_chromium() -> str | None:
    for name in (os.environ.get("FACTCHECK_CHROMIUM"), *CANDIDATES):
        if name and (found := shutil.which(name)):
            return found
    return None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found (apt-get install chromium, or set FACTCHECK_CHROMIUM)")

# Appended to a copy of the report: acts like a reader (click a highlight, pick a filter) and writes what the
# page then shows into the DOM, which --dump-dom prints.
PROBE = """<script>
(function () {
  var result = {};
  var marks = document.querySelectorAll("mark.claim");
  result.marks = marks.length;
  result.claimsHighlighted = Array.from(new Set(Array.from(marks, function (m) { return m.dataset.claim; }))).sort();
  var target = document.querySelector('mark.claim[data-claim="%(claim)s"]');
  target.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
  var selected = document.querySelectorAll(".card.selected");
  result.selected = Array.from(selected, function (c) { return c.id; });
  var card = document.getElementById("%(claim)s");
  var box = card.getBoundingClientRect();
  result.cardVisible = box.top >= 0 && box.top < window.innerHeight && box.height > 0;
  result.cardText = card.innerText;
  result.hash = location.hash;
  result.pwned = window.__pwned === 1;
  var status = document.getElementById("f-status");
  status.value = "%(status)s";
  status.dispatchEvent(new Event("change"));
  result.shownAfterFilter = Array.from(document.querySelectorAll(".card"), function (c) { return c.hidden ? null : c.id; }).filter(Boolean);
  result.dimmedMarks = document.querySelectorAll("mark.claim.dim").length;
  status.value = "";
  status.dispatchEvent(new Event("change"));
  target.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
  document.body.setAttribute("data-probe", JSON.stringify(result));
})();
</script>
</body>"""


def chromium(*args: str, user_data: Path, size: str = "1280,1000") -> subprocess.CompletedProcess:
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--hide-scrollbars", f"--window-size={size}", f"--user-data-dir={user_data}",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


def probe(page: str, claim: str, status: str, tmp_path: Path) -> tuple[dict, Path]:
    assert page.count("</body>") == 1
    probed = tmp_path / "probe.html"
    probed.write_text(page.replace("</body>", PROBE % {"claim": claim, "status": status}), encoding="utf-8")
    done = chromium("--dump-dom", probed.as_uri(), user_data=tmp_path / "profile")
    match = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert match, f"the probe did not run; chromium said: {done.stderr[-2000:]}"
    return json.loads(htmllib.unescape(match.group(1))), probed


def test_click_on_highlight_shows_its_claim(annotated_seed, tmp_path):
    registry, text = annotated_seed
    suga = next(c for c in registry.claims if "Yoshihide Suga" in c.text)
    page = render(registry, "html", article_text=text)
    result, probed = probe(page, suga.id, "inaccurate", tmp_path)

    assert result["claimsHighlighted"] == sorted(c.id for c in registry.claims)
    assert result["marks"] >= len(registry.claims)
    assert result["selected"] == [suga.id]
    assert result["cardVisible"], "the clicked claim's card is scrolled into view"
    assert "Verdict: inaccurate" in result["cardText"] and "TM01" in result["cardText"]
    assert result["hash"] == f"#{suga.id}"
    assert result["shownAfterFilter"] == [suga.id]
    assert result["dimmedMarks"] > 0

    shots = Path(os.environ.get("FACTCHECK_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    # Headless --screenshot leaves the page unpainted after a script changes the URL; keep the URL for the shot.
    clicked = tmp_path / "clicked.html"
    clicked.write_text(probed.read_text(encoding="utf-8").replace("<head>", "<head><script>history.replaceState = function () {};</script>", 1), encoding="utf-8")
    for name, url, size in (("report.png", source.as_uri(), "1280,1000"), ("report-clicked.png", clicked.as_uri(), "1280,1400")):
        shot = shots / name
        chromium(f"--screenshot={shot}", url, user_data=tmp_path / "profile", size=size)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000, f"no screenshot at {shot}"


def test_article_script_does_not_run(special_article, tmp_path):
    article, registry = special_article
    page = render(registry, "html", article_text=article.text)
    first = registry.claims[0].id
    result, _ = probe(page, first, "misleading", tmp_path)
    assert result["pwned"] is False, "a <script> in the article must show as text, never run"
    assert result["selected"] == [first]
    assert "<script>window.__pwned = 1</script>" in result["cardText"]
    assert result["shownAfterFilter"] == sorted(c.id for c in registry.claims)
