"""The Evidence page: filtered statements, text search, passage, download (AppTest)."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

from tests.app.conftest import no_exceptions
from tracker.export import export_csv
from tracker.filters import Filters, search_quotes

PAGE = "pages/evidence.py"


def table(at) -> pd.DataFrame:
    return at.dataframe(key="evidence_table").value


def test_default_view_lists_every_statement_with_readable_columns(run_app, coded_positions):
    at = run_app(PAGE)
    no_exceptions(at)
    shown = table(at)
    assert len(shown) == len(coded_positions)
    assert list(shown.columns)[:4] == ["Actor", "Issue", "Stance", "Date"]
    assert set(shown["Actor"]) == set(coded_positions["actor"].astype(str))
    # Every row links to its passage on the Sources page.
    assert shown["Source"].str.startswith("sources?source=").all()
    assert shown["Source"].str.contains("statement=").all()


def test_a_link_reproduces_filters_and_search(run_app, coded_positions):
    at = run_app(PAGE, {"actor": ["france", "macron"], "q": "office"})
    no_exceptions(at)
    expected = search_quotes(Filters(actors=("france", "macron")).apply(coded_positions), "office")
    assert 0 < len(expected) < len(coded_positions)
    assert sorted(table(at)["Statement"]) == sorted(expected["statement_id"])
    assert at.text_input(key="q").value == "office"


def test_filters_that_match_nothing_show_a_message_and_a_reset(run_app):
    at = run_app(PAGE, {"actor": "macron", "stance": "support"})
    no_exceptions(at)
    assert "No statements match the filters" in at.info[0].value
    at.button(key="evidence_reset").click().run()
    no_exceptions(at)
    assert at.session_state["tracker_filters"] == Filters()
    assert len(table(at)) > 0


def test_a_search_without_hits_says_so(run_app):
    at = run_app(PAGE, {"q": "zeppelin"})
    no_exceptions(at)
    assert "zeppelin" in at.info[0].value


def test_the_download_is_the_command_line_extract(run_app, downloads, coded_positions):
    f = Filters(actors=("stoltenberg",), min_confidence=0.5)
    at = run_app(PAGE, f.to_query_params())
    no_exceptions(at)
    data = downloads.content(f"evidence_{f.digest()}_")
    assert data == export_csv(coded_positions, f)
    rows = pd.read_csv(io.BytesIO(data))
    assert sorted(rows["statement_id"]) == sorted(f.apply(coded_positions)["statement_id"])
    archive = zipfile.ZipFile(io.BytesIO(downloads.content(f"evidence_{f.digest()}_", ".zip")))
    csv_name = next(n for n in archive.namelist() if n.endswith(".csv"))
    assert archive.read(csv_name) == data
    meta = json.loads(archive.read("metadata.json"))
    assert meta["filters"] == f.to_query_params()
    assert "actor=stoltenberg" in meta["link"] and "min_conf=0.5" in meta["link"]


def test_selecting_a_row_shows_the_passage_in_context(run_app):
    at = run_app(PAGE, {"actor": "macron"})
    no_exceptions(at)
    # AppTest cannot click a table row; the selection arrives as widget state.
    at.session_state["evidence_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    no_exceptions(at)
    assert at.get("html"), "the passage is drawn"
    passage = at.get("html")[0].proto.body
    assert "<mark" in passage and "outline" in passage
