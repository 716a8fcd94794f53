"""Download buttons: the data behind a chart or table as CSV, and as a ZIP with provenance.

Every chart and table on every page calls :func:`csv_download` with the frame it draws::

    from tracker.ui.downloads import csv_download

    csv_download(frame, view="agreement", filters=view.filters, key="agreement_csv")

A CSV of up to ``EAGER_ROWS`` rows is built with the page (cached by content); larger CSVs and
every ZIP are built only when clicked (the button holds a callable). Streamlit keeps a file
built with the page for as long as the page shows it, but drops a file built on a click once
two script runs of any session have ended, which on a busy server can come before the
browser fetches it: small files, the common case, are made the safe way. Files are named
``<view>_<filters digest>_<YYYY-MM-DD>.csv``, and written by :mod:`tracker.export`, the same
code as ``python -m tracker export``; text cells that a spreadsheet would run as formulas are
neutralised. A frame whose index carries data (a named index) has it written as columns.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from tracker.export import csv_bytes, export_file_name, provenance_zip
from tracker.filters import Filters

EAGER_ROWS = 5_000  # a CSV this small (under about 2 MB) is built with the page


@st.cache_data(max_entries=64, show_spinner=False)
def _csv_of(table: pd.DataFrame) -> bytes:
    """The CSV of a small table, once per content rather than on every rerun."""
    return csv_bytes(table)


def _with_index(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a named index turned into leading columns (nothing lost in the CSV)."""
    if any(name is not None for name in frame.index.names):
        return frame.reset_index()
    return frame


def csv_download(
    frame: pd.DataFrame,
    *,
    view: str,
    filters: Filters,
    key: str,
    label: str = "Download CSV",
    provenance: bool = True,
) -> None:
    """A "Download CSV" button for `frame` and, beside it, the ZIP with provenance."""
    from tracker.ui.context import current_view
    from tracker.ui.sidebar import current_link

    table = _with_index(frame)
    today = dt.datetime.now(dt.UTC).date()
    rows = len(table)
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            label,
            data=_csv_of(table) if rows <= EAGER_ROWS else lambda: csv_bytes(table),
            file_name=export_file_name(view, filters, today),
            mime="text/csv",
            key=key,
            on_click="ignore",
            icon=":material/download:",
            help=f"{rows:,} rows as CSV (UTF-8).",
        )
        if not provenance:
            return
        current = current_view()
        link = current_link()
        documents = current.documents
        data_path = current.positions_path
        # A table without doc_id (a matrix, a codebook list) summarises the filtered rows:
        # it cites their documents.
        source_rows = table if "doc_id" in table else current.filtered
        st.download_button(
            "ZIP with sources",
            data=lambda: provenance_zip(
                table,
                view=view,
                filters=filters,
                link=link,
                data_path=data_path,
                documents=documents,
                doc_ids=source_rows["doc_id"].astype(str).unique(),
            ),
            file_name=export_file_name(view, filters, today, suffix="zip"),
            mime="application/zip",
            key=f"{key}_zip",
            on_click="ignore",
            icon=":material/folder_zip:",
            help="The CSV with metadata.json (filters, link to this view, data file digest, "
            "column meanings, source documents) and a README: what you need to cite it.",
        )
