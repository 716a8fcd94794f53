"""Problems found in input files, and the error that carries them.

Every check in the project reports what is wrong as a `Problem` naming the file, the row and
the column, so that an analyst can open the file and fix it; nothing is reported as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# A check that fails on many rows lists this many of them and counts the rest.
MAX_ROWS_PER_CHECK = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    file: str
    row: str | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class DataError(Exception):
    """Raised when a data file cannot be used; `problems` holds everything found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def problems_for_rows(
    file: str, rows: Iterable[str], column: str | None, message: str
) -> list[Problem]:
    """One problem per offending row, capped, with a summary line for the rest."""
    rows = list(rows)
    out = [Problem(file, row, column, message) for row in rows[:MAX_ROWS_PER_CHECK]]
    if len(rows) > MAX_ROWS_PER_CHECK:
        more = len(rows) - MAX_ROWS_PER_CHECK
        out.append(Problem(file, None, column, f"{message} (and {more} more rows like this)"))
    return out
