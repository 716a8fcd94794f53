"""Mechanisms that carry the extractor to wording nobody wrote a cue for: inflections,
evaluative words, a statement's other clauses, issue wording, references back and contrast."""

from __future__ import annotations

import dataclasses

import pandas as pd

from tests.extract.helpers import PUBLISHED, triples
from tracker.extract import extract
from tracker.extract.polarity import verb_forms
from tracker.extract.topics import TopicProfiles, stem


def test_verb_forms_cover_regular_inflections() -> None:
    assert {"accuses", "accused", "accusing"} <= verb_forms("accuse")
    assert {"slams", "slammed", "slamming"} <= verb_forms("slam")
    assert {"denounces", "denounced", "denouncing"} <= verb_forms("denounce")
    assert verb_forms("opposed") == {"opposed"}  # already inflected: left as it is


def test_an_inflection_nobody_listed_still_takes_its_side(codebook) -> None:
    text = "Albanese said he was denouncing the frigate patrols."
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_an_evaluative_noun_with_a_modifier_opposes(codebook) -> None:
    text = "Albanese said opening a liaison office in Tokyo would be a serious mistake."
    assert triples(text, codebook) == {("albanese", "nato_office", "oppose")}


def test_an_evaluative_adjective_opposes(codebook) -> None:
    text = "Albanese said the frigate patrols sent the wrong signal to the region."
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_the_verdict_of_another_clause_of_the_same_statement_counts(codebook) -> None:
    text = (
        "Beijing said the French frigate had sailed close to its coast and accused Paris "
        "of stirring up trouble."
    )
    assert triples(text, codebook) == {("china", "navy_presence", "oppose")}


def test_a_pejorative_verb_in_any_form_opposes(codebook) -> None:
    text = "Beijing said Canberra was dragging the region into frigate patrols."
    assert triples(text, codebook) == {("china", "navy_presence", "oppose")}


def test_what_is_set_aside_with_instead_of_is_opposed(codebook) -> None:
    text = "Albanese said Canberra would invest in diplomacy instead of expanding frigate patrols."
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_an_issue_is_found_by_the_words_that_describe_it(codebook) -> None:
    # no cue term ("liaison office") matches, but "open" and "liaison" describe the issue
    text = "Rutte said the alliance would open a liaison in Japan soon."
    assert triples(text, codebook) == {("rutte", "nato_office", "support")}


def test_a_sentence_with_no_describing_words_stays_unassigned(codebook) -> None:
    frame = extract("Rutte said the weather in Japan was fine.", PUBLISHED, codebook, "doc")
    assert list(frame["actor_id"]) == ["rutte"]
    assert list(frame["issue_id"]) == [""]


def test_it_refers_back_to_the_issue_of_the_sentence_before(codebook) -> None:
    text = (
        'Rutte said NATO should open a liaison office in Tokyo. "It would help everyone," he added.'
    )
    frame = extract(text, PUBLISHED, codebook, "doc")
    assert list(frame["issue_id"]) == ["nato_office", "nato_office"]
    assert list(frame["note"].str.contains("added")) == [False, True]


def test_topic_profiles_weigh_words_shared_by_issues_less() -> None:
    issues = pd.DataFrame(
        {
            "issue_id": ["subs", "office"],
            "label": ["Submarine purchase", "Liaison office"],
            "proposition": ["Australia should buy submarines", "NATO should open an office"],
            "description": ["Security of the purchase.", "Security of the office."],
            "cues": [["submarine"], ["liaison office"]],
        }
    )
    profiles = TopicProfiles(issues)
    assert profiles.best("Canberra plans to buy the submarines next year") == "subs"
    assert profiles.best("The submarines are old") is None  # one word is not enough
    assert profiles.best("It is about security") is None  # shared by both: no lead
    assert stem("deployments") == stem("deployment") == "deploy"


