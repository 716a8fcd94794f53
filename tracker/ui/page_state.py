"""Page controls whose URL parameter holds an id while the widget shows a display name.

Streamlit's ``bind="query-params"`` writes a choice's *label* into the address bar, so a
picker that shows "Jens Stoltenberg" would write ``a=Jens+Stoltenberg``. The dashboard's
links carry ids (``a=stoltenberg``), so these controls are synced by hand: on the first run of
a visit to a page the link seeds the widget (an unusable value is dropped with a note), and
after every run the widget's value is written back (left out when it is the default)::

    first = page_state.start_page("head-to-head")
    page_state.seed_choice("a", options, default, first, name="actor id")
    a = st.selectbox("First actor", options, key="a", format_func=labels.get)
    page_state.write_param("a", a, default)
    page_state.show_notes(notes_slot)  # notes_slot = st.container() near the top
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from tracker.highlight import escape_markdown
from tracker.selection import choice_from_link, choices_from_link

_VISIT_KEY = "page_state_page"
_NOTES_KEY = "page_state_notes"


def start_page(page: str) -> bool:
    """Call first on a page: True on the first run of a visit to it (the link then wins)."""
    first = st.session_state.get(_VISIT_KEY) != page
    st.session_state[_VISIT_KEY] = page
    if first:
        st.session_state[_NOTES_KEY] = []
    return first


def _note(note: str | None, key: str | None = None) -> None:
    if note:
        # Named like the shell's notes on the shared filters, so a reader finds the parameter.
        prefix = f"Link parameter '{key}': " if key else ""
        st.session_state.setdefault(_NOTES_KEY, []).append(prefix + note)


def seed_choice(
    key: str, options: Sequence[str], default: str | None, first_visit: bool, *, name: str
) -> None:
    """Put the link's value (or the current one, if still an option) into the widget's state."""
    if first_visit or key not in st.session_state:
        value, note = choice_from_link(st.query_params.get_all(key), options, default, name)
        _note(note, key)
        st.session_state[key] = value
    elif st.session_state[key] not in options and st.session_state[key] is not None:
        st.session_state[key] = default  # left over from another level or filter


def seed_choices(key: str, options: Sequence[str], first_visit: bool, *, name: str) -> None:
    """Like :func:`seed_choice` for a multiselect (repeated parameters)."""
    if first_visit or key not in st.session_state:
        values, note = choices_from_link(st.query_params.get_all(key), options, name)
        _note(note, key)
        st.session_state[key] = values
    else:
        kept = [v for v in st.session_state[key] or [] if v in options]
        if kept != list(st.session_state[key] or []):
            st.session_state[key] = kept


def seed_whole_number(key: str, low: int, high: int, default: int, first_visit: bool) -> None:
    """Put the link's whole number into a number input's state, or the default with a note.

    Synced by hand rather than with ``bind="query-params"``: Streamlit's binding raises on a
    number of thousands of digits in a link, before the page could catch it.
    """
    if not first_visit and key in st.session_state:
        return
    values = st.query_params.get_all(key)
    value = default
    if values:
        text = str(values[-1]).strip()
        # The length check comes first: int() refuses strings of thousands of digits.
        if len(values) == 1 and len(text) <= 9 and text.isdigit() and low <= int(text) <= high:
            value = int(text)
        else:
            shown = text if len(text) <= 40 else text[:39] + "…"
            _note(f"“{shown}” is not a whole number from {low} to {high}; it was left out.", key)
    st.session_state[key] = value


def write_param(key: str, value: str | Sequence[str] | None, default: object = None) -> None:
    """Write the control's value into the address bar, leaving defaults out."""
    if isinstance(value, str | int) or value is None:
        wanted = [] if value is None or value == default else [str(value)]
    else:
        wanted = [] if list(value) == list(default or []) else [str(v) for v in value]
    if st.query_params.get_all(key) == wanted:
        return
    if wanted:
        st.query_params[key] = wanted
    elif key in st.query_params:
        del st.query_params[key]


def show_notes(where=None) -> None:
    """The notes about link values that were dropped on this page, if any.

    ``where`` is a container reserved near the top of the page (notes are known only after
    the controls were seeded); default: here.
    """
    notes = st.session_state.get(_NOTES_KEY) or []
    if notes:
        # The same visible warning as the sidebar's notes about the shared filters.
        (where or st).warning(
            "Parts of the link could not be used and were left out:\n\n"
            + "\n".join(f"- {escape_markdown(n)}" for n in notes),
            icon=":material/link_off:",
        )
