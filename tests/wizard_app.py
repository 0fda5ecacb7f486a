"""Driving panes 1-5 through the real WizardApp and reading back the saved file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from imgwizard.settings import Settings
from imgwizard.tui.app import WizardApp
from tests.tui_harness import TODAY

CLOCK = dt.datetime(2026, 11, 24, 9, 30, 0)


def wizard(path: Path) -> WizardApp:
    return WizardApp(path, today=TODAY, settings=Settings(), clock=lambda: CLOCK)


async def open_step(pilot, step_id: str) -> None:
    """Show the step with focus on its first field (navigation itself is the shell's test)."""
    await pilot.app.go_to_step(step_id, focus_pane=True)
    await pilot.pause()


def saved_toml(path: Path) -> dict[str, Any]:
    """The file as written (read after the app has exited: it saves on the way out)."""
    return tomllib.loads(path.read_text(encoding="utf-8"))
