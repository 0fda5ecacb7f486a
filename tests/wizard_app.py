"""Helpers for the tests of panes 1-5: Tab to a field, drive the real WizardApp, read back
the saved file."""

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


async def focus(pilot, selector: str, limit: int = 80) -> None:
    """Tab until the first widget matching `selector` has focus (fails if it never does)."""
    target = pilot.app.screen.query(selector).first()
    for _ in range(limit):
        if pilot.app.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached {selector}")


async def add_specialty(pilot, name: str) -> None:
    """In step 1: the Add button, then the name typed into the new row."""
    await focus(pilot, "#add-specialty")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*name)
    await pilot.pause()
