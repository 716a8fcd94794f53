"""Reading the positions table and its documents for the app and the command line.

`TRACKER_POSITIONS` names the positions data: a Parquet file (default `data/positions.parquet`),
a directory of Parquet files (a dataset partitioned, say, by year), or an object-store URL such
as `s3://bucket/prefix/positions.parquet` (options in the query string, e.g.
`?endpoint_override=host:9000&scheme=http`). `documents.csv` and `articles/<doc_id>.txt` are read
from the folder that holds it. Everything goes through pyarrow's datasets and filesystems, so
filters are pushed down to the files and several app replicas can share one data set.
"""

from __future__ import annotations

import io
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from tracker.problems import DataError, Problem
from tracker.schema import CATEGORICAL_COLUMNS, COLUMN_NAMES, DOCUMENT_COLUMNS

ENV_VAR = "TRACKER_POSITIONS"
PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "data"
DEFAULT_POSITIONS = DEFAULT_DATA_DIR / "positions.parquet"


@dataclass(frozen=True)
class Location:
    """Where a positions data set lives: a filesystem and a path on it."""

    uri: str
    filesystem: pafs.FileSystem
    path: str

    @property
    def folder(self) -> str:
        """The folder that holds the positions data, documents.csv and articles/."""
        return posixpath.dirname(self.path.rstrip("/"))

    def beside(self, *parts: str) -> str:
        return posixpath.join(self.folder, *parts)

    def describe(self, path: str | None = None) -> str:
        """A path as the user wrote it, for messages."""
        if "://" in self.uri:
            scheme = self.uri.split("://", 1)[0]
            return f"{scheme}://{path or self.path}"
        return path or self.path

    def is_dir(self) -> bool:
        return self.filesystem.get_file_info(self.path).type == pafs.FileType.Directory

    def exists(self) -> bool:
        return self.filesystem.get_file_info(self.path).type != pafs.FileType.NotFound

    def read_bytes(self, path: str) -> bytes:
        with self.filesystem.open_input_stream(path) as stream:
            return stream.read()

    def version(self) -> str:
        """A token that changes when the data changes: count, total size, newest mtime.

        One filesystem call (a recursive listing for a folder), so the same code serves local
        files, partitioned folders and object stores; "missing" when nothing is there.
        """
        try:
            info = self.filesystem.get_file_info(self.path)
            if info.type == pafs.FileType.Directory:
                infos = self.filesystem.get_file_info(pafs.FileSelector(self.path, recursive=True))
                infos = [i for i in infos if i.type == pafs.FileType.File]
            elif info.type == pafs.FileType.File:
                infos = [info]
            else:
                return "missing"
        except (OSError, ValueError):
            return "missing"
        newest = max((i.mtime_ns or 0 for i in infos), default=0)
        return f"{len(infos)}:{sum(i.size or 0 for i in infos)}:{newest}"


def positions_uri(path: str | os.PathLike[str] | None = None) -> str:
    """The positions data to read: the argument, else TRACKER_POSITIONS, else the bundled file."""
    if path is not None and str(path) != "":
        return str(path)
    return os.environ.get(ENV_VAR) or str(DEFAULT_POSITIONS)


def locate(path: str | os.PathLike[str] | None = None) -> Location:
    """Resolve a path or URL to a filesystem and a path on it."""
    uri = positions_uri(path)
    if "://" in uri and not uri.startswith("file://"):
        filesystem, fs_path = pafs.FileSystem.from_uri(uri)
        return Location(uri=uri, filesystem=filesystem, path=fs_path)
    local = Path(uri.removeprefix("file://")).expanduser().resolve()
    return Location(uri=str(local), filesystem=pafs.LocalFileSystem(), path=local.as_posix())


def read_table(location: Location, filter: ds.Expression | None = None) -> pa.Table:
    """Read the positions table with an optional pushed-down filter; no validation."""
    if location.is_dir():
        dataset = ds.dataset(
            location.path,
            filesystem=location.filesystem,
            format="parquet",
            partitioning="hive",
            exclude_invalid_files=False,
            ignore_prefixes=[".", "_"],
        )
        # Partition keys (year=2023) are added as columns; the contract's own columns come first.
        table = dataset.to_table(filter=filter)
        extra = [c for c in table.column_names if c not in COLUMN_NAMES]
        table = table.select([c for c in table.column_names if c in COLUMN_NAMES] + extra)
        return table.combine_chunks()
    dataset = ds.dataset(location.path, filesystem=location.filesystem, format="parquet")
    return dataset.to_table(filter=filter)


