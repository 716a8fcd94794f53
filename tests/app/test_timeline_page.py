"""Timeline page (AppTest): statements over time, stance changes, agreement over time."""

from __future__ import annotations

import pytest

from tests.app.analysis_pages import (
    NOTHING_MATCHES,
    csv_frame,
    open_page,
    texts,
)
from tracker.load import load_positions


@pytest.fixture(scope="module")
def data():
    return load_positions()


def test_default_view_draws_every_statement_and_france_vs_stoltenberg(data, downloads):
    at = open_page("timeline")
    statements = csv_frame(downloads.content("timeline-statements_"))
    assert sorted(statements["statement_id"]) == sorted(data["statement_id"])
    assert (at.selectbox(key="a").value, at.selectbox(key="b").value) == ("france", "stoltenberg")
    series = csv_frame(downloads.content("agreement-over-time_"))
    assert set(series["key_a"]) | set(series["key_b"]) == {"france", "stoltenberg"}
    # Before France's first statement the pair shares no issue: undefined, never 0.
    assert (series.loc[series["n_shared"] == "0", "agreement"] == "").all()


def test_issues_pair_and_window_come_from_the_link(data, downloads):
    at = open_page(
        "timeline",
        {
            "timeline_issue": ["nato_tokyo_office", "nato_asia_pacific_role"],
            "pair": "all",
            "window": "rolling",
            "window_days": "30",
        },
    )
    assert at.multiselect(key="timeline_issue").value == [
        "nato_tokyo_office",
        "nato_asia_pacific_role",
    ]
    assert at.radio(key="pair").value == "all"
    assert at.radio(key="window").value == "rolling"
    assert at.number_input(key="window_days").value == 30
    statements = csv_frame(downloads.content("timeline-statements_"))
    wanted = data[data["issue_id"].isin(["nato_tokyo_office", "nato_asia_pacific_role"])]
    assert sorted(statements["statement_id"]) == sorted(wanted["statement_id"])
    series = csv_frame(downloads.content("agreement-over-time_"))
    assert series[["key_a", "key_b"]].drop_duplicates().shape[0] > 1  # every pair, not one


def test_unknown_issue_in_the_link_is_dropped_with_a_note():
    at = open_page("timeline", {"timeline_issue": ["nato_tokyo_office", "bogus"]})
    assert at.multiselect(key="timeline_issue").value == ["nato_tokyo_office"]
    assert "bogus" in texts(at)


def test_filters_that_match_nothing_show_a_reset_button():
    at = open_page("timeline", NOTHING_MATCHES)
    assert "No statements match these filters" in texts(at)
    assert at.button(key="timeline_empty").label == "Reset filters"
    at.button(key="timeline_empty").click().run()
    assert not any(at.session_state[f"flt_{p}"] for p in NOTHING_MATCHES)
    assert "No statements match these filters" not in texts(at)
    assert at.download_button(key="timeline_statements_csv")
