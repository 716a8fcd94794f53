"""Plotly figures for the dashboard: stance and agreement matrices, timelines.

Matrices are drawn as scatter plots of square markers, one marker per cell, because Plotly
heatmaps return an empty selection when clicked; each marker carries the ids a click leads
to at the front of its ``customdata`` (read back by :mod:`tracker.selection`).

Every piece of data text that reaches a figure (tick labels, hover text, legend entries,
titles) goes through :func:`plot_text`, because Plotly renders a subset of HTML in all of
them: an actor called ``<b>x</b>`` must show those characters, not bold text. Axes use
integer positions with escaped tick labels for the same reason (and so that two actors with
the same display name keep separate rows).

Colours: one diverging, colour-blind-safe scale (Okabe–Ito vermillion → grey → blue) is used
for stances (oppose → neutral → support) and for agreement (disagree → agree), so "orange
means against, blue means with" holds on every page. The grey is mid-tone so that it reads
on the light and the dark theme.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.compute as pc

from tracker.matrices import code_column, labels_for
from tracker.schema import ATTRIBUTIONS, STANCE_ORDER

STANCE_COLORS: dict[str, str] = {
    "oppose": "#D55E00",
    "neutral": "#999999",
    "support": "#0072B2",
}
DIVERGING_SCALE: list[list[float | str]] = [
    [0.0, STANCE_COLORS["oppose"]],
    [0.5, STANCE_COLORS["neutral"]],
    [1.0, STANCE_COLORS["support"]],
]
MUTED_COLOR = "rgba(153, 153, 153, 0.28)"  # cells below the minimum overlap or undefined
CHANGE_COLOR = "#CC79A7"  # Okabe–Ito reddish purple: distinct from the stance colours

ATTRIBUTION_SYMBOLS: dict[str, str] = {
    "stated": "circle",
    "reported": "diamond",
    "action": "triangle-up",
}
ATTRIBUTION_LABELS: dict[str, str] = {
    "stated": "stated (own words)",
    "reported": "reported by others",
    "action": "action (a deed)",
}

LABEL_LIMIT = 38  # characters of a name shown as a tick label
HOVER_LIMIT = 220  # characters of a quote or proposition shown in a hover box

# Characters that Markdown (CommonMark + GitHub extensions + Streamlit's directives such as
# :red[...] and $math$) treats as syntax. Backslash-escaping every one of them makes text
# literal; CommonMark allows a backslash before any ASCII punctuation.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&\"'=^%@/;,?])")
_WHITESPACE = re.compile(r"\s+")


def shorten(value: object, limit: int | None) -> str:
    """``value`` as one line of text, cut to ``limit`` characters with an ellipsis."""
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    text = _WHITESPACE.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 1)].rstrip() + "…"
    return text


def plot_text(value: object, limit: int | None = None) -> str:
    """Text safe to place in a Plotly label, title or hover: shortened, then HTML-escaped.

    Quotes stay as they are: Plotly's text renderer decodes &lt; &gt; &amp; but would show
    &quot; literally, and quotes cannot open a tag.
    """
    return html.escape(shorten(value, limit), quote=False)


def plot_texts(values: pd.Series | Sequence[object], limit: int | None = None) -> np.ndarray:
    """:func:`plot_text` over many values (computed once per distinct value)."""
    series = pd.Series(values, dtype="object").reset_index(drop=True)
    if series.empty:
        return np.array([], dtype=object)
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    escaped = np.array([plot_text(value, limit) for value in uniques], dtype=object)
    return escaped[codes]


def markdown_text(value: object, limit: int | None = None) -> str:
    """Text that Streamlit's Markdown (headers, captions, link labels) shows literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", shorten(value, limit))


def _axis(positions: Sequence[str], labels: Mapping[str, object], title: str) -> dict:
    """A numeric axis with one escaped tick label per category position."""
    return {
        "title": {"text": plot_text(title)},
        "tickmode": "array",
        "tickvals": list(range(len(positions))),
        "ticktext": [plot_text(labels.get(key, key), LABEL_LIMIT) for key in positions],
        "range": [-0.5, len(positions) - 0.5],
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
    }


