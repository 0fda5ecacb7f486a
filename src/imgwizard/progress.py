"""How far along each step is, derived from the dossier and the findings (never stored).

The sidebar, the Markdown export and `imgwizard check` all say the same thing about a step:
  ✗ N blockers   something stops the application
  ○ not started  nothing entered yet
  • in progress  started, but warnings stand, a field the step needs is empty (its
                 `required` list in imgwizard.steps) or the step's own goal is not reached yet
  ✓ done         the step's goal is reached and nothing is flagged
A step's goal is what finishing it means to the applicant (the list is registered, the rank
list certified ...), so "no findings" alone never counts as done. Goals are declared with the
steps (steps.py, `Step.goal`); this module only reads them.

The ERAS "ready to submit" gate lives beside this module, in imgwizard.gate (eras_gate).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from imgwizard.model import Dossier
from imgwizard.rules.findings import Finding, Severity
from imgwizard.steps import STEPS, Step
from imgwizard.wording import plural

# Values a fresh dossier gets from today's date, not from the applicant.
_IGNORED = {("profile", "target_match_year")}


@dataclass(frozen=True)
class StepStatus:
    glyph: str
    word: str
    blockers: int = 0
    warnings: int = 0
    next_goal: str = ""  # what is left to finish the step, when in progress
    missing: tuple[str, ...] = ()  # labels of the required fields still empty

    @property
    def text(self) -> str:
        return f"{self.glyph} {self.word}"

    @property
    def short(self) -> str:
        """For a narrow sidebar: the glyph, and the blocker count when there are some."""
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
    parts = []
    for part in step.fields:
        value = getattr(dossier, part)
        if isinstance(value, list):
            if value:  # every list's default is empty: no need to dump 300 programs to see it
                return True
        else:
            parts.append(part)
    if not parts:
        return False
    data = _strip(dossier.model_dump(mode="json", include=set(parts)))
    defaults = _defaults()
    return any(data.get(part) != defaults.get(part) for part in parts)


def _value(dossier: Dossier, path: str) -> Any:
    value: Any = dossier
    for name in path.split("."):
        value = getattr(value, name)
    return value


def missing(step: Step, dossier: Dossier) -> list[str]:
    """Labels of the step's required fields that are still empty, in the step's order."""
    left = []
    for need in step.required:
        value = _value(dossier, need.path)
        if isinstance(value, str):
            value = value.strip()
        if getattr(value, "value", value) in need.unset:
            left.append(need.label)
    return left


def left_text(labels: list[str] | tuple[str, ...]) -> str:
    """'fill in full name, e-mail' — what the sidebar, the pane and `check` say is left."""
    return "fill in " + ", ".join(labels)


def findings_by_step(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Each step's findings, in the order given, in one pass (step_status looks at a step's
    own: going through every finding once per step took 3 ms at 3,000 programs)."""
    grouped: dict[str, list[Finding]] = {s.id: [] for s in STEPS}
    for finding in findings:
        grouped.setdefault(finding.step, []).append(finding)
    return grouped


def step_statuses(dossier: Dossier, grouped: dict[str, list[Finding]]) -> dict[str, StepStatus]:
    """Every step's status, from its findings as findings_by_step groups them."""
    return {s.id: step_status(s, dossier, grouped.get(s.id, [])) for s in STEPS}


def step_status(step: Step, dossier: Dossier, findings: Iterable[Finding]) -> StepStatus:
    mine = [f for f in findings if f.step == step.id]
    blockers = sum(f.severity is Severity.BLOCKER for f in mine)
    warnings = sum(f.severity is Severity.WARNING for f in mine)
    if blockers:
        word = plural(blockers, "blocker")
        return StepStatus("✗", word, blockers, warnings)
    if not started(step, dossier):
        return StepStatus("○", "not started", 0, warnings)
    left = tuple(missing(step, dossier))
    goal = step.goal
    if goal is not None and not goal.reached(dossier):
        nxt = goal.text + (f"; {left_text(left)}" if left else "")
        return StepStatus("•", "in progress", 0, warnings, next_goal=nxt, missing=left)
    if left:
        return StepStatus("•", "in progress", 0, warnings, next_goal=left_text(left), missing=left)
    if warnings:
        return StepStatus("•", "in progress", 0, warnings)
    return StepStatus("✓", "done")


def mandatory_missing(dossier: Dossier) -> list[Step]:
    """The steps whose goal the official process cannot go on without and that are not
    reached yet, in step order (archinstall's "missing configurations")."""
    return [
        s for s in STEPS if s.goal is not None and s.goal.mandatory and not s.goal.reached(dossier)
    ]
