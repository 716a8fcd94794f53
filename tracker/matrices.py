"""Actor × issue stance matrices from a (filtered) positions frame.

Aggregation rule, used by every analytic in the product: the statements an actor made on an
issue inside the current filter are summarised by their **mean score** (support +1, neutral 0,
oppose −1). The actor's **stance** on the issue is the sign of that mean: support when the
mean is above 0, oppose when below, neutral when exactly 0 (only neutral statements, or as
many supporting as opposing ones). An actor that made no statement on an issue has no
stance there (missing, which is not neutral).

Two levels: ``actor`` groups rows by ``actor_id`` (labelled by ``actor``), ``organization``
groups them by ``organization`` (Stoltenberg and NATO itself both count for NATO; Macron and
France for France).

Everything here works on integer codes of the categorical columns with ``numpy.bincount``
and one sort, so a million rows take a fraction of a second. Plain string columns are
accepted too (they are factorised first, which is slower).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tracker.schema import STANCES

LEVELS: dict[str, tuple[str, str]] = {
    "actor": ("actor_id", "actor"),
    "organization": ("organization", "organization"),
}
"""Level → (key column, label column)."""

AGGREGATION_RULE = (
    "An actor's stance on an issue is the sign of the mean score of its statements in the "
    "filter (support +1, neutral 0, oppose −1); a tie between support and opposition counts "
    "as neutral."
)

STANCE_LABELS: dict[int, str] = {score: label for label, score in STANCES.items()}
"""Score → stance label."""

EXCERPT_CHARS = 160

_NS_PER_DAY = 86_400 * 10**9


def require_columns(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    """Refuse a frame that lacks any of `columns`, naming them."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"positions table lacks column(s): {', '.join(missing)}")


def level_columns(level: str) -> tuple[str, str]:
    """The (key column, label column) of a level, with a clear error for an unknown level."""
    try:
        return LEVELS[level]
    except KeyError:
        raise ValueError(
            f"unknown level {level!r}: choose one of {', '.join(map(repr, LEVELS))}"
        ) from None


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for missing) and the values they stand for."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype(np.int64), column.cat.categories.to_numpy(
            dtype=object
        )
    codes, uniques = pd.factorize(column)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


@dataclass(frozen=True)
class Coded:
    """One column compacted to the values present: row codes 0..k-1 and the k values."""

    codes: np.ndarray
    values: np.ndarray

    def __len__(self) -> int:
        return len(self.values)


def _compact(codes: np.ndarray, values: np.ndarray) -> Coded:
    """Renumber codes to the values that occur, in sorted order of the values.

    Sorting makes every result independent of a categorical's level order (which follows
    first appearance in a Parquet dictionary), so equal tables give equal matrices.
    """
    if len(codes) and codes.min() < 0:
        raise ValueError("positions table has missing values in a key column")
    present = np.flatnonzero(np.bincount(codes, minlength=len(values)) > 0)
    kept = values[present]
    order = np.argsort(np.asarray([str(v) for v in kept], dtype=object), kind="stable")
    remap = np.full(len(values), -1, dtype=np.int64)
    remap[present[order]] = np.arange(len(present))
    return Coded(remap[codes], kept[order])


def code_column(frame: pd.DataFrame, column: str) -> Coded:
    """The compacted codes of one column."""
    require_columns(frame, [column])
    return _compact(*_codes(frame[column]))


def labels_for(codes: np.ndarray, frame: pd.DataFrame, column: str, size: int) -> np.ndarray:
    """The value of `column` for each of `size` keys, given each row's key code."""
    label_codes, label_values = _codes(frame[column])
    out = np.empty(size, dtype=np.int64)
    # Labels are a function of the key (one name per id), so any row of the key will do.
    out[codes] = label_codes
    return label_values[out]


