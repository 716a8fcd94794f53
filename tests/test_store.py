"""Saving an article: the files it writes, the rebuild, the change log, undo, and failures."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from tracker import store
from tracker.codebook import load_codebook
from tracker.extract.review import extend_codebook
from tracker.load import load_positions

TEXT = (
    "Australian Prime Minister Anthony Albanese said on Monday that Canberra wants closer "
    "ties with NATO's Pacific partners.\n\n"
    "=Chinese foreign ministry spokeswoman Mao Ning said there is no role for NATO in Asia."
)
ARTICLE = store.Article(
    doc_id="test-20230711-albanese",
    title='=HYPERLINK("http://evil")',
    outlet="Test Wire",
    url="https://example.org/a",
    published=dt.date(2023, 7, 11),
    text=TEXT,
)


def annotations() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "actor_id": "albanese",
                "issue_id": "nato_asia_pacific_partnership",
                "stance": "support",
                "statement_date": dt.date(2023, 7, 10),
                "date_precision": "day",
                "attribution": "stated",
                "reported_by": "",
                "quote": "Canberra wants closer ties with NATO's Pacific partners",
                "confidence": 0.9,
                "coder": "human",
                "note": "@note",
            },
            {
                "actor_id": "mao_ning",
                "issue_id": "nato_asia_pacific_role",
                "stance": "oppose",
                "statement_date": dt.date(2023, 7, 11),
                "date_precision": "published",
                "attribution": "stated",
                "reported_by": "",
                "quote": "there is no role for NATO in Asia",
                "confidence": 0.8,
                "coder": "human",
                "note": "",
            },
        ]
    )


def codebook_with_mao(data_dir: Path):
    new = pd.DataFrame(
        [
            {
                "add": True,
                "actor_id": "mao_ning",
                "name": "Mao Ning",
                "actor_type": "person",
                "organization": "China",
                "role": "Foreign ministry spokeswoman",
            }
        ]
    )
    return extend_codebook(load_codebook(data_dir), new, pd.DataFrame())


def snapshot(data_dir: Path) -> dict[str, str]:
    """Every data file's bytes (as a digest), leaving out backups and the change log."""
    return {
        str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and "backups" not in p.parts and p.name != store.CHANGE_LOG
    }


def test_save_writes_everything_and_rebuilds(data_copy: Path) -> None:
    before = len(load_positions(data_copy / "positions.parquet"))
    result = store.save_article(
        data_copy, ARTICLE, annotations(), codebook_with_mao(data_copy), who="tester"
    )
    assert (data_copy / "articles" / f"{ARTICLE.doc_id}.txt").read_text() == TEXT
    positions = load_positions(data_copy / "positions.parquet")
    assert len(positions) == before + 2
    added = positions[positions["doc_id"] == ARTICLE.doc_id]
    assert set(added["actor_id"]) == {"albanese", "mao_ning"}
    assert list(added["statement_id"]) == [f"{ARTICLE.doc_id}-001", f"{ARTICLE.doc_id}-002"]
    mao = added[added["actor_id"] == "mao_ning"].iloc[0]
    assert (mao["actor"], mao["organization"]) == ("Mao Ning", "China")
    # text that a spreadsheet would run is neutralised in the CSV files
    documents = (data_copy / "documents.csv").read_text()
    assert "'=HYPERLINK" in documents
    assert "'@note" in (data_copy / "annotations" / f"{ARTICLE.doc_id}.csv").read_text()
    # the change log says who, when and what; the replaced files are backed up
    [entry] = store.read_changes(data_copy)
    assert entry["who"] == "tester" and entry["action"] == "save"
    assert "positions.parquet" in entry["replaced"] and "codebook/actors.csv" in entry["replaced"]
    assert f"articles/{ARTICLE.doc_id}.txt" in entry["created"]
    assert (data_copy / entry["backup"] / "positions.parquet").exists()
    assert result.entry == entry


def test_undo_restores_the_files_byte_for_byte(data_copy: Path) -> None:
    before = snapshot(data_copy)
    store.save_article(data_copy, ARTICLE, annotations(), codebook_with_mao(data_copy), "tester")
    assert snapshot(data_copy) != before
    result = store.undo(data_copy, "tester")
    assert snapshot(data_copy) == before
    assert result.entry["action"] == "undo"
    with pytest.raises(store.SaveError, match="nothing to undo"):
        store.undo(data_copy, "tester")


