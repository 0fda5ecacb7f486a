"""Pick one of a few options (↑↓ and Enter); Escape or n cancels. Option text is user text."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from imgwizard.tui.screens.dialog import Dialog


class ChoiceScreen(Dialog[Any]):
    BINDINGS = [Binding("escape,n", "cancel", "Cancel", id="choice_cancel")]

    def __init__(self, title: str, options: list[tuple[str, Any]]) -> None:
        super().__init__(classes="modal", id="choice-dialog")
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static("↑↓ choose · Enter takes it · Esc cancels", classes="dialog-note")
            yield OptionList(
                *[Option(Content(label), id=str(i)) for i, (label, _) in enumerate(self.options)],
                id="choice-list",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.options[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