def row_days(frame: pd.DataFrame) -> np.ndarray:
    """statement_date of each row as whole days since 1970-01-01 (int64)."""
    values = frame["statement_date"]
    if not pd.api.types.is_datetime64_any_dtype(values):
        values = pd.to_datetime(values)
    return values.to_numpy().astype("datetime64[D]").astype(np.int64)


def days_to_datetime(days: np.ndarray) -> np.ndarray:
    """Whole days since 1970-01-01 back to datetime64[ns] midnights."""
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[ns]")


@dataclass(frozen=True)
class ActorSelection:
    """The key of every row at a level, and which keys (in which order) were selected."""

    level: str
    row_key: np.ndarray  # per row: code into `all_keys`
    all_keys: np.ndarray
    chosen: np.ndarray  # codes into `all_keys`, in matrix order
    labels: np.ndarray  # labels of the chosen keys

    @property
    def keys(self) -> list[str]:
        return [str(k) for k in self.all_keys[self.chosen]]

    def local_codes(self) -> np.ndarray:
        """Per row: position of its key in `chosen`, or -1 when not selected."""
        lookup = np.full(len(self.all_keys), -1, dtype=np.int64)
        lookup[self.chosen] = np.arange(len(self.chosen))
        return lookup[self.row_key]


def select_actors(
    frame: pd.DataFrame,
    level: str = "actor",
    actors: Sequence[str] | None = None,
    top: int | None = None,
) -> ActorSelection:
    """Choose the actors (keys at `level`) a matrix shows.

    `actors` lists keys explicitly (kept in that order; keys without statements in the frame
    are left out). Otherwise the `top` most active keys (most statements, ties by key), or all
    keys when `top` is None — ordered by activity either way.
    """
    key_col, label_col = level_columns(level)
    require_columns(frame, [key_col, label_col])
    coded = code_column(frame, key_col)
    counts = np.bincount(coded.codes, minlength=len(coded))
    if actors is not None:
        position = {str(k): i for i, k in enumerate(coded.values)}
        seen: dict[int, None] = {}
        for key in actors:
            if str(key) in position:
                seen.setdefault(position[str(key)], None)
        chosen = np.fromiter(seen, dtype=np.int64, count=len(seen))
    else:
        # Most statements first; the stable sort keeps key order among ties.
        chosen = np.argsort(-counts, kind="stable")
        if top is not None:
            chosen = chosen[: max(0, int(top))]
    all_labels = labels_for(coded.codes, frame, label_col, len(coded))
    return ActorSelection(level, coded.codes, coded.values, chosen, all_labels[chosen])


@dataclass(frozen=True)
class ScoreMatrix:
    """Dense actor × issue matrices: score totals and statement counts.

    ``mean`` is NaN and ``present`` False where an actor made no statement on an issue.
    """

    level: str
    keys: list[str]
    labels: list[str]
    issue_ids: list[str]
    issues: list[str]
    total: np.ndarray  # k × n, sum of scores
    count: np.ndarray  # k × n, number of statements

    @property
    def present(self) -> np.ndarray:
        return self.count > 0

    @property
    def mean(self) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.present, self.total / np.maximum(self.count, 1), np.nan)

    @property
    def stance(self) -> np.ndarray:
        """Aggregated stance in {-1, 0, +1} (sign of the mean); 0 also where absent."""
        return np.sign(self.total).astype(np.int8)


def score_matrix(
    frame: pd.DataFrame,
    level: str = "actor",
    actors: Sequence[str] | None = None,
    top: int | None = None,
) -> ScoreMatrix:
    """Aggregate the frame into dense actor × issue total/count matrices (issues with a statement by a chosen actor)."""
    require_columns(frame, ["issue_id", "issue", "score"])
    selection = select_actors(frame, level, actors, top)
    local = selection.local_codes()
    keep = local >= 0
    issue = code_column(frame, "issue_id")
    k, n_all = len(selection.chosen), len(issue)
    flat = local[keep] * n_all + issue.codes[keep]
    score = frame["score"].to_numpy()[keep].astype(np.float64)
    total = np.bincount(flat, weights=score, minlength=k * n_all).reshape(k, n_all)
    count = np.bincount(flat, minlength=k * n_all).reshape(k, n_all)
    used = count.sum(axis=0) > 0
    issue_labels = labels_for(issue.codes, frame, "issue", n_all)
    return ScoreMatrix(
        level=level,
        keys=selection.keys,
        labels=[str(x) for x in selection.labels],
        issue_ids=[str(x) for x in issue.values[used]],
        issues=[str(x) for x in issue_labels[used]],
        total=total[:, used],
        count=count[:, used],
    )


