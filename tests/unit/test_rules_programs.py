"""Per-program eligibility: program_eligibility (for the UI) and the programs.* findings."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard.model import Outcome, Program, Visa, VisaType
from imgwizard.rules import Severity
from imgwizard.rules.eligibility import program_eligibility, program_reasons
from imgwizard.rules.programs import programs_eligible
from tests.builders import complete_dossier, make_season

TODAY = dt.date(2026, 11, 24)
J1, H1B = VisaType.J1, VisaType.H1B


@pytest.fixture
def base(tmp_path):
    d = complete_dossier(tmp_path, TODAY)  # Match 2027, graduated 2024, Step 2 CK 245, 6 m USCE
    d.programs = []
    return d


def prog(**kw):
    kw.setdefault("visa_policy_known", True)
    kw.setdefault("visas_sponsored", [J1, H1B])
    return Program(id="p-x", name="Example IM", **kw)


@pytest.mark.parametrize(
    ("program", "changes", "expected"),
    [
        (prog(), {}, []),
        (prog(max_years_since_graduation=3), {}, []),  # 2027 - 2024 = 3
        (prog(max_years_since_graduation=2), {}, ["graduation_too_long_ago"]),
        (prog(visas_sponsored=[H1B]), {"visa": Visa.J1}, ["visa_not_sponsored"]),
        (prog(visas_sponsored=[]), {"visa": Visa.J1}, ["visa_not_sponsored"]),
        (prog(visas_sponsored=[], visa_policy_known=False), {"visa": Visa.J1}, []),  # unknown
        (prog(visas_sponsored=[J1]), {"visa": Visa.H1B}, ["visa_not_sponsored"]),
        (prog(visas_sponsored=[H1B]), {"visa": Visa.H1B}, ["step3_needed_for_h1b"]),
        (prog(visas_sponsored=[H1B]), {"visa": Visa.H1B, "step3": Outcome.PASSED}, []),
        (prog(visas_sponsored=[H1B]), {"visa": Visa.J1_OR_H1B}, ["step3_needed_for_h1b"]),
        (prog(visas_sponsored=[J1]), {"visa": Visa.J1_OR_H1B}, []),
        (prog(visas_sponsored=[]), {"visa": Visa.NONE}, []),
        (prog(requires_step3=True), {}, ["step3_required"]),
        (prog(requires_step3=True), {"step3": Outcome.PASSED}, []),
        (prog(min_step2ck_score=250), {}, ["step2ck_below_minimum"]),
        (prog(min_step2ck_score=245), {}, []),
        (prog(min_step2ck_score=250), {"score": None}, []),  # no score entered: not judged
        (prog(min_usce_months=12), {}, ["usce_short"]),
        (prog(min_usce_months=6), {}, []),
        (prog(max_attempts=1), {"attempts": 2}, ["attempts_over_limit"]),
        (prog(max_attempts=2), {"attempts": 2}, []),
        (
            prog(max_years_since_graduation=1, min_usce_months=12, visas_sponsored=[]),
            {"visa": Visa.J1},
            ["graduation_too_long_ago", "visa_not_sponsored", "usce_short"],
        ),
    ],
)
def test_program_reasons_table(base, program, changes, expected):
    if "visa" in changes:
        base.profile.visa = changes["visa"]
    if "step3" in changes:
        base.exams.step3.outcome = changes["step3"]
    if "score" in changes:
        base.exams.step2ck.score = changes["score"]
    if "attempts" in changes:
        base.exams.step2ck.attempts = changes["attempts"]
    season = make_season()
    assert [r.code for r in program_reasons(base, program, season, TODAY)] == expected
    reasons = program_eligibility(base, program, season, TODAY)
    assert len(reasons) == len(expected) and all(isinstance(r, str) and r for r in reasons)
    base.programs = [program]
    found = list(programs_eligible(base, season, TODAY))
    assert [f.code for f in found] == [f"programs.{c}" for c in expected]
    for f in found:
        assert f.subject == "p-x" and f.step == "programs" and f.severity is Severity.WARNING
        assert "Example IM" in f.message and f.fix


def test_reason_text_gives_the_numbers(base):
    program = prog(min_step2ck_score=250, max_years_since_graduation=2)
    text = " ".join(program_eligibility(base, program, make_season(), TODAY))
    assert "250" in text and "245" in text and "2024" in text and "2027" in text
