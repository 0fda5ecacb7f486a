"""Another session holds the file: name the holder and offer read-only or quit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from imgwizard.store import LockInfo
from imgwizard.tui.screens.dialog import Dialog


def holder_text(path: str, holder: LockInfo | None) -> Text:
    text = Text()
    text.append("File: ", style="bold")
    text.append(f"{path}\n\n")
    if holder is None:
        text.append("Another process holds it; it did not say who.\n")
    else:
        since = holder.since.astimezone().strftime("%Y-%m-%d %H:%M")
        for label, value in (
            ("User", holder.user or "unknown"),
            ("Host", holder.host),
            ("Process id", str(holder.pid)),
            ("Open since", since),
        ):
            text.append(f"{label + ':':<12}", style="bold")
            text.append(f"{value}\n")
    text.append(
        "\nClose the other session first if you want to make changes here. Read-only shows "
        "everything but saves nothing."
    )
    return text


class LockHeldScreen(Dialog[str]):
    """Dismisses with "read_only" or "quit"."""

    BINDINGS = [
        Binding("r", "choose('read_only')", "Open read-only", id="lock_read_only"),
        Binding("q,f10,escape", "choose('quit')", "Quit", id="lock_quit"),
    ]

    def __init__(self, path: str, holder: LockInfo | None) -> None:
        super().__init__(classes="modal")
        self.path, self.holder = path, holder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "This data file is open in another imgwizard session",
                classes="dialog-title warning",
                markup=False,
            )
            yield Static(holder_text(self.path, self.holder), classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open read-only (r)", id="read_only", variant="primary")
                yield Button("Quit (q)", id="quit")

    def on_mount(self) -> None:
        self.query_one("#read_only", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "quit")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
