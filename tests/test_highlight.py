"""Untrusted text shown literally: highlighted documents and Markdown-safe strings."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tracker.highlight import (
    code_span,
    escape_markdown,
    highlight_html,
    passage_bounds,
    safe_url,
    segments,
)

HOSTILE = (
    '<script>alert("x")</script> & <img src=x onerror=alert(1)> **bold** [a](javascript:x) &amp;'
)


class Collect(HTMLParser):
    """Tags, attributes and text content of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> Collect:
    parser = Collect()
    parser.feed(fragment)
    parser.close()
    return parser


def spans(*rows: tuple[int, int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "char_start": s,
                "char_end": e,
                "stance": stance,
                "actor": actor,
                "issue": "Tokyo office",
                "statement_id": f"s{i}",
                "reported_by": None,
            }
            for i, (s, e, stance, actor) in enumerate(rows)
        ]
    )


def test_segments_split_overlapping_and_nested_spans():
    pieces = segments(20, [2, 5, 6], [10, 15, 8])
    covered = {(p.start, p.end): p.spans for p in pieces}
    assert covered[(0, 2)] == ()
    assert covered[(2, 5)] == (0,)
    assert covered[(5, 6)] == (0, 1)
    assert covered[(6, 8)] == (0, 1, 2)
    assert covered[(10, 15)] == (1,)
    assert covered[(15, 20)] == ()
    assert sum(p.end - p.start for p in pieces) == 20


def test_segments_clip_spans_outside_the_text_and_ignore_empty_ones():
    pieces = segments(5, [-3, 4, 3], [2, 99, 3])
    assert [(p.start, p.end, p.spans) for p in pieces] == [(0, 2, (0,)), (2, 4, ()), (4, 5, (1,))]


def test_hostile_document_text_and_names_stay_text():
    text = f"Before. {HOSTILE} After."
    start = text.index("<script>")
    rows = spans((start, start + 30, "oppose", '<b onmouseover="x">Evil</b>'))
    out = highlight_html(text, rows)
    parsed = parse(out)
    assert set(parsed.tags) == {"div", "mark"}
    assert "".join(parsed.text) == text
    mark = parsed.attrs[parsed.tags.index("mark")]
    assert mark["title"].startswith('<b onmouseover="x">Evil</b>')
    assert set(mark) == {"style", "title", "data-statements"}


def test_overlapping_statements_of_different_stances_are_striped_and_all_named():
    text = "NATO should not open an office in Tokyo, France said."
    rows = spans((0, 39, "oppose", "France"), (5, 20, "support", "Japan"))
    parsed = parse(highlight_html(text, rows, focus="s1"))
    marks = [a for t, a in zip(parsed.tags, parsed.attrs, strict=True) if t == "mark"]
    assert len(marks) == 3
    both = marks[1]
    assert "repeating-linear-gradient" in both["style"]
    assert "France" in both["title"] and "Japan" in both["title"]
    assert "outline" in both["style"] and "outline" not in marks[0]["style"]
    assert both["data-statements"] == "s0 s1"


def test_a_window_of_the_text_keeps_offsets_of_the_whole_text():
    text = "0123456789" * 5
    rows = spans((12, 15, "support", "A"))
    parsed = parse(highlight_html(text, rows, start=10, end=20))
    assert "".join(parsed.text) == text[10:20]
    assert parsed.tags.count("mark") == 1


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(max_size=200),
    raw=st.lists(
        st.tuples(
            st.integers(-5, 210),
            st.integers(-5, 210),
            st.sampled_from(["support", "oppose", "neutral", "<x>"]),
            st.text(max_size=20),
        ),
        max_size=8,
    ),
)
def test_any_text_and_spans_render_as_the_same_characters(text, raw):
    out = highlight_html(text, spans(*raw) if raw else pd.DataFrame())
    parsed = parse(out)
    assert set(parsed.tags) <= {"div", "mark"}
    assert "".join(parsed.text) == text


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def test_markdown_escaping_neutralises_syntax_and_keeps_plain_text():
    assert escape_markdown("**bold** _it_ `code`") == r"\*\*bold\*\* \_it\_ \`code\`"
    assert escape_markdown("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert (
        escape_markdown(":red[alarm] :material/home: $x^2$")
        == r"\:red\[alarm\] \:material/home: \$x^2\$"
    )
    assert escape_markdown("# Title\n- item\n1. first") == "\\# Title\n\\- item\n1\\. first"
    assert escape_markdown("[click](javascript:alert(1))") == r"\[click\](javascript\:alert(1))"
    # Ordinary text keeps its exact characters (messages name columns and rows).
    plain = "positions.parquet, row 3, column statement_date: not a date (2023-07-11)"
    assert escape_markdown(plain) == plain


@given(st.text(max_size=300))
@example("0.")  # a list number: the backslash goes before its punctuation, not its digit
@example(" 12) x")
def test_markdown_escaping_only_adds_backslashes(text):
    assert unescape_markdown(escape_markdown(text)) == unescape_markdown(text.replace("\\", "\\\\"))


def test_code_spans_hold_any_text_literally():
    assert code_span("row 3: [0, 1] `x`") == "`` row 3: [0, 1] `x` ``"
    assert code_span("a\nb") == "` a b `"


def test_only_web_addresses_become_links():
    assert (
        safe_url("https://edition.cnn.com/2023/07/11/x.html")
        == "https://edition.cnn.com/2023/07/11/x.html"
    )
    for bad in (
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "//evil.example",
        "http://a b",
        "",
        None,
        "ftp://x",
    ):
        assert safe_url(bad) == ""


def test_passage_window_is_cut_at_spaces_around_the_quote():
    text = "word " * 200
    lo, hi = passage_bounds(text, 500, 510, context=50)
    assert lo <= 450 + 5 and hi >= 510
    assert text[lo - 1] == " " and text[hi] == " "
    assert passage_bounds("short", 0, 5) == (0, 5)
