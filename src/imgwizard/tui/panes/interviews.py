"""Step 9: interviews — invitations, dates, format, status, thank-you notes, a prep checklist.

The table lists the interviews (a add · e edit · d delete while it has focus; Space marks
several); the form under it edits the one under the cursor, with a short checklist whose items
depend on the format. Escape goes back to the table.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from imgwizard.model import Interview, InterviewFormat, InterviewStatus
from imgwizard.tui.panes.base import ListDetailPane
from imgwizard.tui.widgets.fields import BoundCheckbox, BoundInput, BoundSelect, TickList
from imgwizard.tui.widgets.item_table import (
    ItemTable,
    clip,
    program_options,
    set_select_options,
)
from imgwizard.tui.widgets.pane_kit import Explain, Hint, Section, apply_read_only, css_beside

FORMATS = [
    ("Virtual", InterviewFormat.VIRTUAL),
    ("In person", InterviewFormat.IN_PERSON),
    ("Hybrid", InterviewFormat.HYBRID),
]
STATUSES = [
    ("Invited", InterviewStatus.INVITED),
    ("Scheduled", InterviewStatus.SCHEDULED),
    ("Completed", InterviewStatus.COMPLETED),
    ("Waitlisted", InterviewStatus.WAITLISTED),
    ("Declined", InterviewStatus.DECLINED),
    ("Cancelled", InterviewStatus.CANCELLED),
]
# (id stored in Interview.prep_done, text, formats it applies to)
ALL_FORMATS = frozenset(InterviewFormat)
CHECKLIST: tuple[tuple[str, str, frozenset[InterviewFormat]], ...] = (
    ("research", "Research the program (website, faculty, recent news)", ALL_FORMATS),
    ("questions", "Write the questions you will ask them", ALL_FORMATS),
    ("practise", "Practise common questions aloud (why this specialty, why here)", ALL_FORMATS),
    (
        "video",
        "Test camera, microphone, lighting and the meeting link",
        frozenset({InterviewFormat.VIRTUAL, InterviewFormat.HYBRID}),
    ),
    (
        "travel",
        "Plan travel, a place to stay and the route on the day",
        frozenset({InterviewFormat.IN_PERSON, InterviewFormat.HYBRID}),
    ),
)


def checklist_for(fmt: InterviewFormat) -> list[tuple[str, str]]:
    return [(item_id, text) for item_id, text, formats in CHECKLIST if fmt in formats]


class InterviewTable(ItemTable):
    BINDINGS = [
        Binding("a", "item('add')", "Add interview", id="interviews.add", show=False),
        Binding("e", "item('edit')", "Edit interview", id="interviews.edit", show=False),
        Binding(
            "d,delete", "item('delete')", "Delete interview", id="interviews.delete", show=False
        ),
    ]


class InterviewsPane(ListDetailPane):
    STEP_ID = "interviews"
    TABLE_ID = "interviews-table"
    NOUN = "interview"
    DEFAULT_CSS = css_beside(__file__)

    def __init__(self) -> None:
        super().__init__()
        self._placeholder = Interview()
        self._programs_sig: tuple = ()

    def compose_body(self) -> ComposeResult:
        yield Explain(
            "Add each invitation as it comes; answer quickly, as places fill. After each "
            "interview, send a short thank-you note."
        )
        yield Section("Your interviews")
        yield Hint("a add · e edit · d delete · Space marks · Esc or ctrl+l: back here")
        yield InterviewTable(id="interviews-table", markable=True)
        yield Static(
            "No interviews yet: with the list above focused, press a to add one.",
            id="interviews-empty",
            markup=False,
        )
        iv = self.current
        with Vertical(id="interview-form"):
            yield Section("", id="interview-form-title")
            yield BoundSelect(
                "Program (from your list)",
                iv,
                "program_id",
                options=program_options(self.dossier, none="(not on my list: name below)"),
                id="iv-program",
            )
            yield BoundInput(
                "Program name (if not on your list)",
                iv,
                "program_name",
                placeholder="e.g. City Hospital Internal Medicine",
                id="iv-name",
            )
            yield BoundInput("Invited on", iv, "invited_on", kind="date", id="iv-invited")
            yield BoundInput("Interview date", iv, "date", kind="date", id="iv-date")
            yield BoundSelect("Format", iv, "format", options=FORMATS, id="iv-format")
            yield BoundSelect("Status", iv, "status", options=STATUSES, id="iv-status")
            yield BoundCheckbox("Thank-you note sent", iv, "thank_you_sent", id="iv-thanks")
            yield Section("Preparation")
            yield Hint("Space ticks an item")
            yield TickList(id="interview-prep")

    def current(self) -> Interview:
        interviews = self.dossier.interviews
        if 0 <= self.selected < len(interviews):
            return interviews[self.selected]
        return self._placeholder

    def on_mount(self) -> None:
        self._programs_sig = self._signature()
        self.refresh_table()
        self.show_interview()
        apply_read_only(self, self.read_only)

    # -- showing
    @property
    def table(self) -> InterviewTable:
        return self.query_one(InterviewTable)

    def _signature(self) -> tuple:
        return tuple((p.id, p.name, p.specialty) for p in self.dossier.programs)

    def program_name(self, iv: Interview) -> str:
        program = self.dossier.program(iv.program_id) if iv.program_id else None
        if program is not None:
            return program.name or program.id
        return iv.program_name or "(no program yet)"

    def refresh_table(self) -> None:
        table = self.table
        if not table.columns:
            # Narrow enough for 80 columns with the sidebar; the form shows the rest.
            for label, width in (("#", 2), ("Program", 24), ("Date", 10), ("Status", 10)):
                table.add_column(label, width=width)
            table.add_column("Prep")
            table.add_column("Thanks")
        rows = []
        for i, iv in enumerate(self.dossier.interviews):
            items = checklist_for(iv.format)
            done = sum(item_id in iv.prep_done for item_id, _ in items)
            rows.append(
                (
                    str(i + 1),
                    clip(self.program_name(iv), 24),
                    iv.date.isoformat() if iv.date else "",
                    iv.status.value.replace("_", " "),
                    f"{done}/{len(items)}",
                    "sent" if iv.thank_you_sent else "",
                )
            )
        table.fill(rows)
        has = bool(self.dossier.interviews)
        self.query_one("#interviews-empty").display = not has
        self.query_one("#interview-form").display = has

    # -- ListDetailPane
    def items(self) -> list[Interview]:
        return self.dossier.interviews

    def new_item(self) -> Interview:
        return Interview(invited_on=self.today)

    def item_name(self, index: int) -> str:
        return self.program_name(self.dossier.interviews[index])

    def focus_form(self) -> None:
        self.query_one("#iv-program").query_one("Select").focus()

    def show_item(self) -> None:
        self.show_interview()

    def show_interview(self) -> None:
        self.selected = max(0, min(self.selected, len(self.dossier.interviews) - 1))
        self._title()
        for field in self.query("#interview-form .field"):
            field.refresh_value()  # type: ignore[attr-defined]
            field.query_one(".field-error", Static).update("")
            field.remove_class("-invalid")
        self.refresh_prep()

    def _title(self) -> None:
        iv = self.current()
        self.query_one("#interview-form-title", Static).update(
            Text(f"Interview {self.selected + 1} — {self.program_name(iv)}")
        )

    def refresh_prep(self) -> None:
        iv = self.current()
        prep = self.query_one("#interview-prep", SelectionList)
        highlighted = prep.highlighted
        prep.clear_options()
        items = checklist_for(iv.format)
        prep.add_options(
            Selection(Content(text), item_id, item_id in iv.prep_done) for item_id, text in items
        )
        prep.highlighted = min(highlighted or 0, len(items) - 1)

    # -- events
    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        if self.read_only or not self.dossier.interviews:
            return
        iv = self.current()
        item_id = event.selection.value
        done = [x for x in iv.prep_done if x != item_id]
        if item_id not in iv.prep_done:
            done.append(item_id)
        iv.prep_done = done
        self.edited()

    # -- hooks
    def findings_changed(self) -> None:
        sig = self._signature()
        if sig != self._programs_sig:
            self._programs_sig = sig
            set_select_options(
                self.query_one("#iv-program", BoundSelect),
                program_options(self.dossier, none="(not on my list: name below)"),
            )
        self.refresh_table()
        self._title()
        # The format decides the checklist items.
        prep = self.query_one("#interview-prep", SelectionList)
        wanted = [item_id for item_id, _ in checklist_for(self.current().format)]
        if [o.value for o in prep.options] != wanted:
            self.refresh_prep()

    def season_changed(self) -> None:
        self.findings_changed()

    def reload(self) -> None:
        self.selected = 0
        self.findings_changed()
        self.show_interview()
