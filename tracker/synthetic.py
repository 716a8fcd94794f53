"""Synthetic positions tables of any size, for tests and benchmarks only — never real data.

Actors have latent positions in a two-dimensional policy space that drift slowly over the
years; each issue is a direction in that space, and an actor supports, opposes or stays
neutral on it according to the side of the issue's line it falls on (plus noise). Persons
speak for an organization and sit close to it, so blocs appear at both levels. Activity is
skewed (a few actors and issues account for most statements), as in real coverage.

Every document is titled "Synthetic document N", every row is coded by ``synthetic``, and
the quotes are generated sentences: ``text[char_start:char_end] == quote`` holds as in the
real data, so the generated folder passes the same checks and can be served by the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from tracker.schema import CATEGORICAL_COLUMNS, COLUMN_NAMES, DOCUMENT_COLUMNS, arrow_schema

CODER = "synthetic"
NOTE = "Synthetic data generated for tests and benchmarks; these are not real statements."

_VERBS = {  # score → phrase; the proposition follows
    1: "said it supports the view that",
    -1: "said it rejects the view that",
    0: "declined to say whether",
}
_STANCE_LABEL = {1: "support", -1: "oppose", 0: "neutral"}


class SyntheticData(NamedTuple):
    """A generated data set: positions frame, documents frame, and doc_id → text."""

    positions: pd.DataFrame
    documents: pd.DataFrame
    texts: dict[str, str]


def _skewed_weights(n: int, rng: np.random.Generator, exponent: float = 1.1) -> np.ndarray:
    """Zipf-like activity weights in a random order, so a few items dominate."""
    w = 1.0 / (np.arange(n) + 5.0) ** exponent
    return rng.permutation(w / w.sum())


def generate(
    n_statements: int = 10_000,
    n_actors: int = 200,
    n_issues: int = 50,
    years: float = 3.0,
    seed: int = 0,
    *,
    start: dt.date = dt.date(2021, 1, 1),
    statements_per_document: int = 12,
    n_topics: int = 8,
) -> SyntheticData:
    """Generate a contract-shaped positions table with its documents (vectorised; 1M rows ≈ seconds).

    Actors ``org_NNNN`` are organizations (speaking for themselves); actors ``person_NNNNN``
    speak for one of them. About one actor in ten is an organization (at least one).
    """
    if n_statements < 1 or n_actors < 1 or n_issues < 1:
        raise ValueError("n_statements, n_actors and n_issues must be at least 1")
    rng = np.random.default_rng(seed)
    n = int(n_statements)
    days = max(1, int(round(365.25 * years)))

    # Actors: organizations first, then persons attached to an organization.
    n_orgs = max(1, n_actors // 10)
    n_persons = n_actors - n_orgs
    org_pos = rng.normal(0.0, 1.0, size=(n_orgs, 2))
    person_org = rng.integers(0, n_orgs, size=n_persons)
    pos0 = np.vstack([org_pos, org_pos[person_org] + rng.normal(0.0, 0.35, size=(n_persons, 2))])
    velocity = rng.normal(0.0, 0.4, size=(n_actors, 2))  # drift over the whole period
    org_of_actor = np.concatenate([np.arange(n_orgs), person_org])
    actor_ids = [f"org_{j:04d}" for j in range(n_orgs)] + [
        f"person_{j:05d}" for j in range(n_persons)
    ]
    org_names = [f"Synthetic organization {j}" for j in range(n_orgs)]
    actor_names = org_names + [f"Synthetic person {j}" for j in range(n_persons)]
    actor_types = [("government", "organization")[j % 2] for j in range(n_orgs)] + [
        "person"
    ] * n_persons

    # Issues: a direction and an offset in the policy space.
    angle = rng.uniform(0.0, 2 * np.pi, size=n_issues)
    direction = np.column_stack([np.cos(angle), np.sin(angle)])
    offset = rng.normal(0.0, 0.5, size=n_issues)
    issue_ids = [f"issue_{j:04d}" for j in range(n_issues)]
    issue_labels = [f"Synthetic issue {j}" for j in range(n_issues)]
    propositions = [f"synthetic proposition {j} should be adopted" for j in range(n_issues)]
    topics = [f"Synthetic topic {j % max(1, n_topics)}" for j in range(n_issues)]

    # Documents: publication days in order; each statement belongs to one document.
    n_docs = -(-n // statements_per_document)
    doc_day = np.sort(rng.integers(0, days, size=n_docs))
    doc_of_row = np.sort(rng.integers(0, n_docs, size=n))
    doc_of_row[:n_docs] = np.arange(min(n_docs, n))  # every document holds a statement
    doc_of_row.sort()
    lag = rng.choice([0, 0, 0, 1, 2, 3], size=n)
    day = np.maximum(doc_day[doc_of_row] - lag, 0)

    actor = rng.choice(n_actors, size=n, p=_skewed_weights(n_actors, rng))
    issue = rng.choice(n_issues, size=n, p=_skewed_weights(n_issues, rng, 0.9))
    pos = pos0[actor] + velocity[actor] * (day / days)[:, None]
    latent = np.einsum("ij,ij->i", pos, direction[issue]) - offset[issue]
    latent += rng.normal(0.0, 0.35, size=n)
    score = np.where(latent > 0.25, 1, np.where(latent < -0.25, -1, 0)).astype(np.int8)

    attribution = rng.choice(3, size=n, p=[0.7, 0.2, 0.1])  # stated, reported, action
    precision = np.where(lag == 0, 3, 0)  # published when the statement is the doc's day
    precision[rng.random(n) < 0.05] = 1  # a few month-precision dates

    def cat(codes: np.ndarray, categories: list[str]) -> pd.Categorical:
        return pd.Categorical.from_codes(codes, categories=categories)

    verb_code = (score + 1).astype(np.int64)  # -1, 0, 1 → 0, 1, 2
    verbs = np.array([_VERBS[-1], _VERBS[0], _VERBS[1]], dtype=object)
    actor_s = pd.Series(np.array(actor_names, dtype=object)[actor], dtype="str")
    prop_s = pd.Series(np.array(propositions, dtype=object)[issue], dtype="str")
    quote = actor_s + " " + pd.Series(verbs[verb_code], dtype="str") + " " + prop_s + "."

    doc_ids = [f"syn_doc_{d:07d}" for d in range(n_docs)]
    headers = np.array([f"Synthetic document {d}\n\n" for d in range(n_docs)], dtype=object)
    header_len = pd.Series(headers, dtype="str").str.len().to_numpy()
    qlen = quote.str.len().to_numpy().astype(np.int64)
    # Quotes of a document are joined by one space after its header.
    piece = qlen + 1
    cum = np.cumsum(piece) - piece  # start of each row's piece in the global concatenation
    first_row = np.searchsorted(doc_of_row, np.arange(n_docs))
    char_start = (header_len[doc_of_row] + cum - cum[first_row][doc_of_row]).astype(np.int32)
    char_end = (char_start + qlen).astype(np.int32)

    start64 = np.datetime64(start, "ns")
    statement_date = start64 + day.astype("timedelta64[D]").astype("timedelta64[ns]")

    positions = pd.DataFrame(
        {
            "statement_id": pd.Series([f"syn-{i:08d}" for i in range(n)], dtype="str"),
            "doc_id": cat(doc_of_row, doc_ids),
            "actor_id": cat(actor, actor_ids),
            "actor": cat(actor, actor_names),
            "actor_type": cat(
                pd.Categorical(actor_types).codes[actor],
                list(pd.Categorical(actor_types).categories),
            ),
            "organization": cat(org_of_actor[actor], org_names),
            "issue_id": cat(issue, issue_ids),
            "issue": cat(issue, issue_labels),
            "proposition": cat(issue, propositions),
            "topic": cat(
                pd.Categorical(topics).codes[issue], list(pd.Categorical(topics).categories)
            ),
            "stance": cat(verb_code, [_STANCE_LABEL[-1], _STANCE_LABEL[0], _STANCE_LABEL[1]]),
            "score": score,
            "statement_date": statement_date,
            "date_precision": cat(precision, ["day", "month", "year", "published"]),
            "attribution": cat(attribution, ["stated", "reported", "action"]),
            "reported_by": cat(np.where(attribution == 1, 0, -1), ["Synthetic wire"]),
            "quote": quote,
            "char_start": char_start,
            "char_end": char_end,
            "confidence": rng.uniform(0.6, 1.0, size=n).astype(np.float32),
            "coder": cat(np.zeros(n, dtype=np.int8), [CODER]),
        }
    )[list(COLUMN_NAMES)]
    # Drop category levels no row uses (actors or issues that drew no statement).
    for col in CATEGORICAL_COLUMNS:
        positions[col] = positions[col].cat.remove_unused_categories()

    bodies = quote.groupby(doc_of_row, sort=True).agg(" ".join).to_numpy()
    texts = {doc_ids[d]: headers[d] + bodies[d] for d in range(n_docs)}

    published = start64.astype("datetime64[D]") + doc_day.astype("timedelta64[D]")
    documents = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "title": [f"Synthetic document {d}" for d in range(n_docs)],
            "outlet": "Synthetic outlet",
            "url": "",
            "published": pd.Series(published.astype(str), dtype="str"),
            "language": "en",
            "notes": NOTE,
        }
    )[list(DOCUMENT_COLUMNS)]
    return SyntheticData(positions, documents, texts)


def positions_table(positions: pd.DataFrame) -> pa.Table:
    """The positions frame as an Arrow table in the file's schema."""
    table = pa.Table.from_pandas(positions[list(COLUMN_NAMES)], preserve_index=False)
    # Categoricals arrive as dictionary<int8/int16> and dates as timestamps; cast to the contract.
    return table.cast(arrow_schema())


