"""Who a name means: the last bearer of a surname, every state listed, the state forces come from."""

from __future__ import annotations

import dataclasses

from tests.extract.helpers import PUBLISHED, placed
from tracker.extract import extract


def speakers(text: str, codebook) -> list[str]:
    return placed(text, codebook)["actor_id"].tolist()


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


def proposals(text: str, codebook) -> list[tuple[str, str, str]]:
    frame = placed(text, codebook)
    return list(zip(frame["actor_id"], frame["issue_id"], frame["stance"], strict=True))


def test_a_quote_standing_alone_goes_on_with_the_previous_speaker(codebook) -> None:
    text = (
        "Hugh Clarke, a retired admiral, said Australia should buy more submarines. "
        '"A frigate patrol in the Pacific is not a luxury but a necessity."'
    )
    assert ("hugh_clarke", "navy_presence", "support") in proposals(text, codebook)


def test_a_quote_standing_alone_with_no_speaker_before_it_is_nobodys(codebook) -> None:
    text = '"A frigate patrol in the Pacific is not a luxury but a necessity."'
    assert proposals(text, codebook) == []


def test_white_can_be_a_surname(codebook) -> None:
    text = (
        "Hugh White, a professor at a university in Canberra, said he opposed the liaison office."
    )
    assert speakers(text, codebook) == ["hugh_white"]


def test_a_titled_name_in_an_appositive_speaks(codebook) -> None:
    text = (
        "The party's defence spokesman, Senator David Shoebridge, said he opposed the "
        "liaison office."
    )
    assert proposals(text, codebook) == [("david_shoebridge", "nato_office", "oppose")]


def test_the_party_is_the_party_named_before(codebook) -> None:
    text = (
        "The opposition Democratic Party criticised the visit on Monday. "
        "The party said in a statement that it opposed the liaison office."
    )
    assert ("democratic_party", "nato_office", "oppose") in proposals(text, codebook)


def test_a_ministry_named_without_its_state_speaks_for_the_state_in_view(codebook) -> None:
    text = (
        "Japan hosted the talks on Monday. The Defence Ministry said it supported the "
        "liaison office."
    )
    assert proposals(text, codebook) == [("japan", "nato_office", "support")]


def test_a_ministry_in_a_capital_speaks_for_that_capitals_state(codebook) -> None:
    text = (
        "Japan hosted the talks on Monday. The Defence Ministry in Pyongyang said it opposed "
        "the liaison office."
    )
    assert proposals(text, codebook) == [("north_korea", "nato_office", "oppose")]


def test_the_foreign_office_is_britains(codebook) -> None:
    text = "Japan hosted the talks. The Foreign Office said it supported the liaison office."
    assert speakers(text, codebook) == ["united_kingdom"]


def test_a_cue_word_after_a_possessive_is_a_noun(codebook) -> None:
    text = "Beijing's claims over the island were discussed, and Japan's calls were not."
    assert extract(text, PUBLISHED, codebook, "doc").empty


def rows(text: str, codebook):
    return extract(text, PUBLISHED, codebook, "doc")


def test_an_outlet_quoting_a_new_person_reports_that_persons_words(codebook) -> None:
    text = (
        "Xinhua quoted Zhu Fenglian, spokeswoman for the Taiwan Affairs Office, as saying "
        "that Beijing opposed the liaison office."
    )
    frame = rows(text, codebook)
    placed = frame[frame["issue_id"] != ""]
    assert set(placed["actor_id"]) == {"zhu_fenglian"}
    assert set(placed["stance"]) == {"oppose"}
    assert "Xinhua" in set(placed["reported_by"])


def test_a_titled_name_after_said_speaks(codebook) -> None:
    text = '"We oppose the liaison office," said Rear Admiral Lee Jong-min on Monday.'
    assert proposals(text, codebook) == [("lee_jong_min", "nato_office", "oppose")]


def test_a_role_then_a_name_after_said_speaks(codebook) -> None:
    text = '"We oppose the liaison office," said its spokesman, Senior Colonel Shi Yi.'
    assert proposals(text, codebook) == [("shi_yi", "nato_office", "oppose")]


def test_the_newspaper_is_the_outlet_named_before(codebook) -> None:
    text = (
        "The Global Times ran an editorial on Monday. The newspaper said it opposed the "
        "liaison office."
    )
    assert ("global_times", "nato_office", "oppose") in proposals(text, codebook)


def test_the_statement_speaks_for_whoever_spoke_before(codebook) -> None:
    text = (
        "Japan said on Monday that it backed the liaison office. The statement also said "
        "Tokyo supported the frigate patrol."
    )
    assert ("japan", "navy_presence", "support") in proposals(text, codebook)


def test_a_conjunction_opening_a_quote_is_not_part_of_a_name(codebook) -> None:
    text = '"If Pyongyang sends a frigate patrol, we will respond," Rutte told reporters.'
    assert "if_pyongyang" not in set(rows(text, codebook)["actor_id"])


def test_title_words_before_a_name_are_not_the_name(codebook) -> None:
    text = (
        "Chief Cabinet Secretary Hirokazu Matsuno met reporters on Monday. He said he "
        "supported the liaison office."
    )
    assert proposals(text, codebook) == [("hirokazu_matsuno", "nato_office", "support")]


def test_a_verb_of_saying_inside_a_quotation_is_not_an_attribution(codebook) -> None:
    text = (
        '"NATO has said it opposes the liaison office, and we agree," Chinese spokesman '
        "Wang Wenbin told reporters."
    )
    assert "nato" not in set(rows(text, codebook)["actor_id"])


def test_ranks_and_party_labels_before_a_name_are_not_the_name(codebook) -> None:
    text = (
        '"We back the liaison office," Commodore Marten Ilves told reporters. '
        "Christian Democrat Markus Feldhaus said he opposed the liaison office."
    )
    assert proposals(text, codebook) == [
        ("marten_ilves", "nato_office", "support"),
        ("markus_feldhaus", "nato_office", "oppose"),
    ]


def test_a_service_is_an_organization_not_a_person(codebook) -> None:
    text = "The European External Action Service said the bloc opposed the liaison office."
    frame = rows(text, codebook)
    assert frame["actor_type"].tolist() == ["organization"]


def test_its_spokesman_speaks_for_the_state_in_view(codebook) -> None:
    text = (
        "China protested on Monday. The defence ministry struck a harder tone: the patrol was "
        "a provocation, its spokesman Jiang Bin told reporters."
    )
    frame = rows(text, codebook)
    spokesman = frame[frame["actor_id"] == "jiang_bin"]
    assert set(spokesman["organization"]) == {"China"}


def test_a_title_the_codebook_knows_gives_a_new_holder_its_organization() -> None:
    # the bundled codebook knows "NATO Secretary General" as Stoltenberg's title: a new holder
    # of it speaks for NATO, not for himself
    from tracker.codebook import load_codebook
    from tracker.load import DEFAULT_DATA_DIR

    text = (
        "NATO Secretary General Anna Berg said the alliance welcomed its partners in the Pacific."
    )
    frame = extract(text, PUBLISHED, load_codebook(DEFAULT_DATA_DIR))
    holder = frame[frame["actor_id"] == "anna_berg"]
    assert set(holder["organization"]) == {"NATO"}
    # a title that does not name the organization is anyone's
    text = "At the ASEAN meeting, the secretary-general Kao Kim Hourn said the bloc valued its partners."
    frame = extract(text, PUBLISHED, load_codebook(DEFAULT_DATA_DIR))
    assert "NATO" not in set(frame.loc[frame["actor_id"] == "kao_kim_hourn", "organization"])
