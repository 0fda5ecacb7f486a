"""`imgwizard season`, `season set`, `season reset`: listing, round trip, errors, no Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from imgwizard import store
from imgwizard.cli import main
from imgwizard.season import CATALOGUE

TODAY = "2026-11-24"


def season_json(capsys, data_file, *extra: str) -> dict:
    code = main(["season", "--json", "--today", TODAY, "--data-file", str(data_file), *extra])
    assert code == 0
    return json.loads(capsys.readouterr().out)


def facts_by_key(doc: dict) -> dict:
    return {row["key"]: row for row in doc["facts"]}


@pytest.mark.parametrize("year", [2026, 2027])
def test_every_listed_value_has_confidence_source_and_checked(capsys, data_file, year):
    doc = season_json(capsys, data_file, "--year", str(year))
    assert doc["format"] == "imgwizard-season/1"
    assert doc["match_year"] == year
    assert doc["season_file"] == f"match{year}.toml"
    assert len(doc["facts"]) >= 40
    for row in doc["facts"]:
        assert row["confidence"] in ("official", "secondary", "estimate"), row
        assert row["source"].startswith("http"), row
        assert row["checked"] in ("2026-11-24", "2026-11-30"), row
        if row["confidence"] == "estimate":
            assert row["rule"], row
    listed = {row["key"] for row in doc["facts"]} | set(doc["unknown"])
    assert listed == set(CATALOGUE)
    assert not data_file.exists()  # listing never writes


def test_default_year_is_the_dossiers_target(capsys, data_file):
    assert season_json(capsys, data_file)["match_year"] == 2027  # new dossier, late 2026
    main(
        [
            "season",
            "set",
            "--data-file",
            str(data_file),
            "--today",
            TODAY,
            "nrmp.match_day",
            "2027-03-19",
        ]
    )
    dossier = store.load(data_file)
    dossier.profile.target_match_year = 2026
    store.save(data_file, dossier)
    capsys.readouterr()
    doc = season_json(capsys, data_file)
    assert doc["match_year"] == 2026
    # the correction was made for Match 2027: it does not fit 2026, and the listing says so
    assert any("not used" in n and "nrmp.match_day" in n for n in doc["notes"]), doc["notes"]
    assert facts_by_key(doc)["nrmp.match_day"]["value"] == "2026-03-20"


def test_set_json_reset_round_trip(capsys, data_file):
    before = facts_by_key(season_json(capsys, data_file))["nrmp.rol_deadline"]
    assert before == {**before, "value": "2027-03-03", "confidence": "estimate"}

    code = main(
        [
            "season",
            "set",
            "nrmp.rol_deadline",
            "2027-02-24",
            "--data-file",
            str(data_file),
            "--today",
            TODAY,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "nrmp.rol_deadline" in out and "yours" in out
    saved = store.load(data_file).season_corrections
    assert [(c.key, c.value.isoformat(), c.entered_on.isoformat()) for c in saved] == [
        ("nrmp.rol_deadline", "2027-02-24", TODAY)
    ]

    row = facts_by_key(season_json(capsys, data_file))["nrmp.rol_deadline"]
    assert row["value"] == "2027-02-24"
    assert row["confidence"] == "yours"
    assert row["package_value"] == "2027-03-03"
    assert row["display"] == "Wed 24 Feb 2027 · yours"

    assert main(["season", "reset", "nrmp.rol_deadline", "--data-file", str(data_file)]) == 0
    assert "back to" in capsys.readouterr().out
    assert store.load(data_file).season_corrections == []
    assert facts_by_key(season_json(capsys, data_file))["nrmp.rol_deadline"] == before


def test_text_listing_marks_yours_and_rules(capsys, data_file):
    main(
        [
            "season",
            "set",
            "eras.fee_tier1_per_program",
            "$12",
            "--data-file",
            str(data_file),
            "--today",
            TODAY,
        ]
    )
    capsys.readouterr()
    assert main(["season", "--data-file", str(data_file), "--today", TODAY]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "imgwizard season · Match 2027 · match2027.toml"
    fee = next(line for line in lines if line.startswith("eras.fee_tier1_per_program"))
    assert "$12" in fee and "yours" in fee and "package: 11" in fee
    day = next(line for line in lines if line.startswith("nrmp.match_day"))
    assert "estimate" in day and "rule: third Friday of March" in day


def test_estimated_year_says_so(capsys, data_file):
    doc = season_json(capsys, data_file, "--year", "2029")
    assert doc["season_file"] is None
    assert any("no package data for Match 2029" in note for note in doc["notes"])
    assert {row["confidence"] for row in doc["facts"]} == {"estimate"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["set", "nrmp.match_dy", "2027-03-19"], "did you mean nrmp.match_day"),
        (["set", "nrmp.match_day", "2031-03-21"], "outside the Match 2027 season"),
        (["set", "eras.fee_tier2_per_program", "-30"], "a fee cannot be negative"),
        (["set", "nrmp.rol_max_ranks", "many"], "not a whole number"),
        (["reset", "nrmp.nothing"], "is not a season key"),
    ],
)
def test_bad_corrections_exit_2_and_leave_the_file_alone(capsys, data_file, args, says):
    assert main(["season", *args, "--data-file", str(data_file), "--today", TODAY]) == 2
    err = capsys.readouterr().err
    assert says in err and args[1] in err
    assert not data_file.exists()


def test_reset_without_a_correction_is_harmless(capsys, data_file):
    assert main(["season", "reset", "nrmp.match_day", "--data-file", str(data_file)]) == 0
    assert "no value of your own" in capsys.readouterr().out
    assert not data_file.exists()


def test_year_out_of_range_is_a_usage_error(capsys, data_file):
    assert main(["season", "--year", "1999", "--data-file", str(data_file)]) == 2
    assert "--year 1999" in capsys.readouterr().err


def test_corrupt_file_exits_2_and_is_untouched(capsys, data_file):
    data_file.parent.mkdir(parents=True)
    data_file.write_text("schema_version = [")
    for args in (["season"], ["season", "set", "nrmp.match_day", "2027-03-19"]):
        assert main([*args, "--data-file", str(data_file)]) == 2
        assert "not valid TOML" in capsys.readouterr().err
    assert data_file.read_text() == "schema_version = ["


def test_set_while_the_wizard_holds_the_lock(capsys, data_file):
    lock = store.acquire_lock(data_file)
    try:
        code = main(
            ["season", "set", "nrmp.match_day", "2027-03-19", "--data-file", str(data_file)]
        )
    finally:
        lock.release()
    assert code == 2
    err = capsys.readouterr().err
    assert "open in another imgwizard session" in err and "Nothing was changed" in err
    assert not data_file.exists()
    # the lock is free again afterwards: a set now works and releases it
    assert (
        main(["season", "set", "nrmp.match_day", "2027-03-19", "--data-file", str(data_file)]) == 0
    )
    store.acquire_lock(data_file).release()


def test_season_commands_do_not_import_textual(tmp_path):
    env = {**os.environ, "IMGWIZARD_DATA_FILE": str(tmp_path / "d.toml")}
    for args in (
        ["season", "--json"],
        ["season", "--year", "2029"],
        ["season", "set", "nrmp.match_day", "2027-03-19", "--today", TODAY],
        ["season", "reset", "nrmp.match_day"],
    ):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "imgwizard", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, (args, result.stderr[-500:])
        imported = [line for line in result.stderr.splitlines() if "import time:" in line]
        assert any("imgwizard.season" in line for line in imported), args
        assert not [line for line in imported if "textual" in line], args


def test_other_year_does_not_show_your_corrections(capsys, data_file):
    main(
        [
            "season",
            "set",
            "nrmp.match_day",
            "2027-03-26",
            "--data-file",
            str(data_file),
            "--today",
            TODAY,
        ]
    )
    capsys.readouterr()
    doc = season_json(capsys, data_file, "--year", "2026")
    assert facts_by_key(doc)["nrmp.match_day"]["confidence"] == "official"
    assert any("belong to your target season, Match 2027" in n for n in doc["notes"])