def categorical(values: np.ndarray, codes: np.ndarray) -> pd.Categorical:
    """values[codes] as a categorical, built from the codes without touching each row's string."""
    value_codes, uniques = pd.factorize(pd.Series(values, dtype="str"))
    return pd.Categorical.from_codes(value_codes[codes], categories=uniques)


def stance_label(sign: np.ndarray) -> pd.Categorical:
    """Stance labels ('oppose', 'neutral', 'support') of signs -1/0/+1."""
    from tracker.schema import STANCE_ORDER

    order = list(STANCE_ORDER)
    codes = np.array([order.index(STANCE_LABELS[s]) for s in (-1, 0, 1)])
    return pd.Categorical.from_codes(codes[np.asarray(sign, dtype=np.int64) + 1], order)


def take_strings(column: pd.Series, rows: np.ndarray) -> pa.Array:
    """column[rows] as one Arrow string array (the column may be chunked, e.g. from Parquet)."""
    values = pa.array(column)
    if isinstance(values, pa.ChunkedArray):
        # A take across chunks is several times slower than a copy into one chunk plus a take.
        values = values.combine_chunks()
    return values.take(pa.array(rows, pa.int64()))


def _list_column(values: pa.Array, offsets: np.ndarray) -> pd.Series:
    """A pandas list<string> column whose i-th cell is values[offsets[i]:offsets[i+1]]."""
    lists = pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), values)
    return pd.Series(pd.arrays.ArrowExtensionArray(lists))


def excerpt(quotes: pa.Array, chars: int = EXCERPT_CHARS) -> pd.Series:
    """Quotes cut to `chars` characters, with an ellipsis where cut."""
    if isinstance(quotes, pa.ChunkedArray):
        quotes = quotes.combine_chunks()
    quotes = pc.cast(quotes, pa.large_string())
    as_str = lambda t: pd.StringDtype(na_value=np.nan)  # noqa: E731
    if not pc.any(pc.greater(pc.utf8_length(quotes), chars)).as_py():
        return pd.Series(quotes.to_pandas(types_mapper=as_str))
    short = pc.utf8_slice_codeunits(quotes, 0, chars)
    cut = pc.greater(pc.utf8_length(quotes), chars)
    marked = pc.if_else(
        cut,
        pc.binary_join_element_wise(
            short, pa.scalar("…", pa.large_string()), pa.scalar("", pa.large_string())
        ),
        quotes,
    )
    return pd.Series(marked.to_pandas(types_mapper=as_str))


