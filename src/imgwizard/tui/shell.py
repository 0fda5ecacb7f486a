"""What the panes and the wizard screen may read of the app, and how they hear of changes.

`ShellApp` is the typed contract between the shell's parts: the live state (dossier, season,
today, findings, read_only, current step, save state) and two signals that announce a change
once, for every widget that cares to refresh itself:

    findings_signal    the rules ran again (payload: True when the season changed too)
    checking_signal    the findings shown are older than the dossier (True: the rules are
                       running in a worker thread, tui/checking.py) or current again (False)
    save_state_signal  the save indicator changed ("saving…", "saved 09:30:00" ...)

Widgets reach it through `getters.app(ShellApp)` (typed, no `type: ignore`). The wizard
(`WizardApp`) and the pane test harness are ShellApps. This module imports no screen and no
pane, so nothing here can loop back to the app.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import App
from textual.signal import Signal

from imgwizard.model import Dossier
from imgwizard.progress import StepStatus
from imgwizard.rules.findings import Finding
from imgwizard.season import Season
from imgwizard.steps import STEP_IDS
from imgwizard.tui.layout_fix import install as install_layout_fix

if TYPE_CHECKING:
    from imgwizard.tui.checking import ProgramRows

install_layout_fix()  # a Static filled right after the first frame keeps its new height


class ShellApp(App[int]):
    def __init__(
        self,
        *,
        today: dt.date | None = None,
        read_only: bool = False,
        preload: bool = True,
        ansi_color: bool | None = None,
    ) -> None:
        super().__init__(ansi_color=ansi_color)
        # No animated scrolling: over SSH every frame of an animation is a screen update sent
        # down the wire, and a field focused at the bottom of a form must be on screen at
        # once (a half-scrolled form hides the field the next key types into).
        self.animation_level = "none"
        self.today = today or dt.date.today()
        self.read_only = read_only
        self.preload = preload  # build the hidden panes right after the first paint
        self.dossier: Dossier | None = None
        self.season: Season | None = None
        self.findings: list[Finding] = []
        # Each program's reasons it is out of reach, from the same run of the rules as
        # self.findings (by program id; a program added since is missing: compute it).
        self.program_reasons: dict[str, tuple[str, ...]] = {}
        # The signals used per specialty, from the same run (None: not computed with it).
        self.signal_lines: list[str] | None = None
        # Each step's findings and status, from the same run (None: not computed with it).
        self.findings_by_step: dict[str, list[Finding]] | None = None
        self.step_statuses: dict[str, StepStatus] | None = None
        # The programs as the same run read them, for the programs step (None: not read).
        self.program_rows: ProgramRows | None = None
        self.checking = False
        self.current_step = STEP_IDS[0]
        self.save_state = ""
        self.findings_signal: Signal[bool] = Signal(self, "findings-changed")
        self.checking_signal: Signal[bool] = Signal(self, "checking-changed")
        self.save_state_signal: Signal[str] = Signal(self, "save-state-changed")

    def findings_updated(self, *, season_changed: bool) -> None:
        """Announce that self.findings (and maybe self.season) are new."""
        self.findings_signal.publish(season_changed)

    def set_checking(self, checking: bool) -> None:
        if checking != self.checking:
            self.checking = checking
            self.checking_signal.publish(checking)

    def set_save_state(self, text: str) -> None:
        self.save_state = text
        self.save_state_signal.publish(text)

    def status_text(self) -> str:
        year = self.season.match_year if self.season else "?"
        # Below 100 columns the step title needs the room: "Match 2027" says the same.
        season = "season " if self.size.width >= 100 else ""
        return f"Match {year} {season}· {self.save_state}"
