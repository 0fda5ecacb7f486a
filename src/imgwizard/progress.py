"""How far along each step is, derived from the dossier and the findings (never stored).

The sidebar, the Markdown export and `imgwizard check` all say the same thing about a step:
  ✗ N blockers   something stops the application
  ○ not started  nothing entered yet
  • in progress  started, but warnings stand, a field the step needs is empty (its
                 `required` list in imgwizard.steps) or the step's own goal is not reached yet
  ✓ done         the step's goal is reached and nothing is flagged
A step's goal is what finishing it means to the applicant (the list is registered, the rank
list certified ...), so "no findings" alone never counts as done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from imgwizard.model import Dossier, InterviewStatus, MatchOutcome
from imgwizard.rules.findings import Finding, Severity
from imgwizard.steps import Step

# Values a fresh dossier gets from today's date, not from the applicant.
_IGNORED = {("profile", "target_match_year")}

# What finishing each step means. Steps whose goal is "nothing missing" (eligibility,
# documents) need only to be started and free of blockers and warnings.
GOALS: dict[str, tuple[str, Callable[[Dossier], bool]]] = {
    "specialty": ("name a target specialty", lambda d: any(s.name for s in d.specialties)),
    "programs": ("add the programs you are considering", lambda d: bool(d.programs)),
    "personal_statement": (
        "write a personal statement",
        lambda d: any(ps.text or ps.path for ps in d.personal_statements),
    ),
    "letters": ("record your letters of recommendation", lambda d: bool(d.letters)),
    "nrmp": ("register with the NRMP", lambda d: d.nrmp.registered),
    "eras": ("submit your application", lambda d: d.eras.submitted),
    "interviews": (
        "record an interview",
        lambda d: any(i.status is InterviewStatus.COMPLETED for i in d.interviews),
    ),
    "rank_list": ("certify your rank order list", lambda d: d.rank_list.certified),
    "match_day": (
        "record your Match result",
        lambda d: d.match.outcome is not MatchOutcome.PENDING,
    ),
}


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


def step_status(step: Step, dossier: Dossier, findings: Iterable[Finding]) -> StepStatus:
    mine = [f for f in findings if f.step == step.id]
    blockers = sum(f.severity is Severity.BLOCKER for f in mine)
    warnings = sum(f.severity is Severity.WARNING for f in mine)
    if blockers:
        word = f"{blockers} blocker" + ("s" if blockers > 1 else "")
        return StepStatus("✗", word, blockers, warnings)
    if not started(step, dossier):
        return StepStatus("○", "not started", 0, warnings)
    left = tuple(missing(step, dossier))
    goal = GOALS.get(step.id)
    if goal is not None and not goal[1](dossier):
        nxt = goal[0] + (f"; {left_text(left)}" if left else "")
        return StepStatus("•", "in progress", 0, warnings, next_goal=nxt, missing=left)
    if left:
        return StepStatus("•", "in progress", 0, warnings, next_goal=left_text(left), missing=left)
    if warnings:
        return StepStatus("•", "in progress", 0, warnings)
    return StepStatus("✓", "done")
