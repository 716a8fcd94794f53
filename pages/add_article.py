"""Add an article: paste or upload a text, review the proposed statements, save.

Off in a read-only copy (see tracker.ui.editing). The extractor proposes statements, the
analyst accepts, rejects and corrects them in a table, adds rows for passages it missed and
new actors or issues for the codebook; the save is atomic, logged and can be undone.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from tracker import store
from tracker.codebook import load_codebook
from tracker.extract import review
from tracker.highlight import escape_markdown, shorten
from tracker.problems import DataError
from tracker.schema import ACTOR_TYPES, ATTRIBUTIONS, DATE_PRECISIONS, STANCES
from tracker.ui.context import ensure_app_navigation, positions_path
from tracker.ui.editing import current_user, editing_gate

STATE = "add_article"  # session_state: the article under review and its tables

ensure_app_navigation()


def show_problems(problems) -> None:
    for problem in problems:
        st.error(escape_markdown(str(problem)), icon=":material/error:")


st.title("Add an article")
st.caption(
    "Paste or upload an article, review the statements the extractor proposes, correct them "
    "and save. Saving adds the article, its statements and any new codebook entries to the "
    "data set and rebuilds the positions file; every save is logged and can be undone."
)


def local_data_dir() -> Path | None:
    """The folder beside the positions file, or None (with a message) when it is not local."""
    path = positions_path()
    if "://" in path and not path.startswith("file://"):
        st.info(
            "Articles can be added only to a data set in a local folder; this copy reads "
            f"{escape_markdown(path)}."
        )
        return None
    return Path(path.removeprefix("file://")).parent


def article_form(data_dir: Path, codebook) -> None:
    """Step 1: the article's metadata and text; on submit, the extractor's proposals."""
    with st.form("add_article_form"):
        st.subheader("1. The article")
        left, right = st.columns(2)
        title = left.text_input("Title", key="add_title", max_chars=300)
        outlet = right.text_input("Outlet", key="add_outlet", max_chars=120)
        url = left.text_input("URL", key="add_url", max_chars=2000, placeholder="https://...")
        published = right.date_input(
            "Published", key="add_published", value=None, format="YYYY-MM-DD"
        )
        doc_id = left.text_input(
            "Document id",
            key="add_doc_id",
            max_chars=100,
            help="Lower-case letters, digits, - and _. Left empty, one is made from outlet, date "
            "and title.",
        )
        pasted = st.text_area(
            "Text",
            key="add_text",
            height=240,
            max_chars=store.MAX_TEXT_CHARS,
            help="The article exactly as it should be coded: quotes are found in this text.",
        )
        uploaded = st.file_uploader(
            "…or upload a plain-text file (UTF-8)",
            type=["txt"],
            accept_multiple_files=False,
            key="add_upload",
        )
        propose = st.form_submit_button("Propose statements", type="primary")

    if propose:
        text = pasted
        error = None
        if uploaded is not None:
            raw = uploaded.getvalue()
            if len(raw) > 4 * store.MAX_TEXT_CHARS:
                error = f"The file is {len(raw):,} bytes; the limit is {store.MAX_TEXT_CHARS:,} characters."
            else:
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    error = "The file is not UTF-8 plain text."
        text = text.replace("\r\n", "\n")
        if error is None and published is None:
            error = "Give the publication date: relative dates in the text are resolved against it."
        if error:
            st.error(error)
        else:
            article = store.Article(
                doc_id=doc_id.strip() or review.suggest_doc_id(outlet, published, title),
                title=title.strip(),
                outlet=outlet.strip(),
                url=url.strip(),
                published=published,
                text=text,
            )
            problems = store.check_article(article, data_dir)
            if problems:
                show_problems(problems)
            else:
                with st.status("Proposing statements…", expanded=True) as status:
                    st.write("Loading the sentence segmenter and the codebook…")
                    from tracker.extract import extract
                    from tracker.extract.training import model_for

                    st.write(
                        "Learning from the coded articles: issues, stances and which readings "
                        "analysts keep (up to a minute after a change to them)…"
                    )
                    model = model_for(data_dir)
                    st.write("Finding speakers, issues, stances and dates…")
                    proposals = extract(text, published, codebook, article.doc_id, model=model)
                    suggested = int(proposals["suggested"].sum())
                    status.update(
                        label=f"{len(proposals)} statements proposed, {suggested} suggested",
                        state="complete",
                        expanded=False,
                    )
                table = review.review_table(proposals)
                st.session_state[STATE] = {
                    "article": article,
                    "table": table,
                    "original": table.copy(),
                    "new_actors": review.proposed_actors(proposals),
                    "version": st.session_state.get(STATE, {}).get("version", 0) + 1,
                }


def recent_changes(data_dir: Path) -> None:
    """The last saves, and undo."""
    saved = st.session_state.pop("add_article_saved", None)
    if saved:
        st.success(escape_markdown(saved), icon=":material/check_circle:")
        st.page_link(
            "pages/overview.py", label="See it in the overview", icon=":material/grid_view:"
        )

    with st.expander("Recent changes"):
        changes = store.read_changes(data_dir)[-10:]
        if changes:
            st.dataframe(
                pd.DataFrame(changes)[["when", "who", "action", "summary"]].iloc[::-1],
                hide_index=True,
            )
            if st.button("Undo the last save", key="add_undo"):
                try:
                    result = store.undo(data_dir, who=current_user())
                except store.SaveError as error:
                    show_problems(error.problems)
                else:
                    st.success(escape_markdown(result.entry["summary"]))
        else:
            st.caption("No article has been added from this page yet.")


def review_and_save(state: dict, data_dir: Path, codebook) -> None:
    """Steps 2 and 3: the editable proposals, codebook additions, validation and saving."""

    article: store.Article = state["article"]
    version = state["version"]

    # --- 2. review ---------------------------------------------------------------------------
    st.subheader("2. Review the proposed statements")
    st.caption(
        f"**{escape_markdown(shorten(article.title, 200))}** · {escape_markdown(article.doc_id)} · "
        f"published {article.published.isoformat()}. Untick a row to reject it; change actor, issue, "
        "stance or date in place. Rows without an issue start rejected: choose an issue to keep them. "
        "Readings that analysts seldom kept in the coded articles start unticked too, with a note "
        "saying so."
    )

    with st.expander("New actors for the codebook", expanded=bool(len(state["new_actors"]))):
        st.caption(
            "Speakers the codebook lacks, as the text names them; ticked rows are added to the "
            "codebook when you save. Add a row for any other new actor."
        )
        new_actors = st.data_editor(
            state["new_actors"],
            key=f"add_new_actors_{version}",
            num_rows="dynamic",
            hide_index=True,
            column_config={
                "add": st.column_config.CheckboxColumn("Add", default=True),
                "actor_id": st.column_config.TextColumn("Actor id", required=True),
                "name": st.column_config.TextColumn("Name", required=True),
                "actor_type": st.column_config.SelectboxColumn(
                    "Type", options=list(ACTOR_TYPES), required=True, default="person"
                ),
                "organization": st.column_config.TextColumn("Speaks for", required=True),
                "role": st.column_config.TextColumn("Role"),
            },
        )
    new_actors = new_actors.dropna(subset=["actor_id"]) if len(new_actors) else new_actors

    with st.expander("New issues for the codebook"):
        new_issues = st.data_editor(
            pd.DataFrame(columns=["issue_id", "label", "proposition", "topic", "cues"], dtype=str),
            key=f"add_new_issues_{version}",
            num_rows="dynamic",
            hide_index=True,
            column_config={
                "issue_id": st.column_config.TextColumn("Issue id", required=True),
                "label": st.column_config.TextColumn("Label", required=True),
                "proposition": st.column_config.TextColumn("Proposition", required=True),
                "topic": st.column_config.TextColumn("Topic", required=True),
                "cues": st.column_config.TextColumn("Cue terms (separated by |)"),
            },
        )
    new_issues = new_issues.dropna(subset=["issue_id"]) if len(new_issues) else new_issues
    extended = review.extend_codebook(codebook, new_actors, new_issues)

    actor_options = sorted(set(extended.actors["actor_id"]) | set(state["table"]["actor_id"]))
    issue_options = ["", *sorted(extended.issues["issue_id"])]
    edited = st.data_editor(
        state["table"],
        key=f"add_review_{version}",
        num_rows="dynamic",
        hide_index=False,
        column_config={
            "accept": st.column_config.CheckboxColumn("Accept", default=True),
            "actor_id": st.column_config.SelectboxColumn("Actor", options=actor_options),
            "issue_id": st.column_config.SelectboxColumn("Issue", options=issue_options),
            "stance": st.column_config.SelectboxColumn(
                "Stance", options=list(STANCES), default="neutral"
            ),
            "statement_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "date_precision": st.column_config.SelectboxColumn(
                "Precision", options=list(DATE_PRECISIONS), default="published"
            ),
            "attribution": st.column_config.SelectboxColumn(
                "Attribution", options=list(ATTRIBUTIONS), default="stated"
            ),
            "reported_by": st.column_config.TextColumn("Reported by"),
            "quote": st.column_config.TextColumn("Quote (verbatim)", width="large"),
            "confidence": st.column_config.ProgressColumn(
                "Confidence", min_value=0.0, max_value=1.0
            ),
            "note": st.column_config.TextColumn("Note"),
            "coder": st.column_config.TextColumn("Coder", disabled=True),
        },
    )

    with st.expander("Add a row for a passage"):
        from tracker.extract.segment import split_sentences

        sentences = [s.text for s in split_sentences(article.text)]
        chosen = st.selectbox(
            "Passage",
            range(len(sentences)),
            format_func=lambda i: shorten(sentences[i], 160),
            index=None,
            key=f"add_passage_{version}",
            placeholder="Choose a sentence of the article",
        )
        if st.button(
            "Add this passage", disabled=chosen is None, key=f"add_passage_button_{version}"
        ):
            row = review.passage_row(sentences[chosen], article.published)
            state["table"] = pd.concat([edited, pd.DataFrame([row])], ignore_index=True)
            state["original"] = pd.concat(
                [state["original"], pd.DataFrame([row])], ignore_index=True
            )
            state["new_actors"] = new_actors
            state["version"] += 1
            st.rerun()

    # --- 3. validate and save -----------------------------------------------------------------
    st.subheader("3. Save")
    accepted_count = int(edited["accept"].fillna(False).astype(bool).sum())
    st.write(f"{accepted_count} of {len(edited)} statements accepted.")
    if st.button("Validate and save", type="primary", key=f"add_save_{version}"):
        problems = review.check_new_actors(new_actors, codebook) + review.check_review(
            edited, article.text, extended
        )
        if problems:
            st.error("Nothing was saved. Fix these first:")
            show_problems(problems)
        else:
            annotations = review.accepted_annotations(edited, state["original"])
            with st.spinner("Saving and rebuilding the positions file…"):
                try:
                    result = store.save_article(
                        data_dir, article, annotations, extended, who=current_user()
                    )
                except store.SaveError as error:
                    st.error("Nothing was saved:")
                    show_problems(error.problems)
                else:
                    del st.session_state[STATE]
                    st.session_state["add_article_saved"] = result.entry["summary"]
                    st.rerun()


def main() -> None:
    if not editing_gate():
        return
    data_dir = local_data_dir()
    if data_dir is None:
        return
    try:
        codebook = load_codebook(data_dir)
    except DataError as error:
        st.error("The codebook cannot be read:")
        show_problems(error.problems)
        return
    article_form(data_dir, codebook)
    recent_changes(data_dir)
    state = st.session_state.get(STATE)
    if state is not None:
        review_and_save(state, data_dir, codebook)


main()
