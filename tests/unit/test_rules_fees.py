"""Fee estimate rules, from the season's fee facts."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard.model import Program, new_dossier
from imgwizard.rules import Severity
from imgwizard.rules.fees import eras_estimate, nrmp_estimate
from imgwizard.season import Confidence
from tests.builders import make_season

TODAY = dt.date(2026, 11, 24)
FEES = {
    "eras.fee_tier1_per_program": 11,
    "eras.fee_tier1_programs": 30,
    "eras.fee_tier2_per_program": 30,
    "nrmp.registration_fee": 70,
    "nrmp.ranks_included": 20,
    "nrmp.extra_rank_fee": 30,
}


def programs(spec: dict[str, int], applied=True):
    out = []
    for specialty, n in spec.items():
        out += [
            Program(id=f"{specialty[:2]}-{i}", specialty=specialty, applied=applied)
            for i in range(n)
        ]
    return out


@pytest.mark.parametrize(
    ("spec", "total"),
    [
        ({"Emergency Medicine": 30}, 330),
        ({"Internal Medicine": 43, "Radiology": 7}, 797),
        ({"Internal Medicine": 32, "Emergency Medicine": 32}, 780),
    ],
)
def test_eras_estimate_matches_aamc_examples(spec, total):
    d = new_dossier(TODAY)
    d.programs = programs(spec)
    (f,) = eras_estimate(d, make_season(FEES), TODAY)
    assert f.code == "fees.eras_estimate" and f.severity is Severity.INFO and f.step == "eras"
    assert f"${total:,}" in f.message
    data = dict(f.data)
    assert data["total_usd"] == total and data["confidence"] == "official"


def test_only_applied_programs_count_when_some_are_applied():
    d = new_dossier(TODAY)
    d.programs = programs({"Internal Medicine": 3}) + programs({"Pediatrics": 5}, applied=False)
    (f,) = eras_estimate(d, make_season(FEES), TODAY)
    assert dict(f.data)["total_usd"] == 33 and "applied to" in f.message


def test_whole_list_when_nothing_applied_yet():
    d = new_dossier(TODAY)
    d.programs = programs({"Pediatrics": 5}, applied=False)
    (f,) = eras_estimate(d, make_season(FEES), TODAY)
    assert dict(f.data)["total_usd"] == 55 and "if you apply" in f.message


def test_estimated_fee_says_so():
    d = new_dossier(TODAY)
    d.programs = programs({"Pediatrics": 1})
    (f,) = eras_estimate(d, make_season(FEES, confidence=Confidence.ESTIMATE), TODAY)
    assert "estimate" in f.message and dict(f.data)["confidence"] == "estimate"


@pytest.mark.parametrize(
    ("spec", "facts", "expected"),
    [({}, FEES, []), ({"IM": 1}, {}, ["season.value_unknown"])],
)
def test_eras_estimate_silent_or_unknown(spec, facts, expected):
    d = new_dossier(TODAY)
    d.programs = programs(spec)
    found = list(eras_estimate(d, make_season(facts, defaults=False), TODAY))
    assert [f.code for f in found] == expected


@pytest.mark.parametrize(("ranks", "total"), [(0, None), (12, 70), (20, 70), (25, 220)])
def test_nrmp_estimate(ranks, total):
    d = new_dossier(TODAY)
    d.rank_list.program_ids = [f"p-{i}" for i in range(ranks)]
    found = list(nrmp_estimate(d, make_season(FEES), TODAY))
    if total is None:
        assert found == []
    else:
        (f,) = found
        assert dict(f.data)["total_usd"] == total and f.step == "rank_list"