MATRIX_WIDTH = 720  # px a matrix may use in the page's content column
CELL_MAX, CELL_MIN = 34, 9  # px per matrix cell
CHAR_PX = 6.6  # average width of a tick-label character in Plotly's default 12 px font


@dataclass(frozen=True)
class _Geometry:
    """Pixel layout of a matrix whose cells are exact squares of ``cell`` px."""

    cell: float
    left: int
    right: int
    top: int
    bottom: int
    n_rows: int
    n_cols: int

    @property
    def width(self) -> int:
        return int(self.left + self.right + self.cell * max(self.n_cols, 1))

    @property
    def height(self) -> int:
        return int(self.top + self.bottom + self.cell * max(self.n_rows, 1))

    @property
    def marker(self) -> int:
        return max(int(self.cell * 0.9), 4)


def _geometry(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    *,
    colorbar: bool = True,
    x_side: str = "bottom",
    x_angle: int = -40,
    legend: bool = False,
) -> _Geometry:
    """Cell size and margins so that labels fit and the matrix fits the content column."""
    longest_row = max((len(shorten(t, LABEL_LIMIT)) for t in row_labels), default=4)
    longest_col = max((len(shorten(t, LABEL_LIMIT)) for t in col_labels), default=4)
    left = int(44 + CHAR_PX * longest_row)
    right = 150 if colorbar else 24
    n_rows, n_cols = len(row_labels), len(col_labels)
    cell = float(np.clip((MATRIX_WIDTH - left - right) / max(n_cols, 1), CELL_MIN, CELL_MAX))
    angle = np.radians(abs(x_angle))
    extent = int(CHAR_PX * longest_col * np.sin(angle) + 16 * np.cos(angle)) + 12
    # Slanted column labels reach left of their column: the first one must stay in view.
    left = max(left, int(CHAR_PX * longest_col * np.cos(angle)) + 12)
    top = 64 + (28 if legend else 0) + (extent if x_side == "top" else 0)
    bottom = 24 + (extent + 24 if x_side == "bottom" else 0)
    return _Geometry(cell, left, right, top, bottom, n_rows, n_cols)


def _wrap(text: str, width_px: int) -> str:
    """Escaped title text broken into lines that fit ``width_px`` (Plotly does not wrap)."""
    per_line = max(int(width_px / 8.5), 24)
    lines: list[str] = []
    for word in shorten(text, 300).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _matrix_layout(
    fig: go.Figure,
    geometry: _Geometry,
    *,
    title: str,
    x_axis: dict,
    y_axis: dict,
    x_side: str = "bottom",
    x_angle: int = -40,
) -> None:
    """Shared layout of a square-marker matrix: fixed pixel size, reversed rows, no zoom."""
    n_title_lines = _wrap(title, geometry.width).count("<br>")
    extra_top = 20 * n_title_lines
    fig.update_layout(
        title={
            "text": _wrap(title, geometry.width),
            "x": 0,
            "xanchor": "left",
            # Plotly anchors a title of several lines by its first line, so the others rose
            # above the top edge of a short figure; lower the anchor by the extra lines.
            "yref": "container",
            "y": 1 - extra_top / (geometry.height + extra_top),
            "yanchor": "top",
            "pad": {"t": 8},
        },
        width=geometry.width,
        height=geometry.height + extra_top,
        autosize=False,
        margin={
            "l": geometry.left,
            "r": geometry.right,
            "t": geometry.top + extra_top,
            "b": geometry.bottom,
            "autoexpand": False,
        },
        xaxis={**x_axis, "side": x_side, "tickangle": x_angle, "automargin": False},
        yaxis={
            **y_axis,
            "autorange": False,
            "range": [geometry.n_rows - 0.5, -0.5],
            "automargin": False,
        },
        hoverlabel={"align": "left"},
        clickmode="event+select",
        dragmode=False,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
    )


