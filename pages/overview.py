"""Overview: the data set in numbers, who stands where on which issue, the sharpest disagreements."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tracker import charts
from tracker.agreement import sharpest_disagreements
from tracker.matrices import AGGREGATION_RULE, LEVELS, level_columns, stance_matrix
from tracker.selection import rows_for_choice, selected_cells
from tracker.ui import page_state
from tracker.ui.context import current_view
from tracker.ui.downloads import csv_download
from tracker.ui.evidence import show_evidence
from tracker.ui.sidebar import empty_state

MAX_ACTORS = 40  # rows of the matrix that stay readable at 1280 × 800
MAX_ISSUES = 40  # columns, likewise
MAX_DISAGREEMENTS = 8
LEVEL_LABELS = {"actor": "Actors", "organization": "Organizations"}
CHART_KEY = "overview_matrix"


@dataclass(frozen=True)
class Model:
    """Everything the page draws for one filter state and level (cached, never modified)."""

    numbers: dict
    figure: object
    table: pd.DataFrame  # the matrix cells drawn, for the download
    n_rows: int
    n_cols: int
    n_issues: int
    keys: dict[str, str]  # every actor (or organization) in the rows → label
    issues: dict[str, str]  # every issue in the rows → label
    disagreements: pd.DataFrame


@st.cache_resource(max_entries=32, show_spinner="Computing the stance matrix…")
def _model(view_key: str, level: str, _frame: pd.DataFrame) -> Model:
    matrix = stance_matrix(_frame, level, top=MAX_ACTORS)
    cells, rows, cols = charts.stance_cells(matrix, max_cols=MAX_ISSUES)
    noun = LEVEL_LABELS[level].lower()
    figure = charts.stance_matrix_figure(
        cells,
        rows=rows,
        cols=cols,
        title=f"Stance of {noun} on each issue (mean score of their statements)",
        row_title="Actor" if level == "actor" else "Organization",
    )
    issues = charts.key_labels(_frame, "issue_id", "issue")
    drawn = matrix[matrix["issue_id"].astype(str).isin(cols.index).to_numpy()]
    return Model(
        numbers=charts.dataset_numbers(_frame),
        figure=figure,
        table=charts.matrix_table(drawn),
        n_rows=len(rows),
        n_cols=len(cols),
        n_issues=len(issues),
        keys=charts.key_labels(_frame, *level_columns(level)),
        issues=issues,
        disagreements=sharpest_disagreements(_frame, level, top=200, limit=MAX_DISAGREEMENTS),
    )


def _on_cell_click() -> None:
    """A click on a matrix cell picks that actor and issue below (and so in the URL)."""
    cells = selected_cells(st.session_state.get(CHART_KEY))
    if cells:
        st.session_state["overview_actor"], st.session_state["overview_issue"] = cells[0]


view = current_view()
frame = view.filtered
first_visit = page_state.start_page("overview")
st.title("Overview")
notes_slot = st.container()

if frame.empty:
    empty_state("No statements match these filters.", key="overview_empty")
    st.stop()
metrics_slot = st.container()  # the numbers, drawn once the level is known

page_state.seed_choice("level", list(LEVELS), "actor", first_visit, name="level")
level = st.radio(
    "Show stances of",
    options=list(LEVELS),
    format_func=LEVEL_LABELS.get,
    horizontal=True,
    key="level",
    help="Organization groups each person with the body they speak for (Macron → France).",
)
page_state.write_param("level", level, "actor")
key_column, label_column = level_columns(level)
model = _model(view.key, level, frame)
numbers = model.numbers
columns = metrics_slot.columns([1, 1, 1, 1, 2])
columns[0].metric("Documents", f"{numbers['documents']:,}")
columns[1].metric("Actors", f"{numbers['actors']:,}")
columns[2].metric("Issues", f"{numbers['issues']:,}")
columns[3].metric("Statements", f"{numbers['statements']:,}")
columns[4].metric("Date span", numbers["span"], help=numbers["span_help"])


all_keys, issue_labels = model.keys, model.issues
noun = LEVEL_LABELS[level].lower()
fig = model.figure
st.plotly_chart(
    fig,
    key=CHART_KEY,
    on_select=_on_cell_click,
    selection_mode=("points",),
    width="content",
    config={"displayModeBar": False},
)
shown = (
    f"the {model.n_rows} most active of {len(all_keys)} {noun}"
    if model.n_rows < len(all_keys)
    else f"all {model.n_rows} {noun}"
)
if model.n_cols < model.n_issues:
    shown += f" and the {model.n_cols} most discussed of {model.n_issues} issues"
st.caption(
    f"Showing {shown}; choose others in the sidebar. Blank cells: no statement in the "
    f"current filters. {AGGREGATION_RULE} A cell's colour is the mean score itself, so a "
    "mixed record sits between the colours of support and opposition. Click a cell to read "
    "the statements behind it."
)
csv_download(
    model.table,
    view="stance-matrix",
    filters=view.filters,
    key="overview_matrix_csv",
    label="Download the stance matrix (CSV)",
)

st.subheader("Evidence behind a cell")
page_state.seed_choice("overview_actor", list(all_keys), None, first_visit, name="actor id")
page_state.seed_choice("overview_issue", list(issue_labels), None, first_visit, name="issue id")
left, right = st.columns(2)
actor = left.selectbox(
    "Actor" if level == "actor" else "Organization",
    options=list(all_keys),
    index=None,
    format_func=lambda k: charts.shorten(all_keys.get(k, k), 80),
    key="overview_actor",
    placeholder="Click a cell above, or choose",
)
issue = right.selectbox(
    "Issue",
    options=list(issue_labels),
    index=None,
    format_func=lambda k: charts.shorten(issue_labels.get(k, k), 80),
    key="overview_issue",
    placeholder="Click a cell above, or choose",
)
page_state.write_param("overview_actor", actor)
page_state.write_param("overview_issue", issue)
page_state.show_notes(notes_slot)
if actor is None and issue is None:
    st.caption("Click a cell of the matrix (or choose an actor and an issue) to see its quotes.")
else:
    evidence = rows_for_choice(frame, key_column, actor, "issue_id", issue)
    parts = [
        all_keys.get(actor, actor) if actor else None,
        issue_labels.get(issue) if issue else None,
    ]
    heading = " on ".join(p for p in parts if p)
    show_evidence(evidence, key="overview_evidence", title=f"Statements: {heading}")

st.subheader("Sharpest disagreements")
pairs = model.disagreements
if pairs.empty:
    st.caption(
        f"No two {noun} take opposite positions (support against oppose) on an issue in the "
        "current filters."
    )
else:
    st.caption(
        "Pairs that take opposite positions (support against oppose) on the most issues. "
        "Each opens the head-to-head comparison."
    )
    for row in pairs.itertuples(index=False):  # at most MAX_DISAGREEMENTS rows
        issues = ", ".join(charts.shorten(i, 60) for i in list(row.issues)[:4])
        more = f" and {row.n_opposed - 4} more" if row.n_opposed > 4 else ""
        label = (
            f"{charts.markdown_text(row.label_a, 60)} vs {charts.markdown_text(row.label_b, 60)}"
            f" — opposed on {row.n_opposed} of {row.n_shared} shared issue(s): "
            f"{charts.markdown_text(issues)}{more}"
        )
        st.page_link(
            "pages/head_to_head.py",
            label=label,
            icon=":material/compare_arrows:",
            query_params={"a": row.key_a, "b": row.key_b, "level": level},
        )
    csv_download(
        charts.disagreements_table(pairs),
        view="disagreements",
        filters=view.filters,
        key="overview_disagreements_csv",
        label="Download the disagreements (CSV)",
    )
