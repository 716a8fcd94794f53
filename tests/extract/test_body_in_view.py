"""An issue about what one body should do in a region needs that body in view."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from tracker.extract import extract

PUBLISHED = dt.date(2023, 7, 11)


@pytest.fixture(scope="module")
def with_role(codebook):
    """The test codebook with an issue on the alliance's role in a region."""
    role = pd.DataFrame(
        [
            (
                "nato_role",
                "NATO's role in the Asia-Pacific",
                "NATO should engage with security challenges in the Asia-Pacific",
                "NATO",
                ["Indo-Pacific", "Asia-Pacific", "NATO-like"],
                "",
            )
        ],
        columns=codebook.issues.columns,
    )
    return dataclasses.replace(codebook, issues=pd.concat([codebook.issues, role]))


def issues_of(text: str, codebook) -> set[tuple[str, str]]:
    frame = extract(text, PUBLISHED, codebook, "doc")
    return set(frame[["actor_id", "issue_id"]].itertuples(index=False, name=None))


def test_a_state_speaking_of_its_own_presence_in_the_region_is_not_on_the_alliance(
    with_role,
) -> None:
    text = "Albanese said Australia would keep its forces in the Indo-Pacific until December."
    assert ("albanese", "nato_role") not in issues_of(text, with_role)


def test_the_same_words_about_the_alliance_are_on_its_role(with_role) -> None:
    text = "Albanese said NATO could not look away from the Indo-Pacific."
    assert ("albanese", "nato_role") in issues_of(text, with_role)


def test_the_alliance_named_in_the_sentence_before_is_in_view(with_role) -> None:
    text = (
        "NATO foreign ministers met in Brussels on Monday. "
        "Albanese said the Indo-Pacific could no longer be treated as a distant theatre."
    )
    assert ("albanese", "nato_role") in issues_of(text, with_role)


def test_the_alliances_own_head_speaks_for_it(with_role) -> None:
    text = '"What happens in the Indo-Pacific matters for Europe," Rutte said.'
    assert ("rutte", "nato_role") in issues_of(text, with_role)


def test_a_term_that_names_the_alliance_puts_it_in_view(with_role) -> None:
    text = "Albanese warned that NATO-like alliances would divide the Asia-Pacific."
    assert ("albanese", "nato_role") in issues_of(text, with_role)
