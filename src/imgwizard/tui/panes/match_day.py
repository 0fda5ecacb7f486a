"""Step 11: Match Day — the date and countdown, the result, plain next steps and a SOAP plan
(eligibility, up to the season's cap of programs, documents to refresh, the Match Week timeline).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, Input, Static

from imgwizard import soap
from imgwizard.model import MatchOutcome, SoapProgram
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.widgets.fields import (
    BoundCheckbox,
    BoundSelect,
    BoundTextArea,
    TickBox,
    refresh_bound,
)
from imgwizard.tui.widgets.item_table import (
    ItemTable,
    clip,
    program_options,
    set_select_options,
)
from imgwizard.tui.widgets.pane_kit import Explain, Hint, Section, apply_read_only, css_beside
from imgwizard.tui.widgets.season_fact import SeasonFactRow, days_left_text, refresh_fact_rows

OUTCOME_LABELS = [
    ("Not known yet", MatchOutcome.PENDING),
    ("Matched", MatchOutcome.MATCHED),
    ("Partially matched (one of two positions)", MatchOutcome.PARTIALLY_MATCHED),
    ("Did not match", MatchOutcome.UNMATCHED),
    ("Withdrew from the Match", MatchOutcome.WITHDRAWN),
]

# Our own words; no dates here (those come from the season rows above them).
NEXT_STEPS: dict[MatchOutcome, tuple[str, ...]] = {
    MatchOutcome.PENDING: (
        "On the Monday of Match Week you learn whether you matched, not where.",
        "If you did not match, check in R3 whether you are eligible for SOAP and have your "
        "ERAS application ready to send to unfilled programs that week.",
        "On Match Day you learn where you matched.",
    ),
    MatchOutcome.MATCHED: (
        "The match is a binding commitment: expect the program's contract and sign it.",
        "Start your visa at once. A J-1 is sponsored by ECFMG: the program sends you its "
        "part, then you apply to ECFMG. An H-1B goes through the program.",
        "Finish ECFMG certification if anything is still open, and apply for the state "
        "training licence your program asks for.",
        "Plan your move for the program's start date.",
    ),
    MatchOutcome.PARTIALLY_MATCHED: (
        "You matched to one of the two positions you needed (a preliminary year or an "
        "advanced position).",
        "If you are SOAP-eligible, use SOAP for the missing position; after SOAP, look in "
        "the List of Unfilled Programs and contact programs directly.",
        "Start the visa and contract for the position you did match.",
    ),
    MatchOutcome.UNMATCHED: (
        "Check in R3 whether you are eligible for SOAP. If you are, apply through ERAS to "
        "the unfilled programs SOAP lists and watch for offers in each round.",
        "After SOAP, the List of Unfilled Programs shows positions still open: contact "
        "those programs directly.",
        "Then plan the next season: more US clinical experience, new letters, and a wider "
        "list of programs that sponsor your visa.",
    ),
    MatchOutcome.WITHDRAWN: (
        "You are out of this Match. If you plan to apply next season, keep this file: your "
        "documents, letters and program notes carry over.",
    ),
}


class SoapTable(ItemTable):
    BINDINGS = [
        Binding("x,delete", "item('remove')", "Remove from SOAP plan", id="match_day.soap_remove"),
    ]


class MatchDayPane(StepPane):
    STEP_ID = "match_day"
    DEFAULT_CSS = css_beside(__file__)

    def compose_body(self) -> ComposeResult:
        match = lambda: self.dossier.match  # noqa: E731
        yield Static("", id="match-countdown", markup=False)
        yield SeasonFactRow("nrmp.match_week_starts")
        yield SeasonFactRow("nrmp.soap_ends")
        yield SeasonFactRow("nrmp.match_day")
        yield Section("Your result")
        yield BoundSelect("Result", match, "outcome", options=OUTCOME_LABELS, id="match-outcome")
        yield BoundSelect(
            "Matched program",
            match,
            "matched_program_id",
            options=program_options(self.dossier),
            id="match-program",
        )
        yield BoundCheckbox(
            "I am taking part in SOAP", match, "soap_participating", id="match-soap"
        )
        yield Section("Next steps")
        yield Static("", id="match-next-steps")
        yield from self.compose_soap()
        yield BoundTextArea("Notes", match, "notes", id="match-notes")

    def compose_soap(self) -> ComposeResult:
        yield Section("SOAP plan (prepare before Match Week)")
        yield Explain(
            "If you do not match, SOAP offers unfilled positions during Match Week. Prepare "
            "your list and documents now: there is little time then."
        )
        yield Static("", id="soap-eligibility", markup=False)
        yield Static("", id="soap-timeline", markup=False)
        yield Static("", id="soap-count", markup=False)
        yield Input(placeholder="Program name, then Enter to add it", id="soap-new")
        yield Hint("Enter adds · x removes the highlighted program")
        yield SoapTable(id="soap-table")
        yield Section("Documents to refresh")
        for key, label in soap.DOCUMENTS:
            yield TickBox(label, id=f"soap-doc-{key}", classes="soap-doc")

    def on_mount(self) -> None:
        self._programs_sig = self._signature()
        self.refresh_status()
        self.refresh_soap()
        for box in self.query(".soap-doc"):
            box.compact = True  # type: ignore[attr-defined]
        apply_read_only(self, self.read_only)

    # -- SOAP plan
    def refresh_soap(self, cursor: int | None = None) -> None:
        plan = self.dossier.soap
        blockers = soap.eligibility(self.dossier, self.season, self.today)
        eligibility = self.query_one("#soap-eligibility", Static)
        if blockers:
            eligibility.update("\n".join(f"! {b.text}." for b in blockers))
        else:
            eligibility.update(
                "Eligibility: nothing you entered stands in the way (NRMP decides in R3)."
            )
        lines = Text("Match Week\n")
        for what, fact in soap.timeline(self.season):
            when = fact.display() if fact is not None else "not known: check NRMP R3"
            lines.append(f"  {when} — {what}\n")
        self.query_one("#soap-timeline", Static).update(lines)
        cap = soap.cap(self.season)
        count = f"{len(plan.programs)} programs in your SOAP plan"
        if cap is not None:
            count += f" · SOAP limit (applications in all): {cap.display()}"
        self.query_one("#soap-count", Static).update(count)
        table = self.query_one(SoapTable)
        if not table.columns:
            for label, width in (("#", 3), ("Program", 36), ("Specialty", 16), ("State", 6)):
                table.add_column(label, width=width)
        table.fill(
            (
                (str(i + 1), clip(p.name, 36), clip(p.specialty, 16), clip(p.state, 6))
                for i, p in enumerate(plan.programs)
            ),
            keep=cursor,
        )
        table.display = bool(plan.programs)
        done = set(plan.documents_refreshed)
        for key, _ in soap.DOCUMENTS:
            box = self.query_one(f"#soap-doc-{key}", Checkbox)
            if box.value != (key in done):
                with box.prevent(Checkbox.Changed):
                    box.value = key in done

    @on(Input.Submitted, "#soap-new")
    def _soap_add(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name or self.read_only:
            return
        added, message = soap.add(self.dossier, self.season, SoapProgram(name=name))
        if message:
            self.notify(message, severity="warning" if added else "error", timeout=4)
        if not added:
            return
        event.input.value = ""
        self.edited()
        self.refresh_soap(cursor=len(self.dossier.soap.programs) - 1)

    def item_remove(self) -> None:
        programs = self.dossier.soap.programs
        i = self.query_one(SoapTable).cursor_row
        if self.read_only or not programs or not 0 <= i < len(programs):
            return
        self.dossier.soap.programs = programs[:i] + programs[i + 1 :]
        self.edited()
        self.refresh_soap(cursor=min(i, len(programs) - 2))

    @on(Checkbox.Changed, ".soap-doc")
    def _soap_doc(self, event: Checkbox.Changed) -> None:
        event.stop()
        key = (event.checkbox.id or "").removeprefix("soap-doc-")
        done = [k for k in self.dossier.soap.documents_refreshed if k != key]
        if event.value:
            done.append(key)
        self.dossier.soap.documents_refreshed = done
        self.edited()

    def _signature(self) -> tuple[tuple[str, str, str], ...]:
        return tuple((p.id, p.name, p.specialty) for p in self.dossier.programs)

    def refresh_status(self) -> None:
        match_day = self.season.get("nrmp.match_day")
        countdown = self.query_one("#match-countdown", Static)
        when = self.season.date("nrmp.match_day")
        if match_day is None or when is None:
            countdown.update("Match Day: not known for this season. Enter it below (press c).")
        else:
            note = {
                "official": "",
                "yours": " (your date)",
            }.get(match_day.confidence.value, " (date not confirmed: see below)")
            countdown.update(f"Match Day {days_left_text(when, self.today)}{note}")
        outcome = self.dossier.match.outcome
        text = Text()
        for line in NEXT_STEPS.get(outcome, ()):
            text.append(f"• {line}\n")
        self.query_one("#match-next-steps", Static).update(text)

    def _refresh_programs(self) -> None:
        sig = self._signature()
        if sig == self._programs_sig:
            return
        self._programs_sig = sig
        field = self.query_one("#match-program", BoundSelect)
        set_select_options(field, program_options(self.dossier))

    def findings_changed(self) -> None:
        refresh_fact_rows(self)
        self._refresh_programs()
        self.refresh_status()
        self.refresh_soap()

    season_changed = findings_changed

    def reload(self) -> None:
        refresh_bound(self)
        self.findings_changed()
