"""CSV extracts of the positions, safe for spreadsheets, and ZIPs that say where they came from.

The dashboard's downloads and ``python -m tracker export`` both call :func:`export_csv`, so an
extract made on the command line is byte-identical to the download for the same filters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import re
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd

from tracker.filters import (
    DATE_FROM_PARAM,
    DATE_TO_PARAM,
    FILTER_PARAMS,
    KNOWN_PARAMS,
    LIST_FILTERS,
    MIN_CONFIDENCE_PARAM,
    SEARCH_PARAM,
    Filters,
    from_query_params,
    search_quotes,
)
from tracker.schema import COLUMN_DESCRIPTIONS, COLUMN_NAMES

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
FORMULA_PREFIX = "'"
_SLUG = re.compile(r"[^a-z0-9]+")


def neutralise_value(value: str) -> str:
    """A text cell that a spreadsheet will show, not run: formula-like text gets a ``'`` prefix."""
    return FORMULA_PREFIX + value if FORMULA_START.match(value) else value


def _neutralise_strings(values: pd.Series) -> pd.Series:
    text = values.astype("string")
    risky = text.str.match(FORMULA_START.pattern).fillna(False).to_numpy(dtype=bool)
    if not risky.any():
        return values
    return values.astype(object).where(~risky, FORMULA_PREFIX + text.astype(object))


def _neutralise_categorical(values: pd.Series) -> pd.Series:
    """Rewrite the few distinct categories instead of every row."""
    categories = [str(c) for c in values.cat.categories]
    fixed = [neutralise_value(c) for c in categories]
    if fixed == categories:
        return values
    if len(set(fixed)) == len(fixed):
        return values.cat.rename_categories(fixed)
    # Two categories collapse to one text ("=x" and "'=x"): fall back to plain strings.
    codes = values.cat.codes.to_numpy()
    text = np.asarray(fixed, dtype=object)[np.maximum(codes, 0)]
    text[codes < 0] = None
    return pd.Series(text, index=values.index, name=values.name, dtype=object)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot run as spreadsheet formulas (vectorised)."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = _neutralise_categorical(values)
        elif pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
            values = _neutralise_strings(values)
        out[column] = values
    return pd.DataFrame(out, index=frame.index)


