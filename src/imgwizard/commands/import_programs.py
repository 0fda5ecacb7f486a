"""`imgwizard import-programs`: add programs from a spreadsheet's CSV file."""

from __future__ import annotations

import argparse

NAME = "import-programs"
HELP = "add programs from a spreadsheet's CSV file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", help="comma, semicolon or tab separated")
    parser.add_argument(
        "--accept-valid",
        action="store_true",
        help="import the good rows even when other rows have errors",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would be imported; change nothing"
    )


def report(result, source, *, accept_valid: bool, dry_run: bool, out) -> list:
    """Print what the import found; return the programs to add."""
    from imgwizard.wording import plural

    for note in result.notes:
        print(f"note: {note}", file=out)
    if result.ignored_columns:
        print(
            "note: columns not used: " + ", ".join(repr(c) for c in result.ignored_columns),
            file=out,
        )
    for error in result.errors:
        print(f"error: {error}", file=out)
    for duplicate in result.duplicates:
        print(f"duplicate: {duplicate}", file=out)
    chosen = result.importable(accept_valid)
    verb = "would add" if dry_run else "adding"
    if result.file_error:
        print(f"{source}: nothing imported.", file=out)
    elif result.errors and not accept_valid:
        bad, good = len(result.bad_rows), len(result.programs)
        print(
            f"{source}: {bad} of {plural(result.rows, 'row')} {'has' if bad == 1 else 'have'} "
            "errors; nothing imported. Fix the rows above"
            + (f", or pass --accept-valid to import the {plural(good, 'good row')}" if good else "")
            + ".",
            file=out,
        )
    else:
        print(
            f"{source}: {plural(result.rows, 'row')} read; {verb} {plural(len(chosen), 'program')}"
            + (
                f", {plural(len(result.duplicates), 'duplicate')} skipped"
                if result.duplicates
                else ""
            )
            + (f", {plural(len(result.bad_rows), 'bad row')} skipped" if result.errors else "")
            + ".",
            file=out,
        )
    return chosen


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from imgwizard import store
    from imgwizard.commands.common import data_path, fail
    from imgwizard.importing.programs_csv import CsvFileError, import_programs_csv, read_csv_file

    source = Path(args.file).expanduser()
    try:
        text, notes = read_csv_file(source)
    except CsvFileError as exc:
        return fail(f"{exc}\nNothing was imported.")

    path = data_path(args)
    lock = None
    try:
        if not args.dry_run:
            lock = store.acquire_lock(path)
        try:
            dossier, _ = store.load_or_new(path)
        except store.StoreError:
            if lock is not None:
                lock.abandon()  # a refused file gets no lock file beside it
            raise
        result = import_programs_csv(text, dossier)
        result.notes = notes + result.notes
        chosen = report(
            result, source, accept_valid=args.accept_valid, dry_run=args.dry_run, out=sys.stdout
        )
        if result.file_error:
            return 2
        if result.errors and not args.accept_valid:
            return 1
        if chosen and not args.dry_run:
            dossier.programs = [*dossier.programs, *chosen]
            store.save(path, dossier, backup=True)
            print(f"saved {path}")
    except store.StoreError as exc:
        return fail(exc.describe())
    finally:
        if lock is not None:
            lock.release()
    return 0
