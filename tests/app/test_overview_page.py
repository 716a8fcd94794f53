"""Overview page (AppTest): numbers, the stance matrix's data, drill-down, disagreements."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.analysis_pages import (
    NOTHING_MATCHES,
    csv_frame,
    hostile_copy,
    open_page,
    texts,
)
from tracker.load import ENV_VAR, load_positions


@pytest.fixture(scope="module")
def data():
    return load_positions()


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_default_view_counts_the_data_set_and_links_disagreements(data):
    at = open_page("overview")
    metrics = _metrics(at)
    assert metrics["Statements"] == str(len(data))
    assert metrics["Actors"] == str(data["actor_id"].nunique())
    assert metrics["Documents"] == str(data["doc_id"].nunique())
    links = [link.proto for link in at.get("page_link")]
    assert links, "the sharpest disagreements link to the head-to-head"
    first = {p.split("=")[0]: p.split("=")[1] for p in links[0].query_string.split("&")}
    assert links[0].page == "head-to-head"
    assert {first["a"], first["b"]} == {"france", "stoltenberg"}
    assert "NATO liaison office in Tokyo" in links[0].label


def test_a_cell_from_the_link_shows_its_evidence(data):
    at = open_page("overview", {"overview_actor": "france", "overview_issue": "nato_tokyo_office"})
    assert at.selectbox(key="overview_actor").value == "france"
    table = at.dataframe[0].value
    expected = data[(data["actor_id"] == "france") & (data["issue_id"] == "nato_tokyo_office")]
    assert sorted(table["Statement"]) == sorted(expected["statement_id"])
    assert set(table["Stance"]) == {"oppose"}


def test_organization_level_from_the_link_groups_persons_with_their_body(data):
    at = open_page("overview", {"level": "organization", "overview_actor": "France"})
    assert at.radio(key="level").value == "organization"
    table = at.dataframe[0].value
    assert len(table) == int((data["organization"] == "France").sum())
    assert {"France", "Emmanuel Macron"} <= set(table["Actor"])


def test_unknown_values_in_the_link_are_dropped_with_a_note():
    at = open_page("overview", {"overview_issue": "no_such_issue", "level": "galaxy"})
    assert at.selectbox(key="overview_issue").value is None
    assert at.radio(key="level").value == "actor"
    assert "no\\_such\\_issue" in texts(at) or "no_such_issue" in texts(at)


def test_filters_that_match_nothing_show_a_reset_button():
    at = open_page("overview", NOTHING_MATCHES)
    assert "No statements match these filters" in texts(at)
    assert not at.metric
    assert at.button(key="overview_empty").label == "Reset filters"
    at.button(key="overview_empty").click().run()
    assert not any(at.session_state[f"flt_{p}"] for p in NOTHING_MATCHES)
    assert "No statements match these filters" not in texts(at)
    assert {m.label: m.value for m in at.metric}["Statements"] != "0"


def test_matrix_download_has_one_row_per_actor_and_issue(data, downloads):
    at = open_page("overview", {"stance": "oppose"})
    assert at.download_button(key="overview_matrix_csv")
    table = csv_frame(downloads.content("stance-matrix_"))
    opposed = data[data["stance"] == "oppose"]
    assert set(zip(table["actor_id"], table["issue_id"], strict=True)) == set(
        zip(opposed["actor_id"], opposed["issue_id"], strict=True)
    )
    assert set(table["stance"]) == {"oppose"}
    ids = {i for cell in table["statement_ids"] for i in cell.split("; ")}
    assert ids == set(opposed["statement_id"])


def test_hostile_names_stay_text_in_links(data_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(ENV_VAR, str(hostile_copy(data_copy)))
    at = open_page("overview")
    labels = " ".join(link.proto.label for link in at.get("page_link"))
    assert (
        "<script>" not in labels.replace("\\<", "").replace("\\>", "") or "\\<script\\>" in labels
    )
    assert "\\*\\*bold\\*\\*" in labels and "\\[link\\]" in labels
