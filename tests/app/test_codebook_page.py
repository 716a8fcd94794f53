"""The Codebook page: actors and issues with definitions and counts, the stance scale (AppTest)."""

from __future__ import annotations

import io

import pandas as pd

from tests.app.conftest import ROOT, no_exceptions
from tracker.codebook import load_codebook
from tracker.filters import Filters

PAGE = "pages/codebook.py"


def frames(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def test_default_view_defines_every_actor_and_issue_with_counts(run_app, coded_positions):
    at = run_app(PAGE)
    no_exceptions(at)
    actors, issues, stances = frames(at)
    codebook = load_codebook(ROOT / "data")
    assert set(codebook.actors["actor_id"]) <= set(actors["Id"])
    assert set(codebook.issues["issue_id"]) <= set(issues["Id"])
    stoltenberg = actors.set_index("Id").loc["stoltenberg"]
    assert stoltenberg["Name"] == "Jens Stoltenberg"
    assert "NATO chief" in stoltenberg["Aliases"] and stoltenberg["Description"]
    counts = coded_positions["actor_id"].astype(str).value_counts()
    assert stoltenberg["All"] == stoltenberg["Statements"] == counts["stoltenberg"]
    assert issues["Proposition"].str.len().gt(0).all()
    assert stances["Stance"].tolist() == ["oppose", "neutral", "support"]
    assert stances["Score"].tolist() == [-1, 0, 1]


def test_a_link_counts_only_the_matching_statements(run_app, coded_positions):
    at = run_app(PAGE, {"stance": "oppose"})
    no_exceptions(at)
    actors, issues, stances = frames(at)
    oppose = Filters(stances=("oppose",)).apply(coded_positions)
    assert actors["Statements"].sum() == len(oppose)
    assert actors["All"].sum() == len(coded_positions)
    assert dict(zip(stances["Stance"], stances["Statements"], strict=True)) == {
        "oppose": len(oppose),
        "neutral": 0,
        "support": 0,
    }


def test_filters_that_match_nothing_count_zero_and_keep_the_definitions(run_app):
    at = run_app(PAGE, {"actor": "macron", "stance": "support"})
    no_exceptions(at)
    actors, issues, _ = frames(at)
    assert actors["Statements"].sum() == 0 and actors["All"].sum() > 0
    assert len(issues) > 0


def test_downloads_hold_the_tables(run_app, downloads):
    at = run_app(PAGE)
    no_exceptions(at)
    actors = pd.read_csv(
        io.BytesIO(downloads.content("codebook-actors_all_")), keep_default_na=False
    )
    assert actors["Id"].tolist() == frames(at)[0]["Id"].tolist()
    issues = pd.read_csv(
        io.BytesIO(downloads.content("codebook-issues_all_")), keep_default_na=False
    )
    assert "Proposition" in issues.columns and len(issues) == len(frames(at)[1])


def test_the_zip_of_a_table_cites_the_documents_behind_the_counts(run_app, downloads):
    import json
    import zipfile

    at = run_app(PAGE, {"actor": "france"})
    no_exceptions(at)
    archive = zipfile.ZipFile(io.BytesIO(downloads.content("codebook-actors_", ".zip")))
    meta = json.loads(archive.read("metadata.json"))
    assert [d["doc_id"] for d in meta["documents"]] == ["cnn-20230711-nato-asia-pacific"]
    assert meta["documents"][0]["outlet"] == "CNN"
    assert meta["filters"] == {"actor": ["france"]}
