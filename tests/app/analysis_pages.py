"""Helpers for the AppTest tests of the analysis pages (Overview, Agreement, Head-to-head, Timeline)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")

# Filters that keep no row of the bundled data: France never supported the Tokyo office.
NOTHING_MATCHES = {"actor": "france", "issue": "nato_tokyo_office", "stance": "support"}


def open_page(page: str, params: Mapping[str, str | Sequence[str]] | None = None) -> AppTest:
    """Run the app on `page` (a file in pages/) as if opened from a link with `params`."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()  # the app registers its pages (and reads the link's filters) on the first run
    if page != "overview":
        assert not at.exception, [e.message for e in at.exception]
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """All headings, captions, Markdown and metric text on the page, as one string."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning")
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def csv_frame(data: bytes) -> pd.DataFrame:
    """A downloaded CSV as a frame of strings."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


HOSTILE = "<script>alert(1)</script> **bold** [link](javascript:alert(1)) :red[x] $x$"


def hostile_copy(data_dir: Path) -> Path:
    """The bundled data with France's and the Tokyo office's names replaced by hostile text."""
    from tracker.build import write_positions
    from tracker.load import load_positions

    path = data_dir / "positions.parquet"
    frame = load_positions(path)
    for column, old in (("actor", "France"), ("issue", "NATO liaison office in Tokyo")):
        values = (
            frame[column].astype(str).where(frame[column].astype(str) != old, f"{old} {HOSTILE}")
        )
        frame[column] = values.astype("category")
    write_positions(frame, path)
    return path
