"""The shared sidebar: filters bound to the URL, notes about dropped link values, the link.

``app.py`` calls :func:`render_filters` before the page runs and :func:`render_link` after
it. Pages call :func:`empty_state` when the filters leave nothing to show.

The filters keep their URL form (ids, see :mod:`tracker.filters`) in the address bar while
the widgets show display names: on a session's first run the link is parsed (unknown or
malformed values dropped, each with a note), and after every run the URL is rewritten from
the widgets' values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from tracker.filters import (
    FILTER_PARAMS,
    KNOWN_PARAMS,
    LIST_FILTERS,
    MIN_CONFIDENCE_PARAM,
    PAGE_PARAMS,
    FilterChoices,
    Filters,
    from_query_params,
    page_address,
)
from tracker.highlight import escape_markdown
from tracker.ui.context import FILTERS_STATE_KEY, LoadedData

WIDGET_PREFIX = "flt_"  # session_state key of a filter widget: flt_<URL parameter>
DATES_KEY = WIDGET_PREFIX + "dates"
NOTES_KEY = "tracker_link_notes"
INITIALISED_KEY = "tracker_filters_from_link"
PAGE_KEY = "tracker_page"

LABELS = {
    "actor": "Actors",
    "org": "Organizations",
    "actor_type": "Actor types",
    "issue": "Issues",
    "topic": "Topics",
    "stance": "Stances",
    "attribution": "Attribution",
    "doc": "Documents",
}
PLACEHOLDERS = {
    "actor": "All actors",
    "org": "All organizations",
    "actor_type": "All types",
    "issue": "All issues",
    "topic": "All topics",
    "stance": "All stances",
    "attribution": "Any attribution",
    "doc": "All documents",
}
HELP = {
    "actor": "Who took the stance (a person, government, organization…).",
    "org": "The body an actor speaks for: a minister speaks for their government.",
    "attribution": "stated: the actor's own words; reported: someone else reports the "
    "position; action: a deed, not words.",
    "doc": "Source documents (articles) the statements were coded from.",
}
MAIN_PARAMS = ("actor", "issue", "stance")  # always visible; the rest sit under "More filters"
MAX_LABEL = 60  # characters of a display name shown in an option


def widget_key(param: str) -> str:
    return WIDGET_PREFIX + param


def _raw_query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _set_widgets(filters: Filters, choices: FilterChoices) -> None:
    """Put a Filters value into the widgets' session state (before they are drawn)."""
    for name, (param, _) in LIST_FILTERS.items():
        st.session_state[widget_key(param)] = list(getattr(filters, name))
    st.session_state[DATES_KEY] = (
        filters.date_from or choices.date_min,
        filters.date_to or choices.date_max,
    )
    st.session_state[widget_key(MIN_CONFIDENCE_PARAM)] = float(filters.min_confidence)


def reset_filters() -> None:
    """Callback of every "Reset filters" button: no filter restricts the rows."""
    for param, _ in LIST_FILTERS.values():
        st.session_state[widget_key(param)] = []
    st.session_state.pop(DATES_KEY, None)  # re-initialised to the data's span
    st.session_state[widget_key(MIN_CONFIDENCE_PARAM)] = 0.0
    st.session_state[NOTES_KEY] = []


def _is_history_navigation() -> bool:
    """True when this run comes from the browser's back/forward buttons (URL wins)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def _read_link(choices: FilterChoices) -> None:
    """Seed the widgets from the link; remember a note for everything dropped."""
    filters, notes = from_query_params(_raw_query_params(), choices)
    _set_widgets(filters, choices)
    st.session_state[NOTES_KEY] = notes
    # Drop what the link cannot use so the address bar shows the view actually drawn.
    for key in list(st.query_params):
        if key not in KNOWN_PARAMS:
            with contextlib.suppress(StreamlitAPIException):  # bound elsewhere: it stays
                del st.query_params[key]


def _clamp_dates(choices: FilterChoices) -> tuple[dt.date, dt.date]:
    """The date widget's bounds, widened to hold the current selection."""
    lo, hi = choices.date_min, choices.date_max
    value = st.session_state.get(DATES_KEY)
    if not isinstance(value, tuple | list) or not value:
        st.session_state[DATES_KEY] = (lo, hi)
        return lo, hi
    chosen = [v for v in value if isinstance(v, dt.date)]
    if chosen:
        lo, hi = min([lo, *chosen]), max([hi, *chosen])
    return lo, hi


def _filters_from_widgets(choices: FilterChoices) -> Filters:
    values: dict[str, object] = {}
    for name, (param, _) in LIST_FILTERS.items():
        selected = st.session_state.get(widget_key(param)) or []
        values[name] = tuple(str(v) for v in selected)
    date_from = date_to = None
    dates = st.session_state.get(DATES_KEY)
    if isinstance(dates, tuple | list) and dates:
        start = dates[0]
        end = dates[1] if len(dates) > 1 else None
        # The data's full span is "no restriction": links stay short, and newer data shows.
        if isinstance(start, dt.date) and start != choices.date_min:
            date_from = start
        if isinstance(end, dt.date) and end != choices.date_max:
            date_to = end
    confidence = float(st.session_state.get(widget_key(MIN_CONFIDENCE_PARAM)) or 0.0)
    return Filters(
        **values,  # type: ignore[arg-type]
        date_from=date_from,
        date_to=date_to,
        min_confidence=round(confidence, 3),
    )


def _sync_url(filters: Filters) -> None:
    """Write the filters' URL form into the address bar (only what changed)."""
    wanted = filters.to_query_params()
    for param in FILTER_PARAMS:
        want = wanted.get(param, [])
        have = st.query_params.get_all(param)
        if want == have:
            continue
        try:
            if want:
                st.query_params[param] = want
            elif param in st.query_params:
                del st.query_params[param]
        except StreamlitAPIException:  # a page bound a widget to a filter's name
            pass


