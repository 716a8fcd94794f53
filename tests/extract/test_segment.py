"""Sentences come from the segmenter with offsets that point back into the text."""

from __future__ import annotations

from tracker.extract.segment import split_sentences


def test_offsets_point_into_the_text() -> None:
    text = "Mr. Smith left the U.S. in May.  He returned on Monday.\n\nA new paragraph starts here."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Mr. Smith left the U.S. in May.",
        "He returned on Monday.",
        "A new paragraph starts here.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_quotation_after_a_full_stop_starts_a_sentence() -> None:
    text = 'The minister left in May. "We will not back down," she said.'
    assert [s.text for s in split_sentences(text)] == [
        "The minister left in May.",
        '"We will not back down," she said.',
    ]


def test_stray_punctuation_is_not_a_sentence() -> None:
    text = "NATO met in Vilnius. .\n\n."
    assert [s.text for s in split_sentences(text)] == ["NATO met in Vilnius."]


def test_offsets_count_code_points() -> None:
    text = "Russia’s war — “a test” — goes on. Paris said “non”."
    sentences = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert sentences[-1].text == "Paris said “non”."