def stance_matrix_figure(
    cells: pd.DataFrame,
    *,
    rows: pd.Series,
    cols: pd.Series,
    title: str,
    row_title: str = "Actor",
    col_title: str = "Issue",
    x_side: str = "bottom",
    x_angle: int = -40,
) -> go.Figure:
    """Actor × issue matrix of mean stance scores as square markers (empty cells stay blank).

    ``rows`` and ``cols`` map keys to display labels, in display order. ``cells`` has one row
    per non-empty cell with columns ``row_key``, ``col_key``, ``score`` (mean score in
    [-1, 1]), ``n`` (statements), ``latest`` (date of the latest statement),
    ``proposition`` and ``quote`` (an excerpt of the latest evidence). Each marker's
    customdata starts with ``[row_key, col_key]``.
    """
    row_pos = pd.Index(rows.index.astype(str)).get_indexer(cells["row_key"].astype(str))
    col_pos = pd.Index(cols.index.astype(str)).get_indexer(cells["col_key"].astype(str))
    keep = (row_pos >= 0) & (col_pos >= 0)
    cells = cells.loc[keep]
    row_pos, col_pos = row_pos[keep], col_pos[keep]
    geometry = _geometry(
        list(rows.astype(str)), list(cols.astype(str)), x_side=x_side, x_angle=x_angle
    )
    marker_px = geometry.marker
    score = cells["score"].astype(float).to_numpy()
    customdata = (
        np.column_stack(
            [
                cells["row_key"].astype(str).to_numpy(dtype=object),
                cells["col_key"].astype(str).to_numpy(dtype=object),
                plot_texts(rows.astype(str).to_numpy()[row_pos], 80),
                plot_texts(cols.astype(str).to_numpy()[col_pos], 80),
                plot_texts(cells["proposition"], HOVER_LIMIT),
                plot_texts(cells["quote"], HOVER_LIMIT),
                np.char.mod("%+.2f", score).astype(object),
                plot_texts(cells["stance"]),
                cells["n"].astype(int).astype(str).to_numpy(dtype=object),
                pd.to_datetime(cells["latest"]).dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
                (
                    cells["n_support"].astype(int).astype(str)
                    + " support, "
                    + cells["n_neutral"].astype(int).astype(str)
                    + " neutral, "
                    + cells["n_oppose"].astype(int).astype(str)
                    + " oppose"
                ).to_numpy(dtype=object),
            ]
        )
        if len(cells)
        else np.empty((0, 11), dtype=object)
    )
    fig = _figure(
        [
            _trace(
                len(cells),
                x=col_pos,
                y=row_pos,
                mode="markers",
                marker={
                    "symbol": "square",
                    "size": marker_px,
                    "color": score,
                    "colorscale": DIVERGING_SCALE,
                    "cmin": -1,
                    "cmax": 1,
                    "line": {"width": 0},
                    "colorbar": {
                        "title": {"text": "Mean stance"},
                        "tickvals": [-1, 0, 1],
                        "ticktext": ["oppose (−1)", "neutral (0)", "support (+1)"],
                        "thickness": 14,
                        "lenmode": "pixels",
                        "len": max(min(220, geometry.cell * len(rows)), 120),
                        "y": 1,
                        "yanchor": "top",
                    },
                },
                customdata=customdata,
                hovertemplate=(
                    "<b>%{customdata[2]}</b> on <b>%{customdata[3]}</b><br>"
                    "Proposition: %{customdata[4]}<br>"
                    "Stance: <b>%{customdata[7]}</b> (mean score %{customdata[6]} "
                    "over %{customdata[8]} statement(s): %{customdata[10]})<br>"
                    "Latest statement %{customdata[9]}: "
                    "“%{customdata[5]}”<br>"
                    "<i>Click to see the evidence</i><extra></extra>"
                ),
                showlegend=False,
                name="stance",
            )
        ]
    )
    _matrix_layout(
        fig,
        geometry,
        title=title,
        x_axis=_axis(list(cols.index.astype(str)), cols.astype(str).to_dict(), col_title),
        y_axis=_axis(list(rows.index.astype(str)), rows.astype(str).to_dict(), row_title),
        x_side=x_side,
        x_angle=x_angle,
    )
    return fig


