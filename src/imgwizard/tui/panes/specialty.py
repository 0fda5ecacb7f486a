"""Step 1: target specialties, a backup plan, and who the applicant is.

The target Match year is asked first, with the year imgwizard suggests from what the dossier
says (imgwizard.season.which) and why, because it decides which season's dates and limits every
later step shows. The basic profile (name, e-mail, citizenship, USMLE/ECFMG ID) follows. Visa and US
clinical experience are eligibility questions and live in step 3.
"""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantBlur, DescendantFocus
from textual.widgets import Button, Input, Static

from imgwizard.model import Specialty, SpecialtyRole
from imgwizard.season.which import suggest_match_year
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.screens.confirm import ConfirmScreen
from imgwizard.tui.shell import ShellApp
from imgwizard.tui.widgets.fields import (
    BoundInput,
    BoundSelect,
    BoundTextArea,
    update_if_changed,
)
from imgwizard.tui.widgets.pane_kit import Explain, Section, apply_read_only, css_beside

ROLE_OPTIONS = [
    ("Primary", SpecialtyRole.PRIMARY),
    ("Backup", SpecialtyRole.BACKUP),
    ("Preliminary year", SpecialtyRole.PRELIMINARY),
]


class SpecialtyRow(Horizontal):
    """One target specialty: its name, its role and a Remove button."""

    app = getters.app(ShellApp)

    def __init__(self, specialty: Specialty) -> None:
        super().__init__(classes="specialty-row")
        self.specialty = specialty
        self._name_on_focus = specialty.name
        self.reveal_when_laid_out = False

    def on_mount(self) -> None:
        apply_read_only(self, self.app.read_only)

    def on_resize(self) -> None:
        # A row added from the keyboard is shown once it has a place on screen (focusing its
        # input at once scrolls to where it was not yet).
        if self.reveal_when_laid_out:
            self.reveal_when_laid_out = False
            self.scroll_visible(animate=False)

    def compose(self) -> ComposeResult:
        spec = self.specialty
        yield BoundInput(
            "Specialty",
            lambda: spec,
            "name",
            placeholder="e.g. Internal Medicine",
            classes="specialty-name",
        )
        yield BoundSelect("Role", lambda: spec, "role", options=ROLE_OPTIONS, classes="role")
        yield Button("Remove", classes="remove-specialty", variant="error")

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            self._name_on_focus = self.specialty.name

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        if isinstance(event.widget, Input):
            old, new = self._name_on_focus, self.specialty.name
            self._name_on_focus = new
            if old.strip() and new.strip() and old != new:
                pane = self.query_ancestor(SpecialtyPane)
                pane.specialty_renamed(old, new)


