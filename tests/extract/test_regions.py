"""A statement that names two world regions is about the issue whose proposition links them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.extract.conftest import make_codebook
from tracker.codebook import ACTOR_COLUMNS, Codebook
from tracker.extract import extract
from tracker.extract.rules import regions

PUBLISHED = dt.date(2024, 4, 5)


@pytest.fixture(scope="module")
def linked_codebook() -> Codebook:
    base = make_codebook()
    extra = pd.DataFrame(
        [
            (
                "war_link",
                "Europe's war and Asia",
                "The war in Ukraine bears on security in Asia",
                "Security",
                ["Ukraine"],
            ),
            (
                "asia_role",
                "Alliance role in Asia",
                "The alliance should engage in the Indo-Pacific",
                "Security",
                ["Indo-Pacific"],
            ),
            (
                "beijing_threat",
                "China as a threat to the alliance",
                "China poses a threat to the alliance",
                "Security",
                ["threat"],
            ),
            (
                "island_seizure",
                "Island seizure",
                "China may seize Taiwan by force",
                "Security",
                ["invasion"],
            ),
        ],
        columns=["issue_id", "label", "proposition", "topic", "cues"],
    ).assign(description="")
    actors = pd.concat(
        [
            base.actors,
            pd.DataFrame(
                [
                    (
                        "wong",
                        "Penny Wong",
                        "person",
                        "Australia",
                        "Australia",
                        "Minister",
                        ["Wong"],
                        "",
                    )
                ],
                columns=list(ACTOR_COLUMNS),
            ),
        ],
        ignore_index=True,
    )
    return Codebook(
        actors=actors,
        issues=pd.concat([base.issues, extra], ignore_index=True),
        stances=base.stances,
    )


def issues_of(text: str, codebook) -> set[str]:
    frame = extract(text, PUBLISHED, codebook, "doc")
    return set(frame.loc[frame["issue_id"] != "", "issue_id"])


def test_region_names_are_grouped() -> None:
    assert regions("the war in Ukraine and the Indo-Pacific") == {"europe", "asia"}
    assert regions("security in East Asia") == {"asia"}
    assert regions("the Pacific islands") == {"asia"}
    assert regions("the frigate sailed home") == set()


def test_two_regions_named_go_to_the_issue_that_links_them(linked_codebook) -> None:
    text = "Penny Wong said the war in Ukraine had direct consequences for the Indo-Pacific."
    assert issues_of(text, linked_codebook) == {"war_link"}


def test_one_region_named_keeps_its_own_issue(linked_codebook) -> None:
    text = "Penny Wong said the alliance had a stake in the Indo-Pacific."
    assert issues_of(text, linked_codebook) == {"asia_role"}


def test_a_term_whose_place_is_not_in_view_does_not_hide_the_names(linked_codebook) -> None:
    # "invasion" belongs to an issue about Taiwan; with no Taiwan in view it cannot stand,
    # so the names of the statement still give its issue
    text = "Penny Wong said Russia's invasion of Ukraine had consequences for the Indo-Pacific."
    assert issues_of(text, linked_codebook) == {"war_link"}


def test_a_relative_clause_speaker_says_what_follows_the_verb(linked_codebook) -> None:
    text = (
        "Albanese has often echoed his predecessor Penny Wong, who warned in 2022 that "
        "today's Ukraine could be tomorrow's Indo-Pacific."
    )
    frame = extract(text, PUBLISHED, linked_codebook, "doc")
    found = set(frame[["actor_id", "issue_id"]].itertuples(index=False, name=None))
    assert ("wong", "war_link") in found


def test_a_warning_term_without_its_state_does_not_hide_the_names(linked_codebook) -> None:
    # "threats" belongs to an issue about China's conduct; with no China named it cannot
    # stand, so the region the statement names still gives its issue
    text = '"The threats we face do not stop at the edge of the Indo-Pacific," Rutte said.'
    assert issues_of(text, linked_codebook) == {"asia_role"}


def test_a_warning_with_its_state_named_is_kept(linked_codebook) -> None:
    text = "Penny Wong said China posed a threat to the alliance in the Indo-Pacific."
    assert "beijing_threat" in issues_of(text, linked_codebook)


def test_a_deed_of_the_propositions_actor_at_its_place_acts_on_it(linked_codebook) -> None:
    text = "China's military sent 24 aircraft around Taiwan on Monday."
    frame = extract(text, PUBLISHED, linked_codebook, "doc")
    found = set(frame[["actor_id", "issue_id", "stance"]].itertuples(index=False, name=None))
    assert ("china", "island_seizure", "support") in found


def test_a_deed_elsewhere_does_not_act_on_the_place(linked_codebook) -> None:
    text = "China's military sent 24 aircraft to the Baltic Sea on Monday."
    assert "island_seizure" not in issues_of(text, linked_codebook)


def test_europe_stands_for_the_members_a_warning_is_about(linked_codebook) -> None:
    text = "Penny Wong said China's supplies to Russia were a threat to every country in Europe."
    assert "beijing_threat" in issues_of(text, linked_codebook)


def test_a_warning_about_no_member_is_not_about_the_alliance(linked_codebook) -> None:
    text = "Penny Wong said China's fishing fleet was a threat to Pacific island states."
    assert "beijing_threat" not in issues_of(text, linked_codebook)
