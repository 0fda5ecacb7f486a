"""Running the rules after an edit without holding up the keyboard (issue #18).

With a few hundred programs all the rules take a few milliseconds and run right after each edit,
on the UI thread. From `OFF_THREAD_FROM` programs on they take tens of milliseconds: they run in
a worker thread instead, and the findings are applied when they arrive. Until then the wizard
says "checking…" beside the findings it still shows (they are the last ones, not current).

Every edit bumps `generation`. One check runs at a time; a check started before the latest
edit is thrown away when it finishes and the rules run again, so findings are only ever applied
for the dossier as it is now. (A check reads the dossier while the UI thread may change it: a
result from such a run is never applied, and an error it raised is ignored for the same reason.)

No Textual here: the app starts the worker thread and applies the result on the UI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter

from imgwizard.model import Dossier, Program
from imgwizard.progress import StepStatus, findings_by_step, step_statuses
from imgwizard.rules import run_all
from imgwizard.rules.eligibility import program_eligibility, remembered
from imgwizard.rules.findings import Finding
from imgwizard.season import Season
from imgwizard.signals import usage_lines

OFF_THREAD_FROM = 1000  # programs in the dossier

# What the programs step's table shows of a program, read in one call, in C: the fields of
# its Row (tui/panes/programs.py), in their order, so a Row is made from it and read by it.
PROGRAM_ROW = attrgetter("name", "specialty", "state", "priority", "signal", "applied")
_PROGRAM_ID = attrgetter("id")


@dataclass(frozen=True)
class ProgramRows:
    """Each program's id, what its row shows and its reasons, in the dossier's order, as
    they were when read. The programs step compares these lists with the ones it kept (in
    C: a few hundred microseconds at 3,000 programs), so that only a program that changed
    is looked at; read where the rules run, off the UI thread for a large dossier."""

    ids: list[str]
    values: list[tuple[object, ...]]
    reasons: list[tuple[str, ...] | None]


def program_rows(programs: list[Program], reasons: dict[str, tuple[str, ...]]) -> ProgramRows:
    ids = list(map(_PROGRAM_ID, programs))
    return ProgramRows(ids, list(map(PROGRAM_ROW, programs)), list(map(reasons.get, ids)))


@dataclass(frozen=True)
class CheckResult:
    """Everything the rules say about one state of the dossier: the findings, each step's
    findings and status (the sidebar), and for the programs pane each program's reasons it is
    out of reach (by program id) and the signals used per specialty (its "Signals ·" line).
    Worked out where the rules run, so that at 3,000 programs the UI thread does not go
    through ~2,800 findings again to show them."""

    findings: list[Finding]
    program_reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    signal_lines: list[str] = field(default_factory=list)
    by_step: dict[str, list[Finding]] = field(default_factory=dict)
    statuses: dict[str, StepStatus] = field(default_factory=dict)
    program_rows: ProgramRows | None = None


def check(dossier: Dossier, season: Season, today: dt.date) -> CheckResult:
    with remembered():  # each program's reasons once, for the rules and the pane alike
        findings = run_all(dossier, season, today)
        reasons = {
            p.id: tuple(program_eligibility(dossier, p, season, today)) for p in dossier.programs
        }
    grouped = findings_by_step(findings)
    return CheckResult(
        findings,
        reasons,
        usage_lines(dossier, season),
        grouped,
        step_statuses(dossier, grouped),
        program_rows(dossier.programs, reasons),
    )


class Checker:
    """The bookkeeping of checks: which edit the latest one covers, whether one is running."""

    def __init__(self, off_thread_from: int = OFF_THREAD_FROM) -> None:
        self.off_thread_from = off_thread_from
        self.generation = 0  # bumped on every edit (UI thread)
        self.applied = 0  # the generation whose findings are shown
        self.running: int | None = None  # the generation a worker is checking

    @property
    def pending(self) -> bool:
        """Findings on screen are older than the dossier (the wizard shows "checking…")."""
        return self.applied < self.generation

    def off_thread(self, dossier: Dossier) -> bool:
        return len(dossier.programs) >= self.off_thread_from

    def edited(self) -> int:
        self.generation += 1
        return self.generation

    def start(self) -> int | None:
        """The generation to check in a worker now, or None (one is running: it is rerun when
        it finishes)."""
        if self.running is not None or not self.pending:
            return None
        self.running = self.generation
        return self.running

    def finished(self, generation: int) -> bool:
        """A worker's check of `generation` is back: True when it is to be applied (no edit
        came after it started)."""
        self.running = None
        return generation == self.generation

    def applied_now(self) -> None:
        self.applied = self.generation
