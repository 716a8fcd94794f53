"""Rules that carry the extractor to wording it was not developed on, one behaviour each."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from tests.extract.helpers import placed as rows
from tests.extract.helpers import triples


@pytest.fixture(scope="module")
def named_threat(codebook):
    """The test codebook with the China issue also cued by the name and a generic harm word."""
    issues = codebook.issues.copy()
    at = issues.index[issues["issue_id"] == "china_threat"][0]
    issues.at[at, "cues"] = ["coercion", "intimidation", "threat", "China"]
    return dataclasses.replace(codebook, issues=issues)


def test_a_negated_modal_is_one_cue_not_a_support_word(codebook) -> None:
    text = "Albanese said NATO should not open a liaison office in Tokyo."
    assert triples(text, codebook) == {("albanese", "nato_office", "oppose")}


def test_against_as_a_preposition_takes_no_side(codebook) -> None:
    text = "Rutte said the frigate patrols were vital in the fight against piracy."
    assert triples(text, codebook) == {("rutte", "navy_presence", "support")}


def test_a_harm_a_measure_addresses_is_not_a_verdict_on_it(codebook) -> None:
    text = "Albanese said the frigate patrols would help the region respond to threats."
    assert triples(text, codebook) == {("albanese", "navy_presence", "support")}


@pytest.mark.parametrize(
    "text",
    [
        "Albanese said Australia had not yet decided whether to send a frigate.",
        "Albanese said the alliance had taken no position on the frigate patrols.",
        "Albanese said each ally was free to decide on frigate patrols.",
    ],
)
def test_undecided_and_no_position_are_neutral(codebook, text: str) -> None:
    assert triples(text, codebook) == {("albanese", "navy_presence", "neutral")}


def test_a_negated_verb_of_saying_withholds_a_stance(codebook) -> None:
    text = "Japan has not said whether it will send a warship, the Kyodo news agency reported."
    assert triples(text, codebook) == {("japan", "navy_presence", "neutral")}


def test_harm_words_need_the_state_the_issue_is_about(named_threat) -> None:
    assert triples("Albanese said frigate patrols deter a threat to shipping.", named_threat) == {
        ("albanese", "navy_presence", "support")
    }
    assert ("albanese", "china_threat", "support") in triples(
        "Albanese said China posed a threat to shipping.", named_threat
    )


def test_a_speaker_naming_its_own_state_is_not_about_that_state(named_threat) -> None:
    text = "China's foreign ministry said the frigate patrol was provocative."
    assert triples(text, named_threat) == {("china", "navy_presence", "oppose")}


def test_each_that_clause_names_its_own_issues(named_threat) -> None:
    text = "Rutte said the frigate patrols were welcome and that China was a danger to the region."
    assert triples(text, named_threat) == {
        ("rutte", "navy_presence", "support"),
        ("rutte", "china_threat", "support"),
    }


def test_a_reaction_drawn_from_a_state_is_its_stance(codebook) -> None:
    text = "A French frigate sailed through the strait, drawing a sharp protest from Beijing."
    assert ("china", "navy_presence", "oppose") in triples(text, codebook)


def test_told_with_a_listener_after_the_quote(codebook) -> None:
    text = '"The frigate patrols are vital," Albanese told a regular briefing on Monday.'
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["issue_id"], row["stance"]) == (
        "albanese",
        "navy_presence",
        "support",
    )
    assert row["statement_date"] == dt.date(2023, 7, 10)


def test_a_deed_still_to_come_is_the_announcers_statement(codebook) -> None:
    text = "Japan will send a frigate to the Pacific next year, Albanese announced on Monday."
    assert triples(text, codebook) == {("albanese", "navy_presence", "support")}


def test_called_states_a_verdict(codebook) -> None:
    text = 'Albanese called the frigate patrols "a milestone" for the region.'
    assert triples(text, codebook) == {("albanese", "navy_presence", "support")}


def test_an_anaphor_finds_a_synonym_earlier_in_the_text(codebook) -> None:
    text = (
        "Japan welcomed the deal to open a liaison office in Tokyo.\n\n"
        "Albanese said frigate patrols would go on.\n\n"
        "Beijing criticised the pact."
    )
    assert ("china", "nato_office", "oppose") in triples(text, codebook)


def test_the_move_without_antecedent_is_the_lead_event(codebook) -> None:
    text = (
        "NATO will open a liaison office in Tokyo, Rutte announced.\n\n"
        "Albanese said frigate patrols would go on.\n\n"
        "Beijing condemned the move."
    )
    assert ("china", "nato_office", "oppose") in triples(text, codebook)


def test_coordinated_subjects_in_reported_speech(codebook) -> None:
    text = "According to the Kyodo news agency, Japan and Australia also want frigate patrols."
    found = triples(text, codebook)
    assert {("japan", "navy_presence", "support"), ("australia", "navy_presence", "support")} <= (
        found
    )


def test_an_armed_service_stands_for_its_state(codebook) -> None:
    frame = rows("The Royal Navy sent a frigate to the Pacific in May.", codebook)
    [row] = frame.to_dict("records")
    assert (row["actor_id"], row["attribution"], row["organization"]) == (
        "united_kingdom",
        "action",
        "United Kingdom",
    )


def test_an_office_holder_speaks_for_the_state_in_view(codebook) -> None:
    text = (
        "Beijing reacted sharply.\n\n"
        "Foreign ministry spokeswoman Mao Ning said the frigate patrols were provocative."
    )
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["organization"], row["stance"]) == ("mao_ning", "China", "oppose")


@pytest.fixture(scope="module")
def pejorative(codebook):
    """The test codebook with a pejorative cue for NATO's office and an internal-affair issue."""
    issues = codebook.issues.copy()
    at = issues.index[issues["issue_id"] == "nato_office"][0]
    issues.at[at, "cues"] = ["liaison office", "office in Tokyo", "meddling"]
    affair = pd.DataFrame(
        [
            (
                "taiwan_affair",
                "Taiwan",
                "Taiwan is China's internal affair",
                "China",
                ["interfere", "internal affair"],
            )
        ],
        columns=["issue_id", "label", "proposition", "topic", "cues"],
    ).assign(description="")
    return dataclasses.replace(codebook, issues=pd.concat([issues, affair], ignore_index=True))


