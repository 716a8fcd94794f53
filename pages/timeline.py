"""Timeline: statements over time, stance changes, and agreement over time."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tracker import charts
from tracker.agreement import MEASURE_RANGES, MEASURES
from tracker.matrices import LEVELS, level_columns, select_actors
from tracker.selection import rows_for_statements, selected_statement_ids
from tracker.timeline import WINDOWS, agreement_over_time, stance_changes, statements_over_time
from tracker.ui import page_state
from tracker.ui.context import current_view
from tracker.ui.downloads import csv_download
from tracker.ui.evidence import show_evidence
from tracker.ui.sidebar import empty_state

MAX_ACTORS = 30  # rows of the timeline that stay readable at 1280 × 800
MAX_POINTS = 2000  # statements drawn, the latest (about 70 per actor row at most); more only blur
MAX_CHANGES_LISTED = 200  # rows of the stance-change table (the download has all)
ALL_PAIRS_ACTORS = 6  # "all pairs" draws every pair of this many most active actors
DAILY_GRID_LIMIT = 400  # above this many statement days, agreement is evaluated weekly
DEFAULT_PAIRS = {"actor": ("france", "stoltenberg"), "organization": ("France", "NATO")}
LEVEL_LABELS = {"actor": "Actors", "organization": "Organizations"}
PAIR_MODES = {"one": "One pair", "all": f"All pairs of the {ALL_PAIRS_ACTORS} most active"}
WINDOW_LABELS = {
    "cumulative": "Cumulative (everything up to the date)",
    "rolling": "Rolling window",
}


@dataclass(frozen=True)
class Statements:
    """The statements part of the page for one filter state, level and issue choice."""

    rows: pd.DataFrame  # the filtered rows on the chosen issues
    points: pd.DataFrame  # the statements drawn
    total: int  # statements of the drawn actors, before the cap on points
    changes: pd.DataFrame  # stance changes of the drawn actors
    n_actors_drawn: int
    figure: object


@st.cache_resource(max_entries=32, show_spinner="Placing the statements in time…")
def _statements(
    view_key: str, level: str, issues: tuple[str, ...], _frame: pd.DataFrame
) -> Statements | None:
    rows = _frame if not issues else _frame[_frame["issue_id"].isin(list(issues)).to_numpy()]
    if rows.empty:
        return None
    actors = select_actors(rows, level, top=MAX_ACTORS)
    latest, total = charts.latest_rows(rows, level_columns(level)[0], actors.keys, MAX_POINTS)
    # Whole quotes (the download has them); the figure shortens those it draws.
    points = statements_over_time(latest, level, actors=actors.keys)
    changes = stance_changes(rows, level, actors=actors.keys)
    labels = pd.Series([str(x) for x in actors.labels], index=actors.keys, dtype="str")
    # Ring only the changes whose later statement is drawn.
    recent = changes[(changes["to_date"] >= points["statement_date"].min()).to_numpy()]
    drawn = recent[recent["to_statement_id"].isin(points["statement_id"]).to_numpy()]
    about = (
        "the chosen issues"
        if len(issues) > 1
        else charts.shorten(str(rows["issue"].iloc[0]), 60)
        if issues and len(rows)
        else "all issues"
    )
    figure = charts.statements_timeline_figure(
        points,
        actors=labels,
        changes=drawn,
        title=f"Statements over time on {about}",
        actor_title="Actor" if level == "actor" else "Organization",
    )
    return Statements(rows, points, total, changes, len(labels), figure)


@st.cache_resource(max_entries=32, show_spinner="Following agreement over time…")
def _agreement(
    view_key: str,
    level: str,
    issues: tuple[str, ...],
    pair: tuple[str, str] | None,
    window: str,
    width_days: int,
    _frame: pd.DataFrame,
) -> pd.DataFrame:
    rows = _frame if not issues else _frame[_frame["issue_id"].isin(list(issues)).to_numpy()]
    days = rows["statement_date"].nunique()
    freq = None if days <= DAILY_GRID_LIMIT else "W"
    return agreement_over_time(
        rows,
        actors=list(pair) if pair else None,
        level=level,
        top=ALL_PAIRS_ACTORS,
        window=window,
        width_days=width_days,
        freq=freq,
    )


@st.cache_resource(max_entries=16, show_spinner=False)
def _labels(version: str, level: str, _data: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    return charts.key_labels(_data, *level_columns(level)), select_actors(_data, level, top=2).keys


view = current_view()
frame = view.filtered
first_visit = page_state.start_page("timeline")
st.title("Timeline")
notes_slot = st.container()
page_state.seed_choice("level", list(LEVELS), "actor", first_visit, name="level")

top_controls = st.columns([1, 2])
level = top_controls[0].radio(
    "Show",
    options=list(LEVELS),
    format_func=LEVEL_LABELS.get,
    horizontal=True,
    key="level",
)
page_state.write_param("level", level, "actor")
issue_labels = charts.key_labels(frame, "issue_id", "issue")
page_state.seed_choices("timeline_issue", list(issue_labels), first_visit, name="issue id(s)")
issues = top_controls[1].multiselect(
    "Issues",
    options=list(issue_labels),
    format_func=lambda k: charts.shorten(issue_labels.get(k, k), 60),
    key="timeline_issue",
    placeholder="All issues in the filters",
)
page_state.write_param("timeline_issue", issues, [])
if frame.empty:
    empty_state("No statements match these filters.", key="timeline_empty")
    st.stop()

key_column = level_columns(level)[0]
model = _statements(view.key, level, tuple(issues), frame)
if model is None:
    empty_state("No statements on these issues in the current filters.", key="timeline_none")
    st.stop()
rows, points, total, changes = model.rows, model.points, model.total, model.changes
noun = LEVEL_LABELS[level].lower()
fig = model.figure
event = st.plotly_chart(
    fig,
    key="timeline_statements",
    on_select="rerun",
    selection_mode=("points",),
    width="stretch",
    config={"displayModeBar": False},
)
notes = []
n_actors = int(rows[key_column].nunique())
if model.n_actors_drawn < n_actors:
    notes.append(f"the {model.n_actors_drawn} most active of {n_actors} {noun}")
if total > len(points):
    notes.append(f"the latest {len(points):,} of {total:,} statements")
st.caption(
    ("Showing " + " and ".join(notes) + ". " if notes else "")
    + "Colour: stance; symbol: attribution; a ring marks a stance change (support ↔ oppose). "
    "Click a point to read its statement."
)
picked = selected_statement_ids(event)
if picked:
    show_evidence(
        rows_for_statements(rows, picked), key="timeline_evidence", title="The clicked statement"
    )
csv_download(
    points,
    view="timeline-statements",
    filters=view.filters,
    key="timeline_statements_csv",
    label="Download these statements (CSV)",
)

st.subheader("Stance changes")
if changes is None or changes.empty:
    st.caption(
        f"No {noun[:-1]} changed between support and opposition on an issue in these filters."
    )
else:
    latest = changes.iloc[-MAX_CHANGES_LISTED:][::-1]
    if len(changes) > MAX_CHANGES_LISTED:
        st.caption(
            f"The latest {MAX_CHANGES_LISTED} of {len(changes):,} changes; the download has all."
        )
    st.dataframe(
        latest[["label", "issue", "from_stance", "from_date", "to_stance", "to_date", "to_quote"]],
        hide_index=True,
        column_config={
            "label": st.column_config.TextColumn(LEVEL_LABELS[level][:-1]),
            "issue": "Issue",
            "from_stance": "From",
            "from_date": st.column_config.DateColumn("Since", format="YYYY-MM-DD"),
            "to_stance": "To",
            "to_date": st.column_config.DateColumn("Changed on", format="YYYY-MM-DD"),
            "to_quote": st.column_config.TextColumn("Quote of the change", width="large"),
        },
    )
    csv_download(
        changes,
        view="stance-changes",
        filters=view.filters,
        key="timeline_changes_csv",
        label="Download the stance changes (CSV)",
    )

st.subheader("Agreement over time")
labels, most_active = _labels(view.version, level, view.data)
page_state.seed_choice("pair", list(PAIR_MODES), "one", first_visit, name="pair mode")
page_state.seed_choice("window", list(WINDOWS), "cumulative", first_visit, name="window")
page_state.seed_choice("measure", list(MEASURES), "agreement", first_visit, name="measure")
page_state.seed_whole_number("window_days", 1, 3650, 90, first_visit)
controls = st.columns([2, 2, 2])
mode = controls[0].radio("Pairs", options=list(PAIR_MODES), format_func=PAIR_MODES.get, key="pair")
window = controls[1].radio(
    "Window",
    options=list(WINDOWS),
    format_func=WINDOW_LABELS.get,
    key="window",
    help="Cumulative: every statement up to the date. Rolling: only the last N days.",
)
with controls[2]:
    width_days = st.number_input(
        "Window length (days)",
        min_value=1,
        max_value=3650,
        step=1,
        key="window_days",
        disabled=window != "rolling",
    )
    measure = st.selectbox(
        "Measure",
        options=list(MEASURES),
        format_func=MEASURES.get,
        key="measure",
    )
page_state.write_param("pair", mode, "one")
page_state.write_param("window", window, "cumulative")
page_state.write_param("measure", measure, "agreement")
page_state.write_param("window_days", int(width_days), 90)
pair = None
if mode == "one":
    options = list(labels)
    default_a, default_b = DEFAULT_PAIRS[level]
    if default_a not in labels or default_b not in labels:
        default_a, default_b = (most_active + most_active)[:2]
    noun = "actor id" if level == "actor" else "organization"
    page_state.seed_choice("a", options, default_a, first_visit, name=noun)
    page_state.seed_choice("b", options, default_b, first_visit, name=noun)
    pick = st.columns(2)
    a = pick[0].selectbox(
        "First",
        options=options,
        format_func=lambda k: charts.shorten(labels.get(k, k), 60),
        key="a",
    )
    b = pick[1].selectbox(
        "Second",
        options=options,
        format_func=lambda k: charts.shorten(labels.get(k, k), 60),
        key="b",
    )
    page_state.write_param("a", a, default_a)
    page_state.write_param("b", b, default_b)
    if a == b:
        st.warning("Choose two different actors.")
        st.stop()
    pair = (a, b)
page_state.show_notes(notes_slot)

series = _agreement(view.key, level, tuple(issues), pair, window, int(width_days), frame)
if series.empty:
    st.caption("Not enough statements to follow agreement over time in these filters.")
    st.stop()
lines = pd.DataFrame(
    {
        "date": series["date"],
        "pair_key": series["key_a"].astype(str) + "|" + series["key_b"].astype(str),
        "label": series["label_a"].astype(str) + " – " + series["label_b"].astype(str),
        "value": series[measure],
        "n": series["n_shared"],
    }
)
window_text = (
    "everything up to each date"
    if window == "cumulative"
    else f"the last {int(width_days)} days before each date"
)
fig = charts.agreement_timeline_figure(
    lines,
    measure_label=MEASURES[measure],
    value_range=MEASURE_RANGES[measure],
    title=f"{MEASURES[measure]} over time, from {window_text}",
)
st.plotly_chart(fig, key="timeline_agreement", width="stretch", config={"displayModeBar": False})
st.caption(
    "The line breaks where the pair shares no issue in the window (the measure is undefined "
    "there, never 0). Hover shows N, the shared issues."
)
csv_download(
    series,
    view="agreement-over-time",
    filters=view.filters,
    key="timeline_agreement_csv",
    label="Download agreement over time (CSV)",
)
