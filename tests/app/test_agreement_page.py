"""Agreement page (AppTest): the actor × actor matrix's data under each control."""

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


def _pair(table, a, b):
    rows = table[(table["key_a"] == a) & (table["key_b"] == b)]
    assert len(rows) == 1, (a, b)
    return rows.iloc[0]


def test_default_view_offers_every_pair_with_n(data, downloads):
    at = open_page("agreement")
    assert at.selectbox(key="measure").value == "agreement"
    assert at.radio(key="level").value == "actor"
    table = csv_frame(downloads.content("agreement_"))
    k = data["actor_id"].nunique()
    assert len(table) == k * (k - 1)  # every ordered pair, without the diagonal
    pair = _pair(table, "france", "stoltenberg")
    assert pair["n_shared"] == "2" and float(pair["agreement"]) == 0.0
    # No shared issue: N = 0 and the measure undefined (empty), never 0.
    alone = table[table["n_shared"] == "0"]
    assert len(alone) and (alone["agreement"] == "").all()


def test_controls_come_from_the_link(downloads):
    at = open_page(
        "agreement",
        {"measure": "scott_pi", "level": "organization", "min_overlap": "2", "order": "name"},
    )
    assert at.selectbox(key="measure").value == "scott_pi"
    assert at.radio(key="level").value == "organization"
    assert at.number_input(key="min_overlap").value == 2
    assert at.selectbox(key="order").value == "name"
    table = csv_frame(downloads.content("agreement_"))
    assert "France" in set(table["key_a"]) and "stoltenberg" not in set(table["key_a"])
    below = table[table["n_shared"].astype(int) < 2]
    assert (below["below_min"] == "True").all() and (below["scott_pi"] == "").all()


def test_a_measure_the_link_misspells_falls_back_with_a_note():
    at = open_page("agreement", {"measure": "kappa!!"})
    assert at.selectbox(key="measure").value == "agreement"
    assert "kappa" in texts(at) and "left out" in texts(at)


def test_filters_that_match_nothing_show_a_reset_button():
    at = open_page("agreement", NOTHING_MATCHES)
    assert "No statements match these filters" in texts(at)
    assert at.button(key="agreement_empty").label == "Reset filters"
    at.button(key="agreement_empty").click().run()
    assert not any(at.session_state[f"flt_{p}"] for p in NOTHING_MATCHES)
    assert "No statements match these filters" not in texts(at)
    assert at.download_button(key="agreement_csv")
