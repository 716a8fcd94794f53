"""Deeds of being there, stances held from earlier in the text, and verbs whose side is not
overturned by the words around them: one behaviour each, on short constructed sentences."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from tests.extract import helpers
from tests.extract.helpers import placed
from tracker.extract import extract
from tracker.extract.rules import _cue_pattern

PUBLISHED = dt.date(2024, 7, 11)


def rows(text: str, codebook) -> pd.DataFrame:
    return placed(text, codebook, PUBLISHED)


def triples(text: str, codebook) -> set[tuple[str, str, str]]:
    return helpers.triples(text, codebook, PUBLISHED)


@pytest.fixture(scope="module")
def with_ties(codebook):
    """The test codebook with an issue of ties with partners, described by summit attendance."""
    ties = pd.DataFrame(
        [
            {
                "issue_id": "partner_ties",
                "label": "Ties with partners",
                "proposition": "NATO and its partners should deepen their cooperation",
                "topic": "NATO",
                "description": "Invitations to the summit and attendance, joint meetings.",
                "cues": ["partnership", "cooperation"],
            }
        ]
    )
    issues = pd.concat([codebook.issues, ties], ignore_index=True)
    return dataclasses.replace(codebook, issues=issues)


# --- deeds of being there ---------------------------------------------------------------


def test_each_companion_of_the_subject_of_a_deed_takes_part(with_ties) -> None:
    text = "Japan, alongside Australia and France, attended the summit."
    frame = rows(text, with_ties)
    assert set(frame["actor_id"]) == {"japan", "australia", "france"}
    assert set(frame["issue_id"]) == {"partner_ties"}
    assert set(frame["stance"]) == {"support"} and set(frame["attribution"]) == {"action"}


def test_companions_named_after_the_deed_take_part_too(with_ties) -> None:
    text = "Japan took part in the meeting together with Australia."
    assert triples(text, with_ties) == {
        ("japan", "partner_ties", "support"),
        ("australia", "partner_ties", "support"),
    }


def test_a_trip_without_issue_words_serves_the_issue_under_discussion(with_ties) -> None:
    text = (
        "Albanese said Australia should send a frigate to patrol the region. "
        "Japan made the trip as well."
    )
    frame = rows(text, with_ties)
    japan = frame[frame["actor_id"] == "japan"]
    assert japan[["issue_id", "stance", "attribution"]].values.tolist() == [
        ["navy_presence", "support", "action"]
    ]


def test_a_trip_with_nothing_under_discussion_serves_the_issue_of_attendance(with_ties) -> None:
    assert triples("Japan made the trip.", with_ties) == {("japan", "partner_ties", "support")}
    frame = extract("Japan made the trip.", PUBLISHED, codebook_without_attendance(with_ties), "d")
    assert frame[["actor_id", "issue_id"]].values.tolist() == [["japan", ""]]


def codebook_without_attendance(book):
    issues = book.issues.copy()
    issues["description"] = ""
    return dataclasses.replace(book, issues=issues)


def test_sending_ministers_to_a_summit_serves_the_issue_of_attendance(with_ties) -> None:
    text = "Japan and Australia sent ministers to the summit."
    assert triples(text, with_ties) == {
        ("japan", "partner_ties", "support"),
        ("australia", "partner_ties", "support"),
    }


def test_neither_nor_joins_its_subjects(with_ties) -> None:
    frame = rows("Neither Japan nor Australia attended the summit.", with_ties)
    assert set(frame["actor_id"]) == {"japan", "australia"}


def test_both_countries_are_the_last_two_states_named_together(with_ties) -> None:
    text = (
        "Japan and Australia attended the summit. China objected. "
        "Both countries said they remained committed to cooperation with the alliance."
    )
    frame = rows(text, with_ties)
    said = frame[frame["note"].str.contains("said")]
    assert set(said["actor_id"]) == {"japan", "australia"}


def test_an_unknown_speaker_does_not_continue_the_previous_quote(codebook) -> None:
    text = (
        'Albanese said frigate patrols were vital. "We will be back," the admiral told reporters.'
    )
    assert len(rows(text, codebook)) == 1


def test_a_target_of_the_words_before_a_deed_does_not_do_it(codebook) -> None:
    text = "Any attack against Japan's warships stationed in the Pacific would test the alliance."
    assert "japan" not in set(rows(text, codebook)["actor_id"])


def test_the_n_partners_are_the_last_list_of_n_states(with_ties) -> None:
    text = (
        "Ministers from Australia, Japan and France met in Brussels. China was not invited. "
        "The three partners attended the summit."
    )
    frame = rows(text, with_ties)
    attended = frame[frame["note"].str.contains("attended")]
    assert set(attended["actor_id"]) == {"australia", "japan", "france"}


# --- stances held -----------------------------------------------------------------------


def test_maintaining_its_stance_repeats_the_earlier_stance(codebook) -> None:
    text = (
        "France said the liaison office in Tokyo would be a mistake. France maintains its stance."
    )
    frame = rows(text, codebook)
    assert frame[["actor_id", "issue_id", "stance"]].values.tolist() == [
        ["france", "nato_office", "oppose"],
        ["france", "nato_office", "oppose"],
    ]


def test_a_position_that_has_not_changed_is_the_one_its_people_stated(codebook) -> None:
    text = "Albanese said frigate patrols were a mistake. Canberra's position has not changed."
    frame = rows(text, codebook)
    assert frame[["actor_id", "issue_id", "stance"]].values.tolist() == [
        ["albanese", "navy_presence", "oppose"],
        ["australia", "navy_presence", "oppose"],
    ]


def test_standing_by_an_objection_opposes_the_issue_under_discussion(codebook) -> None:
    text = "Rutte said NATO should open a liaison office in Tokyo. France stood by its objection."
    assert triples(text, codebook) == {
        ("rutte", "nato_office", "support"),
        ("france", "nato_office", "oppose"),
    }


def test_a_held_stance_with_nothing_earlier_stays_unassigned(codebook) -> None:
    frame = extract("France maintains its stance.", PUBLISHED, codebook, "doc")
    assert frame[["actor_id", "issue_id"]].values.tolist() == [["france", ""]]


# --- verbs that keep their side ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The liaison office in Tokyo was shelved after France objected.", "oppose"),
        ("Plans for a liaison office in Tokyo collapsed when France objected.", "oppose"),
        ("The liaison office in Tokyo went ahead after France backed it.", "support"),
    ],
)
def test_a_verb_in_a_clause_after_its_object_says_the_side(codebook, text, stance) -> None:
    assert triples(text, codebook) == {("france", "nato_office", stance)}


@pytest.mark.parametrize(
    ("text", "issue", "stance"),
    [
        ("Beijing urged Japan not to host the liaison office in Tokyo.", "nato_office", "oppose"),
        (
            "Beijing urged Japan to think twice before hosting the liaison office.",
            "nato_office",
            "oppose",
        ),
        ("Beijing urged Canberra to stop sending frigates.", "navy_presence", "oppose"),
        ("Beijing called on NATO to open a liaison office in Tokyo.", "nato_office", "support"),
    ],
)
def test_what_an_actor_is_urged_to_do_or_not_to_do(codebook, text, issue, stance) -> None:
    assert triples(text, codebook) == {("china", issue, stance)}


def test_an_issue_set_aside_with_rather_than_is_opposed(codebook) -> None:
    text = "Beijing said it hoped Europe would promote peace rather than send frigates."
    assert ("china", "navy_presence", "oppose") in triples(text, codebook)
    assert ("china", "navy_presence", "support") not in triples(text, codebook)


def test_the_stance_word_nearest_a_reference_is_said_of_it(codebook) -> None:
    text = (
        "Rutte said NATO should open a liaison office in Tokyo. "
        "Beijing urged Japan to reconsider before hosting the office."
    )
    assert ("china", "nato_office", "oppose") in triples(text, codebook)


def test_an_outlet_arguing_in_an_editorial_takes_its_own_stance(codebook) -> None:
    text = "Kyodo argued in an editorial that France was wrong to oppose the liaison office."
    frame = rows(text, codebook)
    assert frame[["actor_id", "attribution"]].values.tolist() == [["kyodo", "stated"]]


def test_an_outlet_s_participle_keeps_its_own_stance(codebook) -> None:
    text = "Kyodo condemned the frigate patrols, calling them a provocation."
    frame = rows(text, codebook)
    assert set(frame["actor_id"]) == {"kyodo"}
    assert set(frame["stance"]) == {"oppose"} and set(frame["attribution"]) == {"stated"}


def test_a_cue_word_takes_its_inflections_but_not_another_word() -> None:
    office = _cue_pattern("liaison office")
    assert office.search("two liaison offices") and not office.search("a liaison officer")


# --- whose forces, which ship, which outlet ---------------------------------------------


@pytest.fixture(scope="module")
def members_presence(codebook):
    """The test codebook with the naval issue about what the alliance's members do."""
    issues = codebook.issues.copy()
    at = issues.index[issues["issue_id"] == "navy_presence"][0]
    issues.at[at, "proposition"] = (
        "NATO members should increase their naval presence in the Pacific"
    )
    issues.at[at, "cues"] = ["frigate", "warship", "patrol", "drills"]
    return dataclasses.replace(codebook, issues=issues)