class SpecialtyPane(StepPane):
    STEP_ID = "specialty"
    DEFAULT_CSS = css_beside(__file__)

    def compose_body(self) -> ComposeResult:
        yield Section("Which Match are you aiming for?")
        yield BoundInput(
            "Target Match year",
            lambda: self.dossier.profile,
            "target_match_year",
            kind="int",
            placeholder="e.g. 2028",
            help="The March Match you are aiming for; it decides which season's dates, fees "
            "and limits the wizard uses.",
            id="match-year",
        )
        yield Static("", id="match-year-suggestion", markup=False)
        yield Button("Use the suggested year", id="use-suggested-year")
        yield Static("", id="season-line", markup=False)
        yield Explain(
            "Most applicants name one first-choice specialty; many IMGs add a backup specialty "
            "or a preliminary year so that a single unmatched choice does not cost a year. "
            "Each target specialty gets its own personal statement (step 5)."
        )
        yield Section("Target specialties")
        with Vertical(id="specialty-rows"):
            for spec in self.dossier.specialties:
                yield SpecialtyRow(spec)
        yield Static(
            "No specialty yet: add your first choice.",
            id="no-specialty",
            classes="empty-note",
            markup=False,
        )
        yield Button("Add a specialty", id="add-specialty")
        # What the step needs (steps.py "required") comes before what is optional.
        yield Section("About you")
        yield BoundInput(
            "Full name (as in your passport)",
            lambda: self.dossier.profile,
            "full_name",
            id="full-name",
        )
        yield BoundInput(
            "E-mail",
            lambda: self.dossier.profile,
            "email",
            placeholder="name@example.org",
            id="email",
        )
        yield BoundInput(
            "Citizenship", lambda: self.dossier.profile, "citizenship", id="citizenship"
        )
        yield BoundInput(
            "USMLE/ECFMG ID",
            lambda: self.dossier.profile,
            "usmle_id",
            placeholder="7 or 8 digits, e.g. 1234-567-8",
            id="usmle-id",
        )
        yield Section("Backup or preliminary-year plan")
        yield BoundTextArea(
            "Your plan if the first choice does not match",
            lambda: self.dossier,
            "backup_plan",
            help="For example: also apply to preliminary medicine years; which programs; "
            "whether you would take part in SOAP.",
            id="backup-plan",
        )
        yield Explain(
            "Visa needs and US clinical experience are asked with the eligibility questions "
            "in step 3."
        )

    def on_mount(self) -> None:
        self._show_empty_note()
        self._show_season()
        apply_read_only(self, self.read_only)

    # -- the list of specialties
    @on(Button.Pressed, "#add-specialty")
    async def add_specialty(self) -> None:
        if self.read_only:
            return
        role = SpecialtyRole.PRIMARY if not self.dossier.specialties else SpecialtyRole.BACKUP
        spec = Specialty(name="", role=role)
        self.dossier.specialties.append(spec)
        row = SpecialtyRow(spec)
        await self.query_one("#specialty-rows").mount(row)
        self._show_empty_note()
        self.edited()
        row.query_one(Input).focus()
        row.reveal_when_laid_out = True

    @on(Button.Pressed, ".remove-specialty")
    def ask_remove(self, event: Button.Pressed) -> None:
        if self.read_only:
            return
        row = event.button.query_ancestor(SpecialtyRow)
        name = row.specialty.name.strip()
        if not name:  # an empty row goes without a question
            self.run_worker(self.remove_row(row))
            return
        body = f"Remove {name} from your target specialties?"
        if any(ps.specialty == name for ps in self.dossier.personal_statements):
            body += " Its personal statement is kept (step 5)."
        self.app.push_screen(
            ConfirmScreen("Remove specialty", body, yes="Remove", no="Keep"),
            lambda yes: self.run_worker(self.remove_row(row)) if yes else None,
        )

    async def remove_row(self, row: SpecialtyRow) -> None:
        specs = self.dossier.specialties
        index = next((i for i, s in enumerate(specs) if s is row.specialty), None)
        if index is None:
            return
        del specs[index]
        rows = list(self.query(SpecialtyRow))
        position = rows.index(row)
        await row.remove()
        self._show_empty_note()
        self.edited()
        rest = [r for r in rows if r is not row]
        if rest:
            rest[min(position, len(rest) - 1)].query_one(Input).focus()
        else:
            self.query_one("#add-specialty", Button).focus()

    def specialty_renamed(self, old: str, new: str) -> None:
        """Carry the statements written for a renamed specialty over to its new name."""
        if any(s.name == old for s in self.dossier.specialties):
            return  # another target still has the old name: its statements stay with it
        moved = 0
        for ps in self.dossier.personal_statements:
            if ps.specialty == old:
                ps.specialty = new
                moved += 1
        if moved:
            self.edited()
            self.notify(f"The personal statement for {old!r} now belongs to {new!r}.", markup=False)

    def _show_empty_note(self) -> None:
        self.query_one("#no-specialty").display = not self.dossier.specialties

    # -- the season
    def _show_season(self) -> None:
        season = self.season
        chosen = self.dossier.profile.target_match_year is not None
        text = (
            f"Season used: Match {season.match_year} (ERAS opens the June before)."
            if chosen
            else f"Not chosen yet: the wizard uses Match {season.match_year}, the season in "
            "progress, until you choose."
        )
        if season.notes:
            text += " " + " ".join(season.notes)
        update_if_changed(self.query_one("#season-line", Static), text)
        suggestion = suggest_match_year(self.dossier, self.today)
        update_if_changed(self.query_one("#match-year-suggestion", Static), suggestion.text)
        button = self.query_one("#use-suggested-year", Button)
        button.label = f"Use Match {suggestion.year}"
        button.display = self.dossier.profile.target_match_year != suggestion.year

    @on(Button.Pressed, "#use-suggested-year")
    def use_suggested_year(self) -> None:
        if self.read_only:
            return
        year = suggest_match_year(self.dossier, self.today).year
        self.dossier.profile.target_match_year = year
        self.query_one("#match-year", BoundInput).refresh_value()
        self.edited()
        self._show_season()
        self.query_one("#match-year Input", Input).focus()  # the button hides itself

    def season_changed(self) -> None:
        self._show_season()

    def findings_changed(self) -> None:
        self._show_season()

    def reload(self) -> None:
        rows = self.query_one("#specialty-rows")
        rows.remove_children()
        rows.mount_all(SpecialtyRow(s) for s in self.dossier.specialties)
        for field in self.query(".field"):
            if field.parent is self:
                field.refresh_value()  # type: ignore[attr-defined]
        self._show_empty_note()
        self._show_season()
