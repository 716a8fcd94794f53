"""AppTest fixtures: run the app on a page with a link's parameters, capture downloads,
and data sets (the coded data, a hostile one) to point the app at.

    def test_something(run_app, downloads):
        at = run_app("pages/evidence.py", {"actor": ["france"]})
        data = downloads.content("evidence_csv")   # bytes the button would download

AppTest limits (Streamlit 1.67): on a page other than the default one, the elements that
``app.py`` draws around the page (the sidebar) are missing from the element tree although
the code runs; assert on the sidebar from the default page, and on filters through
``at.session_state["tracker_filters"]`` and ``at.query_params``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tracker.load import ENV_VAR
from tracker.synthetic import SyntheticData, generate, write_dataset

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TIMEOUT = 60

# Strings that would do something if a page rendered them as HTML or Markdown, or that are
# long enough to break a layout; the hostile data set uses them as names, labels and quotes.
HOSTILE_STRINGS: tuple[str, ...] = (
    '<script>window.__injected = "script"</script>',
    '<img src="x" onerror="window.__injected = \'img\'">',
    "**bold** _italic_ [link](javascript:alert(1)) :red[red] $x^2$ <b>b</b>",
    '=HYPERLINK("http://evil.example","click")',
    "# Heading\n- item",
    "W" * 3000,
)


@dataclass
class Downloads:
    """Download buttons registered during runs: file name → callable building the file."""

    files: dict[str, Callable[[], bytes | str]] = field(default_factory=dict)
    names_by_key: dict[str, str] = field(default_factory=dict)

    def content(self, file_name_prefix: str, suffix: str = ".csv") -> bytes:
        """Bytes of the (last registered) file named ``<prefix>…<suffix>``."""
        matches = [
            name
            for name in self.files
            if name.startswith(file_name_prefix) and name.endswith(suffix)
        ]
        assert matches, f"no download named {file_name_prefix}…; have {sorted(self.files)}"
        data = self.files[matches[-1]]()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)

    def names(self) -> list[str]:
        return list(self.files)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    """Capture every download the app registers, built with the page or on a click (AppTest
    cannot click them)."""
    captured = Downloads()
    original_deferred = MediaFileManager.add_deferred
    original_add = MediaFileManager.add

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:
            captured.files[file_name] = data_callable
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    def add(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):
        if file_name and isinstance(path_or_data, bytes):
            captured.files[file_name] = lambda data=path_or_data: data
        return original_add(self, path_or_data, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    monkeypatch.setattr(MediaFileManager, "add", add)
    return captured


RunApp = Callable[..., AppTest]


@pytest.fixture
def run_app(monkeypatch: pytest.MonkeyPatch) -> RunApp:
    """Run the app once on `page` (a pages/ path, or None for the default) with a link's params."""

    def run(
        page: str | None = None,
        query: Mapping[str, str | Sequence[str]] | None = None,
        *,
        positions: str | Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> AppTest:
        if positions is not None:
            monkeypatch.setenv(ENV_VAR, str(positions))
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        if query:
            at.query_params = {k: [v] if isinstance(v, str) else list(v) for k, v in query.items()}
        if page is not None:
            at.switch_page(page)
        return at.run()

    return run


def no_exceptions(at: AppTest) -> None:
    """Fail with the exceptions' messages when a run raised."""
    assert not at.exception, [e.value for e in at.exception]


def hostile_data() -> SyntheticData:
    """A small valid data set whose names, labels, titles and quotes are hostile strings."""
    data = generate(60, n_actors=8, n_issues=4, seed=11, statements_per_document=10)
    positions = data.positions.copy()
    strings = list(HOSTILE_STRINGS)

    def hostile_categories(column: str, suffix: str) -> None:
        cats = list(positions[column].cat.categories)
        renamed = [f"{strings[i % len(strings)]} {suffix}{i}" for i in range(len(cats))]
        positions[column] = positions[column].cat.rename_categories(renamed)

    for column, suffix in (
        ("actor", "actor"),
        ("organization", "org"),
        ("issue", "issue"),
        ("proposition", "prop"),
        ("topic", "topic"),
    ):
        hostile_categories(column, suffix)

    # Each document's text starts with a hostile passage, coded as the quote of its first row.
    prefix = " ".join(s for s in HOSTILE_STRINGS if "\n" not in s) + "\n\n"
    texts = {doc: prefix + text for doc, text in data.texts.items()}
    shift = np.int32(len(prefix))
    positions["char_start"] = (positions["char_start"] + shift).astype(np.int32)
    positions["char_end"] = (positions["char_end"] + shift).astype(np.int32)
    first = ~positions["doc_id"].duplicated()
    positions.loc[first, "char_start"] = np.int32(0)
    positions.loc[first, "char_end"] = np.int32(len(prefix) - 2)
    positions["quote"] = positions["quote"].astype(object)
    positions.loc[first, "quote"] = prefix[:-2]
    positions["quote"] = positions["quote"].astype("str")

    documents = data.documents.copy()
    documents["title"] = [f"{strings[i % len(strings)]} title {i}" for i in range(len(documents))]
    documents["outlet"] = HOSTILE_STRINGS[1]
    documents["notes"] = HOSTILE_STRINGS[2]
    documents["url"] = "javascript:alert(document.cookie)"
    return SyntheticData(positions, documents, texts)


@pytest.fixture(scope="session")
def hostile_positions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """positions.parquet of :func:`hostile_data` (with documents.csv and articles/ beside it)."""
    from tracker.validate import validate_file

    path = write_dataset(hostile_data(), tmp_path_factory.mktemp("hostile"))
    problems = validate_file(path)
    assert not problems, [str(p) for p in problems]
    return path


@pytest.fixture(scope="session")
def coded_positions() -> pd.DataFrame:
    """The bundled coded data, as the app loads it."""
    from tracker.load import load_positions

    return load_positions(ROOT / "data" / "positions.parquet")
