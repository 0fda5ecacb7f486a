"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imgwizard.model import Dossier
    from imgwizard.season import Season


class CommandFailed(Exception):
    """A command cannot go on; cli.main prints the message and exits 2."""


def data_path(args: argparse.Namespace) -> Path:
    from imgwizard.store import resolve_path

    return resolve_path(getattr(args, "data_file", None))


def parse_day(text: str) -> dt.date:
    """argparse type for --today and other dates: YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from None


def fail(message: str) -> int:
    print(f"imgwizard: {message}", file=sys.stderr)
    return 2


def read_dossier(path: Path, today: dt.date) -> tuple[Dossier, bool]:
    """The dossier at path (or a fresh one) for a command; CommandFailed on a bad file."""
    from imgwizard import store

    try:
        return store.load_or_new(path, today)
    except store.StoreError as exc:
        raise CommandFailed(exc.describe()) from None


def season_for(dossier: Dossier, today: dt.date, year: int | None = None) -> Season:
    """The season a command reports on: the dossier's target Match unless `year` is given.

    The applicant's corrections belong to their target season only."""
    from imgwizard.season import SeasonDataError
    from imgwizard.season.which import season_of

    try:
        return season_of(dossier, today, year)
    except SeasonDataError as exc:
        raise CommandFailed(f"imgwizard's season data is damaged: {exc}") from None


def plain(text: str) -> str:
    """A line of output with control characters (escape sequences from user text) removed."""
    import re

    return text if text.isprintable() else re.sub("[\x00-\x1f\x7f-\x9f]", "", text)
