"""Step 6: letters of recommendation — writers, progress, and which programs get each letter.

The table lists the letters (a add · e edit · d delete · s give it to every program of its
specialty, while it has focus; Space marks several); the form under it edits the letter under
the cursor, with the rules' warnings for that letter and the programs it goes to (Space toggles
one). Escape goes back to the table. The season's per-program maximum comes from the season, never
from here, and programs over it are named.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from imgwizard.model import Letter, Program
from imgwizard.rules.findings import Finding, Severity
from imgwizard.rules.letters import assigned_counts
from imgwizard.specialties import canonical
from imgwizard.tui.panes.base import ListDetailPane
from imgwizard.tui.widgets.fields import BoundCheckbox, BoundInput, TickList
from imgwizard.tui.widgets.item_table import ItemTable, clip
from imgwizard.tui.widgets.pane_kit import Explain, Hint, Section, apply_read_only, css_beside
from imgwizard.tui.widgets.season_fact import SeasonFactRow, refresh_fact_rows


class LetterTable(ItemTable):
    # Listed in the hint above the table; off the footer so its F-keys keep their place.
    BINDINGS = [
        Binding("a", "item('add')", "Add letter", id="letters.add", show=False),
        Binding("e", "item('edit')", "Edit letter", id="letters.edit", show=False),
        Binding("d,delete", "item('delete')", "Delete letter", id="letters.delete", show=False),
        Binding(
            "s",
            "item('assign_specialty')",
            "Give to every program of its specialty",
            id="letters.assign_specialty",
            show=False,
        ),
    ]


def progress(letter: Letter) -> str:
    if letter.uploaded_on:
        return f"uploaded {letter.uploaded_on.isoformat()}"
    if letter.received_on:
        return f"received {letter.received_on.isoformat()}"
    if letter.requested_on:
        return f"requested {letter.requested_on.isoformat()}"
    return "not requested"


def issues_text(findings: list[Finding]) -> Text:
    blockers = sum(f.severity is Severity.BLOCKER for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    if blockers:
        return Text(f"✗ {blockers}", style="bold red")
    if warnings:
        return Text(f"! {warnings}", style="yellow")
    return Text("✓ ok")


def program_label(program: Program, count: int, limit: int | None) -> Content:
    name = program.name or program.id
    if program.specialty:
        name = f"{name} — {program.specialty}"
    tail = f" · {count} letter{'s' * (count != 1)}"
    if limit is not None and count > limit:
        tail += f" · OVER the maximum of {limit}"
    return Content(name + tail)


class LettersPane(ListDetailPane):
    STEP_ID = "letters"
    TABLE_ID = "letters-table"
    NOUN = "letter"
    DEFAULT_CSS = css_beside(__file__)

    def __init__(self) -> None:
        super().__init__()
        self._programs_sig: tuple = ()
        self._placeholder = Letter()

    # -- building
    def compose_body(self) -> ComposeResult:
        yield Explain(
            "Each writer uploads their letter through the AAMC letter portal; you then choose "
            "in MyERAS which programs receive it."
        )
        yield SeasonFactRow("eras.letters_required_default", show_days=False)
        yield SeasonFactRow("eras.letters_per_program_max", show_days=False)
        yield Section("Your letters")
        yield Hint("a add · e edit · d delete · Space marks · Esc or ctrl+l: back here")
        yield Hint("s gives it to every program of its specialty · ✗ blockers, ! warnings")
        yield LetterTable(id="letters-table", markable=True)
        yield Static(
            "No letters yet: with the list above focused, press a to add one.",
            id="letters-empty",
            markup=False,
        )
        letter = self.current_letter
        with Vertical(id="letter-form"):
            yield Section("", id="letter-form-title")
            yield Static("", id="letter-issues", markup=False)
            yield BoundInput("Writer", letter, "writer", placeholder="Dr Jane Roe", id="l-writer")
            yield BoundInput(
                "Title and institution",
                letter,
                "writer_role",
                placeholder="Professor of Medicine, City Hospital",
                id="l-role",
            )
            yield BoundInput(
                "Specialty it speaks for",
                letter,
                "specialty",
                placeholder="e.g. Internal Medicine",
                id="l-specialty",
            )
            yield BoundInput("Requested on", letter, "requested_on", kind="date", id="l-req")
            yield BoundCheckbox(
                "Standardized letter (SLOE, SLOR …)", letter, "standardized", id="l-std"
            )
            yield BoundInput("Received on", letter, "received_on", kind="date", id="l-rec")
            yield BoundInput("Uploaded to MyERAS on", letter, "uploaded_on", kind="date", id="l-up")
            yield BoundInput(
                "Your copy (file path, optional)",
                letter,
                "path",
                placeholder="/home/me/letters/roe.pdf",
                id="l-path",
            )
            yield Section("Programs this letter goes to")
            yield Hint(
                "Space toggles a program · the count is letters per program · in the list "
                "above, s gives the letter to every program of its specialty"
            )
            yield Static("", id="letters-over", markup=False)
            yield Static("", id="letters-no-programs", markup=False)
            yield TickList(id="letter-programs")

    def current_letter(self) -> Letter:
        letters = self.dossier.letters
        if 0 <= self.selected < len(letters):
            return letters[self.selected]
        return self._placeholder

    def on_mount(self) -> None:
        self.refresh_table()
        self.show_letter()
        apply_read_only(self, self.read_only)

    # -- showing
    @property
    def table(self) -> LetterTable:
        return self.query_one(LetterTable)

    def letter_findings(self, index: int) -> list[Finding]:
        subject = f"letter {index + 1}"
        return [f for f in self.findings if f.subject == subject]

    def refresh_table(self) -> None:
        table = self.table
        if not table.columns:
            # Narrow enough for 80 columns with the sidebar; the form below shows the rest.
            # Standardized or not is in the form below: the row keeps a full date in view.
            for label, width in (("#", 2), ("Writer", 13), ("Progress", 20)):
                table.add_column(label, width=width)
            for label in ("Progs", "Check"):
                table.add_column(label)
        table.fill(
            (
                str(i + 1),
                clip(letter.writer or "(no writer yet)", 13),
                progress(letter),
                str(len(letter.program_ids)),
                issues_text(self.letter_findings(i)),
            )
            for i, letter in enumerate(self.dossier.letters)
        )
        has = bool(self.dossier.letters)
        self.query_one("#letters-empty").display = not has
        self.query_one("#letter-form").display = has

    # -- ListDetailPane
    def items(self) -> list[Letter]:
        return self.dossier.letters

    def new_item(self) -> Letter:
        return Letter()

    def item_name(self, index: int) -> str:
        return self.dossier.letters[index].writer or "without a writer"

    def focus_form(self) -> None:
        self.query_one("#l-writer Input", Input).focus()

    def show_item(self) -> None:
        self.show_letter()

    def show_letter(self) -> None:
        """Point the form at the letter under the cursor."""
        letters = self.dossier.letters
        self.selected = max(0, min(self.selected, len(letters) - 1))
        letter = self.current_letter()
        who = f" — {letter.writer}" if letter.writer else ""
        self.query_one("#letter-form-title", Static).update(
            Text(f"Letter {self.selected + 1}{who}")
        )
        for field in self.query("#letter-form .field"):
            field.refresh_value()  # type: ignore[attr-defined]
            field.query_one(".field-error", Static).update("")
            field.remove_class("-invalid")
        self.show_issues()
        self.refresh_programs(rebuild=True)

    def show_issues(self) -> None:
        lines = Text()
        for finding in self.letter_findings(self.selected):
            mark = "✗" if finding.severity is Severity.BLOCKER else "!"
            lines.append(f"{mark} {finding.message}\n  → {finding.fix}\n")
        issues = self.query_one("#letter-issues", Static)
        issues.update(lines)
        issues.display = bool(lines.plain)

    @property
    def limit(self) -> int | None:
        return self.season.count("eras.letters_per_program_max")

    def refresh_programs(self, rebuild: bool = False) -> None:
        programs = self.dossier.programs
        sig = tuple((p.id, p.name, p.specialty) for p in programs)
        counts = assigned_counts(self.dossier)
        limit = self.limit
        plist = self.query_one("#letter-programs", SelectionList)
        letter = self.current_letter()
        if rebuild or sig != self._programs_sig or plist.option_count != len(programs):
            self._programs_sig = sig
            highlighted = plist.highlighted
            plist.clear_options()
            plist.add_options(
                Selection(
                    program_label(p, counts.get(p.id, 0), limit), p.id, p.id in letter.program_ids
                )
                for p in programs
            )
            if programs:
                plist.highlighted = min(highlighted or 0, len(programs) - 1)
        else:
            for index, program in enumerate(programs):
                plist.replace_option_prompt_at_index(
                    index, program_label(program, counts.get(program.id, 0), limit)
                )
        none = self.query_one("#letters-no-programs", Static)
        none.update("No programs yet: add them in step 2, then assign letters here.")
        none.display = not programs
        plist.display = bool(programs)
        over = []
        if limit is not None:
            over = [
                f"{(p.name or p.id)} ({counts[p.id]} of {limit})"
                for p in programs
                if counts.get(p.id, 0) > limit
            ]
        summary = self.query_one("#letters-over", Static)
        summary.update(
            f"Over the maximum of {limit} letters per program: " + "; ".join(over) if over else ""
        )
        summary.display = bool(over)

    # -- events
    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        if self.read_only or not self.dossier.letters:
            return
        letter = self.current_letter()
        program_id = event.selection.value
        ids = list(letter.program_ids)
        if program_id in ids:
            ids.remove(program_id)
        else:
            ids.append(program_id)
        letter.program_ids = ids
        self.edited()
        self.refresh_programs()

    # -- item actions (from the table's keys; add, edit and delete are ListDetailPane's)
    def item_assign_specialty(self) -> None:
        """Give the chosen letters to every program of the specialty each speaks for."""
        if self.refuse_read_only() or not self.dossier.letters:
            return
        told = []
        for index in self.table.chosen():
            letter = self.dossier.letters[index]
            name = letter.specialty.strip() or next(iter(self.dossier.primary_specialties()), "")
            if not name:
                self.notify(
                    f"Letter {index + 1}: say which specialty it speaks for first.",
                    severity="warning",
                )
                continue
            wanted = canonical(name)
            ids = [p.id for p in self.dossier.programs if canonical(p.specialty) == wanted]
            letter.program_ids = list(dict.fromkeys([*letter.program_ids, *ids]))
            told.append(f"letter {index + 1} now goes to {len(ids)} {name} programs")
        self.table.clear_marks()
        if told:
            self.edited()
            self.refresh_table()
            self.refresh_programs(rebuild=True)
            self.notify(("; ".join(told) + ".").capitalize(), timeout=4, markup=False)

    # -- hooks
    def findings_changed(self) -> None:
        refresh_fact_rows(self)
        self.refresh_table()
        who = self.current_letter().writer
        self.query_one("#letter-form-title", Static).update(
            Text(f"Letter {self.selected + 1}" + (f" — {who}" if who else ""))
        )
        self.show_issues()
        self.refresh_programs()

    def season_changed(self) -> None:
        self.findings_changed()

    def reload(self) -> None:
        self.selected = 0
        self.refresh_table()
        self.show_letter()
