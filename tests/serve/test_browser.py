"""The web UI in a real browser (Debian's headless Chromium through chromedriver): the map
draws its markers, the filters change the list, a place page shows its timeline, and a
hostile article's script never runs. Screenshots are kept in build/test-artifacts."""

import pytest

from tests.brief.test_brief import ARTIFACTS, _chromium_or_skip



@pytest.fixture(scope="module")
def browser():
    driver = _chromium_or_skip()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def _wait(driver, condition, seconds=20):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, seconds).until(condition)


def _markers(driver):
    return driver.find_element("tag name", "body").get_attribute("data-markers")


def test_home_map_draws_markers_and_filters_change_the_list(server, browser):
    browser.get(server + "/")
    _wait(browser, _markers)
    assert _markers(browser) != "error" and int(_markers(browser)) > 0
    assert len(browser.find_elements("css selector", "#map path.leaflet-interactive")) > 20
    browser.save_screenshot(str(ARTIFACTS / "serve-home.png"))
    everything = {li.get_attribute("data-type")
                  for li in browser.find_elements("css selector", "#events li[data-type]")}
    assert len(everything) > 1
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element("name", "type")).select_by_visible_text("strike")
    browser.find_element("css selector", "#filters button").click()
    _wait(browser, lambda d: "type=strike" in d.current_url and _markers(d))
    filtered = {li.get_attribute("data-type")
                for li in browser.find_elements("css selector", "#events li[data-type]")}
    assert filtered == {"strike"}
    browser.save_screenshot(str(ARTIFACTS / "serve-home-strikes.png"))


def test_place_page_shows_its_timeline(server, browser):
    browser.get(server + "/place/Lysychansk")
    bars = browser.find_elements("css selector", "svg#timeline rect.bar")
    assert len(bars) >= 2 and all(float(b.get_attribute("width")) > 3 for b in bars)
    assert "Lysychansk" in browser.find_element("tag name", "h1").text
    browser.save_screenshot(str(ARTIFACTS / "serve-place.png"))


def test_hostile_article_stays_inert(server, browser):
    browser.get(server + "/search?q=Breaking")
    browser.find_element("css selector", "a[href^='/doc/']").click()
    text = browser.find_element("id", "doctext").text
    assert "<script>window.__pwned = 1</script>" in text  # shown as the words it is
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.find_elements("css selector", "#doctext img") == []
    browser.save_screenshot(str(ARTIFACTS / "serve-hostile.png"))
