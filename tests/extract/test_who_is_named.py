"""Who a name means: the last bearer of a surname, every state listed, the state forces come from."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tracker.extract import extract

PUBLISHED = dt.date(2023, 7, 11)


def speakers(text: str, codebook) -> list[str]:
    frame = extract(text, PUBLISHED, codebook, "doc")
    return frame.loc[frame["issue_id"] != "", "actor_id"].tolist()


def test_a_surname_after_a_new_person_named_in_full_is_that_person(codebook) -> None:
    text = (
        "Dutch Foreign Minister Anna Rutte said on Monday that the Netherlands would send a "
        'frigate to the Pacific. "The patrol shows that we care about the region," Rutte said.'
    )
    assert speakers(text, codebook) == ["anna_rutte", "anna_rutte"]


def test_the_codebook_person_named_more_recently_keeps_the_surname(codebook) -> None:
    text = (
        "Dutch Foreign Minister Anna Rutte said on Monday that the Netherlands would send a "
        "frigate to the Pacific. NATO Secretary General Mark Rutte welcomed the plan on Tuesday. "
        '"The patrol shows that allies care about the region," Rutte said.'
    )
    assert speakers(text, codebook)[-1] == "rutte"


def test_a_state_the_codebook_lacks_opens_a_list_of_doers(codebook) -> None:
    text = "Warships from the Netherlands and Japan sailed on a joint patrol on Monday."
    assert sorted(speakers(text, codebook)) == ["japan", "netherlands"]


def test_forces_from_a_member_state_are_its_own_beside_another_states_ships(codebook) -> None:
    issues = codebook.issues.copy()
    at = issues.index[issues["issue_id"] == "navy_presence"][0]
    issues.at[at, "proposition"] = "NATO members should step up their naval presence in Asia"
    members = dataclasses.replace(codebook, issues=issues)
    text = (
        "Warships from the Netherlands and France sailed on a joint patrol on Monday, "
        "as Chinese warships shadowed the group."
    )
    frame = extract(text, PUBLISHED, members, "doc")
    found = frame.loc[frame["issue_id"] == "navy_presence", "actor_id"]
    assert sorted(found) == ["france", "netherlands"]
