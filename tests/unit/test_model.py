import datetime as dt

import pytest
from pydantic import ValidationError

from imgwizard.model import Dossier, Letter, Program, Step1, default_match_year, new_dossier


@pytest.mark.parametrize(
    ("today", "year"),
    [(dt.date(2026, 11, 24), 2027), (dt.date(2026, 5, 31), 2026), (dt.date(2026, 6, 1), 2027)],
)
def test_new_dossier_uses_the_match_being_prepared_until_asked(today, year):
    assert default_match_year(today) == year
    fresh = new_dossier(today)
    assert fresh.profile.target_match_year is None  # asked on the first screen
    assert fresh.match_year(today) == year


@pytest.mark.parametrize(
    ("part", "field", "value", "words"),
    [
        ("profile", "us_clinical_experience_months", -1, "greater than or equal to 0"),
        ("profile", "usmle_id", "abc", "pattern"),
        ("profile", "email", "nobody", "name@example.org"),
        ("exams.step2ck", "score", 301, "less than or equal to 300"),
        ("exams.oet", "writing", 501, "less than or equal to 500"),
    ],
)
def test_refused_values_say_why(part, field, value, words):
    dossier = Dossier()
    target = dossier
    for name in part.split("."):
        target = getattr(target, name)
    with pytest.raises(ValidationError) as info:
        setattr(target, field, value)
    assert words in str(info.value)


def test_step1_score_only_before_pass_fail():
    Step1(outcome="passed", taken_on=dt.date(2021, 5, 1), score=240)
    with pytest.raises(ValidationError, match="pass/fail only"):
        Step1(outcome="passed", taken_on=dt.date(2022, 1, 26), score=240)


def test_letter_dates_must_run_forward():
    with pytest.raises(ValidationError, match="received before it was requested"):
        Letter(writer="Dr A", requested_on=dt.date(2026, 5, 2), received_on=dt.date(2026, 5, 1))


def test_program_ids_unique():
    program = Program(name="A")
    with pytest.raises(ValidationError, match="share the id"):
        Dossier(programs=[program, program.model_copy()])


def test_unknown_keys_refused():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Dossier.model_validate({"profile": {"nmae": "x"}})
