"""The model learned from coded articles: its examples, where it places statements, how it is trained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from tests.conftest import copy_data_with_held_out
from tracker.evaluate import Corpus, evaluate
from tracker.extract import extract
from tracker.extract.learned import (
    LEARNED_CONFIDENCE_CAP,
    NONE,
    StatementModel,
    apply_model,
    training_examples,
)
from tracker.extract.training import (
    cross_fitted,
    cross_fitted_for,
    fold_of,
    model_for,
    out_of_fold,
)

PUBLISHED = dt.date(2024, 5, 2)


def annotation(doc_id: str, quote: str, issue: str, stance: str, occurrence: str = "") -> dict:
    return {
        "doc_id": doc_id,
        "actor_id": "someone",
        "quote": quote,
        "issue_id": issue,
        "stance": stance,
        "occurrence": occurrence,
    }


def test_examples_are_the_sentences_of_coded_quotes_and_the_rest_as_none() -> None:
    text = (
        "Rutte said the office was welcome. The weather was fine. "
        "Rutte said the office was welcome. China opposed it."
    )
    documents = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    annotations = pd.DataFrame(
        [
            # the second sentence that says it: the quote's occurrence picks it
            annotation("d", "the office was welcome", "tokyo_office", "support", "2"),
            annotation("d", "China opposed it", "tokyo_office", "oppose"),
            annotation("d", "China opposed", "pacific", "oppose"),
            annotation("d", "not in the text", "pacific", "support"),
        ]
    )
    examples = training_examples(documents, annotations)
    rows = set(examples[["text", "issue_id", "stance"]].itertuples(index=False, name=None))
    assert rows == {
        ("Rutte said the office was welcome.", NONE, ""),  # the first one: not the coded one
        ("The weather was fine.", NONE, ""),
        ("Rutte said the office was welcome.", "tokyo_office", "support"),
        ("China opposed it.", "tokyo_office", "oppose"),
        ("China opposed it.", "pacific", "oppose"),  # two statements in one sentence: two rows
    }


def toy_examples(repeat: int = 8) -> pd.DataFrame:
    """Sentences on two issues and some on none, each said several times."""
    rows = [
        ("The liaison office in Tokyo would be welcome.", "tokyo_office", "support"),
        ("An office in Tokyo is a good idea, he argued.", "tokyo_office", "support"),
        ("They rejected the office in Tokyo outright.", "tokyo_office", "oppose"),
        ("Warships from Europe will sail through the strait.", "presence", "support"),
        ("Frigates joined exercises in the South China Sea.", "presence", "support"),
        ("The delegation had lunch with the mayor.", NONE, ""),
        ("Rain fell over the harbour on Tuesday.", NONE, ""),
    ]
    frame = pd.DataFrame(rows * repeat, columns=["text", "issue_id", "stance"])
    return frame.assign(doc_id=[f"d{n % 3}" for n in range(len(frame))])


def proposals(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """Rule proposals: quote, issue ('' when unassigned) and stance."""
    return pd.DataFrame(
        {
            "quote": [q for q, _, _ in rows],
            "issue_id": [i for _, i, _ in rows],
            "stance": [s for _, _, s in rows],
            "confidence": 0.52,
            "note": "cue: said; speaker named; issue none",
        }
    )


def test_too_few_issues_to_learn_from_gives_no_model() -> None:
    examples = toy_examples()
    assert StatementModel.fit(examples[examples["issue_id"] != "presence"]) is None


def test_an_unassigned_statement_takes_the_issue_and_stance_the_model_is_sure_of() -> None:
    model = StatementModel.fit(toy_examples())
    frame = proposals(
        ("The minister said a liaison office in Tokyo would be welcome.", "", "neutral"),
        ("The minister said lunch with the mayor was pleasant.", "", "neutral"),
    )
    placed = apply_model(frame, model)
    assert placed.loc[0, "issue_id"] == "tokyo_office"
    assert placed.loc[0, "stance"] == "support"
    assert placed.loc[0, "confidence"] <= LEARNED_CONFIDENCE_CAP
    assert "learned from coded articles" in placed.loc[0, "note"]
    assert placed.loc[0, "note"].startswith("cue: said")  # the rules' own note is kept
    # nothing like a coded statement: it stays for the analyst to place
    assert placed.loc[1, "issue_id"] == ""
    assert placed.loc[1, "note"] == "cue: said; speaker named; issue none"


def test_a_stance_is_overruled_only_when_the_model_is_nearly_certain() -> None:
    model = StatementModel.fit(toy_examples(repeat=30))
    frame = proposals(
        ("They rejected the office in Tokyo outright.", "tokyo_office", "support"),
        ("The liaison office in Tokyo would be welcome.", "tokyo_office", "support"),
        ("Officials discussed the office in Tokyo and its staff.", "tokyo_office", "oppose"),
    )
    read = apply_model(frame, model)
    assert read.loc[0, "stance"] == "oppose"
    assert "the rules read support" in read.loc[0, "note"]
    assert read.loc[1, "stance"] == "support"  # the model agrees: unchanged, no note
    assert read.loc[1, "note"] == frame.loc[1, "note"]
    assert read.loc[2, "stance"] == "oppose"  # words the model has not seen: the rules stand


def test_without_a_model_the_rules_proposals_are_unchanged(codebook) -> None:
    text = "Rutte said the weather in Vilnius was fine."
    rules = extract(text, PUBLISHED, codebook, "d")
    assert rules.equals(apply_model(rules, None))


def test_evaluation_never_scores_an_article_with_a_model_that_saw_it(codebook) -> None:
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [
                "Zanzibarian envoys backed the office. Rain fell.",
                "Warships sailed through the strait. Lunch was served.",
                "The office in Tokyo was rejected. Frigates joined exercises.",
            ],
            "published": PUBLISHED,
        }
    )
    annotations = pd.DataFrame(
        [
            annotation("a", "Zanzibarian envoys backed the office", "office", "support"),
            annotation("b", "Warships sailed through the strait", "presence", "support"),
            annotation("c", "The office in Tokyo was rejected", "office", "oppose"),
            annotation("c", "Frigates joined exercises", "presence", "support"),
        ]
    )
    assert len(set(fold_of(["a", "b", "c"]))) == 3  # three folds: each article is its own
    models = cross_fitted([Corpus("t", documents, annotations)], codebook, ["a", "b"])
    vocabulary = {d: models[d].issue_model[0].vocabulary_ for d in models}
    assert "zanzibarian" not in vocabulary["a"]
    assert "zanzibarian" in vocabulary["b"]
    assert "warships" not in vocabulary["b"]
    # nor by a ranker that learned from anything that saw it (nested folds)
    corpus = Corpus("t", documents, annotations)
    examples = training_examples(documents, annotations)
    found, readers = out_of_fold([corpus], codebook, examples, without=int(fold_of(["a"])[0]))
    assert "a" not in set(found.get("doc_id", pd.Series(dtype=str)))
    assert any(m is not None for m in readers.values())
    for reader in (m for m in readers.values() if m is not None):
        assert "zanzibarian" not in reader.issue_model[0].vocabulary_


def small_data(tmp_path: Path) -> Path:
    """The bundled data with two held-out articles."""
    return copy_data_with_held_out(tmp_path / "data", 2)


def test_the_model_is_retrained_when_a_coded_article_changes(tmp_path: Path) -> None:
    data = small_data(tmp_path)
    first = model_for(data)
    assert first is not None and model_for(data) is first  # unchanged files: the same model
    annotations = sorted((data / "evaluation" / "annotations").glob("*.csv"))[0]
    coded = pd.read_csv(annotations, dtype=str, keep_default_na=False)
    coded.iloc[:1].to_csv(annotations, index=False)  # an analyst removed all but one row
    second = model_for(data)
    assert second is not first
    assert second.examples != first.examples


def test_the_evaluation_keeps_its_models_until_a_coded_article_changes(tmp_path: Path) -> None:
    data = small_data(tmp_path)
    first = cross_fitted_for(data, ["new-article"])["new-article"]
    assert first is not None and first.ranker is not None
    assert cross_fitted_for(data, ["new-article"])["new-article"] is first  # no training again
    annotations = sorted((data / "evaluation" / "annotations").glob("*.csv"))[0]
    coded = pd.read_csv(annotations, dtype=str, keep_default_na=False)
    coded.iloc[:1].to_csv(annotations, index=False)
    assert cross_fitted_for(data, ["new-article"])["new-article"] is not first


def test_the_models_are_retrained_when_the_codebook_changes(tmp_path: Path) -> None:
    data = small_data(tmp_path)
    first = model_for(data)
    assert first.ranker is not None  # the coded articles teach which readings to suggest
    issues = data / "codebook" / "issues.csv"
    issues.write_text(issues.read_text() + "\n")  # an analyst edited the codebook
    assert model_for(data) is not first


def test_evaluation_reports_the_rules_alone_on_request(tmp_path: Path) -> None:
    data = small_data(tmp_path)
    learned = evaluate(data)["held-out"]["predicted"]
    rules = evaluate(data, learned=False)["held-out"]["predicted"]
    assert not rules["note"].str.contains("learned from coded articles").any()
    # the models place, correct and rank the rules' statements: every row is one the rules found
    found = set(zip(rules["actor_id"], rules["quote"], strict=True))
    assert set(zip(learned["actor_id"], learned["quote"], strict=True)) <= found
    assert learned["note"].str.contains("learned from coded articles").any()


def test_a_statement_moves_to_another_issue_only_when_the_model_rules_out_the_rules_one() -> None:
    model = StatementModel.fit(toy_examples(repeat=30))
    frame = proposals(
        # the rules' issue is one the model gives no chance: moved, and the move is noted
        ("Frigates joined exercises in the South China Sea.", "tokyo_office", "oppose"),
        # words of both issues: the rules' reading stands
        ("Warships will sail to the office in Tokyo.", "tokyo_office", "support"),
    )
    read = apply_model(frame, model)
    assert read.loc[0, "issue_id"] == "presence"
    assert read.loc[0, "stance"] == "support"
    assert "the rules read tokyo_office" in read.loc[0, "note"]
    assert read.loc[1, "issue_id"] == "tokyo_office"
    assert read.loc[1, "note"] == frame.loc[1, "note"]
