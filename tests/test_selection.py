"""Reading clicked cells and points back from Plotly selection payloads."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker.selection import (
    rows_for_cells,
    rows_for_statements,
    selected_cells,
    selected_pair,
    selected_statement_ids,
)


def _event(*customdata: list) -> dict:
    """A selection event shaped like the one st.plotly_chart returns."""
    points = [
        {"curve_number": 0, "point_index": i, "x": i, "y": 0, "customdata": data}
        for i, data in enumerate(customdata)
    ]
    return {"selection": {"points": points, "point_indices": list(range(len(points)))}}


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "statement_id": ["d-001", "d-002", "d-003", "d-004"],
            "actor_id": pd.Categorical(["macron", "stoltenberg", "macron", "wang"]),
            "organization": ["France", "NATO", "France", "China"],
            "issue_id": pd.Categorical(["tokyo", "tokyo", "role", "role"]),
        }
    )


def test_cell_click_gives_row_and_column_keys():
    event = _event(["macron", "tokyo", "France", "extra"])
    assert selected_cells(event) == [("macron", "tokyo")]


def test_repeated_and_multiple_points_are_deduplicated_in_order():
    event = _event(["b", "x"], ["a", "y"], ["b", "x"])
    assert selected_cells(event) == [("b", "x"), ("a", "y")]


@pytest.mark.parametrize(
    "payload",
    [
        None,
        {},
        {"selection": {}},
        {"selection": {"points": "not a list"}},
        {"selection": {"points": [None, 3, "x"]}},
        _event(None),
        _event(["only-one"]),
        _event("ab"),
        _event([1, 2]),
        _event(["", "tokyo"]),
    ],
)
def test_malformed_or_empty_selections_give_nothing(payload):
    assert selected_cells(payload) == []
    assert selected_pair(payload) is None


def test_pair_skips_the_diagonal():
    assert selected_pair(_event(["macron", "macron"], ["macron", "stoltenberg"])) == (
        "macron",
        "stoltenberg",
    )
    assert selected_pair(_event(["macron", "macron"])) is None


def test_statement_ids_from_timeline_points_skip_decorations():
    event = _event(["d-002", "Jens"], ["d-001"], None)
    assert selected_statement_ids(event) == ["d-002", "d-001"]


def test_selection_object_with_attribute_access_is_read():
    class State(dict):
        def __getattr__(self, name):
            return self[name]

    event = State(selection=State(points=[{"customdata": ["a", "b"]}]))
    assert selected_pair(event) == ("a", "b")


def test_rows_for_cells_returns_the_evidence_behind_a_cell(frame):
    rows = rows_for_cells(frame, [("macron", "tokyo")], "actor_id", "issue_id")
    assert rows["statement_id"].tolist() == ["d-001"]


def test_rows_for_cells_at_organization_level_and_several_cells(frame):
    cells = [("China", "role"), ("France", "role"), ("France", "tokyo")]
    rows = rows_for_cells(frame, cells, "organization", "issue_id")
    assert rows["statement_id"].tolist() == ["d-001", "d-003", "d-004"]


def test_rows_for_unknown_cells_or_ids_are_empty(frame):
    assert rows_for_cells(frame, [("nobody", "tokyo")], "actor_id", "issue_id").empty
    assert rows_for_cells(frame, [], "actor_id", "issue_id").empty
    assert rows_for_statements(frame, ["zzz"]).empty


def test_rows_for_statements_keeps_frame_order(frame):
    assert rows_for_statements(frame, ["d-004", "d-002"])["statement_id"].tolist() == [
        "d-002",
        "d-004",
    ]


def test_choice_from_link_keeps_a_known_id_and_drops_others_with_a_note():
    from tracker.selection import choice_from_link

    options = ["france", "stoltenberg"]
    assert choice_from_link(["stoltenberg"], options, "france", "actor id") == ("stoltenberg", None)
    assert choice_from_link([], options, "france", "actor id") == ("france", None)
    value, note = choice_from_link(["<b>" + "x" * 500], options, "france", "actor id")
    assert value == "france"
    assert "not a valid actor id" in note and len(note) < 120


def test_choices_from_link_keeps_order_drops_repeats_and_names_unknown_values():
    from tracker.selection import choices_from_link

    options = ["a", "b", "c"]
    kept, note = choices_from_link(["c", "a", "c", "zz", "yy", "xx", "ww"], options, "issue id(s)")
    assert kept == ["c", "a"]
    assert "“zz”" in note and "1 more" in note
    assert choices_from_link(["b"], options, "issue id(s)") == (["b"], None)
