"""Commentators (analysts, academics) who describe events without a stance word take no side."""

from __future__ import annotations

from tests.extract.helpers import placed, triples
from tracker.extract.rules import commentator


def test_role_words_and_research_bodies_mark_a_commentator() -> None:
    assert commentator("analyst")
    assert commentator("a professor at Keio University")
    assert commentator("of the Lowy Institute")
    assert not commentator("Defence Minister")
    assert not commentator("foreign ministry spokeswoman")


def test_an_analyst_describing_a_deployment_is_neutral(codebook) -> None:
    text = (
        "Analyst Maria Holm of the Lowy Institute said the frigate patrols were a political signal."
    )
    frame = placed(text, codebook)
    assert triples(text, codebook) == {("maria_holm", "navy_presence", "neutral")}
    assert set(frame["actor_type"]) == {"expert"}


def test_an_academic_named_by_an_appositive_is_neutral(codebook) -> None:
    text = (
        "Maria Holm, a professor at Keio University, said the frigate patrols showed how far "
        "European navies now travel."
    )
    assert triples(text, codebook) == {("maria_holm", "navy_presence", "neutral")}


def test_the_same_words_from_a_minister_still_affirm_the_issue(codebook) -> None:
    text = "Albanese said the frigate patrols were a political signal."
    assert triples(text, codebook) == {("albanese", "navy_presence", "support")}


def test_an_analyst_with_a_stance_word_takes_that_side(codebook) -> None:
    text = (
        "Analyst Maria Holm of the Lowy Institute said the frigate patrols were a serious mistake."
    )
    assert triples(text, codebook) == {("maria_holm", "navy_presence", "oppose")}
