"""The add / edit form of a program (step 2), in a modal.

The form edits a copy of the program with the usual bound fields, so the model judges every
value at the field; Save hands the copy back (the pane puts it in the dossier), Cancel drops
it. Edits inside the form are not the dossier's yet, so their DossierEdited messages stop here.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Label, Select, Static

from imgwizard.model import Program
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.program_choices import (  # noqa: F401  (visa_text: re-exported)
    PRIORITY_CHOICES,
    SIGNAL_CHOICES,
    VISA_CHOICES,
    visa_choice,
    visa_text,
)
from imgwizard.tui.screens.confirm import ConfirmScreen
from imgwizard.tui.screens.dialog import Dialog
from imgwizard.tui.widgets.fields import (
    BoundCheckbox,
    BoundInput,
    BoundSelect,
    BoundTextArea,
    refresh_bound,
)


class ProgramFormScreen(Dialog[Program | None]):
    """Add or edit one program. Dismisses with the edited copy, or None when cancelled.

    When adding, ctrl+n hands the program to `on_save_next` and starts the next one with the
    same specialty, so a batch of programs costs one key each besides their names. Escape on a
    form with changes asks before it drops them."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="program_form_save"),
        Binding("ctrl+n", "save_next", "Save, add next", id="program_form_save_next"),
        Binding("escape", "cancel", "Cancel", id="program_form_cancel"),
    ]

    DEFAULT_CSS = """
    ProgramFormScreen .dialog { height: 100%; }
    ProgramFormScreen #program-form-scroll { height: 1fr; }
    ProgramFormScreen .field { margin: 0; }
    ProgramFormScreen .field > .field-error { display: none; }
    ProgramFormScreen .field.-invalid > .field-error { display: block; }
    ProgramFormScreen #program-notes TextArea { height: 5; }
    ProgramFormScreen Checkbox { width: 1fr; height: auto; }
    ProgramFormScreen #program-form-error { color: $error; height: auto; }
    ProgramFormScreen .dialog-buttons { height: auto; }
    """

    def __init__(
        self,
        program: Program,
        *,
        title: str,
        specialties: list[str],
        on_save_next: Callable[[Program], None] | None = None,
    ) -> None:
        super().__init__(classes="modal")
        self.program = program.model_copy(deep=True)
        self.original = program.model_copy(deep=True)
        self.on_save_next = on_save_next
        self.title_text = title
        self.specialties = specialties

    def compose(self) -> ComposeResult:
        p = self.program
        target = lambda: self.program  # noqa: E731 - every field edits the form's copy
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(id="program-form-scroll"):
                yield BoundInput(
                    "Program name",
                    target,
                    "name",
                    id="program-name",
                    placeholder="e.g. Mercy Hospital Internal Medicine",
                )
                hint = ", ".join(self.specialties) if self.specialties else "Internal Medicine"
                yield BoundInput(
                    "Specialty",
                    target,
                    "specialty",
                    id="program-specialty",
                    placeholder=f"e.g. {hint}",
                )
                yield BoundInput("City", target, "city", id="program-city")
                yield BoundInput(
                    "State", target, "state", id="program-state", placeholder="e.g. NY"
                )
                yield BoundInput(
                    "ACGME program ID (optional)", target, "acgme_id", id="program-acgme"
                )
                yield Label(Content("Visas the program sponsors"), classes="field-label")
                yield Select(
                    [(Content(label), i) for i, (label, _) in enumerate(VISA_CHOICES)],
                    value=visa_choice(p),
                    allow_blank=False,
                    id="program-visas",
                )
                yield BoundInput(
                    "Most years since graduation it takes (empty: not stated)",
                    target,
                    "max_years_since_graduation",
                    kind="int",
                    id="program-yog",
                )
                yield BoundInput(
                    "Minimum Step 2 CK score (empty: not stated)",
                    target,
                    "min_step2ck_score",
                    kind="int",
                    id="program-step2ck",
                )
                yield BoundInput(
                    "Months of US clinical experience it asks (empty: not stated)",
                    target,
                    "min_usce_months",
                    kind="int",
                    id="program-usce",
                )
                yield BoundInput(
                    "Most attempts per Step it accepts (empty: not stated)",
                    target,
                    "max_attempts",
                    kind="int",
                    id="program-attempts",
                )
                yield BoundInput(
                    "Letters of recommendation it asks (empty: the usual)",
                    target,
                    "letters_required",
                    kind="int",
                    id="program-letters",
                )
                yield BoundCheckbox(
                    "Requires USMLE Step 3", target, "requires_step3", id="program-step3"
                )
                yield BoundSelect(
                    "Your priority",
                    target,
                    "priority",
                    options=PRIORITY_CHOICES,
                    id="program-priority",
                )
                yield BoundSelect(
                    "Preference signal (gold/silver: two-tier specialties; signal: one tier)",
                    target,
                    "signal",
                    options=SIGNAL_CHOICES,
                    id="program-signal",
                )
                yield BoundCheckbox("Applied", target, "applied", id="program-applied")
                yield BoundInput(
                    "Applied on", target, "applied_on", kind="date", id="program-applied-on"
                )
                yield BoundTextArea("Notes", target, "notes", id="program-notes")
            yield Static("", id="program-form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if self.on_save_next is not None:
                    yield Button("Save, add next (ctrl+n)", id="program-save-next")
                yield Button("Save (ctrl+s)", id="program-save", variant="primary")
                yield Button("Cancel (esc)", id="program-cancel")

    def on_mount(self) -> None:
        for box in self.query(Checkbox):
            box.compact = True
        self.query_one("#program-name Input").focus()

    def on_dossier_edited(self, message: DossierEdited) -> None:
        message.stop()  # the copy is not the dossier's until Save

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "program-visas" or event.value is Select.NULL:
            return
        visas, known = VISA_CHOICES[int(event.value)][1]
        self.program.visas_sponsored = list(visas)
        self.program.visa_policy_known = known

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "program-save":
            self.action_save()
        elif event.button.id == "program-save-next":
            self.action_save_next()
        elif event.button.id == "program-cancel":
            self.action_cancel()

    def action_save(self) -> None:
        if self._ready():
            self.dismiss(self.program)

    def action_save_next(self) -> None:
        if self.on_save_next is None or not self._ready():
            return
        self.on_save_next(self.program)
        self.program = Program(specialty=self.program.specialty)
        self.original = self.program.model_copy(deep=True)
        refresh_bound(self)
        self.query_one("#program-visas", Select).value = visa_choice(self.program)
        self.query_one("#program-form-error", Static).update("")
        self.query_one("#program-name Input").focus()
        self.notify("Saved. Next program:", timeout=2)

    def _ready(self) -> bool:
        # A refused value first: a name refused as too long is not "no name" (saying both
        # contradicted the field's own message).
        invalid = [w for w in self.query(".field.-invalid")]
        if invalid:
            label = getattr(invalid[0], "label_text", "a field")
            self.query_one("#program-form-error", Static).update(
                f"'{label}' holds a value that was refused (see the message under it): "
                "correct it or clear it first."
            )
            return False
        if not self.program.name.strip():
            self.query_one("#program-form-error", Static).update(
                "A program needs a name before it can be saved."
            )
            self.query_one("#program-name Input").focus()
            return False
        return True

    def action_cancel(self) -> None:
        if self.program.model_dump() == self.original.model_dump():
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmScreen(
                "Drop this program's changes?",
                "What you typed in this form is not saved yet.",
                yes="Drop them",
                no="Keep editing",
            ),
            lambda drop: self.dismiss(None) if drop else None,
        )
