"""Figures: clickable matrices, escaped text, stance colours, timelines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tracker import charts
from tracker.matrices import stance_matrix
from tracker.timeline import stance_changes, statements_over_time

HOSTILE = "<b>bold</b> <script>alert('x')</script> **md** " + "x" * 500


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """A small positions-like frame: (id, actor_id, actor, org, issue_id, stance, date, attribution, quote)."""
    cols = [
        "statement_id",
        "actor_id",
        "actor",
        "organization",
        "issue_id",
        "stance",
        "statement_date",
        "attribution",
        "quote",
    ]
    frame = pd.DataFrame(rows, columns=cols)
    scores = {"support": 1, "neutral": 0, "oppose": -1}
    frame["score"] = frame["stance"].map(scores).astype("int8")
    frame["statement_date"] = pd.to_datetime(frame["statement_date"])
    frame["issue"] = "Label of " + frame["issue_id"]
    frame["proposition"] = "Proposition " + frame["issue_id"]
    frame["topic"] = "Topic"
    frame["date_precision"] = "day"
    frame["doc_id"] = "doc"
    frame["reported_by"] = pd.Series([None] * len(frame), dtype="object")
    frame.loc[frame["attribution"] == "reported", "reported_by"] = "NHK"
    return frame


@pytest.fixture
def frame() -> pd.DataFrame:
    return _frame(
        [
            (
                "s1",
                "stoltenberg",
                "Jens Stoltenberg",
                "NATO",
                "tokyo",
                "support",
                "2023-07-10",
                "stated",
                "open an office",
            ),
            (
                "s2",
                "macron",
                "Emmanuel Macron",
                "France",
                "tokyo",
                "oppose",
                "2023-07-08",
                "reported",
                "against it",
            ),
            (
                "s3",
                "macron",
                "Emmanuel Macron",
                "France",
                "role",
                "oppose",
                "2023-07-09",
                "stated",
                "not global",
            ),
            (
                "s4",
                "macron",
                "Emmanuel Macron",
                "France",
                "role",
                "support",
                "2023-07-11",
                "stated",
                "fine",
            ),
            ("s5", "wang", HOSTILE, "China", "role", "oppose", "2023-05-18", "action", HOSTILE),
        ]
    )


def _stance_figure(frame: pd.DataFrame, title: str = "Stances"):
    cells, rows, cols = charts.stance_cells(stance_matrix(frame))
    return charts.stance_matrix_figure(cells, rows=rows, cols=cols, title=title)


def test_stance_matrix_has_one_square_marker_per_coded_cell(frame):
    fig = _stance_figure(frame)
    trace = fig.data[0]
    assert trace.type == "scatter" and trace.marker.symbol == "square"
    keys = {tuple(row[:2]) for row in trace.customdata}
    # Stoltenberg said nothing on the role issue: that cell stays blank (no marker).
    assert keys == {
        ("stoltenberg", "tokyo"),
        ("macron", "tokyo"),
        ("macron", "role"),
        ("wang", "role"),
    }


def test_stance_matrix_colours_follow_the_mean_score_on_a_diverging_scale(frame):
    trace = _stance_figure(frame).data[0]
    by_cell = {
        tuple(row[:2]): color
        for row, color in zip(trace.customdata, trace.marker.color, strict=True)
    }
    assert by_cell[("stoltenberg", "tokyo")] == 1
    assert by_cell[("macron", "tokyo")] == -1
    assert by_cell[("macron", "role")] == 0  # one oppose, one support: mean 0
    scale = [color for _, color in trace.marker.colorscale]
    assert scale == [charts.STANCE_COLORS[s] for s in ("oppose", "neutral", "support")]
    assert (trace.marker.cmin, trace.marker.cmax) == (-1, 1)


def test_stance_matrix_positions_match_axis_labels(frame):
    fig = _stance_figure(frame)
    trace = fig.data[0]
    ticks_y = fig.layout.yaxis.ticktext
    ticks_x = fig.layout.xaxis.ticktext
    for row, x, y in zip(trace.customdata, trace.x, trace.y, strict=True):
        assert row[2] == ticks_y[y] or row[2].startswith(ticks_y[y].rstrip("…"))
        assert row[3] == ticks_x[x]


def test_hostile_text_is_escaped_and_shortened_everywhere(frame):
    fig = _stance_figure(frame, title="Stances of " + HOSTILE)
    texts = [fig.layout.title.text, *fig.layout.yaxis.ticktext, *fig.layout.xaxis.ticktext]
    texts += [str(v) for row in fig.data[0].customdata for v in row]
    joined = " ".join(texts)
    assert "<b>bold" not in joined and "<script>" not in joined
    assert "&lt;script&gt;" in joined
    assert max(len(t) for t in fig.layout.yaxis.ticktext) <= charts.LABEL_LIMIT + 40
    assert all(len(str(v)) < 1500 for row in fig.data[0].customdata for v in row)


def test_markdown_text_shows_markup_literally():
    assert charts.markdown_text("**bold** [x](javascript:1) :red[hi] $x$") == (
        r"\*\*bold\*\* \[x\]\(javascript\:1\) \:red\[hi\] \$x\$"
    )
    assert charts.markdown_text("a\n# b") == r"a \# b"


def _agreement_cells() -> tuple[pd.DataFrame, pd.Series]:
    actors = pd.Series({"a": "Alpha", "b": "Beta", "c": "<i>Gamma</i>"})
    cells = pd.DataFrame(
        {
            "row_key": ["a", "b", "a", "c", "a", "b", "a"],
            "col_key": ["b", "a", "c", "a", "a", "c", "c"],
            "value": [0.75, 0.75, np.nan, np.nan, 1.0, 0.2, np.nan],
            "n": [4, 4, 1, 1, 5, 0, 1],
        }
    ).iloc[:6]
    return cells, actors


def test_agreement_matrix_greys_undefined_and_low_overlap_pairs_and_skips_diagonal():
    cells, actors = _agreement_cells()
    fig = charts.agreement_matrix_figure(
        cells,
        actors=actors,
        measure_label="Agreement",
        value_range=(0, 1),
        min_overlap=2,
        title="t",
    )
    muted, shown = fig.data
    assert {tuple(r[:2]) for r in shown.customdata} == {("a", "b"), ("b", "a")}
    assert {tuple(r[:2]) for r in muted.customdata} == {("a", "c"), ("c", "a")}
    assert list(shown.marker.color) == [0.75, 0.75]
    assert muted.marker.color == charts.MUTED_COLOR
    # N is in every hover; a pair with no shared issue (b, c) is left blank.
    assert all(row[5] in {"4", "1"} for row in [*shown.customdata, *muted.customdata])
    assert "&lt;i&gt;Gamma" in " ".join(fig.layout.xaxis.ticktext)


def test_agreement_matrix_min_overlap_moves_cells_between_traces():
    cells, actors = _agreement_cells()
    fig = charts.agreement_matrix_figure(
        cells, actors=actors, measure_label="S", value_range=(-1, 1), min_overlap=5, title="t"
    )
    muted, shown = fig.data
    assert len(shown.customdata) == 0 and len(muted.customdata) == 4


def _timeline_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return statements_over_time(frame)


def test_timeline_colours_by_stance_and_symbols_by_attribution(frame):
    actors = pd.Series({"stoltenberg": "Stoltenberg", "macron": "Macron", "wang": "Wang"})
    fig = charts.statements_timeline_figure(_timeline_rows(frame), actors=actors, title="t")
    traces = {t.name: t for t in fig.data if t.customdata is not None}
    legend = {t.name for t in fig.data if t.showlegend is not False}
    oppose = traces["oppose"]
    assert oppose.marker.color == charts.STANCE_COLORS["oppose"]
    by_id = dict(zip([r[0] for r in oppose.customdata], oppose.marker.symbol, strict=True))
    assert by_id == {"s2": "diamond", "s3": "circle", "s5": "triangle-up"}
    assert [r[0] for r in traces["support"].customdata] == ["s1", "s4"]
    assert {"oppose", "neutral", "support", "stated (own words)", "reported by others"} <= legend


def test_timeline_marks_stance_changes_and_escapes_quotes(frame):
    actors = pd.Series({"stoltenberg": "Stoltenberg", "macron": "Macron", "wang": "Wang"})
    changes = stance_changes(frame)
    assert changes["to_statement_id"].tolist() == ["s4"]
    fig = charts.statements_timeline_figure(
        _timeline_rows(frame), actors=actors, changes=changes, title="t"
    )
    ring = next(t for t in fig.data if t.name == "stance change")
    assert [r[0] for r in ring.customdata] == ["s4"]
    quotes = " ".join(
        str(v) for t in fig.data if t.customdata is not None for r in t.customdata for v in r
    )
    assert "<script>" not in quotes and "&lt;script&gt;" in quotes


def test_timeline_keeps_same_day_statements_on_different_issues_apart():
    frame = _frame(
        [
            ("s1", "x", "X", "X", "i1", "support", "2023-01-01", "stated", "q"),
            ("s2", "x", "X", "X", "i2", "oppose", "2023-01-01", "stated", "q"),
        ]
    )
    fig = charts.statements_timeline_figure(
        _timeline_rows(frame), actors=pd.Series({"x": "X"}), title="t"
    )
    ys = [y for t in fig.data[:3] for y in (t.y if t.y is not None else [])]
    assert len(set(ys)) == 2 and all(-0.5 < y < 0.5 for y in ys)


def test_agreement_timeline_has_one_line_per_pair_with_n_in_hover():
    series = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-01-01"]),
            "pair_key": ["a|b", "a|b", "a|c"],
            "label": ["A – B", "A – B", "A – <b>C</b>"],
            "value": [1.0, 0.5, np.nan],
            "n": [1, 2, 0],
        }
    )
    fig = charts.agreement_timeline_figure(
        series, measure_label="Agreement", value_range=(0, 1), title="t"
    )
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.name for t in lines] == ["A – B", "A – &lt;b&gt;C&lt;/b&gt;"]
    assert [r[1] for r in lines[0].customdata] == ["1", "2"]


def test_matrix_cells_are_squares_and_fit_the_content_column(frame):
    fig = _stance_figure(frame)
    layout = fig.layout
    plot_w = layout.width - layout.margin.l - layout.margin.r
    plot_h = layout.height - layout.margin.t - layout.margin.b
    n_cols, n_rows = len(layout.xaxis.tickvals), len(layout.yaxis.tickvals)
    assert plot_w / n_cols == pytest.approx(plot_h / n_rows)
    assert layout.width <= charts.MATRIX_WIDTH + charts.CELL_MAX
    assert fig.data[0].marker.size < plot_w / n_cols  # a gap between neighbouring cells


def test_stance_cells_keeps_the_most_discussed_issues_when_capped(frame):
    many = pd.concat([frame, frame.assign(statement_id=frame["statement_id"] + "b")])
    many = many[~((many["issue_id"] == "tokyo") & many["statement_id"].str.endswith("b"))]
    cells, _, cols = charts.stance_cells(stance_matrix(many), max_cols=1)
    assert list(cols.index) == ["role"]
    assert set(cells["col_key"]) == {"role"}


def test_tables_for_download_flatten_the_evidence_lists(frame):
    table = charts.matrix_table(stance_matrix(frame))
    row = table[(table["actor_id"] == "macron") & (table["issue_id"] == "role")].iloc[0]
    assert row["statement_ids"] == "s3; s4"
    assert charts.key_labels(frame, "actor_id", "actor") == {
        "macron": "Emmanuel Macron",
        "stoltenberg": "Jens Stoltenberg",
        "wang": HOSTILE,
    }
    numbers = charts.dataset_numbers(frame)
    assert (numbers["statements"], numbers["actors"], numbers["span"]) == (5, 3, "May – Jul 2023")


def test_latest_rows_keeps_the_most_recent_statements_of_the_chosen_actors(frame):
    rows, total = charts.latest_rows(frame, "actor_id", ["macron", "wang"], limit=2)
    assert total == 4
    assert rows["statement_id"].tolist() == ["s3", "s4"]  # frame order, the two latest
    rows, total = charts.latest_rows(frame, "actor_id", ["stoltenberg"], limit=5)
    assert (rows["statement_id"].tolist(), total) == (["s1"], 1)


def test_plot_text_escapes_tags_but_keeps_quotes_readable():
    # Plotly shows &quot; literally, so quotes must stay as typed; tags must not render.
    from tracker.charts import plot_text

    assert plot_text('=HYPERLINK("x") <b>bold</b>') == '=HYPERLINK("x") &lt;b&gt;bold&lt;/b&gt;'
