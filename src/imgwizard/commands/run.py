"""Start the full-screen wizard (the default when no command is given)."""

from __future__ import annotations

import argparse
import gc


def run(args: argparse.Namespace) -> int:
    # Start-up creates objects that live as long as the wizard (Textual, pydantic's schemas,
    # the dossier, the panes); collecting while they pile up only re-scans them (~100 ms of
    # the first screen's CPU for 300 programs). The wizard screen turns the collector back on,
    # with those objects frozen, once every pane is built (WizardScreen.startup_finished).
    gc.disable()
    from imgwizard.commands.common import data_path
    from imgwizard.tui.app import run_wizard

    return run_wizard(
        data_path(args),
        mouse=not args.no_mouse,
        read_only=args.read_only,
        ansi=args.ansi,
    )
