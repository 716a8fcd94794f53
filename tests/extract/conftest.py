"""A small codebook of its own for the extractor's unit tests (independent of data/codebook)."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker.codebook import Codebook


def make_codebook() -> Codebook:
    actors = pd.DataFrame(
        [
            (
                "rutte",
                "Mark Rutte",
                "person",
                "NATO",
                "Netherlands",
                "NATO Secretary General",
                ["Rutte", "NATO chief", "the secretary general"],
            ),
            ("nato", "NATO", "organization", "NATO", "", "Alliance", ["the alliance"]),
            (
                "albanese",
                "Anthony Albanese",
                "person",
                "Australia",
                "Australia",
                "Prime Minister of Australia",
                ["Albanese", "Australian Prime Minister"],
            ),
            (
                "australia",
                "Australia",
                "government",
                "Australia",
                "Australia",
                "State",
                ["Canberra"],
            ),
            ("china", "China", "government", "China", "China", "State", ["Beijing"]),
            ("japan", "Japan", "government", "Japan", "Japan", "State", ["Tokyo"]),
            ("france", "France", "government", "France", "France", "State", ["Paris", "French"]),
            ("kyodo", "Kyodo News", "media", "Kyodo News", "Japan", "News agency", ["Kyodo"]),
        ],
        columns=["actor_id", "name", "actor_type", "organization", "country", "role", "aliases"],
    ).assign(description="")
    issues = pd.DataFrame(
        [
            (
                "aukus_submarines",
                "AUKUS submarines",
                "Australia should acquire nuclear-powered submarines under AUKUS",
                "Defence",
                ["submarine", "AUKUS"],
            ),
            (
                "nato_office",
                "NATO office in Tokyo",
                "NATO should open a liaison office in Tokyo",
                "NATO",
                ["liaison office", "office in Tokyo"],
            ),
            (
                "navy_presence",
                "Naval presence",
                "European navies should increase their presence in the Pacific",
                "Military",
                ["frigate", "warship", "patrol"],
            ),
            (
                "china_threat",
                "China as a threat",
                "China's conduct threatens the security of the region",
                "China",
                ["coercion", "intimidation"],
            ),
        ],
        columns=["issue_id", "label", "proposition", "topic", "cues"],
    ).assign(description="")
    stances = pd.DataFrame(
        {
            "stance": ["support", "neutral", "oppose"],
            "score": [1, 0, -1],
            "label": "",
            "description": "",
        }
    )
    return Codebook(actors=actors, issues=issues, stances=stances)


@pytest.fixture(scope="session")
def codebook() -> Codebook:
    return make_codebook()
