"""The codebook: actors, issues and the stance scale, kept as diff-friendly CSV files.

`data/codebook/actors.csv`, `issues.csv` and `stances.csv`. List-valued fields (an actor's
aliases, an issue's cue terms) are separated by `|` inside one cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tracker.problems import DataError, Problem
from tracker.schema import ACTOR_TYPES, STANCES

ACTOR_COLUMNS = (
    "actor_id",
    "name",
    "actor_type",
    "organization",
    "country",
    "role",
    "aliases",
    "description",
)
ISSUE_COLUMNS = ("issue_id", "label", "proposition", "topic", "description", "cues")
STANCE_COLUMNS = ("stance", "score", "label", "description")
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Codebook:
    """Actors, issues and stances; `aliases` and `cues` are lists of strings."""

    actors: pd.DataFrame
    issues: pd.DataFrame
    stances: pd.DataFrame


def codebook_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "codebook"


def split_list(cell: object) -> list[str]:
    """A `|`-separated cell as a list of non-empty, stripped strings."""
    if not isinstance(cell, str):
        return []
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def join_list(items: list[str]) -> str:
    return LIST_SEPARATOR.join(item.strip() for item in items if item and item.strip())


def _read_csv(path: Path, columns: tuple[str, ...], key: str) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    if not path.exists():
        return pd.DataFrame(columns=list(columns)), [
            Problem(str(path), None, None, "file not found")
        ]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in columns if c not in frame.columns]
    for column in missing:
        problems.append(Problem(str(path), None, column, "column is missing"))
    if missing:
        return frame, problems
    ids = frame[key].str.strip()
    # Line numbers as an editor shows them: the header is line 1.
    lines = (frame.index + 2).astype(str)
    for line in lines[ids == ""]:
        problems.append(Problem(str(path), f"line {line}", key, "empty id"))
    for value in sorted(set(ids[ids.duplicated() & (ids != "")])):
        problems.append(Problem(str(path), value, key, "duplicate id"))
    return frame, problems


def load_codebook(data_dir: Path) -> Codebook:
    """Read and check the codebook under `data_dir/codebook`; raise DataError listing every problem."""
    folder = codebook_dir(data_dir)
    actors, problems = _read_csv(folder / "actors.csv", ACTOR_COLUMNS, "actor_id")
    issues, issue_problems = _read_csv(folder / "issues.csv", ISSUE_COLUMNS, "issue_id")
    stances, stance_problems = _read_csv(folder / "stances.csv", STANCE_COLUMNS, "stance")
    problems += issue_problems + stance_problems
    if problems:
        raise DataError(problems)

    bad_type = ~actors["actor_type"].isin(ACTOR_TYPES)
    for actor_id, value in actors.loc[bad_type, ["actor_id", "actor_type"]].itertuples(index=False):
        problems.append(
            Problem(
                str(folder / "actors.csv"),
                actor_id,
                "actor_type",
                f"unknown actor type {value!r}; expected one of {', '.join(ACTOR_TYPES)}",
            )
        )
    for column in ("name", "organization"):
        for actor_id in actors.loc[actors[column].str.strip() == "", "actor_id"]:
            problems.append(Problem(str(folder / "actors.csv"), actor_id, column, "empty value"))
    for column in ("label", "proposition", "topic"):
        for issue_id in issues.loc[issues[column].str.strip() == "", "issue_id"]:
            problems.append(Problem(str(folder / "issues.csv"), issue_id, column, "empty value"))
    expected = {k: str(v) for k, v in STANCES.items()}
    found = dict(zip(stances["stance"], stances["score"], strict=True))
    if found != expected:
        problems.append(
            Problem(
                str(folder / "stances.csv"),
                None,
                "score",
                f"the stance scale must be {expected}, found {found}",
            )
        )
    if problems:
        raise DataError(problems)

    actors = actors.assign(aliases=actors["aliases"].map(split_list))
    issues = issues.assign(cues=issues["cues"].map(split_list))
    stances = stances.assign(score=stances["score"].astype("int8"))
    return Codebook(actors=actors, issues=issues, stances=stances)


def write_codebook(codebook: Codebook, data_dir: Path) -> dict[Path, bytes]:
    """The codebook's CSV files as bytes, keyed by path (the caller writes them atomically)."""
    folder = codebook_dir(data_dir)
    actors = codebook.actors.assign(aliases=codebook.actors["aliases"].map(join_list))
    issues = codebook.issues.assign(cues=codebook.issues["cues"].map(join_list))
    return {
        folder / "actors.csv": actors[list(ACTOR_COLUMNS)]
        .to_csv(index=False, lineterminator="\n")
        .encode("utf-8"),
        folder / "issues.csv": issues[list(ISSUE_COLUMNS)]
        .to_csv(index=False, lineterminator="\n")
        .encode("utf-8"),
        folder / "stances.csv": codebook.stances[list(STANCE_COLUMNS)]
        .to_csv(index=False, lineterminator="\n")
        .encode("utf-8"),
    }
