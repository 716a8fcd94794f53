"""The review table: defaults, the checks before saving, and codebook additions."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tracker.extract import extract
from tracker.extract.review import (
    accepted_annotations,
    check_new_actors,
    check_review,
    extend_codebook,
    passage_row,
    proposed_actors,
    review_table,
    suggest_doc_id,
)

TEXT = (
    "Albanese said Australia would buy nuclear-powered submarines.\n\n"
    "Chinese foreign ministry spokeswoman Mao Ning rejected any liaison office in Tokyo.\n\n"
    "Albanese said the weather was fine."
)
PUBLISHED = dt.date(2023, 7, 11)


def proposals(codebook) -> pd.DataFrame:
    return extract(TEXT, PUBLISHED, codebook, "doc")


def test_rows_with_an_issue_start_accepted(codebook) -> None:
    table = review_table(proposals(codebook))
    assert list(table["accept"]) == [True, True, False]
    assert list(table["issue_id"]) == ["aukus_submarines", "nato_office", ""]


def test_new_actors_are_offered_for_the_codebook(codebook) -> None:
    new = proposed_actors(proposals(codebook))
    assert new.to_dict("records") == [
        {
            "add": True,
            "actor_id": "mao_ning",
            "name": "Mao Ning",
            "actor_type": "person",
            "organization": "China",
            "role": "Chinese foreign ministry spokeswoman",
        }
    ]


def test_checks_name_row_and_column(codebook) -> None:
    table = review_table(proposals(codebook))
    problems = check_review(table, TEXT, codebook)
    # Mao Ning is not in the codebook until added
    assert [(p.row, p.column) for p in problems] == [("2", "actor_id")]
    extended = extend_codebook(codebook, proposed_actors(proposals(codebook)), pd.DataFrame())
    assert check_review(table, TEXT, extended) == []

    broken = table.copy()
    broken.loc[0, "quote"] = "Albanese said Australia would buy ships."
    broken.loc[1, "attribution"] = "reported"
    broken.loc[2, "accept"] = True  # accepted without an issue
    found = {(p.row, p.column) for p in check_review(broken, TEXT, extended)}
    assert found == {("1", "quote"), ("2", "reported_by"), ("3", "issue_id")}


def test_nothing_accepted_is_a_problem(codebook) -> None:
    table = review_table(proposals(codebook)).assign(accept=False)
    [problem] = check_review(table, TEXT, codebook)
    assert "no row is accepted" in str(problem)


def test_new_issue_and_actor_extend_the_codebook(codebook) -> None:
    issues = pd.DataFrame(
        [
            {
                "issue_id": "weather",
                "label": "Weather",
                "proposition": "The weather is fine",
                "topic": "Misc",
                "cues": "weather|sunny",
            }
        ]
    )
    extended = extend_codebook(codebook, pd.DataFrame(), issues)
    assert extended.issues.iloc[-1]["cues"] == ["weather", "sunny"]
    table = review_table(extract(TEXT, PUBLISHED, extended, "doc"))
    assert "weather" in set(table["issue_id"])


def test_bad_new_actor_is_refused(codebook) -> None:
    new = proposed_actors(proposals(codebook)).assign(actor_id="Mao Ning", actor_type="alien")
    columns = {p.column for p in check_new_actors(new, codebook)}
    assert columns == {"actor_id", "actor_type"}


def test_accepted_rows_keep_the_extractor_as_coder_unless_changed(codebook) -> None:
    table = review_table(proposals(codebook))
    original = table.copy()
    edited = table.copy()
    edited.loc[1, "stance"] = "neutral"  # the analyst corrects the stance
    edited = pd.concat([edited, pd.DataFrame([passage_row("Albanese said", PUBLISHED)])])
    edited = edited.reset_index(drop=True)
    original = pd.concat([original, pd.DataFrame([passage_row("Albanese said", PUBLISHED)])])
    original = original.reset_index(drop=True)
    rows = accepted_annotations(edited, original)
    assert list(rows["coder"]) == [table.loc[0, "coder"], "human", "human"]
    assert "accept" not in rows.columns


def test_suggested_document_id() -> None:
    assert (
        suggest_doc_id("The Japan Times", dt.date(2023, 7, 13), "NATO & Japan: a new deal!")
        == "the-japan-times-20230713-nato-japan-a-new-deal"
    )