def test_a_pejorative_for_what_the_propositions_actor_does_marks_an_opponent(pejorative) -> None:
    text = "Beijing urged NATO to stop meddling in Japan."
    assert triples(text, pejorative) == {("china", "nato_office", "oppose")}


def test_a_pejorative_for_what_others_do_flips_as_usual(pejorative) -> None:
    text = "Beijing said it would not allow anyone to interfere over Taiwan."
    assert triples(text, pejorative) == {("china", "taiwan_affair", "support")}


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Albanese maintained that frigate patrols in the Pacific were needed.", "support"),
        ("Albanese pointed out that frigate patrols in the Pacific were needed.", "support"),
        ("Albanese ruled out frigate patrols in the Pacific.", "oppose"),
        ("Albanese said he remained sceptical of frigate patrols in the Pacific.", "oppose"),
        ("Albanese said frigate patrols in the Pacific were a mistake.", "oppose"),
        ("Albanese said frigate patrols were a milestone for the Pacific.", "support"),
    ],
)
def test_more_verbs_of_saying_and_stance_words(codebook, text: str, stance: str) -> None:
    assert triples(text, codebook) == {("albanese", "navy_presence", stance)}


def test_a_hedge_is_neutral(codebook) -> None:
    text = "Albanese said Australia was non-committal about frigate patrols for now."
    assert triples(text, codebook) == {("albanese", "navy_presence", "neutral")}


def test_an_appositive_then_an_auxiliary_before_the_verb(codebook) -> None:
    text = (
        "French President Lena Roux, visiting Tokyo last month, had said frigate patrols mattered."
    )
    assert triples(text, codebook) == {("lena_roux", "navy_presence", "support")}


def test_a_place_after_the_speaker_is_not_the_speaker(codebook) -> None:
    text = "The Chinese embassy in Tokyo said the frigate patrols were provocative."
    assert triples(text, codebook) == {("china", "navy_presence", "oppose")}


def test_a_new_speaker_after_the_verb_owns_the_words_before(codebook) -> None:
    text = '"Frigate patrols are vital," said Ian Chong of the National University of Singapore.'
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["issue_id"], row["stance"]) == (
        "ian_chong",
        "navy_presence",
        "support",
    )
    assert row["organization"] == "National University of Singapore"