def agreement_matrix_figure(
    cells: pd.DataFrame,
    *,
    actors: pd.Series,
    measure_label: str,
    value_range: tuple[float, float],
    min_overlap: int,
    title: str,
    axis_title: str = "Actor",
    colorbar_title: str | None = None,
) -> go.Figure:
    """Actor × actor agreement as square markers; cells below ``min_overlap`` or undefined greyed.

    ``actors`` maps keys to labels in display order (blocs side by side). ``cells`` has one
    row per ordered pair with columns ``row_key``, ``col_key``, ``value`` (NaN when
    undefined) and ``n`` (shared issues). Pairs with no shared issue are left blank. Each
    marker's customdata starts with ``[row_key, col_key]``.
    """
    keys = pd.Index(actors.index.astype(str))
    row_pos = keys.get_indexer(cells["row_key"].astype(str))
    col_pos = keys.get_indexer(cells["col_key"].astype(str))
    n = cells["n"].fillna(0).astype(int).to_numpy()
    keep = (row_pos >= 0) & (col_pos >= 0) & (row_pos != col_pos) & (n > 0)
    cells = cells.loc[keep]
    row_pos, col_pos, n = row_pos[keep], col_pos[keep], n[keep]
    value = cells["value"].astype(float).to_numpy()
    shown = (n >= min_overlap) & ~np.isnan(value)
    labels = actors.astype(str).to_numpy()
    geometry = _geometry(list(labels), list(labels), legend=bool((~shown).any()))
    marker_px = geometry.marker
    lo, hi = value_range
    note = np.where(
        n < min_overlap,
        f"fewer shared issues than the minimum ({min_overlap})",
        np.where(np.isnan(value), "undefined for this pair (see the measure's definition)", ""),
    )
    value_text = np.where(np.isnan(value), "—", np.char.mod("%.2f", np.nan_to_num(value)))
    customdata = (
        np.column_stack(
            [
                cells["row_key"].astype(str).to_numpy(dtype=object),
                cells["col_key"].astype(str).to_numpy(dtype=object),
                plot_texts(labels[row_pos], 80),
                plot_texts(labels[col_pos], 80),
                value_text.astype(object),
                n.astype(str).astype(object),
                note.astype(object),
            ]
        )
        if len(cells)
        else np.empty((0, 7), dtype=object)
    )
    hover = (
        f"<b>%{{customdata[2]}}</b> and <b>%{{customdata[3]}}</b><br>"
        f"{plot_text(measure_label)}: %{{customdata[4]}}<br>"
        "Shared issues N = %{customdata[5]}<br>%{customdata[6]}"
        "<i>Click to compare the two</i><extra></extra>"
    )
    traces = [
        _trace(
            len(cells),
            x=col_pos[~shown],
            y=row_pos[~shown],
            mode="markers",
            marker={"symbol": "square", "size": marker_px, "color": MUTED_COLOR},
            customdata=customdata[~shown],
            hovertemplate=hover.replace("%{customdata[6]}", "%{customdata[6]}<br>"),
            name=f"N below {min_overlap} or undefined",
            showlegend=bool((~shown).any()),
        ),
        _trace(
            len(cells),
            x=col_pos[shown],
            y=row_pos[shown],
            mode="markers",
            marker={
                "symbol": "square",
                "size": marker_px,
                "color": value[shown],
                "colorscale": DIVERGING_SCALE,
                "cmin": lo,
                "cmax": hi,
                "colorbar": {
                    "title": {"text": plot_text(colorbar_title or measure_label, 18)},
                    "tickvals": [lo, (lo + hi) / 2, hi],
                    "ticktext": [f"{lo:g} disagree", f"{(lo + hi) / 2:g}", f"{hi:g} agree"],
                    "thickness": 14,
                    "lenmode": "pixels",
                    "len": max(min(260, geometry.cell * len(actors)), 120),
                    "y": 1,
                    "yanchor": "top",
                },
            },
            customdata=customdata[shown],
            hovertemplate=hover,
            name=plot_text(measure_label),
            showlegend=False,
        ),
    ]
    fig = _figure(traces)
    axis_keys = list(keys)
    label_map = dict(zip(axis_keys, labels, strict=True))
    _matrix_layout(
        fig,
        geometry,
        title=title,
        x_axis=_axis(axis_keys, label_map, axis_title),
        y_axis=_axis(axis_keys, label_map, axis_title),
    )
    return fig


