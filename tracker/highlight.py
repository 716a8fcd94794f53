"""Showing untrusted text literally: document text with coded passages highlighted, and
Markdown-safe strings.

Article texts, quotes, actor names and URLs come from outside and may contain HTML, script
tags, Markdown or very long strings. Everything here escapes every piece of data before it
is placed in HTML or Markdown, so such text is shown as the characters it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker.charts import STANCE_COLORS

# Highlight backgrounds: the stance colours made translucent, so the text stays readable on
# the light and the dark theme; overlapping passages of different stances are striped.
_ALPHA = 0.4
_UNKNOWN_COLOR = "#999999"

# Markdown escaping. Backslash-escaping ASCII punctuation is always allowed by CommonMark;
# characters that only act in some positions are escaped only there, so ordinary text
# (column_names, "row 3: …", 2023-07-11) keeps its exact characters.
_ALWAYS = re.compile(r"([\\`*\[\]<>$~|&])")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_COLON = re.compile(r":(?=\S)")
_LINE_START = re.compile(r"^(\s*)([#>+=\-])", re.MULTILINE)
# An ordered-list marker is escaped at its punctuation: a backslash before a digit is no escape
# in CommonMark and would show ("\1. first"), while "1\. first" shows as "1. first".
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def escape_markdown(text: object) -> str:
    """`text` such that Streamlit's Markdown (with its :directives: and $math$) shows it literally."""
    value = "" if text is None else str(text)
    value = _ALWAYS.sub(r"\\\1", value)
    value = _UNDERSCORE.sub(r"\\_", value)
    value = _COLON.sub(r"\\:", value)
    # Headings, quotes, list items and setext underlines only act at the start of a line.
    value = _LIST_NUMBER.sub(r"\1\\\2", value)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), value)


