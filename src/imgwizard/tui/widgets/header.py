"""The header line: which step this is, which Match season, and a quiet save indicator."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

STATUS_KEEP_WIDTH = 40


class WizardHeader(Horizontal):
    DEFAULT_CSS = """
    WizardHeader { height: 1; dock: top; background: $panel; }
    WizardHeader #header-title { width: 1fr; text-style: bold; padding: 0 1; }
    WizardHeader #header-status { width: auto; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="header-title", markup=False)
        yield Static("", id="header-status", markup=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._texts = {"header-title": "", "header-status": ""}

    def _set(self, name: str, text: str, **style) -> None:
        old = self._texts[name]
        if old == text:
            return
        self._texts[name] = text
        # Same length, same place: no need to lay the whole screen out again.
        self.query_one(f"#{name}", Static).update(
            Text(text, no_wrap=True, **style), layout=len(old) != len(text)
        )

    def set_title(self, text: str) -> None:
        self._set("header-title", text, overflow="ellipsis")

    def set_status(self, text: str) -> None:
        # While typing, the save state goes "saving…" -> "saved 09:30:00" -> "saving…": a
        # shorter status is padded on the left to the width it had (up to STATUS_KEEP_WIDTH),
        # so the header keeps its layout and the whole screen is not laid out again per key.
        width = len(self._texts["header-status"])
        if len(text) < width <= STATUS_KEEP_WIDTH:
            text = text.rjust(width)
        self._set("header-status", text)
