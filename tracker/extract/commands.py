"""The `extract`, `evaluate` and `undo` commands of `python -m tracker`."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from tracker.problems import DataError


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def run_extract(args: argparse.Namespace) -> int:
    from tracker.codebook import load_codebook
    from tracker.extract import extract
    from tracker.extract.training import model_for
    from tracker.store import MAX_TEXT_CHARS, neutralise

    path = Path(args.article)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{path}: cannot read the article as UTF-8 text ({exc})", file=sys.stderr)
        return 1
    if len(text) > MAX_TEXT_CHARS:
        print(f"{path}: {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}", file=sys.stderr)
        return 1
    try:
        codebook = load_codebook(Path(args.data_dir))
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    model = None if args.rules_only else model_for(Path(args.data_dir))
    frame = extract(text, args.published, codebook, args.doc_id or path.stem, model=model)
    for column in ("quote", "note", "reported_by", "actor", "organization", "actor_role"):
        frame[column] = frame[column].map(neutralise)
    csv_text = frame.to_csv(index=False, lineterminator="\n")
    if args.out:
        Path(args.out).write_text(csv_text, encoding="utf-8")
        print(f"wrote {args.out}: {len(frame)} proposed statements", file=sys.stderr)
    else:
        sys.stdout.write(csv_text)
    return 0


def add_extract(sub: argparse._SubParsersAction) -> None:
    from tracker.load import DEFAULT_DATA_DIR

    parser = sub.add_parser(
        "extract", help="propose stance statements for a new article (CSV on stdout)"
    )
    parser.add_argument("article", help="the article as a UTF-8 text file")
    parser.add_argument("--published", required=True, type=_date, help="publication date")
    parser.add_argument("--doc-id", help="document id (default: the file name without .txt)")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="folder with codebook/")
    parser.add_argument("--out", help="write the CSV here instead of stdout")
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="do not use the model learned from the coded articles under --data-dir",
    )
    parser.set_defaults(func=run_extract)


def run_evaluate(args: argparse.Namespace) -> int:
    from tracker.evaluate import evaluate, format_errors, format_report

    wanted = set(args.doc) | set(args.show_errors) if args.doc else None
    try:
        results = evaluate(Path(args.data_dir), doc_ids=wanted, learned=not args.rules_only)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    print(format_report(results))
    for doc_id in args.show_errors:
        print(format_errors(results, doc_id))
    return 0


def add_evaluate(sub: argparse._SubParsersAction) -> None:
    from tracker.load import DEFAULT_DATA_DIR

    parser = sub.add_parser(
        "evaluate",
        help="precision, recall, F1 and date accuracy of the extractor against human coding",
    )
    parser.add_argument(
        "--data-dir",
        default=str(DEFAULT_DATA_DIR),
        help="folder with the codebook, annotations and evaluation/ (held-out articles)",
    )
    parser.add_argument(
        "--doc",
        action="append",
        default=[],
        metavar="DOC_ID",
        help="score only this document (repeatable; default: all)",
    )
    parser.add_argument(
        "--show-errors",
        action="append",
        default=[],
        metavar="DOC_ID",
        help="also list the missed and wrongly proposed triples of this document (repeatable)",
    )
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="score the rules alone, without the model learned from the other coded articles",
    )
    parser.set_defaults(func=run_evaluate)


def run_undo(args: argparse.Namespace) -> int:
    from tracker.store import SaveError, undo

    try:
        result = undo(Path(args.data_dir), args.who or getpass.getuser())
    except SaveError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    print(result.entry["summary"])
    return 0


def add_undo(sub: argparse._SubParsersAction) -> None:
    from tracker.load import DEFAULT_DATA_DIR

    parser = sub.add_parser("undo", help="restore the data files of the last save")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="the data folder")
    parser.add_argument("--who", help="name recorded in the change log (default: user name)")
    parser.set_defaults(func=run_undo)
