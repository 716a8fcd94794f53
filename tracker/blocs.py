"""Polarization per issue, and an actor order that puts like-minded actors side by side.

Polarization of an issue: among the m actors (at the chosen level) with a stance on it —
the sign of the mean score of their statements, so neutral counts as a stance — the share
of the m(m − 1)/2 pairs of actors that take opposite positions (one supports, the other
opposes): P = n_support · n_oppose / (m(m − 1)/2). P = 0 when nobody is opposed (or only
one side spoke), rises as the actors split into two camps, and reaches its maximum (1 for
two actors, just above 0.5 for many) when they divide evenly between support and
opposition with nobody neutral. Neutral actors dilute it. Undefined (NaN) below two actors.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage, optimal_leaf_ordering
from scipy.spatial.distance import squareform

from tracker.agreement import MEASURE_RANGES, AgreementMatrix, check_measure
from tracker.matrices import (
    categorical,
    code_column,
    days_to_datetime,
    group_order,
    labels_for,
    require_columns,
    row_days,
    select_actors,
)
from tracker.timeline import time_grid, window_events

POLARIZATION_RULE = (
    "Polarization: the share of pairs of actors with a stance on the issue that take "
    "opposite positions (one supports, the other opposes)."
)


def _polarization(n_support: np.ndarray, n_oppose: np.ndarray, n_actors: np.ndarray) -> np.ndarray:
    pairs = n_actors * (n_actors - 1) / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n_actors >= 2, n_support * n_oppose / np.where(pairs > 0, pairs, 1), np.nan)


def _issue_frame(frame: pd.DataFrame, counts: np.ndarray, issue_idx: np.ndarray) -> pd.DataFrame:
    """Tidy columns from per-row stance counts [oppose, neutral, support] and issue codes."""
    issue = code_column(frame, "issue_id")
    issue_labels = labels_for(issue.codes, frame, "issue", len(issue))
    topics = labels_for(issue.codes, frame, "topic", len(issue))
    n_oppose, n_neutral, n_support = counts[:, 0], counts[:, 1], counts[:, 2]
    n_actors = n_oppose + n_neutral + n_support
    return pd.DataFrame(
        {
            "issue_id": categorical(issue.values, issue_idx),
            "issue": categorical(issue_labels, issue_idx),
            "topic": categorical(topics, issue_idx),
            "n_actors": n_actors.astype(np.int64),
            "n_support": n_support.astype(np.int64),
            "n_neutral": n_neutral.astype(np.int64),
            "n_oppose": n_oppose.astype(np.int64),
            "polarization": _polarization(n_support, n_oppose, n_actors),
        }
    )


def polarization(
    frame: pd.DataFrame, level: str = "actor", actors: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per issue: ``n_actors`` with a stance, how many support / are neutral / oppose, and
    ``polarization`` (see the module docstring); most polarized first."""
    require_columns(frame, ["issue_id", "issue", "topic", "score"])
    selection = select_actors(frame, level, actors)
    local = selection.local_codes()
    rows = np.flatnonzero(local >= 0)
    issue = code_column(frame, "issue_id")
    k, n = len(selection.chosen), len(issue)
    flat = local[rows] * n + issue.codes[rows]
    total = np.bincount(flat, weights=frame["score"].to_numpy()[rows], minlength=k * n)
    present = np.bincount(flat, minlength=k * n) > 0
    stance = (np.sign(total).astype(np.int64) + 1).reshape(k, n)
    mask = present.reshape(k, n)
    counts = np.stack([(mask & (stance == c)).sum(axis=0) for c in range(3)], axis=1)
    used = np.flatnonzero(counts.sum(axis=1) > 0)
    out = _issue_frame(frame, counts[used], used)
    out = out.sort_values(["polarization", "n_actors"], ascending=False, kind="stable")
    out.attrs["level"] = level
    return out.reset_index(drop=True)


