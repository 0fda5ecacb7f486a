"""Ask for one date, with a default offered (today): Enter takes it, typing replaces it.

Used where the wizard would otherwise stamp a date silently ("Mark as submitted", "mark as
applied"). Dismisses with the date, or None when cancelled (Escape or the Cancel button).
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from imgwizard.tui.screens.dialog import Dialog
from imgwizard.tui.widgets.fields import FieldError, parse_text


class DateScreen(Dialog[dt.date | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="date_cancel")]

    def __init__(self, title: str, label: str, default: dt.date) -> None:
        super().__init__(classes="modal", id="date-dialog")
        self.title_text, self.label, self.default = title, label, default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Label(f"{self.label} (YYYY-MM-DD; Enter takes the date shown)")
            yield Input(self.default.isoformat(), id="date-value", select_on_focus=True)
            yield Static("", id="date-error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (Enter)", id="date-ok", variant="primary")
                yield Button("Cancel (esc)", id="date-cancel")

    def on_mount(self) -> None:
        self.query_one("#date-value", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "date-ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        text = self.query_one("#date-value", Input).value
        try:
            day = parse_text(text, "date", optional=False)
        except FieldError as exc:
            self.query_one("#date-error", Static).update(str(exc))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
