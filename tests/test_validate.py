"""`python -m tracker validate`: every kind of broken positions file is refused, row and column named."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tracker.build import positions_table
from tracker.cli import main
from tracker.load import DEFAULT_POSITIONS, load_positions
from tracker.validate import validate_file

FIRST = "cnn-20230711-nato-asia-pacific-001"


def _write_frame(path: Path, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
    frame = change(load_positions(DEFAULT_POSITIONS).copy())
    pq.write_table(positions_table(frame), path)
    return path


def _write_table(path: Path, change: Callable[[pa.Table], pa.Table]) -> Path:
    pq.write_table(change(pq.read_table(DEFAULT_POSITIONS)), path)
    return path


def _set(column: str, value, row: int = 0) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype("object")
        frame.loc[row, column] = value
        return frame

    return change


def _duplicate_id(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[1, "statement_id"] = frame.loc[0, "statement_id"]
    return frame


def _first_date_in_1203(table: pa.Table) -> pa.Table:
    dates = table["statement_date"].to_pylist()
    dates[0] = dt.date(1203, 7, 10)
    index = table.schema.get_field_index("statement_date")
    return table.set_column(index, "statement_date", pa.array(dates, type=pa.date32()))


CASES: dict[str, tuple[Callable[[Path], Path], str, str | None, str | None]] = {
    # name: (writer, message fragment, row, column)
    "not parquet": (
        lambda p: (p.write_text("doc_id,quote\nx,y\n"), p)[1],
        "not a readable Parquet file",
        None,
        None,
    ),
    "empty file": (lambda p: (p.write_bytes(b""), p)[1], "empty file", None, None),
    "missing column": (
        lambda p: _write_table(p, lambda t: t.drop_columns(["quote"])),
        "column is missing",
        None,
        "quote",
    ),
    "wrong type": (
        lambda p: _write_table(
            p,
            lambda t: t.set_column(
                t.schema.get_field_index("score"),
                "score",
                pa.array([str(v) for v in t["score"].to_pylist()]),
            ),
        ),
        "wrong type",
        None,
        "score",
    ),
    "unknown stance": (
        lambda p: _write_frame(p, _set("stance", "ambivalent")),
        "unknown stance 'ambivalent'",
        FIRST,
        "stance",
    ),
    "unknown attribution": (
        lambda p: _write_frame(p, _set("attribution", "rumoured")),
        "unknown attribution",
        FIRST,
        "attribution",
    ),
    "unknown date precision": (
        lambda p: _write_frame(p, _set("date_precision", "week")),
        "unknown date precision",
        FIRST,
        "date_precision",
    ),
    "score contradicts stance": (
        lambda p: _write_frame(p, _set("score", -1)),
        "score contradicts the stance",
        FIRST,
        "score",
    ),
    "duplicate id": (
        lambda p: _write_frame(p, _duplicate_id),
        "duplicate id",
        FIRST,
        "statement_id",
    ),
    "quote not at offsets": (
        lambda p: _write_frame(p, _set("char_start", 5)),
        "not the document text",
        FIRST,
        "quote",
    ),
    "unknown document": (
        lambda p: _write_frame(p, _set("doc_id", "bbc-never-coded")),
        "unknown document",
        FIRST,
        "doc_id",
    ),
    "confidence outside [0, 1]": (
        lambda p: _write_frame(p, _set("confidence", 1.7)),
        "confidence outside [0, 1]",
        FIRST,
        "confidence",
    ),
    "implausible date": (
        lambda p: _write_table(p, _first_date_in_1203),
        "implausible date",
        FIRST,
        "statement_date",
    ),
}


@pytest.fixture
def broken(
    data_copy: Path, request: pytest.FixtureRequest
) -> tuple[Path, str, str | None, str | None]:
    writer, message, row, column = CASES[request.param]
    path = writer(data_copy / "positions.parquet")
    return path, message, row, column


@pytest.mark.parametrize("broken", list(CASES), indirect=True)
def test_cli_refuses_with_a_line_naming_row_and_column(
    broken, capsys: pytest.CaptureFixture
) -> None:
    path, message, row, column = broken
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    wanted = [
        line
        for line in lines
        if message in line
        and str(path) in line
        and (row is None or f"row {row}" in line)
        and (column is None or f"column {column}" in line)
    ]
    assert wanted, lines


def test_bundled_file_is_valid_and_cli_exits_zero() -> None:
    assert validate_file() == []
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "validate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_missing_file_is_named(tmp_path: Path) -> None:
    problems = validate_file(tmp_path / "nowhere.parquet")
    assert [p.message for p in problems] == ["file not found"]


def test_missing_documents_csv_is_reported(data_copy: Path) -> None:
    (data_copy / "documents.csv").unlink()
    problems = validate_file(data_copy / "positions.parquet")
    assert any("documents.csv" in str(p) and "file not found" in str(p) for p in problems)


def test_a_reported_row_without_reporter_is_refused(data_copy: Path) -> None:
    frame = load_positions(DEFAULT_POSITIONS)
    row = int(frame.index[frame["attribution"] == "reported"][0])
    _write_frame(data_copy / "positions.parquet", _set("reported_by", None, row=row))
    problems = validate_file(data_copy / "positions.parquet")
    assert any(
        p.column == "reported_by" and p.row == frame.loc[row, "statement_id"] for p in problems
    )


def test_many_bad_rows_are_capped_with_a_count(data_copy: Path) -> None:
    def all_bad(frame: pd.DataFrame) -> pd.DataFrame:
        frame["confidence"] = 2.0
        return frame

    _write_frame(data_copy / "positions.parquet", all_bad)
    problems = validate_file(data_copy / "positions.parquet")
    assert len(problems) == 21
    assert "and 14 more rows" in problems[-1].message