def test_a_titled_person_without_a_cue_is_who_he_refers_to(codebook) -> None:
    text = (
        "Albanese welcomed the frigate patrols.\n\n"
        "In Canberra, Defence Minister Richard Marles was more guarded.\n\n"
        "He said frigate patrols were a mistake."
    )
    frame = rows(text, codebook)
    marles = frame[frame["actor_id"] == "richard_marles"].to_dict("records")
    assert [(r["issue_id"], r["stance"], r["organization"]) for r in marles] == [
        ("navy_presence", "oppose", "Australia")
    ]


def test_a_deed_named_as_a_topic_is_not_done(codebook) -> None:
    text = "Japan remains undecided about sending a frigate to the Pacific."
    assert triples(text, codebook) == {("japan", "navy_presence", "neutral")}


def test_against_before_a_deed_opposes_it(codebook) -> None:
    text = "Beijing has repeatedly warned NATO against opening a liaison office in Tokyo."
    assert triples(text, codebook) == {("china", "nato_office", "oppose")}


def test_the_agent_of_a_passive_verb_speaks(codebook) -> None:
    text = "The liaison office in Tokyo was criticised by Beijing on Monday."
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["issue_id"], row["stance"]) == ("china", "nato_office", "oppose")


def test_the_question_names_the_issue_of_the_answer(codebook) -> None:
    text = (
        "Asked whether Paris would back the liaison office in Tokyo, Albanese said no decision "
        "had been made."
    )
    assert triples(text, codebook) == {("albanese", "nato_office", "neutral")}


def test_a_state_the_codebook_lacks_as_the_subject_of_a_clause(codebook) -> None:
    text = "Albanese said Australia would keep a frigate in the Pacific, while Italy has yet to decide."
    found = triples(text, codebook)
    assert ("italy", "navy_presence", "neutral") in found
    assert ("australia", "navy_presence", "support") not in found


def test_back_as_a_direction_is_not_support(codebook) -> None:
    text = "Japan has not yet decided whether to send a frigate back to the Pacific."
    assert triples(text, codebook) == {("japan", "navy_presence", "neutral")}


def test_a_name_inside_a_place_name_is_not_the_issue(named_threat) -> None:
    text = "Albanese said frigate patrols in the South China Sea would continue."
    assert triples(text, named_threat) == {("albanese", "navy_presence", "support")}


def test_keeping_options_open_is_neutral(codebook) -> None:
    text = "Japan, meanwhile, is keeping its options open on the liaison office in Tokyo."
    assert triples(text, codebook) == {("japan", "nato_office", "neutral")}


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Japan does not want NATO to open a liaison office in Tokyo.", "oppose"),
        ("Japan is not opposed to a liaison office in Tokyo, Albanese said.", "support"),
    ],
)
def test_a_negation_before_the_verb_governs_it(codebook, text: str, stance: str) -> None:
    assert ("japan", "nato_office", stance) in triples(text, codebook)


def test_no_intention_opposes(codebook) -> None:
    text = '"We have no intention of sending a frigate to the Pacific," Albanese told lawmakers.'
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_each_coordinated_verb_of_saying_has_its_own_stance(pejorative) -> None:
    text = "Beijing said Taiwan was an internal affair and warned frigate patrols to stay away."
    assert triples(text, pejorative) == {
        ("china", "taiwan_affair", "support"),
        ("china", "navy_presence", "oppose"),
    }


def test_the_reporter_is_the_name_before_the_media_noun(codebook) -> None:
    text = (
        "Japan wants a liaison office in Tokyo, according to a government source quoted by "
        "the Asahi newspaper."
    )
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["reported_by"], row["attribution"]) == (
        "japan",
        "Asahi",
        "reported",
    )


def test_whether_a_step_makes_sense_is_a_verdict_on_it(codebook) -> None:
    assert triples("Albanese said a liaison office in Tokyo made sense.", codebook) == {
        ("albanese", "nato_office", "support")
    }
    assert triples("Albanese said a liaison office in Tokyo made no sense.", codebook) == {
        ("albanese", "nato_office", "oppose")
    }
