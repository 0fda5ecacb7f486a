"""The contract every step pane follows.

A pane is a scrollable container for one step. It reads and edits `self.dossier` in place and
then calls `self.edited()`; the shell (WizardApp) saves, re-runs the rules and tells every pane
through `findings_changed()`. Panes stay mounted for the whole session, so moving between steps
never loses typed text. A pane never touches the disk and never imports the store.

The shell provides, through the typed `app` getter (a `ShellApp`: the wizard, or the test
harness in tests/tui_harness.py):
    dossier: Dossier         the live dossier (edit in place)
    season: Season           facts for the applicant's Match year, corrections applied
    today: datetime.date     injectable "today"
    findings: list[Finding]  the latest findings, blockers first
    read_only: bool          True when another session holds the file: panes disable editing
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widget import Widget
from textual.widgets import DataTable, Static

from imgwizard.steps import Step, step
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.screens.confirm import ConfirmScreen
from imgwizard.tui.shell import ShellApp
from imgwizard.tui.widgets.item_table import ItemTable

if TYPE_CHECKING:
    from imgwizard.model import Dossier
    from imgwizard.rules.findings import Finding
    from imgwizard.season import Season


def source_link(url: str) -> Content:
    """The official page as a link (OSC 8) on one line: a URL wrapped across lines copies as
    a broken link. The text shows the address without its scheme."""
    shown = url.split("://", 1)[-1]
    return Content.assemble("Official source: ", (shown, Style(link=url)))


class StepPane(VerticalScroll):
    """Base of the eleven panes. Subclasses set STEP_ID and implement compose_body()."""

    STEP_ID: ClassVar[str] = ""

    app = getters.app(ShellApp)

    def __init__(self) -> None:
        super().__init__(id=f"pane-{self.STEP_ID}", classes="step-pane")

    # -- what the shell provides
    @property
    def step(self) -> Step:
        return step(self.STEP_ID)

    @property
    def dossier(self) -> Dossier:
        dossier = self.app.dossier
        assert dossier is not None, "panes are built only once a dossier is open"
        return dossier

    @property
    def season(self) -> Season:
        season = self.app.season
        assert season is not None, "panes are built only once a season is loaded"
        return season

    @property
    def today(self) -> dt.date:
        return self.app.today

    @property
    def findings(self) -> list[Finding]:
        return [f for f in self.app.findings if f.step == self.STEP_ID]

    @property
    def read_only(self) -> bool:
        return self.app.read_only

    # -- building
    async def settle(self) -> None:
        """Stop mounting widgets after the first frame and wait for any mount under way (the
        app is quitting: a widget mounted while its screen is torn down raised NoMatches)."""

    def compose(self) -> ComposeResult:
        yield Static(self.step.purpose, classes="step-purpose", markup=False)
        yield Static(source_link(self.step.source), classes="step-source")
        yield from self.compose_body()

    # -- focus
    def first_focus(self) -> Widget | None:
        """The control to focus when the step is shown: by default the first focusable one
        that is not a season fact row (those are there to read; c corrects one)."""
        from imgwizard.tui.widgets.season_fact import SeasonFactRow

        for widget in self.query("*"):
            if widget.focusable and not any(isinstance(a, SeasonFactRow) for a in widget.ancestors):
                return widget
        return None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A control focused right after it was shown (a form that appears with a new item)
        # has no place on screen yet, so the focus's own scrolling misses it: scroll again
        # once the layout has placed it.
        widget = event.widget
        self.call_after_refresh(self._reveal, widget)

    def on_resize(self, event: events.Resize) -> None:
        # The findings panel under the pane grows and shrinks as the findings change, which
        # can leave the focused control half under it: show it whole again.
        focused = self.screen.focused if self.is_attached else None
        if focused is not None and self in focused.ancestors:
            self.call_after_refresh(self._reveal, focused)

    def _reveal(self, widget: Widget) -> None:
        if widget.is_attached and self.screen.focused is widget:
            # The field around it (label and control) when there is one, so both show.
            field = (
                widget.parent
                if widget.parent is not None and widget.parent.has_class("field")
                else widget
            )
            self.scroll_to_widget(field, animate=False, immediate=True)

    def compose_body(self) -> ComposeResult:  # pragma: no cover - every pane overrides
        yield from ()

    # -- talking to the shell
    def edited(self) -> None:
        """Call after changing self.dossier: the shell saves and re-checks."""
        self.post_message(DossierEdited(self.STEP_ID))

    def refresh_all(self) -> None:
        """Hook: redraw what the pane derives from the dossier, the findings and the season.
        The three hooks below call it unless a pane needs something finer."""

    def findings_changed(self) -> None:
        """Hook: the rules ran again (self.findings is fresh). Update per-item status here."""
        self.refresh_all()

    def reload(self) -> None:
        """Hook: the dossier was replaced from outside (an import). Refill the widgets."""
        from imgwizard.tui.widgets.fields import refresh_bound

        refresh_bound(self)
        self.refresh_all()

    def season_changed(self) -> None:
        """Hook: the season (or a correction) changed. Refresh dates, fees and limits shown."""
        self.refresh_all()

    def describe_focus(self) -> dict[str, Any]:  # pragma: no cover - optional
        return {}


class ListDetailPane(StepPane):
    """Letters, interviews and the rank list: a table of items and, under it, the detail of
    the item under the cursor (a form, or a second table).

    The table has focus when the step is shown, so its keys (a add · e edit · d delete …) work
    at once; Escape or ctrl+l from anywhere in the detail goes back to it. Rows can be marked
    (ItemTable) and `item_delete` removes every marked item after one question. Subclasses name
    their table (TABLE_ID) and, for add / edit / delete, implement `items()`, `new_item()`,
    `item_name()`, `show_item()`, `refresh_table()` and `focus_form()`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in each pane's key hint; off the footer, which keeps its F-keys at 80 columns.
        Binding(
            "escape,ctrl+l", "back_to_list", "Back to list", id="list.back_to_list", show=False
        ),
    ]
    TABLE_ID: ClassVar[str] = ""
    NOUN: ClassVar[str] = "item"  # "letter": for the delete question

    def __init__(self) -> None:
        super().__init__()
        self.selected = 0

    @property
    def table(self) -> ItemTable:
        return self.query_one(f"#{self.TABLE_ID}", ItemTable)

    def first_focus(self) -> Widget | None:
        return self.table

    def action_back_to_list(self) -> None:
        self.table.focus()

    def refuse_read_only(self) -> bool:
        if self.read_only:
            self.notify("This file is open read-only.", severity="warning")
        return self.read_only

    # -- what a subclass provides
    def items(self) -> list[Any]:  # pragma: no cover - list panes override
        return []

    def new_item(self) -> Any:  # pragma: no cover - every list pane defines it
        raise TypeError(f"{type(self).__name__} does not say how to make a new {self.NOUN}")

    def item_name(self, index: int) -> str:  # pragma: no cover
        return f"{self.NOUN} {index + 1}"

    def show_item(self) -> None:  # pragma: no cover
        """Point the detail at the item under the cursor."""

    def refresh_table(self) -> None:  # pragma: no cover
        """Refill the table from the dossier."""

    def focus_form(self) -> None:  # pragma: no cover
        """Focus the first field of the detail form."""

    # -- add, edit, select, delete
    def item_add(self) -> None:
        if self.refuse_read_only():
            return
        self.items().append(self.new_item())
        self.selected = len(self.items()) - 1
        self.edited()
        self.refresh_table()
        self.table.move_cursor(row=self.selected, animate=False)
        self.show_item()
        self.focus_form()

    def item_edit(self) -> None:
        if self.items():
            self.focus_form()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.data_table is self.table and event.cursor_row != self.selected:
            self.selected = event.cursor_row
            self.show_item()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table is self.table:
            self.item_edit()

    def item_delete(self) -> None:
        if self.refuse_read_only() or not self.items():
            return
        chosen = self.table.chosen()
        if len(chosen) == 1:
            index = chosen[0]
            title = f"Delete this {self.NOUN}?"
            name = self.item_name(index)
            body = f"{self.NOUN.capitalize()} {index + 1} ({name}) will be removed."
        else:
            title = f"Delete {len(chosen)} {self.NOUN}s?"
            body = "These will be removed: " + "; ".join(
                f"{i + 1} ({self.item_name(i)})" for i in chosen
            )
        targets = [self.items()[i] for i in chosen]

        def done(yes: bool | None) -> None:
            if not yes:
                return
            items = self.items()
            items[:] = [x for x in items if not any(x is t for t in targets)]
            self.table.clear_marks()
            self.selected = max(0, min(chosen[0], len(items) - 1))
            self.edited()
            self.refresh_table()
            self.show_item()
            self.table.focus()

        self.app.push_screen(ConfirmScreen(title, body, yes="Delete", no="Keep"), done)
