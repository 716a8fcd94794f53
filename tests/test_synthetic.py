"""The synthetic generator produces contract-shaped, clearly marked, reproducible data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tracker.load import load_documents, load_positions
from tracker.schema import CATEGORICAL_COLUMNS, COLUMN_NAMES, STANCES
from tracker.synthetic import generate, positions_frame, write_dataset


@pytest.fixture(scope="module")
def data():
    return generate(4_000, n_actors=60, n_issues=25, years=2, seed=7)


def test_columns_and_in_memory_dtypes(data):
    frame = data.positions
    assert list(frame.columns) == list(COLUMN_NAMES)
    for column in CATEGORICAL_COLUMNS:
        assert isinstance(frame[column].dtype, pd.CategoricalDtype), column
    assert frame["score"].dtype == np.int8
    assert frame["char_start"].dtype == np.int32 and frame["char_end"].dtype == np.int32
    assert frame["confidence"].dtype == np.float32
    assert frame["statement_date"].dtype == "datetime64[ns]"
    assert frame["statement_id"].is_unique


def test_sizes_and_date_range(data):
    frame = data.positions
    assert len(frame) == 4_000
    assert frame["actor_id"].nunique() <= 60
    assert frame["issue_id"].nunique() <= 25
    span = frame["statement_date"].max() - frame["statement_date"].min()
    assert pd.Timedelta(days=365) < span <= pd.Timedelta(days=2 * 366)
    assert (frame["statement_date"] == frame["statement_date"].dt.normalize()).all()


def test_every_quote_is_the_text_at_its_offsets(data):
    frame = data.positions
    for doc_id, start, end, quote in zip(
        frame["doc_id"], frame["char_start"], frame["char_end"], frame["quote"], strict=True
    ):
        assert data.texts[doc_id][start:end] == quote


def test_stance_matches_score_and_all_stances_occur(data):
    frame = data.positions
    assert (frame["stance"].astype(str).map(STANCES) == frame["score"]).all()
    assert set(frame["score"].unique()) == {-1, 0, 1}


def test_marked_as_synthetic(data):
    assert (data.positions["coder"] == "synthetic").all()
    assert data.documents["title"].str.startswith("Synthetic document ").all()
    assert all(text.startswith("Synthetic document ") for text in data.texts.values())
    assert set(data.documents["doc_id"]) == set(data.positions["doc_id"].astype(str))


def test_persons_speak_for_an_organization_that_speaks_for_itself(data):
    frame = data.positions.drop_duplicates("actor_id")
    orgs = frame[frame["actor_id"].astype(str).str.startswith("org_")]
    assert (orgs["organization"].astype(str) == orgs["actor"].astype(str)).all()
    persons = frame[frame["actor_type"] == "person"]
    assert len(orgs) > 0 and len(persons) > 0
    assert persons["organization"].astype(str).str.startswith("Synthetic organization").all()


def test_same_seed_same_data_other_seed_other_data():
    one = generate(500, 20, 10, seed=1)
    two = generate(500, 20, 10, seed=1)
    other = generate(500, 20, 10, seed=2)
    pd.testing.assert_frame_equal(one.positions, two.positions)
    assert one.texts == two.texts
    assert not one.positions["score"].equals(other.positions["score"])


def test_activity_is_skewed():
    frame = generate(20_000, 200, 50, seed=3).positions
    counts = frame["actor_id"].value_counts()
    assert counts.iloc[0] > 10 * counts.median()


def test_written_folder_passes_the_loader_checks(tmp_path, data):
    path = write_dataset(data, tmp_path / "synthetic")
    assert path == tmp_path / "synthetic" / "positions.parquet"
    loaded = load_positions(path)  # validates offsets, quotes, enums and dates
    assert len(loaded) == len(data.positions)
    assert set(loaded["statement_id"]) == set(data.positions["statement_id"])
    assert load_documents(path)["title"].str.startswith("Synthetic document").all()


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        generate(0)


def test_positions_frame_fills_the_contract_from_a_few_fields():
    frame = positions_frame(
        [
            {"actor_id": "a", "issue_id": "x", "score": -1, "statement_date": "2023-05-01"},
            {"actor_id": "b", "issue_id": "x", "score": 0, "statement_date": "2023-05-02"},
        ]
    )
    assert list(frame.columns) == list(COLUMN_NAMES)
    assert frame["statement_id"].tolist() == ["s1", "s2"]
    assert frame["stance"].astype(str).tolist() == ["oppose", "neutral"]
    assert frame["statement_date"].dtype == "datetime64[ns]"
    assert isinstance(frame["actor_id"].dtype, pd.CategoricalDtype)
