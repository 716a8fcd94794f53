"""Adding an article end to end in a real browser: paste, propose, save, find it in the matrix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import assert_no_exception, screenshot, wait_for_app
from tests.conftest import copy_data_with_held_out
from tracker.load import load_positions

TEXT = (
    "Chinese foreign ministry spokeswoman Hua Lin said on Monday that there is no role for "
    "NATO in the Asia-Pacific.\n\n"
    "NATO chief Jens Stoltenberg said the alliance would still like to open a liaison office "
    "in Tokyo."
)
DOC_ID = "browser-20230718-hua-lin"


def close_dialog(page) -> None:
    """Close a modal dialog if one is open (a deep link may raise a "Page not found" notice)."""
    dialog = page.locator("[role='dialog']")
    if dialog.count():
        dialog.get_by_role("button", name="Close").click()
        dialog.wait_for(state="detached")


@pytest.mark.browser
def test_add_an_article_and_find_it_in_the_overview(start_app, page, tmp_path: Path) -> None:
    # with held-out articles to learn from: the page trains and applies the learned models
    data = copy_data_with_held_out(tmp_path / "data", 4)
    base = start_app(
        {"TRACKER_POSITIONS": str(data / "positions.parquet"), "TRACKER_EDITABLE": "1"}
    )
    page.goto(f"{base}/add-article")
    wait_for_app(page)
    assert_no_exception(page)
    close_dialog(page)

    page.get_by_label("Title").fill("Beijing rejects a NATO role in Asia")
    page.get_by_label("Outlet").fill("Browser Wire")
    page.get_by_role("textbox", name="Document id").fill(DOC_ID)
    # the date field has one spin button per part; typing moves from year to month to day
    page.get_by_role("spinbutton", name="year, Published").click()
    page.keyboard.type("20230718")
    page.keyboard.press("Tab")
    page.get_by_role("textbox", name="Text").fill(TEXT)
    page.get_by_role("button", name="Propose statements").click()
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_text("2. Review the proposed statements").wait_for()
    # how many were found, and how many start accepted
    page.get_by_text(re.compile(r"\d+ statements proposed, \d+ suggested")).wait_for()
    # the unknown speaker is proposed as a new actor for the codebook
    assert page.locator("[data-testid='stDataFrame']").count() >= 2
    screenshot(page, "add-article-review", full_page=True)

    page.get_by_role("button", name="Validate and save").click()
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_text(f"added {DOC_ID}").wait_for()

    saved = load_positions(data / "positions.parquet")
    added = saved[saved["doc_id"] == DOC_ID]
    assert {"hua_lin", "stoltenberg"} <= set(added["actor_id"])

    page.goto(f"{base}/overview")
    wait_for_app(page)
    assert_no_exception(page)
    close_dialog(page)
    matrix = page.locator("[data-testid='stPlotlyChart']").first
    matrix.wait_for()
    assert "Hua Lin" in matrix.inner_text()
    screenshot(page, "add-article-overview")
