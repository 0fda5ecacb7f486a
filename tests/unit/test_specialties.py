"""Specialty names map to one id; the application service comes from the season's facts."""

import pytest

from imgwizard.season import load_season
from imgwizard.specialties import application_service, canonical, residencycas_specialties


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Internal Medicine", "internal_medicine"),
        ("IM", "internal_medicine"),
        ("internal medicine (categorical)", "internal_medicine"),
        ("OB/GYN", "obstetrics_gynecology"),
        ("Obstetrics & Gynecology", "obstetrics_gynecology"),
        ("emergency medicine", "emergency_medicine"),
        ("EM", "emergency_medicine"),
        ("Family Medicine", "family_medicine"),
        ("Nuclear Medicine", "nuclear_medicine"),
    ],
)
def test_canonical(typed, expected):
    assert canonical(typed) == expected


@pytest.mark.parametrize("year", [2026, 2027, 2030])
def test_em_and_obgyn_apply_through_residencycas(year):
    season = load_season(year)
    assert residencycas_specialties(season) == {"emergency_medicine", "obstetrics_gynecology"}
    assert application_service("Emergency Medicine", season) == "ResidencyCAS"
    assert application_service("OB/GYN", season) == "ResidencyCAS"
    assert application_service("Internal Medicine", season) == "ERAS"
