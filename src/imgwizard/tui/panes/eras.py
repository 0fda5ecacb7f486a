"""Step 8: submit through ERAS — a ready-to-submit gate, registration, programs, signals, fees.

The gate (imgwizard.gate.eras_gate, the same one `imgwizard check --ready eras` prints) lists
what must be in place to submit, and apart from it the blockers that can follow the submission
(Enter on any line jumps to its step). "Mark as submitted" asks first while something needed is
missing; an override is recorded in the dossier (eras.submitted_despite_blockers) so the choice
stays visible. Then it asks for the date of the submission, today offered.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from imgwizard.gate import FOLLOW_NOTE, Gate, eras_gate
from imgwizard.pricing import application_fee_summary
from imgwizard.steps import STEP_IDS, step
from imgwizard.tui.messages import GoToStep
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.screens.confirm import ConfirmScreen
from imgwizard.tui.widgets.fields import BoundCheckbox, BoundInput
from imgwizard.tui.widgets.pane_kit import Explain, Hint, Section, apply_read_only, css_beside
from imgwizard.tui.widgets.season_fact import SeasonFactRow, refresh_fact_rows

DATES = (
    "eras.season_opens",
    "eras.earliest_submission",
    "eras.programs_review_opens",
    "eras.mspe_release",
)
FEES = (
    "eras.fee_tier1_per_program",
    "eras.fee_tier1_programs",
    "eras.fee_tier2_per_program",
    "ecfmg.eras_token_fee",
    "eras.usmle_transcript_fee",
)


class ErasPane(StepPane):
    STEP_ID = "eras"
    DEFAULT_CSS = css_beside(__file__)

    def compose_body(self) -> ComposeResult:
        eras = lambda: self.dossier.eras  # noqa: E731
        yield Section("Ready to submit?")
        yield Static("", id="eras-gate-summary", markup=False)
        yield Hint("↑↓ choose · Enter goes to the step that fixes it")
        yield OptionList(id="eras-gate")
        yield Explain(FOLLOW_NOTE, id="eras-follow-note")
        yield Static("", id="eras-status", markup=False)
        with Horizontal(id="eras-actions"):
            yield Button("Mark as submitted", id="eras-submit", variant="primary")
        yield BoundInput("Submitted on", eras, "submitted_on", kind="date", id="eras-date")
        yield Section("Registration")
        yield BoundCheckbox(
            "ERAS token obtained from ECFMG", eras, "token_obtained", id="eras-token"
        )
        yield BoundCheckbox("Registered in MyERAS", eras, "myeras_registered", id="eras-myeras")
        yield Section("Programs applied to")
        yield Static("", id="eras-programs", markup=False)
        yield Static("", id="eras-fee", markup=False)
        yield Section("ERAS dates")
        for key in DATES:
            yield SeasonFactRow(key)
        yield Section("Fees")
        yield Explain("Per program, counted per specialty; MyERAS works out the exact amount.")
        for key in FEES:
            yield SeasonFactRow(key, show_days=False)

    def on_mount(self) -> None:
        self.refresh_all()
        apply_read_only(self, self.read_only)

    # -- showing
    @property
    def gate(self) -> Gate:
        return eras_gate(self.dossier, self.season, self.app.findings)

    def refresh_all(self) -> None:
        refresh_fact_rows(self)
        self.refresh_gate()
        self.refresh_status()
        self.refresh_programs()

    def refresh_gate(self) -> None:
        gate = self.gate
        listing = self.query_one("#eras-gate", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        options: list[Option] = []
        if gate.applies:
            options.append(Option(Content.styled("Needed to submit", "bold"), disabled=True))
            for item in gate.needed:
                text = f"✓ {item.label}" if item.done else f"✗ {item.label}\n  → {item.fix}"
                options.append(Option(Content(text), id=f"{item.step}:need-{item.key}"))
            grouped = gate.follow_by_step()
            if grouped:
                options.append(
                    Option(Content.styled("Can follow after submission", "bold"), disabled=True)
                )
            for step_id, findings in grouped.items():
                st = step(step_id) if step_id in STEP_IDS else None
                title = f"Step {st.number} · {st.title}" if st else step_id
                options.append(Option(Content.styled(title, "italic"), disabled=True))
                for i, finding in enumerate(findings):
                    text = Content(f"• {finding.message}\n  → {finding.fix}")
                    options.append(Option(text, id=f"{step_id}:{i}"))
        listing.add_options(options)
        listing.display = bool(options)
        if options:
            first = next(i for i, o in enumerate(options) if not o.disabled)
            listing.highlighted = highlighted if highlighted is not None else first
        summary = self.query_one("#eras-gate-summary", Static)
        follow = len(gate.can_follow)
        later = (
            f" {follow} thing{'s' * (follow != 1)} can follow after submission." if follow else ""
        )
        if not gate.applies:
            summary.update(
                "Your specialties apply through ResidencyCAS, not ERAS: this gate does not "
                "apply (see step 1)."
            )
            summary.set_class(False, "-blocked")
        elif gate.ready:
            summary.update("✓ Ready to submit: everything MyERAS needs is in place." + later)
            summary.set_class(False, "-blocked")
        else:
            n = len(gate.missing)
            summary.update(
                f"✗ {n} thing{'s' * (n != 1)} needed before you can submit in MyERAS." + later
            )
            summary.set_class(True, "-blocked")
        self.query_one("#eras-follow-note").display = gate.applies and bool(follow)

    def refresh_status(self) -> None:
        eras = self.dossier.eras
        status = self.query_one("#eras-status", Static)
        button = self.query_one("#eras-submit", Button)
        if eras.submitted:
            when = f" on {eras.submitted_on.isoformat()}" if eras.submitted_on else ""
            text = f"Marked as submitted{when}."
            if eras.submitted_despite_blockers:
                text += " You marked it although something needed was not recorded as in place."
            status.update(text)
            button.label = "Mark as not submitted"
        else:
            status.update("Not submitted yet.")
            button.label = "Mark as submitted"

    def refresh_programs(self) -> None:
        programs = self.dossier.programs
        applied = [p for p in programs if p.applied]
        counts = Counter(p.specialty or "specialty not given" for p in applied)
        signals = Counter(p.specialty or "specialty not given" for p in programs if p.signalled)
        text = Text()
        if applied:
            text.append(f"{len(applied)} of {len(programs)} programs applied to:\n")
            for name, n in sorted(counts.items()):
                text.append(f"  {name}: {n}\n")
        else:
            text.append(
                f"None marked as applied yet ({len(programs)} on your list; mark them in step 2).\n"
            )
        if signals:
            used = ", ".join(f"{name}: {n}" for name, n in sorted(signals.items()))
            text.append(f"Signals used: {sum(signals.values())} ({used})")
        else:
            text.append("Signals used: none")
        self.query_one("#eras-programs", Static).update(text)
        self.query_one("#eras-fee", Static).update(
            application_fee_summary(self.dossier, self.season)
        )

    # -- actions
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        step_id = option_id.split(":", 1)[0]
        if step_id in STEP_IDS:
            self.post_message(GoToStep(step_id))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "eras-submit":
            return
        event.stop()
        if self.read_only:
            self.notify("This file is open read-only.", severity="warning")
            return
        eras = self.dossier.eras
        if eras.submitted:
            eras.submitted = False
            eras.submitted_despite_blockers = False
            self._changed()
            return
        missing = self.gate.missing
        if not missing:
            self.ask_date(despite=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.ask_date(despite=True)
            else:
                self.notify("Not marked as submitted: what is needed is listed first.")

        names = "; ".join(item.label for item in missing)
        self.app.push_screen(
            ConfirmScreen(
                "Not everything needed is in place",
                f"MyERAS needs these before you can submit: {names}. Mark the application as "
                "submitted anyway?",
                yes="Mark submitted anyway",
                no="Go back",
            ),
            answered,
        )

    def ask_date(self, *, despite: bool) -> None:
        from imgwizard.tui.screens.date_dialog import DateScreen

        def answered(day: dt.date | None) -> None:
            if day is not None:
                self.mark_submitted(despite=despite, day=day)

        default = self.dossier.eras.submitted_on or self.today
        self.app.push_screen(
            DateScreen("Mark as submitted", "Submitted to ERAS on", default), answered
        )

    def mark_submitted(self, *, despite: bool, day: dt.date | None = None) -> None:
        eras = self.dossier.eras
        eras.submitted = True
        eras.submitted_despite_blockers = despite
        eras.submitted_on = day or eras.submitted_on or self.today
        self._changed()

    def _changed(self) -> None:
        self.query_one("#eras-date", BoundInput).refresh_value()
        self.refresh_status()
        self.edited()
