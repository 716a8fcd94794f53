"""CSV extracts: formula neutralisation, names, provenance ZIP, and `python -m tracker export`."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import numpy as np
import pandas as pd
import pytest

from tracker.cli import main
from tracker.export import (
    csv_bytes,
    export_csv,
    export_file_name,
    extract_frame,
    neutralise_formulas,
    provenance_zip,
)
from tracker.filters import Filters, search_quotes
from tracker.load import load_positions
from tracker.schema import COLUMN_DESCRIPTIONS, COLUMN_NAMES
from tracker.synthetic import generate, write_dataset

RISKY = ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']
SAFE = ["plain", " =leading space", "a=b", "", "1-2", "'quoted"]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    path = write_dataset(generate(600, n_actors=15, n_issues=6, seed=3), folder)
    return path, load_positions(path)


def test_formula_like_text_cells_get_a_quote_prefix_and_nothing_else_changes():
    frame = pd.DataFrame(
        {
            "text": pd.Series(RISKY + SAFE, dtype="str"),
            "cat": pd.Categorical(RISKY + SAFE),
            "obj": pd.Series(RISKY + SAFE, dtype=object),
            "number": np.arange(len(RISKY + SAFE)) - 5,
        }
    )
    out = neutralise_formulas(frame)
    expected = ["'" + v for v in RISKY] + SAFE
    for column in ("text", "cat", "obj"):
        assert out[column].astype(str).tolist() == expected
    assert out["number"].tolist() == frame["number"].tolist()  # negative numbers stay numbers


def test_categories_that_collide_after_neutralising_stay_distinct_rows():
    frame = pd.DataFrame({"c": pd.Categorical(["=x", "'=x", None])})
    assert neutralise_formulas(frame)["c"].tolist() == ["'=x", "'=x", None]


def test_csv_reads_back_to_the_same_text_with_hostile_quotes():
    quotes = [
        'He said "no", twice',
        "line one\nline two",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
    ]
    frame = pd.DataFrame({"quote": pd.Series(quotes, dtype="str"), "n": [1, 2, 3, 4]})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), keep_default_na=False)
    assert back["quote"].tolist() == quotes[:3] + ["'" + quotes[3]]
    assert back["n"].tolist() == [1, 2, 3, 4]


def test_extract_has_contract_columns_in_order_and_iso_dates(dataset):
    _, frame = dataset
    out = extract_frame(frame.iloc[:5])
    assert list(out.columns) == list(COLUMN_NAMES)
    assert out["statement_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_file_names_say_view_filters_and_date():
    f = Filters(actors=("france",))
    name = export_file_name("Head-to-head", f, dt.date(2023, 7, 11))
    assert name == f"head-to-head_{f.digest()}_2023-07-11.csv"
    assert (
        export_file_name("evidence", Filters(), dt.date(2024, 1, 2))
        == "evidence_all_2024-01-02.csv"
    )


def test_command_line_export_equals_the_dashboard_extract(dataset, tmp_path, capsys):
    path, frame = dataset
    actors = sorted(frame["actor_id"].astype(str).unique())[:3]
    f = Filters(actors=tuple(actors), stances=("support", "oppose"), min_confidence=0.7)
    out = tmp_path / "out.csv"
    args = ["export", "--positions", str(path), "--out", str(out), "--stance", "support"]
    args += ["--stance", "oppose", "--min-confidence", "0.7"]
    for actor in actors:
        args += ["--actor", actor]
    assert main(args) == 0
    expected = export_csv(frame, f)
    assert out.read_bytes() == expected
    # The dashboard's download writes the filtered rows through the same function.
    assert csv_bytes(f.apply(frame)) == expected
    rows = pd.read_csv(out)
    assert len(rows) == len(f.apply(frame)) > 0
    assert f"wrote {len(rows)} rows" in capsys.readouterr().err


def test_command_line_reads_a_dashboard_link_and_reports_dropped_values(dataset, tmp_path, capsys):
    path, frame = dataset
    actor = str(frame["actor_id"].iloc[0])
    out = tmp_path / "link.csv"
    link = f"http://localhost:8501/evidence?actor={actor}&actor=nobody&q=said&a=x&measure=kappa"
    assert main(["export", "--positions", str(path), "--out", str(out), "--link", link]) == 0
    f = Filters(actors=(actor,))
    assert out.read_bytes() == csv_bytes(search_quotes(f.apply(frame), "said"))
    err = capsys.readouterr().err
    assert "'nobody'" in err
    assert "measure" not in err  # page controls of a link are not filters, and not errors


def test_command_line_reports_a_broken_file_without_traceback(tmp_path, capsys):
    bad = tmp_path / "positions.parquet"
    bad.write_bytes(b"not parquet")
    assert main(["export", "--positions", str(bad), "--out", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(tmp_path) in err


def test_provenance_zip_holds_what_is_needed_to_cite_the_extract(dataset):
    path, frame = dataset
    documents = pd.read_csv(path.parent / "documents.csv", dtype=str)
    f = Filters(stances=("oppose",))
    rows = f.apply(frame)
    now = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    link = "https://tracker.example/evidence?stance=oppose"
    data = provenance_zip(
        rows,
        view="evidence",
        filters=f,
        link=link,
        data_path=str(path),
        documents=documents,
        now=now,
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    csv_name = f"evidence_{f.digest()}_2024-05-06.csv"
    assert sorted(archive.namelist()) == sorted([csv_name, "metadata.json", "README.txt"])
    assert archive.read(csv_name) == csv_bytes(rows)
    meta = json.loads(archive.read("metadata.json"))
    assert meta["link"] == link
    assert meta["filters"] == {"stance": ["oppose"]}
    assert meta["created"] == "2024-05-06T07:08:09Z"
    assert meta["rows"] == len(rows)
    assert meta["data_file"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert meta["columns"]["quote"] == COLUMN_DESCRIPTIONS["quote"]
    cited = {d["doc_id"] for d in meta["documents"]}
    assert cited == set(rows["doc_id"].astype(str))
    first = meta["documents"][0]
    assert first["title"].startswith("Synthetic document") and "outlet" in first and "url" in first
    readme = archive.read("README.txt").decode()
    assert csv_name in readme and "metadata.json" in readme
    # Same inputs, same bytes: an extract can be re-made and compared.
    again = provenance_zip(
        rows,
        view="evidence",
        filters=f,
        link=link,
        data_path=str(path),
        documents=documents,
        now=now,
    )
    assert again == data


def test_a_table_without_doc_id_cites_the_documents_it_summarises(dataset):
    path, frame = dataset
    documents = pd.read_csv(path.parent / "documents.csv", dtype=str)
    matrix = frame.groupby("actor_id", observed=True).size().rename("statements").reset_index()
    some = sorted(frame["doc_id"].astype(str).unique())[:2]
    data = provenance_zip(
        matrix,
        view="agreement",
        filters=Filters(),
        link="x",
        data_path=str(path),
        documents=documents,
        doc_ids=some,
    )
    meta = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("metadata.json"))
    assert [d["doc_id"] for d in meta["documents"]] == some
    assert meta["documents"][0]["title"].startswith("Synthetic document")
    assert meta["columns"]["statements"] == ""  # not a contract column: no meaning claimed
