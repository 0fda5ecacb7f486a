"""The header line: which step this is, which Match season, and a quiet save indicator."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class WizardHeader(Horizontal):
    DEFAULT_CSS = """
    WizardHeader { height: 1; dock: top; background: $panel; }
    WizardHeader #header-title { width: 1fr; text-style: bold; padding: 0 1; }
    WizardHeader #header-status { width: auto; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="header-title", markup=False)
        yield Static("", id="header-status", markup=False)

    def set_title(self, text: str) -> None:
        title = Text(text, no_wrap=True, overflow="ellipsis")
        self.query_one("#header-title", Static).update(title)

    def set_status(self, text: str) -> None:
        self.query_one("#header-status", Static).update(Text(text, no_wrap=True))
