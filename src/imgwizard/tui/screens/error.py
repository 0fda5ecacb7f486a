"""The data file cannot be used: say which file, each problem, and what to do. Never touch it.

Where the read-only mode works (a read-only file system, a folder where no lock file can be
made) it is offered here too, and the screen dismisses with "read_only"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from imgwizard.store import StoreError
from imgwizard.tui.screens.dialog import Dialog


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


class StoreErrorScreen(Dialog[str]):
    """Shown instead of the wizard when the file is corrupt, invalid, newer or unreadable."""

    BINDINGS = [
        Binding("q,f10,escape", "quit_app", "Quit", id="error_quit"),
        Binding("r", "read_only", "Open read-only", id="error_read_only", show=False),
    ]

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
                if self.error.offers_read_only:
                    yield Button("Open read-only (r)", id="read_only", variant="primary")
                quit_variant = "default" if self.error.offers_read_only else "primary"
                yield Button("Quit (q)", id="quit", variant=quit_variant)

    def on_mount(self) -> None:
        first = "#read_only" if self.error.offers_read_only else "#quit"
        self.query_one(first, Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "read_only":
            self.action_read_only()
        else:
            self.action_quit_app()

    def action_read_only(self) -> None:
        if self.error.offers_read_only:
            self.dismiss("read_only")

    def action_quit_app(self) -> None:
        self.app.exit(return_code=2)
