"""Reviewing proposed statements: the table an analyst edits, its checks, the codebook additions.

The "Add an article" page shows `review_table(proposals)` in an editable table, lets the analyst
accept or reject rows, change actor, issue, stance and date, and add rows for chosen passages;
`check_review` says what is wrong before saving, and `accepted_annotations` and `extend_codebook`
give what `tracker.store.save_article` writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd

from tracker.extract.actors import slug
from tracker.extract.ranking import starts_accepted
from tracker.problems import Problem
from tracker.schema import ACTOR_TYPES, ATTRIBUTIONS, DATE_PRECISIONS, STANCES

REVIEW_COLUMNS: tuple[str, ...] = (
    "accept",
    "actor_id",
    "issue_id",
    "stance",
    "statement_date",
    "date_precision",
    "attribution",
    "reported_by",
    "quote",
    "confidence",
    "note",
    "coder",
)
NEW_ACTOR_COLUMNS: tuple[str, ...] = (
    "add",
    "actor_id",
    "name",
    "actor_type",
    "organization",
    "role",
)
WHERE = "review table"


def suggest_doc_id(outlet: str, published: dt.date, title: str) -> str:
    """A readable, unique-looking document id: outlet, date, first words of the title."""
    words = slug(title).split("_")[:5]
    parts = [
        slug(outlet)[:20] or "doc",
        published.strftime("%Y%m%d"),
        "-".join(w for w in words if w),
    ]
    return "-".join(p for p in parts if p).replace("_", "-")[:100]


def review_table(proposals: pd.DataFrame) -> pd.DataFrame:
    """The proposals as the editable review table: the suggested ones start accepted."""
    accept = starts_accepted(proposals)
    table = pd.DataFrame(
        {
            "accept": accept,
            "actor_id": proposals["actor_id"].astype(str),
            "issue_id": proposals["issue_id"].astype(str),
            "stance": proposals["stance"].astype(str),
            "statement_date": pd.to_datetime(proposals["statement_date"]).dt.date,
            "date_precision": proposals["date_precision"].astype(str),
            "attribution": proposals["attribution"].astype(str),
            "reported_by": proposals["reported_by"]
            .astype(object)
            .where(proposals["reported_by"].notna(), ""),
            "quote": proposals["quote"].astype(str),
            "confidence": proposals["confidence"].astype(float),
            "note": proposals["note"].astype(str),
            "coder": proposals["coder"].astype(str),
        }
    )
    return table.reset_index(drop=True)


def proposed_actors(proposals: pd.DataFrame) -> pd.DataFrame:
    """Actors the extractor found that the codebook lacks, one row each, proposed for adding."""
    new = proposals[proposals["actor_is_new"].astype(bool)]
    new = new.drop_duplicates("actor_id")
    return pd.DataFrame(
        {
            "add": True,
            "actor_id": new["actor_id"].astype(str),
            "name": new["actor"].astype(str),
            "actor_type": new["actor_type"].astype(str),
            "organization": new["organization"].astype(str),
            "role": new["actor_role"].astype(str),
        }
    ).reset_index(drop=True)


def passage_row(quote: str, published: dt.date) -> dict:
    """A new, empty-coded row for a passage the analyst chose."""
    return {
        "accept": True,
        "actor_id": "",
        "issue_id": "",
        "stance": "neutral",
        "statement_date": published,
        "date_precision": "published",
        "attribution": "stated",
        "reported_by": "",
        "quote": quote,
        "confidence": 1.0,
        "note": "added by the analyst",
        "coder": "human",
    }


def extend_codebook(codebook, new_actors: pd.DataFrame, new_issues: pd.DataFrame):
    """The codebook with the accepted new actors and issues appended."""
    actors = codebook.actors
    if len(new_actors):
        chosen = (
            new_actors[new_actors.get("add", True).astype(bool)]
            if "add" in new_actors
            else new_actors
        )
        rows = pd.DataFrame(
            {
                "actor_id": chosen["actor_id"].astype(str).str.strip(),
                "name": chosen["name"].astype(str).str.strip(),
                "actor_type": chosen["actor_type"].astype(str).str.strip(),
                "organization": chosen["organization"].astype(str).str.strip(),
                "country": chosen.get("country", pd.Series("", index=chosen.index)).astype(str),
                "role": chosen["role"].astype(str).str.strip(),
                "aliases": [[] for _ in range(len(chosen))],
                "description": "Added while coding an article.",
            }
        )
        rows = rows[~rows["actor_id"].isin(actors["actor_id"])]
        actors = pd.concat([actors, rows], ignore_index=True)
    issues = codebook.issues
    if len(new_issues):
        rows = pd.DataFrame(
            {
                "issue_id": new_issues["issue_id"].astype(str).str.strip(),
                "label": new_issues["label"].astype(str).str.strip(),
                "proposition": new_issues["proposition"].astype(str).str.strip(),
                "topic": new_issues["topic"].astype(str).str.strip(),
                "description": new_issues.get(
                    "description", pd.Series("", index=new_issues.index)
                ).astype(str),
                "cues": [
                    [c.strip() for c in str(cues).split("|") if c.strip()]
                    for cues in new_issues.get("cues", pd.Series("", index=new_issues.index))
                ],
            }
        )
        rows = rows[~rows["issue_id"].isin(issues["issue_id"])]
        issues = pd.concat([issues, rows], ignore_index=True)
    return dataclasses.replace(codebook, actors=actors, issues=issues)


def check_new_actors(new_actors: pd.DataFrame, codebook) -> list[Problem]:
    """Problems with the actors to be added (ids, names, types)."""
    problems = []
    chosen = new_actors[new_actors["add"].astype(bool)] if len(new_actors) else new_actors
    for n, row in enumerate(chosen.itertuples(index=False), start=1):
        where = f"new actor {n}"
        if not re.match(r"^[a-z0-9][a-z0-9_]*$", str(row.actor_id)):
            problems.append(
                Problem("new actors", where, "actor_id", "use lower-case letters, digits and _")
            )
        if not str(row.name).strip():
            problems.append(Problem("new actors", where, "name", "empty name"))
        if str(row.actor_type) not in ACTOR_TYPES:
            problems.append(
                Problem("new actors", where, "actor_type", f"one of {', '.join(ACTOR_TYPES)}")
            )
        if not str(row.organization).strip():
            problems.append(Problem("new actors", where, "organization", "empty organization"))
    return problems


def check_review(table: pd.DataFrame, text: str, codebook) -> list[Problem]:
    """What stops the accepted rows from being saved, one problem per row and column."""
    accepted = table[table["accept"].fillna(False).astype(bool)]
    problems: list[Problem] = []
    if accepted.empty:
        return [Problem(WHERE, None, "accept", "no row is accepted")]
    actors = set(codebook.actors["actor_id"])
    issues = set(codebook.issues["issue_id"])
    for index, row in accepted.iterrows():
        where = f"{int(index) + 1}"

        def flag(column: str, message: str, where=where) -> None:
            problems.append(Problem(WHERE, where, column, message))

        if str(row["actor_id"]) not in actors:
            flag(
                "actor_id",
                f"unknown actor {row['actor_id']!r}: choose one or add it to the codebook",
            )
        if str(row["issue_id"]) not in issues:
            flag(
                "issue_id",
                "choose an issue" if not row["issue_id"] else f"unknown issue {row['issue_id']!r}",
            )
        if str(row["stance"]) not in STANCES:
            flag("stance", "choose support, oppose or neutral")
        if str(row["date_precision"]) not in DATE_PRECISIONS:
            flag("date_precision", f"one of {', '.join(DATE_PRECISIONS)}")
        if str(row["attribution"]) not in ATTRIBUTIONS:
            flag("attribution", f"one of {', '.join(ATTRIBUTIONS)}")
        if not isinstance(row["statement_date"], dt.date) or pd.isna(row["statement_date"]):
            flag("statement_date", "choose a date")
        quote = str(row["quote"] or "").strip()
        if not quote:
            flag("quote", "empty quote")
        elif quote not in text:
            flag("quote", "the quote must be copied verbatim from the article text")
        if row["attribution"] == "reported" and not str(row["reported_by"] or "").strip():
            flag("reported_by", "say who reports it")
    duplicated = accepted.duplicated(["actor_id", "issue_id", "stance", "quote"], keep="first")
    for index in accepted.index[duplicated]:
        problems.append(Problem(WHERE, f"{int(index) + 1}", "quote", "the same statement twice"))
    return problems


CODED_COLUMNS = (
    "actor_id",
    "issue_id",
    "stance",
    "statement_date",
    "date_precision",
    "attribution",
)


def accepted_annotations(table: pd.DataFrame, original: pd.DataFrame) -> pd.DataFrame:
    """The accepted rows as annotation rows (statement ids are given when saving).

    A proposal accepted as it was keeps the extractor as its coder; a row the analyst changed
    or added is coded by a human.
    """
    accepted = table[table["accept"].fillna(False).astype(bool)].copy()
    accepted["quote"] = accepted["quote"].astype(str).str.strip()
    before = original.reindex(accepted.index)
    same = pd.Series(True, index=accepted.index)
    for column in CODED_COLUMNS:
        same &= accepted[column].astype(str) == before[column].astype(str)
    extractor = (
        before["coder"].astype(str) if "coder" in before else pd.Series("", index=accepted.index)
    )
    accepted["coder"] = extractor.where(same & extractor.ne("") & extractor.ne("nan"), "human")
    accepted["occurrence"] = ""
    accepted["statement_id"] = ""
    return accepted.drop(columns=["accept"]).reset_index(drop=True)
