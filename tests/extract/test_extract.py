"""The extractor's rules, one behaviour at a time, on short texts and a small codebook."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from tracker.extract import CODER, OUTPUT_COLUMNS, extract

PUBLISHED = dt.date(2023, 7, 11)  # a Tuesday


def rows(text: str, codebook, published: dt.date = PUBLISHED) -> pd.DataFrame:
    frame = extract(text, published, codebook, "doc")
    return frame[frame["issue_id"] != ""]


def triples(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(frame[["actor_id", "issue_id", "stance"]].itertuples(index=False, name=None))


def test_said_with_named_speaker_and_support(codebook) -> None:
    frame = rows("Albanese said Australia would buy nuclear-powered submarines.", codebook)
    assert triples(frame) == {("albanese", "aukus_submarines", "support")}
    row = frame.iloc[0]
    assert row["attribution"] == "stated"
    assert row["coder"] == CODER
    assert 0 < row["confidence"] <= 1


def test_output_columns_and_offsets(codebook) -> None:
    text = "Intro sentence here.\n\nAlbanese said Australia would buy submarines."
    frame = extract(text, PUBLISHED, codebook, "doc")
    assert list(frame.columns) == list(OUTPUT_COLUMNS)
    for quote, start, end in frame[["quote", "char_start", "char_end"]].itertuples(index=False):
        assert text[start:end] == quote


def test_speaker_after_the_quote_and_date_in_the_frame(codebook) -> None:
    text = "The submarine deal is vital for our security, the Australian Prime Minister said on Monday."
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["issue_id"], row["stance"]) == (
        "albanese",
        "aukus_submarines",
        "support",
    )
    assert (row["statement_date"], row["date_precision"]) == (dt.date(2023, 7, 10), "day")


def test_pronoun_resolves_to_the_person_last_named(codebook) -> None:
    text = (
        "NATO chief Mark Rutte met reporters in Brussels.\n\n"
        "The alliance should open a liaison office in Tokyo, he said."
    )
    assert triples(rows(text, codebook)) == {("rutte", "nato_office", "support")}


def test_role_noun_alias_names_the_actor(codebook) -> None:
    text = "The secretary general wants a liaison office in Tokyo."
    assert triples(rows(text, codebook)) == {("rutte", "nato_office", "support")}


def test_opposition_cue(codebook) -> None:
    text = "Paris rejected the plan for a liaison office in Tokyo."
    assert triples(rows(text, codebook)) == {("france", "nato_office", "oppose")}


def test_negation_flips_a_support_cue(codebook) -> None:
    text = "Albanese said he does not support buying a submarine fleet."
    assert triples(rows(text, codebook)) == {("albanese", "aukus_submarines", "oppose")}


def test_directly_negated_issue_term_opposes(codebook) -> None:
    text = "France said there should be no liaison office in Tokyo."
    assert triples(rows(text, codebook)) == {("france", "nato_office", "oppose")}


def test_harm_words_agree_with_a_warning_proposition(codebook) -> None:
    # the proposition warns of China's conduct: calling it coercion supports it
    text = "Rutte said Beijing's intimidation of its neighbours is dangerous."
    assert triples(rows(text, codebook)) == {("rutte", "china_threat", "support")}


def test_reported_speech_names_the_reporter(codebook) -> None:
    text = "France would block a liaison office in Tokyo, Kyodo reported."
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["stance"], row["attribution"], row["reported_by"]) == (
        "france",
        "oppose",
        "reported",
        "Kyodo News",
    )


def test_according_to_media_makes_a_statement_reported(codebook) -> None:
    text = "Albanese backed the submarine plan, according to the news agency Kyodo."
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["attribution"], row["reported_by"]) == (
        "albanese",
        "reported",
        "Kyodo News",
    )


def test_deeds_are_actions(codebook) -> None:
    text = "A French frigate sailed through the Taiwan Strait in June."
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["issue_id"], row["attribution"]) == (
        "france",
        "navy_presence",
        "action",
    )
    assert (row["statement_date"], row["date_precision"]) == (dt.date(2023, 6, 1), "month")


def test_unknown_speaker_is_proposed_with_its_organization(codebook) -> None:
    text = "Chinese foreign ministry spokeswoman Mao Ning rejected any liaison office in Tokyo."
    [row] = rows(text, codebook).to_dict("records")
    assert row["actor_id"] == "mao_ning"
    assert row["actor_is_new"]
    assert (row["actor"], row["organization"], row["actor_type"]) == ("Mao Ning", "China", "person")
    assert row["stance"] == "oppose"


def test_unknown_speaker_with_an_appositive(codebook) -> None:
    text = (
        "Lena Berg, a senior fellow at the Lowy Institute, said the submarine deal would "
        "strengthen deterrence."
    )
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["organization"]) == ("lena_berg", "Lowy Institute")


def test_surname_alone_refers_to_the_new_person(codebook) -> None:
    text = (
        "Chinese defence minister Li Shangfu told the forum that the region was calm.\n\n"
        "Li said outside navies should not patrol the region."
    )
    assert ("li_shangfu", "navy_presence", "oppose") in triples(rows(text, codebook))


def test_sentence_without_an_issue_is_offered_unassigned(codebook) -> None:
    frame = extract("Albanese said the weather was fine.", PUBLISHED, codebook, "doc")
    assert list(frame["actor_id"]) == ["albanese"]
    assert list(frame["issue_id"]) == [""]


def test_no_speaker_no_statement(codebook) -> None:
    assert extract("The weather was fine in Vilnius.", PUBLISHED, codebook, "doc").empty


def test_first_person_sentence_continues_the_speaker(codebook) -> None:
    text = (
        "The alliance needs partners in Asia, Rutte wrote on Monday.\n\n"
        "We must open a liaison office in Tokyo."
    )
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["issue_id"]) == ("rutte", "nato_office")
    # the date of a speaker's run of statements carries over
    assert row["statement_date"] == dt.date(2023, 7, 10)


def test_statement_without_a_date_uses_publication(codebook) -> None:
    [row] = rows("Albanese said Australia needs submarines.", codebook).to_dict("records")
    assert (row["statement_date"], row["date_precision"]) == (PUBLISHED, "published")


def test_one_row_per_actor_issue_and_sentence(codebook) -> None:
    text = "Albanese said submarines matter, adding that the AUKUS submarines are vital."
    assert len(rows(text, codebook)) == 1


def test_issue_cues_come_from_the_codebook(codebook) -> None:
    text = "Albanese said Australia will build more corvettes."
    assert rows(text, codebook).empty
    extended = codebook.issues.assign(
        cues=[
            [*cues, "corvette"] if issue_id == "navy_presence" else cues
            for issue_id, cues in codebook.issues[["issue_id", "cues"]].itertuples(index=False)
        ]
    )
    richer = dataclasses.replace(codebook, issues=extended)
    assert triples(rows(text, richer)) == {("albanese", "navy_presence", "support")}


def test_a_coordinated_subject_speaks_together(codebook) -> None:
    text = "Japan, Australia and France agreed to send a frigate to the region."
    assert triples(rows(text, codebook)) == {
        ("japan", "navy_presence", "support"),
        ("australia", "navy_presence", "support"),
        ("france", "navy_presence", "support"),
    }


def test_an_organization_the_codebook_lacks_is_proposed(codebook) -> None:
    text = "China's Eastern Theater Command said any frigate patrol would be a provocation."
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["actor_type"], row["organization"]) == (
        "eastern_theater_command",
        "military",
        "China",
    )
    assert row["stance"] == "oppose"


def test_a_state_the_codebook_lacks_is_proposed_from_its_demonym(codebook) -> None:
    [row] = rows("An Italian warship sailed into Tokyo Bay.", codebook).to_dict("records")
    assert (row["actor_id"], row["actor_type"], row["actor_is_new"]) == (
        "italy",
        "government",
        True,
    )


def test_a_deed_takes_its_own_stance(codebook) -> None:
    # the protest is Beijing's; the sailing still supports a naval presence
    text = (
        "A French frigate sailed through the strait on Wednesday, drawing a protest from Beijing."
    )
    assert ("france", "navy_presence", "support") in triples(rows(text, codebook))


def test_an_outlet_known_by_its_acronym_takes_its_own_stance(codebook) -> None:
    text = "North Korea's state news agency KCNA condemned the planned liaison office in Tokyo."
    [row] = rows(text, codebook).to_dict("records")
    assert (row["actor_id"], row["actor_type"], row["organization"], row["stance"]) == (
        "kcna",
        "media",
        "North Korea",
        "oppose",
    )
