"""Turn a Plotly selection (what ``st.plotly_chart(on_select="rerun")`` returns) into ids.

Every clickable figure in :mod:`tracker.charts` puts the ids a click should lead to at the
front of each point's ``customdata``: ``[row_key, col_key, ...]`` for a matrix cell and
``[statement_id, ...]`` for a timeline point. These functions read those ids back and
never trust the payload's shape: a malformed or empty selection gives an empty answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd


def selected_points(payload: Any) -> list[Mapping[str, Any]]:
    """The selected points of a selection payload (the event or its ``selection`` part)."""
    if payload is None:
        return []
    selection = _get(payload, "selection")
    source = selection if selection is not None else payload
    points = _get(source, "points")
    if not isinstance(points, Sequence) or isinstance(points, str | bytes):
        return []
    return [point for point in points if isinstance(point, Mapping)]


def selected_customdata(payload: Any, width: int) -> list[tuple[str, ...]]:
    """The first ``width`` customdata fields of each selected point, deduplicated in order.

    Points whose customdata is missing or shorter than ``width`` (a legend-only trace, a
    decoration such as a stance-change marker without ids) are skipped.
    """
    seen: dict[tuple[str, ...], None] = {}
    for point in selected_points(payload):
        data = point.get("customdata")
        if isinstance(data, str | bytes) or not isinstance(data, Sequence):
            continue
        if len(data) < width:
            continue
        key = tuple(data[:width])
        if all(isinstance(part, str) and part for part in key):
            seen.setdefault(key, None)
    return list(seen)


def selected_cells(payload: Any) -> list[tuple[str, str]]:
    """The (row key, column key) pairs of the clicked matrix cells."""
    return [(row, col) for row, col in selected_customdata(payload, 2)]


def selected_pair(payload: Any) -> tuple[str, str] | None:
    """The actor pair of the first clicked agreement cell, or None when nothing usable was clicked.

    A click on a diagonal cell (an actor with itself) is not a pair.
    """
    for row, col in selected_cells(payload):
        if row != col:
            return row, col
    return None


def selected_statement_ids(payload: Any) -> list[str]:
    """The statement ids of the clicked timeline points."""
    return [ids[0] for ids in selected_customdata(payload, 1)]


def rows_for_cells(
    frame: pd.DataFrame, cells: Iterable[tuple[str, str]], row_column: str, col_column: str
) -> pd.DataFrame:
    """The rows of ``frame`` behind the given matrix cells, in the frame's order.

    ``row_column``/``col_column`` name the columns the cell keys come from, e.g.
    ``("actor_id", "issue_id")`` for the person-level stance matrix or
    ``("organization", "issue_id")`` at organization level.
    """
    cells = list(cells)
    if not cells or frame.empty:
        return frame.iloc[0:0]
    wanted = pd.MultiIndex.from_tuples(cells, names=[row_column, col_column])
    present = pd.MultiIndex.from_arrays(
        [frame[row_column].astype(str), frame[col_column].astype(str)]
    )
    return frame[present.isin(wanted)]


def rows_for_statements(frame: pd.DataFrame, statement_ids: Iterable[str]) -> pd.DataFrame:
    """The rows of ``frame`` with the given statement ids, in the frame's order."""
    ids = list(statement_ids)
    if not ids or frame.empty:
        return frame.iloc[0:0]
    return frame[frame["statement_id"].astype(str).isin(ids)]


def _get(container: Any, name: str) -> Any:
    """``container[name]`` or ``container.name`` (Streamlit's state allows both), else None."""
    if isinstance(container, Mapping):
        return container.get(name)
    try:
        return container[name]
    except (KeyError, TypeError, IndexError, AttributeError):
        return getattr(container, name, None)


def rows_for_choice(
    frame: pd.DataFrame,
    key_column: str,
    key: str | None,
    issue_column: str,
    issue: str | None,
) -> pd.DataFrame:
    """Rows of one actor (``key``), one issue, or both; either may be None (no restriction)."""
    keep = pd.Series(True, index=frame.index)
    if key is not None:
        keep &= frame[key_column].astype(str) == str(key)
    if issue is not None:
        keep &= frame[issue_column].astype(str) == str(issue)
    return frame[keep.to_numpy()]


# --- Page controls read from a link. Streamlit's own URL binding writes a choice's display
# label into the address bar; the dashboard's links carry ids ("a=france"), so the pages
# read and write these parameters themselves, through these checks.


def choice_from_link(
    values: Sequence[str], options: Sequence[str], default: str | None, name: str
) -> tuple[str | None, str | None]:
    """The option a link asks for, or ``default`` with a note when the link's value is unusable.

    ``values`` are the parameter's values in the link (none: the default, no note).
    """
    if not values:
        return default, None
    value = str(values[-1])
    if value in options:
        return value, None
    shown = value if len(value) <= 40 else value[:39] + "…"
    return default, f"“{shown}” is not a valid {name}; it was left out."


def choices_from_link(
    values: Sequence[str], options: Sequence[str], name: str
) -> tuple[list[str], str | None]:
    """The options a link asks for (in order, without repeats), and a note naming any dropped."""
    allowed = set(options)
    kept = list(dict.fromkeys(str(v) for v in values if str(v) in allowed))
    dropped = [str(v) for v in dict.fromkeys(values) if str(v) not in allowed]
    if not dropped:
        return kept, None
    examples = ", ".join(f"“{v if len(v) <= 40 else v[:39] + '…'}”" for v in dropped[:3])
    more = f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
    return kept, f"Unknown {name} {examples}{more} left out."
