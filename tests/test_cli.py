"""`python -m tracker build` as an analyst runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, check=False
    )


def test_build_writes_the_file_and_says_what_is_in_it(data_copy: Path) -> None:
    out = data_copy / "rebuilt.parquet"
    result = run("build", "--data-dir", str(data_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "34 statements" in result.stdout and "19 actors" in result.stdout
    # Same inputs, same bytes as the bundled file built by the same code.
    assert out.read_bytes() == (data_copy / "positions.parquet").read_bytes()
    assert run("validate", str(out)).returncode == 0


def test_build_with_a_bad_annotation_exits_non_zero_and_names_it(data_copy: Path) -> None:
    path = next((data_copy / "annotations").glob("*.csv"))
    path.write_text(
        path.read_text(encoding="utf-8").replace(",macron,", ",emmanuel,", 1), encoding="utf-8"
    )
    result = run("build", "--data-dir", str(data_copy))
    assert result.returncode == 1
    assert "unknown actor 'emmanuel'" in result.stderr
    assert str(path) in result.stderr
