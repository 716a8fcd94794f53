"""Polarization per issue and over time; bloc ordering of actors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.agreement import agreement_matrix
from tracker.blocs import bloc_order, blocs, polarization, polarization_over_time
from tracker.synthetic import generate, positions_frame


def _row(actor, issue, score, date="2023-01-01"):
    return {"actor_id": actor, "issue_id": issue, "score": score, "statement_date": date}


def test_polarization_hand_computed():
    frame = positions_frame(
        [
            _row("a", "x", 1),
            _row("b", "x", 1),
            _row("c", "x", -1),
            _row("d", "x", -1),
            _row("e", "x", 0),
            _row("a", "y", 1),
            _row("b", "y", 1),
            _row("a", "z", -1),
        ]
    )
    out = polarization(frame).set_index("issue_id")
    # x: 5 actors, 10 pairs, 2 × 2 of them opposed → 0.4.
    assert out.loc["x", "polarization"] == pytest.approx(0.4)
    assert out.loc["x", ["n_actors", "n_support", "n_neutral", "n_oppose"]].tolist() == [5, 2, 1, 2]
    assert out.loc["y", "polarization"] == 0.0  # all agree
    assert np.isnan(out.loc["z", "polarization"])  # a single actor
    assert out.index[0] == "x"  # most polarized first


def test_two_opposed_actors_are_fully_polarized():
    frame = positions_frame([_row("a", "x", 1), _row("b", "x", -1)])
    assert polarization(frame)["polarization"].iloc[0] == 1.0


def test_organization_level_pools_members():
    frame = positions_frame(
        [
            {**_row("p1", "x", 1), "organization": "Org"},
            {**_row("p2", "x", 1), "organization": "Org"},
            {**_row("q", "x", -1), "organization": "Other"},
        ]
    )
    assert polarization(frame)["n_actors"].iloc[0] == 3
    assert polarization(frame, level="organization")["n_actors"].iloc[0] == 2


def test_polarization_over_time_steps():
    frame = positions_frame(
        [
            _row("a", "x", 1, "2023-01-01"),
            _row("b", "x", -1, "2023-01-10"),
            _row("c", "x", -1, "2023-01-20"),
            _row("a", "x", -1, "2023-01-30"),
            _row("a", "x", -1, "2023-01-31"),
        ]
    )
    line = polarization_over_time(frame)
    dates = line["date"].dt.strftime("%m-%d").tolist()
    assert dates == ["01-01", "01-10", "01-20", "01-30", "01-31"]
    # a supports alone; a vs b; a vs b, c (2 of 3 pairs); a neutral (mean 0); a opposes.
    np.testing.assert_allclose(line["polarization"], [np.nan, 1.0, 2 / 3, 0.0, 0.0])
    assert line["n_neutral"].tolist() == [0, 0, 0, 1, 0]
    rolling = polarization_over_time(frame, window="rolling", width_days=15, dates=["2023-01-20"])
    # The window (01-05, 01-20] holds only b and c, both opposed.
    assert rolling["n_actors"].iloc[0] == 2 and rolling["polarization"].iloc[0] == 0.0


def test_polarization_over_time_ends_at_the_whole_table_and_matches_windows():
    frame = generate(4_000, 40, 12, years=1, seed=21).positions
    line = polarization_over_time(frame, freq="M")
    last = line[line["date"] == line["date"].max()].astype({"issue_id": "str"})
    whole = polarization(frame).astype({"issue_id": "str"})
    merged = last.merge(whole, on="issue_id", suffixes=("_t", ""))
    assert len(merged) == len(whole)
    np.testing.assert_allclose(merged["polarization_t"], merged["polarization"])
    assert (merged["n_actors_t"] == merged["n_actors"]).all()

    when = pd.Timestamp(frame["statement_date"].min()) + pd.Timedelta(days=150)
    rolled = polarization_over_time(frame, window="rolling", width_days=45, dates=[when])
    dates = frame["statement_date"]
    inside = frame[(dates > when - pd.Timedelta(days=45)) & (dates <= when)]
    expected = polarization(inside).astype({"issue_id": "str"}).set_index("issue_id")
    got = rolled.astype({"issue_id": "str"}).set_index("issue_id")
    got = got[got["n_actors"] > 0]
    assert set(got.index) == set(expected.index)
    assert (got["n_actors"] == expected.loc[got.index, "n_actors"]).all()
    np.testing.assert_allclose(got["polarization"], expected.loc[got.index, "polarization"])


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.sampled_from("xy"), st.sampled_from([-1, 0, 1])),
        min_size=1,
        max_size=25,
    )
)
def test_polarization_is_a_share(rows):
    out = polarization(positions_frame([_row(a, i, s) for a, i, s in rows]))
    values = out["polarization"].dropna()
    assert ((values >= 0) & (values <= 1)).all()
    assert (out["n_actors"] == out["n_support"] + out["n_neutral"] + out["n_oppose"]).all()


# --- blocs -----------------------------------------------------------------------------


@pytest.fixture
def two_camps():
    issues = ["i1", "i2", "i3", "i4", "i5", "i6"]
    camp_a = ["a1", "a2", "a3"]
    camp_b = ["b1", "b2", "b3"]
    rows = []
    for k, actor in enumerate(["b2", "a1", "b3", "a3", "b1", "a2"]):  # interleaved
        sign = 1 if actor in camp_a else -1
        for j, issue in enumerate(issues):
            # Each actor deviates on one issue, so the camps are not all identical.
            score = 0 if j == k else sign
            rows.append(_row(actor, issue, score))
    rows.append(_row("loner", "i9", 1))  # shares no issue with anyone: NaN agreement
    return positions_frame(rows), set(camp_a), set(camp_b)


def test_bloc_order_puts_each_camp_side_by_side(two_camps):
    frame, camp_a, camp_b = two_camps
    matrix = agreement_matrix(frame, top=None)
    order = bloc_order(matrix)
    assert sorted(order) == sorted(matrix.keys)
    actors = [k for k in order if k != "loner"]
    first = set(actors[:3])
    assert first in (camp_a, camp_b)
    assert set(actors[3:]) == (camp_b if first == camp_a else camp_a)
    assert bloc_order(matrix) == order  # deterministic


def test_blocs_number_the_camps_in_bloc_order(two_camps):
    frame, camp_a, camp_b = two_camps
    matrix = agreement_matrix(frame, top=None).reorder(
        sorted(agreement_matrix(frame, top=None).keys)
    )
    labels = blocs(matrix, 3)
    groups = {frozenset(labels.index[labels == b]) for b in labels.unique()}
    assert frozenset(camp_a) in groups and frozenset(camp_b) in groups
    assert labels.iloc[0] == 1
    assert list(labels.index) == bloc_order(matrix)


@pytest.mark.parametrize("measure", ["signorino_ritter", "scott_pi", "cohen_kappa"])
def test_bloc_order_with_other_measures(two_camps, measure):
    frame, _, _ = two_camps
    order = bloc_order(agreement_matrix(frame, top=None), measure)
    assert len(order) == 7


def test_small_matrices():
    frame = positions_frame([_row("a", "x", 1), _row("b", "x", -1)])
    matrix = agreement_matrix(frame)
    assert bloc_order(matrix) == ["a", "b"]
    assert blocs(matrix, 2).tolist() == [1, 2]
    assert blocs(matrix, 1).tolist() == [1, 1]
    single = agreement_matrix(positions_frame([_row("a", "x", 1)]))
    assert bloc_order(single) == ["a"] and blocs(single, 2).tolist() == [1]
