"""What the extractor's unit tests read off a short constructed text, and codebook variants."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from tracker.codebook import Codebook
from tracker.extract import extract

PUBLISHED = dt.date(2023, 7, 11)  # a Tuesday


def placed(text: str, codebook: Codebook, published: dt.date = PUBLISHED) -> pd.DataFrame:
    """The proposals for `text` that have an issue (unassigned ones are left out)."""
    frame = extract(text, published, codebook, "doc")
    return frame[frame["issue_id"] != ""]


def triples(
    text: str, codebook: Codebook, published: dt.date = PUBLISHED
) -> set[tuple[str, str, str]]:
    """The (actor, issue, stance) triples proposed for `text`."""
    frame = placed(text, codebook, published)
    return set(frame[["actor_id", "issue_id", "stance"]].itertuples(index=False, name=None))


def with_issue(codebook: Codebook, issue_id: str, proposition: str, cues: list[str]) -> Codebook:
    """The codebook with one more issue."""
    extra = pd.DataFrame(
        [(issue_id, issue_id, proposition, "Test", cues)],
        columns=["issue_id", "label", "proposition", "topic", "cues"],
    ).assign(description="")
    return dataclasses.replace(codebook, issues=pd.concat([codebook.issues, extra]))
