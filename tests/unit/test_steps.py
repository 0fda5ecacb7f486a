import datetime as dt

import pytest

from imgwizard.model import Dossier
from imgwizard.steps import STEP_IDS, STEPS, by_number, step


def test_eleven_steps_numbered_in_order():
    assert len(STEPS) == 11
    assert [s.number for s in STEPS] == list(range(1, 12))
    assert len(set(STEP_IDS)) == 11
    assert STEPS[3].title == "Prepare required documents"


def test_every_step_edits_real_dossier_parts():
    for s in STEPS:
        assert s.fields, s.id
        for name in s.fields:
            assert name in Dossier.model_fields, (s.id, name)
        assert s.source.startswith("https://")


def test_lookup():
    assert step("letters").number == 6
    assert by_number(11).id == "match_day"
    with pytest.raises(KeyError, match="known"):
        step("nope")
    with pytest.raises(IndexError):
        by_number(12)


def test_goals_are_declared_with_the_steps():
    from imgwizard.model import new_dossier

    d = new_dossier(dt.date(2026, 11, 24))
    # "Nothing missing" steps carry no goal; every other step says what finishing it means.
    assert {s.id for s in STEPS if s.goal is None} == {"eligibility", "documents"}
    for s in STEPS:
        if s.goal is not None:
            assert s.goal.text and not s.goal.reached(d), s.id
    # The official process cannot go on without these (no Match without a certified list).
    assert {s.id for s in STEPS if s.goal and s.goal.mandatory} == {
        "specialty",
        "programs",
        "nrmp",
        "eras",
        "rank_list",
    }
