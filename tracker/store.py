"""Saving a newly coded article into the data folder: atomically, with a backup and a change log.

A save writes the article text, its row in `documents.csv`, its annotations CSV and the codebook,
then rebuilds `positions.parquet`. Everything is composed and checked before any file of the
data folder is touched: the new files are laid out in a staging folder, the positions table is
built from it (which checks codebook ids, quotes and dates) and only then are the files swapped
in, one `os.replace` each. The files a save replaces are first copied to
`backups/<timestamp>/`; if a swap fails midway, they are put back, so the data folder holds
either the old files or the new ones, byte for byte. Every save and undo is appended to
`changes.jsonl` (who, when, which files, a summary); `undo` restores the files of the last save.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tracker.build import ANNOTATION_COLUMNS
from tracker.problems import DataError, Problem
from tracker.schema import DOCUMENT_COLUMNS

CHANGE_LOG = "changes.jsonl"
BACKUPS = "backups"
MANIFEST = "manifest.json"
# Largest article text accepted (characters): a long report, not a book or a data dump.
MAX_TEXT_CHARS = 200_000
DOC_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
# Free-text columns a spreadsheet could read as a formula; quotes stay verbatim (they are
# searched in the text) and are trimmed to start at a letter instead.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SaveError(Exception):
    """A save or undo that did not happen; the data folder is as it was. `problems` says why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Article:
    """A document to add: its metadata and its text exactly as coded."""

    doc_id: str
    title: str
    outlet: str
    url: str
    published: dt.date
    text: str
    language: str = "en"
    notes: str = ""


@dataclass
class SaveResult:
    """What a save or undo did."""

    entry: dict
    files: list[str] = field(default_factory=list)


def neutralise(value: object) -> str:
    """A cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _csv_row(values: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue().encode("utf-8")


def check_article(article: Article, data_dir: Path) -> list[Problem]:
    """Problems with the article's metadata and text, before anything is written."""
    where = "new article"
    problems = []
    if not DOC_ID.match(article.doc_id):
        problems.append(
            Problem(
                where,
                article.doc_id or None,
                "doc_id",
                "use 1-100 lower-case letters, digits, '-' or '_', starting with a letter or digit",
            )
        )
    elif (Path(data_dir) / "articles" / f"{article.doc_id}.txt").exists():
        problems.append(Problem(where, article.doc_id, "doc_id", "a document with this id exists"))
    if not article.text.strip():
        problems.append(Problem(where, article.doc_id, "text", "the text is empty"))
    if len(article.text) > MAX_TEXT_CHARS:
        problems.append(
            Problem(
                where,
                article.doc_id,
                "text",
                f"{len(article.text):,} characters; the limit is {MAX_TEXT_CHARS:,}",
            )
        )
    if not article.title.strip():
        problems.append(Problem(where, article.doc_id, "title", "the title is empty"))
    if article.url and not re.match(r"^https?://", article.url):
        problems.append(
            Problem(where, article.doc_id, "url", "must start with http:// or https://")
        )
    return problems


def annotation_frame(rows: pd.DataFrame, text: str) -> pd.DataFrame:
    """Reviewed rows as the annotations file holds them: text columns, formulas neutralised."""
    frame = rows.copy()
    for column in ANNOTATION_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[list(ANNOTATION_COLUMNS)].astype(object).where(frame.notna(), "")
    frame["statement_date"] = [
        value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
        for value in frame["statement_date"]
    ]
    frame["quote"] = [str(q).lstrip("=+-@\t\r ") for q in frame["quote"]]
    for column in ("reported_by", "note", "coder"):
        frame[column] = frame[column].map(neutralise)
    frame["confidence"] = [
        f"{float(c):.2f}" if str(c).strip() not in ("", "nan") else "" for c in frame["confidence"]
    ]
    frame["occurrence"] = [_occurrence(text, str(q)) for q in frame["quote"]]
    return frame.astype(str)


