"""Checking a positions table against the data contract and the documents beside it.

Every problem names the file, the row (its statement_id) and the column. The checks are
vectorised over the whole table; only the quote-versus-text comparison touches each row, with
one C-level `str.startswith` per row.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from tracker.load import Location, locate, read_documents, read_table, read_texts, to_frame
from tracker.problems import DataError, Problem, problems_for_rows
from tracker.schema import (
    ACTOR_TYPES,
    ATTRIBUTIONS,
    COLUMNS,
    DATE_PRECISIONS,
    EARLIEST_DATE,
    LATEST_DATE,
    STANCES,
)

__all__ = ["DataError", "Problem", "check_positions", "validate_file", "validate_frame"]

# Columns that must agree for every row of one actor / one issue (codebook fields carried in rows).
ACTOR_FIELDS = ("actor", "actor_type", "organization")
ISSUE_FIELDS = ("issue", "proposition", "topic")


def _kind(typ: pa.DataType) -> str:
    """The contract's notion of a type: string, integer, float or date."""
    if pa.types.is_dictionary(typ):
        typ = typ.value_type
    if pa.types.is_string(typ) or pa.types.is_large_string(typ) or pa.types.is_string_view(typ):
        return "string"
    if pa.types.is_integer(typ):
        return "integer"
    if pa.types.is_floating(typ):
        return "float"
    if pa.types.is_date(typ):
        return "date"
    if pa.types.is_null(typ):
        return "null"
    return str(typ)


def check_schema(schema: pa.Schema, file: str) -> list[Problem]:
    """Missing columns and columns of the wrong type (extra columns are allowed)."""
    problems = []
    for name, (typ, _nullable, _meaning) in COLUMNS.items():
        if name not in schema.names:
            problems.append(Problem(file, None, name, "column is missing"))
            continue
        found = _kind(schema.field(name).type)
        wanted = _kind(typ)
        # An all-null optional column (reported_by with no reported rows) is stored as null.
        if found != wanted and not (found == "null" and COLUMNS[name][1]):
            problems.append(
                Problem(
                    file, None, name, f"wrong type: expected {typ}, found {schema.field(name).type}"
                )
            )
    return problems


