"""The brief: cited sections in the terminal, and the self-contained HTML page with its map.

The HTML tests need the npm packages the build installs (`make install`); without them they
skip with the reason, and in CI (where the build has run) they fail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from frontwatch.brief.html import ASSETS, node_modules
from tests.conftest import EXAMPLES, write

HOSTILE = ("<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">")
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"


def _assets_or_skip() -> None:
    if not (node_modules() / ASSETS["leaflet_js"]).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the npm packages are not installed at {node_modules()}: the build "
                        "(make install) must install them in CI")
        pytest.skip(f"the npm packages are not installed at {node_modules()} (run make install)")


def _ingest_with_hostile_article(tmp_path, cli) -> None:
    hostile = write(tmp_path / "in" / "hostile.jsonl", json.dumps({
        "id": "h1", "outlet": "Wire " + HOSTILE, "published": "2022-07-05",
        "title": "Breaking " + HOSTILE,
        "text": f"Russian forces captured Lysychansk on July 3, officials said. {HOSTILE}\n"
                "A missile strike hit Kramatorsk on July 4, killing 3 people."}) + "\n")
    assert cli("ingest", str(EXAMPLES), str(hostile)).exit_code == 0


def test_brief_cites_every_sentence_and_names_sources_without_hashes(tmp_path, cli):
    _ingest_with_hostile_article(tmp_path, cli)
    result = cli("brief")
    assert result.exit_code == 0, result.output
    text = result.output
    for title in ("Changes of control, assessed", "Strikes", "Casualties", "Sources"):
        assert title in text
    body, sources = text.split("\nSources\n")
    cited = set(re.findall(r"\[(\d+)\]", body))
    listed = set(re.findall(r"^  \[(\d+)\]", sources, re.MULTILINE))
    assert cited and cited <= listed
    assert not re.search(r"\bdocument [0-9a-f]{12}\b", sources)


def test_brief_window_is_checked_and_applied(tmp_path, cli):
    _ingest_with_hostile_article(tmp_path, cli)
    reversed_window = cli("brief", "--from", "2022-09-01", "--to", "2022-08-01")
    assert reversed_window.exit_code == 2 and "ends before it starts" in reversed_window.output
    summer = cli("brief", "--from", "2022-07-01", "--to", "2022-07-31").output
    assert "Lysychansk" in summer and "Kherson: Ukrainian" not in summer


def test_html_brief_is_self_contained_and_keeps_article_markup_as_text(tmp_path, cli):
    _assets_or_skip()
    _ingest_with_hostile_article(tmp_path, cli)
    page = tmp_path / "brief.html"
    result = cli("brief", "-o", str(page))
    assert result.exit_code == 0 and str(page) in result.output
    html = page.read_text(encoding="utf-8")
    # nothing to fetch: no external script, style, image or link
    assert not re.search(r"<(?:script|img|link|iframe)\b[^>]*\b(?:src|href)=", html)
    assert "&lt;script&gt;window.__pwned" in html  # shown, as text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    # the policy allows exactly the page's own inline scripts, by hash, and no network
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    assert "default-src 'none'" in policy and "connect-src" not in policy
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    assert set(re.findall(r"'sha256-([^']+)'", policy)) == hashes and len(scripts) == 3


def test_html_brief_draws_its_map_offline_in_a_real_browser(tmp_path, cli):
    """Headless Chromium (Debian's chromium and chromium-driver, never a downloaded build)
    opens the page from disk with the network off: the outlines and markers draw, and the
    hostile article's script and onerror never run."""
    _assets_or_skip()
    driver = _chromium_or_skip()
    _ingest_with_hostile_article(tmp_path, cli)
    page = tmp_path / "brief.html"
    assert cli("brief", "-o", str(page)).exit_code == 0
    try:
        driver.get(page.as_uri())
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(driver, 20).until(
            lambda d: d.find_element("tag name", "body").get_attribute("data-markers"))
        markers = int(driver.find_element("tag name", "body").get_attribute("data-markers"))
        outlines = driver.find_elements("css selector", "#map path.leaflet-interactive")
        assert markers > 0 and len(outlines) > markers  # oblast outlines plus the markers
        assert driver.execute_script("return window.__pwned === undefined")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "brief.png"))
    finally:
        driver.quit()


def _chromium_or_skip():
    browser, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        browser = None
    if not (browser and chromedriver):
        reason = ("browser tests need Debian's chromium and chromium-driver and the selenium "
                  "package (.ci/run installs them)")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1200,1400"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)


def test_brief_says_an_open_count_is_a_lower_bound(tmp_path, cli):
    path = write(tmp_path / "toll.jsonl", json.dumps({
        "id": "t1", "outlet": "Wire", "published": "2022-07-05",
        "text": "More than six people were killed in Kramatorsk on July 4, officials said.\n"})
        + "\n")
    assert cli("ingest", str(path)).exit_code == 0
    casualties = cli("brief").output.split("Casualties")[1].split("\n\n")[0]
    assert "Kramatorsk: at least 7 people killed" in casualties


def test_brief_lists_a_claimed_change_only_where_it_can_be_dated(tmp_path, cli):
    lines = [
        ("2022-08-17", "Fighting continued in Bakhmut on August 16, the governor said."),
        ("2024-01-21", "Russian forces shelled civilians in occupied Bakhmut on January 20."),
        ("2024-01-22", "Russian forces captured Soledar on January 21, the ministry said."),
    ]
    path = write(tmp_path / "claims.jsonl", "".join(
        json.dumps({"id": f"c{i}", "outlet": f"Outlet {i}", "published": day, "text": text})
        + "\n" for i, (day, text) in enumerate(lines)))
    assert cli("ingest", str(path)).exit_code == 0
    claimed = cli("brief").output.split("claimed but not assessed")[1].split("\n\n")[0]
    # told as a capture: a change on its day
    assert "Soledar: Russian" in claimed
    # first told occupied 17 months after it was last told contested: no dated change
    assert "Bakhmut" not in claimed
