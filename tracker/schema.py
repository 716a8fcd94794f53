"""The positions table contract: column names, Arrow types, enums and their meanings.

Everything that reads or writes `positions.parquet` takes its names from here, so the
contract is stated once (see ``../shared/docs/data-contract.md`` for the prose version).
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

STANCES: dict[str, int] = {"support": 1, "oppose": -1, "neutral": 0}
"""Stance label → score."""

STANCE_ORDER: tuple[str, ...] = ("oppose", "neutral", "support")
ATTRIBUTIONS: tuple[str, ...] = ("stated", "reported", "action")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "published")
ACTOR_TYPES: tuple[str, ...] = (
    "person",
    "government",
    "organization",
    "media",
    "expert",
    "party",
    "military",
)

# Statements dated outside this range are refused as implausible (typos such as 0203 or 2203).
EARLIEST_DATE = dt.date(1945, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

# Column → (Arrow type, nullable, meaning). The order is the file's column order.
COLUMNS: dict[str, tuple[pa.DataType, bool, str]] = {
    "statement_id": (
        pa.string(),
        False,
        "Id of the coded statement, unique and stable across rebuilds",
    ),
    "doc_id": (pa.string(), False, "Source document; its text is articles/<doc_id>.txt"),
    "actor_id": (pa.string(), False, "Codebook id of the actor, e.g. stoltenberg"),
    "actor": (pa.string(), False, "Display name of the actor"),
    "actor_type": (pa.string(), False, "person, government, organization, media, expert, ..."),
    "organization": (
        pa.string(),
        False,
        "The body the actor speaks for (a state or organization names itself)",
    ),
    "issue_id": (pa.string(), False, "Codebook id of the issue"),
    "issue": (pa.string(), False, "Short label of the issue"),
    "proposition": (pa.string(), False, "The statement a stance is taken toward"),
    "topic": (pa.string(), False, "Group of issues"),
    "stance": (pa.string(), False, "support, oppose or neutral (toward the proposition)"),
    "score": (pa.int8(), False, "+1 support, -1 oppose, 0 neutral"),
    "statement_date": (
        pa.date32(),
        False,
        "When the stance was expressed or the action took place",
    ),
    "date_precision": (
        pa.string(),
        False,
        "day, month, year, or published (the document's date was used)",
    ),
    "attribution": (
        pa.string(),
        False,
        "stated (own words), reported (someone else reports it), action (a deed)",
    ),
    "reported_by": (pa.string(), True, "Who reports it, when attribution is reported"),
    "quote": (pa.string(), False, "Verbatim evidence from the document"),
    "char_start": (pa.int32(), False, "Offset of the quote's first character in the document text"),
    "char_end": (
        pa.int32(),
        False,
        "Offset just past the quote's last character: text[char_start:char_end] == quote",
    ),
    "confidence": (pa.float32(), False, "The coder's confidence, in [0, 1]"),
    "coder": (pa.string(), False, "human, or the extractor's name and version"),
}

COLUMN_NAMES: tuple[str, ...] = tuple(COLUMNS)
COLUMN_DESCRIPTIONS: dict[str, str] = {name: spec[2] for name, spec in COLUMNS.items()}

# String columns whose values repeat: dictionary-encoded in Parquet, categoricals in pandas.
CATEGORICAL_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "actor_id",
    "actor",
    "actor_type",
    "organization",
    "issue_id",
    "issue",
    "proposition",
    "topic",
    "stance",
    "date_precision",
    "attribution",
    "reported_by",
    "coder",
)

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "title",
    "outlet",
    "url",
    "published",
    "language",
    "notes",
)


def arrow_schema() -> pa.Schema:
    """The Arrow schema of positions.parquet, with dictionary encoding for repeated strings."""
    fields = []
    for name, (typ, nullable, meaning) in COLUMNS.items():
        if name in CATEGORICAL_COLUMNS:
            typ = pa.dictionary(pa.int32(), typ)
        fields.append(pa.field(name, typ, nullable=nullable, metadata={"meaning": meaning}))
    return pa.schema(fields)
