"""F8 budget: every cost of the season with its confidence, paid and still to pay, a "what
if" for the program count, and the applicant's own interview costs.

The screen shows `imgwizard.budget.build_budget`; it prices nothing itself. The two inputs edit
the dossier's budget numbers (saved like any other field).
"""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from imgwizard.budget import build_budget, unknown_hint
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.screens.dialog import Dialog
from imgwizard.tui.shell import ShellApp
from imgwizard.tui.widgets.fields import BoundInput


class BudgetScreen(Dialog[None]):
    BINDINGS = [Binding("f8,escape", "close", "Close", id="budget_close")]

    app = getters.app(ShellApp)

    def __init__(self) -> None:
        super().__init__(classes="modal", id="budget")
        self._inferred: set[str] = set()

    def compose(self) -> ComposeResult:
        budget = lambda: self.app.dossier.budget  # noqa: E731
        with Vertical(classes="dialog full"):
            yield Static("", id="budget-title", classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll"):
                yield Static(
                    "↑/↓ choose a cost · Enter marks it paid or not (what your answers already "
                    "say is paid stays paid)",
                    classes="dialog-note",
                    markup=False,
                )
                yield OptionList(id="budget-lines")
                yield Static("", id="budget-unknown", markup=False)
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
        self.query_one("#budget-lines", OptionList).focus()

    def refresh_budget(self) -> None:
        app = self.app
        assert app.dossier is not None and app.season is not None
        budget = build_budget(app.dossier, app.season, app.today)
        self.query_one("#budget-title", Static).update(
            f"Budget for Match {budget.match_year}: {budget.summary()}"
        )
        options = []
        for line in budget.lines:
            text = Text()
            mark = "✓ paid  " if line.paid else "○ to pay"
            text.append(f"{mark} {line.label}: ", style="bold" if not line.paid else "")
            text.append(line.amount_text())
            text.append(f"\n           {line.detail}", style="dim")
            options.append(Option(text, id=line.id))
        lines = self.query_one("#budget-lines", OptionList)
        highlighted = lines.highlighted
        lines.clear_options()
        lines.add_options(options)
        if options:
            lines.highlighted = min(highlighted or 0, len(options) - 1)
        self._inferred = {
            line.id for line in budget.lines if line.paid and line.id not in self._marked
        }
        hints = "\n".join(f"? {unknown_hint(line)}" for line in budget.unknown)
        self.query_one("#budget-unknown", Static).update(hints)
        self.query_one("#budget-what-if", Static).update(budget.what_if_text())

    @property
    def _marked(self) -> list[str]:
        return self.app.dossier.budget.paid  # type: ignore[union-attr]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        line_id = event.option.id or ""
        if self.app.read_only or not line_id:
            return
        if line_id in self._inferred:
            self.notify(
                "Your answers in the steps already say this is paid; change it there.",
                markup=False,
            )
            return
        budget = self.app.dossier.budget  # type: ignore[union-attr]
        if line_id in budget.paid:
            budget.paid = [x for x in budget.paid if x != line_id]
        else:
            budget.paid = [*budget.paid, line_id]
        self.post_message(DossierEdited("eras"))

    def on_dossier_edited(self, message: DossierEdited) -> None:
        # Let the app save and re-check first, then show the new numbers.
        self.call_after_refresh(self.refresh_budget)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
