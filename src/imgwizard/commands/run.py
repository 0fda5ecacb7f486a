"""Start the full-screen wizard (the default when no command is given)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from imgwizard.commands.common import data_path
    from imgwizard.tui.app import run_wizard

    return run_wizard(
        data_path(args),
        mouse=not args.no_mouse,
        read_only=args.read_only,
        ansi=args.ansi,
    )
