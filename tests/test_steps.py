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
