"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


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
