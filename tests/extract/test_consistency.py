"""One actor, one side per issue and article; a multi-word issue phrase from a commentator
asserts the issue; undoing a refusal leans toward what was refused; excepted names do not act;
general stance vocabulary."""

from __future__ import annotations

import pandas as pd

from tests.extract.helpers import triples
from tracker.extract import consistent_stances


def _proposal(actor: str, stance: str, start: int, evidence: float, attribution="stated"):
    return {
        "actor_id": actor,
        "issue_id": "navy_presence",
        "stance": stance,
        "char_start": start,
        "evidence": evidence,
        "attribution": attribution,
    }


def test_a_stance_read_from_a_stance_word_outweighs_an_assumed_one() -> None:
    frame = pd.DataFrame(
        [_proposal("albanese", "support", 0, 0.55), _proposal("albanese", "oppose", 80, 0.75)]
    )
    assert consistent_stances(frame)["stance"].tolist() == ["oppose"]


def test_the_stance_of_more_sentences_wins() -> None:
    frame = pd.DataFrame(
        [
            _proposal("albanese", "support", 0, 0.55),
            _proposal("albanese", "support", 50, 0.55),
            _proposal("albanese", "neutral", 90, 0.75),
        ]
    )
    assert consistent_stances(frame)["stance"].tolist() == ["support", "support"]


def test_a_tie_keeps_both_sides_and_deeds_are_left_alone() -> None:
    frame = pd.DataFrame(
        [
            _proposal("albanese", "support", 0, 0.75),
            _proposal("albanese", "oppose", 50, 0.75),
            _proposal("france", "support", 0, 0.7, "action"),
            _proposal("france", "oppose", 90, 0.75),
        ]
    )
    assert len(consistent_stances(frame)) == 4


def test_other_actors_and_issues_are_not_compared() -> None:
    frame = pd.DataFrame(
        [_proposal("albanese", "support", 0, 0.55), _proposal("rutte", "oppose", 50, 0.75)]
    )
    assert len(consistent_stances(frame)) == 2


def test_an_article_keeps_one_side_for_a_speaker(codebook) -> None:
    text = (
        "Albanese said the frigate was on a routine voyage. "
        "He later said the frigate patrols were a serious mistake."
    )
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_a_commentator_using_a_phrase_of_the_issue_affirms_it(codebook) -> None:
    text = "Analyst Maria Holm of the Lowy Institute said the liaison office was on the agenda."
    assert triples(text, codebook) == {("maria_holm", "nato_office", "support")}


def test_a_commentator_naming_a_topic_word_only_stays_neutral(codebook) -> None:
    text = "Analyst Maria Holm of the Lowy Institute said the frigate was on the agenda."
    assert triples(text, codebook) == {("maria_holm", "navy_presence", "neutral")}


def test_reconsidering_a_refusal_leans_toward_what_was_refused(codebook) -> None:
    text = "Albanese said Canberra could reconsider its refusal to send a frigate."
    assert triples(text, codebook) == {("albanese", "navy_presence", "support")}


def test_reconsidering_a_plan_opposes_it(codebook) -> None:
    text = "Albanese urged Paris to reconsider the frigate patrols."
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_general_words_of_support_and_disapproval(codebook) -> None:
    assert triples("Albanese said Canberra stood with Paris on the frigate patrols.", codebook) == {
        ("albanese", "navy_presence", "support")
    }
    assert triples("Albanese said Canberra was eager to host the frigate patrols.", codebook) == {
        ("albanese", "navy_presence", "support")
    }
    assert triples("Albanese said Canberra resented the frigate patrols.", codebook) == {
        ("albanese", "navy_presence", "oppose")
    }


def test_new_verbs_of_saying_introduce_a_speaker(codebook) -> None:
    assert triples("Albanese admitted that the frigate patrols were a mistake.", codebook) == {
        ("albanese", "navy_presence", "oppose")
    }


def test_a_name_set_apart_by_except_is_not_the_doer(codebook) -> None:
    assert triples("Every ally except France sent a frigate to the region.", codebook) == set()
    assert (
        triples("Frigates from allies other than France sailed to the region.", codebook) == set()
    )


def test_the_doer_beside_an_excepted_name_is_kept(codebook) -> None:
    assert triples("Besides France, Australia sent a frigate to the region.", codebook) == {
        ("australia", "navy_presence", "support")
    }


def test_a_speaker_named_in_an_appositive_says_what_follows_the_verb(codebook) -> None:
    text = (
        "The Australian leader in Canberra, Anthony Albanese, wrote on social media that "
        "Canberra opposed the frigate patrols."
    )
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_words_before_a_name_and_verb_are_still_read_as_a_quotation(codebook) -> None:
    text = "The frigate patrols are a serious mistake, Albanese said at a briefing."
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_an_agent_noun_does_not_share_the_stem_of_its_thing() -> None:
    from tracker.extract.topics import _shares_stem, stem

    assert not _shares_stem(stem("office"), {stem("officer")})
    assert _shares_stem(stem("office"), {stem("offices")})
    assert _shares_stem(stem("militarising"), {stem("military")})


def test_words_on_both_sides_of_a_speaker_set_off_by_commas_are_the_statement(codebook) -> None:
    text = "Albanese spoke in Canberra. The frigate patrols, he said, were a serious mistake."
    assert ("albanese", "navy_presence", "oppose") in triples(text, codebook)


def test_an_aside_does_not_reach_back_past_a_colon(codebook) -> None:
    text = (
        "Albanese spoke in Canberra. He said the frigate patrols were welcome: Paris, he said, "
        "was a trusted friend."
    )
    assert ("albanese", "navy_presence", "support") in triples(text, codebook)
    assert ("albanese", "navy_presence", "oppose") not in triples(text, codebook)


def test_nobodys_denies_the_noun_it_owns(codebook) -> None:
    text = "Albanese said Tokyo was nobody's liaison office."
    assert triples(text, codebook) == {("albanese", "nato_office", "oppose")}


def test_sidestepping_a_question_takes_no_side(codebook) -> None:
    text = "Albanese sidestepped questions about the liaison office in Tokyo."
    assert triples(text, codebook) == {("albanese", "nato_office", "neutral")}


def test_a_leader_known_by_state_and_office_is_the_person_named_before(codebook) -> None:
    text = (
        "French Foreign Minister Anna Berg said the summit went well. "
        "The French minister said the frigate patrols were a serious mistake."
    )
    assert triples(text, codebook) == {("anna_berg", "navy_presence", "oppose")}


def test_having_no_reason_to_come_opposes(codebook) -> None:
    text = "Albanese said foreign frigate patrols had no reason to come here."
    assert triples(text, codebook) == {("albanese", "navy_presence", "oppose")}


def test_a_person_named_with_a_military_rank_is_whom_a_later_pronoun_means(codebook) -> None:
    text = (
        "Albanese said Canberra welcomed the frigate patrols. "
        "A member of the delegation, Senior Colonel Anna Berg, was less enthusiastic. "
        "The frigate patrols were a serious mistake, she told reporters."
    )
    found = triples(text, codebook)
    assert ("anna_berg", "navy_presence", "oppose") in found
    assert ("albanese", "navy_presence", "oppose") not in found


def test_a_titled_person_after_a_state_name_is_the_subject_who_speaks(codebook) -> None:
    text = (
        "French Defence Minister Anna Berg, who spoke on Saturday, struck a similar note, "
        "telling the conference that the frigate patrols were a serious mistake."
    )
    found = triples(text, codebook)
    assert ("anna_berg", "navy_presence", "oppose") in found
    assert ("france", "navy_presence", "oppose") not in found