def _occurrence(text: str, quote: str) -> str:
    """Blank when the quote occurs once; otherwise 1 (the build then takes the first match)."""
    return "1" if quote and text.count(quote) > 1 else ""


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    """One save at a time per data folder (another app session or the command line).

    The lock is taken on the folder itself, so no lock file is left behind.
    """
    fd = os.open(data_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SaveError(
                [Problem(str(data_dir), None, None, "another save is in progress; try again")]
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _replace(source: Path, target: Path) -> None:
    """Move a finished temporary file into place (one atomic rename)."""
    os.replace(source, target)


def _write_temp(target: Path, data: bytes) -> Path:
    """`data` in a temporary file beside `target`, flushed to disk."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    # mkstemp makes the file private; keep the mode the replaced file had (or the usual one)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    os.chmod(name, mode)
    return Path(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stage(data_dir: Path, changes: dict[Path, bytes], staging: Path) -> None:
    """A view of the data folder with `changes` applied: links to unchanged files, new bytes."""
    for sub in ("codebook", "annotations", "articles"):
        (staging / sub).mkdir(parents=True, exist_ok=True)
        source = data_dir / sub
        if source.is_dir():
            for path in source.iterdir():
                if path.is_file():
                    os.symlink(path.resolve(), staging / sub / path.name)
    documents = data_dir / "documents.csv"
    if documents.exists():
        os.symlink(documents.resolve(), staging / "documents.csv")
    for path, data in changes.items():
        target = staging / path.relative_to(data_dir)
        target.unlink(missing_ok=True)
        target.write_bytes(data)


def _build_staged(data_dir: Path, changes: dict[Path, bytes]) -> bytes:
    """The positions file the data folder will have after the changes (raises DataError)."""
    from tracker.build import build_positions, positions_bytes

    with tempfile.TemporaryDirectory(prefix="tracker-save-") as tmp:
        staging = Path(tmp)
        _stage(data_dir, changes, staging)
        frame = build_positions(staging)
        return positions_bytes(frame)


def _timestamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _apply(data_dir: Path, changes: dict[Path, bytes], entry: dict) -> SaveResult:
    """Back up, swap in every changed file, log; on any failure put the old files back."""
    backup = data_dir / BACKUPS / entry["id"]
    backup.mkdir(parents=True, exist_ok=False)
    replaced = [p for p in changes if p.exists()]
    created = [p for p in changes if not p.exists()]
    for path in replaced:
        target = backup / path.relative_to(data_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    manifest = {
        "replaced": [str(p.relative_to(data_dir)) for p in replaced],
        "created": [str(p.relative_to(data_dir)) for p in created],
    }
    (backup / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    entry = {**entry, "backup": f"{BACKUPS}/{entry['id']}", **manifest}

    temps: dict[Path, Path] = {}
    done: list[Path] = []
    log = data_dir / CHANGE_LOG
    log_size = log.stat().st_size if log.exists() else None
    try:
        for path, data in changes.items():
            temps[path] = _write_temp(path, data)
        for path, temp in temps.items():
            _replace(temp, path)
            done.append(path)
        _append_log(log, entry)
    except BaseException as exc:
        _restore(data_dir, backup, done, replaced)
        if log_size is None:
            log.unlink(missing_ok=True)
        else:
            with open(log, "r+b") as handle:
                handle.truncate(log_size)
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        shutil.rmtree(backup, ignore_errors=True)
        if isinstance(exc, Exception):
            raise SaveError(
                [
                    Problem(
                        str(data_dir),
                        None,
                        None,
                        f"saving failed and was undone, the data are unchanged ({exc})",
                    )
                ]
            ) from exc
        raise
    return SaveResult(entry, [str(p.relative_to(data_dir)) for p in changes])


def _append_log(log: Path, entry: dict) -> None:
    """One JSON line at the end of the change log, flushed to disk."""
    with open(log, "ab") as handle:
        handle.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())


def _restore(data_dir: Path, backup: Path, done: list[Path], replaced: list[Path]) -> None:
    """Put back the backed-up version of every file already swapped; remove new ones."""
    for path in done:
        if path in replaced:
            saved = backup / path.relative_to(data_dir)
            temp = _write_temp(path, saved.read_bytes())
            os.replace(temp, path)
        else:
            path.unlink(missing_ok=True)


def save_article(
    data_dir: Path,
    article: Article,
    annotations: pd.DataFrame,
    codebook,
    who: str,
    summary: str = "",
) -> SaveResult:
    """Add a coded article to the data folder and rebuild the positions file, atomically.

    `annotations` holds the reviewed rows (annotation columns; statement ids are assigned
    here), `codebook` the codebook including any actors or issues added during the review.
    Raises SaveError (nothing written) when anything is wrong.
    """
    from tracker.codebook import write_codebook

    data_dir = Path(data_dir)
    problems = check_article(article, data_dir)
    if annotations.empty:
        problems.append(Problem("review table", None, None, "no statements accepted"))
    if problems:
        raise SaveError(problems)

    rows = annotation_frame(annotations, article.text)
    rows["statement_id"] = [f"{article.doc_id}-{n:03d}" for n in range(1, len(rows) + 1)]
    changes: dict[Path, bytes] = {
        data_dir / "articles" / f"{article.doc_id}.txt": article.text.encode("utf-8"),
        data_dir / "annotations" / f"{article.doc_id}.csv": _csv_bytes(rows),
    }
    documents = data_dir / "documents.csv"
    old = documents.read_bytes() if documents.exists() else _csv_row(list(DOCUMENT_COLUMNS))
    if old and not old.endswith(b"\n"):
        old += b"\n"
    values = {
        "doc_id": article.doc_id,
        "title": neutralise(article.title),
        "outlet": neutralise(article.outlet),
        "url": neutralise(article.url),
        "published": article.published.isoformat(),
        "language": neutralise(article.language),
        "notes": neutralise(article.notes),
    }
    changes[documents] = old + _csv_row([values[c] for c in DOCUMENT_COLUMNS])
    for path, data in write_codebook(codebook, data_dir).items():
        if not path.exists() or path.read_bytes() != data:
            changes[Path(path)] = data

    with _locked(data_dir):
        try:
            changes[data_dir / "positions.parquet"] = _build_staged(data_dir, changes)
        except DataError as error:
            raise SaveError(_staged_problems(error, data_dir)) from None
        entry = {
            "id": _timestamp(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "who": who,
            "action": "save",
            "doc_id": article.doc_id,
            "summary": summary or f"added {article.doc_id}: {len(rows)} statements",
        }
        return _apply(data_dir, changes, entry)


def _staged_problems(error: DataError, data_dir: Path) -> list[Problem]:
    """Build problems with the staging folder's paths shown as the data folder's."""
    out = []
    for problem in error.problems:
        file = re.sub(r"^.*?tracker-save-[^/]+", str(data_dir), problem.file)
        out.append(Problem(file, problem.row, problem.column, problem.message))
    return out


def read_changes(data_dir: Path) -> list[dict]:
    """The change log, oldest first."""
    log = Path(data_dir) / CHANGE_LOG
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]


def undo(data_dir: Path, who: str) -> SaveResult:
    """Restore the files of the last save not yet undone (the undo is itself logged)."""
    data_dir = Path(data_dir)
    changes = read_changes(data_dir)
    undone = {c.get("undoes") for c in changes if c.get("action") == "undo"}
    saves = [c for c in changes if c.get("action") == "save" and c["id"] not in undone]
    if not saves:
        raise SaveError([Problem(str(data_dir / CHANGE_LOG), None, None, "nothing to undo")])
    last = saves[-1]
    backup = data_dir / last["backup"]
    if not backup.is_dir():
        raise SaveError([Problem(str(backup), None, None, "the backup of this save is missing")])
    restore: dict[Path, bytes] = {
        data_dir / rel: (backup / rel).read_bytes() for rel in last.get("replaced", [])
    }
    with _locked(data_dir):
        entry = {
            "id": _timestamp(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "who": who,
            "action": "undo",
            "undoes": last["id"],
            "summary": f"undid {last['id']} ({last.get('summary', '')})",
        }
        result = _apply(data_dir, restore, entry)
        # files the undone save created go last, once everything else is back
        for rel in last.get("created", []):
            path = data_dir / rel
            if path.exists():
                target = data_dir / BACKUPS / entry["id"] / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                path.unlink()
        return result
