"""The season files: every value sourced, the checked reference pinned, the loader strict."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources

import pytest

from imgwizard.season import CATALOGUE, Confidence, Kind, SeasonDataError, load_season
from imgwizard.season.fees import FeeUnknown, eras_fee
from imgwizard.season.loader import available_years, parse_facts, parse_season_file

DATA = resources.files("imgwizard.season").joinpath("data")
SEASON_FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".toml"))
CHECKED = dt.date(2026, 11, 24)
# The reference was checked on 2026-11-24; its updates file on 2026-11-30.
CHECK_DATES = {CHECKED, dt.date(2026, 11, 30)}


def raw_facts(name: str) -> dict:
    return tomllib.loads(DATA.joinpath(name).read_text("utf-8"))["facts"]


def test_both_seasons_are_shipped():
    assert {"match2026.toml", "match2027.toml"} <= set(SEASON_FILES)
    assert {2026, 2027} <= set(available_years())


@pytest.mark.parametrize("name", SEASON_FILES)
def test_every_value_has_confidence_source_and_checked(name):
    facts = raw_facts(name)
    assert len(facts) >= 30, name
    for key, raw in facts.items():
        assert key in CATALOGUE, (name, key)
        assert raw["confidence"] in ("official", "secondary", "estimate"), (name, key)
        assert raw["source"].startswith("https://") or raw["source"].startswith("http://")
        assert raw["checked"] in CHECK_DATES, (name, key)
        if raw["confidence"] == "estimate":
            assert raw.get("rule", "").strip(), (name, key)


@pytest.mark.parametrize("name", SEASON_FILES)
def test_step2_cs_is_never_a_current_exam(name):
    text = DATA.joinpath(name).read_text("utf-8").lower()
    keys = raw_facts(name)
    assert not [k for k in keys if "step2cs" in k and k != "usmle.step2cs_discontinued"]
    assert "step2cs_passing" not in text


# The checked reference, value for value (shared/reference/*.md, 2026-11-24).
PINNED = [
    (2026, "eras.fee_tier1_per_program", 11, "official"),
    (2026, "eras.fee_tier1_programs", 30, "official"),
    (2026, "eras.fee_tier2_per_program", 30, "official"),
    (2026, "eras.personal_statement_max_chars", 28000, "official"),
    (2026, "eras.letters_per_program_max", 4, "official"),
    (2027, "eras.letters_per_program_max", 4, "official"),
    (2026, "nrmp.match_day", dt.date(2026, 3, 20), "official"),
    (2026, "nrmp.match_week_starts", dt.date(2026, 3, 16), "official"),
    (2026, "nrmp.registration_opens", dt.date(2025, 9, 15), "official"),
    (2026, "eras.season_opens", dt.date(2025, 6, 4), "official"),
    (2026, "eras.earliest_submission", dt.date(2025, 9, 3), "official"),
    (2026, "eras.programs_review_opens", dt.date(2025, 9, 24), "official"),
    (2026, "eras.season_ends", dt.date(2026, 5, 31), "official"),
    (2026, "nrmp.rol_max_ranks", 300, "official"),
    (2026, "nrmp.ranks_included", 20, "official"),
    (2026, "nrmp.extra_rank_fee", 30, "official"),
    (2026, "nrmp.rol_deadline", dt.date(2026, 3, 4), "secondary"),
    (2026, "usmle.attempt_limit", 4, "official"),
    (2027, "usmle.attempt_limit", 4, "official"),
    (2026, "usmle.step1_pass_fail_from", dt.date(2022, 1, 26), "official"),
    (2027, "usmle.step1_pass_fail_from", dt.date(2022, 1, 26), "official"),
    (2026, "oet.min_listening", 350, "secondary"),
    (2026, "oet.min_reading", 350, "secondary"),
    (2026, "oet.min_speaking", 350, "secondary"),
    (2026, "oet.min_writing", 300, "secondary"),
    (2026, "eras.photo_max_kb", 150, "secondary"),
    (2027, "eras.earliest_submission", dt.date(2026, 9, 2), "secondary"),
    (2027, "eras.programs_review_opens", dt.date(2026, 9, 23), "secondary"),
    (2027, "nrmp.match_day", dt.date(2027, 3, 19), "estimate"),
    (2027, "nrmp.rol_deadline", dt.date(2027, 3, 3), "estimate"),
    (2027, "eras.season_opens", dt.date(2026, 6, 3), "estimate"),
    (2027, "eras.fee_tier1_per_program", 11, "estimate"),
    (2026, "nrmp.registration_fee", 70, "estimate"),
]


@pytest.mark.parametrize(("year", "key", "value", "confidence"), PINNED)
def test_values_pinned_to_reference(year, key, value, confidence):
    fact = load_season(year).get(key)
    assert fact is not None
    assert fact.value == value
    assert fact.confidence is Confidence(confidence)


def test_match_2027_has_no_official_calendar_date():
    """Nothing of the 2027 calendar was on an official page: none may claim to be."""
    season = load_season(2027)
    for key, fact in season.facts.items():
        if CATALOGUE[key].kind is Kind.DATE and key.startswith(("eras.", "nrmp.")):
            assert fact.confidence is not Confidence.OFFICIAL, key


def test_match_days_are_fridays():
    for year in (2026, 2027, 2028, 2029):
        assert load_season(year).date("nrmp.match_day").weekday() == 4, year


@pytest.mark.parametrize(
    ("counts", "total"),
    [
        ({"EM": 30}, 330),  # AAMC's worked examples for the 2026 season
        ({"IM": 43, "Radiology": 7}, 797),
        ({"IM": 32, "EM": 32}, 780),
        ({}, 0),
        ({"IM": 0}, 0),
        ({"IM": 1}, 11),
        ({"IM": 31}, 360),
    ],
)
def test_eras_fee(counts, total):
    assert eras_fee(counts, load_season(2026)) == total


def test_eras_fee_refuses_bad_counts_and_missing_facts():
    with pytest.raises(ValueError, match="IM"):
        eras_fee({"IM": -1}, load_season(2026))
    season = load_season(2026)
    del season.facts["eras.fee_tier2_per_program"]
    with pytest.raises(FeeUnknown, match=r"eras\.fee_tier2_per_program"):
        eras_fee({"IM": 1}, season)


def test_eras_fee_uses_corrections():
    class Corr:
        key, value, entered_on = "eras.fee_tier1_per_program", 12, dt.date(2026, 11, 24)

    assert eras_fee({"EM": 30}, load_season(2027, [Corr()])) == 360


GOOD = {
    "value": 4,
    "confidence": "official",
    "source": "https://example.org/x",
    "checked": CHECKED,
}


def without(field: str) -> dict:
    return {k: v for k, v in GOOD.items() if k != field}


@pytest.mark.parametrize(
    ("key", "raw", "complaint"),
    [
        ("usmle.attempt_limit", without("source"), "missing 'source'"),
        ("usmle.attempt_limit", without("confidence"), "missing 'confidence'"),
        ("usmle.attempt_limit", without("checked"), "missing 'checked'"),
        ("usmle.attempt_limit", without("value"), "missing 'value'"),
        ("usmle.attempt_limit", {**GOOD, "source": ""}, "missing 'source'"),
        ("usmle.attempt_limit", {**GOOD, "confidence": "estimate"}, "must name its rule"),
        ("usmle.attempt_limit", {**GOOD, "confidence": "yours"}, "cannot be 'yours'"),
        ("usmle.attempt_limit", {**GOOD, "confidence": "sure"}, "is not one of"),
        ("usmle.attempt_limit", {**GOOD, "source": "my notes"}, "not a URL"),
        ("usmle.attempt_limit", {**GOOD, "checked": "yesterday"}, "checked must be a date"),
        ("usmle.attempt_limit", {**GOOD, "value": -1}, "not a whole number"),
        ("usmle.attempt_limit", {**GOOD, "value": "4"}, "not a whole number"),
        ("usmle.attempt_limit", {**GOOD, "colour": "red"}, "unknown fields"),
        ("nrmp.match_day", {**GOOD, "value": 20}, "not a date"),
        ("eras.photo_format", {**GOOD, "value": ""}, "missing 'value'"),
        ("nrmp.match_dya", GOOD, "unknown key 'nrmp.match_dya'"),
        ("usmle.attempt_limit", "4", "expected a table"),
    ],
)
def test_loader_refuses_bad_facts_naming_file_and_key(key, raw, complaint):
    with pytest.raises(SeasonDataError) as caught:
        parse_facts("match2099.toml", {"facts": {key: raw}})
    message = str(caught.value)
    assert message.startswith("match2099.toml: ")
    assert key in message
    assert complaint in message


def test_loader_accepts_an_estimate_with_its_rule():
    facts = parse_facts(
        "match2099.toml",
        {"facts": {"usmle.attempt_limit": {**GOOD, "confidence": "estimate", "rule": "same"}}},
    )
    assert facts["usmle.attempt_limit"].rule == "same"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("match_year = 2098\n", "match_year must be 2099"),
        ("facts = 1\nmatch_year = 2099\n", "'facts' must be a table"),
        ("match_year = 2099\nextra = 1\n", "unknown top-level"),
        ("match_year = [\n", "not valid TOML"),
        ("", "match_year is missing"),
    ],
)
def test_loader_refuses_bad_files(text, complaint):
    with pytest.raises(SeasonDataError, match=complaint) as caught:
        parse_season_file("match2099.toml", text, 2099)
    assert str(caught.value).startswith("match2099.toml: ")


def test_a_broken_package_file_is_refused_by_load_season(tmp_path, monkeypatch):
    from imgwizard.season import loader

    (tmp_path / "match2030.toml").write_text(
        'match_year = 2030\n[facts."nrmp.match_day"]\nvalue = 2030-03-15\nconfidence = "official"\n'
        "checked = 2026-11-24\n"
    )
    monkeypatch.setattr(loader, "_data_dir", lambda: tmp_path)
    loader.clear_cache()
    try:
        with pytest.raises(
            SeasonDataError, match=r"match2030.toml: nrmp.match_day: missing 'source'"
        ):
            load_season(2030)
    finally:
        monkeypatch.undo()
        loader.clear_cache()


def test_docs_list_exactly_the_2027_estimates():
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "season-data.md").read_text("utf-8")
    table = doc.split("<!-- estimates-2027 -->")[1].split("<!-- /estimates-2027 -->")[0]
    listed = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    estimates = {
        k for k, f in load_season(2027).facts.items() if f.confidence is Confidence.ESTIMATE
    }
    assert listed == estimates


@pytest.mark.parametrize(
    ("year", "key", "shown"),
    [
        (2027, "nrmp.match_day", "≈ Fri 19 Mar 2027 · estimate · check NRMP R3"),
        (2027, "eras.programs_review_opens", "Wed 23 Sep 2026 · secondary · check MyERAS"),
        (2026, "nrmp.match_day", "Fri 20 Mar 2026"),
        (2026, "eras.fee_tier2_per_program", "$30"),
        (2027, "eras.fee_tier2_per_program", "≈ $30 · estimate · check MyERAS"),
        (2026, "eras.personal_statement_max_chars", "28,000 characters"),
        (2027, "eras.photo_max_kb", "150 KB · secondary · check MyIntealth"),
    ],
)
def test_display_says_how_sure(year, key, shown):
    assert load_season(year).get(key).display() == shown
