"""Per-program findings: a program whose stated requirements the applicant does not meet is
flagged with the reason (subject = program id). The reasons come from
`eligibility.program_reasons`, the same ones the programs pane shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imgwizard.model import Dossier
from imgwizard.rules import rule
from imgwizard.rules.eligibility import program_reasons
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Season


@rule
def programs_eligible(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    for program in dossier.programs:
        name = program.name or program.id
        for reason in program_reasons(dossier, program, season, today):
            yield Finding(
                f"programs.{reason.code}",
                Severity.WARNING,
                "programs",
                f"Not eligible for {name}: it {reason.text}.",
                reason.fix,
                subject=program.id,
            )
