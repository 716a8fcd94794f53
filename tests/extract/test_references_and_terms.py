"""Who a pronoun means after a surname or an unnamed spokesperson, ships and lists of states as
doers, undecided wording, and which of a statement's issue terms decides its stance."""

from __future__ import annotations

from tests.extract.helpers import PUBLISHED, triples, with_issue
from tracker.extract import extract


def test_a_surname_met_again_is_whom_a_later_pronoun_means(codebook) -> None:
    text = (
        "Analyst Maria Holm said the region was changing. "
        "Defence adviser Tom Berg said Canberra was watching. "
        "Holm did not stop there. "
        "The frigate patrols were a serious mistake, she said."
    )
    found = triples(text, codebook)
    assert ("maria_holm", "navy_presence", "oppose") in found
    assert ("tom_berg", "navy_presence", "oppose") not in found


def test_a_pronoun_after_an_unnamed_spokesperson_is_that_body(codebook) -> None:
    text = (
        "Defence adviser Tom Berg said Canberra was watching. "
        "A spokesperson for the French Foreign Ministry said Paris was following events. "
        "The frigate patrols were a serious mistake, she added."
    )
    found = triples(text, codebook)
    assert ("france", "navy_presence", "oppose") in found
    assert ("tom_berg", "navy_presence", "oppose") not in found


def test_a_ship_named_with_its_navy_prefix_is_its_state(codebook) -> None:
    assert triples("Japan's JS Izumo joined the frigate patrols.", codebook) == {
        ("japan", "navy_presence", "support")
    }
    assert triples("HMCS Ottawa joined the frigate patrols.", codebook) == {
        ("canada", "navy_presence", "support")
    }


def test_a_state_the_codebook_lacks_closes_a_list_of_doers(codebook) -> None:
    found = triples("Japan and the Netherlands each contributed a frigate.", codebook)
    assert found == {
        ("japan", "navy_presence", "support"),
        ("netherlands", "navy_presence", "support"),
    }


def test_leaving_the_decision_to_others_is_neutral(codebook) -> None:
    text = "Albanese said the frigate patrols were for allies to decide."
    assert triples(text, codebook) == {("albanese", "navy_presence", "neutral")}
    text = "Albanese said he would not pre-empt talks on the frigate patrols."
    assert triples(text, codebook) == {("albanese", "navy_presence", "neutral")}


def test_a_marked_contrary_term_outweighs_a_place_name(codebook) -> None:
    book = with_issue(
        codebook,
        "isles_internal",
        "The Isles are France's internal affair",
        ["Tokyo", "internal affair", "-own people"],
    )
    text = "Albanese said the future of Tokyo would be decided by its own people."
    assert triples(text, book) == {("albanese", "isles_internal", "oppose")}


def test_a_pejorative_issue_term_opposes_even_when_set_aside(codebook) -> None:
    book = with_issue(
        codebook,
        "fleet_presence",
        "European navies should sail in the Pacific",
        ["outside the region", "flex their muscles"],
    )
    text = "Beijing said countries from outside the region keep coming to flex their muscles."
    assert ("china", "fleet_presence", "oppose") in triples(text, book)
    text = "Beijing said it hoped countries outside the region would keep the peace rather than flex their muscles."
    assert ("china", "fleet_presence", "oppose") in triples(text, book)


def test_a_warning_about_the_alliance_needs_the_alliance_in_view(codebook) -> None:
    book = with_issue(
        codebook,
        "china_alliance",
        "China's conduct challenges the security of NATO's members",
        ["China", "bullying"],
    )
    text = "Albanese said China's bullying of its neighbours was growing."
    assert triples(text, book) == set()
    text = "Rutte said China's bullying of its neighbours was growing."
    assert triples(text, book) == {("rutte", "china_alliance", "support")}
    text = "France said China's bullying of its neighbours was growing."
    assert triples(text, book) == {("france", "china_alliance", "support")}
    text = "Albanese said NATO allies were worried. He said China's bullying was growing."
    assert ("albanese", "china_alliance", "support") in triples(text, book)


def test_a_pronoun_later_in_the_sentence_means_its_named_speaker(codebook) -> None:
    text = (
        "Defence adviser Tom Berg said Canberra was watching. "
        "Analyst Maria Holm said the talks had ended, and she called the frigate patrols "
        "a serious mistake."
    )
    found = triples(text, codebook)
    assert ("maria_holm", "navy_presence", "oppose") in found
    assert not any(actor == "tom_berg" for actor, _, _ in found)


def test_a_term_inside_a_body_s_name_does_not_name_the_issue(codebook) -> None:
    book = with_issue(
        codebook,
        "atlantic_scope",
        "NATO should stay in the North Atlantic",
        ["North Atlantic"],
    )
    assert triples("Albanese said NATO should stay in the North Atlantic.", book) == {
        ("albanese", "atlantic_scope", "support")
    }
    text = "Albanese said he would brief the North Atlantic Council."
    assert not any(issue == "atlantic_scope" for _, issue, _ in triples(text, book))


def test_a_named_fleet_speaks_for_itself_not_for_the_state_in_its_name(codebook) -> None:
    frame = extract(
        "The Australian Pacific Fleet said it welcomed the frigate patrols.", PUBLISHED, codebook
    )
    frame = frame[frame["issue_id"] != ""]
    assert set(frame["actor_id"]) == {"australian_pacific_fleet"}
    assert set(frame["actor_type"]) == {"military"}
    assert set(frame["stance"]) == {"support"}
