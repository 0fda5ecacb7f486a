"""A minimal host for one step pane, for pane tests that do not need the whole wizard.

It provides what the shell provides (dossier, season, today, findings, read_only), re-runs the
rules on every DossierEdited like the shell does, and records the edits.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult

from imgwizard.model import Dossier, new_dossier
from imgwizard.rules import run_all
from imgwizard.season.which import season_of
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.panes import pane_class
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.shell import ShellApp

TODAY = dt.date(2026, 11, 24)


class PaneHarness(ShellApp):
    def __init__(
        self,
        step_id: str,
        dossier: Dossier | None = None,
        today: dt.date = TODAY,
        read_only: bool = False,
    ) -> None:
        super().__init__(today=today, read_only=read_only)
        self.step_id = step_id
        self.dossier = dossier if dossier is not None else new_dossier(today)
        self.season = season_of(self.dossier, self.today)
        self.findings = run_all(self.dossier, self.season, today)
        self.edits: list[str] = []

    def compose(self) -> ComposeResult:
        yield pane_class(self.step_id)()

    @property
    def pane(self) -> StepPane:
        return self.query_one(StepPane)

    def on_dossier_edited(self, message: DossierEdited) -> None:
        self.edits.append(message.step_id)
        self.season = season_of(self.dossier, self.today)
        self.findings = run_all(self.dossier, self.season, self.today)
        self.pane.findings_changed()
