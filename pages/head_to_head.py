"""Head-to-head: two actors compared issue by issue, with their words side by side."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from tracker import charts
from tracker.agreement import MEASURES, head_to_head
from tracker.matrices import AGGREGATION_RULE, LEVELS, level_columns, select_actors, stance_matrix
from tracker.selection import rows_for_cells, selected_cells
from tracker.ui import page_state
from tracker.ui.context import current_view
from tracker.ui.downloads import csv_download
from tracker.ui.evidence import show_evidence
from tracker.ui.sidebar import empty_state

# The comparison everyone opens first: France's opposition to NATO's Tokyo office against
# the Secretary General who proposed it.
DEFAULT_PAIRS = {"actor": ("france", "stoltenberg"), "organization": ("France", "NATO")}
LEVEL_LABELS = {"actor": "Actors", "organization": "Organizations"}
MAX_ISSUES = 20  # issues listed with their quotes; the download holds them all
MAX_QUOTES = 4  # statements shown per actor and issue
MAX_QUOTE_CHARS = 600  # longer quotes are cut here; the evidence table below has them whole
OUTCOME_TEXT = {
    "disagree": "Opposite positions",
    "differ": "Neutral against a position",
    "agree": "Same stance",
    "only a": "Only {a} took a position",
    "only b": "Only {b} took a position",
}
BADGE_COLORS = {"support": "blue", "oppose": "orange", "neutral": "gray"}
MEASURE_HELP = {
    "agreement": "1 − Σ|x − y| / 2N: identical stances 1, neutral against a position 0.5, opposite 0.",
    "signorino_ritter": "Signorino–Ritter S = 2A − 1, from −1 (always opposite) to +1.",
    "scott_pi": "Scott's π: agreement corrected for chance with the two actors' pooled stances.",
    "cohen_kappa": "Weighted Cohen's κ: agreement corrected for chance with each actor's own stances.",
}
METRIC_LABELS = {  # short enough for five metrics side by side at 1280 px
    "agreement": "Agreement A",
    "signorino_ritter": "Signorino–Ritter S",
    "scott_pi": "Scott's π",
    "cohen_kappa": "Cohen's weighted κ",
}
CHART_KEY = "h2h_matrix"


@st.cache_resource(max_entries=16, show_spinner=False)
def _actors(version: str, level: str, _data: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    """All keys at a level with labels, and the two most active keys (a fallback pair)."""
    labels = charts.key_labels(_data, *level_columns(level))
    return labels, select_actors(_data, level, top=2).keys


QUOTE_COLUMNS = [
    "quote",
    "reported_by",
    "statement_date",
    "date_precision",
    "stance",
    "attribution",
]


@dataclass(frozen=True)
class Comparison:
    """Everything the page draws for one pair and filter state (cached, never modified)."""

    issues: pd.DataFrame  # one row per issue either spoke on (tracker.agreement.head_to_head)
    measures: pd.Series
    figure: object
    rows: pd.DataFrame  # every statement of the two
    by_id: pd.DataFrame  # the statements the quote cards show, indexed by statement id
    table: pd.DataFrame  # the comparison, flat, for the download


@st.cache_resource(max_entries=32, show_spinner="Comparing the two…")
def _compare(
    view_key: str, level: str, a: str, b: str, name_a: str, name_b: str, _frame: pd.DataFrame
) -> Comparison:
    result = head_to_head(_frame, a, b, level)
    shown = result.issues.head(MAX_ISSUES)
    matrix = stance_matrix(_frame, level, actors=[a, b])
    matrix = matrix[matrix["issue_id"].astype(str).isin(shown["issue_id"]).to_numpy()]
    cells, _, _ = charts.stance_cells(matrix)
    figure = charts.stance_matrix_figure(
        cells.rename(columns={"row_key": "col_key", "col_key": "row_key"}),
        rows=pd.Series(shown["issue"].astype(str).to_numpy(), index=shown["issue_id"].astype(str)),
        cols=pd.Series({a: name_a, b: name_b}),
        title="Stance of each on every issue either spoke on",
        row_title="Issue",
        col_title="",
        x_side="top",
        x_angle=-30,
    )
    key_column = level_columns(level)[0]
    rows = _frame[_frame[key_column].isin([a, b]).to_numpy()]
    # Only the statements the quote cards show (at most MAX_QUOTES per issue and side), as
    # plain objects: picking rows of categorical columns for every card on each rerun, or
    # converting every statement of the pair once, was most of this page's time.
    quoted_ids = {
        str(i)
        for column in ("statement_ids_a", "statement_ids_b")
        for ids in shown[column].dropna()
        for i in list(ids)[-MAX_QUOTES:]
    }
    quoted = rows[rows["statement_id"].astype(str).isin(quoted_ids).to_numpy()]
    by_id = quoted.set_index(quoted["statement_id"].astype(str))[QUOTE_COLUMNS].astype(object)
    return Comparison(
        issues=result.issues,
        measures=result.measures,
        figure=figure,
        rows=rows,
        by_id=by_id,
        table=charts.head_to_head_table(result.issues, a, b),
    )


view = current_view()
frame = view.filtered
first_visit = page_state.start_page("head-to-head")
st.title("Head-to-head")
notes_slot = st.container()

page_state.seed_choice("level", list(LEVELS), "actor", first_visit, name="level")
controls = st.columns([1.2, 2, 2], vertical_alignment="bottom")
level = controls[0].radio(
    "Compare",
    options=list(LEVELS),
    format_func=LEVEL_LABELS.get,
    key="level",
    help="Organization groups each person with the body they speak for (Macron → France).",
)
page_state.write_param("level", level, "actor")
key_column = level_columns(level)[0]
labels, most_active = _actors(view.version, level, view.data)
options = list(labels)
if len(options) < 2:
    st.info("The data set has fewer than two actors to compare.")
    st.stop()
default_a, default_b = DEFAULT_PAIRS[level]
if default_a not in labels or default_b not in labels:
    default_a, default_b = most_active[0], most_active[1]
noun = "actor id" if level == "actor" else "organization"
page_state.seed_choice("a", options, default_a, first_visit, name=noun)
page_state.seed_choice("b", options, default_b, first_visit, name=noun)

a = controls[1].selectbox(
    "First actor" if level == "actor" else "First organization",
    options=options,
    format_func=lambda k: charts.shorten(labels.get(k, k), 80),
    key="a",
)
b = controls[2].selectbox(
    "Second actor" if level == "actor" else "Second organization",
    options=options,
    format_func=lambda k: charts.shorten(labels.get(k, k), 80),
    key="b",
)
page_state.write_param("a", a, default_a)
page_state.write_param("b", b, default_b)
page_state.show_notes(notes_slot)
name_a, name_b = labels.get(a, a), labels.get(b, b)
if a == b:
    st.warning("Choose two different actors to compare.")
    st.stop()
if frame.empty:
    empty_state("No statements match these filters.", key="h2h_empty")
    st.stop()

comparison = _compare(view.key, level, a, b, name_a, name_b, frame)
issues, measures, pair_rows = comparison.issues, comparison.measures, comparison.rows
st.header(f"{charts.markdown_text(name_a, 80)} vs {charts.markdown_text(name_b, 80)}")
if issues.empty:
    empty_state(
        "Neither of the two took a position in the rows these filters keep.", key="h2h_none"
    )
    st.stop()

n_shared = int(measures["n_shared"])
metric_columns = st.columns(1 + len(MEASURES))
metric_columns[0].metric(
    "Shared issues N",
    n_shared,
    help="Issues on which both took a position; every measure is computed over these.",
)
for column, name in zip(metric_columns[1:], MEASURES, strict=True):
    value = float(measures[name])
    column.metric(
        METRIC_LABELS[name],
        "—" if np.isnan(value) else f"{value:.2f}",
        help=f"{MEASURES[name]}: {MEASURE_HELP[name]}"
        + (" Undefined for this pair (—): see its definition." if np.isnan(value) else ""),
    )
outcome_counts = issues["outcome"].value_counts()
summary = [
    f"{OUTCOME_TEXT[o].format(a=charts.shorten(name_a, 40), b=charts.shorten(name_b, 40))}: "
    f"{int(outcome_counts.get(o, 0))}"
    for o in OUTCOME_TEXT
    if outcome_counts.get(o, 0)
]
st.caption(
    charts.markdown_text(" · ".join(summary)) + " — " + charts.markdown_text(AGGREGATION_RULE)
)

pair_fig = comparison.figure
chart_column, link_column = st.columns([3, 1])
with chart_column:
    event = st.plotly_chart(
        pair_fig,
        key=CHART_KEY,
        on_select="rerun",
        selection_mode=("points",),
        width="content",
        config={"displayModeBar": False},
    )
with link_column:
    st.page_link(
        "pages/timeline.py",
        label="Their agreement over time",
        icon=":material/timeline:",
        query_params={"a": a, "b": b, "level": level, "pair": "one"},
    )
    st.page_link(
        "pages/agreement.py",
        label="Everyone's agreement",
        icon=":material/grid_on:",
        query_params={"level": level},
    )
clicked = selected_cells(event)
if clicked:
    show_evidence(
        rows_for_cells(frame, clicked, "issue_id", key_column),
        key="h2h_cell_evidence",
        title="Statements behind the clicked cell",
    )

st.subheader("Issue by issue")
by_id = comparison.by_id


def _side(issue, name: str, side: str) -> str:
    """One actor's stance on one issue and its latest quotes, as escaped Markdown."""
    stance = getattr(issue, f"stance_{side}")
    if pd.isna(stance):
        return f":gray[{charts.markdown_text(name, 60)}: no statement]"
    color = BADGE_COLORS.get(str(stance), "gray")
    lines = [f"**{charts.markdown_text(name, 60)}** :{color}-badge[{stance}]"]
    ids = [str(i) for i in getattr(issue, f"statement_ids_{side}")]
    shown = by_id.loc[[i for i in ids[-MAX_QUOTES:] if i in by_id.index]]
    for row in shown.itertuples(index=False):  # at most MAX_QUOTES
        reported = (
            f" by {charts.markdown_text(row.reported_by, 60)}"
            if isinstance(row.reported_by, str) and row.reported_by
            else ""
        )
        lines.append(
            f"“{charts.markdown_text(row.quote, MAX_QUOTE_CHARS)}”  \n"
            f":small[:gray[{row.statement_date:%Y-%m-%d} ({row.date_precision}) · "
            f"{row.stance} · {row.attribution}{reported}]]"
        )
    if len(ids) > MAX_QUOTES:
        lines.append(
            f":small[:gray[{len(ids) - MAX_QUOTES} earlier statement(s) in the download.]]"
        )
    return "\n\n".join(lines)


for issue in issues.head(MAX_ISSUES).itertuples(index=False):  # at most MAX_ISSUES
    with st.container(border=True):
        outcome = OUTCOME_TEXT[str(issue.outcome)].format(
            a=charts.shorten(name_a, 40), b=charts.shorten(name_b, 40)
        )
        st.markdown(
            f"**{charts.markdown_text(issue.issue, 120)}** · {charts.markdown_text(outcome)}  \n"
            f":small[:gray[Proposition: {charts.markdown_text(issue.proposition, 300)}]]"
        )
        left, right = st.columns(2)
        left.markdown(_side(issue, name_a, "a"))
        right.markdown(_side(issue, name_b, "b"))
if len(issues) > MAX_ISSUES:
    st.caption(f"{len(issues) - MAX_ISSUES} more issues are in the download below.")

csv_download(
    comparison.table,
    view="head-to-head",
    filters=view.filters,
    key="h2h_csv",
    label="Download the comparison (CSV)",
)
show_evidence(
    pair_rows,
    key="h2h_evidence",
    title="Every statement of the two in the current filters",
)
