"""Head-to-head page (AppTest): France vs Stoltenberg by default, any pair from a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.analysis_pages import (
    HOSTILE,
    NOTHING_MATCHES,
    csv_frame,
    hostile_copy,
    open_page,
    texts,
)
from tracker.load import ENV_VAR


def test_default_view_compares_france_with_stoltenberg():
    at = open_page("head_to_head")
    assert at.selectbox(key="a").value == "france"
    assert at.selectbox(key="b").value == "stoltenberg"
    page = texts(at)
    assert "France vs Jens Stoltenberg" in page
    # The Tokyo office is where they clash: listed with opposite positions, with both quotes.
    assert "NATO liaison office in Tokyo" in page and "Opposite positions" in page
    assert "Shared issues N" in page
    assert any("oppose" in m.value and "France" in m.value for m in at.markdown)


def test_pair_and_level_come_from_the_link():
    at = open_page("head_to_head", {"a": "china", "b": "france"})
    assert (at.selectbox(key="a").value, at.selectbox(key="b").value) == ("china", "france")
    assert "China vs France" in texts(at)

    at = open_page("head_to_head", {"level": "organization", "a": "NATO", "b": "China"})
    assert at.radio(key="level").value == "organization"
    assert "NATO vs China" in texts(at)


def test_an_unknown_actor_in_the_link_is_dropped_with_a_note():
    at = open_page("head_to_head", {"a": "nobody<b>", "b": "china"})
    assert at.selectbox(key="a").value == "france"
    assert at.selectbox(key="b").value == "china"
    assert "nobody" in texts(at) and "left out" in texts(at)


def test_filters_that_match_nothing_show_a_reset_button():
    at = open_page("head_to_head", NOTHING_MATCHES)
    assert "No statements match these filters" in texts(at)
    assert at.button(key="h2h_empty").label == "Reset filters"
    at.button(key="h2h_empty").click().run()
    assert not any(at.session_state[f"flt_{p}"] for p in NOTHING_MATCHES)
    assert "No statements match these filters" not in texts(at)
    assert "Opposite positions" in texts(at)


def test_download_holds_one_row_per_issue_with_both_stances(downloads):
    at = open_page("head_to_head")
    assert at.download_button(key="h2h_csv").label == "Download the comparison (CSV)"
    table = csv_frame(downloads.content("head-to-head_")).set_index("issue_id")
    tokyo = table.loc["nato_tokyo_office"]
    assert (tokyo["key_a"], tokyo["key_b"]) == ("france", "stoltenberg")
    assert (tokyo["stance_a"], tokyo["stance_b"], tokyo["outcome"]) == (
        "oppose",
        "support",
        "disagree",
    )
    assert tokyo["statement_ids_a"] and tokyo["statement_ids_b"]


def test_hostile_names_are_shown_as_text(data_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(ENV_VAR, str(hostile_copy(data_copy)))
    at = open_page("head_to_head")
    header = next(h.value for h in at.header if " vs " in h.value)
    # Every Markdown character is escaped, so the name renders literally.
    assert "\\*\\*bold\\*\\*" in header and "\\[link\\]" in header and "\\:red" in header
    assert "**bold**" not in texts(at).replace("\\*", "")
    assert HOSTILE not in header
