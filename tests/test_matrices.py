"""Stance matrices: the aggregation rule, evidence rows, levels and actor selection."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tracker.load import load_positions
from tracker.matrices import score_matrix, select_actors, stance_matrix
from tracker.synthetic import generate, positions_frame


def _row(actor, issue, score, date, **extra):
    return {"actor_id": actor, "issue_id": issue, "score": score, "statement_date": date, **extra}


@pytest.fixture
def small():
    return positions_frame(
        [
            _row("a", "x", 1, "2023-01-01"),
            _row("a", "x", 1, "2023-03-01", quote="a supports x again"),
            _row("a", "x", -1, "2023-02-01"),
            _row("a", "y", 1, "2023-01-05"),
            _row("a", "y", -1, "2023-01-06"),
            _row("b", "x", 0, "2023-01-02"),
            _row("c", "y", -1, "2023-01-03"),
        ]
    )


def _cell(matrix: pd.DataFrame, key: str, issue: str) -> pd.Series:
    rows = matrix[(matrix["key"] == key) & (matrix["issue_id"] == issue)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_mean_count_latest_and_evidence(small):
    matrix = stance_matrix(small)
    cell = _cell(matrix, "a", "x")
    assert cell["mean_score"] == pytest.approx(1 / 3)
    assert cell["stance"] == "support"
    assert (cell["n_statements"], cell["n_support"], cell["n_neutral"], cell["n_oppose"]) == (
        3,
        2,
        0,
        1,
    )
    assert cell["latest_date"] == pd.Timestamp("2023-03-01")
    assert cell["latest_statement_id"] == "s2"
    assert cell["latest_quote"] == "a supports x again"
    assert list(cell["statement_ids"]) == ["s1", "s3", "s2"]  # oldest first


def test_tie_between_support_and_opposition_is_neutral(small):
    cell = _cell(stance_matrix(small), "a", "y")
    assert cell["mean_score"] == 0 and cell["stance"] == "neutral"


def test_only_cells_with_statements_and_activity_order(small):
    matrix = stance_matrix(small)
    assert len(matrix) == 4  # (a,x) (a,y) (b,x) (c,y); no row for missing stances
    assert matrix["key"].astype(str).tolist() == ["a", "a", "b", "c"]
    assert matrix.attrs["rule"].startswith("An actor's stance")


def test_top_and_explicit_actors(small):
    assert set(stance_matrix(small, top=1)["key"].astype(str)) == {"a"}
    chosen = stance_matrix(small, actors=["c", "b", "nobody"])
    assert chosen["key"].astype(str).tolist() == ["c", "b"]


def test_ties_in_activity_are_broken_by_key():
    frame = positions_frame(
        [_row(k, "x", 1, "2023-01-01") for k in ("d", "b", "c")] + [_row("a", "x", 1, "2023-01-02")]
    )
    assert select_actors(frame, top=3).keys == ["a", "b", "c"]


def test_score_matrix_separates_neutral_from_missing(small):
    scores = score_matrix(small)
    assert scores.keys == ["a", "b", "c"] and scores.issue_ids == ["x", "y"]
    b = scores.keys.index("b")
    assert scores.present[b].tolist() == [True, False]
    assert scores.stance[b, 0] == 0 and np.isnan(scores.mean[b, 1])
    assert scores.count.tolist() == [[3, 2], [1, 0], [0, 1]]


def test_excerpt_is_cut_with_an_ellipsis():
    frame = positions_frame([_row("a", "x", 1, "2023-01-01", quote="word " * 50)])
    quote = stance_matrix(frame, excerpt_chars=20)["latest_quote"].iloc[0]
    assert quote == ("word " * 4) + "…"


def test_plain_string_columns_give_the_same_matrix():
    frame = generate(3_000, 40, 12, seed=5).positions
    plain = frame.astype({c: "str" for c in ("actor_id", "actor", "issue_id", "issue")})
    plain = plain.sample(frac=1.0, random_state=0)  # another row and level order
    one = stance_matrix(frame).astype({"key": "str", "issue_id": "str"})
    two = stance_matrix(plain).astype({"key": "str", "issue_id": "str"})
    cols = ["key", "issue_id", "mean_score", "n_statements", "latest_date"]
    pd.testing.assert_frame_equal(one[cols], two[cols])


def test_matches_a_pandas_groupby_on_synthetic_data():
    frame = generate(5_000, 50, 15, seed=9).positions
    matrix = stance_matrix(frame).astype({"key": "str", "issue_id": "str"})
    expected = (
        frame.astype({"actor_id": "str", "issue_id": "str"})
        .groupby(["actor_id", "issue_id"])
        .agg(
            mean=("score", "mean"),
            n=("score", "size"),
            latest=("statement_date", "max"),
            ids=("statement_id", lambda s: sorted(s)),
        )
        .reset_index()
    )
    merged = expected.merge(
        matrix, left_on=["actor_id", "issue_id"], right_on=["key", "issue_id"], how="outer"
    )
    assert len(merged) == len(expected) == len(matrix)
    np.testing.assert_allclose(merged["mean"], merged["mean_score"])
    assert (merged["n"] == merged["n_statements"]).all()
    assert (merged["latest"] == merged["latest_date"]).all()
    assert all(
        sorted(got) == ids for got, ids in zip(merged["statement_ids"], merged["ids"], strict=True)
    )


def test_unknown_level_and_missing_column_are_named():
    frame = positions_frame([_row("a", "x", 1, "2023-01-01")])
    with pytest.raises(ValueError, match="unknown level 'country'"):
        stance_matrix(frame, level="country")
    with pytest.raises(ValueError, match="quote"):
        stance_matrix(frame.drop(columns=["quote"]))


def test_empty_frame_gives_an_empty_matrix():
    frame = positions_frame([_row("a", "x", 1, "2023-01-01")]).iloc[0:0]
    assert stance_matrix(frame).empty


# --- the coded data set -----------------------------------------------------------------


@pytest.fixture(scope="module")
def coded():
    return load_positions()


def test_coded_tokyo_office_cells(coded):
    matrix = stance_matrix(coded)
    france = _cell(matrix, "france", "nato_tokyo_office")
    stoltenberg = _cell(matrix, "stoltenberg", "nato_tokyo_office")
    assert (france["stance"], france["n_statements"]) == ("oppose", 1)
    assert (stoltenberg["stance"], stoltenberg["n_statements"]) == ("support", 1)
    ids = coded.set_index("statement_id")
    for cell, actor in ((france, "france"), (stoltenberg, "stoltenberg")):
        [sid] = list(cell["statement_ids"])
        assert ids.loc[sid, "actor_id"] == actor
        assert ids.loc[sid, "issue_id"] == "nato_tokyo_office"


def test_coded_organization_level_pools_person_and_body(coded):
    matrix = stance_matrix(coded, level="organization")
    nato = _cell(matrix, "NATO", "nato_asia_pacific_partnership")
    rows = coded[
        (coded["organization"] == "NATO") & (coded["issue_id"] == "nato_asia_pacific_partnership")
    ]
    assert set(rows["actor_id"].astype(str)) == {"stoltenberg", "nato"}
    assert nato["n_statements"] == len(rows)
    assert sorted(nato["statement_ids"]) == sorted(rows["statement_id"])
    france = _cell(matrix, "France", "nato_tokyo_office")
    macron_and_france = coded[
        (coded["actor_id"].isin(["macron", "france"])) & (coded["issue_id"] == "nato_tokyo_office")
    ]
    assert france["n_statements"] == len(macron_and_france) == 2
    assert france["stance"] == "oppose"


def test_chunked_string_columns_as_read_from_a_large_parquet_file():
    frame = generate(2_000, 20, 5, seed=1).positions
    chunked = pd.concat([frame.iloc[:1000], frame.iloc[1000:]], ignore_index=True)
    pd.testing.assert_frame_equal(stance_matrix(chunked), stance_matrix(frame))
