"""Building positions.parquet from the codebook, the annotations and the article."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tracker.build import build, build_positions, positions_bytes
from tracker.load import DEFAULT_DATA_DIR, DEFAULT_POSITIONS, load_positions
from tracker.problems import DataError
from tracker.schema import CATEGORICAL_COLUMNS, COLUMN_NAMES

DOC = "cnn-20230711-nato-asia-pacific"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, _ = build(DEFAULT_DATA_DIR, tmp_path / "a.parquet")
    second, _ = build(DEFAULT_DATA_DIR, tmp_path / "b.parquet")
    assert first.read_bytes() == second.read_bytes()


def test_committed_file_equals_a_fresh_build() -> None:
    # Compared as tables: the writer's version string may differ between machines.
    committed = pq.read_table(DEFAULT_POSITIONS)
    rebuilt = pq.read_table(pa.BufferReader(positions_bytes(build_positions(DEFAULT_DATA_DIR))))
    assert committed.schema.equals(rebuilt.schema, check_metadata=True)
    assert committed.equals(rebuilt)


def test_repeated_strings_are_dictionary_encoded() -> None:
    schema = pq.read_schema(DEFAULT_POSITIONS)
    for name in CATEGORICAL_COLUMNS:
        assert pa.types.is_dictionary(schema.field(name).type), name
    assert schema.names == list(COLUMN_NAMES)


def test_every_quote_sits_at_its_offsets() -> None:
    frame = load_positions(DEFAULT_POSITIONS)
    text = (DEFAULT_DATA_DIR / "articles" / f"{DOC}.txt").read_text(encoding="utf-8")
    for start, end, quote in frame[["char_start", "char_end", "quote"]].itertuples(index=False):
        assert text[start:end] == quote


def test_coded_article_covers_the_positions_analysts_look_for() -> None:
    frame = load_positions(DEFAULT_POSITIONS)
    assert frame["actor_id"].nunique() > 12
    by_key = frame.set_index(["actor_id", "issue_id"])["stance"].astype(str)
    assert by_key.loc[("macron", "nato_tokyo_office")] == "oppose"
    assert by_key.loc[("stoltenberg", "nato_tokyo_office")] == "support"
    assert by_key.loc[("france", "nato_asia_pacific_role")] == "oppose"
    assert by_key.loc[("china", "nato_asia_pacific_role")] == "oppose"
    # Germany's vessels and France's warplanes land on the same issue.
    presence = frame[frame["issue_id"] == "pacific_military_presence"]
    assert {"pistorius", "france"} <= set(presence["actor_id"].astype(str))
    assert set(frame["attribution"].astype(str)) == {"stated", "reported", "action"}
    reported = frame[frame["attribution"] == "reported"]
    assert {"NHK", "Jens Stoltenberg"} <= set(reported["reported_by"].astype(str))
    # Dates resolved from the text and the dated context, not all set to publication day.
    wang = frame[frame["actor_id"] == "wang_wenbin"].iloc[0]
    assert wang["statement_date"] == pd.Timestamp("2023-05-18")
    pistorius = frame[frame["actor_id"] == "pistorius"].iloc[0]
    assert pistorius["statement_date"] == pd.Timestamp("2023-06-04")


def _edit_annotations(data_dir: Path, change) -> Path:
    path = data_dir / "annotations" / f"{DOC}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("quote", "words that the article never printed", "quote not found"),
        ("actor_id", "atlantis", "unknown actor 'atlantis'"),
        ("issue_id", "moon_base", "unknown issue 'moon_base'"),
        ("stance", "maybe", "unknown stance 'maybe'"),
        ("statement_date", "11/07/2023", "not an ISO date"),
        ("confidence", "1.5", "must be a number in [0, 1]"),
        ("quote", "Stoltenberg", "occurs"),
    ],
)
def test_bad_annotations_are_refused_naming_row_and_column(
    data_copy: Path, column: str, value: str, message: str
) -> None:
    def change(rows: list[dict]) -> None:
        rows[0][column] = value

    path = _edit_annotations(data_copy, change)
    with pytest.raises(DataError) as error:
        build_positions(data_copy)
    lines = [str(p) for p in error.value.problems]
    first_id = f"{DOC}-001"
    assert any(str(path) in line and first_id in line and message in line for line in lines), lines
