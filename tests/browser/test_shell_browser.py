"""The shell in a real browser: pages load, links reproduce views, downloads equal the rows."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import ROOT, assert_no_exception, screenshot, wait_for_app
from tracker.export import export_csv
from tracker.filters import Filters
from tracker.load import load_positions

PAGES = [
    ("overview", "pages/overview.py"),
    ("agreement", "pages/agreement.py"),
    ("head-to-head", "pages/head_to_head.py"),
    ("timeline", "pages/timeline.py"),
    ("evidence", "pages/evidence.py"),
    ("sources", "pages/sources.py"),
    ("codebook", "pages/codebook.py"),
]
MATCH_COUNT = re.compile(r"([\d,]+) of ([\d,]+) statements match the filters")


def sidebar_count(page) -> int:
    """How many statements the sidebar says match the filters."""
    text = page.locator("[data-testid='stSidebar']").inner_text()
    found = MATCH_COUNT.search(text)
    assert found, text[-300:]
    return int(found.group(1).replace(",", ""))


def choose(page, label: str, option: str) -> None:
    """Pick an option in a sidebar multiselect, as a user does."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text=label
    )
    box.locator("input").click()
    box.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("url_path", "file"), PAGES, ids=[p for p, _ in PAGES])
def test_every_page_loads_without_an_exception(app_url, new_page, url_path, file, theme):
    if not (ROOT / file).exists():
        pytest.skip(f"{file} is not written yet")
    page = new_page(theme)
    page.goto(f"{app_url}/{url_path}")
    wait_for_app(page)
    assert_no_exception(page)
    # The shared sidebar is drawn on every page, also when the link leads straight to it.
    assert page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").count() >= 3
    screenshot(page, f"{url_path}-{theme}")


@pytest.mark.browser
def test_a_filter_changes_the_url_and_the_url_reproduces_the_view(app_url, new_page):
    page = new_page()
    page.goto(f"{app_url}/evidence")
    wait_for_app(page)
    everything = sidebar_count(page)
    choose(page, "Actors", "France")
    choose(page, "Actors", "Jens Stoltenberg")
    query = parse_qs(urlsplit(page.url).query)
    assert query["actor"] == ["france", "stoltenberg"]
    shown = sidebar_count(page)
    assert 0 < shown < everything
    link = page.locator("[data-testid='stSidebar'] .st-key-view_link a")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == query
    assert parse_qs(urlsplit(link.inner_text().strip()).query) == query  # shown as it is
    screenshot(page, "evidence-filtered")

    colleague = new_page()  # another session, as when a colleague opens the shared link
    colleague.goto(link.get_attribute("href"))
    wait_for_app(colleague)
    assert_no_exception(colleague)
    assert colleague.get_by_text("Page not found").count() == 0
    assert sidebar_count(colleague) == shown
    chips = colleague.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    assert "France" in chips.inner_text() and "Jens Stoltenberg" in chips.inner_text()
    assert parse_qs(urlsplit(colleague.url).query) == query


@pytest.mark.browser
def test_a_link_from_the_overview_opens_without_page_not_found(app_url, new_page):
    page = new_page()
    page.goto(f"{app_url}/overview?stance=oppose")  # the default page's own path, as typed
    wait_for_app(page)
    href = page.locator("[data-testid='stSidebar'] .st-key-view_link a").get_attribute("href")
    assert urlsplit(href).path == "/" and parse_qs(urlsplit(href).query) == {"stance": ["oppose"]}
    colleague = new_page()
    colleague.goto(href)
    wait_for_app(colleague)
    assert colleague.get_by_text("Page not found").count() == 0
    assert colleague.locator("h1").first.inner_text().startswith("Overview")
    assert sidebar_count(colleague) == sidebar_count(page)


@pytest.mark.browser
def test_the_downloaded_csv_equals_the_filtered_rows(app_url, page, tmp_path):
    f = Filters(actors=("stoltenberg", "france"), min_confidence=0.5)
    page.goto(f"{app_url}/evidence?actor=stoltenberg&actor=france&min_conf=0.5")
    wait_for_app(page)
    button = page.locator("[data-testid='stDownloadButton']").filter(has_text="Download CSV").first
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.startswith(f"evidence_{f.digest()}_")
    saved = Path(tmp_path / download.suggested_filename)
    download.save_as(saved)
    assert saved.read_bytes() == export_csv(load_positions(), f)


@pytest.mark.browser
def test_a_deep_link_on_a_fresh_server_gets_the_sidebar_and_notes(start_app, new_page):
    # A server of its own, so the very first request it serves is the deep link.
    base = start_app({"TRACKER_TEST_SERVER": "fresh"})
    page = new_page()
    page.goto(f"{base}/evidence?actor=france&actor=nobody&from=2023-02-31&utm=1")
    wait_for_app(page)
    assert_no_exception(page)
    assert sidebar_count(page) > 0
    notes = page.locator("[data-testid='stAlertContentWarning']").inner_text()
    assert "nobody" in notes and "2023-02-31" in notes and "utm" in notes
    assert parse_qs(urlsplit(page.url).query) == {"actor": ["france"]}
    screenshot(page, "evidence-link-notes")


@pytest.mark.browser
def test_filters_follow_the_analyst_to_another_page(app_url, page):
    page.goto(f"{app_url}/evidence?actor=france&stance=oppose")
    wait_for_app(page)
    shown = sidebar_count(page)
    page.get_by_role("link", name="Codebook", exact=True).click()
    page.wait_for_url(re.compile(r"/codebook"))
    wait_for_app(page)
    assert_no_exception(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"actor": ["france"], "stance": ["oppose"]}
    assert sidebar_count(page) == shown
