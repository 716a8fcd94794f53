"""Positions over time: statements, agreement within a moving window, and stance changes.

Windows. A date grid t₁ < t₂ < … is evaluated; at each t the statements counted are
those dated on or before t (``window="cumulative"``) or within the last `width_days` days
up to and including t, i.e. t − width < date ≤ t (``window="rolling"``). Inside a window
the usual rule applies: an actor's stance on an issue is the sign of the mean score of its
statements there (see :mod:`tracker.matrices`).

The windowed state is computed without looping over rows: every statement is an event
that enters the window on its date (and, for a rolling window, leaves it `width_days`
later); events are binned onto the grid and accumulated with a cumulative sum along time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from tracker.agreement import MEASURES, crosstabs, indicators, measures_from_crosstabs
from tracker.matrices import (
    categorical,
    code_column,
    days_to_datetime,
    excerpt,
    group_order,
    labels_for,
    level_columns,
    require_columns,
    row_days,
    select_actors,
    stance_label,
    take_strings,
)

WINDOWS: tuple[str, ...] = ("cumulative", "rolling")

# Cells (time × actors × issues) held in memory at once by agreement_over_time.
_CHUNK_CELLS = 4_000_000


def _check_window(window: str, width_days: int) -> None:
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}: choose one of {', '.join(WINDOWS)}")
    if window == "rolling" and int(width_days) < 1:
        raise ValueError("a rolling window needs a width of at least one day")


def _as_days(dates: Sequence) -> np.ndarray:
    return np.asarray(pd.to_datetime(pd.Index(dates)).to_numpy().astype("datetime64[D]"), np.int64)


def time_grid(
    days: np.ndarray,
    window: str = "cumulative",
    width_days: int = 365,
    freq: str | None = None,
    dates: Sequence | None = None,
) -> np.ndarray:
    """The evaluation dates as whole days, sorted and unique.

    `dates` explicitly; else the last day of each period of `freq` (``"D"``, ``"W"``, ``"M"``,
    ``"Q"``, ``"Y"``) from the first statement on, the last one cut at the last statement's
    date; else every day the windowed content changes:
    each statement date and, for a rolling window, each date a statement leaves it.
    """
    _check_window(window, width_days)
    if dates is not None:
        return np.unique(_as_days(dates))
    if len(days) == 0:
        return np.zeros(0, dtype=np.int64)
    first, last = int(days.min()), int(days.max())
    if freq is not None:
        try:
            periods = pd.period_range(
                days_to_datetime(np.array([first]))[0],
                days_to_datetime(np.array([last]))[0],
                freq=freq,
            )
        except (ValueError, AttributeError):
            raise ValueError(f"unknown period {freq!r}: use D, W, M, Q or Y") from None
        ends = _as_days(periods.end_time.normalize())
        return np.unique(np.minimum(ends, last))
    points = np.unique(days)
    if window == "rolling":
        leave = points + int(width_days)
        points = np.union1d(points, leave[leave <= last])
    return points


def window_events(days: np.ndarray, window: str, width_days: int) -> tuple[np.ndarray, np.ndarray]:
    """(event day, ±1) for each row entering and, in a rolling window, leaving the window;
    rows are repeated in that order (row i is event i and event n + i)."""
    if window == "cumulative":
        return days, np.ones(len(days), dtype=np.int64)
    return (
        np.concatenate([days, days + int(width_days)]),
        np.concatenate([np.ones(len(days), np.int64), -np.ones(len(days), np.int64)]),
    )


def statements_over_time(
    frame: pd.DataFrame,
    level: str = "actor",
    actors: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    excerpt_chars: int | None = None,
) -> pd.DataFrame:
    """Every statement as a point in time, oldest first: ``statement_date``, ``key``, ``label``,
    ``issue_id``, ``issue``, ``stance``, ``score``, ``attribution``, ``reported_by``,
    ``date_precision``, ``quote`` (cut to `excerpt_chars` when given), ``statement_id``,
    ``doc_id``. `actors` (keys at `level`) and `issues` (issue ids) narrow it down."""
    key_col, label_col = level_columns(level)
    cols = [
        "statement_date",
        key_col,
        label_col,
        "issue_id",
        "issue",
        "stance",
        "score",
        "attribution",
        "reported_by",
        "date_precision",
        "quote",
        "statement_id",
        "doc_id",
    ]
    require_columns(frame, cols)
    mask = np.ones(len(frame), dtype=bool)
    if actors is not None:
        mask &= frame[key_col].isin(list(actors)).to_numpy()
    if issues is not None:
        mask &= frame["issue_id"].isin(list(issues)).to_numpy()
    rows = np.flatnonzero(mask)
    days = row_days(frame)[rows]
    rows = rows[np.lexsort((rows, days))]
    out = frame.iloc[rows][list(dict.fromkeys(cols))].reset_index(drop=True)
    out.insert(1, "key", out[key_col])
    out.insert(2, "label", out[label_col])
    out = out.drop(columns=list(dict.fromkeys([key_col, label_col])))
    if excerpt_chars is not None:
        out["quote"] = excerpt(pa.array(out["quote"]), excerpt_chars)
    out.attrs["level"] = level
    return out


def statement_counts(
    frame: pd.DataFrame,
    freq: str = "M",
    by: Sequence[str] = ("stance",),
    level: str = "actor",
) -> pd.DataFrame:
    """Number of statements per period of `freq` (a period alias: ``"D"``, ``"W"``, ``"M"``,
    ``"Q"``, ``"Y"``; ``period`` = its first day) and per value of the `by`
    columns; ``key``/``label`` in `by` stand for the level's actor key and label. Periods
    and combinations without statements are left out."""
    key_col, label_col = level_columns(level)
    names = {"key": key_col, "label": label_col}
    columns = [names.get(c, c) for c in by]
    require_columns(frame, ["statement_date", *columns])
    try:
        period = frame["statement_date"].dt.to_period(freq).dt.start_time
    except (ValueError, AttributeError):
        raise ValueError(f"unknown period {freq!r}: use D, W, M, Q or Y") from None
    grouped = frame[columns].assign(period=period.to_numpy())
    out = grouped.groupby(["period", *columns], observed=True, sort=True).size()
    out = out.rename("n_statements").reset_index()
    return out.rename(columns={v: k for k, v in names.items() if k in by})


def agreement_over_time(
    frame: pd.DataFrame,
    actors: Sequence[str] | None = None,
    level: str = "actor",
    top: int = 10,
    window: str = "cumulative",
    width_days: int = 365,
    freq: str | None = None,
    dates: Sequence | None = None,
    min_overlap: int = 1,
) -> pd.DataFrame:
    """The four measures for actor pairs at each date of a grid (see :func:`time_grid`).

    With two `actors`: that pair. With more (or, without `actors`, the `top` most active):
    every unordered pair of them, in the order given. One row per (date, pair): ``date``,
    ``key_a``, ``label_a``, ``key_b``, ``label_b``, ``n_shared`` and the measures (NaN where
    undefined or N < `min_overlap`).
    """
    _check_window(window, width_days)
    require_columns(frame, ["issue_id", "score", "statement_date"])
    selection = select_actors(frame, level, actors, None if actors is not None else top)
    local = selection.local_codes()
    rows = np.flatnonzero(local >= 0)
    k = len(selection.chosen)
    all_days = row_days(frame)
    days = all_days[rows]
    grid = time_grid(days, window, width_days, freq, dates)
    ia, ib = np.triu_indices(k, 1)
    columns = ["date", "key_a", "label_a", "key_b", "label_b", "n_shared", *MEASURES]
    if k < 2 or len(grid) == 0:
        return pd.DataFrame({c: [] for c in columns})

    issue_values, issue_codes = np.unique(
        code_column(frame, "issue_id").codes[rows], return_inverse=True
    )
    n = len(issue_values)
    actor = local[rows]
    score = frame["score"].to_numpy()[rows].astype(np.int64)
    event_day, sign = window_events(days, window, width_days)
    twice = len(event_day) // len(rows)
    ev_actor, ev_issue = np.tile(actor, twice), np.tile(issue_codes, twice)
    ev_score = np.tile(score, twice) * sign
    slot = np.searchsorted(grid, event_day, side="left")  # first grid date the event counts at
    keep = slot < len(grid)
    slot, ev_actor, ev_issue, ev_score, sign = (
        x[keep] for x in (slot, ev_actor, ev_issue, ev_score, sign)
    )
    order = np.argsort(slot, kind="stable")
    slot, ev_actor, ev_issue, ev_score, sign = (
        x[order] for x in (slot, ev_actor, ev_issue, ev_score, sign)
    )

    results = {name: [] for name in ["n_shared", *MEASURES]}
    total = np.zeros((k, n), dtype=np.int64)
    count = np.zeros((k, n), dtype=np.int64)
    chunk = max(1, _CHUNK_CELLS // max(1, k * n))
    # Chunks of the time grid bound memory; each is fully vectorised over pairs and issues.
    for t0 in range(0, len(grid), chunk):
        t1 = min(len(grid), t0 + chunk)
        lo, hi = np.searchsorted(slot, [t0, t1])
        flat = ((slot[lo:hi] - t0) * k + ev_actor[lo:hi]) * n + ev_issue[lo:hi]
        size = (t1 - t0) * k * n
        d_total = np.bincount(flat, weights=ev_score[lo:hi], minlength=size)
        d_count = np.bincount(flat, weights=sign[lo:hi], minlength=size)
        tot = total + np.cumsum(d_total.reshape(t1 - t0, k, n), axis=0).round().astype(np.int64)
        cnt = count + np.cumsum(d_count.reshape(t1 - t0, k, n), axis=0).round().astype(np.int64)
        total, count = tot[-1], cnt[-1]
        measures = measures_from_crosstabs(
            crosstabs(indicators(np.sign(tot), cnt > 0)), min_overlap
        )
        for name, values in measures.items():
            results[name].append(values[:, ia, ib])

    n_t, n_p = len(grid), len(ia)
    t_idx = np.repeat(np.arange(n_t), n_p)
    p_idx = np.tile(np.arange(n_p), n_t)
    keys = np.asarray(selection.keys, dtype=object)
    out = pd.DataFrame(
        {
            "date": days_to_datetime(grid[t_idx]),
            "key_a": categorical(keys, ia[p_idx]),
            "label_a": categorical(selection.labels, ia[p_idx]),
            "key_b": categorical(keys, ib[p_idx]),
            "label_b": categorical(selection.labels, ib[p_idx]),
            **{name: np.concatenate(v).ravel() for name, v in results.items()},
        }
    )
    out.attrs.update(level=level, window=window, width_days=int(width_days))
    return out


def stance_changes(
    frame: pd.DataFrame,
    level: str = "actor",
    actors: Sequence[str] | None = None,
    include_neutral: bool = False,
    excerpt_chars: int | None = None,
) -> pd.DataFrame:
    """Stance changes: consecutive statements of one actor on one issue whose scores change sign.

    A change is support → oppose or oppose → support between an actor's successive
    statements on an issue (date order; same-day statements in table order). With
    `include_neutral`, moves to and from neutral count too. One row per change: ``key``,
    ``label``, ``issue_id``, ``issue``, ``from_score``, ``to_score``, ``from_stance``,
    ``to_stance``, ``from_date``, ``to_date``, ``from_statement_id``, ``to_statement_id``,
    ``from_quote``, ``to_quote``; sorted by ``to_date``.
    """
    require_columns(frame, ["issue_id", "issue", "score", "statement_id", "quote"])
    selection = select_actors(frame, level, actors)
    local = selection.local_codes()
    rows = np.flatnonzero(local >= 0)
    issue = code_column(frame, "issue_id")
    group = local[rows] * len(issue) + issue.codes[rows]
    days = row_days(frame)[rows]
    order = group_order(group, days)
    rows, group, days = rows[order], group[order], days[order]
    score = frame["score"].to_numpy()[rows].astype(np.int64)
    same = group[1:] == group[:-1]
    if include_neutral:
        change = same & (score[1:] != score[:-1])
    else:
        change = same & (score[1:] * score[:-1] == -1)
    at = np.flatnonzero(change)
    at = at[np.lexsort((group[at + 1], days[at + 1]))]
    before, after = rows[at], rows[at + 1]
    key_local = local[after]
    issue_labels = labels_for(issue.codes, frame, "issue", len(issue))
    chars = excerpt_chars if excerpt_chars is not None else 10**9
    keys = np.asarray(selection.keys, dtype=object)

    def text(column: str, idx: np.ndarray, limit: int = 10**9) -> pd.Series:
        return excerpt(take_strings(frame[column], idx), limit)

    out = pd.DataFrame(
        {
            "key": categorical(keys, key_local),
            "label": categorical(selection.labels, key_local),
            "issue_id": categorical(issue.values, issue.codes[after]),
            "issue": categorical(issue_labels, issue.codes[after]),
            "from_score": score[at].astype(np.int8),
            "to_score": score[at + 1].astype(np.int8),
            "from_stance": stance_label(score[at]),
            "to_stance": stance_label(score[at + 1]),
            "from_date": days_to_datetime(days[at]),
            "to_date": days_to_datetime(days[at + 1]),
            "from_statement_id": text("statement_id", before),
            "to_statement_id": text("statement_id", after),
            "from_quote": text("quote", before, chars),
            "to_quote": text("quote", after, chars),
        }
    )
    out.attrs["level"] = level
    return out
