"""Timelines on tables with known dates: statements, windowed agreement, stance changes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tracker.agreement import MEASURES, agreement_matrix
from tracker.synthetic import generate, positions_frame
from tracker.timeline import (
    agreement_over_time,
    stance_changes,
    statement_counts,
    statements_over_time,
    time_grid,
)


def _row(actor, issue, score, date, **extra):
    return {"actor_id": actor, "issue_id": issue, "score": score, "statement_date": date, **extra}


@pytest.fixture
def dated():
    return positions_frame(
        [
            _row("a", "x", 1, "2023-01-01"),
            _row("b", "x", -1, "2023-01-05"),
            _row("a", "x", -1, "2023-01-10"),
            _row("b", "y", 0, "2023-01-10"),
            _row("a", "y", 0, "2023-01-20"),
            _row("a", "x", 1, "2023-02-01"),
        ]
    )


def _by_date(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index(frame["date"].dt.strftime("%Y-%m-%d"))


def test_cumulative_agreement_step_by_step(dated):
    line = _by_date(agreement_over_time(dated, ["a", "b"]))
    assert list(line.index) == [
        "2023-01-01",
        "2023-01-05",
        "2023-01-10",
        "2023-01-20",
        "2023-02-01",
    ]
    assert line["n_shared"].tolist() == [0, 1, 1, 2, 2]
    # 01-05: x (+,−) → 0; 01-10: a's x is now mean 0 (neutral) → ½;
    # 01-20: y (0,0) joins → 1 − 1/4; 02-01: a's x mean ⅓ → support again → 1 − 2/4.
    np.testing.assert_allclose(line["agreement"], [np.nan, 0.0, 0.5, 0.75, 0.5])
    assert (line["key_a"] == "a").all() and (line["key_b"] == "b").all()


def test_rolling_window_drops_old_statements(dated):
    line = _by_date(agreement_over_time(dated, ["a", "b"], window="rolling", width_days=10))
    # The default grid adds the days statements leave the window (date + 10).
    assert "2023-01-11" in line.index and "2023-01-15" in line.index
    # On 01-11 the window (01-01, 01-11] holds b's and a's oppositions to x: agreement.
    assert line.loc["2023-01-11", "n_shared"] == 1
    assert line.loc["2023-01-11", "agreement"] == 1.0
    # On 01-15 b's statement on x (01-05) has left: nothing shared any more.
    assert line.loc["2023-01-15", "n_shared"] == 0
    assert np.isnan(line.loc["2023-01-15", "agreement"])


def test_period_grid_uses_period_ends(dated):
    line = agreement_over_time(dated, ["a", "b"], freq="M")
    assert line["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-01-31", "2023-02-01"]
    assert line["agreement"].tolist() == [0.75, 0.5]


def test_explicit_dates(dated):
    line = agreement_over_time(dated, ["a", "b"], dates=["2023-01-07", "2023-03-01"])
    assert line["n_shared"].tolist() == [1, 2]


def test_last_cumulative_point_equals_the_matrix_of_the_whole_table():
    frame = generate(3_000, 30, 10, years=1, seed=11).positions
    line = agreement_over_time(frame, top=5, freq="W", min_overlap=2)
    matrix = agreement_matrix(frame, top=5, min_overlap=2)
    last = line[line["date"] == line["date"].max()]
    assert len(last) == 10  # every unordered pair of five actors
    for row in last.itertuples():
        i, j = matrix.keys.index(row.key_a), matrix.keys.index(row.key_b)
        assert row.n_shared == matrix.n_shared[i, j]
        for name in MEASURES:
            np.testing.assert_allclose(getattr(row, name), matrix.values[name][i, j])


def test_rolling_point_equals_the_matrix_of_the_rows_in_its_window():
    frame = generate(3_000, 30, 10, years=1, seed=12).positions
    keys = agreement_matrix(frame, top=4).keys
    width = 60
    when = pd.Timestamp(frame["statement_date"].min()) + pd.Timedelta(days=200)
    line = agreement_over_time(frame, keys, window="rolling", width_days=width, dates=[when])
    dates = frame["statement_date"]
    inside = frame[(dates > when - pd.Timedelta(days=width)) & (dates <= when)]
    matrix = agreement_matrix(inside, actors=keys)
    for row in line.itertuples():
        i, j = matrix.keys.index(row.key_a), matrix.keys.index(row.key_b)
        assert row.n_shared == matrix.n_shared[i, j]
        np.testing.assert_allclose(row.agreement, matrix.values["agreement"][i, j])


def test_fewer_than_two_actors_give_no_lines(dated):
    assert agreement_over_time(dated, ["a"]).empty


def test_bad_window_is_refused(dated):
    with pytest.raises(ValueError, match="unknown window"):
        agreement_over_time(dated, ["a", "b"], window="sliding")
    with pytest.raises(ValueError, match="at least one day"):
        time_grid(np.array([1, 2]), window="rolling", width_days=0)
    with pytest.raises(ValueError, match="unknown period"):
        time_grid(np.array([1, 2]), freq="fortnight")


def test_stance_changes_sign_flips_with_both_evidence_rows(dated):
    changes = stance_changes(dated)
    assert len(changes) == 2
    first, second = changes.iloc[0], changes.iloc[1]
    assert (first["key"], first["issue_id"]) == ("a", "x")
    assert (first["from_score"], first["to_score"]) == (1, -1)
    assert (first["from_statement_id"], first["to_statement_id"]) == ("s1", "s3")
    assert first["from_date"] == pd.Timestamp("2023-01-01")
    assert first["to_date"] == pd.Timestamp("2023-01-10")
    assert (second["from_stance"], second["to_stance"]) == ("oppose", "support")
    assert second["to_quote"] == "a on x: support"


def test_moves_to_neutral_count_only_on_request():
    frame = positions_frame(
        [
            _row("a", "x", 1, "2023-01-01"),
            _row("a", "x", 0, "2023-01-02"),
            _row("a", "x", -1, "2023-01-03"),
            _row("b", "x", 1, "2023-01-04"),  # another actor: no change for a or b
        ]
    )
    assert stance_changes(frame).empty  # +1 → 0 → −1 never flips between neighbours
    assert len(stance_changes(frame, include_neutral=True)) == 2


def test_statements_over_time_order_and_filters(dated):
    rows = statements_over_time(dated, actors=["a"], issues=["x"])
    assert rows["statement_id"].tolist() == ["s1", "s3", "s6"]
    assert rows["statement_date"].is_monotonic_increasing
    assert {"key", "label", "stance", "attribution", "quote"} <= set(rows.columns)


def test_statement_counts_add_up(dated):
    counts = statement_counts(dated, freq="M", by=("key", "stance"))
    assert counts["n_statements"].sum() == len(dated)
    jan_a = counts[(counts["period"] == pd.Timestamp("2023-01-01")) & (counts["key"] == "a")]
    assert jan_a.set_index("stance")["n_statements"].to_dict() == {
        "neutral": 1,
        "oppose": 1,
        "support": 1,
    }


def test_chunked_string_columns_as_read_from_a_large_parquet_file():
    frame = generate(2_000, 20, 5, seed=1).positions
    chunked = pd.concat([frame.iloc[:1000], frame.iloc[1000:]], ignore_index=True)
    pd.testing.assert_frame_equal(stance_changes(chunked), stance_changes(frame))
    pd.testing.assert_frame_equal(
        statements_over_time(chunked, excerpt_chars=20),
        statements_over_time(frame, excerpt_chars=20),
    )
