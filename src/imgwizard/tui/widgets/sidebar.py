"""The step sidebar: eleven rows, each with number, title and status as glyph *and* word.

A step's status is derived from the findings and the dossier every time; nothing stores it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from imgwizard.model import Dossier
from imgwizard.rules.findings import Finding, Severity
from imgwizard.steps import STEPS, Step
from imgwizard.tui.messages import GoToStep

# Values a fresh dossier gets from today's date, not from the applicant.
_IGNORED = {("profile", "target_match_year")}


@dataclass(frozen=True)
class StepStatus:
    glyph: str
    word: str
    blockers: int = 0
    warnings: int = 0

    @property
    def text(self) -> str:
        return f"{self.glyph} {self.word}"

    @property
    def short(self) -> str:
        """For the narrow sidebar: the glyph, and the blocker count when there are some."""
        return f"{self.glyph}{self.blockers}" if self.blockers else self.glyph


@cache
def _defaults() -> dict[str, Any]:
    return _strip(Dossier().model_dump(mode="json"))


def _strip(data: dict[str, Any]) -> dict[str, Any]:
    for part, key in _IGNORED:
        if isinstance(data.get(part), dict):
            data[part] = {k: v for k, v in data[part].items() if k != key}
    return data


def started(step: Step, dossier: Dossier) -> bool:
    """Has the applicant entered anything the step edits?"""
    data = _strip(dossier.model_dump(mode="json", include=set(step.fields)))
    defaults = _defaults()
    return any(data.get(part) != defaults.get(part) for part in step.fields)


def step_status(step: Step, dossier: Dossier, findings: Iterable[Finding]) -> StepStatus:
    mine = [f for f in findings if f.step == step.id]
    blockers = sum(f.severity is Severity.BLOCKER for f in mine)
    warnings = sum(f.severity is Severity.WARNING for f in mine)
    if blockers:
        word = f"{blockers} blocker" + ("s" if blockers > 1 else "")
        return StepStatus("✗", word, blockers, warnings)
    if not started(step, dossier):
        return StepStatus("○", "not started", 0, warnings)
    if warnings:
        return StepStatus("•", "in progress", 0, warnings)
    return StepStatus("✓", "done")


class StepSidebar(OptionList):
    """Arrows move, Enter (or a click) opens the step. `narrow` shows numbers and glyphs only."""

    DEFAULT_CSS = """
    StepSidebar { height: 1fr; }
    """

    def __init__(self, current: str, **kwargs: Any) -> None:
        super().__init__(*[Option(Text(s.title), id=s.id) for s in STEPS], **kwargs)
        self.current = current
        self.narrow = False
        self.statuses: dict[str, StepStatus] = {}
        self._shown: dict[str, Text] = {}

    def update_status(self, dossier: Dossier, findings: list[Finding], current: str) -> None:
        self.current = current
        self.statuses = {s.id: step_status(s, dossier, findings) for s in STEPS}
        self._render_rows()

    def set_narrow(self, narrow: bool) -> None:
        if narrow != self.narrow:
            self.narrow = narrow
            self._render_rows()

    def _row(self, step: Step) -> Text:
        status = self.statuses.get(step.id, StepStatus("○", "not started"))
        here = step.id == self.current
        style = "bold" if here else ""
        mark = "▸" if here else " "
        if self.narrow:
            return Text.assemble((f"{mark}{step.number:>2} ", style), status.short)
        return Text.assemble(
            (f"{mark}{step.number:>2} {step.title}", style),
            "\n",
            f"    {status.text}",
        )

    def _render_rows(self) -> None:
        for step in STEPS:
            row = self._row(step)
            if self._shown.get(step.id) != row:  # each replaced row costs a layout pass
                self._shown[step.id] = row
                self.replace_option_prompt(step.id, row)
        index = self.get_option_index(self.current)
        if self.highlighted != index:
            self.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(GoToStep(event.option.id))
