"""Loading positions for the app: types, TRACKER_POSITIONS, partitioned folders and object stores."""

from __future__ import annotations

import shutil
from pathlib import Path

import boto3
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tracker.load import DEFAULT_POSITIONS, ENV_VAR, document_text, load_documents, load_positions
from tracker.problems import DataError
from tracker.schema import CATEGORICAL_COLUMNS


def test_loader_types_the_frame() -> None:
    frame = load_positions()
    for column in CATEGORICAL_COLUMNS:
        assert isinstance(frame[column].dtype, pd.CategoricalDtype), column
    assert frame["score"].dtype == "int8"
    assert frame["confidence"].dtype == "float32"
    assert frame["char_start"].dtype == "int32"
    assert frame["statement_date"].dtype == "datetime64[ns]"
    assert pd.api.types.is_string_dtype(frame["quote"])
    assert frame["statement_id"].is_unique


def test_environment_variable_names_the_file(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = load_positions()
    smaller = data_copy / "positions.parquet"
    from tracker.build import write_positions

    write_positions(frame[frame["actor_id"] == "stoltenberg"], smaller)
    monkeypatch.setenv(ENV_VAR, str(smaller))
    loaded = load_positions()
    assert set(loaded["actor_id"].astype(str)) == {"stoltenberg"}
    assert document_text(str(loaded["doc_id"].iloc[0])).startswith("The presence of four")


def test_broken_file_raises_with_every_problem(data_copy: Path) -> None:
    (data_copy / "positions.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(DataError) as error:
        load_positions(data_copy / "positions.parquet")
    assert "not a readable Parquet file" in str(error.value.problems[0])


def _partition_by_year(data_copy: Path) -> Path:
    """The bundled table written as a hive-partitioned dataset under positions/."""
    table = pq.read_table(DEFAULT_POSITIONS)
    years = pd.DatetimeIndex(table["statement_date"].to_pandas()).year
    folder = data_copy / "positions"
    for year in sorted(set(years)):
        part = folder / f"year={year}"
        part.mkdir(parents=True)
        pq.write_table(table.filter(pd.Series(years == year).to_numpy()), part / "part-0.parquet")
    (data_copy / "positions.parquet").unlink()
    return folder


def _same_view(a: pd.DataFrame, b: pd.DataFrame) -> None:
    columns = [c for c in a.columns if c != "year"]
    left = a[columns].sort_values("statement_id").reset_index(drop=True)
    right = b[columns].sort_values("statement_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(left.astype(str), right.astype(str))


def test_partitioned_folder_gives_the_same_table(data_copy: Path) -> None:
    folder = _partition_by_year(data_copy)
    _same_view(load_positions(folder), load_positions(DEFAULT_POSITIONS))
    assert len(load_documents(folder)) == 1


def test_filters_are_pushed_down_to_partitions(data_copy: Path) -> None:
    folder = _partition_by_year(data_copy)
    only_july = load_positions(
        folder, filter=ds.field("statement_date") >= pd.Timestamp("2023-07-01").date()
    )
    assert only_july["statement_date"].min() >= pd.Timestamp("2023-07-01")
    assert 0 < len(only_july) < len(load_positions(DEFAULT_POSITIONS))


@pytest.fixture
def s3_data(data_copy: Path, monkeypatch: pytest.MonkeyPatch):
    """The bundled data in a bucket of a local S3-compatible server (moto)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://127.0.0.1:{port}"
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="positions")
    for path in data_copy.rglob("*"):
        if path.is_file():
            client.upload_file(
                str(path), "positions", f"shared/{path.relative_to(data_copy).as_posix()}"
            )
    yield f"s3://positions/shared/positions.parquet?endpoint_override=127.0.0.1:{port}&scheme=http&region=us-east-1"
    server.stop()


def test_object_store_gives_the_same_table(s3_data: str) -> None:
    _same_view(load_positions(s3_data), load_positions(DEFAULT_POSITIONS))
    assert load_documents(s3_data)["doc_id"].tolist() == ["cnn-20230711-nato-asia-pacific"]
    doc = load_documents(s3_data)["doc_id"].iloc[0]
    assert "Vilnius" in document_text(doc, s3_data)


def test_object_store_missing_key_is_a_problem_not_a_traceback(s3_data: str) -> None:
    missing = s3_data.replace("positions.parquet", "absent.parquet")
    with pytest.raises(DataError) as error:
        load_positions(missing)
    assert "file not found" in str(error.value)


def test_copy_of_partitions_reads_without_documents_reports_them(data_copy: Path) -> None:
    folder = _partition_by_year(data_copy)
    shutil.rmtree(data_copy / "articles")
    with pytest.raises(DataError) as error:
        load_positions(folder)
    assert "document text not found" in str(error.value)


def test_version_changes_when_the_data_is_replaced(data_copy: Path) -> None:
    # The app reloads when this token changes: a rebuilt file must change it, a missing one say so.
    from tracker.build import write_positions
    from tracker.load import locate

    path = data_copy / "positions.parquet"
    before = locate(path).version()
    frame = load_positions(path)
    write_positions(frame[frame["actor_id"] == "france"], path)
    assert locate(path).version() != before
    assert locate(data_copy / "absent.parquet").version() == "missing"
    folder = _partition_by_year(data_copy)
    parts = sorted(folder.rglob("*.parquet"))
    assert locate(folder).version().startswith(f"{len(parts)}:")