def test_another_state_s_forces_are_not_an_issue_about_members(members_presence) -> None:
    text = (
        "Chinese warships encircled Taiwan on Monday. "
        "Beijing said the drills were a warning to separatists."
    )
    assert ("china", "navy_presence", "support") not in triples(text, members_presence)
    assert "navy_presence" not in set(rows(text, members_presence)["issue_id"])


def test_a_member_s_forces_stay_on_the_issue(members_presence) -> None:
    text = "French warships sailed to the Pacific. Beijing said the drills were a provocation."
    assert ("china", "navy_presence", "oppose") in triples(text, members_presence)


def test_a_state_the_forces_exercise_with_does_not_own_them(members_presence) -> None:
    text = "France said its frigate would hold drills with Japanese forces."
    assert triples(text, members_presence) == {("france", "navy_presence", "support")}


def test_a_ship_s_name_is_not_a_speaker(codebook) -> None:
    frame = rows("The French frigate Prairial Bayern docked in Manila on Monday.", codebook)
    assert frame[["actor_id", "issue_id", "attribution"]].values.tolist() == [
        ["france", "navy_presence", "action"]
    ]


def test_a_capital_alone_as_subject_stands_for_its_state(codebook) -> None:
    frame = rows("Rome also sent a frigate.", codebook)
    assert frame[["actor_id", "actor_is_new", "organization"]].values.tolist() == [
        ["italy", True, "Italy"]
    ]


