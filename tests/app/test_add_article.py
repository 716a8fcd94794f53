"""The "Add an article" page (AppTest): off by default, then paste, review, validate, save."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tracker import store
from tracker.load import ENV_VAR, load_positions
from tracker.ui.editing import ENV_VAR as EDITABLE

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = str(ROOT / "pages" / "add_article.py")
TEXT = (
    "Japan and NATO have agreed to deepen their partnership, Prime Minister Fumio Kishida "
    "said on Wednesday.\n\n"
    "Chinese foreign ministry spokeswoman Hua Lin said there is no role for NATO in Asia.\n\n"
    "The weather in Vilnius was fine."
)


def open_page(data_copy: Path, monkeypatch: pytest.MonkeyPatch, editable: bool) -> AppTest:
    monkeypatch.setenv(ENV_VAR, str(data_copy / "positions.parquet"))
    if editable:
        monkeypatch.setenv(EDITABLE, "1")
    else:
        monkeypatch.delenv(EDITABLE, raising=False)
    # The app runs once (as a visitor's first request does), then the analyst opens the page.
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(PAGE)
    return at.run()


def propose(at: AppTest, text: str = TEXT) -> AppTest:
    at.text_input(key="add_title").input("Japan and NATO deepen ties")
    at.text_input(key="add_outlet").input("Test Wire")
    at.text_input(key="add_doc_id").input("test-20230713-japan")
    at.date_input(key="add_published").set_value(dt.date(2023, 7, 13))
    at.text_area(key="add_text").input(text)
    next(b for b in at.button if b.label == "Propose statements").click()
    return at.run()


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    return at.run()


def test_editing_is_off_unless_turned_on(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(data_copy, monkeypatch, editable=False)
    assert not at.exception
    message = " ".join(i.value for i in at.info)
    assert "Editing is off" in message and EDITABLE in message
    assert not at.text_area


def test_paste_review_and_save(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(data_copy, monkeypatch, editable=True)
    assert not at.exception
    at = propose(at)
    assert not at.exception, [e.message for e in at.exception]
    state = at.session_state["add_article"]
    table = state["table"]
    # the extractor's proposals fill the review table; the unknown speaker is a new actor
    assert "kishida" in set(table["actor_id"])
    assert list(state["new_actors"]["actor_id"]) == ["hua_lin"]
    assert list(state["new_actors"]["organization"]) == ["China"]
    at = click(at, "Validate and save")
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert "added test-20230713-japan" in " ".join(s.value for s in at.success)
    positions = load_positions(data_copy / "positions.parquet")
    added = positions[positions["doc_id"] == "test-20230713-japan"]
    assert {"kishida", "hua_lin"} <= set(added["actor_id"])
    [entry] = store.read_changes(data_copy)
    assert entry["doc_id"] == "test-20230713-japan"


def test_validation_problems_are_listed_and_nothing_is_saved(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(data_copy, monkeypatch, editable=True)
    at = propose(at)
    state = dict(at.session_state["add_article"])
    # reject every proposal, as an analyst unticking each row would
    state["table"] = state["table"].assign(accept=False)
    state["version"] += 1  # a new table for the editor
    at.session_state["add_article"] = state
    at = click(at.run(), "Validate and save")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Nothing was saved" in errors and "no row is accepted" in errors
    assert store.read_changes(data_copy) == []


def test_bad_metadata_is_refused_before_extraction(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(data_copy, monkeypatch, editable=True)
    at.text_input(key="add_url").input("javascript:alert(1)")
    at = propose(at)
    errors = " ".join(e.value for e in at.error)
    assert "column url" in errors
    assert "add_article" not in at.session_state


def test_undo_from_the_page(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(data_copy, monkeypatch, editable=True)
    at = propose(at)
    at = click(at, "Validate and save")
    assert (data_copy / "articles" / "test-20230713-japan.txt").exists()
    at = click(at, "Undo the last save")
    assert not at.exception
    assert not (data_copy / "articles" / "test-20230713-japan.txt").exists()
    assert "undid" in " ".join(s.value for s in at.success)


def test_a_chosen_passage_becomes_a_row(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(data_copy, monkeypatch, editable=True)
    at = propose(at)
    before = len(at.session_state["add_article"]["table"])
    version = at.session_state["add_article"]["version"]
    at.selectbox(key=f"add_passage_{version}").set_value(2)  # "The weather in Vilnius was fine."
    at = click(at.run(), "Add this passage")
    assert not at.exception, [e.message for e in at.exception]
    table = at.session_state["add_article"]["table"]
    assert len(table) == before + 1
    row = table.iloc[-1]
    assert row["quote"] == "The weather in Vilnius was fine."
    assert (row["accept"], row["coder"]) == (True, "human")


def test_the_editable_secret_turns_editing_on(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(data_copy / "positions.parquet"))
    monkeypatch.delenv(EDITABLE, raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["editable"] = True
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.text_area(key="add_text")


def test_with_sign_in_configured_editing_needs_a_signed_in_user(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(data_copy / "positions.parquet"))
    monkeypatch.setenv(EDITABLE, "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert "sign in" in " ".join(i.value for i in at.info)
    page_buttons = [b.label for b in at.button if b.label != "Reset filters"]
    assert page_buttons == ["Sign in"]
    assert not at.text_area