def statements_timeline_figure(
    rows: pd.DataFrame,
    *,
    actors: pd.Series,
    changes: pd.DataFrame | None = None,
    title: str,
    actor_title: str = "Actor",
) -> go.Figure:
    """Statements over time: date × actor, colour = stance, symbol = attribution, hover = quote.

    ``rows`` is :func:`tracker.timeline.statements_over_time` output (``key`` names the
    ``actors`` entry a statement is drawn on, ``label`` its name). ``changes`` (optional) is
    :func:`tracker.timeline.stance_changes` output; the later statement of each change is
    ringed. Statements of one actor on
    the same day are spread vertically by issue so that they stay apart. Each point's
    customdata starts with ``[statement_id]``.
    """
    keys = pd.Index(actors.index.astype(str))
    traces: list[dict] = []
    y = _timeline_y(rows, keys)
    for stance in STANCE_ORDER:
        mask = (rows["stance"].astype(str) == stance).to_numpy()
        part = rows.loc[mask]
        attribution = part["attribution"].astype(str)
        reported_by = part["reported_by"].astype("object").where(part["reported_by"].notna(), "")
        customdata = (
            np.column_stack(
                [
                    part["statement_id"].astype(str).to_numpy(dtype=object),
                    plot_texts(part["label"], 80),
                    plot_texts(part["issue"], 80),
                    plot_texts(part["quote"], HOVER_LIMIT),
                    part["statement_date"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
                    plot_texts(part["date_precision"]),
                    plot_texts(
                        attribution.map(ATTRIBUTION_LABELS).fillna(attribution).astype(str)
                        + np.where(reported_by.astype(str) != "", " by ", "")
                        + reported_by.astype(str),
                        120,
                    ),
                ]
            )
            if len(part)
            else np.empty((0, 7), dtype=object)
        )
        traces.append(
            _trace(
                len(rows),
                x=part["statement_date"],
                y=y[mask],
                mode="markers",
                marker={
                    "color": STANCE_COLORS[stance],
                    "size": 11,
                    "symbol": attribution.map(ATTRIBUTION_SYMBOLS).fillna("circle").tolist(),
                    "line": {"width": 0.5, "color": "rgba(255,255,255,0.6)"},
                },
                customdata=customdata,
                hovertemplate=(
                    "<b>%{customdata[1]}</b> — %{customdata[2]}<br>"
                    f"{stance} · %{{customdata[4]}} (%{{customdata[5]}}) · %{{customdata[6]}}<br>"
                    "“%{customdata[3]}”<extra></extra>"
                ),
                name=stance,
                legendgroup=f"stance-{stance}",
                showlegend=False,  # the legend's own entries below show plain squares
            )
        )
    for stance in STANCE_ORDER:  # legend entries for the colours only
        traces.append(
            _trace(
                0,
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "color": STANCE_COLORS[stance], "size": 11},
                name=stance,
                legendgroup=f"stance-{stance}",  # clicking it hides that stance's points
                legendgrouptitle={"text": "Stance"} if stance == STANCE_ORDER[0] else None,
                hoverinfo="skip",
            )
        )
    for attribution in ATTRIBUTIONS:  # legend entries for the symbols only
        traces.append(
            _trace(
                0,
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": ATTRIBUTION_SYMBOLS[attribution], "color": "#777777", "size": 10},
                name=ATTRIBUTION_LABELS[attribution],
                legendgroup="attribution",
                legendgrouptitle={"text": "Attribution"},
                hoverinfo="skip",
            )
        )
    if changes is not None and len(changes):
        change_y = _timeline_y(
            changes.rename(columns={"to_date": "statement_date"}), keys, rows["issue"]
        )
        traces.append(
            _trace(
                0,
                x=changes["to_date"],
                y=change_y,
                mode="markers",
                marker={
                    "symbol": "circle-open",
                    "size": 22,
                    "color": CHANGE_COLOR,
                    "line": {"width": 2.5, "color": CHANGE_COLOR},
                },
                customdata=np.column_stack(
                    [
                        changes["to_statement_id"].astype(str).to_numpy(dtype=object),
                        plot_texts(changes["issue"], 80),
                        plot_texts(changes["from_stance"]),
                        plot_texts(changes["to_stance"]),
                    ]
                ),
                hovertemplate=(
                    "<b>Stance change</b> on %{customdata[1]}: "
                    "%{customdata[2]} → %{customdata[3]}<extra></extra>"
                ),
                name="stance change",
                legendgroup="change",
                legendgrouptitle={"text": "Marked"},
            )
        )
    n_actors = max(len(actors), 1)
    fig = _figure(traces)
    fig.update_layout(
        title={"text": plot_text(title), "x": 0, "xanchor": "left"},
        height=int(max(420, 170 + np.clip(560 / n_actors, 24, 40) * n_actors)),
        margin={"l": 10, "r": 10, "t": 70, "b": 50},
        xaxis={"title": {"text": "Date of the statement"}, "type": "date"},
        yaxis={
            **_axis(list(keys), actors.astype(str).to_dict(), actor_title),
            "autorange": False,
            "range": [n_actors - 0.4, -0.6],
        },
        legend={"orientation": "v", "groupclick": "togglegroup", "tracegroupgap": 4},
        hoverlabel={"align": "left"},
        clickmode="event+select",
    )
    return fig


