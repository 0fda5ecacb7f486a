"""Helpers for the tests of panes 1-5: Tab to a field, drive the real WizardApp, read back
the saved file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.conftest import make_wizard as wizard  # noqa: F401  (the pane tests' name for it)


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
