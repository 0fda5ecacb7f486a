"""What a rule says: a finding with a severity, a step, a stable code, a message and a fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    BLOCKER = "blocker"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key: blockers first."""
        return _RANK[self]


_RANK = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable, dotted: "documents.mspe.missing"
    severity: Severity
    step: str  # a step id from imgwizard.steps
    message: str  # names the problem in plain words
    fix: str  # what to do about it
    subject: str = ""  # what it is about when there are several: a program id, a letter index
    data: tuple[tuple[str, Any], ...] = ()  # extra facts for --json (a date, its confidence ...)

    def sort_key(self) -> tuple[int, str, str]:
        return (self.severity.rank, self.code, self.subject)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "step": self.step,
            "message": self.message,
            "fix": self.fix,
        }
        if self.subject:
            out["subject"] = self.subject
        if self.data:
            out["data"] = dict(self.data)
        return out
