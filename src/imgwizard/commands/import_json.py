"""`imgwizard import-json`: replace the data file with a JSON export."""

from __future__ import annotations

import argparse

NAME = "import-json"
HELP = "load a JSON export into the data file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.json", help="a file written by export --format json")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a data file that already holds answers (it is kept as <file>.bak)",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from imgwizard import store
    from imgwizard.commands.common import data_path, fail
    from imgwizard.importing.dossier_json import is_blank, parse_export

    source = Path(args.file).expanduser()
    try:
        dossier = parse_export(store.read_text(source), source)
    except FileNotFoundError:
        return fail(f"no such file: {source}")
    except store.StoreError as exc:
        return fail(exc.describe())

    path = data_path(args)
    try:
        lock = store.acquire_lock(path)
    except store.StoreError as exc:
        return fail(exc.describe())
    try:
        if not args.force:
            try:
                current, existed = store.load_or_new(path)
            except store.StoreError as exc:
                lock.abandon()  # a refused file gets no lock file beside it
                return fail(
                    exc.describe() + "\nimport-json will not replace it without --force "
                    "(which keeps it as <file>.bak)."
                )
            if existed and not is_blank(current):
                return fail(
                    f"{path} already holds your answers; nothing was changed.\n"
                    "What to do: pass --force to replace it (the current file is kept as "
                    f"{store.backup_path(path).name}), or import into another file with "
                    "--data-file."
                )
        store.save(path, dossier, backup=True)
    except store.StoreError as exc:
        return fail(exc.describe())
    finally:
        lock.release()
    print(f"imported {source} into {path}")
    return 0
