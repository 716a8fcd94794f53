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


def test_extract_proposes_statements_with_and_without_the_learned_model(tmp_path: Path) -> None:
    import pandas as pd

    from tracker.load import DEFAULT_DATA_DIR

    article = DEFAULT_DATA_DIR / "evaluation" / "articles" / "eval-20260520-sybiha-seoul-visit.txt"
    learned_csv, rules_csv = tmp_path / "learned.csv", tmp_path / "rules.csv"
    for out, extra in ((learned_csv, ()), (rules_csv, ("--rules-only",))):
        result = run(
            "extract", str(article), "--published", "2026-05-20", "--out", str(out), *extra
        )
        assert result.returncode == 0, result.stderr
        assert "proposed statements" in result.stderr
    learned = pd.read_csv(learned_csv, keep_default_na=False)
    rules = pd.read_csv(rules_csv, keep_default_na=False)
    # the model places and corrects the rules' statements; it finds no speakers of its own
    assert set(learned["actor_id"]) <= set(rules["actor_id"])
    assert learned["note"].str.contains("learned from coded articles").any()
    assert not rules["note"].str.contains("learned").any()
    # the model placed statements the rules left without an issue
    assert (learned["issue_id"] == "").sum() < (rules["issue_id"] == "").sum()


def test_extract_refuses_a_bad_date() -> None:
    result = run("extract", "nowhere.txt", "--published", "11/07/2023")
    assert result.returncode == 2
    assert "not an ISO date" in result.stderr
