"""The polarity helpers: negation scope, nested cues, addressed harms, withheld statements."""

from __future__ import annotations

from tracker.extract.polarity import addressed, directly_negated, longest_cues, negated, withheld


def test_negation_reaches_only_a_few_words_back() -> None:
    text = "Tokyo does not support the plan"
    assert negated(text, text.index("support")) == -1
    far = "It was not clear on Monday whether Tokyo would support the plan"
    assert negated(far, far.index("support")) == 1


def test_direct_negation_allows_only_an_article_between() -> None:
    text = "NATO is not a global alliance"
    assert directly_negated(text, text.index("global")) == -1
    far = "NATO is not, as some say, a global alliance"
    assert directly_negated(far, far.index("global")) == 1


def test_a_cue_inside_a_longer_cue_gives_way() -> None:
    found = [(0, 6, 1), (0, 10, -1), (20, 25, 1)]  # "should", "should not", another cue
    assert longest_cues(found) == [(0, 10, -1), (20, 25, 1)]


def test_a_harm_after_a_preposition_of_addressing_is_not_a_verdict() -> None:
    text = "cooperation on cyber threats"
    assert addressed(text, text.index("threats"))
    verdict = "the move is a threat"
    assert not addressed(verdict, verdict.index("threat"))


def test_a_negated_verb_of_saying_withholds() -> None:
    text = "Japan has not said whether it will join"
    at = text.index("said")
    assert withheld(text, at, at + 4)
    plain = "Japan said it will join"
    at = plain.index("said")
    assert not withheld(plain, at, at + 4)
