"""The command line: `python -m tracker build | validate | export | extract | evaluate ...`.

Each command is a small function registered with its own sub-parser; the work is done by the
modules it calls, so the dashboard and the command line share one implementation.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tracker.problems import DataError

Command = Callable[[argparse.Namespace], int]


def _print_problems(error: DataError) -> None:
    for problem in error.problems:
        print(problem, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from tracker.build import build

    try:
        out, frame = build(Path(args.data_dir), Path(args.out) if args.out else None)
    except DataError as error:
        _print_problems(error)
        print(f"build failed: {len(error.problems)} problem(s)", file=sys.stderr)
        return 1
    print(
        f"wrote {out}: {len(frame)} statements, {frame['actor_id'].nunique()} actors, "
        f"{frame['issue_id'].nunique()} issues, {frame['doc_id'].nunique()} documents"
    )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from tracker.load import positions_uri
    from tracker.validate import validate_file

    problems = validate_file(args.path)
    for problem in problems:
        print(problem)
    target = positions_uri(args.path)
    if problems:
        print(f"{target}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{target}: valid")
    return 0


def add_build(sub: argparse._SubParsersAction) -> None:
    from tracker.load import DEFAULT_DATA_DIR

    parser = sub.add_parser(
        "build", help="codebook + annotations + articles -> positions.parquet (deterministic)"
    )
    parser.add_argument(
        "--data-dir",
        default=str(DEFAULT_DATA_DIR),
        help="folder with codebook/, annotations/, articles/, documents.csv",
    )
    parser.add_argument("--out", help="where to write (default: DATA_DIR/positions.parquet)")
    parser.set_defaults(func=cmd_build)


def add_validate(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate", help="check a positions file against the contract and its documents"
    )
    parser.add_argument(
        "path",
        nargs="?",
        default=None,
        help="positions file, dataset folder or s3:// URL (default: TRACKER_POSITIONS or data/positions.parquet)",
    )
    parser.set_defaults(func=cmd_validate)


# Sub-command registrars; other modules' commands are added to this list below.
REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [add_build, add_validate]


# --- export: the dashboard's CSV extract (tracker.export) ---
def add_export(sub: argparse._SubParsersAction) -> None:
    from tracker.export import add_export_arguments, run_export

    parser = sub.add_parser(
        "export", help="the CSV extract the dashboard downloads, for the same filters"
    )
    add_export_arguments(parser)
    parser.set_defaults(func=run_export)


REGISTRARS.append(add_export)
# --- end export ---


# --- extract, evaluate, undo: assisted coding (tracker.extract, tracker.evaluate, tracker.store) ---
def add_assisted_coding(sub: argparse._SubParsersAction) -> None:
    from tracker.extract.commands import add_evaluate, add_extract, add_undo

    for register in (add_extract, add_evaluate, add_undo):
        register(sub)


REGISTRARS.append(add_assisted_coding)
# --- end extract, evaluate, undo ---


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m tracker", description=__doc__.splitlines()[0])
    sub = root.add_subparsers(dest="command", required=True)
    for register in REGISTRARS:
        register(sub)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
