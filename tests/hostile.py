"""A complete data folder whose every text field is hostile, for the hostile-input tests.

Names, issue labels, propositions, topics, quotes, document titles, outlets, URLs, notes and
the article text carry HTML and script tags, Markdown, LaTeX, Streamlit colour directives,
spreadsheet formulas, tabs and carriage returns, 10,000-character strings, right-to-left text
and emoji. The folder is built by ``tracker.build.build``, so it is a valid positions data
set that the app must serve with every such string shown as the characters it is.

Every short hostile string contains a marker beginning with ``hostile`` (so a test can find
where it is shown) and stays under 60 characters (so most places show it whole). Strings meant to
run if they were ever interpreted set ``window.__pwned`` or add an element with an id or
attribute beginning with ``hostile``: a browser test asserts that neither exists.

    from tests.hostile import write_hostile_data
    positions = write_hostile_data(tmp_path / "hostile")   # …/hostile/positions.parquet
"""

from __future__ import annotations

import csv
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

LONG = 10_000  # characters of the very long strings

# --- Short hostile strings (each under 60 characters, each with a "hostile" marker) --------
SCRIPT = "<script>window.__pwned=1</script>hostile"
IMG = "<img id=hostile-img src=x onerror=window.__pwned=1>"
BOLD_HTML = "<b id=hostile-b>hostile-html</b>"
SVG = "<svg id=hostile-svg onload=window.__pwned=1>"
ITALIC_HTML = "<i data-hostile=1>hostile-i</i>"
MD_BOLD = "**hostile-bold**"
MD_LINK = "[hostile-link](javascript:window.__pwned=1)"
MD_HEADING = "# hostile-heading"
LATEX = "$hostile-latex^2$"
DIRECTIVE = ":red[hostile-red]"
FORMULA = '=HYPERLINK("http://evil.example","hostile")'
PLUS = "+1 hostile-plus"
MINUS = "-2 hostile-minus"
AT = "@SUM(A1:A2) hostile-at"
TAB = "\thostile-tab"
CR = "\rhostile-cr"
RTL = "مرحبا hostile-rtl \u202eevil\u202c 🙂🚀👩\u200d👩\u200d👧"

