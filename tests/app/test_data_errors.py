"""A broken positions file shows its problems on the page, never a traceback (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_validate import CASES
from tracker.load import ENV_VAR

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.mark.parametrize("case", list(CASES))
def test_app_shows_each_problem_as_an_error(
    case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer, message, row, column = CASES[case]
    path = writer(data_copy / "positions.parquet")
    monkeypatch.setenv(ENV_VAR, str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert message in errors
    if row is not None:
        assert f"row {row}" in errors
    if column is not None:
        assert f"column {column}" in errors


def test_missing_file_names_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "positions.parquet"
    monkeypatch.setenv(ENV_VAR, str(missing))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert str(missing) in errors and "file not found" in errors
