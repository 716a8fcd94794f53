"""Building positions.parquet from the codebook, the human annotations and the articles.

Annotations are written by people as text: each row names an actor and an issue from the
codebook, a stance, a date, and the verbatim quote. The build finds the quote in the article
by exact search (never typed offsets), joins the codebook fields, and writes the contract's
Parquet file deterministically: the same inputs give a byte-identical file.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tracker.codebook import Codebook, load_codebook
from tracker.load import DEFAULT_DATA_DIR, locate, read_documents, read_texts, to_frame
from tracker.problems import DataError, Problem
from tracker.schema import (
    ATTRIBUTIONS,
    COLUMN_NAMES,
    DATE_PRECISIONS,
    STANCES,
    arrow_schema,
)

ANNOTATION_COLUMNS = (
    "statement_id",
    "actor_id",
    "issue_id",
    "stance",
    "statement_date",
    "date_precision",
    "attribution",
    "reported_by",
    "quote",
    "occurrence",
    "confidence",
    "coder",
    "note",
)

# Fixed writer settings: part of what makes two builds byte-identical.
PARQUET_OPTIONS = {
    "compression": "zstd",
    "use_dictionary": True,
    "write_statistics": True,
    "row_group_size": 1_000_000,
    "version": "2.6",
}


def annotations_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "annotations"


def read_annotations(path: Path) -> pd.DataFrame:
    """One annotations CSV as strings, with its line numbers for messages."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in ANNOTATION_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError([Problem(str(path), None, c, "column is missing") for c in missing])
    return frame.assign(_file=str(path), _line=(frame.index + 2).astype(str), doc_id=path.stem)


def locate_quotes(
    annotations: pd.DataFrame, texts: dict[str, str]
) -> tuple[pd.Series, list[Problem]]:
    """char_start of each quote, found by exact search; the n-th match when `occurrence` says so."""
    starts: dict[int, int] = {}
    problems = []
    # Annotation files are written by hand (tens of rows per article): a plain loop reads best.
    for index, row in annotations.iterrows():
        where = Problem(row["_file"], f"{row['statement_id']} (line {row['_line']})", "quote", "")
        text = texts.get(row["doc_id"])
        if text is None:
            continue
        quote = row["quote"]
        if not quote.strip():
            problems.append(Problem(where.file, where.row, "quote", "empty quote"))
            continue
        found = []
        at = text.find(quote)
        while at != -1:
            found.append(at)
            at = text.find(quote, at + 1)
        occurrence = row["occurrence"].strip()
        if not found:
            problems.append(
                Problem(where.file, where.row, "quote", "quote not found in the article text")
            )
        elif occurrence:
            if not occurrence.isdigit() or not 1 <= int(occurrence) <= len(found):
                problems.append(
                    Problem(
                        where.file,
                        where.row,
                        "occurrence",
                        f"must be a number from 1 to {len(found)} (matches of the quote)",
                    )
                )
            else:
                starts[index] = found[int(occurrence) - 1]
        elif len(found) > 1:
            problems.append(
                Problem(
                    where.file,
                    where.row,
                    "occurrence",
                    f"the quote occurs {len(found)} times; say which with occurrence",
                )
            )
        else:
            starts[index] = found[0]
    return pd.Series(starts, dtype="int64"), problems


def check_annotations(
    frame: pd.DataFrame, codebook: Codebook, documents: pd.DataFrame
) -> list[Problem]:
    """Codebook ids, enums, dates and confidences of annotation rows."""
    problems: list[Problem] = []

    def flag(mask: pd.Series, column: str, message) -> None:
        for _, row in frame[mask].iterrows():
            text = message(row) if callable(message) else message
            problems.append(
                Problem(row["_file"], f"{row['statement_id']} (line {row['_line']})", column, text)
            )

    flag(frame["statement_id"].str.strip() == "", "statement_id", "empty id")
    flag(frame["statement_id"].duplicated(keep=False), "statement_id", "duplicate id")
    flag(
        ~frame["actor_id"].isin(codebook.actors["actor_id"]),
        "actor_id",
        lambda r: f"unknown actor {r['actor_id']!r} (not in codebook/actors.csv)",
    )
    flag(
        ~frame["issue_id"].isin(codebook.issues["issue_id"]),
        "issue_id",
        lambda r: f"unknown issue {r['issue_id']!r} (not in codebook/issues.csv)",
    )
    flag(
        ~frame["stance"].isin(list(STANCES)), "stance", lambda r: f"unknown stance {r['stance']!r}"
    )
    flag(
        ~frame["attribution"].isin(ATTRIBUTIONS),
        "attribution",
        lambda r: f"unknown attribution {r['attribution']!r}",
    )
    flag(
        ~frame["date_precision"].isin(DATE_PRECISIONS),
        "date_precision",
        lambda r: f"unknown date precision {r['date_precision']!r}",
    )
    flag(
        ~frame["doc_id"].isin(documents["doc_id"]),
        "doc_id",
        lambda r: f"no row for document {r['doc_id']!r} in documents.csv",
    )
    dates = pd.to_datetime(frame["statement_date"], format="%Y-%m-%d", errors="coerce")
    flag(
        dates.isna(),
        "statement_date",
        lambda r: f"not an ISO date (YYYY-MM-DD): {r['statement_date']!r}",
    )
    confidence = pd.to_numeric(frame["confidence"], errors="coerce")
    flag(confidence.isna() | ~confidence.between(0, 1), "confidence", "must be a number in [0, 1]")
    flag(frame["coder"].str.strip() == "", "coder", "empty coder")
    return problems