def test_a_newspaper_named_by_its_title_states_a_verdict_of_its_own(codebook) -> None:
    frame = rows("The state-run Global Times said frigate patrols were a provocation.", codebook)
    assert frame[["actor_id", "actor_type", "stance", "attribution"]].values.tolist() == [
        ["global_times", "media", "oppose", "stated"]
    ]


def test_an_outlet_reporting_a_plain_fact_takes_no_stance(codebook) -> None:
    assert rows("Kyodo said frigate patrols would start in May.", codebook).empty


def test_the_presence_of_leaders_is_attendance_not_forces(members_presence) -> None:
    issues = members_presence.issues.copy()
    at = issues.index[issues["issue_id"] == "navy_presence"][0]
    issues.at[at, "cues"] = ["frigate", "presence"]
    book = dataclasses.replace(members_presence, issues=issues)
    assert rows("Albanese said the presence of the four Pacific leaders mattered.", book).empty
    assert triples("Albanese said the French naval presence mattered.", book) == {
        ("albanese", "navy_presence", "support")
    }


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Spain has declined to commit a frigate.", "oppose"),
        ("Hungary questioned whether frigate patrols were wise.", "oppose"),
        ("Beijing said frigate patrols only heighten tensions.", "oppose"),
        ("Berlin defended the frigate patrols as routine.", "support"),
        ('Beijing warned Canberra not to "send frigates" to its coast.', "oppose"),
    ],
)
def test_refusals_doubts_and_defences_take_their_side(codebook, text, stance) -> None:
    assert {t[2] for t in triples(text, codebook) if t[1] == "navy_presence"} == {stance}


def test_declining_to_comment_is_no_statement_of_its_own(codebook) -> None:
    text = (
        "Albanese declined to comment on the liaison office but argued that frigate patrols "
        "were vital."
    )
    assert triples(text, codebook) == {("albanese", "navy_presence", "support")}


def test_a_visit_serves_the_issue_its_sentence_names(with_ties) -> None:
    text = "Albanese visited Tokyo and pledged to deepen cooperation with the alliance."
    assert triples(text, with_ties) == {("albanese", "partner_ties", "support")}


def test_a_relative_clause_speaks_for_the_person_before_it(codebook) -> None:
    text = (
        "Australia was represented by Defence Minister Richard Marles, who said frigate "
        "patrols were vital."
    )
    assert ("richard_marles", "navy_presence", "support") in triples(text, codebook)


def test_a_chain_of_titles_is_not_part_of_the_name(codebook) -> None:
    text = (
        "Albanese met Secretary General Jens Holm on Monday. Holm said frigate patrols were vital."
    )
    assert ("jens_holm", "navy_presence", "support") in triples(text, codebook)


