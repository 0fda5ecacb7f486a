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

from textual import getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from imgwizard.steps import Step, step
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.shell import ShellApp

if TYPE_CHECKING:
    from imgwizard.model import Dossier
    from imgwizard.rules.findings import Finding
    from imgwizard.season import Season


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
    def compose(self) -> ComposeResult:
        yield Static(self.step.purpose, classes="step-purpose", markup=False)
        yield Static(f"Official source: {self.step.source}", classes="step-source", markup=False)
        yield from self.compose_body()

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
