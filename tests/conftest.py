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


def copy_data_with_held_out(target: Path, count: int = 2) -> Path:
    """`copy_data` with the first `count` held-out articles, enough to train the learned models."""
    import pandas as pd

    data = copy_data(target)
    held_out = DEFAULT_DATA_DIR / "evaluation"
    documents = pd.read_csv(held_out / "documents.csv", dtype=str, keep_default_na=False)
    keep = documents.iloc[:count]
    for sub in ("articles", "annotations"):
        (data / "evaluation" / sub).mkdir(parents=True)
    for doc_id in keep["doc_id"]:
        shutil.copy(held_out / "articles" / f"{doc_id}.txt", data / "evaluation" / "articles")
        shutil.copy(held_out / "annotations" / f"{doc_id}.csv", data / "evaluation" / "annotations")
    keep.to_csv(data / "evaluation" / "documents.csv", index=False)
    return data


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ for tests that write."""
    return copy_data(tmp_path / "data")