def _option_label(labels: Mapping[str, str]):
    def label(value: str) -> str:
        text = labels.get(value, value)
        return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"

    return label


def _multiselect(param: str, choices: FilterChoices) -> None:
    labels = choices.labels.get(param, {})
    options = list(labels)
    key = widget_key(param)
    selected = [v for v in st.session_state.get(key) or [] if v in labels]
    if selected != (st.session_state.get(key) or []):
        st.session_state[key] = selected  # a value the (new) data no longer has
    st.multiselect(
        LABELS[param],
        options,
        key=key,
        format_func=_option_label(labels),
        placeholder=PLACEHOLDERS[param],
        help=HELP.get(param),
    )


def render_filters(loaded: LoadedData, *, page: str = "") -> Filters:
    """Draw the sidebar filters, keep the URL in step, and return the current Filters."""
    choices = loaded.choices
    if INITIALISED_KEY not in st.session_state or _is_history_navigation():
        _read_link(choices)
        st.session_state[INITIALISED_KEY] = True
    st.session_state[PAGE_KEY] = page
    with st.sidebar:
        st.header("Filters")
        for param in MAIN_PARAMS:
            _multiselect(param, choices)
        if choices.date_min is not None:
            lo, hi = _clamp_dates(choices)
            st.date_input(
                "Statement dates",
                key=DATES_KEY,
                min_value=lo,
                max_value=hi,
                format="YYYY-MM-DD",
                help="When the stance was expressed (inclusive).",
            )
        more = ("org", "actor_type", "topic", "attribution", "doc")
        active_more = any(st.session_state.get(widget_key(p)) for p in more) or bool(
            st.session_state.get(widget_key(MIN_CONFIDENCE_PARAM))
        )
        with st.expander("More filters", expanded=active_more):
            for param in more:
                _multiselect(param, choices)
            st.slider(
                "Minimum confidence",
                min_value=0.0,
                max_value=1.0,
                step=0.05,
                key=widget_key(MIN_CONFIDENCE_PARAM),
                help="Leave out statements the coder was less sure of.",
            )
        filters = _filters_from_widgets(choices)
        st.session_state[FILTERS_STATE_KEY] = filters
        st.button(
            "Reset filters",
            key="sidebar_reset",
            on_click=reset_filters,
            disabled=filters.is_default,
            width="stretch",
        )
    _sync_url(filters)
    return filters


def show_link_notes() -> None:
    """The notes about link values that were dropped, with a button to dismiss them."""
    notes = st.session_state.get(NOTES_KEY) or []
    if not notes:
        return
    body = "Parts of the link could not be used and were left out:\n\n" + "\n".join(
        f"- {escape_markdown(note)}" for note in notes
    )
    st.warning(body, icon=":material/link_off:")
    st.button(
        "Dismiss",
        key="dismiss_link_notes",
        on_click=lambda: st.session_state.update({NOTES_KEY: []}),
    )


def empty_state(message: str, key: str) -> None:
    """A short message that the filters match nothing, with a "Reset filters" button."""
    st.info(escape_markdown(message), icon=":material/filter_alt_off:")
    st.button("Reset filters", key=key, on_click=reset_filters)


def _serialise(value: object) -> list[str]:
    """A widget value in its URL form (as Streamlit writes bound widgets)."""
    if value is None:
        return []
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, dt.date):
        return [value.isoformat()]
    if isinstance(value, float):
        return [str(int(value)) if value.is_integer() else str(value)]
    if isinstance(value, str | int):
        return [str(value)]
    if isinstance(value, Sequence):
        return [v for item in value for v in _serialise(item)]
    return [str(value)]


def link_params(filters: Filters, page: str) -> dict[str, list[str]]:
    """The URL parameters of the current view: filters plus the page's own controls."""
    params = filters.to_query_params()
    for name in PAGE_PARAMS.get(page, ()):
        if name in st.session_state:
            values = [v for v in _serialise(st.session_state[name]) if v != ""]
            if values:
                params[name] = values
        elif name in st.query_params:  # set by a link, not (yet) bound to a widget
            params[name] = st.query_params.get_all(name)
    return params


def current_link(page: str | None = None, filters: Filters | None = None) -> str:
    """The address of the current view (absolute when the browser told us its URL)."""
    page = st.session_state.get(PAGE_KEY, "") if page is None else page
    if filters is None:
        stored = st.session_state.get(FILTERS_STATE_KEY)
        filters = stored if isinstance(stored, Filters) else Filters()
    base = page_address(st.context.url, page)
    query = urlencode([(k, v) for k, vs in link_params(filters, page).items() for v in vs])
    return f"{base}?{query}" if query else base


def link_markdown(link: str) -> str:
    """Markdown for a hyperlink to `link` that shows the address itself, literally."""
    # The destination in <...> may hold any character but <, > and line breaks; quoting
    # everything else that Markdown or HTML could read keeps a crafted address inert.
    target = quote(link, safe=":/?&=%#+,;@~")
    return f"[{escape_markdown(link)}](<{target}>)"


def render_link(page: str, filters: Filters, n_rows: int, n_total: int) -> None:
    """The sidebar footer: how many statements pass, and the link to this view."""
    with st.sidebar:
        st.caption(f"{n_rows:,} of {n_total:,} statements match the filters.")
        # A Markdown link rather than st.code: the code block's syntax highlighter costs a
        # browser about 0.3 s of script on every page load (see benchmarks/load_sessions.py).
        with st.container(key="view_link"):
            st.caption("Link to this view (copy to share):")
            st.markdown(link_markdown(current_link(page, filters)))
