"""What every page reads: the loaded data and the sidebar's filters, cached.

``current_view()`` is the one call a page makes to get its data::

    from tracker.ui.context import current_view

    view = current_view()
    view.data       # full typed positions frame (read-only: never modify in place)
    view.filtered   # rows after the sidebar filters (read-only)
    view.filters    # tracker.filters.Filters
    view.documents  # documents frame (doc_id, title, outlet, url, published, language, notes)
    view.positions_path, view.choices, view.key

Loading is cached by path and modification time (``st.cache_resource``: one shared,
uncopied frame per data version), filtering is cached per filter state. Frames are shared
between sessions: derive new frames, never assign into these. Heavy per-view computations
belong in caches keyed by ``view.key`` (a hashable string) with the frame passed as an
underscore argument, e.g. ``@st.cache_data def f(key, _frame)``.

If the data file is broken, ``app.py`` has already shown the problems and stopped the run,
so pages never see a load error.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tracker.filters import FilterChoices, Filters, filter_choices
from tracker.load import Location, locate, positions_uri

FILTERS_STATE_KEY = "tracker_filters"  # session_state: the Filters the sidebar produced this run


def positions_path() -> str:
    """Where the positions come from: ``TRACKER_POSITIONS`` or ``data/positions.parquet``."""
    return positions_uri()


@st.cache_data(ttl=30, show_spinner=False)
def _remote_version(path: str) -> str:
    """An object store's data version, asked at most every 30 s rather than on every rerun."""
    return locate(path).version()


def data_version(path: str) -> str:
    """A token that changes when the data at `path` changes (count, size and mtime of its files)."""
    if "://" in path and not path.startswith("file://"):
        return _remote_version(path)
    return _local_location(path).version()


@functools.lru_cache(maxsize=16)
def _local_location(path: str) -> Location:
    """A local path, resolved once: resolving costs several system calls on every rerun."""
    return locate(path)


@dataclass(frozen=True)
class LoadedData:
    """One data version: positions, documents and the filter options they offer."""

    positions: pd.DataFrame
    documents: pd.DataFrame
    choices: FilterChoices


@st.cache_resource(max_entries=4, show_spinner="Loading the positions…")
def _load(path: str, version: str) -> LoadedData:
    """Load and validate positions and documents (raises tracker.validate.DataError)."""
    from tracker.load import load_documents, load_positions

    positions = load_positions(path)
    documents = load_documents(path)
    return LoadedData(positions, documents, filter_choices(positions, documents))


def load_data() -> LoadedData:
    """The current data version, loaded once per path and modification time."""
    path = positions_path()
    return _load(path, data_version(path))


@st.cache_resource(max_entries=64, show_spinner=False)
def _filtered(path: str, version: str, filters_key: str, _filters: Filters) -> pd.DataFrame:
    """The filtered rows for one data version and filter state."""
    return _filters.apply(_load(path, version).positions)


@st.cache_data(max_entries=32, show_spinner=False)
def document_text(path: str, version: str, doc_id: str) -> str:
    """A document's full text (cached per data version)."""
    from tracker.load import document_text as read_text

    return read_text(doc_id, path)


@dataclass(frozen=True)
class View:
    """The data a page shows: everything, the filtered rows, and how they were chosen."""

    data: pd.DataFrame
    filtered: pd.DataFrame
    filters: Filters
    documents: pd.DataFrame
    positions_path: str
    version: str
    choices: FilterChoices

    @property
    def key(self) -> str:
        """Hashable id of this data version + filter state, for keying page caches."""
        raw = f"{self.positions_path}\n{self.version}\n{self.filters.canonical()}"
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def text(self, doc_id: str) -> str:
        """Full text of a document of this data set."""
        return document_text(self.positions_path, self.version, doc_id)


def current_filters() -> Filters:
    """The filters the sidebar produced in this run (no filters before the sidebar ran)."""
    value = st.session_state.get(FILTERS_STATE_KEY)
    return value if isinstance(value, Filters) else Filters()


def ensure_app_navigation() -> None:
    """Rerun through ``app.py`` when Streamlit ran a page file on its own.

    Until ``st.navigation`` has been called once in the server process, Streamlit treats the
    ``pages/`` folder as an old-style multipage app: the first visitor of a deep link such as
    ``/evidence`` on a freshly started server gets the page without ``app.py`` (no filters,
    no navigation). Switching that mode off and rerunning runs ``app.py``, which draws the
    shared sidebar and then this page. It happens at most once per server process.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_view() -> View:
    """The data and filters for the page being drawn (see the module docstring)."""
    ensure_app_navigation()
    path = positions_path()
    version = data_version(path)
    loaded = _load(path, version)
    filters = current_filters()
    filtered = _filtered(path, version, filters.canonical(), filters)
    return View(
        data=loaded.positions,
        filtered=filtered,
        filters=filters,
        documents=loaded.documents,
        positions_path=path,
        version=version,
        choices=loaded.choices,
    )
