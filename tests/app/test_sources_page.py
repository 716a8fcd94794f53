"""The Sources page: document metadata, full text with highlighted passages (AppTest)."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pandas as pd

from tests.app.conftest import HOSTILE_STRINGS, no_exceptions
from tracker.export import export_csv
from tracker.filters import Filters
from tracker.highlight import escape_markdown

PAGE = "pages/sources.py"
DOC = "cnn-20230711-nato-asia-pacific"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def document_html(at) -> str:
    """The highlighted full text (the largest HTML element on the page)."""
    return max((h.proto.body for h in at.get("html")), key=len)


def test_default_view_shows_a_document_with_every_statement_highlighted(run_app, coded_positions):
    at = run_app(PAGE)
    no_exceptions(at)
    assert at.selectbox(key="source").value == DOC
    body = document_html(at)
    parser = Tags()
    parser.feed(body)
    assert parser.tags.count("mark") >= len(coded_positions) // 2
    ids = " ".join(coded_positions["statement_id"])
    assert all(s in body for s in coded_positions["statement_id"]), ids[:80]
    title = " ".join(s.value for s in at.subheader)
    assert "China and Taiwan loom large" in title


def test_a_link_to_a_statement_outlines_it_and_filters_limit_the_highlights(
    run_app, coded_positions
):
    target = coded_positions.loc[coded_positions["actor_id"] == "macron", "statement_id"].iloc[0]
    at = run_app(PAGE, {"statement": target, "actor": "stoltenberg"})
    no_exceptions(at)
    body = document_html(at)
    stoltenberg = coded_positions.loc[coded_positions["actor_id"] == "stoltenberg", "statement_id"]
    others = coded_positions.loc[
        ~coded_positions["actor_id"].isin(["stoltenberg", "macron"]), "statement_id"
    ]
    assert all(s in body for s in stoltenberg)
    assert target in body and "outline" in body
    assert not any(f'"{s}"' in body or f" {s}" in body for s in others)


def test_filters_that_match_nothing_leave_the_text_unhighlighted(run_app):
    at = run_app(PAGE, {"actor": "macron", "stance": "support"})
    no_exceptions(at)
    assert "<mark" not in document_html(at)
    assert any("0 of the" in c.value for c in at.caption)


def test_the_download_holds_the_document_statements_that_match(run_app, downloads, coded_positions):
    f = Filters(stances=("oppose",))
    at = run_app(PAGE, f.to_query_params())
    no_exceptions(at)
    data = downloads.content(f"sources-{DOC}_{f.digest()}_")
    assert data == export_csv(coded_positions[coded_positions["doc_id"] == DOC], f)
    assert len(pd.read_csv(io.BytesIO(data))) == len(f.apply(coded_positions))


def test_hostile_document_is_shown_as_text(run_app, hostile_positions):
    at = run_app(PAGE, {"source": "syn_doc_0000000"}, positions=hostile_positions)
    no_exceptions(at)
    body = document_html(at)
    parser = Tags()
    parser.feed(body)
    assert set(parser.tags) <= {"div", "mark"}
    assert HOSTILE_STRINGS[0] in "".join(parser.text)
    # The javascript: address is not offered as a link.
    assert not at.get("link_button")
    # The title <script>…</script> reaches Markdown with its syntax escaped.
    assert at.subheader[0].value == escape_markdown(f"{HOSTILE_STRINGS[0]} title 0")


def test_unknown_document_or_statement_in_a_link_is_dropped_with_a_note(run_app):
    at = run_app(PAGE, {"source": "~no-such-document~", "statement": "<b>x</b>" * 30})
    no_exceptions(at)
    notes = " ".join(w.value for w in at.warning)
    assert "'source'" in notes and "no\\-such\\-document" not in notes  # literal, not escaped
    assert "~no-such-document~" in notes.replace("\\~", "~")
    assert "'statement'" in notes
    assert at.selectbox(key="source").value == DOC
    assert "statement" not in at.query_params
    assert at.query_params.get("source") in (None, DOC, [DOC])
