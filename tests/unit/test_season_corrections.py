"""The applicant's own season values: validated on entry, kept in the dossier, winning on load."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard.model import SeasonCorrection, new_dossier
from imgwizard.season import Confidence, load_season
from imgwizard.season.corrections import (
    CorrectionError,
    check_value,
    reset_correction,
    season_span,
    set_correction,
)

TODAY = dt.date(2026, 11, 24)


def dossier(year: int = 2027):
    d = new_dossier(TODAY)
    d.profile.target_match_year = year
    return d


@pytest.mark.parametrize(
    ("key", "text", "stored"),
    [
        ("nrmp.match_day", "2027-03-19", dt.date(2027, 3, 19)),
        ("nrmp.rol_deadline", " 2027-03-03 ", dt.date(2027, 3, 3)),
        ("eras.season_opens", "2026-06-03", dt.date(2026, 6, 3)),
        ("eras.season_ends", "2027-06-30", dt.date(2027, 6, 30)),
        ("eras.token_release", "2026-04-01", dt.date(2026, 4, 1)),
        ("usmle.step1_pass_fail_from", "2022-01-26", dt.date(2022, 1, 26)),
        ("eras.fee_tier1_per_program", "12", 12),
        ("eras.fee_tier1_per_program", "$12", 12),
        ("nrmp.registration_fee", "$1,085", 1085),
        ("nrmp.extra_rank_fee", "0", 0),
        ("nrmp.rol_max_ranks", "300", 300),
        ("eras.personal_statement_max_chars", "28,000", 28000),
        ("oet.min_writing", "300", 300),
        ("eras.photo_format", " JPEG or PNG ", "JPEG or PNG"),
        ("eras.letters_per_program_max", 5, 5),
        ("nrmp.match_day", dt.date(2027, 3, 19), dt.date(2027, 3, 19)),
    ],
)
def test_accepted(key, text, stored):
    d = dossier()
    correction = set_correction(d, key, text, TODAY)
    assert correction.value == stored
    assert correction.entered_on == TODAY
    assert d.season_corrections == [correction]


@pytest.mark.parametrize(
    ("key", "text", "says"),
    [
        ("nrmp.match_dya", "2027-03-19", "did you mean nrmp.match_day"),
        ("match_day", "2027-03-19", "nrmp.match_day"),
        ("nothing.like.this", "1", "is not a season key"),
        ("nrmp.match_day", "19 March 2027", "allowed: a date YYYY-MM-DD"),
        ("nrmp.match_day", "2027-02-30", "is not a date"),
        ("nrmp.match_day", "20270319", "is not a date"),
        ("nrmp.match_day", "2030-03-15", "outside the Match 2027 season"),
        ("nrmp.match_day", "2026-03-31", "from 2026-04-01 to 2027-06-30"),
        ("nrmp.match_day", "2026-03-20", "outside the Match 2027 season"),
        ("eras.season_ends", "2027-07-01", "outside the Match 2027 season"),
        ("usmle.step1_pass_fail_from", "1999-12-31", "from 2000-01-01"),
        ("eras.fee_tier1_per_program", "-5", "a fee cannot be negative"),
        ("eras.fee_tier1_per_program", "-$5", "a fee cannot be negative"),
        ("eras.fee_tier1_per_program", "11.50", "whole US dollars"),
        ("eras.fee_tier1_per_program", "eleven", "not a whole number"),
        ("eras.fee_tier1_per_program", "", "not a whole number"),
        ("nrmp.rol_max_ranks", "-1", "a count cannot be negative"),
        ("nrmp.rol_max_ranks", "3.5", "a whole number, 0 or more"),
        ("nrmp.rol_max_ranks", True, "not a number"),
        ("oet.min_writing", "1000", "too high for a score"),
        ("eras.photo_format", "", "one line of text"),
        ("eras.photo_format", "x" * 81, "at most 80 characters"),
        ("eras.photo_format", "a\nb", "one line of text"),
    ],
)
def test_refused_with_key_and_what_is_allowed(key, text, says):
    d = dossier()
    with pytest.raises(CorrectionError) as caught:
        set_correction(d, key, text, TODAY)
    message = str(caught.value)
    assert key in message
    assert says in message
    assert d.season_corrections == []


def test_correction_error_is_a_value_error():
    assert issubclass(CorrectionError, ValueError)


def test_span_follows_the_dossiers_target_year():
    assert season_span(2027) == (dt.date(2026, 4, 1), dt.date(2027, 6, 30))
    d = dossier(2028)
    assert set_correction(d, "nrmp.match_day", "2028-03-17", TODAY).value == dt.date(2028, 3, 17)
    with pytest.raises(CorrectionError, match="Match 2028"):
        set_correction(d, "nrmp.match_day", "2026-03-20", TODAY)


def test_no_target_year_uses_the_default_for_today():
    d = dossier()
    d.profile.target_match_year = None
    set_correction(d, "nrmp.match_day", "2027-03-19", TODAY)  # late 2026 -> Match 2027
    with pytest.raises(CorrectionError, match="Match 2027"):
        set_correction(d, "nrmp.match_day", "2029-03-16", TODAY)


def test_setting_twice_replaces_and_reset_removes():
    d = dossier()
    set_correction(d, "nrmp.match_day", "2027-03-19", TODAY)
    set_correction(d, "eras.fee_tier1_per_program", "12", TODAY)
    later = TODAY + dt.timedelta(days=3)
    set_correction(d, "nrmp.match_day", "2027-03-26", later)
    assert [(c.key, c.value, c.entered_on) for c in d.season_corrections] == [
        ("eras.fee_tier1_per_program", 12, TODAY),
        ("nrmp.match_day", dt.date(2027, 3, 26), later),
    ]
    assert reset_correction(d, "nrmp.match_day") is True
    assert reset_correction(d, "nrmp.match_day") is False
    assert [c.key for c in d.season_corrections] == ["eras.fee_tier1_per_program"]


def test_load_season_applies_corrections_as_yours():
    d = dossier()
    set_correction(d, "nrmp.match_day", "2027-03-26", TODAY)
    set_correction(d, "nrmp.registration_fee", "85", TODAY)
    season = load_season(2027, d.season_corrections)
    fact = season.get("nrmp.match_day")
    assert fact.value == dt.date(2027, 3, 26)
    assert fact.confidence is Confidence.YOURS
    assert fact.package_value == dt.date(2027, 3, 19)
    assert fact.checked == TODAY
    assert fact.display() == "Fri 26 Mar 2027 · yours"
    assert season.get("nrmp.registration_fee").display() == "$85 · yours"
    # package data itself is untouched
    assert load_season(2027).get("nrmp.match_day").value == dt.date(2027, 3, 19)


def test_corrections_apply_to_an_estimated_year_too():
    c = SeasonCorrection(key="nrmp.match_day", value=dt.date(2029, 3, 23), entered_on=TODAY)
    season = load_season(2029, [c])
    assert season.get("nrmp.match_day").confidence is Confidence.YOURS
    assert season.get("nrmp.match_day").package_value == dt.date(2029, 3, 16)


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("nrmp.old_key", "x", "'nrmp.old_key' is not a season key"),
        ("nrmp.match_day", dt.date(2026, 3, 20), "outside the Match 2027 season"),
        ("eras.fee_tier1_per_program", -3, "cannot be negative"),
        ("nrmp.match_day", "not a date", "is not a date"),
    ],
)
def test_unusable_stored_corrections_are_noted_not_silenced(key, value, says):
    c = SeasonCorrection(key=key, value=value, entered_on=TODAY)
    season = load_season(2027, [c])
    assert any("not used" in n and says in n for n in season.notes), season.notes
    if key in season.facts:
        assert season.facts[key].confidence is not Confidence.YOURS


def test_a_date_stored_as_text_is_still_used():
    """JSON imports and hand edits may hold a date as an ISO string."""
    c = SeasonCorrection(key="nrmp.match_day", value="2027-03-26", entered_on=TODAY)
    assert load_season(2027, [c]).date("nrmp.match_day") == dt.date(2027, 3, 26)


def test_check_value_direct():
    assert check_value("nrmp.ranks_included", 20.0, 2027) == 20