def shorten(text: object, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    value = " ".join(("" if text is None else str(text)).split())
    if len(value) > limit:
        value = value[: max(limit - 1, 1)].rstrip() + "…"
    return value


def _rgba(hex_color: str, alpha: float = _ALPHA) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def stance_background(stance: str) -> str:
    """Translucent highlight colour of a stance (grey for anything unknown)."""
    return _rgba(STANCE_COLORS.get(stance, _UNKNOWN_COLOR))


@dataclass(frozen=True)
class Segment:
    """A stretch of text and the indices of the spans that cover it."""

    start: int
    end: int
    spans: tuple[int, ...]


def segments(length: int, starts: Sequence[int], ends: Sequence[int]) -> list[Segment]:
    """Cut [0, length) at every span boundary; each piece lists the spans covering it.

    Spans are clipped to the text; empty or inverted spans cover nothing. Overlapping and
    nested spans give pieces covered by several spans.
    """
    s = np.clip(np.asarray(starts, dtype=np.int64), 0, length)
    e = np.clip(np.asarray(ends, dtype=np.int64), 0, length)
    real = e > s
    bounds = np.unique(np.concatenate([[0, length], s[real], e[real]]))
    piece_start, piece_end = bounds[:-1], bounds[1:]
    # covers[i, j]: span j covers piece i (vectorised over pieces × spans).
    covers = (s[None, :] <= piece_start[:, None]) & (e[None, :] >= piece_end[:, None])
    covers &= real[None, :]
    return [
        Segment(int(a), int(b), tuple(int(j) for j in np.flatnonzero(row)))
        for a, b, row in zip(piece_start, piece_end, covers, strict=True)
        if b > a
    ]


def _span_label(row: pd.Series) -> str:
    reported = row.get("reported_by")
    by = f" (reported by {shorten(reported, 80)})" if isinstance(reported, str) and reported else ""
    return (
        f"{shorten(row.get('actor', ''), 80)} — {shorten(row.get('issue', ''), 80)}: "
        f"{row.get('stance', '')}{by}"
    )


def highlight_html(
    text: str,
    spans: pd.DataFrame,
    *,
    focus: str | None = None,
    start: int = 0,
    end: int | None = None,
    ellipsis: bool = False,
) -> str:
    """HTML of ``text[start:end]`` with the coded passages in `spans` highlighted.

    `spans` has ``char_start``, ``char_end``, ``stance`` and, for the hover, ``actor``,
    ``issue``, ``statement_id`` (optionally ``reported_by``); offsets refer to the whole text.
    With `ellipsis`, a window that starts or ends inside the text is marked with "…".
    Colour = stance; a passage covered by statements of different stances is striped; the
    hover (``title``) lists every statement covering it; the statement `focus` is outlined.
    Every piece of text and every attribute value is HTML-escaped.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    window = text[start:end]
    before = "… " if ellipsis and start > 0 else ""
    after = " …" if ellipsis and end < len(text) else ""
    if spans is None or spans.empty:
        return _wrap(before + html.escape(window) + after)
    starts = spans["char_start"].to_numpy(dtype=np.int64) - start
    ends = spans["char_end"].to_numpy(dtype=np.int64) - start
    stances = spans["stance"].astype(str).tolist()
    ids = (
        spans["statement_id"].astype(str).tolist() if "statement_id" in spans else [""] * len(spans)
    )
    labels = [_span_label(row) for _, row in spans.iterrows()]
    out: list[str] = []
    for piece in segments(len(window), starts, ends):
        chunk = html.escape(window[piece.start : piece.end])
        if not piece.spans:
            out.append(chunk)
            continue
        covering = sorted(set(piece.spans))
        colours = sorted({stances[j] for j in covering}, key=_stance_rank)
        if len(colours) == 1:
            background = f"background-color: {stance_background(colours[0])};"
        else:  # stripes, one band per stance present
            bands = ", ".join(
                f"{stance_background(c)} {i * 8}px, {stance_background(c)} {(i + 1) * 8}px"
                for i, c in enumerate(colours)
            )
            background = f"background: repeating-linear-gradient(135deg, {bands});"
        style = background + " color: inherit; padding: 0 1px; border-radius: 2px;"
        if len(covering) > 1:
            style += " border-bottom: 2px dotted currentColor;"
        if focus is not None and any(ids[j] == focus for j in covering):
            style += " outline: 2px solid currentColor;"
        title = html.escape("\n".join(labels[j] for j in covering), quote=True)
        data_ids = html.escape(" ".join(ids[j] for j in covering), quote=True)
        out.append(
            f'<mark style="{style}" title="{title}" data-statements="{data_ids}">{chunk}</mark>'
        )
    return _wrap(before + "".join(out) + after)


def _stance_rank(stance: str) -> int:
    order = ("oppose", "neutral", "support")
    return order.index(stance) if stance in order else len(order)


def _wrap(inner: str) -> str:
    return (
        '<div class="tracker-text" style="white-space: pre-wrap; line-height: 1.6; '
        f'overflow-wrap: anywhere;">{inner}</div>'
    )


def passage_bounds(text: str, start: int, end: int, context: int = 400) -> tuple[int, int]:
    """A window of about `context` characters either side of [start, end), cut at spaces."""
    lo = max(0, start - context)
    hi = min(len(text), end + context)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return lo, hi


def legend_html() -> str:
    """A one-line legend of the highlight colours."""
    items = "".join(
        f'<mark style="background-color: {stance_background(s)}; color: inherit; '
        f'padding: 0 4px; margin-right: 8px;">{html.escape(s)}</mark>'
        for s in ("oppose", "neutral", "support")
    )
    striped = (
        '<span style="border-bottom: 2px dotted currentColor;">dotted underline: '
        "several statements</span>"
    )
    return f"<div>{items}{striped}</div>"


_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def safe_url(value: object) -> str:
    """`value` if it is a plain http(s) address, else "" (no javascript:, data:, … links)."""
    text = "" if value is None else str(value).strip()
    if not text or len(text) > 2000 or _CONTROL.search(text):
        return ""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return text


def code_span(text: object) -> str:
    """`text` as a Markdown code span: shown literally, character for character, in monospace."""
    value = " ".join(("" if text is None else str(text)).splitlines())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {value} {fence}"
