"""Agreement measures against hand-computed values, edge cases and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.agreement import (
    MEASURES,
    OUTCOMES,
    agreement_matrix,
    head_to_head,
    measures_from_stances,
    pair_measures,
    sharpest_disagreements,
)
from tracker.load import load_positions
from tracker.synthetic import positions_frame


def _row(actor, issue, score, date="2023-01-01", **extra):
    return {"actor_id": actor, "issue_id": issue, "score": score, "statement_date": date, **extra}


def _frame(stances: dict[str, dict[str, int]]):
    """One statement per (actor, issue) from {actor: {issue: score}}."""
    return positions_frame(
        [
            _row(actor, issue, score)
            for actor, row in stances.items()
            for issue, score in row.items()
        ]
    )


def _reference(x: list[int | None], y: list[int | None]) -> dict[str, float]:
    """The measures written out term by term from their textbook definitions."""
    pairs = [(a, b) for a, b in zip(x, y, strict=True) if a is not None and b is not None]
    n = len(pairs)
    if n == 0:
        return {"n_shared": 0, **{m: math.nan for m in MEASURES}}
    dist = sum(abs(a - b) for a, b in pairs)
    a_share = 1 - dist / (2 * n)
    s = 1 - 2 * dist / (n * 2)
    p_o = sum(a == b for a, b in pairs) / n
    pooled = {
        c: (sum(a == c for a, _ in pairs) + sum(b == c for _, b in pairs)) / (2 * n)
        for c in (-1, 0, 1)
    }
    p_e = sum(v * v for v in pooled.values())
    pi = math.nan if math.isclose(p_e, 1.0) else (p_o - p_e) / (1 - p_e)
    weight = lambda a, b: (abs(a - b) / 2) ** 2  # noqa: E731
    observed = sum(weight(a, b) for a, b in pairs) / n
    rows = {c: sum(a == c for a, _ in pairs) / n for c in (-1, 0, 1)}
    cols = {c: sum(b == c for _, b in pairs) / n for c in (-1, 0, 1)}
    expected = sum(weight(a, b) * rows[a] * cols[b] for a in (-1, 0, 1) for b in (-1, 0, 1))
    kappa = math.nan if expected == 0 else 1 - observed / expected
    return {
        "n_shared": n,
        "agreement": a_share,
        "signorino_ritter": s,
        "scott_pi": pi,
        "cohen_kappa": kappa,
    }


def _close(got: dict, expected: dict) -> None:
    assert got["n_shared"] == expected["n_shared"]
    for name in MEASURES:
        if math.isnan(expected[name]):
            assert math.isnan(got[name]), name
        else:
            assert got[name] == pytest.approx(expected[name], abs=1e-12), name


def test_hand_computed_example():
    # x = (+, +, 0, −), y = (+, 0, 0, +): distances 0, 1, 0, 2.
    got = measures_from_stances([1, 1, 0, -1], [1, 0, 0, 1])
    assert got["n_shared"] == 4
    assert got["agreement"] == pytest.approx(1 - 3 / 8)
    assert got["signorino_ritter"] == pytest.approx(0.25)
    # p_o = 1/2; pooled shares (1/8, 3/8, 4/8) → p_e = 26/64; π = (32/64 − 26/64)/(38/64).
    assert got["scott_pi"] == pytest.approx(3 / 19)
    # Σ w·o = (1/4 + 1)/4 = 5/16; Σ w·e = 1/4 → κ = 1 − 5/4.
    assert got["cohen_kappa"] == pytest.approx(-0.25)


def test_neutral_against_a_position_gets_half_credit():
    got = measures_from_stances([0, 0], [1, -1])
    assert got["agreement"] == 0.5 and got["signorino_ritter"] == 0.0


def test_missing_is_not_neutral():
    frame = _frame({"a": {"x": 1, "y": 0}, "b": {"x": 1}})
    got = pair_measures(frame, "a", "b")
    assert got["n_shared"] == 1 and got["agreement"] == 1.0
    with_neutral = _frame({"a": {"x": 1, "y": 0}, "b": {"x": 1, "y": 1}})
    got = pair_measures(with_neutral, "a", "b")
    assert got["n_shared"] == 2 and got["agreement"] == 0.75


def test_no_shared_issue_is_nan_never_zero():
    frame = _frame({"a": {"x": 1}, "b": {"y": -1}})
    matrix = agreement_matrix(frame)
    assert matrix.square("n_shared").loc["a", "b"] == 0
    for name in MEASURES:
        assert np.isnan(matrix.square(name).loc["a", "b"]), name


def test_identical_stances_leave_chance_corrected_measures_undefined():
    frame = _frame({"a": {"x": 1, "y": 1, "z": 1}, "b": {"x": 1, "y": 1, "z": 1}})
    got = pair_measures(frame, "a", "b")
    assert got["agreement"] == 1.0 and got["signorino_ritter"] == 1.0
    assert np.isnan(got["scott_pi"]) and np.isnan(got["cohen_kappa"])


def test_one_actor_gives_a_one_by_one_matrix_and_no_disagreements():
    frame = _frame({"a": {"x": 1, "y": -1}})
    matrix = agreement_matrix(frame)
    assert matrix.keys == ["a"] and matrix.n_shared.tolist() == [[2]]
    assert sharpest_disagreements(frame).empty


def test_several_statements_are_aggregated_by_the_sign_of_their_mean():
    frame = positions_frame(
        [
            _row("a", "x", 1, "2023-01-01"),
            _row("a", "x", -1, "2023-01-02"),  # a: mean 0 → neutral
            _row("b", "x", 1, "2023-01-01"),
            _row("b", "x", 1, "2023-01-02"),
            _row("b", "x", -1, "2023-01-03"),  # b: mean 1/3 → support
        ]
    )
    assert pair_measures(frame, "a", "b")["agreement"] == 0.5


def test_min_overlap_blanks_measures_but_keeps_n():
    frame = _frame({"a": {"x": 1, "y": -1}, "b": {"x": 1, "y": 1}, "c": {"x": 1}})
    matrix = agreement_matrix(frame, min_overlap=2)
    n = matrix.square("n_shared")
    a = matrix.square("agreement")
    assert n.loc["a", "c"] == 1 and np.isnan(a.loc["a", "c"])
    assert n.loc["a", "b"] == 2 and a.loc["a", "b"] == 0.5
    long = matrix.long().astype({"key_a": "str", "key_b": "str"})
    cell = long[(long["key_a"] == "a") & (long["key_b"] == "c")].iloc[0]
    assert bool(cell["below_min"]) and cell["n_shared"] == 1


def test_long_form_has_every_ordered_pair_with_labels():
    frame = _frame({"a": {"x": 1}, "b": {"x": -1}, "c": {"x": 0}})
    long = agreement_matrix(frame).long()
    assert len(long) == 9
    assert {"key_a", "label_a", "key_b", "label_b", "n_shared", *MEASURES} <= set(long.columns)


def test_unknown_measure_is_refused():
    matrix = agreement_matrix(_frame({"a": {"x": 1}}))
    with pytest.raises(ValueError, match="unknown measure"):
        matrix.square("jaccard")


def test_top_keeps_the_most_active_actors():
    frame = positions_frame(
        [_row("a", f"i{j}", 1) for j in range(3)]
        + [_row("b", f"i{j}", 1) for j in range(2)]
        + [_row("c", "i0", 1)]
    )
    assert agreement_matrix(frame, top=2).keys == ["a", "b"]
    assert agreement_matrix(frame, actors=["c", "a"]).keys == ["c", "a"]


# --- the coded data: France versus Stoltenberg on the Tokyo office ---------------------


@pytest.fixture(scope="module")
def coded():
    return load_positions()


def test_france_versus_stoltenberg(coded):
    # Shared issues: the Tokyo office and NATO's Asia-Pacific role; France opposes both,
    # Stoltenberg supports both. A = 0, S = −1; pooled shares (½, 0, ½) give π = −1; each
    # side is constant, so observed and expected disagreement coincide and κ = 0.
    got = pair_measures(coded, "france", "stoltenberg")
    _close(
        dict(got),
        {
            "n_shared": 2,
            "agreement": 0.0,
            "signorino_ritter": -1.0,
            "scott_pi": -1.0,
            "cohen_kappa": 0.0,
        },
    )


def test_france_versus_nato_at_organization_level(coded):
    got = pair_measures(coded, "France", "NATO", level="organization")
    assert got["n_shared"] == 2 and got["agreement"] == 0.0


def test_head_to_head_france_stoltenberg(coded):
    h2h = head_to_head(coded, "france", "stoltenberg")
    rows = h2h.issues.set_index("issue_id")
    tokyo = rows.loc["nato_tokyo_office"]
    assert tokyo["outcome"] == "disagree"
    assert (tokyo["stance_a"], tokyo["stance_b"]) == ("oppose", "support")
    ids = coded.set_index("statement_id")
    assert {ids.loc[s, "actor_id"] for s in tokyo["statement_ids_a"]} == {"france"}
    assert {ids.loc[s, "actor_id"] for s in tokyo["statement_ids_b"]} == {"stoltenberg"}
    assert rows.loc["pacific_military_presence", "outcome"] == "only a"
    assert rows.loc["ukraine_asia_link", "outcome"] == "only b"
    assert pd.isna(rows.loc["ukraine_asia_link", "stance_a"])
    spoken = set(
        coded.loc[coded["actor_id"].isin(["france", "stoltenberg"]), "issue_id"].astype(str)
    )
    assert set(rows.index) == spoken
    assert h2h.issues["outcome"].iloc[0] == "disagree"  # disagreements first
    assert h2h.measures["n_shared"] == 2 and h2h.measures["agreement"] == 0.0


def test_head_to_head_outcomes_and_refusal():
    frame = _frame(
        {"a": {"w": 1, "x": 1, "y": 0, "z": -1}, "b": {"x": -1, "y": 1, "z": -1, "v": 0}}
    )
    h2h = head_to_head(frame, "a", "b")
    outcome = dict(zip(h2h.issues["issue_id"], h2h.issues["outcome"].astype(str), strict=True))
    assert outcome == {"x": "disagree", "y": "differ", "z": "agree", "w": "only a", "v": "only b"}
    assert set(h2h.issues["outcome"].cat.categories) == set(OUTCOMES)
    with pytest.raises(ValueError, match="two different actors"):
        head_to_head(frame, "a", "a")


def test_sharpest_disagreements_ranks_pairs_and_names_issues():
    frame = _frame(
        {
            "a": {"x": 1, "y": 1, "z": 1},
            "b": {"x": -1, "y": -1, "z": 1},
            "c": {"x": -1, "y": 1, "z": 1},
            "d": {"x": 1, "y": 1, "z": 1},
        }
    )
    out = sharpest_disagreements(frame, limit=10)
    first = out.iloc[0]
    assert {first["key_a"], first["key_b"]} in ({"a", "b"}, {"b", "d"})
    assert first["n_opposed"] == 2 and sorted(first["issue_ids"]) == ["x", "y"]
    pairs = {frozenset((r.key_a, r.key_b)) for r in out.itertuples()}
    assert frozenset(("a", "d")) not in pairs  # never opposed
    assert out["n_opposed"].is_monotonic_decreasing


# --- properties ---------------------------------------------------------------------------

ACTORS = ["a", "b", "c", "d"]
ISSUES = ["p", "q", "r", "s", "t"]

statements = st.lists(
    st.tuples(st.sampled_from(ACTORS), st.sampled_from(ISSUES), st.sampled_from([-1, 0, 1])),
    min_size=1,
    max_size=30,
)


def _statements_frame(rows):
    return positions_frame([_row(a, i, s) for a, i, s in rows])


@settings(max_examples=60, deadline=None)
@given(statements)
def test_matrix_matches_the_reference_and_is_symmetric_and_bounded(rows):
    frame = _statements_frame(rows)
    matrix = agreement_matrix(frame, top=None)
    mean = frame.groupby(["actor_id", "issue_id"], observed=True)["score"].mean()
    for i, a in enumerate(matrix.keys):
        for j, b in enumerate(matrix.keys):
            x = [int(np.sign(mean[(a, k)])) if (a, k) in mean.index else None for k in ISSUES]
            y = [int(np.sign(mean[(b, k)])) if (b, k) in mean.index else None for k in ISSUES]
            got = {
                "n_shared": matrix.n_shared[i, j],
                **{m: matrix.values[m][i, j] for m in MEASURES},
            }
            _close(got, _reference(x, y))
    for name, values in matrix.values.items():
        np.testing.assert_allclose(values, values.T, equal_nan=True, err_msg=name)
    np.testing.assert_array_equal(matrix.n_shared, matrix.n_shared.T)
    a_share, s = matrix.values["agreement"], matrix.values["signorino_ritter"]
    defined = ~np.isnan(a_share)
    assert ((a_share[defined] >= 0) & (a_share[defined] <= 1)).all()
    np.testing.assert_allclose(a_share, (1 + s) / 2, equal_nan=True)
    for name in ("scott_pi", "cohen_kappa"):
        values = matrix.values[name]
        assert (values[~np.isnan(values)] <= 1 + 1e-12).all()
    pi = matrix.values["scott_pi"]
    assert (pi[~np.isnan(pi)] >= -1 - 1e-12).all()
    assert (np.isnan(a_share) == (matrix.n_shared == 0)).all()


@settings(max_examples=40, deadline=None)
@given(
    statements,
    st.lists(st.tuples(st.sampled_from(ISSUES), st.sampled_from([-1, 0, 1])), max_size=8),
)
def test_adding_an_unrelated_actor_changes_no_other_pair(rows, newcomer):
    before = agreement_matrix(_statements_frame(rows), top=None)
    after = agreement_matrix(
        _statements_frame(rows + [("zz", i, s) for i, s in newcomer]), top=None
    )
    keep = [after.keys.index(k) for k in before.keys]
    grid = np.ix_(keep, keep)
    np.testing.assert_array_equal(after.n_shared[grid], before.n_shared)
    for name in MEASURES:
        np.testing.assert_array_equal(after.values[name][grid], before.values[name])


@settings(max_examples=40, deadline=None)
@given(statements)
def test_pair_functions_agree_with_the_matrix(rows):
    frame = _statements_frame(rows)
    matrix = agreement_matrix(frame, top=None)
    if len(matrix.keys) < 2:
        return
    a, b = matrix.keys[0], matrix.keys[-1]
    i, j = 0, len(matrix.keys) - 1
    for got in (pair_measures(frame, a, b), head_to_head(frame, a, b).measures):
        assert got["n_shared"] == matrix.n_shared[i, j]
        for name in MEASURES:
            np.testing.assert_allclose(got[name], matrix.values[name][i, j], equal_nan=True)


def test_bit_counting_and_matrix_products_give_the_same_tables(monkeypatch):
    from tracker import agreement

    rng = np.random.default_rng(0)
    stance = rng.integers(-1, 2, size=(4, 30, 130))  # batch × actors × issues (3 words)
    present = rng.random((4, 30, 130)) < 0.6
    ind = agreement.indicators(stance, present)
    by_bits = agreement.crosstabs(ind)
    monkeypatch.setattr(agreement, "_BITS_LIMIT", 0)
    by_products = agreement.crosstabs(ind)
    np.testing.assert_array_equal(by_bits, by_products)
    expected = ((stance[:, :, None, :] == 1) & present[:, :, None, :]) & (
        (stance[:, None, :, :] == -1) & present[:, None, :, :]
    )
    np.testing.assert_array_equal(by_bits[2, 0], expected.sum(axis=-1))
