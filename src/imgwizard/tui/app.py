"""Placeholder wizard: replaced by the full wizard (issue #4)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class WizardApp(App[int]):
    def __init__(self, path: Path):
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"imgwizard\n\nData file: {self.path}", markup=False)
        yield Footer()


def run_wizard(
    path: Path, *, mouse: bool = True, read_only: bool = False, ansi: bool = False
) -> int:
    app = WizardApp(path)
    app.run(mouse=mouse)
    return 0
