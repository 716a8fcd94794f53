"""Agreement: who sides with whom, as an actor × actor matrix; a click opens the head-to-head."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker import charts
from tracker.agreement import MEASURE_RANGES, MEASURES, AgreementMatrix, agreement_matrix
from tracker.blocs import bloc_order
from tracker.matrices import AGGREGATION_RULE, LEVELS
from tracker.selection import selected_pair
from tracker.ui import page_state
from tracker.ui.context import current_view
from tracker.ui.downloads import csv_download
from tracker.ui.sidebar import empty_state

MAX_ACTORS = 50  # rows and columns that stay readable at 1280 × 800
LEVEL_LABELS = {"actor": "Actors", "organization": "Organizations"}
COLORBAR_TITLES = {
    "agreement": "Agreement",
    "signorino_ritter": "S",
    "scott_pi": "π",
    "cohen_kappa": "κ",
}
ORDERS = {
    "blocs": "Blocs (like-minded side by side)",
    "activity": "Most statements first",
    "name": "Name",
}


@st.cache_resource(max_entries=32, show_spinner=False)
def _matrix(
    view_key: str, level: str, min_overlap: int, measure: str, order: str, _frame: pd.DataFrame
) -> AgreementMatrix:
    matrix = agreement_matrix(_frame, level, top=MAX_ACTORS, min_overlap=min_overlap)
    if order == "blocs":
        return matrix.reorder(bloc_order(matrix, measure))
    if order == "name":
        by_name = sorted(range(len(matrix.keys)), key=lambda i: matrix.labels[i].casefold())
        return matrix.reorder([matrix.keys[i] for i in by_name])
    return matrix  # agreement_matrix orders by activity


view = current_view()
frame = view.filtered
first_visit = page_state.start_page("agreement")
st.title("Agreement")
notes_slot = st.container()
page_state.seed_choice("measure", list(MEASURES), "agreement", first_visit, name="measure")
page_state.seed_choice("level", list(LEVELS), "actor", first_visit, name="level")
page_state.seed_choice("order", list(ORDERS), "blocs", first_visit, name="order")
page_state.seed_whole_number("min_overlap", 1, 100, 1, first_visit)

controls = st.columns([2, 2, 1, 2])
measure = controls[0].selectbox(
    "Measure",
    options=list(MEASURES),
    format_func=MEASURES.get,
    key="measure",
    help="Agreement share: 1 same stance, 0.5 neutral against a position, 0 opposite. "
    "S = 2A − 1. Scott's π and Cohen's κ correct for agreement expected by chance.",
)
level = controls[1].radio(
    "Level",
    options=list(LEVELS),
    format_func=LEVEL_LABELS.get,
    horizontal=True,
    key="level",
    help="Organization groups each person with the body they speak for (Macron → France).",
)
min_overlap = controls[2].number_input(
    "Min. shared issues",
    min_value=1,
    max_value=100,
    step=1,
    key="min_overlap",
    help="Pairs that took positions on fewer shared issues are greyed out.",
)
order = controls[3].selectbox(
    "Order",
    options=list(ORDERS),
    format_func=ORDERS.get,
    key="order",
)
page_state.write_param("measure", measure, "agreement")
page_state.write_param("level", level, "actor")
page_state.write_param("order", order, "blocs")
page_state.write_param("min_overlap", int(min_overlap), 1)
page_state.show_notes(notes_slot)

if frame.empty:
    empty_state("No statements match these filters.", key="agreement_empty")
    st.stop()

matrix = _matrix(view.key, level, int(min_overlap), measure, order, frame)
if len(matrix.keys) < 2:
    empty_state("These filters leave fewer than two actors to compare.", key="agreement_few")
    st.stop()

pairs = matrix.long()
cells = pd.DataFrame(
    {
        "row_key": pairs["key_a"].astype(str),
        "col_key": pairs["key_b"].astype(str),
        "value": pairs[measure],
        "n": pairs["n_shared"],
    }
)
actors = pd.Series(matrix.labels, index=matrix.keys)
noun = LEVEL_LABELS[level].lower()
fig = charts.agreement_matrix_figure(
    cells,
    actors=actors,
    measure_label=MEASURES[measure],
    value_range=MEASURE_RANGES[measure],
    min_overlap=int(min_overlap),
    title=f"{MEASURES[measure]} between {noun} over the issues both took a position on",
    axis_title="Actor" if level == "actor" else "Organization",
    colorbar_title=COLORBAR_TITLES[measure],
)
event = st.plotly_chart(
    fig,
    key="agreement_matrix",
    on_select="rerun",
    selection_mode=("points",),
    width="content",
    config={"displayModeBar": False},
)
pair = selected_pair(event)
if pair is not None:
    st.switch_page(
        "pages/head_to_head.py",
        query_params={"a": pair[0], "b": pair[1], "level": level},
    )

n_keys = int(frame[LEVELS[level][0]].nunique())
shown = (
    f"the {len(matrix.keys)} most active of {n_keys} {noun}"
    if len(matrix.keys) < n_keys
    else f"all {n_keys} {noun}"
)
st.caption(
    f"Showing {shown}. Grey: fewer shared issues than the minimum, or a measure that is "
    f"undefined for the pair (hover shows why); blank: no shared issue. {AGGREGATION_RULE} "
    "Click a cell to compare the two side by side."
)
table = pairs[pairs["key_a"].astype(str) != pairs["key_b"].astype(str)].reset_index(drop=True)
csv_download(
    table,
    view="agreement",
    filters=view.filters,
    key="agreement_csv",
    label="Download the agreement matrix (CSV)",
)
