"""Stance tracker dashboard: navigation and the shared sidebar filters.

Run with ``streamlit run app.py``. The data comes from ``TRACKER_POSITIONS`` (default
``data/positions.parquet``); if it cannot be used, the problems are listed and nothing else
is drawn. Pages live in ``pages/``; the filters drawn here are shared by all of them.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from tracker.highlight import code_span, escape_markdown
from tracker.problems import DataError
from tracker.ui import context, sidebar

ROOT = Path(__file__).resolve().parent

# (file, title, url_path); the first is the default page. Titles without icons, so that
# the whole menu fits the top bar at 1280 pixels beside the filters.
PAGES = (
    ("pages/overview.py", "Overview", "overview"),
    ("pages/agreement.py", "Agreement", "agreement"),
    ("pages/head_to_head.py", "Head-to-head", "head-to-head"),
    ("pages/timeline.py", "Timeline", "timeline"),
    ("pages/evidence.py", "Evidence", "evidence"),
    ("pages/sources.py", "Sources", "sources"),
    ("pages/codebook.py", "Codebook", "codebook"),
    ("pages/add_article.py", "Add an article", "add-article"),
)

st.set_page_config(
    page_title="Stance tracker",
    page_icon=":material/balance:",
    layout="wide",
    initial_sidebar_state="expanded",
)

available = [page for page in PAGES if (ROOT / page[0]).is_file()]
navigation = st.navigation(
    [
        st.Page(path, title=title, url_path=url_path, default=index == 0)
        for index, (path, title, url_path) in enumerate(available)
    ],
    position="top",
)

try:
    loaded = context.load_data()
except DataError as error:
    st.title("The data cannot be shown")
    st.write(
        f"The positions data at {escape_markdown(context.positions_path())} has problems. "
        "Fix them (or run `python -m tracker validate`) and reload the page."
    )
    for problem in error.problems:
        st.error(code_span(problem), icon=":material/error:")
    st.stop()

page = navigation.url_path or available[0][2]
filters = sidebar.render_filters(loaded, page=page)
# The link is drawn before the page runs (a page may end early with st.stop()); widget values
# are already in the session state at the start of a run, so it shows the view being drawn.
view = context.current_view()
sidebar.render_link(page, filters, len(view.filtered), len(view.data))
sidebar.show_link_notes()
navigation.run()
