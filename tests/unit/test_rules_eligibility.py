"""Eligibility rules: exams, attempts, clinical skills (Pathway + OET), school and diploma."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard.model import Outcome, PathwayStatus, Visa
from imgwizard.rules import Severity, run_all
from imgwizard.rules.eligibility import (
    attempt_limit,
    clinical_skills,
    clinical_skills_met,
    exams_passed,
    h1b_step3,
    oet_minimums,
    school_and_diploma,
)
from tests.builders import complete_dossier, make_season

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def base(tmp_path):
    return complete_dossier(tmp_path, TODAY)


def codes(findings):
    return sorted(f.code for f in findings)


@pytest.mark.parametrize(
    ("exam", "outcome", "expected", "severity"),
    [
        ("step1", Outcome.PASSED, [], None),
        ("step1", Outcome.NOT_TAKEN, ["eligibility.step1.not_passed"], Severity.BLOCKER),
        ("step1", Outcome.FAILED, ["eligibility.step1.not_passed"], Severity.BLOCKER),
        ("step1", Outcome.SCHEDULED, ["eligibility.step1.not_passed"], Severity.WARNING),
        ("step2ck", Outcome.PENDING, ["eligibility.step2ck.not_passed"], Severity.WARNING),
        ("step2ck", Outcome.FAILED, ["eligibility.step2ck.not_passed"], Severity.BLOCKER),
        ("step2ck", Outcome.PASSED, [], None),
    ],
)
def test_exams_table(base, exam, outcome, expected, severity):
    getattr(base.exams, exam).outcome = outcome
    found = list(exams_passed(base, make_season(), TODAY))
    assert codes(found) == expected
    for f in found:
        assert f.severity is severity and f.step == "eligibility"


@pytest.mark.parametrize(
    ("attempts", "outcome", "limit", "expected"),
    [
        (1, Outcome.PASSED, 4, []),
        (4, Outcome.PASSED, 4, []),  # passed at the fourth: fine
        (4, Outcome.FAILED, 4, ["eligibility.attempts.over_limit"]),
        (5, Outcome.FAILED, 4, ["eligibility.attempts.over_limit"]),
        (3, Outcome.FAILED, 4, ["eligibility.attempts.last_attempt"]),
        (2, Outcome.FAILED, 4, []),
        (2, Outcome.FAILED, 2, ["eligibility.attempts.over_limit"]),  # limit from the season
        (9, Outcome.FAILED, None, []),  # season lacks the limit: not judged
    ],
)
def test_attempt_limit_table(base, attempts, outcome, limit, expected):
    base.exams.step2ck.attempts = attempts
    base.exams.step2ck.outcome = outcome
    found = list(attempt_limit(base, make_season({"usmle.attempt_limit": limit}), TODAY))
    assert codes(found) == expected
    for f in found:
        assert f.subject == "Step 2 CK"


def _oet(d, taken_on, listening, reading, writing, speaking):
    oet = d.exams.oet
    oet.taken_on = taken_on
    oet.listening, oet.reading, oet.writing, oet.speaking = listening, reading, writing, speaking


WRITING_300_FROM = dt.date(2022, 4, 1)
OET_SEASON = {"oet.writing_300_from": WRITING_300_FROM}


@pytest.mark.parametrize(
    ("taken_on", "scores", "expected"),
    [
        (dt.date(2023, 5, 1), (350, 350, 300, 350), []),
        (dt.date(2023, 5, 1), (350, 350, 290, 350), ["eligibility.oet.below_minimum"]),
        (dt.date(2023, 5, 1), (340, 400, 400, 400), ["eligibility.oet.below_minimum"]),
        # Before 1 April 2022 writing needed 350 like the rest.
        (dt.date(2022, 3, 31), (350, 350, 300, 350), ["eligibility.oet.below_minimum"]),
        (dt.date(2022, 3, 31), (350, 350, 350, 350), []),
        (WRITING_300_FROM, (350, 350, 300, 350), []),
        (None, (None, None, None, None), ["eligibility.oet.missing"]),
        (dt.date(2023, 5, 1), (350, 350, None, 350), ["eligibility.oet.incomplete"]),
    ],
)
def test_oet_one_sitting_table(base, taken_on, scores, expected):
    _oet(base, taken_on, *scores)
    found = list(clinical_skills(base, make_season(OET_SEASON), TODAY))
    assert codes(found) == expected
    assert clinical_skills_met(base, make_season(OET_SEASON), TODAY) is (expected == [])


def test_below_minimum_names_the_subtest(base):
    _oet(base, dt.date(2023, 5, 1), 350, 350, 290, 350)
    (f,) = clinical_skills(base, make_season(OET_SEASON), TODAY)
    assert "writing 290 (needs 300)" in f.message and f.severity is Severity.BLOCKER


def test_oet_minimums_come_from_the_season(base):
    base.exams.oet.taken_on = dt.date(2023, 1, 1)
    season = make_season({"oet.min_writing": 250, "oet.min_listening": 320, **OET_SEASON})
    assert oet_minimums(base.exams.oet, season) == {
        "listening": 320,
        "reading": 350,
        "writing": 250,
        "speaking": 350,
    }


@pytest.mark.parametrize(
    ("status", "expires", "legacy", "certified", "expected"),
    [
        (PathwayStatus.ACCEPTED, None, False, False, []),
        (PathwayStatus.NOT_STARTED, None, False, False, ["eligibility.clinical_skills.missing"]),
        (PathwayStatus.NOT_STARTED, None, True, False, []),  # old Step 2 CS pass counts
        (PathwayStatus.NOT_STARTED, None, False, True, []),
        (PathwayStatus.APPLIED, None, False, False, ["eligibility.pathway.pending"]),
        (PathwayStatus.EXPIRED, None, False, False, ["eligibility.pathway.expired"]),
        (
            PathwayStatus.ACCEPTED,
            TODAY - dt.timedelta(days=1),
            False,
            False,
            ["eligibility.pathway.expired"],
        ),
        (PathwayStatus.ACCEPTED, TODAY, False, False, []),
        (PathwayStatus.NOT_NEEDED, None, False, False, []),
    ],
)
def test_pathway_table(base, status, expires, legacy, certified, expected):
    base.ecfmg.pathway_status = status
    base.ecfmg.pathway_expires_on = expires
    base.exams.step2cs_legacy_pass = legacy
    base.ecfmg.certified = certified
    found = list(clinical_skills(base, make_season(OET_SEASON), TODAY))
    assert codes(found) == expected


def test_step2cs_never_suggested_as_an_exam_to_take(tmp_path):
    from imgwizard.model import new_dossier

    d = new_dossier(TODAY)
    texts = " ".join(f.message + " " + f.fix for f in run_all(d, make_season(), TODAY))
    assert "Step 2 CS" in texts  # mentioned, as history
    for phrase in ("take Step 2 CS", "Take Step 2 CS", "register for Step 2 CS", "book Step 2 CS"):
        assert phrase not in texts
    assert "cannot be taken" in texts


@pytest.mark.parametrize(
    ("listed", "note", "lo", "hi", "grad_year", "expected"),
    [
        (True, True, 1990, None, 2023, []),
        (None, None, None, None, 2023, ["eligibility.world_directory.unchecked"]),
        (False, None, None, None, 2023, ["eligibility.world_directory.not_listed"]),
        (True, None, None, None, 2023, ["eligibility.world_directory.note_unchecked"]),
        (True, False, None, None, 2023, ["eligibility.world_directory.no_ecfmg_note"]),
        (True, True, 2000, 2010, 2023, ["eligibility.graduation_year_not_covered"]),
        (True, True, 2000, 2010, 1999, ["eligibility.graduation_year_not_covered"]),
        (True, True, 2000, 2023, 2023, []),
    ],
)
def test_world_directory_table(base, listed, note, lo, hi, grad_year, expected):
    edu = base.education
    edu.world_directory_listed, edu.ecfmg_note = listed, note
    edu.ecfmg_note_from_year, edu.ecfmg_note_to_year = lo, hi
    edu.graduation_date = dt.date(grad_year, 6, 30)
    assert codes(school_and_diploma(base, make_season(), TODAY)) == expected


@pytest.mark.parametrize(
    ("diploma", "transcript", "graduated", "expected", "severity"),
    [
        (True, True, True, [], None),
        (False, True, True, ["eligibility.diploma.unverified"], Severity.WARNING),
        (True, False, True, ["eligibility.final_transcript.unverified"], Severity.WARNING),
        (False, True, False, ["eligibility.diploma.unverified"], Severity.INFO),
    ],
)
def test_diploma_table(base, diploma, transcript, graduated, expected, severity):
    base.education.diploma_verified = diploma
    base.education.final_transcript_verified = transcript
    base.education.graduation_date = TODAY + dt.timedelta(days=-100 if graduated else 100)
    found = list(school_and_diploma(base, make_season(), TODAY))
    assert codes(found) == expected
    for f in found:
        assert f.severity is severity


@pytest.mark.parametrize(
    ("visa", "step3", "expected"),
    [
        (Visa.H1B, Outcome.NOT_TAKEN, ["eligibility.step3.needed_for_h1b"]),
        (Visa.H1B, Outcome.PASSED, []),
        (Visa.J1, Outcome.NOT_TAKEN, []),
    ],
)
def test_h1b_step3_table(base, visa, step3, expected):
    base.profile.visa = visa
    base.exams.step3.outcome = step3
    assert codes(h1b_step3(base, make_season(), TODAY)) == expected