def write_dataset(data: SyntheticData, folder: str | Path) -> Path:
    """Write positions.parquet, documents.csv and articles/ into `folder`; returns the Parquet path."""
    import pyarrow.parquet as pq

    folder = Path(folder)
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    path = folder / "positions.parquet"
    try:
        from tracker.build import write_positions
    except ImportError:  # the shared writer is optional: fall back to the schema cast
        pq.write_table(positions_table(data.positions), path)
    else:
        write_positions(data.positions, path)
    data.documents.to_csv(folder / "documents.csv", index=False)
    for doc_id, text in data.texts.items():
        (articles / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return path


def positions_frame(statements: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """A small positions frame in the in-memory dtypes from hand-written statements.

    Each statement needs ``actor_id``, ``issue_id``, ``score`` and ``statement_date``; every
    other column is filled from them unless given (``organization`` defaults to the actor's
    name, ``statement_id`` to ``s1``, ``s2``, ...). Meant for tests and examples.
    """
    records = []
    for i, given in enumerate(statements, start=1):
        row = dict(given)
        score = int(row["score"])
        actor = str(row.get("actor", row["actor_id"]))
        issue_id = str(row["issue_id"])
        quote = str(row.get("quote", f"{actor} on {issue_id}: {_STANCE_LABEL[score]}"))
        defaults = {
            "statement_id": f"s{i}",
            "doc_id": "doc",
            "actor": actor,
            "actor_type": "person",
            "organization": actor,
            "issue": issue_id,
            "proposition": issue_id,
            "topic": "topic",
            "stance": _STANCE_LABEL[score],
            "date_precision": "day",
            "attribution": "stated",
            "reported_by": None,
            "quote": quote,
            "char_start": 0,
            "char_end": len(quote),
            "confidence": 1.0,
            "coder": CODER,
        }
        records.append({**defaults, **row, "score": score})
    frame = pd.DataFrame.from_records(records, columns=list(COLUMN_NAMES))
    frame["statement_id"] = frame["statement_id"].astype("str")
    frame["quote"] = frame["quote"].astype("str")
    for col in CATEGORICAL_COLUMNS:
        frame[col] = frame[col].astype("category")
    frame["score"] = frame["score"].astype(np.int8)
    frame["char_start"] = frame["char_start"].astype(np.int32)
    frame["char_end"] = frame["char_end"].astype(np.int32)
    frame["confidence"] = frame["confidence"].astype(np.float32)
    frame["statement_date"] = pd.to_datetime(frame["statement_date"]).astype("datetime64[ns]")
    return frame