def _timeline_y(
    rows: pd.DataFrame, keys: pd.Index, all_issues: pd.Series | None = None
) -> np.ndarray:
    """Row position of each statement, nudged by issue so same-day statements do not overlap.

    ``all_issues`` (the issues of every drawn statement) fixes the nudge of each issue, so
    that marks drawn over the statements (stance changes) land on them.
    """
    base = keys.get_indexer(rows["key"].astype(str)).astype(float)
    if rows.empty:
        return base
    issues = pd.Index(
        sorted(set((rows["issue"] if all_issues is None else all_issues).astype(str)))
    )
    if len(issues) <= 1:
        return base
    issue_codes = issues.get_indexer(rows["issue"].astype(str))
    return base + (issue_codes / (len(issues) - 1) - 0.5) * 0.5


def agreement_timeline_figure(
    series: pd.DataFrame,
    *,
    measure_label: str,
    value_range: tuple[float, float],
    title: str,
) -> go.Figure:
    """Agreement over time: one line per pair (``label``), hover with the value and N.

    ``series`` has columns ``date``, ``pair_key`` (``"a|b"``), ``label``, ``value`` (NaN where
    undefined: the line breaks there) and ``n`` (shared issues in the window).
    """
    fig = go.Figure()
    for pair_key, part in series.groupby("pair_key", sort=False, observed=True):
        part = part.sort_values("date")
        label = plot_text(part["label"].iloc[0], 60)
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["value"].astype(float),
                mode="lines+markers",
                line={"shape": "hv", "width": 2},
                marker={"size": 6},
                customdata=np.column_stack(
                    [
                        np.full(len(part), str(pair_key), dtype=object),
                        part["n"].astype(int).astype(str).to_numpy(dtype=object),
                    ]
                ),
                hovertemplate=(
                    f"<b>{label}</b><br>%{{x|%Y-%m-%d}}: {plot_text(measure_label)} "
                    "%{y:.2f}, N = %{customdata[1]}<extra></extra>"
                ),
                name=label,
                connectgaps=False,
            )
        )
    lo, hi = value_range
    fig.add_hline(y=(lo + hi) / 2, line={"dash": "dot", "width": 1, "color": "#999999"})
    fig.update_layout(
        title={"text": plot_text(title), "x": 0, "xanchor": "left"},
        height=420,
        margin={"l": 10, "r": 10, "t": 70, "b": 50},
        xaxis={"title": {"text": "End of the window"}, "type": "date"},
        yaxis={"title": {"text": plot_text(measure_label)}, "range": [lo - 0.05, hi + 0.05]},
        legend={"title": {"text": "Pair"}},
        hoverlabel={"align": "left"},
    )
    return fig


