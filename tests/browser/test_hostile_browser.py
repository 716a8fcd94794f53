"""Hostile text in a real browser: nothing from the data runs or adds an element to the page.

The hostile data set (``tests/hostile.py``) carries script tags, ``<img onerror>``,
``<svg onload>``, elements with ids and attributes beginning with ``hostile``, a
``<style>`` that would hide the page, Markdown and LaTeX. Had any of it been interpreted,
``window.__pwned`` would be set or such an element would exist. Each page is loaded (and
its charts hovered, so that hover labels are drawn too) and checked for both, and for the
hostile text being visible as the characters it is.
"""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests import hostile
from tests.browser.conftest import assert_no_exception, screenshot, wait_for_app

INJECTED = "b#hostile-b, img#hostile-img, svg#hostile-svg, [data-hostile], script[src='x']"
# (url path, link parameters, title, literal strings that must be visible on the page)
PAGES = [
    ("overview", {}, "Overview", [hostile.SCRIPT, hostile.BOLD_HTML]),
    ("agreement", {}, "Agreement", []),
    (
        "head-to-head",
        {"a": "act_script", "b": "act_bold"},
        "Head-to-head",
        [hostile.SCRIPT, hostile.BOLD_HTML, hostile.MD_BOLD, hostile.QUOTE_IMG, hostile.QUOTE_LINK],
    ),
    ("timeline", {}, "Timeline", []),
    ("evidence", {"q": "hostile"}, "Evidence", []),
    ("sources", {"source": hostile.DOC_A}, "Sources", [hostile.SCRIPT, hostile.QUOTE_LATEX]),
    ("sources", {"source": hostile.DOC_B}, "Sources", [hostile.RTL.split(" ")[0], "hostile-cr"]),
    ("codebook", {}, "Codebook", []),
    ("add-article", {}, "Add an article", []),
]


@pytest.fixture(scope="module")
def hostile_url(start_app, tmp_path_factory: pytest.TempPathFactory) -> str:
    positions = hostile.write_hostile_data(tmp_path_factory.mktemp("hostile-browser") / "data")
    return start_app({"TRACKER_POSITIONS": str(positions)})


def hover_charts(page) -> None:
    """Move the mouse over a grid of points on every chart, so hover labels are drawn."""
    charts = page.locator("[data-testid='stPlotlyChart']")
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        if not box:
            continue
        for fx in (0.3, 0.5, 0.7):
            for fy in (0.3, 0.5, 0.7):
                page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
                page.wait_for_timeout(60)


def assert_nothing_injected(page) -> None:
    assert page.evaluate("() => window.__pwned") is None, "a hostile script ran"
    injected = page.locator(INJECTED)
    assert injected.count() == 0, page.evaluate(
        "(s) => [...document.querySelectorAll(s)].map(e => e.outerHTML.slice(0, 200))", INJECTED
    )
    # The hostile <style>body{display:none}</style> would hide everything.
    assert page.evaluate("() => getComputedStyle(document.body).display") != "none"
    assert page.locator("[data-testid='stMain']").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("url_path", "params", "title", "literals"),
    PAGES,
    ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)],
)
def test_hostile_text_is_shown_and_never_run(
    hostile_url: str, page, url_path: str, params: dict, title: str, literals: list[str]
) -> None:
    page.goto(f"{hostile_url}/{url_path}" + (f"?{urlencode(params)}" if params else ""))
    wait_for_app(page)
    assert_no_exception(page)
    main = page.locator("[data-testid='stMain']")
    assert main.locator("h1").first.inner_text().strip().startswith(title)
    hover_charts(page)
    assert_nothing_injected(page)
    text = main.inner_text()
    for literal in literals:
        assert literal in text, f"{literal!r} is not shown literally on {url_path}"
    screenshot(page, f"hostile-{url_path}-{params.get('source', '')}".rstrip("-"))


@pytest.mark.browser
def test_chart_labels_show_the_markup_as_text(hostile_url: str, page) -> None:
    page.goto(f"{hostile_url}/agreement")
    wait_for_app(page)
    labels = page.locator("[data-testid='stPlotlyChart']").first.inner_text()
    # Tick labels are the names, shortened, as characters: the tags are visible, not applied.
    assert "<b id=hostile-b>" in labels, labels[:500]
    assert "<script>" in labels, labels[:500]
    hover_charts(page)
    assert_nothing_injected(page)


@pytest.mark.browser
def test_hostile_markdown_is_not_rendered(hostile_url: str, page) -> None:
    page.goto(f"{hostile_url}/head-to-head?" + urlencode({"a": "act_script", "b": "act_bold"}))
    wait_for_app(page)
    main = page.locator("[data-testid='stMain']")
    # **hostile-bold** is an issue label: shown with its asterisks, never as bold text.
    assert "**hostile-bold**" in main.inner_text()
    bold = main.evaluate("(m) => [...m.querySelectorAll('strong, b')].map(e => e.innerText.trim())")
    assert "hostile-bold" not in bold, bold
    # [hostile-link](javascript:…) never becomes a link; $…$ never becomes LaTeX.
    assert main.locator("a", has_text="hostile-link").count() == 0
    assert main.locator("a[href^='javascript']").count() == 0
    assert main.locator(".katex").count() == 0
    # "# hostile-heading" (a proposition) is not a heading.
    assert main.locator("h1, h2, h3, h4, h5, h6", has_text="hostile-heading").count() == 0


@pytest.mark.browser
def test_downloaded_csv_neutralises_formulas(hostile_url: str, page, tmp_path: Path) -> None:
    page.goto(f"{hostile_url}/evidence")
    wait_for_app(page)
    with page.expect_download() as info:
        page.locator("[data-testid='stDownloadButton'] button").first.click()
    path = tmp_path / "evidence.csv"
    info.value.save_as(path)
    # Read as a spreadsheet does: a line break (\n or \r) outside quotes ends a row.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert len(body) == len(hostile.STATEMENTS)
    quotes = [row[header.index("quote")] for row in body]
    for value in (cell for row in body for cell in row):
        if value and value[0] in "=+-@\t\r":
            float(value)  # only numbers may start so (raises for text such as =HYPERLINK)
    assert f"'{hostile.FORMULA}" in quotes
    assert hostile.QUOTE_SCRIPT in quotes
