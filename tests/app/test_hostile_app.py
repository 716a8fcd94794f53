"""Every page on a data set whose every text field is hostile: no error, text shown literally.

The data set (``tests/hostile.py``) puts HTML, script tags, Markdown, LaTeX, colour directives,
spreadsheet formulas, 10,000-character strings, right-to-left text and emoji into names,
issues, quotes, titles, URLs and the article text. Each page must render without an
exception, leave none of that markup live (Markdown bodies, st.html, Plotly labels and
hovers), and show the strings as the characters they are.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests import hostile
from tracker.export import csv_bytes, provenance_zip
from tracker.filters import Filters, query_string
from tracker.load import ENV_VAR, load_documents, load_positions

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def hostile_positions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.write_hostile_data(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture
def open_page(hostile_positions: Path, monkeypatch: pytest.MonkeyPatch):
    """Run one page of the app on the hostile data, optionally with link parameters."""
    monkeypatch.setenv(ENV_VAR, str(hostile_positions))

    def run(page: str, params: dict[str, str | list[str]] | None = None) -> AppTest:
        at = hostile.open_page(page, params)
        assert not at.exception, [e.message for e in at.exception]
        title = [t.value for t in at.title]
        assert title, f"{page} drew no title"
        return at

    return run


def assert_nothing_live(at: AppTest) -> None:
    """No hostile markup is live anywhere on the page."""
    for kind, body in hostile.markdown_bodies(at):
        assert not hostile.live_markdown(body), (kind, hostile.live_markdown(body), body[:300])
    for markup in hostile.html_bodies(at):
        assert not hostile.live_tags(markup), hostile.live_tags(markup)
    for spec in hostile.plotly_specs(at):
        for text in hostile.figure_strings(spec):
            assert not hostile.live_tags(text), text[:300]


def shown(at: AppTest, literal: str) -> bool:
    """True when `literal` appears, as these characters, in something the page shows."""
    return any(literal in text for text in hostile.visible_texts(at))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_hostile_data_literally(open_page, page: str) -> None:
    at = open_page(page)
    assert_nothing_live(at)
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_with_every_filter_on_hostile_values(open_page, page: str) -> None:
    # Hostile organizations, topics and a hostile search, all chosen through the link.
    at = open_page(
        page,
        {
            "org": [hostile.IMG, hostile.MD_BOLD, hostile.FORMULA],
            "topic": [hostile.BOLD_HTML, hostile.LATEX, hostile.MINUS, hostile.RTL],
            "q": hostile.SCRIPT,
        },
    )
    assert_nothing_live(at)
    # Values that the data holds are kept, so no note says they were dropped.
    notes = " ".join(w.value for w in at.warning)
    assert "not in the data" not in notes


def test_head_to_head_shows_names_issues_and_quotes_literally(open_page) -> None:
    at = open_page("pages/head_to_head.py", {"a": "act_script", "b": "act_bold"})
    for literal in (
        hostile.SCRIPT,  # actor names
        hostile.BOLD_HTML,
        hostile.MD_BOLD,  # issue labels and propositions
        hostile.ITALIC_HTML,
        hostile.MD_HEADING,
        hostile.QUOTE_SCRIPT,  # quotes
        hostile.QUOTE_IMG,
        hostile.QUOTE_LINK,
    ):
        assert shown(at, literal), literal
    headers = [
        hostile.unescape_markdown(n.value)
        for n in hostile.elements(at)
        if getattr(n, "type", None) == "header"
    ]
    assert f"{hostile.BOLD_HTML} vs {hostile.SCRIPT}" in headers or (
        f"{hostile.SCRIPT} vs {hostile.BOLD_HTML}" in headers
    ), headers


def test_overview_disagreements_name_the_actors_literally(open_page) -> None:
    at = open_page("pages/overview.py")
    labels = [hostile.unescape_markdown(p.proto.label) for p in at.get("page_link")]
    pair = [label for label in labels if hostile.SCRIPT in label and hostile.BOLD_HTML in label]
    assert pair, labels


def test_overview_cell_evidence_shows_hostile_heading(open_page) -> None:
    at = open_page(
        "pages/overview.py", {"overview_actor": "act_heading", "overview_issue": "iss_md"}
    )
    assert_nothing_live(at)
    assert shown(at, hostile.QUOTE_LATEX)


def test_matrix_labels_and_hovers_are_escaped_text(open_page) -> None:
    names = set(hostile.ACTOR_NAMES)
    for page in ("pages/overview.py", "pages/agreement.py", "pages/timeline.py"):
        at = open_page(page)
        specs = hostile.plotly_specs(at)
        assert specs, page
        ticks = [
            html.unescape(t).removesuffix("…")
            for spec in specs
            for axis in ("xaxis", "yaxis")
            for t in spec["layout"].get(axis, {}).get("ticktext", []) or []
        ]
        actor_ticks = [t for t in ticks if any(n.startswith(t) for n in names)]
        # The hostile names are the labels, shortened perhaps, but as the same characters.
        assert any(hostile.SCRIPT.startswith(t) or t.startswith(hostile.SCRIPT) for t in ticks), (
            page,
            ticks,
        )
        assert actor_ticks, (page, ticks)


def test_evidence_table_holds_every_quote_verbatim(open_page, hostile_positions: Path) -> None:
    at = open_page("pages/evidence.py")
    table = at.dataframe[0].value
    positions = load_positions(hostile_positions)
    assert sorted(table["Quote"]) == sorted(positions["quote"])
    assert set(table["Actor"]) == set(positions["actor"].astype(str))
    # Passage links are relative links to the Sources page, never the data's own URLs.
    assert table["Source"].str.startswith("sources?").all()


def test_evidence_search_for_markup_is_literal(open_page) -> None:
    at = open_page("pages/evidence.py", {"q": "<img id=hostile-img"})
    assert_nothing_live(at)
    table = at.dataframe[0].value
    assert list(table["Quote"]) == [hostile.QUOTE_IMG]
    at = open_page("pages/evidence.py", {"q": "**hostile-nothing** <b>"})
    assert_nothing_live(at)
    assert any("**hostile-nothing** <b>" in hostile.unescape_markdown(i.value) for i in at.info)


@pytest.mark.parametrize("doc_id", [hostile.DOC_A, hostile.DOC_B])
def test_sources_shows_title_and_text_literally(open_page, doc_id: str) -> None:
    at = open_page("pages/sources.py", {"source": doc_id})
    assert_nothing_live(at)
    text = hostile.article_text(doc_id)
    bodies = [hostile.html_text(markup) for markup in hostile.html_bodies(at)]
    shown_text = [body for body, _ in bodies if "hostile" in body]
    assert shown_text, "the article text is not on the page"
    # Exactly the article's characters, carriage returns, right-to-left marks and all.
    assert shown_text[0] == text
    # Highlights are the only tags: <mark> inside the wrapping <div>.
    for _, tags in bodies:
        assert set(tags) <= {"div", "mark", "span"}, tags
    title = hostile.DOCUMENTS_BY_ID[doc_id]["title"]
    assert shown(at, title[:200]), "the title is not shown literally"


def test_sources_gives_no_link_for_a_javascript_url(open_page) -> None:
    at = open_page("pages/sources.py", {"source": hostile.DOC_A})
    urls = [b.proto.url for b in at.get("link_button")]
    assert not any(u.strip().lower().startswith("javascript") for u in urls), urls
    assert shown(at, "javascript:window.__pwned=1"), "the address is not shown as text"


def test_codebook_tables_hold_every_name_and_label_verbatim(open_page) -> None:
    at = open_page("pages/codebook.py")
    tables = [d.value for d in at.dataframe]
    actors = next(t for t in tables if "Aliases" in t.columns)
    issues = next(t for t in tables if "Proposition" in t.columns)
    assert set(actors["Name"]) >= {a[1] for a in hostile.ACTORS}
    assert set(issues["Issue"]) >= {i[1] for i in hostile.ISSUES}
    assert set(issues["Proposition"]) >= {i[2] for i in hostile.ISSUES}


def test_csv_extract_neutralises_every_formula(hostile_positions: Path) -> None:
    positions = load_positions(hostile_positions)
    data = csv_bytes(positions)
    # Read as a spreadsheet does: a line break (\n or \r) outside quotes ends a row.
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(positions) + 1, "a cell's line break split a row"
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    text_columns = [c for c in frame.columns if c not in ("score", "char_start", "char_end")]
    cells = frame[text_columns].stack()
    cells = cells[cells.str.len() > 0]
    numeric = pd.to_numeric(cells, errors="coerce").notna()
    formula_like = cells[~numeric & cells.str.match(r"[=+\-@\t\r]")]
    assert formula_like.empty, formula_like.head().tolist()
    # …and the text itself is kept after the neutralising prefix.
    assert (cells.str.lstrip("'") == hostile.FORMULA).any()


def test_provenance_zip_keeps_hostile_text_as_data(hostile_positions: Path) -> None:
    positions = load_positions(hostile_positions)
    documents = load_documents(hostile_positions)
    filters = Filters(organizations=(hostile.IMG, hostile.FORMULA), topics=(hostile.BOLD_HTML,))
    rows = filters.apply(positions)
    link = "http://localhost:8501/evidence?" + query_string(filters.to_query_params())
    archive = zipfile.ZipFile(
        io.BytesIO(
            provenance_zip(
                rows,
                view="evidence",
                filters=filters,
                link=link,
                data_path=str(hostile_positions),
                documents=documents,
            )
        )
    )
    names = archive.namelist()
    assert "metadata.json" in names and "README.txt" in names
    # Entry names are made from the filters' digest, never from their (hostile) values.
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", name) for name in names), names
    metadata = json.loads(archive.read("metadata.json"))
    assert metadata["filters"]["org"] == [hostile.IMG, hostile.FORMULA]
    assert metadata["link"] == link
    assert metadata["rows"] == len(rows)
    digest = hashlib.sha256(hostile_positions.read_bytes()).hexdigest()
    assert metadata["data_file"]["sha256"] == digest
    cited = {d["doc_id"]: d for d in metadata["documents"]}
    assert cited[hostile.DOC_A]["title"] == hostile.SCRIPT
    assert cited[hostile.DOC_A]["url"] == "javascript:window.__pwned=1"
    (csv_name,) = [n for n in names if n.endswith(".csv")]
    assert archive.read(csv_name) == csv_bytes(rows)
