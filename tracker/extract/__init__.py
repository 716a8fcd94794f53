"""Assisted extraction: proposes stance statements for a new article, for an analyst to review.

`extract(text, published, codebook)` returns one row per proposed (actor, issue) statement with
the annotation columns (`ANNOTATION_COLUMNS`), the evidence offsets and, for actors the codebook
does not hold yet, the proposed name, type and organization. The rules are in `rules.py` and its
parts by concern (`candidates.py`, `speakers.py`, `issue_rules.py`, `stance_rules.py`), the
polarity of words (stance cues, negation) in `polarity.py`, the cue lists in `cues.py`; issue cue
terms come from the codebook. What the coded articles teach is in `learned.py` (the issue and
stance of a sentence) and `ranking.py` (which readings to suggest), trained by `training.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from tracker.build import ANNOTATION_COLUMNS

if TYPE_CHECKING:  # the model module loads scikit-learn only when a model is used
    from tracker.extract.learned import StatementModel

NAME = "stance-extractor"
VERSION = "0.2"
CODER = f"{NAME} {VERSION}"

# Extra columns of a proposal: where the evidence is, what a new actor would be, and whether the
# tool suggests accepting it.
PROPOSAL_COLUMNS: tuple[str, ...] = (
    "char_start",
    "char_end",
    "actor",
    "actor_is_new",
    "actor_type",
    "organization",
    "actor_role",
    "suggested",
)
OUTPUT_COLUMNS: tuple[str, ...] = ANNOTATION_COLUMNS + PROPOSAL_COLUMNS


def _occurrence(text: str, quote: str, start: int) -> int:
    """1-based index of the match of `quote` that starts at `start`, as the build counts them."""
    count, at = 0, text.find(quote)
    while at != -1 and at <= start:
        count += 1
        if at == start:
            return count
        at = text.find(quote, at + 1)
    return max(count, 1)


def consistent_stances(frame: pd.DataFrame) -> pd.DataFrame:
    """Proposals without the stances an actor's other words on the same issue outweigh.

    Within one article an actor rarely takes two sides on one issue; when the proposals
    disagree, one reading is usually wrong (a stance word missed, a pronoun resolved to the
    wrong person). The stance proposed from more sentences wins, then the one read from a
    stance word rather than assumed; a tie keeps both for the analyst. Deeds are left alone:
    a state may send a frigate and still say the alliance has no business in the region.
    """
    words = frame[(frame["issue_id"] != "") & (frame["attribution"] != "action")]
    if words.empty:
        return frame
    per_stance = words.groupby(["actor_id", "issue_id", "stance"], as_index=False).agg(
        spans=("char_start", "nunique"), evidence=("evidence", "max")
    )
    ranked = per_stance.sort_values(["spans", "evidence"], ascending=False, kind="stable")
    best = ranked.drop_duplicates(["actor_id", "issue_id"])[
        ["actor_id", "issue_id", "spans", "evidence"]
    ]
    ranked = ranked.merge(best, on=["actor_id", "issue_id"], suffixes=("", "_best"))
    beaten = ranked[
        (ranked["spans"] < ranked["spans_best"])
        | (
            (ranked["spans"] == ranked["spans_best"])
            & (ranked["evidence"] < ranked["evidence_best"])
        )
    ][["actor_id", "issue_id", "stance"]]
    marked = frame.merge(beaten.assign(_beaten=True), how="left", on=list(beaten.columns))
    drop = marked["_beaten"].eq(True).to_numpy() & (frame["attribution"] != "action").to_numpy()
    return frame[~drop]


def extract(
    text: str, published: dt.date, codebook, doc_id: str = "new", model=None
) -> pd.DataFrame:
    """Proposed statements of `text` (published on `published`) coded with `codebook`.

    With `model` (`tracker.extract.learned.StatementModel`), statements the rules leave without
    an issue take the issue and stance the analysts' coded articles suggest when it is sure, and
    a stance the model reads otherwise with near certainty is corrected. When the model has a
    ranker (`tracker.extract.ranking`), `suggested` says which proposals to start accepted.
    """
    from tracker.extract.ranking import suggest
    from tracker.extract.rules import read_document  # the segmenter loads only when used

    frame = readings(read_document(text, published, codebook.actors, codebook.issues), model)
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in OUTPUT_COLUMNS})
    frame = suggest(frame.assign(doc_id=doc_id), model)
    frame["statement_id"] = [f"{doc_id}-x{n:03d}" for n in range(1, len(frame) + 1)]
    frame["occurrence"] = [
        _occurrence(text, quote, start)
        for quote, start in zip(frame["quote"], frame["char_start"], strict=True)
    ]
    frame["coder"] = CODER
    frame["statement_date"] = pd.to_datetime(frame["statement_date"]).dt.date
    frame["confidence"] = frame["confidence"].clip(0, 1).astype("float64")
    frame["reported_by"] = frame["reported_by"].where(frame["reported_by"].notna(), None)
    return frame[list(OUTPUT_COLUMNS)]


def readings(rows: list[dict], model: StatementModel | None = None) -> pd.DataFrame:
    """The rules' rows (`read_document`) as proposals: the model applied, one row per statement."""
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    from tracker.extract.learned import apply_model

    frame = apply_model(frame, model)
    # One row per actor, issue and evidence span: a repeated cue in one sentence is one statement
    # where two cues give one actor's stance on one issue, the one read from a stance word wins
    frame = frame.sort_values(
        ["char_start", "evidence", "confidence"], ascending=[True, False, False], kind="stable"
    )
    frame = frame.drop_duplicates(["actor_id", "issue_id", "char_start"], keep="first")
    return consistent_stances(frame).reset_index(drop=True)