def build_positions(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Codebook + annotations + articles → the typed positions frame (raises DataError)."""
    data_dir = Path(data_dir)
    codebook = load_codebook(data_dir)
    location = locate(data_dir / "positions.parquet")
    documents = read_documents(location)
    files = sorted(annotations_dir(data_dir).glob("*.csv"))
    if not files:
        raise DataError(
            [Problem(str(annotations_dir(data_dir)), None, None, "no annotation files")]
        )
    annotations = pd.concat([read_annotations(f) for f in files], ignore_index=True)
    problems = check_annotations(annotations, codebook, documents)
    texts, text_problems = read_texts(location, sorted(annotations["doc_id"].unique()))
    starts, quote_problems = locate_quotes(annotations, texts)
    problems += text_problems + quote_problems
    if problems:
        raise DataError(problems)

    actors = codebook.actors.rename(columns={"name": "actor"})[
        ["actor_id", "actor", "actor_type", "organization"]
    ]
    issues = codebook.issues.rename(columns={"label": "issue"})[
        ["issue_id", "issue", "proposition", "topic"]
    ]
    frame = annotations.merge(actors, on="actor_id", how="left").merge(
        issues, on="issue_id", how="left"
    )
    frame["score"] = frame["stance"].map(STANCES).astype("int8")
    frame["statement_date"] = pd.to_datetime(frame["statement_date"], format="%Y-%m-%d")
    frame["reported_by"] = frame["reported_by"].where(frame["reported_by"].str.strip() != "", None)
    frame["char_start"] = starts.reindex(annotations.index).astype("int32")
    frame["char_end"] = (frame["char_start"] + frame["quote"].str.len()).astype("int32")
    frame["confidence"] = pd.to_numeric(frame["confidence"]).astype("float32")
    frame = frame.sort_values("statement_id", kind="stable").reset_index(drop=True)
    return frame[list(COLUMN_NAMES)]


def positions_table(frame: pd.DataFrame) -> pa.Table:
    """The frame as an Arrow table in the contract's schema (dictionary-encoded strings)."""
    schema = arrow_schema()
    arrays = []
    for field in schema:
        column = frame[field.name]
        if pa.types.is_dictionary(field.type):
            values = column.astype("object").where(column.notna(), None)
            # Rows are sorted by statement_id, so first-appearance dictionaries are reproducible.
            array = pa.array(values.tolist(), type=pa.string()).dictionary_encode()
            array = array.cast(pa.dictionary(pa.int32(), pa.string()))
        elif field.type == pa.date32():
            array = pa.array(pd.to_datetime(column).dt.date, type=pa.date32())
        else:
            values = column.astype("object") if field.type == pa.string() else column
            array = pa.array(values, type=field.type, from_pandas=True)
        arrays.append(array)
    return pa.Table.from_arrays(arrays, schema=schema)


def positions_bytes(frame: pd.DataFrame) -> bytes:
    """The Parquet file's bytes: fixed options, no pandas metadata, so builds are reproducible."""
    sink = io.BytesIO()
    pq.write_table(positions_table(frame), sink, **PARQUET_OPTIONS)
    return sink.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_positions(frame: pd.DataFrame, path: Path) -> None:
    """Write a positions frame to Parquet atomically and deterministically."""
    write_atomic(Path(path), positions_bytes(frame))


def build(data_dir: Path = DEFAULT_DATA_DIR, out: Path | None = None) -> tuple[Path, pd.DataFrame]:
    """Build and write positions.parquet; return its path and the frame as the loader types it."""
    data_dir = Path(data_dir)
    frame = build_positions(data_dir)
    out = Path(out) if out is not None else data_dir / "positions.parquet"
    write_positions(frame, out)
    return out, to_frame(positions_table(frame))
