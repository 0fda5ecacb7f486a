"""Step 7: register with the NRMP — registration, the R3 calendar with days left, the fees."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.widgets.fields import BoundCheckbox, BoundInput, refresh_bound
from imgwizard.tui.widgets.pane_kit import css_beside
from imgwizard.tui.widgets.season_fact import SeasonFactRow, refresh_fact_rows

DEADLINES = (
    "nrmp.registration_opens",
    "nrmp.registration_deadline",
    "nrmp.ranking_opens",
    "nrmp.rol_deadline",
    "nrmp.match_day",
)
FEES = (
    "nrmp.registration_fee",
    "nrmp.ranks_included",
    "nrmp.extra_rank_fee",
    "nrmp.late_registration_fee",
)


class Pane(StepPane):
    STEP_ID = "nrmp"
    DEFAULT_CSS = css_beside(__file__)
    SCOPED_CSS = False  # every pane class is called Pane: the .tcss scopes by the pane's id

    def compose_body(self) -> ComposeResult:
        nrmp = lambda: self.dossier.nrmp  # noqa: E731
        yield Static(
            "Dates and fees below are for your Match year. Anything not confirmed is marked "
            "≈; when R3 shows you the real value, focus the row and press c to enter it.",
            classes="explain",
            markup=False,
        )
        yield Static("Your registration", classes="section", markup=False)
        yield BoundCheckbox("I have registered in R3", nrmp, "registered", id="nrmp-registered")
        yield BoundInput("Registered on", nrmp, "registered_on", kind="date", id="nrmp-date")
        yield BoundInput(
            "NRMP ID",
            nrmp,
            "nrmp_id",
            placeholder="e.g. N1234567",
            help="Shown in R3 after you register: a letter then digits, or digits only.",
            id="nrmp-id",
        )
        yield BoundCheckbox("Registration fee paid", nrmp, "fee_paid", id="nrmp-fee-paid")
        yield BoundCheckbox(
            "Match Participation Agreement signed", nrmp, "mpa_signed", id="nrmp-mpa"
        )
        yield Static("Deadlines", classes="section", markup=False)
        for key in DEADLINES:
            yield SeasonFactRow(key)
        yield Static("Fees", classes="section", markup=False)
        for key in FEES:
            yield SeasonFactRow(key, show_days=False)

    def season_changed(self) -> None:
        refresh_fact_rows(self)

    def findings_changed(self) -> None:
        refresh_fact_rows(self)

    def reload(self) -> None:
        refresh_bound(self)
        refresh_fact_rows(self)

    def on_mount(self) -> None:
        self.set_read_only()

    def set_read_only(self) -> None:
        if self.read_only:
            for widget in self.query("Input, Checkbox"):
                widget.disabled = True