# a save swaps five files here (article, annotations, documents, actors, positions)
@pytest.mark.parametrize("failing_call", [1, 2, 3, 4, 5])
def test_an_interrupted_save_leaves_the_old_files_byte_identical(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    before = snapshot(data_copy)
    calls = {"n": 0}
    real_replace = store._replace

    def interrupted(source: Path, target: Path) -> None:
        calls["n"] += 1
        if calls["n"] == failing_call:
            raise OSError("forced failure midway through the save")
        real_replace(source, target)

    monkeypatch.setattr(store, "_replace", interrupted)
    with pytest.raises(store.SaveError, match="forced failure"):
        store.save_article(
            data_copy, ARTICLE, annotations(), codebook_with_mao(data_copy), "tester"
        )
    assert calls["n"] == failing_call
    assert snapshot(data_copy) == before
    assert store.read_changes(data_copy) == []
    assert not list(data_copy.rglob("*.tmp"))


def test_a_failing_change_log_undoes_the_swapped_files(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(data_copy)

    def full_disk(log: Path, entry: dict) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(store, "_append_log", full_disk)
    with pytest.raises(store.SaveError, match="no space left"):
        store.save_article(
            data_copy, ARTICLE, annotations(), codebook_with_mao(data_copy), "tester"
        )
    assert snapshot(data_copy) == before
    assert not (data_copy / "backups").exists() or not any((data_copy / "backups").iterdir())


def test_a_failing_rebuild_writes_nothing(data_copy: Path) -> None:
    before = snapshot(data_copy)
    rows = annotations()
    rows.loc[0, "quote"] = "words that are not in the article"
    with pytest.raises(store.SaveError) as error:
        store.save_article(data_copy, ARTICLE, rows, codebook_with_mao(data_copy), "tester")
    assert any("quote not found" in str(p) for p in error.value.problems)
    assert snapshot(data_copy) == before


def test_unknown_actor_is_refused(data_copy: Path) -> None:
    with pytest.raises(store.SaveError) as error:
        store.save_article(data_copy, ARTICLE, annotations(), load_codebook(data_copy), "tester")
    assert any("mao_ning" in str(p) and p.column == "actor_id" for p in error.value.problems)


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"doc_id": "Bad Id!"}, "doc_id"),
        ({"doc_id": "cnn-20230711-nato-asia-pacific"}, "doc_id"),  # exists already
        ({"text": "   "}, "text"),
        ({"text": "x" * (store.MAX_TEXT_CHARS + 1)}, "text"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_article_is_refused_before_writing(data_copy: Path, change: dict, column: str) -> None:
    article = store.Article(**{**ARTICLE.__dict__, **change})
    before = snapshot(data_copy)
    with pytest.raises(store.SaveError) as error:
        store.save_article(data_copy, article, annotations(), codebook_with_mao(data_copy), "t")
    assert column in {p.column for p in error.value.problems}
    assert snapshot(data_copy) == before


def test_change_log_is_appended(data_copy: Path) -> None:
    codebook = codebook_with_mao(data_copy)
    store.save_article(data_copy, ARTICLE, annotations(), codebook, "first")
    second = store.Article(**{**ARTICLE.__dict__, "doc_id": "test-second"})
    store.save_article(data_copy, second, annotations(), load_codebook(data_copy), "second")
    lines = (data_copy / store.CHANGE_LOG).read_text().splitlines()
    assert [json.loads(line)["who"] for line in lines] == ["first", "second"]
    store.undo(data_copy, "third")
    assert (data_copy / "articles" / "test-20230711-albanese.txt").exists()
    assert not (data_copy / "articles" / "test-second.txt").exists()


def test_one_save_at_a_time(data_copy: Path) -> None:
    with store._locked(data_copy), pytest.raises(store.SaveError, match="another save"):
        store.save_article(
            data_copy, ARTICLE, annotations(), codebook_with_mao(data_copy), "tester"
        )
    assert not (data_copy / "articles" / f"{ARTICLE.doc_id}.txt").exists()
