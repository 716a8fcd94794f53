"""Sources: a document's metadata and full text, its coded passages highlighted."""

from __future__ import annotations

import streamlit as st

from tracker.highlight import escape_markdown, highlight_html, legend_html, safe_url, shorten
from tracker.ui.context import current_view
from tracker.ui.evidence import show_evidence


def shorten_repr(value: str) -> str:
    """A link value quoted for a note, cut short (links can be huge)."""
    return repr(value if len(value) <= 40 else value[:39] + "…")


view = current_view()
st.title("Sources")
st.caption(
    "The documents the statements were coded from. Coded passages are highlighted by "
    "stance; hover over a passage to see who takes which stance on what."
)

documents = view.documents.sort_values(["published", "doc_id"], ascending=[False, True])
doc_ids = documents["doc_id"].astype(str).tolist()
notes: list[str] = []

# "statement" comes from "open passage" links; it is read here, not bound to a widget.
focus = st.query_params.get("statement") or None
focus_doc = None
if focus:
    match = view.data.loc[view.data["statement_id"] == focus, "doc_id"]
    if len(match):
        focus_doc = str(match.iloc[0])
    else:
        notes.append(
            f"Link parameter 'statement': ignored {shorten_repr(focus)} — no such statement."
        )
        focus = None
        del st.query_params["statement"]
# A bound widget drops an unknown value silently: say so on the run that reads the link.
asked = st.query_params.get_all("source") if "source" not in st.session_state else []
if asked and asked[-1] not in doc_ids:
    notes.append(f"Link parameter 'source': ignored {shorten_repr(asked[-1])} — no such document.")
if notes:
    st.warning(
        "Parts of the link could not be used and were left out:\n\n"
        + "\n".join(f"- {escape_markdown(n)}" for n in notes),
        icon=":material/link_off:",
    )

if not doc_ids:
    st.info("The data set has no documents.")
else:
    if focus_doc is not None and not (asked and asked[-1] in doc_ids):
        st.session_state.setdefault("source", focus_doc)
    doc_id = st.selectbox(
        "Document",
        doc_ids,
        key="source",
        bind="query-params",
        help="Documents by publication date, newest first. The id is part of the link.",
    )
    meta = documents[documents["doc_id"].astype(str) == doc_id].iloc[0]
    st.subheader(escape_markdown(shorten(meta["title"], 300)))
    published = meta["published"]
    facts = [
        f"**Outlet:** {escape_markdown(shorten(meta['outlet'], 120))}",
        f"**Published:** {published.date().isoformat() if hasattr(published, 'date') else escape_markdown(published)}",
        f"**Language:** {escape_markdown(shorten(meta['language'], 20))}",
        f"**Id:** {escape_markdown(doc_id)}",
    ]
    st.markdown(" · ".join(facts))
    url = safe_url(meta["url"])
    if url:
        st.link_button("Original article", url, icon=":material/open_in_new:")
    elif str(meta["url"]).strip():
        st.caption(f"Source address (not a web link): {escape_markdown(shorten(meta['url'], 300))}")
    if str(meta["notes"]).strip():
        st.caption(escape_markdown(meta["notes"]))

    in_doc = view.data[view.data["doc_id"] == doc_id]
    shown = view.filtered[view.filtered["doc_id"] == doc_id]
    if focus and focus_doc == doc_id and not (shown["statement_id"] == focus).any():
        shown = in_doc[
            (in_doc["statement_id"] == focus) | in_doc["statement_id"].isin(shown["statement_id"])
        ]
    st.caption(
        f"{len(shown):,} of the {len(in_doc):,} coded statements in this document are "
        "highlighted (those matching the filters"
        + (", and the statement the link points to" if focus and focus_doc == doc_id else "")
        + ")."
    )
    st.html(legend_html())
    try:
        text = view.text(doc_id)
    except Exception:  # the text file is missing or unreadable: say so, keep the page
        st.warning(f"The text of document {escape_markdown(doc_id)} could not be read.")
    else:
        with st.container(height=520, border=True):
            st.html(highlight_html(text, shown, focus=focus if focus_doc == doc_id else None))
    show_evidence(
        shown,
        key="sources_statements",
        title="Statements coded from this document",
        view=f"sources-{doc_id}",
    )