def group_order(group: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Row order sorted by group, then day, then position (a stable LSD radix sort).

    Three stable 16-bit argsorts (numpy radix-sorts 16-bit keys) beat one comparison sort of
    a combined 64-bit key on a million rows; wider keys fall back to ``np.lexsort``.
    """
    n = len(group)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    day_offset = days - days.min()
    if day_offset.max() >= 1 << 16 or group.max() >= 1 << 32:
        return np.lexsort((np.arange(n), days, group))
    order = np.argsort(day_offset.astype(np.uint16), kind="stable")
    for part in (group & 0xFFFF, group >> 16):
        if part.max() == 0:
            continue
        order = order[np.argsort(part[order].astype(np.uint16), kind="stable")]
    return order


def stance_matrix(
    frame: pd.DataFrame,
    level: str = "actor",
    actors: Sequence[str] | None = None,
    top: int | None = None,
    excerpt_chars: int = EXCERPT_CHARS,
) -> pd.DataFrame:
    """The stance matrix in long form: one row per (actor key, issue) with at least one statement.

    Columns: ``key``, ``label`` (actor or organization), ``issue_id``, ``issue``,
    ``proposition``, ``topic``, ``mean_score`` (mean of the scores in the frame),
    ``stance`` (sign of the mean, see the module docstring), ``n_statements``,
    ``n_support``, ``n_neutral``, ``n_oppose``, ``latest_date``, ``latest_statement_id``,
    ``latest_quote`` (excerpt of the latest statement, for hover), and ``statement_ids``
    (the evidence rows, oldest first, as a list column). Rows follow the actor order of
    :func:`select_actors` (most active first), then the issue order.
    """
    needed = ["statement_id", "issue_id", "issue", "proposition", "topic", "score", "quote"]
    require_columns(frame, [*needed, "statement_date"])
    selection = select_actors(frame, level, actors, top)
    local = selection.local_codes()
    rows = np.flatnonzero(local >= 0) if (actors is not None or top is not None) else None
    if rows is not None:
        local = local[rows]
    issue = code_column(frame, "issue_id")
    issue_codes = issue.codes if rows is None else issue.codes[rows]
    n_issue = len(issue)
    group = local * n_issue + issue_codes
    score = frame["score"].to_numpy()
    days = row_days(frame)
    if rows is not None:
        score, days = score[rows], days[rows]

    n_groups = len(selection.chosen) * n_issue
    by_score = np.bincount(group * 3 + (score.astype(np.int64) + 1), minlength=3 * n_groups)
    by_score = by_score.reshape(n_groups, 3)
    count = by_score[:, 0] + by_score[:, 1] + by_score[:, 2]
    present = np.flatnonzero(count)
    counts = count[present]
    n_oppose, n_neutral, n_support = (by_score[present, j] for j in range(3))
    total = n_support.astype(np.int64) - n_oppose

    # One sort by (group, date) lists each group's evidence oldest first; its last row is the latest.
    order = group_order(group, days)
    ends = np.cumsum(counts)
    latest = order[ends - 1] if len(order) else order
    source_rows = order if rows is None else rows[order]
    latest_rows = latest if rows is None else rows[latest]

    ids = take_strings(frame["statement_id"], source_rows)
    offsets = np.concatenate([[0], ends])
    quotes = take_strings(frame["quote"], latest_rows)
    statement_ids = ids.take(pa.array(ends - 1))

    key_local = present // n_issue
    issue_local = present % n_issue
    issue_labels = {
        col: labels_for(issue.codes, frame, col, n_issue)
        for col in ("issue", "proposition", "topic")
    }
    keys = selection.all_keys[selection.chosen]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / counts
    out = pd.DataFrame(
        {
            "key": categorical(keys, key_local),
            "label": categorical(selection.labels, key_local),
            "issue_id": categorical(issue.values, issue_local),
            "issue": categorical(issue_labels["issue"], issue_local),
            "proposition": categorical(issue_labels["proposition"], issue_local),
            "topic": categorical(issue_labels["topic"], issue_local),
            "mean_score": mean,
            "stance": stance_label(np.sign(total)),
            "n_statements": counts.astype(np.int64),
            "n_support": n_support.astype(np.int64),
            "n_neutral": n_neutral.astype(np.int64),
            "n_oppose": n_oppose.astype(np.int64),
            "latest_date": days_to_datetime(days[latest] if len(latest) else latest),
            "latest_statement_id": pd.Series(
                statement_ids.to_pandas(types_mapper=lambda t: pd.StringDtype(na_value=np.nan))
            ),
            "latest_quote": excerpt(quotes, excerpt_chars),
            "statement_ids": _list_column(ids, offsets),
        }
    )
    out.attrs["level"] = level
    out.attrs["rule"] = AGGREGATION_RULE
    return out