def test_a_possessor_is_not_the_subject_of_a_deed(with_ties) -> None:
    text = "Leaders of Japan's partners were absent, sending ministers to the summit instead."
    assert "japan" not in set(rows(text, with_ties)["actor_id"])
    text = "Japan's prime minister stayed home; his deputy went to the summit in his place."
    assert triples(text, with_ties) == {("japan", "partner_ties", "support")}


def test_an_idea_not_on_the_table_is_opposed(codebook) -> None:
    text = "Albanese said a liaison office in Tokyo was not on the table."
    assert triples(text, codebook) == {("albanese", "nato_office", "oppose")}


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Beijing said frigate patrols were not conducive to peace.", "oppose"),
        ('Beijing urged Europe to "stop flexing its muscles" with frigate patrols.', "oppose"),
        ("Albanese said frigate patrols were vital and dismissed the criticism.", "support"),
    ],
)
def test_words_whose_side_depends_on_what_they_govern(codebook, text, stance) -> None:
    assert {t[2] for t in triples(text, codebook) if t[1] == "navy_presence"} == {stance}


def test_dismissing_criticism_supports_what_was_criticised(codebook) -> None:
    text = "Beijing criticised the frigate patrols. Albanese dismissed the criticism."
    assert triples(text, codebook) == {
        ("china", "navy_presence", "oppose"),
        ("albanese", "navy_presence", "support"),
    }


def test_its_minister_speaks_for_the_state_named_before(codebook) -> None:
    text = "Japan welcomed frigate patrols. Its defence minister said the frigates were vital."
    frame = rows(text, codebook)
    assert frame[["actor_id", "issue_id", "stance"]].values.tolist() == [
        ["japan", "navy_presence", "support"],
        ["japan", "navy_presence", "support"],
    ]


def test_a_participle_after_a_clause_speaks_for_its_subject(codebook) -> None:
    text = "Defence Minister Ana Ruiz went further, calling for more frigate patrols."
    assert triples(text, codebook) == {("ana_ruiz", "navy_presence", "support")}


def test_a_name_after_a_participle_is_what_was_said(codebook) -> None:
    text = "Albanese was cautious, saying Canberra wanted frigate patrols."
    assert triples(text, codebook) == {("albanese", "navy_presence", "support")}


def test_a_possessor_is_not_part_of_the_name_after_it(codebook) -> None:
    frame = rows("Australia's Ana Ruiz said frigate patrols were vital.", codebook)
    assert frame[["actor_id", "organization"]].values.tolist() == [["ana_ruiz", "Australia"]]


def test_it_is_the_state_that_spoke_before(codebook) -> None:
    text = (
        "Beijing said frigate patrols were a provocation. "
        "It urged Japan not to host the liaison office."
    )
    assert triples(text, codebook) == {
        ("china", "navy_presence", "oppose"),
        ("china", "nato_office", "oppose"),
    }


def test_the_listener_of_told_is_not_what_was_said(codebook) -> None:
    text = "Albanese told his frigate captains that the liaison office in Tokyo was a mistake."
    assert triples(text, codebook) == {("albanese", "nato_office", "oppose")}


def test_brushing_off_criticism_supports_what_was_criticised(codebook) -> None:
    text = "Beijing condemned the frigate patrols. Albanese brushed off the criticism."
    assert ("albanese", "navy_presence", "support") in triples(text, codebook)


def test_their_leaders_are_the_heads_of_the_states_named_together(codebook) -> None:
    text = (
        "When I visited Australia and Japan, their leaders were clearly concerned that "
        "frigate patrols were too few, Rutte said."
    )
    frame = rows(text, codebook)
    concerned = frame[frame["note"].str.contains("concerned")]
    # Australia's prime minister is in the codebook; Japan's head is not, so Japan speaks
    assert set(concerned["actor_id"]) == {"albanese", "japan"}


@pytest.fixture(scope="module")
def with_force(codebook):
    """The test codebook with an issue about what a state may do to a place."""
    force = pd.DataFrame(
        [
            {
                "issue_id": "island_force",
                "label": "Taking Taiwan by force",
                "proposition": "China may bring Taiwan under its control by force",
                "topic": "China",
                "description": "",
                "cues": ["by force", "invasion", "coercion or force"],
            }
        ]
    )
    return dataclasses.replace(codebook, issues=pd.concat([codebook.issues, force]))


