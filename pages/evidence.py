"""Evidence: the statements that match the filters, searchable, each with its passage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.filters import MAX_SEARCH_LENGTH, SEARCH_PARAM, search_quotes
from tracker.highlight import escape_markdown, shorten
from tracker.ui.context import current_view
from tracker.ui.evidence import show_evidence
from tracker.ui.sidebar import empty_state


@st.cache_resource(max_entries=32, show_spinner=False)
def _matching(view_key: str, search: str, _frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of the filtered frame whose quote contains `search`, in data order (cached).

    Data order keeps the download identical to ``python -m tracker export``; the table
    sorts by any column with a click on its header.
    """
    return search_quotes(_frame, search)


view = current_view()
st.title("Evidence")
st.caption(
    "Every coded statement that matches the filters, with the verbatim quote it rests on. "
    "Select a row to read the passage in its document."
)
search = st.text_input(
    "Search the quotes",
    key=SEARCH_PARAM,
    bind="query-params",
    max_chars=MAX_SEARCH_LENGTH,
    placeholder="words in a quote, e.g. liaison office",
    type="search",
    icon=":material/search:",
)

if view.filtered.empty:
    empty_state("No statements match the filters.", key="evidence_reset")
else:
    rows = _matching(view.key, search or "", view.filtered)
    if rows.empty:
        st.info(
            f"No quote among the {len(view.filtered):,} statements that match the filters "
            f"contains “{escape_markdown(shorten(search, 80))}”."
        )
    else:
        title = "Statements matching the filters"
        if search:
            title += f" and containing “{shorten(search, 60)}”"
        show_evidence(
            rows, key="evidence", title=title, view="evidence-search" if search else "evidence"
        )
