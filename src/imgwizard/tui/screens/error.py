"""The data file cannot be used: say which file, each problem, and what to do. Never touch it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from imgwizard.store import StoreError


def describe_error(error: StoreError) -> Text:
    text = Text()
    text.append("File: ", style="bold")
    text.append(str(error.path))
    text.append("\n\nWhat is wrong:\n", style="bold")
    for problem in error.problems or []:
        text.append("  • ")
        text.append(str(problem))
        text.append("\n")
    text.append("\nWhat to do: ", style="bold")
    text.append(error.hint)
    return text


class StoreErrorScreen(ModalScreen[None]):
    """Shown instead of the wizard when the file is corrupt, invalid, newer or unreadable."""

    BINDINGS = [Binding("q,f10,escape", "quit_app", "Quit", id="error_quit")]

    def __init__(self, error: StoreError) -> None:
        super().__init__(classes="modal")
        self.error = error

    def compose(self) -> ComposeResult:
        headline = self.error.headline[:1].upper() + self.error.headline[1:]
        with Vertical(classes="dialog wide"):
            yield Static(headline, classes="dialog-title error", markup=False)
            with VerticalScroll(classes="dialog-scroll"):
                yield Static(describe_error(self.error), classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Quit (q)", id="quit", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#quit", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_quit_app()

    def action_quit_app(self) -> None:
        self.app.exit(return_code=2)