def test_an_issue_about_a_place_needs_the_place_in_view(with_force) -> None:
    text = "Albanese said no country should redraw borders by force."
    assert "island_force" not in set(rows(text, with_force)["issue_id"])
    text = "Beijing staged drills near Taiwan. Albanese said no country should act by force."
    assert ("albanese", "island_force", "oppose") in triples(text, with_force)


def test_pushing_for_something_supports_it(codebook) -> None:
    assert triples("Tokyo has pushed for more frigate patrols.", codebook) == {
        ("japan", "navy_presence", "support")
    }


def test_an_undecided_clause_is_about_what_its_sentence_names(codebook) -> None:
    text = "France, which sent a frigate last year, has not yet decided whether to return."
    assert ("france", "navy_presence", "neutral") in triples(text, codebook)


# --- lists, appositives and reported words ----------------------------------------------


def test_a_list_of_demonyms_shares_its_noun(codebook) -> None:
    text = "In July, French, German and Spanish fighter jets flew over Hokkaido."
    frame = extract(text, PUBLISHED, codebook, "doc")
    assert set(frame["actor_id"]) == {"france", "germany", "spain"}


def test_companions_after_a_deed_are_the_people_named_not_partner_forces(with_ties) -> None:
    text = (
        "Albanese went to the summit in Brussels, alongside Japan's foreign minister, "
        "Yoko Ishii, and France."
    )
    assert set(rows(text, with_ties)["actor_id"]) == {"albanese", "yoko_ishii", "france"}
    text = "The French frigate sailed through the strait alongside a Japanese destroyer."
    assert set(rows(text, with_ties)["actor_id"]) == {"france"}


def test_a_noun_before_the_speaker_is_what_its_verb_judges(codebook) -> None:
    text = "The French frigate sailed on, a patrol Beijing denounced as a provocation."
    assert ("china", "navy_presence", "oppose") in triples(text, codebook)


def test_a_non_member_s_deed_is_not_about_members_forces(members_presence) -> None:
    text = "China's navy staged drills near Taiwan, sending warships to the strait."
    assert "navy_presence" not in set(rows(text, members_presence)["issue_id"])


def test_a_quotation_mark_between_the_words_of_a_term(codebook) -> None:
    text = 'Beijing urged Japan not to host a "liaison" office in Tokyo.'
    assert triples(text, codebook) == {("china", "nato_office", "oppose")}


def test_a_quoted_unchanged_position_repeats_the_earlier_stance(codebook) -> None:
    text = (
        "France said the liaison office in Tokyo would be a mistake. "
        'An official said that Paris\'s position "has not changed".'
    )
    assert [t[2] for t in rows(text, codebook)[["actor_id", "issue_id", "stance"]].values] == [
        "oppose",
        "oppose",
    ]


@pytest.mark.parametrize(
    "text",
    [
        'Countries should "refrain from sending frigates" to the Pacific, Beijing said.',
        'Beijing said countries must "not stir up trouble" with frigate patrols.',
    ],
)
def test_a_bidding_modal_or_negation_keeps_the_side_of_its_verb(codebook, text) -> None:
    assert triples(text, codebook) == {("china", "navy_presence", "oppose")}


def test_a_report_names_its_subject_by_title_and_the_participle_goes_on(codebook) -> None:
    text = (
        "Kyodo reported that Defence Minister Ana Ruiz had praised the frigate patrols, "
        "saying they were vital."
    )
    frame = rows(text, codebook)
    assert set(frame["actor_id"]) == {"ana_ruiz"}
    assert set(frame["attribution"]) == {"reported"} and set(frame["reported_by"]) == {"Kyodo News"}


def test_a_state_s_own_official_speaks_the_state_s_words(codebook) -> None:
    text = "Australia opposes a liaison office in Tokyo, Albanese told reporters."
    assert triples(text, codebook) == {("albanese", "nato_office", "oppose")}


@pytest.fixture(scope="module")
def with_affair(codebook):
    """The test codebook with an issue whose proposition others may be said to violate."""
    affair = pd.DataFrame(
        [
            {
                "issue_id": "island_affair",
                "label": "Taiwan as China's internal affair",
                "proposition": "Taiwan is China's internal affair",
                "topic": "China",
                "description": "",
                "cues": ["internal affair", "Taiwan"],
            }
        ]
    )
    return dataclasses.replace(codebook, issues=pd.concat([codebook.issues, affair]))