def _trace(n_points: int, **properties: object) -> dict:
    """A scatter trace: SVG for small figures (crisp, easy to click), WebGL beyond a few
    thousand points."""
    kept = {name: value for name, value in properties.items() if value is not None}
    return {"type": "scatter" if n_points <= 4000 else "scattergl", **kept}


def _figure(traces: list[dict]) -> go.Figure:
    """A figure of traces built here from checked arrays.

    Plotly's per-element validation of large customdata and symbol arrays costs more than the
    rest of a page rerun, and these arrays are built by this module, so it is skipped; the
    layout is still validated by the ``update_layout`` calls that follow.
    """
    return go.Figure(data=traces, _validate=False)


def stance_cells(
    matrix: pd.DataFrame,
    row_order: Sequence[str] | None = None,
    max_cols: int | None = None,
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Inputs of :func:`stance_matrix_figure` from :func:`tracker.matrices.stance_matrix` output.

    Rows keep the matrix's actor order (or ``row_order`` when given, e.g. blocs side by
    side); issues are grouped by topic, the most discussed first within a topic. With
    ``max_cols``, only that many issues are kept: those with the most statements.
    """
    keys = matrix["key"].astype(str)
    labels = matrix["label"].astype(str)
    rows = pd.Series(labels.to_numpy(), index=keys.to_numpy()).groupby(level=0, sort=False).first()
    if row_order is not None:
        rows = rows.reindex([k for k in map(str, row_order) if k in rows.index])
    issue_stats = (
        pd.DataFrame(
            {
                "issue_id": matrix["issue_id"].astype(str),
                "issue": matrix["issue"].astype(str),
                "topic": matrix["topic"].astype(str),
                "n": matrix["n_statements"].astype(int),
            }
        )
        .groupby("issue_id", sort=False)
        .agg(issue=("issue", "first"), topic=("topic", "first"), n=("n", "sum"))
    )
    if max_cols is not None and len(issue_stats) > max_cols:
        issue_stats = issue_stats.sort_values("n", ascending=False, kind="stable").iloc[:max_cols]
        matrix = matrix[matrix["issue_id"].astype(str).isin(issue_stats.index).to_numpy()]
        keys = matrix["key"].astype(str)
    issue_stats = issue_stats.sort_values(
        ["topic", "n", "issue"], ascending=[True, False, True], kind="stable"
    )
    cols = issue_stats["issue"]
    cells = pd.DataFrame(
        {
            "row_key": keys,
            "col_key": matrix["issue_id"].astype(str),
            "score": matrix["mean_score"].astype(float),
            "stance": matrix["stance"].astype(str),
            "n": matrix["n_statements"].astype(int),
            "n_support": matrix["n_support"].astype(int),
            "n_neutral": matrix["n_neutral"].astype(int),
            "n_oppose": matrix["n_oppose"].astype(int),
            "latest": matrix["latest_date"],
            "proposition": matrix["proposition"].astype(str),
            "quote": matrix["latest_quote"].astype(str),
        }
    )
    return cells, rows, cols


# --- The data behind the figures: labels, headline numbers, flat tables for CSV downloads.


def key_labels(frame: pd.DataFrame, key_column: str, label_column: str) -> dict[str, str]:
    """Key → display label of every key present in ``frame``, ordered by label then key."""
    if frame.empty:
        return {}
    coded = code_column(frame, key_column)
    labels = labels_for(coded.codes, frame, label_column, len(coded)).astype(str)
    keys = coded.values.astype(str)
    order = np.lexsort((keys, np.char.lower(labels.astype(str))))
    return dict(zip(keys[order].tolist(), labels[order].tolist(), strict=True))


def dataset_numbers(frame: pd.DataFrame) -> dict[str, object]:
    """Documents, actors, issues and statements in ``frame`` and the span of its dates."""
    dates = frame["statement_date"]
    first, last = (dates.min(), dates.max()) if len(frame) else (pd.NaT, pd.NaT)
    if pd.isna(first):
        span, span_help = "—", "No statements."
    else:
        same_year = first.year == last.year
        span = (
            first.strftime("%b") + " – " + last.strftime("%b %Y")
            if same_year and first.month != last.month
            else first.strftime("%b %Y")
            if same_year
            else first.strftime("%Y") + " – " + last.strftime("%Y")
        )
        span_help = f"From {first:%Y-%m-%d} to {last:%Y-%m-%d} (dates of the statements)."
    return {
        "documents": int(frame["doc_id"].nunique()),
        "actors": int(frame["actor_id"].nunique()),
        "issues": int(frame["issue_id"].nunique()),
        "statements": len(frame),
        "span": span,
        "span_help": span_help,
    }


def _joined(values: pd.Series, sep: str = "; ") -> pd.Series:
    """A list-of-strings column as one string per row (vectorised through Arrow)."""
    lists = pa.array(values.array) if hasattr(values.array, "__arrow_array__") else pa.array(values)
    if lists.type != pa.list_(pa.string()):
        lists = lists.cast(pa.list_(pa.string()))
    joined = pc.binary_join(lists, pa.scalar(sep, pa.string()))
    return pd.Series(joined.to_pylist(), index=values.index, dtype="str")


def matrix_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The stance matrix as a flat table for CSV: one row per actor and issue."""
    level = matrix.attrs.get("level", "actor")
    out = matrix.drop(columns=["statement_ids"]).rename(
        columns={"key": "actor_id" if level == "actor" else "organization_key", "label": level}
    )
    out["statement_ids"] = _joined(matrix["statement_ids"])
    return out


