"""Within one run of the rules each program's reasons are worked out once (issue #18): the
findings and the programs pane's reasons are exactly those of rules run without the memory."""

from __future__ import annotations

import datetime as dt
import itertools

import imgwizard.rules.registry  # noqa: F401  (every rule module registered)
from imgwizard.demo import demo_dossier
from imgwizard.model import Exam, Outcome, Program, SignalTier, Visa, VisaType
from imgwizard.rules import RULES, run_all
from imgwizard.rules.eligibility import _remembered, program_eligibility, remembered
from imgwizard.rules.findings import Finding
from imgwizard.season import load_season
from imgwizard.tui.checking import check

TODAY = dt.date(2026, 11, 30)


def _dossier(visa: Visa, step3: bool):
    d = demo_dossier()
    d.profile.visa = visa
    d.exams.step3 = Exam(outcome=Outcome.PASSED if step3 else Outcome.NOT_TAKEN)
    sponsors = [[], [VisaType.J1], [VisaType.H1B], [VisaType.J1, VisaType.H1B]]
    for n, (visas, known, tier) in enumerate(
        itertools.product(sponsors, (True, False), (SignalTier.NONE, SignalTier.GOLD))
    ):
        d.programs.append(
            Program(
                name=f"Program {n}",
                specialty="Internal Medicine",
                visas_sponsored=visas,
                visa_policy_known=known,
                signal=tier,
                min_step2ck_score=230 + n,
                requires_step3=n % 3 == 0,
            )
        )
    return d


def _without_memory(dossier, season) -> list[Finding]:
    findings = [f for r in RULES for f in r(dossier, season, TODAY)]
    return sorted(findings, key=Finding.sort_key)


def test_findings_and_reasons_are_those_of_a_run_without_memory():
    for visa, step3 in itertools.product(list(Visa), (True, False)):
        d = _dossier(visa, step3)
        season = load_season(2027, d.season_corrections)
        assert _remembered.get() is None  # nothing remembered outside a run
        without = _without_memory(d, season)
        reasons = {p.id: tuple(program_eligibility(d, p, season, TODAY)) for p in d.programs}
        assert run_all(d, season, TODAY) == without
        result = check(d, season, TODAY)
        assert result.findings == without
        assert result.program_reasons == reasons
        assert any(result.program_reasons.values()) or visa in (Visa.NONE, Visa.UNDECIDED)


def test_a_run_remembers_and_forgets():
    d = _dossier(Visa.J1, False)
    season = load_season(2027, d.season_corrections)
    program = Program(name="Sponsors the J-1", visas_sponsored=[VisaType.J1])
    d.programs.append(program)
    with remembered():
        first = program_eligibility(d, program, season, TODAY)
        with remembered():  # an inner run shares the outer one's memory
            assert program_eligibility(d, program, season, TODAY) == first
        assert len(_remembered.get()) == 1
    assert _remembered.get() is None
    assert first == []  # it sponsors the J-1
    program.visas_sponsored = []  # after the run, a change is seen at once
    program.visa_policy_known = True
    assert program_eligibility(d, program, season, TODAY) == [
        "does not sponsor the J-1 visa you need"
    ]
