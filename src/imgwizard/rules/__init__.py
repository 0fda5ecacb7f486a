"""Validators: pure functions of (dossier, season, today) returning findings.

`run_all` is the one entry point the wizard and `imgwizard check` use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from imgwizard.model import Dossier
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Season

Rule = Callable[[Dossier, Season, dt.date], Iterable[Finding]]

# Rule modules register here (see rules/registry.py); order does not matter, output is sorted.
RULES: list[Rule] = []


def rule(func: Rule) -> Rule:
    """Decorator: register a rule."""
    RULES.append(func)
    return func


def run_all(dossier: Dossier, season: Season, today: dt.date) -> list[Finding]:
    """Every finding for the dossier, blockers first."""
    from imgwizard.rules import registry  # noqa: F401  (imports the rule modules)
    from imgwizard.rules.eligibility import remembered
    from imgwizard.rules.files import probe_cache

    # Each document path is looked at once per run, each program's reasons worked out once.
    with probe_cache(), remembered():
        findings = [f for r in RULES for f in r(dossier, season, today)]
    findings.sort(key=Finding.sort_key)
    return findings


def by_step(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    from imgwizard.steps import STEP_IDS

    grouped: dict[str, list[Finding]] = {sid: [] for sid in STEP_IDS}
    for finding in findings:
        grouped.setdefault(finding.step, []).append(finding)
    return grouped


__all__ = ["RULES", "Finding", "Rule", "Severity", "by_step", "rule", "run_all"]