def extract_frame(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows as they go into a CSV: contract columns first (then any others), ISO dates."""
    if columns is None:
        columns = [c for c in COLUMN_NAMES if c in frame.columns]
        columns += [c for c in frame.columns if c not in COLUMN_NAMES]
    out = frame.loc[:, columns]
    for column in out.columns:
        dtype = out[column].dtype
        if pd.api.types.is_datetime64_any_dtype(dtype):
            out = out.assign(**{column: out[column].dt.strftime("%Y-%m-%d")})
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV of `frame` (no index, CRLF line ends as RFC 4180 says), formulas neutralised.

    With CRLF as the terminator the writer quotes every cell holding a CR or an LF; with a
    bare LF a lone CR inside a quote went unquoted and split the row in spreadsheets.
    """
    safe = neutralise_formulas(extract_frame(frame, list(frame.columns)))
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8")


def export_csv(positions: pd.DataFrame, filters: Filters, search: str = "") -> bytes:
    """The extract for a filter state (and Evidence search): filtered rows, contract columns."""
    return csv_bytes(extract_frame(search_quotes(filters.apply(positions), search)))


def slug(text: str) -> str:
    """A file-name-safe lowercase word: ``Head-to-head`` → ``head-to-head``."""
    return _SLUG.sub("-", text.lower()).strip("-") or "extract"


def export_file_name(
    view: str, filters: Filters, day: dt.date | None = None, suffix: str = "csv"
) -> str:
    """``<view>_<filters digest>_<YYYY-MM-DD>.<suffix>``: what is inside, from when."""
    day = day or dt.datetime.now(dt.UTC).date()
    return f"{slug(view)}_{filters.digest()}_{day.isoformat()}.{suffix}"


def sha256_of(path: str | Path) -> str | None:
    """sha256 of a data file (of its files, in path order, for a directory); None if unreadable."""
    p = Path(str(path).removeprefix("file://"))
    try:
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        digest = hashlib.sha256()
        for f in files:
            if p.is_dir():
                digest.update(f.relative_to(p).as_posix().encode("utf-8") + b"\0")
            with f.open("rb") as handle:
                for block in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def _documents_cited(doc_ids: list[str], documents: pd.DataFrame | None) -> list[dict[str, str]]:
    """Title, outlet, URL and date of each cited document (vectorised lookup)."""
    if documents is None or documents.empty:
        return [{"doc_id": d} for d in doc_ids]
    fields = [c for c in ("title", "outlet", "url", "published") if c in documents]
    docs = documents.assign(doc_id=documents["doc_id"].astype(str)).drop_duplicates("doc_id")
    table = docs.set_index("doc_id")[fields].reindex(pd.Index(doc_ids, name="doc_id"))
    if "published" in table and pd.api.types.is_datetime64_any_dtype(table["published"]):
        table["published"] = table["published"].dt.strftime("%Y-%m-%d")
    table = table.astype(object).where(table.notna(), "").astype(str)
    return table.reset_index().to_dict(orient="records")


README_TEXT = """\
Stance tracker extract
======================

{csv_name}
    One row per coded stance statement: an actor taking a stance (support, oppose or
    neutral) on an issue's proposition, with the verbatim quote from the source document
    and its character offsets. metadata.json explains every column.
    Cells that start with = + - @ (or a tab or carriage return) are prefixed with ' so that
    spreadsheets show them as text instead of running them as formulas.

metadata.json
    How the extract was made: the filters, the link to the same view in the dashboard,
    the sha256 of the data file it was read from, when it was made, what each column
    means, and the source documents (title, outlet, URL) the quotes come from.

To cite: name the source documents listed in metadata.json, the dashboard link and the
date of the extract. The sha256 identifies the exact version of the data set used.

Rows: {rows}    Filters: {filters}    Made: {made}
"""


def provenance_zip(
    frame: pd.DataFrame,
    *,
    view: str,
    filters: Filters,
    link: str,
    data_path: str,
    documents: pd.DataFrame | None,
    now: dt.datetime | None = None,
    data_sha256: str | None = None,
    doc_ids: Iterable[str] | None = None,
) -> bytes:
    """ZIP of the CSV of `frame`, ``metadata.json`` and ``README.txt`` (see README_TEXT).

    The documents cited are `doc_ids`, else those of the frame's ``doc_id`` column (a table
    without one, such as a matrix, should pass the documents of the rows it summarises).
    `data_sha256` may be passed when already known (it is computed from `data_path`
    otherwise). The archive is deterministic for a given `now`.
    """
    if doc_ids is None:
        doc_ids = frame["doc_id"].astype(str).unique() if "doc_id" in frame and len(frame) else []
    cited = sorted({str(d) for d in doc_ids})
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    csv_name = export_file_name(view, filters, now.date())
    data = csv_bytes(frame)
    if data_sha256 is None:
        data_sha256 = sha256_of(data_path) if "://" not in data_path else None
    columns = {c: COLUMN_DESCRIPTIONS.get(c, "") for c in frame.columns}
    metadata = {
        "title": f"Stance tracker extract: {view}",
        "view": view,
        "link": link,
        "filters": filters.to_query_params(),
        "filters_description": filters.describe() or ["none: every statement"],
        "filters_digest": filters.digest(),
        "created": now.isoformat().replace("+00:00", "Z"),
        "rows": len(frame),
        "data_file": {"path": data_path, "sha256": data_sha256},
        "csv": {"file": csv_name, "sha256": hashlib.sha256(data).hexdigest()},
        "columns": columns,
        "documents": _documents_cited(cited, documents),
    }
    readme = README_TEXT.format(
        csv_name=csv_name,
        rows=len(frame),
        filters="; ".join(filters.describe()) or "none",
        made=metadata["created"],
    )
    buffer = io.BytesIO()
    stamp = now.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in (
            (csv_name, data),
            ("metadata.json", json.dumps(metadata, indent=2, ensure_ascii=False).encode("utf-8")),
            ("README.txt", readme.encode("utf-8")),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, payload)
    return buffer.getvalue()


# ---------------------------------------------------------------- command line: `export`


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``python -m tracker export`` (one per sidebar filter, plus --link)."""
    parser.add_argument(
        "--positions", help="positions data (default: TRACKER_POSITIONS or data/positions.parquet)"
    )
    parser.add_argument("--out", required=True, help="CSV file to write ('-' for standard output)")
    parser.add_argument(
        "--link",
        help="a dashboard link (or its query string); its filters are used, options below add to them",
    )
    for name, (param, _) in LIST_FILTERS.items():
        parser.add_argument(
            f"--{param.replace('_', '-')}",
            dest=f"filter_{param}",
            action="append",
            default=[],
            metavar="VALUE",
            help=f"keep only these {name.replace('_', ' ')} (repeat the option for several)",
        )
    parser.add_argument(f"--{DATE_FROM_PARAM}", dest="filter_from", metavar="YYYY-MM-DD")
    parser.add_argument(f"--{DATE_TO_PARAM}", dest="filter_to", metavar="YYYY-MM-DD")
    parser.add_argument(
        "--min-confidence", dest="filter_min_conf", metavar="X", help="minimum confidence in [0, 1]"
    )
    parser.add_argument(
        "--search",
        dest="filter_q",
        metavar="TEXT",
        help="keep only quotes containing TEXT (the Evidence page's search)",
    )


def params_from_args(args: argparse.Namespace) -> dict[str, list[str]]:
    """The URL-form parameters described by the command-line options (link first)."""
    params: dict[str, list[str]] = {}
    if args.link:
        query = urlsplit(args.link).query if "?" in args.link else args.link
        params = {k: list(v) for k, v in parse_qs(query, keep_blank_values=True).items()}
    for param, _ in LIST_FILTERS.values():
        extra = getattr(args, f"filter_{param}", None) or []
        if extra:
            params[param] = params.get(param, []) + list(extra)
    for param, dest in (
        (DATE_FROM_PARAM, "filter_from"),
        (DATE_TO_PARAM, "filter_to"),
        (MIN_CONFIDENCE_PARAM, "filter_min_conf"),
        (SEARCH_PARAM, "filter_q"),
    ):
        value = getattr(args, dest, None)
        if value is not None:
            params[param] = [value]
    return params


def run_export(args: argparse.Namespace) -> int:
    """``python -m tracker export``: write the extract; notes and problems go to stderr."""
    from tracker.filters import filter_choices
    from tracker.load import load_positions
    from tracker.problems import DataError

    try:
        positions = load_positions(args.positions)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    params = params_from_args(args)
    # Page controls in a pasted link (a, b, measure, ...) do not select rows: not worth a note.
    filter_params = {k: v for k, v in params.items() if k in FILTER_PARAMS or k not in KNOWN_PARAMS}
    filters, notes = from_query_params(filter_params, filter_choices(positions))
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    search = (params.get(SEARCH_PARAM) or [""])[-1]
    data = export_csv(positions, filters, search=search)
    if args.out == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(args.out).write_bytes(data)
        rows = len(search_quotes(filters.apply(positions), search))
        print(f"wrote {rows} rows to {args.out}", file=sys.stderr)
    return 0


__all__ = [
    "FORMULA_START",
    "add_export_arguments",
    "csv_bytes",
    "export_csv",
    "export_file_name",
    "extract_frame",
    "neutralise_formulas",
    "neutralise_value",
    "params_from_args",
    "provenance_zip",
    "run_export",
    "sha256_of",
]