def disagreements_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """The sharpest disagreements as a flat table for CSV (issue lists joined)."""
    out = pairs.drop(columns=["issue_ids", "issues"])
    out["issue_ids"] = _joined(pairs["issue_ids"])
    out["issues"] = _joined(pairs["issues"])
    return out


def head_to_head_table(issues: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The head-to-head comparison as a flat table for CSV (evidence id lists joined)."""
    out = issues.drop(columns=["statement_ids_a", "statement_ids_b"])
    out.insert(0, "key_a", a)
    out.insert(1, "key_b", b)
    for side in ("a", "b"):
        out[f"statement_ids_{side}"] = _joined(issues[f"statement_ids_{side}"])
    return out


def latest_rows(
    frame: pd.DataFrame, column: str, keys: Sequence[str], limit: int
) -> tuple[pd.DataFrame, int]:
    """The ``limit`` most recent rows whose ``column`` is one of ``keys`` (in frame order), and
    how many such rows there are: a timeline draws at most ``limit`` points."""
    rows = np.flatnonzero(frame[column].isin(list(keys)).to_numpy(dtype=bool, na_value=False))
    total = len(rows)
    if total > limit:
        days = frame["statement_date"].to_numpy()[rows]
        rows = np.sort(rows[np.argpartition(days, total - limit)[total - limit :]])
    return frame.iloc[rows], total