def test_an_outlet_reporting_that_a_state_opposes_gives_the_state_s_stance(codebook) -> None:
    frame = extract(
        "Kyodo reported that France opposed the liaison office in Tokyo.", PUBLISHED, codebook, "d"
    )
    got = frame[["actor_id", "issue_id", "stance", "attribution", "reported_by"]]
    assert got.values.tolist() == [["france", "nato_office", "oppose", "reported", "Kyodo News"]]


def test_an_outlet_named_after_the_statement_adds_no_speaker_of_its_own(codebook) -> None:
    frame = extract(
        "France opposes the liaison office in Tokyo, Kyodo reported.", PUBLISHED, codebook, "d"
    )
    got = frame[["actor_id", "issue_id", "stance", "attribution"]]
    assert got.values.tolist() == [["france", "nato_office", "oppose", "reported"]]


def test_a_decision_not_yet_taken_is_neutral(codebook) -> None:
    text = "Albanese said Australia had not yet taken a final decision on frigate patrols."
    assert triples(text, codebook) == {("albanese", "navy_presence", "neutral")}


def test_a_judging_verb_attributes_and_judges(codebook) -> None:
    text = "Beijing slammed the frigate patrols in the region."
    assert triples(text, codebook) == {("china", "navy_presence", "oppose")}


def test_a_passive_judging_verb_makes_no_speaker_of_its_subject(codebook) -> None:
    frame = extract(
        "Japan's frigate patrols were slammed as provocative.", PUBLISHED, codebook, "d"
    )
    assert not frame["note"].str.contains("slammed").any()


def test_unnamed_sources_after_a_statement_add_no_actor(codebook) -> None:
    text = "France is sceptical about frigate patrols near Japan, diplomats said."
    frame = extract(text, PUBLISHED, codebook, "d")
    assert list(frame["actor_id"]) == ["france"]


def test_a_longer_form_of_a_profile_word_counts() -> None:
    issues = pd.DataFrame(
        {
            "issue_id": ["forces", "office"],
            "label": ["Military presence", "Liaison office"],
            "proposition": ["Allies should deploy military forces", "NATO should open an office"],
            "description": ["", ""],
            "cues": [[], []],
        }
    )
    scores = TopicProfiles(issues).scores("They are militarising the sea")
    assert scores["forces"] > 0 and scores["office"] == 0


def test_a_name_after_a_verb_aimed_at_it_is_not_the_state_whose_conduct_is_judged(
    codebook,
) -> None:
    issues = codebook.issues.copy()
    at = issues.index[issues["issue_id"] == "china_threat"][0]
    issues.at[at, "cues"] = ["coercion", "China"]
    named = dataclasses.replace(codebook, issues=issues)
    assert triples("Rutte said allies should avoid provoking China.", named) == set()
    assert triples("Rutte said China was a source of coercion.", named) == {
        ("rutte", "china_threat", "support")
    }


def test_a_name_right_after_the_verb_is_not_the_speaker_when_a_subject_precedes(
    codebook,
) -> None:
    text = (
        "In a statement, the French mission to the EU said Japan should not patrol with frigates."
    )
    frame = extract(text, PUBLISHED, codebook, "d")
    assert "japan" not in set(frame["actor_id"])
    assert ("france", "navy_presence", "oppose") in triples(text, codebook)


def test_an_outlet_going_on_with_a_participle_reports_no_one_else(codebook) -> None:
    text = "Kyodo condemned the move, calling Japan's frigate patrols a provocation."
    frame = extract(text, PUBLISHED, codebook, "d")
    assert set(frame["actor_id"]) == {"kyodo"}


def test_a_term_two_issues_share_counts_for_the_better_described_one(codebook) -> None:
    issues = codebook.issues.copy()
    at = issues.index[issues["issue_id"] == "navy_presence"][0]
    issues.at[at, "cues"] = ["frigate", "warship", "patrol", "submarine patrol"]
    shared = dataclasses.replace(codebook, issues=issues)
    text = "Albanese said the submarine patrols by frigates and warships would go on."
    assert triples(text, shared) == {("albanese", "navy_presence", "support")}
