"""F2 review: every finding across the eleven steps, grouped by step; Enter opens the step."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from imgwizard.rules import by_step
from imgwizard.rules.findings import Finding
from imgwizard.steps import STEPS
from imgwizard.tui.screens.dialog import Dialog
from imgwizard.tui.widgets.findings import finding_text, summary


class ReviewScreen(Dialog[str | None]):
    """Dismisses with the step id chosen (Enter on a finding) or None."""

    BINDINGS = [Binding("q,f2,escape", "close", "Close", id="review_close")]

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(classes="modal")
        self.findings = findings

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        grouped = by_step(self.findings)
        for step in STEPS:
            mine = grouped.get(step.id, [])
            if not mine:
                continue
            head = Text(f"{step.number} {step.title} — {summary(mine)}", style="bold")
            options.append(Option(head, id=f"{step.id}#head", disabled=True))
            for index, finding in enumerate(mine):
                prompt = Text("  ") + finding_text(finding, indent="    ")
                options.append(Option(prompt, id=f"{step.id}#{index}"))
        total = summary(self.findings) or "nothing to fix"
        with Vertical(classes="dialog full"):
            yield Static(f"Review: {total}", classes="dialog-title", markup=False)
            if options:
                yield Static(
                    "↑/↓ choose a finding · Enter opens its step · q closes",
                    classes="dialog-note",
                    markup=False,
                )
                yield OptionList(*options, id="review-list")
            else:
                yield Static(
                    "No findings: nothing is missing or wrong right now.",
                    classes="dialog-body",
                    markup=False,
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (q)", id="close", variant="primary")

    def on_mount(self) -> None:
        lists = self.query(OptionList)
        if lists:
            lists.first().focus()
        else:
            self.query_one("#close", Button).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        step_id = (event.option.id or "").split("#")[0]
        if step_id:
            self.dismiss(step_id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
