"""F8 budget: every cost of the season with its confidence, paid and still to pay, a "what
if" for the program count, and the applicant's own interview costs.

The screen shows `imgwizard.budget.build_budget`; it prices nothing itself. The two inputs edit
the dossier's budget numbers (saved like any other field).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from imgwizard.budget import build_budget, unknown_hint
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.widgets.fields import BoundInput

if TYPE_CHECKING:
    from imgwizard.tui.app import WizardApp


class BudgetScreen(ModalScreen[None]):
    BINDINGS = [Binding("f8,escape", "close", "Close", id="budget_close")]

    app: WizardApp

    def __init__(self) -> None:
        super().__init__(classes="modal", id="budget")

    def compose(self) -> ComposeResult:
        budget = lambda: self.app.dossier.budget  # noqa: E731
        with Vertical(classes="dialog full"):
            yield Static("", id="budget-title", classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll"):
                yield Static("", id="budget-lines", markup=False)
                yield Static("", id="budget-what-if", markup=False)
                yield Static(
                    "Your own interview costs (empty: the labelled planning default):",
                    classes="dialog-note",
                    markup=False,
                )
                with Horizontal(classes="pair"):
                    yield BoundInput(
                        "In-person interview, $ each",
                        budget,
                        "in_person_interview_cost",
                        kind="int",
                        step_id="interviews",
                        id="budget-in-person",
                    )
                    yield BoundInput(
                        "Virtual set-up, $ once",
                        budget,
                        "virtual_setup_cost",
                        kind="int",
                        step_id="interviews",
                        id="budget-virtual",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (F8)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.refresh_budget()
        if self.app.read_only:
            for field in self.query(BoundInput):
                field.disabled = True
        self.query_one("#close", Button).focus()

    def refresh_budget(self) -> None:
        app = self.app
        assert app.dossier is not None and app.season is not None
        budget = build_budget(app.dossier, app.season, app.today)
        self.query_one("#budget-title", Static).update(
            f"Budget for Match {budget.match_year}: {budget.summary()}"
        )
        text = Text()
        for line in budget.lines:
            mark = "✓ paid  " if line.paid else "○ to pay"
            text.append(f"{mark} {line.label}: ", style="bold" if not line.paid else "")
            text.append(line.amount_text())
            text.append(f"\n           {line.detail}\n", style="dim")
        for line in budget.unknown:
            text.append(f"? {unknown_hint(line)}\n", style="italic")
        self.query_one("#budget-lines", Static).update(text)
        self.query_one("#budget-what-if", Static).update(budget.what_if_text())

    def on_dossier_edited(self, message: DossierEdited) -> None:
        # Let the app save and re-check first, then show the new numbers.
        self.call_after_refresh(self.refresh_budget)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
