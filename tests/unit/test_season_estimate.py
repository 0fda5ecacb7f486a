"""A Match year without package data: estimated by rule, marked, and said so."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard.season import CATALOGUE, Confidence, Kind, load_season
from imgwizard.season.estimate import describe_nth, estimate_season, nth_weekday
from imgwizard.season.loader import available_years, package_season


def test_2029_is_estimated_from_2027_with_a_note():
    season = load_season(2029)
    assert season.match_year == 2029
    assert any("no package data for Match 2029" in n and "Match 2027" in n for n in season.notes)
    assert season.facts, "estimated season is empty"
    assert set(season.facts) == set(package_season(2027).facts)
    for key, fact in season.facts.items():
        assert fact.confidence is Confidence.ESTIMATE, key
        assert "Match 2027" in fact.rule, key
        assert fact.source.startswith("http"), key
        assert fact.display().startswith("≈ "), key


@pytest.mark.parametrize(
    ("key", "value", "rule"),
    [
        ("nrmp.match_day", dt.date(2029, 3, 16), "third Friday of March"),
        ("nrmp.rol_deadline", dt.date(2029, 2, 28), "16 days before 'Match Day'"),
        ("nrmp.match_week_starts", dt.date(2029, 3, 12), "4 days before"),
        ("nrmp.soap_ends", dt.date(2029, 3, 15), "1 day before"),
        ("eras.season_opens", dt.date(2028, 6, 7), "first Wednesday of June"),
        ("eras.programs_review_opens", dt.date(2028, 9, 27), "fourth Wednesday of September"),
        ("eras.mspe_release", dt.date(2028, 9, 27), "same day as"),
        ("eras.season_ends", dt.date(2029, 5, 31), "May 31 each season"),
        ("nrmp.registration_opens", dt.date(2028, 9, 15), "September 15"),
        ("nrmp.registration_deadline", dt.date(2029, 1, 31), "Friday before"),
        ("usmle.step1_pass_fail_from", dt.date(2022, 1, 26), "unchanged since Match 2027"),
        ("eras.fee_tier1_per_program", 11, "unchanged since Match 2027"),
        ("nrmp.rol_max_ranks", 300, "unchanged since Match 2027"),
    ],
)
def test_2029_values_follow_their_rules(key, value, rule):
    fact = load_season(2029).get(key)
    assert fact.value == value
    assert rule in fact.rule


def test_weekend_deadline_moves_to_the_friday_before():
    # 2028-01-31 is a Monday; 2032-01-31 is a Saturday.
    assert load_season(2028).date("nrmp.registration_deadline") == dt.date(2028, 1, 31)
    assert load_season(2032).date("nrmp.registration_deadline") == dt.date(2032, 1, 30)


def test_an_estimate_keeps_what_the_base_said():
    fact = load_season(2029).get("nrmp.rol_max_ranks")
    assert "Match 2027: 300 (estimate)" in fact.note


def test_years_before_the_package_data_use_the_oldest_season():
    season = load_season(2021)
    assert "estimated from Match 2026" in season.notes[0]
    assert season.date("nrmp.match_day") == dt.date(2021, 3, 19)


def test_package_2027_estimates_agree_with_the_estimator():
    """The hand-written 2027 estimates are what the rules give from Match 2026."""
    derived = estimate_season(package_season(2026), 2027)
    for key, fact in package_season(2027).facts.items():
        if fact.confidence is Confidence.ESTIMATE and CATALOGUE[key].kind is Kind.DATE:
            assert derived.facts[key].value == fact.value, key


def test_no_data_at_all_is_a_note_not_a_crash(tmp_path, monkeypatch):
    from imgwizard.season import loader

    monkeypatch.setattr(loader, "_data_dir", lambda: tmp_path)
    loader.clear_cache()
    try:
        season = load_season(2027)
        assert season.facts == {}
        assert "no season data at all" in season.notes[0]
    finally:
        monkeypatch.undo()
        loader.clear_cache()
    assert 2027 in available_years()


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2027, 3, 19), "third Friday of March"),
        (dt.date(2026, 6, 3), "first Wednesday of June"),
        (dt.date(2026, 9, 30), "last Wednesday of September"),
    ],
)
def test_describe_nth(day, text):
    assert describe_nth(day) == text


def test_nth_weekday_last():
    assert nth_weekday(2026, 9, 2, -1) == dt.date(2026, 9, 30)
    assert nth_weekday(2027, 3, 4, 3) == dt.date(2027, 3, 19)
