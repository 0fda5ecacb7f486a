"""Step 7: register with the NRMP — registration, the R3 calendar with days left, the fees."""

from __future__ import annotations

from textual.app import ComposeResult

from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.widgets.fields import BoundCheckbox, BoundInput, refresh_bound
from imgwizard.tui.widgets.pane_kit import Explain, Section, apply_read_only, css_beside
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


class NrmpPane(StepPane):
    STEP_ID = "nrmp"
    DEFAULT_CSS = css_beside(__file__)

    def compose_body(self) -> ComposeResult:
        nrmp = lambda: self.dossier.nrmp  # noqa: E731
        yield Explain(
            "Dates and fees below are for your Match year. Anything not confirmed is marked "
            "≈; when R3 shows you the real value, focus the row and press c to enter it."
        )
        yield Section("Your registration")
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
        yield Section("Deadlines")
        for key in DEADLINES:
            yield SeasonFactRow(key)
        yield Section("Fees")
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
        apply_read_only(self, self.read_only)
