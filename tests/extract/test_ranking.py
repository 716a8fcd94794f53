"""The ranker: which proposals start accepted, and a statement's second issue."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.extract.test_learned import toy_examples
from tracker.evaluate import score
from tracker.extract.learned import StatementModel
from tracker.extract.ranking import (
    KEEP_RULES_FROM,
    SUGGEST_FROM,
    Ranker,
    candidates,
    labelled,
    suggest,
    triples,
)
from tracker.extract.review import review_table

FRIGATES = "Frigates joined exercises in the South China Sea."
RAIN = "Rain fell over the harbour on Tuesday."
BOTH = "Warships will sail to the office in Tokyo, and frigates joined exercises."


def proposal(doc_id: str, actor: str, quote: str, issue: str, stance: str, start: int) -> dict:
    return {
        "doc_id": doc_id,
        "actor_id": actor,
        "quote": quote,
        "issue_id": issue,
        "stance": stance,
        "confidence": 0.6,
        "note": "cue: said",
        "attribution": "stated",
        "actor_is_new": False,
        "actor_type": "state",
        "char_start": start,
        "statement_date": "2024-05-02",
        "date_precision": "published",
        "reported_by": None,
        "coder": "stance-extractor",
    }


def article(doc_id: str) -> list[dict]:
    """Three statements: one right, one the rules misread, one carrying two issues."""
    return [
        proposal(doc_id, "aland", FRIGATES, "presence", "support", 0),
        proposal(doc_id, "borduria", RAIN, "tokyo_office", "support", 60),
        proposal(doc_id, "carpania", BOTH, "tokyo_office", "support", 120),
    ]


def coding(doc_id: str) -> list[dict]:
    """What an analyst coded in `article`: the misread statement is not there, the double one twice."""
    return [
        {"doc_id": doc_id, "actor_id": "aland", "issue_id": "presence", "stance": "support"},
        {"doc_id": doc_id, "actor_id": "carpania", "issue_id": "tokyo_office", "stance": "support"},
        {"doc_id": doc_id, "actor_id": "carpania", "issue_id": "presence", "stance": "support"},
    ]


@pytest.fixture(scope="module")
def model() -> StatementModel:
    model = StatementModel.fit(toy_examples(repeat=30))
    read = pd.DataFrame([row for n in range(12) for row in article(f"t{n}")])
    gold = pd.DataFrame([row for n in range(12) for row in coding(f"t{n}")])
    found = labelled(triples(candidates(read, model)), gold)
    model.ranker = Ranker.fit(found)
    return model


def test_candidates_are_the_rules_reading_and_other_issues_the_model_sees(model) -> None:
    found = candidates(pd.DataFrame(article("x")), model)
    readings = set(found[["actor_id", "issue_id", "rule"]].itertuples(index=False, name=None))
    assert ("borduria", "tokyo_office", True) in readings  # the rules' reading, however unlikely
    assert ("carpania", "presence", False) in readings  # a second issue of the same words
    assert ("aland", "tokyo_office", False) not in readings  # an issue the model gives no chance


def test_a_reading_said_twice_counts_two_statements(model) -> None:
    rows = article("x") + [proposal("x", "aland", FRIGATES, "presence", "support", 200)]
    found = triples(candidates(pd.DataFrame(rows), model)).set_index(["actor_id", "issue_id"])
    assert found.loc[("aland", "presence"), "statements"] == 2
    assert found.loc[("borduria", "tokyo_office"), "statements"] == 1


def test_readings_analysts_rarely_keep_start_unticked_with_a_note(model) -> None:
    out = suggest(pd.DataFrame(article("new")), model)
    rain = out[out["actor_id"] == "borduria"].iloc[0]
    assert not rain["suggested"]
    assert rain["confidence"] < KEEP_RULES_FROM
    assert "left unticked" in rain["note"]
    frigates = out[out["actor_id"] == "aland"].iloc[0]
    assert frigates["suggested"] and frigates["confidence"] >= KEEP_RULES_FROM
    # the unticked row is still offered, and the review table starts it unaccepted
    table = review_table(out)
    assert table.loc[out.index[out["actor_id"] == "borduria"][0], "accept"] == False  # noqa: E712


def test_a_second_issue_of_the_same_words_is_added_as_its_own_row(model) -> None:
    out = suggest(pd.DataFrame(article("new")), model)
    carpania = out[out["actor_id"] == "carpania"]
    assert set(carpania["issue_id"]) == {"tokyo_office", "presence"}
    added = carpania[carpania["issue_id"] == "presence"].iloc[0]
    assert added["suggested"] and added["quote"] == BOTH
    assert added["confidence"] >= SUGGEST_FROM
    assert "beside the rules' reading" in added["note"]


def test_an_unassigned_statement_takes_the_reading_itself(model) -> None:
    rows = article("new")
    rows[0]["issue_id"] = rows[0]["stance"] = ""
    out = suggest(pd.DataFrame(rows), model)
    aland = out[out["actor_id"] == "aland"]
    assert len(aland) == 1  # no copy: the statement itself is placed
    assert aland.iloc[0]["issue_id"] == "presence" and aland.iloc[0]["suggested"]
    assert "analysts kept in readings like this" in aland.iloc[0]["note"]
    assert "beside the rules' reading" not in aland.iloc[0]["note"]  # the rules read no issue


def test_without_a_ranker_every_placed_proposal_is_suggested() -> None:
    rows = article("new")
    rows[0]["issue_id"] = ""
    out = suggest(pd.DataFrame(rows), StatementModel.fit(toy_examples()))
    assert out["suggested"].tolist() == [False, True, True]
    assert out["confidence"].tolist() == [0.6, 0.6, 0.6]


def test_the_evaluation_scores_only_what_starts_accepted(model) -> None:
    out = suggest(pd.DataFrame(article("new")), model)
    gold = pd.DataFrame(coding("new")).assign(
        statement_date="2024-05-02", date_precision="published"
    )
    scored = score(out, gold).iloc[0]
    assert scored["fp"] == 0  # the unticked misreading is not counted against the extractor
    assert scored["tp"] == 3


def test_an_issue_no_coded_article_has_is_left_as_the_rules_read_it(model) -> None:
    rows = article("new")
    rows[2]["issue_id"] = "aukus"  # new in the codebook: the models know nothing of it
    out = suggest(pd.DataFrame(rows), model)
    aukus = out[out["issue_id"] == "aukus"].iloc[0]
    assert aukus["suggested"] and aukus["confidence"] == 0.6
    assert "left unticked" not in aukus["note"]


def test_an_added_reading_never_contradicts_a_suggested_one(model) -> None:
    rows = article("new") + [
        # the same actor, unassigned, in words the model reads as the opposite stance
        proposal("new", "aland", "They rejected the office in Tokyo outright.", "", "", 200),
        proposal("new", "aland", "An office in Tokyo is a good idea, he argued.", "", "", 300),
    ]
    out = suggest(pd.DataFrame(rows), model)
    kept = out[out["suggested"] & (out["actor_id"] == "aland")]
    assert kept.groupby("issue_id")["stance"].nunique().max() == 1


def test_repeated_index_labels_and_speakerless_rows_are_handled(model) -> None:
    frame = pd.DataFrame(article("new"), index=[5, 5, 7])
    out = suggest(frame, model)
    assert len(out) >= 3 and out.index.is_unique
    nobody = pd.DataFrame(article("new")).assign(actor_id="")
    assert suggest(nobody, model)["suggested"].tolist() == [True, True, True]
