"""Evidence rows: the statements behind a figure, as readable text, with their passages.

Any page shows the rows behind a click with::

    from tracker.ui.evidence import show_evidence

    show_evidence(rows, key="agreement_cell", title="France and Jens Stoltenberg")

`rows` is a slice of the positions frame (any order). Everything from the data is shown as
text — a table (never HTML or Markdown from the data), a link to the passage in Sources,
and, for the selected row, the passage in context with the quote highlighted — followed by
the CSV download of exactly these rows.
"""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

from tracker.highlight import escape_markdown, highlight_html, passage_bounds, shorten

MAX_TABLE_ROWS = 2_000  # rows drawn in the browser; the download has them all
SOURCES_PAGE = "sources"
TABLE_COLUMNS = {
    "Actor": "actor",
    "Issue": "issue",
    "Stance": "stance",
    "Date": "date",
    "Attribution": "attribution",
    "Reported by": "reported_by",
    "Quote": "quote",
    "Source": "source_link",
    "Statement": "statement_id",
}


def date_labels(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """Dates written to their precision: 2023-07-11, 2023-07, 2023, or "2023-07-11 (published)"."""
    day = dates.dt.strftime("%Y-%m-%d")
    month = dates.dt.strftime("%Y-%m")
    year = dates.dt.strftime("%Y")
    prec = precision.astype(str).to_numpy()
    out = np.where(
        prec == "month",
        month.to_numpy(dtype=object),
        np.where(prec == "year", year.to_numpy(dtype=object), day.to_numpy(dtype=object)),
    )
    out = np.where(prec == "published", day.to_numpy(dtype=object) + " (published)", out)
    return pd.Series(out, index=dates.index, dtype=object)


def passage_links(rows: pd.DataFrame) -> pd.Series:
    """Relative link to each statement's passage on the Sources page."""
    doc = rows["doc_id"].astype(str).to_numpy(dtype=object)
    sid = rows["statement_id"].astype(str).to_numpy(dtype=object)
    links = [
        f"{SOURCES_PAGE}?" + urlencode({"source": d, "statement": s})
        for d, s in zip(doc, sid, strict=True)
    ]
    return pd.Series(links, index=rows.index, dtype=object)


def evidence_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The readable table of evidence rows (display columns; quotes kept whole)."""
    table = pd.DataFrame(
        {
            "actor": rows["actor"].astype(str),
            "issue": rows["issue"].astype(str),
            "stance": rows["stance"].astype(str),
            "date": date_labels(rows["statement_date"], rows["date_precision"]),
            "attribution": rows["attribution"].astype(str),
            "reported_by": rows["reported_by"]
            .astype(object)
            .where(rows["reported_by"].notna(), ""),
            "quote": rows["quote"].astype(str),
            "source_link": passage_links(rows),
            "statement_id": rows["statement_id"].astype(str),
        },
        index=rows.index,
    )
    return table.rename(columns={v: k for k, v in TABLE_COLUMNS.items()}).reset_index(drop=True)


COLUMN_CONFIG = {
    "Actor": st.column_config.TextColumn("Actor", width=130),
    "Stance": st.column_config.TextColumn("Stance", width=70),
    "Quote": st.column_config.TextColumn(
        "Quote", width=430, help="Verbatim from the document; select the row to read it in context."
    ),
    "Issue": st.column_config.TextColumn("Issue", width=170),
    "Date": st.column_config.TextColumn(
        "Date",
        width=100,
        help="Written to the precision known; (published) = the document's date was used.",
    ),
    "Attribution": st.column_config.TextColumn(
        "Attribution", width=90, help="stated, reported (by someone else) or action (a deed)"
    ),
    "Reported by": st.column_config.TextColumn("Reported by", width=100),
    "Source": st.column_config.LinkColumn(
        "Source", display_text="open passage", width=110, help="The passage in its document."
    ),
    "Statement": st.column_config.TextColumn("Statement", width="small"),
}
# Quote next to who said it and which way; the issue and the details follow.
COLUMN_ORDER = [
    "Actor",
    "Stance",
    "Quote",
    "Issue",
    "Date",
    "Attribution",
    "Reported by",
    "Source",
    "Statement",
]
ROW_HEIGHT = 35  # one line; the selected row's passage shows the whole quote


def show_passage(row: pd.Series, *, context: int = 400) -> None:
    """The passage around one statement, its quote highlighted among the coded passages."""
    from tracker.ui.context import current_view

    view = current_view()
    doc_id = str(row["doc_id"])
    try:
        text = view.text(doc_id)
    except Exception:  # an unreadable text must not break the page
        st.warning(f"The text of document {escape_markdown(doc_id)} could not be read.")
        return
    start, end = int(row["char_start"]), int(row["char_end"])
    lo, hi = passage_bounds(text, start, end, context)
    in_doc = view.data[view.data["doc_id"] == doc_id]
    nearby = in_doc[(in_doc["char_end"] > lo) & (in_doc["char_start"] < hi)]
    docs = view.documents
    meta = docs[docs["doc_id"].astype(str) == doc_id]
    title = str(meta["title"].iloc[0]) if len(meta) else doc_id
    outlet = str(meta["outlet"].iloc[0]) if len(meta) else ""
    st.markdown(
        f"**{escape_markdown(shorten(row['actor'], 120))}** · "
        f"{escape_markdown(shorten(row['issue'], 120))} · {escape_markdown(row['stance'])}"
    )
    st.caption(
        f"{escape_markdown(shorten(title, 200))}"
        + (f" — {escape_markdown(shorten(outlet, 80))}" if outlet else "")
        + f" · characters {start:,}–{end:,}"
    )
    body = highlight_html(
        text, nearby, focus=str(row["statement_id"]), start=lo, end=hi, ellipsis=True
    )
    st.html(
        '<div style="border-left: 3px solid rgba(128,128,128,.5); padding-left: .8rem;">'
        f"{body}</div>"
    )
    st.page_link(
        "pages/sources.py",
        label="Open the whole document",
        icon=":material/article:",
        query_params={"source": doc_id, "statement": str(row["statement_id"])},
    )


def show_evidence(rows: pd.DataFrame, *, key: str, title: str, view: str | None = None) -> None:
    """Render evidence rows as a selectable table with the passage and a CSV download.

    `key` must be unique on the page (widget keys derive from it); `title` is shown as
    literal text; `view` names the download file (default: `key`).
    """
    from tracker.ui.context import current_filters
    from tracker.ui.downloads import csv_download

    st.subheader(escape_markdown(shorten(title, 200)))
    if rows.empty:
        st.caption("No statements.")
        return
    n = len(rows)
    shown = rows.iloc[:MAX_TABLE_ROWS]
    caption = f"{n:,} statement{'s' if n != 1 else ''}. Select a row to read the passage."
    if n > MAX_TABLE_ROWS:
        caption += f" Showing the first {MAX_TABLE_ROWS:,}; the download has all {n:,}."
    st.caption(caption)
    event = st.dataframe(
        evidence_table(shown),
        hide_index=True,
        column_config=COLUMN_CONFIG,
        on_select="rerun",
        selection_mode="single-row",
        key=f"{key}_table",
        column_order=COLUMN_ORDER,
        height=min(460, 40 + ROW_HEIGHT * len(shown)),
        row_height=ROW_HEIGHT,
    )
    selected = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    csv_download(rows, view=view or key, filters=current_filters(), key=f"{key}_csv")
    if selected and 0 <= selected[0] < len(shown):
        show_passage(shown.iloc[selected[0]])
