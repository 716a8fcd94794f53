"""Codebook: the actors and issues with their definitions and counts, and the stance scale."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.filters import codebook_tables
from tracker.ui.context import current_view
from tracker.ui.downloads import csv_download


@st.cache_resource(max_entries=8, show_spinner=False)
def _codebook(path: str, version: str):
    """The codebook beside the data, or None when there is none (counts come from the data)."""
    from pathlib import Path

    from tracker.codebook import load_codebook
    from tracker.problems import DataError

    folder = Path(path.removeprefix("file://")).parent
    if "://" in path and not path.startswith("file://"):
        return None
    try:
        return load_codebook(folder)
    except (DataError, OSError, ValueError):
        return None


@st.cache_resource(max_entries=32, show_spinner=False)
def _tables(view_key: str, _codebook, _data: pd.DataFrame, _filtered: pd.DataFrame):
    return codebook_tables(_codebook, _data, _filtered)


view = current_view()
codebook = _codebook(view.positions_path, view.version)
actors, issues, stances = _tables(view.key, codebook, view.data, view.filtered)

st.title("Codebook")
st.caption(
    "Who can take a stance, on which propositions, and on what scale. "
    "“Statements” counts the coded statements that match the filters; “all” counts the whole data set."
    + (
        ""
        if codebook is not None
        else " No codebook files beside the data: definitions are taken from the data."
    )
)

TEXT = st.column_config.TextColumn
st.subheader("Actors")
st.dataframe(
    actors,
    hide_index=True,
    column_order=[
        "Name",
        "Id",
        "Statements",
        "All",
        "Type",
        "Organization",
        "Role",
        "Description",
        "Aliases",
        "Country",
    ],
    column_config={
        "Description": TEXT("Description", width="large"),
        "Aliases": TEXT("Aliases", width="medium", help="Names the actor goes by in the texts."),
        "Statements": st.column_config.NumberColumn("Statements", help="Matching the filters."),
        "All": st.column_config.NumberColumn("All", help="In the whole data set."),
    },
)
csv_download(actors, view="codebook-actors", filters=view.filters, key="codebook_actors_csv")

st.subheader("Issues")
st.dataframe(
    issues,
    hide_index=True,
    column_order=[
        "Issue",
        "Id",
        "Statements",
        "All",
        "Proposition",
        "Topic",
        "Description",
        "Cues",
    ],
    column_config={
        "Proposition": TEXT(
            "Proposition", width="large", help="Stances are taken toward this statement."
        ),
        "Description": TEXT("Description", width="large"),
        "Cues": TEXT("Cues", width="medium", help="Terms that point the extractor to the issue."),
        "Statements": st.column_config.NumberColumn("Statements", help="Matching the filters."),
        "All": st.column_config.NumberColumn("All", help="In the whole data set."),
    },
)
csv_download(issues, view="codebook-issues", filters=view.filters, key="codebook_issues_csv")

st.subheader("Stance scale")
st.dataframe(
    stances, hide_index=True, column_config={"Description": TEXT("Description", width="large")}
)
csv_download(stances, view="codebook-stances", filters=view.filters, key="codebook_stances_csv")