def polarization_over_time(
    frame: pd.DataFrame,
    level: str = "actor",
    issues: Sequence[str] | None = None,
    window: str = "cumulative",
    width_days: int = 365,
    freq: str | None = None,
    dates: Sequence | None = None,
) -> pd.DataFrame:
    """Polarization per issue at each date of a grid (see :func:`tracker.timeline.time_grid`),
    from the statements inside the window. One row per (date, issue): ``date`` and the
    columns of :func:`polarization`.

    Each (actor, issue) has a running stance that changes only at its own window events, so
    only those changes are accumulated per issue — linear in the number of statements.
    """
    require_columns(frame, ["issue_id", "issue", "topic", "score", "statement_date"])
    selection = select_actors(frame, level)
    issue = code_column(frame, "issue_id")
    rows = np.arange(len(frame))
    if issues is not None:
        rows = np.flatnonzero(frame["issue_id"].isin(list(issues)).to_numpy())
    days = row_days(frame)[rows]
    grid = time_grid(days, window, width_days, freq, dates)
    issue_codes = issue.codes[rows]
    group = selection.row_key[rows] * len(issue) + issue_codes
    score = frame["score"].to_numpy()[rows].astype(np.int64)

    event_day, sign = window_events(days, window, width_days)
    twice = len(event_day) // max(1, len(rows))
    ev_group = np.tile(group, twice)
    ev_issue = np.tile(issue_codes, twice)
    order = group_order(ev_group, event_day)
    ev_group, ev_issue, event_day = ev_group[order], ev_issue[order], event_day[order]
    d_total, d_count = np.tile(score, twice)[order] * sign[order], sign[order]

    # Running sums within each (actor, issue): global cumulative sums minus the group's start.
    start = np.r_[True, ev_group[1:] != ev_group[:-1]] if len(ev_group) else np.zeros(0, bool)
    first = np.maximum.accumulate(np.where(start, np.arange(len(ev_group)), 0))
    c_total, c_count = np.cumsum(d_total), np.cumsum(d_count)
    run_total = c_total - (c_total - d_total)[first]
    run_count = c_count - (c_count - d_count)[first]
    state = np.where(
        run_count > 0, np.sign(run_total) + 1, 3
    )  # 0 oppose, 1 neutral, 2 support, 3 none
    before = np.where(start, 3, np.roll(state, 1))
    changed = state != before

    slot = np.searchsorted(grid, event_day, side="left")
    in_grid = changed & (slot < len(grid))
    n_issue = len(issue)
    size = len(grid) * n_issue * 4
    base = slot * n_issue + ev_issue
    deltas = np.bincount(base[in_grid] * 4 + state[in_grid], minlength=size) - np.bincount(
        base[in_grid] * 4 + before[in_grid], minlength=size
    )
    counts = np.cumsum(deltas.reshape(len(grid), n_issue, 4), axis=0)[..., :3]

    used = np.zeros(n_issue, dtype=bool)
    used[np.unique(issue_codes)] = True
    t_idx, i_idx = np.nonzero(np.broadcast_to(used, (len(grid), n_issue)))
    out = _issue_frame(frame, counts[t_idx, i_idx], i_idx)
    out.insert(0, "date", days_to_datetime(grid[t_idx]))
    out.attrs.update(level=level, window=window, width_days=int(width_days))
    return out


def _distances(matrix: AgreementMatrix, measure: str) -> np.ndarray:
    """Pairwise distances in [0, 1] from a measure: 1 − A, or (1 − x)/2 for measures in
    [−1, 1]. Undefined pairs (NaN) sit at 0.5, neither close nor far."""
    values = matrix.values[check_measure(measure)]
    low, high = MEASURE_RANGES[measure]
    dist = (high - values) / (high - low)
    dist = np.where(np.isnan(dist), 0.5, dist)
    dist = (dist + dist.T) / 2.0  # guard against rounding asymmetry
    np.fill_diagonal(dist, 0.0)
    return np.clip(dist, 0.0, 1.0)


def _linkage(matrix: AgreementMatrix, measure: str) -> np.ndarray:
    condensed = squareform(_distances(matrix, measure), checks=False)
    return optimal_leaf_ordering(linkage(condensed, method="average"), condensed)


def bloc_order(matrix: AgreementMatrix, measure: str = "agreement") -> list[str]:
    """The matrix's keys ordered so that like-minded actors sit side by side.

    Average-linkage hierarchical clustering on the distances of :func:`_distances`, with
    the leaves arranged by optimal leaf ordering; deterministic for a given matrix.
    """
    if len(matrix.keys) < 3:
        return list(matrix.keys)
    from scipy.cluster.hierarchy import leaves_list

    return [matrix.keys[i] for i in leaves_list(_linkage(matrix, measure))]


def blocs(matrix: AgreementMatrix, n_blocs: int, measure: str = "agreement") -> pd.Series:
    """Bloc number (1..n_blocs, numbered in bloc order) of each key, from the same clustering."""
    keys = matrix.keys
    if len(keys) == 0:
        return pd.Series([], dtype=np.int64, name="bloc")
    if len(keys) < 2:
        return pd.Series([1] * len(keys), index=pd.Index(keys, name="key"), name="bloc")
    labels = fcluster(_linkage(matrix, measure), t=max(1, int(n_blocs)), criterion="maxclust")
    ordered = bloc_order(matrix, measure) if len(keys) >= 3 else keys
    position = {k: i for i, k in enumerate(ordered)}
    by_key = dict(zip(keys, labels, strict=True))
    # Renumber so bloc 1 is the first met in bloc order.
    renumber: dict[int, int] = {}
    for key in ordered:
        renumber.setdefault(int(by_key[key]), len(renumber) + 1)
    series = pd.Series({k: renumber[int(by_key[k])] for k in keys}, name="bloc")
    series.index.name = "key"
    return series.loc[sorted(keys, key=position.__getitem__)]