def test_harm_done_to_the_proposition_supports_it(with_affair) -> None:
    text = (
        "That drew a rebuke from China's ambassador in Berlin, Li Wen, who described the "
        'statement as "gross interference in China\'s internal affairs".'
    )
    assert ("li_wen", "island_affair", "support") in triples(text, with_affair)


def test_a_state_named_after_a_preposition_is_no_verdict_on_it(codebook) -> None:
    issues = codebook.issues.copy()
    at = issues.index[issues["issue_id"] == "china_threat"][0]
    issues.at[at, "cues"] = ["coercion", "China"]
    named = dataclasses.replace(codebook, issues=issues)
    text = "Albanese said Japan had conveyed its concerns to Beijing."
    assert "china_threat" not in set(rows(text, named)["issue_id"])
    text = "Albanese said China was the biggest backer of the war."
    assert "china_threat" in set(rows(text, named)["issue_id"])


def test_a_stance_word_wins_over_a_statement_without_one(codebook) -> None:
    text = (
        '"The liaison office in Tokyo is a plan," Mao Ning told a briefing, urging NATO to '
        '"stop" the liaison office.'
    )
    assert triples(text, codebook) == {("mao_ning", "nato_office", "oppose")}


def test_the_plan_in_a_question_is_the_plan_named_before(codebook) -> None:
    text = (
        "Rutte once proposed a liaison office in Tokyo. Asked whether he would revive the plan, "
        "Albanese said it was not on the agenda."
    )
    assert ("albanese", "nato_office", "oppose") in triples(text, codebook)


def test_a_voyage_called_costly_is_opposed(codebook) -> None:
    text = "France sent a frigate to the Pacific. Albanese called the voyage a costly show."
    assert ("albanese", "navy_presence", "oppose") in triples(text, codebook)


def test_a_verdict_naming_no_issue_is_on_the_issue_under_discussion(codebook) -> None:
    text = (
        "Albanese said frigate patrols were vital. "
        "Rutte said Europe should concentrate on its own neighbourhood."
    )
    assert ("rutte", "navy_presence", "oppose") in triples(text, codebook)
    text = "Rutte said Europe should concentrate on its own neighbourhood."
    assert rows(text, codebook).empty


def test_a_harm_word_before_the_issue_term_is_still_a_verdict_on_a_place(codebook) -> None:
    # "meddling in" a region opposes engagement there: only lower-case terms are protected
    text = "Beijing accused Canberra of meddling in frigate patrols."
    assert triples(text, codebook) == {("china", "navy_presence", "oppose")}


def test_the_peaceful_way_and_not_by_force_both_reject_force(with_force) -> None:
    text = "Japan urged China to resolve differences over Taiwan peacefully, not by force."
    assert triples(text, with_force) == {("japan", "island_force", "oppose")}


def test_never_by_force_rejects_force(with_force) -> None:
    text = 'Taiwan\'s future will be decided "never by coercion or force", Albanese said.'
    assert ("albanese", "island_force", "oppose") in triples(text, with_force)


def test_a_name_in_an_appositive_before_the_verb_speaks(codebook) -> None:
    text = "A Labour lawmaker, Diane Abbott, said frigate patrols were a waste of money."
    assert triples(text, codebook) == {("diane_abbott", "navy_presence", "oppose")}


def test_a_name_particle_is_a_whole_word(codebook) -> None:
    text = "The Conservative defence spokesman, Ana de Vries, said frigate patrols were vital."
    assert set(rows(text, codebook)["actor_id"]) == {"ana_de_vries"}


def test_a_partner_joining_a_member_s_forces_stays_on_the_issue(members_presence) -> None:
    text = "French warships reached Darwin. Australia then joined the drills with a frigate."
    assert ("australia", "navy_presence", "support") in triples(text, members_presence)


def test_his_minister_speaks_for_the_state_of_the_person_named_before(codebook) -> None:
    text = (
        "Hungary's Prime Minister Viktor Orban stayed away. "
        "His foreign minister said frigate patrols were a waste of money."
    )
    assert triples(text, codebook) == {("hungary", "navy_presence", "oppose")}


def test_the_forces_that_open_a_clause_own_its_deeds(members_presence) -> None:
    text = (
        "China's military staged large exercises near Taiwan, sending warships to the strait "
        "in drills that drew protests from Tokyo."
    )
    assert "navy_presence" not in set(rows(text, members_presence)["issue_id"])


def test_following_drills_with_concern_opposes_them(codebook) -> None:
    text = 'Germany said it was following the frigate patrols "with great concern".'
    assert triples(text, codebook) == {("germany", "navy_presence", "oppose")}
