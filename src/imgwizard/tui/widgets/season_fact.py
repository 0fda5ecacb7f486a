"""One season fact on screen, with its confidence, and a keyboard way to correct it.

    yield SeasonFactRow("nrmp.rol_deadline")

The row shows the fact's label, `Fact.display()` (official values plain, anything else marked:
"≈ Fri 19 Mar 2027 · estimate · check NRMP R3", the user's own "… · yours") and, for dates, the
days left from the app's injected `today` (never the clock). Focus the row and press `c`: an
Input opens under it, prefilled with the value; Enter saves it as the user's correction
(season.corrections.set_correction) and posts DossierEdited, so the shell saves, reloads the
season and the pane refreshes the row. `r` goes back to the package value. A refused value shows
its message at the row and never changes the dossier.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from imgwizard.season import CATALOGUE, Fact, Kind
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.shell import ShellApp

if TYPE_CHECKING:
    from imgwizard.season import Season


def days_left_text(when: dt.date, today: dt.date) -> str:
    """'in 12 days', 'today', 'passed 3 days ago' — plain words, no clock."""
    days = (when - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    if days == -1:
        return "passed yesterday"
    return f"passed {-days} days ago"


def edit_text(fact: Fact | None) -> str:
    """The value as the user would type it back (ISO date, plain number)."""
    if fact is None:
        return ""
    value = fact.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _RowBody(Static, can_focus=True):
    """The focusable line of a fact row; carries the keys."""

    BINDINGS = [
        Binding("c", "correct", "Correct", id="fact.correct"),
        Binding("r", "reset", "Reset to package value", id="fact.reset"),
        Binding("enter", "correct", "Correct", show=False, id="fact.correct_enter"),
    ]

    def action_correct(self) -> None:
        row = self.parent
        if isinstance(row, SeasonFactRow):
            row.open_editor()

    def action_reset(self) -> None:
        row = self.parent
        if isinstance(row, SeasonFactRow):
            row.reset()


class SeasonFactRow(Vertical):
    """A season fact: label, value with confidence, days left; `c` corrects, `r` resets."""

    DEFAULT_CSS = """
    SeasonFactRow { height: auto; margin: 0 0 1 0; }
    SeasonFactRow > .fact-body { height: auto; padding: 0 1; }
    SeasonFactRow > .fact-body:focus { background: $primary 35%; text-style: none; }
    SeasonFactRow > .fact-detail { display: none; color: $text-muted; padding: 0 1; height: auto; }
    SeasonFactRow > Input { margin: 0 1; }
    SeasonFactRow > .fact-edit-hint { color: $text-muted; padding: 0 1; height: auto; }
    SeasonFactRow > .fact-error { color: $error; padding: 0 1; height: auto; display: none; }
    SeasonFactRow.-error > .fact-error { display: block; }
    SeasonFactRow.-estimate > .fact-body { border-left: outer $warning; }
    SeasonFactRow.-yours > .fact-body { border-left: outer $success; }
    SeasonFactRow.-official > .fact-body { border-left: outer $primary; }
    SeasonFactRow.-unknown > .fact-body { border-left: outer $error; }
    """

    def __init__(
        self,
        key: str,
        *,
        label: str | None = None,
        show_days: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        if key not in CATALOGUE:
            raise KeyError(f"unknown season key {key!r}")
        super().__init__(
            id=id or f"fact-{key.replace('.', '-').replace('_', '-')}", classes=classes
        )
        self.key = key
        self.label_text = label or CATALOGUE[key].label
        self.show_days = show_days
        self._error = ""

    # -- what the app provides
    app = getters.app(ShellApp)

    @property
    def season(self) -> Season:
        season = self.app.season
        assert season is not None, "a fact row is shown only once a season is loaded"
        return season

    @property
    def today(self) -> dt.date:
        return self.app.today

    @property
    def fact(self) -> Fact | None:
        return self.season.get(self.key)

    # -- building
    def compose(self) -> ComposeResult:
        yield _RowBody(self.render_text(), classes="fact-body")
        yield Static(self.detail_text(), classes="fact-detail", markup=False)
        yield Static("", classes="fact-error", markup=False)

    def on_mount(self) -> None:
        self.refresh_fact()

    # Shown while the row has focus. Done here, not with :focus-within in CSS, because Textual
    # does not restyle a child when only its parent's focus-within state changes.
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.query_one(".fact-detail").display = True

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.call_after_refresh(self._hide_detail)

    def _hide_detail(self) -> None:
        if not self.has_focus_within:
            self.query_one(".fact-detail").display = False

    def render_text(self) -> Text:
        fact = self.fact
        text = Text()
        text.append(self.label_text, style="bold")
        if fact is not None and self.show_days and isinstance(fact.value, dt.date):
            text.append(f" · {days_left_text(fact.value, self.today)}")
        text.append("\n")
        if fact is None:
            text.append(
                f"not known for this season · press c to enter it from "
                f"{CATALOGUE[self.key].where_to_check}"
            )
        else:
            text.append(fact.display())
        return text

    def detail_text(self) -> str:
        """Shown while the row has focus: where an estimate comes from, and the keys."""
        fact = self.fact
        parts = []
        if fact is not None and fact.rule and fact.confidence.value == "estimate":
            parts.append(f"Estimated: {fact.rule}.")
        if fact is not None and fact.confidence.value == "yours" and fact.package_value:
            parts.append(f"Package value: {fact.package_value}.")
        parts.append("c correct with your own value · r reset")
        return " ".join(parts)

    @property
    def value_text(self) -> str:
        """The row as plain text (what a test or a screen reader reads)."""
        return self.render_text().plain

    def refresh_fact(self) -> None:
        """Show the season's current value (after a correction or a season reload)."""
        fact = self.fact
        self.set_class(fact is None, "-unknown")
        for conf in ("official", "secondary", "estimate", "yours"):
            self.set_class(fact is not None and fact.confidence.value == conf, f"-{conf}")
        self.query_one(_RowBody).update(self.render_text())
        self.query_one(".fact-detail", Static).update(self.detail_text())

    # -- correcting
    @property
    def editor(self) -> Input | None:
        found = self.query(Input)
        return found.first() if found else None

    def open_editor(self) -> None:
        if self.app.read_only:
            self.show_error("This file is open read-only: corrections are off.")
            return
        editor = self.editor
        if editor is None:
            kind = CATALOGUE[self.key].kind
            placeholder = "YYYY-MM-DD" if kind is Kind.DATE else "a whole number"
            if kind is Kind.TEXT:
                placeholder = ""
            editor = Input(
                edit_text(self.fact),
                placeholder=placeholder,
                select_on_focus=False,
                classes="fact-input",
            )
            hint = Static(
                "Enter saves it as yours · Esc or an empty Enter cancels",
                classes="fact-edit-hint",
                markup=False,
            )
            self.mount(editor, before=self.query_one(".fact-error"))
            self.mount(hint, before=self.query_one(".fact-error"))
        editor.focus()

    def close_editor(self) -> None:
        body = self.query_one(_RowBody)
        for widget in [*self.query(Input), *self.query(".fact-edit-hint")]:
            widget.remove()
        body.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        fact = self.fact
        # The same value as an estimate is a confirmation from the user's own account: keep it.
        unchanged = (
            fact is not None and fact.confidence.value == "yours" and text == edit_text(fact)
        )
        if not text or unchanged:
            self.show_error("")
            self.close_editor()
            return
        if self.save(text):
            self.close_editor()

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and self.editor is not None and self.editor.has_focus:
            event.stop()
            event.prevent_default()
            self.show_error("")
            self.close_editor()

    def save(self, text: str) -> bool:
        """Store `text` as the user's value; True when accepted."""
        from imgwizard.season.corrections import CorrectionError, set_correction

        dossier = self.app.dossier
        assert dossier is not None
        try:
            set_correction(dossier, self.key, text, self.today)
        except CorrectionError as exc:
            self.show_error(str(exc))
            return False
        self.show_error("")
        self._edited()
        return True

    def reset(self) -> None:
        dossier = self.app.dossier
        if self.app.read_only or dossier is None:
            self.show_error("This file is open read-only: corrections are off.")
            return
        from imgwizard.season.corrections import reset_correction

        if reset_correction(dossier, self.key):
            self.show_error("")
            self._edited()
        else:
            self.show_error("This value is not yours to reset: it is the package value.")

    def show_error(self, message: str) -> None:
        self._error = message
        self.set_class(bool(message), "-error")
        self.query_one(".fact-error", Static).update(message)

    @property
    def error_text(self) -> str:
        return self._error

    def _edited(self) -> None:
        step_id = ""
        for node in self.ancestors:
            step_id = getattr(node, "STEP_ID", "")
            if step_id:
                break
        self.post_message(DossierEdited(step_id))
        # The shell reloads the season, then calls season_changed()/findings_changed() on the
        # pane; refreshing here too keeps a row outside a pane (or a slow shell) honest.
        self.call_after_refresh(self.refresh_fact)


def refresh_fact_rows(root) -> None:
    """Refresh every SeasonFactRow under `root` (call from a pane's season_changed())."""
    for row in root.query(SeasonFactRow):
        row.refresh_fact()
