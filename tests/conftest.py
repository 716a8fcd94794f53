"""Fixtures shared by all tests: copies of the bundled data that a test may change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker.load import DEFAULT_DATA_DIR


def copy_data(target: Path) -> Path:
    """Copy the bundled data folder (codebook, annotations, articles, documents, positions)."""
    shutil.copytree(
        DEFAULT_DATA_DIR,
        target,
        ignore=shutil.ignore_patterns("backups", "changes.jsonl", "evaluation"),
    )
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ for tests that write."""
    return copy_data(tmp_path / "data")