# --- Long strings ---------------------------------------------------------------------------
LONG_NAME = "hostile-long-name " + "N" * LONG
LONG_LABEL = "hostile-long-issue " + "I" * LONG
LONG_TITLE = "hostile-long-title " + "T" * LONG
LONG_QUOTE = "hostile-long-quote " + " ".join(["word"] * (LONG // 5))

# Strings that would change the page if they were interpreted as HTML or Markdown, and the
# spreadsheet-formula prefixes: the tests check each is shown literally.
MARKUP = (SCRIPT, IMG, BOLD_HTML, SVG, ITALIC_HTML, MD_BOLD, MD_LINK, MD_HEADING, LATEX, DIRECTIVE)
FORMULAS = (FORMULA, PLUS, MINUS, AT, TAB, CR)

ACTORS = [
    # actor_id, name, actor_type, organization, country, role, aliases, description
    ("act_script", SCRIPT, "person", IMG, RTL, MD_HEADING, f"{SCRIPT}|{MD_BOLD}", BOLD_HTML),
    ("act_bold", BOLD_HTML, "person", MD_BOLD, "", FORMULA, MD_LINK, LATEX),
    ("act_link", MD_LINK, "government", MD_LINK, "", "", "", DIRECTIVE),
    ("act_heading", MD_HEADING, "organization", MD_HEADING, "", "", "", SVG),
    ("act_latex", LATEX, "person", FORMULA, "", "", "", ""),
    ("act_directive", DIRECTIVE, "expert", PLUS, "", "", "", ""),
    ("act_formula", FORMULA, "media", MINUS, "", "", "", AT),
    ("act_long", LONG_NAME, "person", AT, "", "", "", LONG_NAME),
    ("act_rtl", RTL, "person", TAB, "", "", "", RTL),
    ("act_tab", TAB, "person", CR, "", "", "", ""),
    ("act_svg", SVG, "person", ITALIC_HTML, "", "", "", ""),
]

ISSUES = [
    # issue_id, label, proposition, topic, description, cues
    ("iss_html", ITALIC_HTML, SCRIPT, BOLD_HTML, IMG, f"{SVG}|{MD_LINK}"),
    ("iss_md", MD_BOLD, MD_HEADING, LATEX, DIRECTIVE, MD_BOLD),
    ("iss_formula", FORMULA, AT, MINUS, PLUS, FORMULA),
    ("iss_long", LONG_LABEL, LONG_LABEL, RTL, LONG_LABEL, ""),
    ("iss_svg", SVG, MD_LINK, CR, TAB, ""),
]

STANCES = [
    ("support", "1", "Supports", MD_BOLD),
    ("neutral", "0", "Neutral", SCRIPT),
    ("oppose", "-1", "Opposes", FORMULA),
]

ACTOR_NAMES = tuple(a[1] for a in ACTORS)

DOC_A = "hostile-doc-a"
DOC_B = "hostile-doc-b"

DOCUMENTS = [
    # doc_id, title, outlet, url, published, language, notes
    (DOC_A, SCRIPT, IMG, "javascript:window.__pwned=1", "2023-07-11", "en", FORMULA),
    (
        DOC_B,
        LONG_TITLE,
        MD_HEADING,
        'https://example.org/?q=<script>"x"',
        "2024-03-02",
        RTL,
        MD_LINK,
    ),
]

DOCUMENTS_BY_ID = {
    d[0]: dict(
        zip(("doc_id", "title", "outlet", "url", "published", "language", "notes"), d, strict=True)
    )
    for d in DOCUMENTS
}

# Quotes: each occurs exactly once in its article. Statement: (doc, actor, issue, stance,
# date, precision, attribution, reported_by, quote, confidence).
QUOTE_SCRIPT = f"{SCRIPT} we back the plan"
QUOTE_IMG = f"{IMG} we reject it"
QUOTE_BOLD = f"{BOLD_HTML} and {MD_BOLD} agree"
QUOTE_LINK = f"see {MD_LINK} for why"
QUOTE_LATEX = f"{LATEX} and {DIRECTIVE} both"
QUOTE_SVG = f"{SVG} stays neutral"
STATEMENTS = [
    (
        DOC_A,
        "act_script",
        "iss_html",
        "support",
        "2023-01-10",
        "day",
        "stated",
        "",
        QUOTE_SCRIPT,
        "0.9",
    ),
    (
        DOC_A,
        "act_bold",
        "iss_html",
        "oppose",
        "2023-02-11",
        "day",
        "reported",
        ITALIC_HTML,
        QUOTE_IMG,
        "0.8",
    ),
    (
        DOC_A,
        "act_link",
        "iss_html",
        "neutral",
        "2023-03-12",
        "month",
        "stated",
        "",
        QUOTE_BOLD,
        "1.0",
    ),
    (DOC_A, "act_script", "iss_md", "oppose", "2023-04-13", "day", "action", "", QUOTE_LINK, "0.7"),
    (
        DOC_A,
        "act_bold",
        "iss_md",
        "support",
        "2023-05-14",
        "day",
        "stated",
        "",
        f"\n{MD_HEADING}\n",
        "0.6",
    ),
    (
        DOC_A,
        "act_heading",
        "iss_md",
        "support",
        "2023-06-15",
        "year",
        "stated",
        "",
        QUOTE_LATEX,
        "0.95",
    ),
    (
        DOC_A,
        "act_latex",
        "iss_formula",
        "oppose",
        "2023-07-11",
        "published",
        "stated",
        "",
        FORMULA,
        "0.9",
    ),
    (
        DOC_A,
        "act_directive",
        "iss_formula",
        "support",
        "2023-07-11",
        "published",
        "reported",
        MD_BOLD,
        PLUS,
        "0.9",
    ),
    (
        DOC_A,
        "act_formula",
        "iss_formula",
        "neutral",
        "2023-07-11",
        "published",
        "stated",
        "",
        MINUS,
        "0.85",
    ),
    (DOC_A, "act_script", "iss_formula", "support", "2023-07-01", "day", "stated", "", AT, "0.8"),
    (DOC_A, "act_bold", "iss_formula", "oppose", "2023-07-02", "day", "stated", "", TAB, "0.8"),
    (DOC_A, "act_svg", "iss_svg", "neutral", "2023-07-03", "day", "stated", "", QUOTE_SVG, "0.75"),
    (
        DOC_B,
        "act_long",
        "iss_long",
        "support",
        "2024-01-05",
        "day",
        "stated",
        "",
        LONG_QUOTE,
        "0.9",
    ),
    (DOC_B, "act_rtl", "iss_long", "oppose", "2024-02-06", "day", "reported", RTL, RTL, "0.9"),
    (DOC_B, "act_tab", "iss_long", "neutral", "2024-03-02", "published", "stated", "", CR, "0.5"),
    (
        DOC_B,
        "act_script",
        "iss_long",
        "oppose",
        "2024-03-01",
        "day",
        "stated",
        "",
        "hostile-plain-b",
        "1.0",
    ),
    (
        DOC_B,
        "act_bold",
        "iss_long",
        "support",
        "2024-03-01",
        "day",
        "stated",
        "",
        "hostile-plain-c",
        "1.0",
    ),
    (
        DOC_B,
        "act_script",
        "iss_svg",
        "support",
        "2024-02-20",
        "day",
        "stated",
        "",
        "hostile-plain-d",
        "1.0",
    ),
    (
        DOC_B,
        "act_bold",
        "iss_svg",
        "oppose",
        "2024-02-21",
        "day",
        "stated",
        "",
        "hostile-plain-e",
        "1.0",
    ),
]


def article_text(doc_id: str) -> str:
    """The article: every quote of the document once, in hostile surroundings."""
    quotes = [s[8] for s in STATEMENTS if s[0] == doc_id]
    opening = (
        f"{MD_HEADING} opening line\n<style>body{{display:none}}</style>\n"
        f"Markdown **outside** any quote, a [link](https://evil.example) and $math$.\n\n"
    )
    body = "\n\nMeanwhile, ".join(quotes)
    return opening + body + "\n\nThe end.\n"


def _write_csv(path: Path, header: list[str] | tuple[str, ...], rows: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_hostile_source(folder: Path) -> Path:
    """Codebook, documents.csv, articles and annotations of the hostile data set (no build)."""
    from tracker.build import ANNOTATION_COLUMNS
    from tracker.codebook import ACTOR_COLUMNS, ISSUE_COLUMNS, STANCE_COLUMNS
    from tracker.schema import DOCUMENT_COLUMNS

    folder = Path(folder)
    _write_csv(folder / "codebook" / "actors.csv", ACTOR_COLUMNS, ACTORS)
    _write_csv(folder / "codebook" / "issues.csv", ISSUE_COLUMNS, ISSUES)
    _write_csv(folder / "codebook" / "stances.csv", STANCE_COLUMNS, STANCES)
    _write_csv(folder / "documents.csv", DOCUMENT_COLUMNS, DOCUMENTS)
    for doc_id, *_ in DOCUMENTS:
        text_path = folder / "articles" / f"{doc_id}.txt"
        text_path.parent.mkdir(parents=True, exist_ok=True)
        # Bytes, not text mode: the carriage returns must reach the file as they are.
        text_path.write_bytes(article_text(doc_id).encode("utf-8"))
        rows = []
        for number, s in enumerate((s for s in STATEMENTS if s[0] == doc_id), start=1):
            _, actor, issue, stance, date, precision, attribution, by, quote, conf = s
            rows.append(
                {
                    "statement_id": f"{doc_id}-{number:03d}",
                    "actor_id": actor,
                    "issue_id": issue,
                    "stance": stance,
                    "statement_date": date,
                    "date_precision": precision,
                    "attribution": attribution,
                    "reported_by": by,
                    "quote": quote,
                    "occurrence": "",
                    "confidence": conf,
                    "coder": "human",
                    "note": f"{SCRIPT} {MD_LINK}",
                }
            )
        _write_csv(
            folder / "annotations" / f"{doc_id}.csv",
            ANNOTATION_COLUMNS,
            [[row[c] for c in ANNOTATION_COLUMNS] for row in rows],
        )
    return folder


def write_hostile_data(folder: Path) -> Path:
    """Write the hostile data folder and build its positions.parquet; returns that path."""
    from tracker.build import build

    write_hostile_source(folder)
    path, _ = build(Path(folder))
    return path


# --- Checks shared by the AppTest tests ------------------------------------------------------
# Markdown that would be live if a hostile string reached Streamlit's Markdown unescaped. The
# patterns match the data's own markup (its markers, its tags), so the app's Markdown around
# the data (**name**, :small[…], badges) never counts.
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")
_LIVE_MARKDOWN = {
    "raw HTML tag": re.compile(r"<\s*/?\s*(script|img|svg|style|b|i)\b", re.IGNORECASE),
    "bold": re.compile(r"(\*\*|__)hostile.bold"),
    "link": re.compile(r"\[hostile.link\]"),
    "colour directive": re.compile(r":red\[hostile"),
    "LaTeX": re.compile(r"\$hostile.latex"),
    "heading": re.compile(r"^\s{0,3}#{1,6}\s+hostile.heading", re.MULTILINE),
}


def live_markdown(body: str) -> list[str]:
    """The kinds of hostile Markdown that are live (not escaped) in a Markdown body."""
    live = _ESCAPED.sub("\x00", body)  # escaped characters cannot start markup
    return [kind for kind, pattern in _LIVE_MARKDOWN.items() if pattern.search(live)]


def unescape_markdown(body: str) -> str:
    """The text a reader sees for a Markdown body made only of escaped text."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", body)


# Tags and attributes that only the hostile data would put into markup.
HOSTILE_TAGS = frozenset({"script", "img", "svg", "style", "iframe", "object"})


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        names = {name.lower(): value or "" for name, value in attrs}
        if (
            tag in HOSTILE_TAGS
            or names.get("id", "").startswith("hostile")
            or any(n.startswith("data-hostile") or n.startswith("on") for n in names)
            or names.get("href", "").strip().lower().startswith("javascript")
        ):
            self.live.append(self.get_starttag_text() or tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def live_tags(markup: str) -> list[str]:
    """Hostile tags that are live (parsed as tags) in HTML or Plotly's pseudo-HTML."""
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    return parser.live


def html_text(markup: str) -> tuple[str, list[str]]:
    """The text content of an HTML fragment and the tags it opens."""
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts), parser.tags


def elements(at) -> list:
    """Every element of an AppTest run, depth first (main area, sidebar, nested blocks)."""
    found = []
    stack = [at._tree]
    while stack:
        node = stack.pop()
        found.append(node)
        children = getattr(node, "children", None) or {}
        stack.extend(reversed(list(children.values() if isinstance(children, dict) else children)))
    return found


# Element types whose value or label Streamlit renders as Markdown.
MARKDOWN_VALUES = frozenset(
    {"markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success"}
)
MARKDOWN_LABELS = frozenset(
    {
        "metric",
        "button",
        "download_button",
        "page_link",
        "link_button",
        "expander",
        "tab",
        "radio",
        "selectbox",
        "multiselect",
        "text_input",
        "number_input",
        "slider",
        "date_input",
        "checkbox",
        "toggle",
        "segmented_control",
        "pills",
    }
)


def markdown_bodies(at) -> list[tuple[str, str]]:
    """(element type, Markdown source) of everything on the page rendered as Markdown."""
    bodies = []
    for node in elements(at):
        kind = getattr(node, "type", None)
        if kind in MARKDOWN_VALUES and isinstance(getattr(node, "value", None), str):
            bodies.append((kind, node.value))
        if kind in MARKDOWN_LABELS:
            label = getattr(getattr(node, "proto", None), "label", None)
            if isinstance(label, str):
                bodies.append((f"{kind} label", label))
            if kind == "radio":  # radio options are Markdown too
                bodies += [("radio option", str(o)) for o in getattr(node, "options", [])]
    return bodies


def html_bodies(at) -> list[str]:
    """The markup of every st.html element."""
    return [n.value for n in elements(at) if getattr(n, "type", None) == "html"]


def plotly_specs(at) -> list[dict]:
    """The figure JSON of every Plotly chart on the page."""
    return [
        json.loads(n.proto.spec) for n in elements(at) if getattr(n, "type", None) == "plotly_chart"
    ]


def figure_strings(spec: dict) -> list[str]:
    """Every string of a figure that Plotly may render as pseudo-HTML (theme left out)."""
    out: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "template":
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(spec.get("data", []))
    collect(spec.get("layout", {}))
    return out


def visible_texts(at) -> list[str]:
    """What a reader of the page sees as text: Markdown, HTML text, table cells, options."""
    texts = [unescape_markdown(body) for _, body in markdown_bodies(at)]
    texts += [html_text(markup)[0] for markup in html_bodies(at)]
    for node in elements(at):
        kind = getattr(node, "type", None)
        if kind in ("code", "text", "json"):
            texts.append(str(node.value))
        elif kind == "dataframe":
            frame = node.value
            for column in frame.columns:
                texts += [str(v) for v in frame[column].tolist()]
        elif kind in ("selectbox", "multiselect", "radio"):
            texts += [str(o) for o in getattr(node, "options", [])]
    for spec in plotly_specs(at):
        texts += [html.unescape(s) for s in figure_strings(spec)]
    return texts


APP = Path(__file__).resolve().parents[1] / "app.py"
_PAGE_HASHES: dict[str, str] = {}


def page_hash(page: str) -> str:
    """The script hash under which st.navigation registers a page file (``pages/x.py``).

    Pages have their own URL paths (``head-to-head``), so AppTest's switch_page cannot find
    them before a first run; the hashes are learnt from one run and reused.
    """
    from streamlit.testing.v1 import AppTest

    target = str((APP.parent / page).resolve())
    if target not in _PAGE_HASHES:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        for script_hash, info in at._registered_pages.items():
            _PAGE_HASHES[str(Path(str(info.get("script_path"))).resolve())] = script_hash
    return _PAGE_HASHES[target]


def open_page(page: str, params: dict | None = None, *, timeout: float = 60):
    """A fresh session's first run of `page` with `params` in its link (as a browser opens it)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if params:
        at.query_params = params
    at._page_hash = page_hash(page)  # open the page itself, not the default page
    return at.run()


if __name__ == "__main__":  # python -m tests.hostile /tmp/hostile  (to look at it in the app)
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/hostile-data")
    print(write_hostile_data(target))