def validate_frame(
    frame: pd.DataFrame,
    documents: pd.DataFrame | None,
    texts: dict[str, str],
    file: str,
) -> list[Problem]:
    """Check the values of a typed positions frame; documents None means they could not be read."""
    problems: list[Problem] = []
    ids = frame["statement_id"].astype("str")
    # Rows without an id are named by their position in the file.
    row_names = ids.where(
        frame["statement_id"].notna() & (ids != ""), "#" + (frame.index + 1).astype(str)
    )

    def flag(mask: pd.Series | np.ndarray, column: str, message: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            problems.extend(problems_for_rows(file, row_names[mask], column, message))

    for name, (_typ, nullable, _meaning) in COLUMNS.items():
        if not nullable:
            flag(frame[name].isna(), name, "empty value")
    flag(ids.duplicated(keep=False) & frame["statement_id"].notna(), "statement_id", "duplicate id")

    for column, allowed in (
        ("stance", tuple(STANCES)),
        ("attribution", ATTRIBUTIONS),
        ("date_precision", DATE_PRECISIONS),
        ("actor_type", ACTOR_TYPES),
    ):
        values = frame[column].astype("object")
        bad = values.notna() & ~values.isin(allowed)
        for value in pd.unique(values[bad]):
            flag(
                bad & (values == value),
                column,
                f"unknown {column.replace('_', ' ')} {value!r}; expected one of {', '.join(allowed)}",
            )

    expected_score = frame["stance"].astype("object").map(STANCES)
    known = expected_score.notna() & frame["score"].notna()
    flag(
        known & (frame["score"].astype("float64") != expected_score.astype("float64")),
        "score",
        "score contradicts the stance (support = 1, neutral = 0, oppose = -1)",
    )

    reported = frame["attribution"].astype("object") == "reported"
    no_reporter = frame["reported_by"].isna() | (frame["reported_by"].astype("object") == "")
    flag(reported & no_reporter, "reported_by", "attribution is reported but reported_by is empty")

    confidence = frame["confidence"].astype("float64")
    flag(
        frame["confidence"].notna() & ~confidence.between(0.0, 1.0),
        "confidence",
        "confidence outside [0, 1]",
    )
    flag(np.isnan(confidence) & frame["confidence"].notna(), "confidence", "confidence is NaN")

    dates = frame["statement_date"]
    early, late = pd.Timestamp(EARLIEST_DATE), pd.Timestamp(LATEST_DATE)
    flag(
        dates.notna() & ((dates < early) | (dates > late)),
        "statement_date",
        f"implausible date (outside {EARLIEST_DATE} to {LATEST_DATE})",
    )

    starts = frame["char_start"]
    ends = frame["char_end"]
    flag(starts.notna() & (starts < 0), "char_start", "negative offset")
    flag(ends.notna() & starts.notna() & (ends < starts), "char_end", "char_end before char_start")

    for fields, key in ((ACTOR_FIELDS, "actor_id"), (ISSUE_FIELDS, "issue_id")):
        for field in fields:
            counts = frame.groupby(key, observed=True)[field].nunique(dropna=False)
            for value in counts.index[counts > 1]:
                flag(
                    frame[key] == value,
                    field,
                    f"{key} {value!r} has more than one {field} across rows",
                )

    if documents is None:
        return problems
    doc_ids = frame["doc_id"].astype("object")
    unknown_doc = doc_ids.notna() & ~doc_ids.isin(documents["doc_id"])
    for value in pd.unique(doc_ids[unknown_doc]):
        flag(
            unknown_doc & (doc_ids == value),
            "doc_id",
            f"unknown document {value!r} (not in documents.csv)",
        )

    published = doc_ids.map(dict(zip(documents["doc_id"], documents["published"], strict=True)))
    published = pd.to_datetime(published)
    flag(
        dates.notna() & published.notna() & (dates > published),
        "statement_date",
        "statement date after the document's publication date",
    )
    flag(
        (frame["date_precision"].astype("object") == "published")
        & published.notna()
        & (dates != published),
        "statement_date",
        "date_precision is published but the date is not the document's publication date",
    )

    # Quotes: lengths vectorised, then one C-level startswith per row on plain Python values
    # (iterating Arrow-backed Series element by element is two orders of magnitude slower).
    checkable = np.asarray(
        doc_ids.isin(list(texts))
        & starts.notna()
        & ends.notna()
        & frame["quote"].notna()
        & (starts >= 0)
    )
    quote_lengths = frame["quote"].astype("str").str.len().to_numpy()
    bad_quote = checkable & (quote_lengths != (ends - starts).to_numpy(dtype="float64"))
    rows = np.flatnonzero(checkable & ~bad_quote)
    row_docs = doc_ids.to_numpy()[rows].tolist()
    row_quotes = frame["quote"].to_numpy()[rows].tolist()
    row_starts = starts.to_numpy()[rows].tolist()
    matches = np.fromiter(
        (
            texts[doc].startswith(quote, start)
            for doc, quote, start in zip(row_docs, row_quotes, row_starts, strict=True)
        ),
        dtype=bool,
        count=len(rows),
    )
    bad_quote[rows[~matches]] = True
    flag(bad_quote, "quote", "quote is not the document text at char_start:char_end")
    return problems


def check_positions(
    location: Location, filter: ds.Expression | None = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read and check the positions data at a location: (typed frame or None, problems)."""
    shown = location.describe()
    if not location.exists():
        return None, [Problem(shown, None, None, "file not found")]
    if not location.is_dir():
        size = location.filesystem.get_file_info(location.path).size
        if size == 0:
            return None, [Problem(shown, None, None, "empty file (0 bytes), not a Parquet file")]
    try:
        table = read_table(location, filter=filter)
    except (pa.ArrowInvalid, pa.ArrowException, OSError) as exc:
        return None, [Problem(shown, None, None, f"not a readable Parquet file ({exc})")]
    problems = check_schema(table.schema, shown)
    if problems:
        return None, problems
    if table.num_rows == 0:
        return None, [Problem(shown, None, None, "the table has no rows")]
    frame = to_frame(table, date_unit="s")
    try:
        documents = read_documents(location)
    except DataError as exc:
        problems.extend(exc.problems)
        documents = None
    doc_ids = frame["doc_id"].dropna().astype("object").unique()
    if documents is not None:
        doc_ids = np.intersect1d(doc_ids.astype(str), documents["doc_id"].to_numpy(dtype=str))
    texts, text_problems = read_texts(location, sorted(doc_ids))
    problems.extend(text_problems)
    problems.extend(validate_frame(frame, documents, texts, shown))
    if problems:
        return None, problems
    return frame.assign(statement_date=frame["statement_date"].astype("datetime64[ns]")), problems


def validate_file(path: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem with a positions file (default: TRACKER_POSITIONS or the bundled one)."""
    _frame, problems = check_positions(locate(path))
    return problems
