"""The codebook files: actors, issues, stance scale."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.build import build_positions
from tracker.codebook import load_codebook, write_codebook
from tracker.load import DEFAULT_DATA_DIR
from tracker.problems import DataError


def test_codebook_reads_with_lists() -> None:
    codebook = load_codebook(DEFAULT_DATA_DIR)
    stoltenberg = codebook.actors.set_index("actor_id").loc["stoltenberg"]
    assert stoltenberg["organization"] == "NATO"
    assert "NATO chief" in stoltenberg["aliases"]
    office = codebook.issues.set_index("issue_id").loc["nato_tokyo_office"]
    assert office["proposition"] == "NATO should open a liaison office in Tokyo"
    assert "liaison office" in office["cues"]
    assert dict(zip(codebook.stances["stance"], codebook.stances["score"], strict=True)) == {
        "support": 1,
        "neutral": 0,
        "oppose": -1,
    }


def test_codebook_round_trips_byte_for_byte() -> None:
    codebook = load_codebook(DEFAULT_DATA_DIR)
    for path, data in write_codebook(codebook, DEFAULT_DATA_DIR).items():
        assert path.read_bytes() == data, path


def test_unknown_actor_type_is_named(data_copy: Path) -> None:
    path = data_copy / "codebook" / "actors.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",person,NATO,", ",wizard,NATO,", 1),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        build_positions(data_copy)
    assert any(
        p.row == "stoltenberg" and p.column == "actor_type" and "wizard" in p.message
        for p in error.value.problems
    )


def test_duplicate_issue_id_is_named(data_copy: Path) -> None:
    path = data_copy / "codebook" / "issues.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_codebook(data_copy)
    assert [str(p) for p in error.value.problems] == [
        f"{path}, row nato_tokyo_office, column issue_id: duplicate id"
    ]