def to_frame(table: pa.Table, date_unit: str = "ns") -> pd.DataFrame:
    """The typed in-memory frame: categoricals for repeated strings, dates as datetime64[ns].

    Validation reads dates in seconds (`date_unit="s"`), which holds any year, so that a typo
    such as 0203 is reported as an implausible date instead of overflowing nanoseconds.
    """
    frame = table.to_pandas(
        types_mapper=None, date_as_object=False, self_destruct=False, ignore_metadata=True
    )
    for column in CATEGORICAL_COLUMNS:
        if column in frame.columns and not isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype("category")
    if "statement_date" in frame.columns:
        dates = table.column("statement_date")
        if pa.types.is_date(dates.type):
            dates = dates.cast(pa.timestamp("s"))
        frame["statement_date"] = dates.to_pandas().astype(f"datetime64[{date_unit}]")
    for column in ("statement_id", "quote"):
        if column in frame.columns:
            frame[column] = frame[column].astype("str")
    return frame


def read_documents(location: Location) -> pd.DataFrame:
    """documents.csv beside the positions data; raises DataError when missing or malformed."""
    path = location.beside("documents.csv")
    shown = location.describe(path)
    try:
        raw = location.read_bytes(path)
    except (FileNotFoundError, OSError):
        raise DataError([Problem(shown, None, None, "file not found")]) from None
    try:
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError([Problem(shown, None, None, f"not a readable CSV file ({exc})")]) from None
    missing = [c for c in DOCUMENT_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError([Problem(shown, None, c, "column is missing") for c in missing])
    published = pd.to_datetime(frame["published"], format="%Y-%m-%d", errors="coerce")
    problems = [
        Problem(shown, doc_id, "published", f"not an ISO date (YYYY-MM-DD): {value!r}")
        for doc_id, value in frame.loc[published.isna(), ["doc_id", "published"]].itertuples(
            index=False
        )
    ]
    problems += [
        Problem(shown, doc_id, "doc_id", "duplicate document id")
        for doc_id in sorted(set(frame.loc[frame["doc_id"].duplicated(), "doc_id"]))
    ]
    if problems:
        raise DataError(problems)
    return frame.assign(published=published.astype("datetime64[ns]"))


def read_texts(location: Location, doc_ids: Iterable[str]) -> tuple[dict[str, str], list[Problem]]:
    """The texts of the given documents, and a problem for each one that cannot be read."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for doc_id in doc_ids:
        path = location.beside("articles", f"{doc_id}.txt")
        try:
            texts[doc_id] = location.read_bytes(path).decode("utf-8")
        except (FileNotFoundError, OSError):
            problems.append(Problem(location.describe(path), None, None, "document text not found"))
        except UnicodeDecodeError as exc:
            problems.append(Problem(location.describe(path), None, None, f"not UTF-8 text ({exc})"))
    return texts, problems


def document_text(doc_id: str, path: str | os.PathLike[str] | None = None) -> str:
    """One document's text (raises DataError if it cannot be read)."""
    texts, problems = read_texts(locate(path), [doc_id])
    if problems:
        raise DataError(problems)
    return texts[doc_id]


def load_documents(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The documents table beside the positions data."""
    return read_documents(locate(path))


def load_positions(
    path: str | os.PathLike[str] | None = None, filter: ds.Expression | None = None
) -> pd.DataFrame:
    """Read, validate and type the positions table; raise DataError with every problem found.

    `filter` is a pyarrow dataset expression pushed down to the files (e.g. a date range),
    so a replica reads only the row groups and partitions it needs.
    """
    from tracker.validate import check_positions  # validate imports this module

    frame, problems = check_positions(locate(path), filter=filter)
    if problems:
        raise DataError(problems)
    return frame
