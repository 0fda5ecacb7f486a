"""Deadline rules: info when coming, warning within the window, blocker when passed undone."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard.model import new_dossier
from imgwizard.rules import Severity, run_all
from imgwizard.rules.deadlines import WARN_WITHIN_DAYS, deadlines
from imgwizard.season import Confidence, load_season
from tests.builders import TEST_SOURCE, make_season

TODAY = dt.date(2026, 11, 24)
DEADLINE = dt.date(2027, 1, 29)


def registration(today, registered=False, confidence=Confidence.OFFICIAL):
    d = new_dossier(TODAY)
    d.nrmp.registered = registered
    season = make_season(
        {"nrmp.registration_deadline": DEADLINE}, defaults=False, confidence=confidence
    )
    return [f for f in deadlines(d, season, today) if f.step == "nrmp"]


@pytest.mark.parametrize(
    ("days_before", "registered", "code", "severity"),
    [
        (WARN_WITHIN_DAYS + 1, False, "deadlines.nrmp_registration.upcoming", Severity.INFO),
        (WARN_WITHIN_DAYS, False, "deadlines.nrmp_registration.soon", Severity.WARNING),
        (1, False, "deadlines.nrmp_registration.soon", Severity.WARNING),
        (0, False, "deadlines.nrmp_registration.soon", Severity.WARNING),
        (-1, False, "deadlines.nrmp_registration.passed", Severity.BLOCKER),
        (-1, True, None, None),
        (5, True, None, None),
    ],
)
def test_deadline_table(days_before, registered, code, severity):
    found = registration(DEADLINE - dt.timedelta(days=days_before), registered)
    assert [f.code for f in found] == ([code] if code else [])
    for f in found:
        assert f.severity is severity
        data = dict(f.data)
        assert data["date"] == "2027-01-29" and data["season_key"] == "nrmp.registration_deadline"
        assert data["confidence"] == "official" and data["source"] == TEST_SOURCE
        assert data["days_left"] == days_before


def test_soon_says_days_left():
    (f,) = registration(DEADLINE - dt.timedelta(days=12))
    assert "in 12 days" in f.message and "Fri 29 Jan 2027" in f.message


def test_estimate_is_shown_as_estimate():
    (f,) = registration(DEADLINE - dt.timedelta(days=12), confidence=Confidence.ESTIMATE)
    assert "≈" in f.message and "estimate" in f.message
    assert dict(f.data)["confidence"] == "estimate"


def test_match_day_is_never_a_blocker():
    d = new_dossier(TODAY)
    season = make_season({"nrmp.match_day": dt.date(2027, 3, 19)}, defaults=False)
    for today, expected in (
        (dt.date(2026, 11, 24), ["deadlines.match_day.upcoming"]),
        (dt.date(2027, 3, 10), ["deadlines.match_day.upcoming"]),
        (dt.date(2027, 3, 20), []),
    ):
        found = [f for f in deadlines(d, season, today) if f.step == "match_day"]
        assert [f.code for f in found] == expected
        assert all(f.severity is Severity.INFO for f in found)


def test_unknown_deadline_is_said():
    d = new_dossier(TODAY)
    found = [f for f in deadlines(d, make_season(defaults=False), TODAY) if f.step == "nrmp"]
    assert [f.code for f in found] == ["season.value_unknown"]


def test_match_2027_lists_rol_deadline_and_match_day_with_confidence():
    """Issue 9: on 2026-11-24 a Match 2027 dossier lists the coming deadlines with confidence
    and source (package data)."""
    d = new_dossier(TODAY)
    findings = run_all(d, load_season(2027), TODAY)
    by_code = {f.code: dict(f.data) for f in findings if f.code.startswith("deadlines.")}
    for code, key in (
        ("deadlines.rol_certification.upcoming", "nrmp.rol_deadline"),
        ("deadlines.match_day.upcoming", "nrmp.match_day"),
    ):
        data = by_code[code]
        assert data["season_key"] == key
        assert data["confidence"] in {"official", "secondary", "estimate"}
        assert data["source"].startswith("http")
        dt.date.fromisoformat(data["date"])
