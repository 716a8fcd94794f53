"""Clicks on the analysis pages' charts in a real browser: a matrix cell leads to its evidence
or to the head-to-head for its pair; the figures are screenshotted for review."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import assert_no_exception, screenshot, wait_for_app

# Screen position of the point whose customdata starts with the given ids, computed by
# Plotly's own axis conversion (the marker elements carry no ids of their own).
POINT_POSITION = """([chart, first, second]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[chart];
  if (!gd || !gd._fullData) return null;
  const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  for (let t = 0; t < gd._fullData.length; t++) {
    const ids = gd._fullData[t].customdata || [];
    for (let i = 0; i < ids.length; i++) {
      if (ids[i][0] === first && (second === null || ids[i][1] === second)) {
        const point = gd.calcdata[t][i];
        return {
          x: box.left + layout._size.l + layout.xaxis.c2p(point.x),
          y: box.top + layout._size.t + layout.yaxis.c2p(point.y),
        };
      }
    }
  }
  return null;
}"""


def click_point(page, first: str, second: str | None = None, chart: int = 0) -> None:
    """Click the chart's marker for these ids, as a user does."""
    page.locator("[data-testid='stPlotlyChart']").nth(chart).scroll_into_view_if_needed()
    page.wait_for_selector(".js-plotly-plot .scatterlayer path.point")
    position = page.evaluate(POINT_POSITION, [chart, first, second])
    assert position is not None, f"no point for {first}, {second}"
    page.mouse.click(position["x"], position["y"])


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.browser
def test_clicking_an_agreement_cell_opens_the_head_to_head_for_that_pair(app_url, page):
    page.goto(f"{app_url}/agreement")
    wait_for_app(page)
    screenshot(page, "agreement-matrix")
    click_point(page, "china", "france")
    page.wait_for_url("**/head-to-head?**", timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)
    assert params(page)["a"] == ["china"] and params(page)["b"] == ["france"]
    assert page.get_by_role("heading", name="China vs France").is_visible()
    screenshot(page, "head-to-head-from-agreement")


@pytest.mark.browser
def test_clicking_a_stance_cell_shows_its_evidence(app_url, page):
    page.goto(app_url)
    wait_for_app(page)
    click_point(page, "france", "nato_tokyo_office")
    page.wait_for_url("**overview_actor=france**", timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)
    assert params(page)["overview_issue"] == ["nato_tokyo_office"]
    heading = page.get_by_role("heading", name="Statements: France on NATO liaison office in Tokyo")
    heading.wait_for()
    evidence = page.locator("[data-testid='stDataFrame']").last
    evidence.wait_for()
    evidence.scroll_into_view_if_needed()
    screenshot(page, "overview-cell-evidence")
    # The link reproduces the drill-down in a new session.
    page.goto(page.url)
    wait_for_app(page)
    page.get_by_role(
        "heading", name="Statements: France on NATO liaison office in Tokyo"
    ).wait_for()


@pytest.mark.browser
def test_clicking_a_timeline_point_shows_its_statement(app_url, page):
    page.goto(f"{app_url}/timeline?timeline_issue=nato_tokyo_office")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .scatterlayer path.point")
    statement = page.evaluate(
        """() => {
          const gd = document.querySelectorAll('.js-plotly-plot')[0];
          for (const trace of gd._fullData) {
            if (trace.customdata && trace.customdata.length && trace.name === 'oppose')
              return trace.customdata[0][0];
          }
          return null;
        }"""
    )
    assert statement, "an opposing statement on the Tokyo office is drawn"
    click_point(page, statement)
    page.get_by_role("heading", name="The clicked statement").wait_for(timeout=30_000)
    assert_no_exception(page)
    screenshot(page, "timeline-clicked")


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_readme_views_render(app_url, new_page, theme):
    for name, path in (("overview", ""), ("head-to-head", "/head-to-head")):
        page = new_page(theme)
        page.goto(f"{app_url}{path}")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot .scatterlayer path.point")
        assert_no_exception(page)
        screenshot(page, f"{name}-chart-{theme}")
