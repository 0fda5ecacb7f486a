"""The ERAS "ready to submit" gate, derived from the dossier and the findings (never stored).

Only a few things must be in place before an application can be submitted in MyERAS: the ERAS
token, the MyERAS application itself (the CV), a personal statement to assign, and programs to
apply to. Everything else programs need can reach them after the submission: letters, the MSPE,
transcripts, exam results, and ECFMG's verification (due by the rank order list deadline).
Waiting for those loses the days when programs first review, so the gate lists them apart, as
"can follow after submission". The ERAS pane shows this gate and `imgwizard check --ready eras`
prints it; neither works one out of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from imgwizard.model import DocStatus, Dossier
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Season
from imgwizard.specialties import application_service, uses_eras
from imgwizard.steps import STEP_IDS

FOLLOW_NOTE = (
    "Letters, the MSPE, transcripts, exam results and ECFMG's verification can reach programs "
    "after you submit (ECFMG must verify you by the rank order list deadline). Do not hold "
    "back your submission for them: programs start reviewing early."
)


@dataclass(frozen=True, slots=True)
class GateItem:
    key: str
    label: str  # what must be in place
    step: str  # the step that does it
    done: bool
    fix: str


@dataclass(frozen=True, slots=True)
class Gate:
    applies: bool  # False when every specialty applies through ResidencyCAS
    needed: tuple[GateItem, ...]  # must be in place to submit
    can_follow: tuple[Finding, ...]  # blockers elsewhere, which can follow the submission

    @property
    def missing(self) -> list[GateItem]:
        return [item for item in self.needed if not item.done]

    @property
    def ready(self) -> bool:
        return self.applies and not self.missing

    def follow_by_step(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.can_follow:
            grouped.setdefault(finding.step, []).append(finding)
        order = {sid: i for i, sid in enumerate(STEP_IDS)}
        return dict(sorted(grouped.items(), key=lambda kv: order.get(kv[0], len(order))))

    def to_json(self) -> dict:
        return {
            "service": "ERAS",
            "applies": self.applies,
            "ready": self.ready,
            "needed": [
                {"key": i.key, "label": i.label, "step": i.step, "done": i.done, "fix": i.fix}
                for i in self.needed
            ],
            "can_follow": [f.to_json() for f in self.can_follow],
            "note": FOLLOW_NOTE,
        }


def _blocked(findings: list[Finding], prefixes: tuple[str, ...]) -> bool:
    return any(f.severity is Severity.BLOCKER and f.code.startswith(prefixes) for f in findings)


def _eras_programs(dossier: Dossier, season: Season) -> bool:
    return any(
        not p.specialty.strip() or application_service(p.specialty, season) == "ERAS"
        for p in dossier.programs
    )


# key, label, step, the finding codes that belong to it, done (before its findings), fix
_ITEMS: tuple[tuple[str, str, str, tuple[str, ...], Callable[..., bool], str], ...] = (
    (
        "token",
        "ERAS token from ECFMG, registered in MyERAS",
        "eras",
        (),
        lambda d, s: d.eras.token_obtained and d.eras.myeras_registered,
        "Get your ERAS token from ECFMG (MyIntealth), register it in MyERAS, then tick both "
        "boxes in step 8.",
    ),
    (
        "application",
        "MyERAS application (your CV) complete",
        "documents",
        ("documents.cv.",),
        lambda d, s: (
            bool(d.documents.cv.path)
            or d.documents.cv.status in (DocStatus.READY, DocStatus.UPLOADED)
        ),
        "Fill in the MyERAS application (education, experiences, exams) and record it as "
        "ready in step 4.",
    ),
    (
        "statement",
        "A personal statement to assign to your programs",
        "personal_statement",
        ("statements.",),
        lambda d, s: any(ps.text.strip() or ps.path for ps in d.personal_statements),
        "Write your personal statement (step 5) and add it in MyERAS, so you can assign it.",
    ),
    (
        "programs",
        "Programs chosen to apply to",
        "programs",
        (),
        _eras_programs,
        "Choose the ERAS programs you apply to (step 2); MyERAS charges per program.",
    ),
)
_GATE_PREFIXES = tuple(p for item in _ITEMS for p in item[3])
# Submitting is what clears it: the deadline finding cannot hold up the gate itself.
_SELF = ("deadlines.eras_submission.",)


def eras_gate(dossier: Dossier, season: Season, findings: Iterable[Finding]) -> Gate:
    """What must be in place to submit in MyERAS, and the blockers that can follow it."""
    findings = list(findings)
    needed = tuple(
        GateItem(key, label, step, done(dossier, season) and not _blocked(findings, codes), fix)
        for key, label, step, codes, done, fix in _ITEMS
    )
    follow = tuple(
        f
        for f in findings
        if f.severity is Severity.BLOCKER
        and not f.code.startswith(_GATE_PREFIXES)
        and not f.code.startswith(_SELF)
    )
    return Gate(uses_eras(dossier, season), needed, follow)
