"""`imgwizard check` end to end through cli.main: exit status, text and JSON output."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from imgwizard import store
from imgwizard.cli import main
from imgwizard.model import DocStatus, SeasonCorrection
from tests.builders import complete_dossier, write

TODAY = dt.date(2026, 11, 24)


def run_check(capsys, data_file, *extra):
    code = main(["check", "--data-file", str(data_file), "--today", TODAY.isoformat(), *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def save(data_file, dossier):
    data_file.parent.mkdir(parents=True, exist_ok=True)
    store.save(data_file, dossier)
    return data_file.read_bytes()


def test_complete_dossier_has_no_blockers(capsys, tmp_path, data_file):
    before = save(data_file, complete_dossier(tmp_path, TODAY))
    code, out, _ = run_check(capsys, data_file, "--json")
    doc = json.loads(out)
    blockers = [f for f in doc["findings"] if f["severity"] == "blocker"]
    assert blockers == []
    assert code == 0
    assert data_file.read_bytes() == before  # never writes


def test_missing_cv_statement_letters_mspe_one_blocker_each(capsys, tmp_path, data_file):
    d = complete_dossier(tmp_path, TODAY)
    d.documents.cv.path, d.documents.cv.status = "", DocStatus.MISSING
    d.documents.mspe.path, d.documents.mspe.status = "", DocStatus.MISSING
    d.personal_statements = []
    d.letters = d.letters[:1]  # two short of three
    # The usual number of letters as the applicant's own fact: the test does not depend on
    # what the package data holds for the season.
    d.season_corrections = [
        SeasonCorrection(key="eras.letters_required_default", value=3, entered_on=TODAY)
    ]
    save(data_file, d)
    code, out, _ = run_check(capsys, data_file, "--json")
    assert code == 1
    blockers = [f for f in json.loads(out)["findings"] if f["severity"] == "blocker"]
    by_code = {f["code"]: f for f in blockers}
    assert sorted(by_code) == sorted(
        ["documents.cv.missing", "documents.mspe.missing", "statements.missing", "letters.too_few"]
    )
    assert len(blockers) == 4
    assert by_code["documents.cv.missing"]["step"] == "documents"
    assert "CV" in by_code["documents.cv.missing"]["message"]
    assert by_code["documents.mspe.missing"]["step"] == "documents"
    assert "MSPE" in by_code["documents.mspe.missing"]["message"]
    assert by_code["statements.missing"]["step"] == "personal_statement"
    assert "Internal Medicine" in by_code["statements.missing"]["message"]
    assert by_code["letters.too_few"]["step"] == "letters"
    assert "2 more" in by_code["letters.too_few"]["message"]
    # The text report names each step and shows the blockers under it.
    code, text, _ = run_check(capsys, data_file)
    assert code == 1
    assert "Step 4 of 11, Prepare required documents" in text
    assert "Step 5 of 11, Write the personal statement" in text
    assert "Step 6 of 11, Gather letters of recommendation" in text
    assert "BLOCKER: No CV / MyERAS application yet." in text


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"this is text pretending", "cv.pdf", "documents.cv.not_pdf"),
        (b"", "cv.pdf", "documents.cv.empty"),
        (None, "nowhere.pdf", "documents.cv.not_found"),
    ],
)
def test_broken_file_specific_code(capsys, tmp_path, data_file, content, name, expected):
    d = complete_dossier(tmp_path, TODAY)
    path = tmp_path / "broken" / name
    d.documents.cv.path = write(path, content) if content is not None else str(path)
    save(data_file, d)
    code, out, _ = run_check(capsys, data_file, "--json")
    blockers = [f["code"] for f in json.loads(out)["findings"] if f["severity"] == "blocker"]
    assert blockers == [expected]
    assert code == 1


def test_oversize_photo_specific_code(capsys, tmp_path, data_file):
    d = complete_dossier(tmp_path, TODAY)
    d.season_corrections = [SeasonCorrection(key="eras.photo_max_kb", value=150, entered_on=TODAY)]
    write(tmp_path / "documents" / "photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 200_000)
    save(data_file, d)
    code, out, _ = run_check(capsys, data_file, "--json")
    blockers = [f for f in json.loads(out)["findings"] if f["severity"] == "blocker"]
    assert [f["code"] for f in blockers] == ["documents.photo.too_large"]
    assert blockers[0]["data"]["max_kb"] == 150
    assert code == 1


def test_step_filter(capsys, tmp_path, data_file):
    d = complete_dossier(tmp_path, TODAY)
    d.documents.cv.path, d.documents.cv.status = "", DocStatus.MISSING
    save(data_file, d)
    code, out, _ = run_check(capsys, data_file, "--json", "--step", "letters")
    doc = json.loads(out)
    assert doc["step_filter"] == "letters"
    assert all(f["step"] == "letters" for f in doc["findings"])
    assert code == 0  # the CV blocker is in another step
    code, out, _ = run_check(capsys, data_file, "--json", "--step", "4")
    assert json.loads(out)["step_filter"] == "documents"
    assert code == 1


def test_unknown_step_is_usage_error(capsys, data_file):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--data-file", str(data_file), "--step", "nope"])
    assert exc.value.code == 2
    assert "unknown step 'nope'" in capsys.readouterr().err


def test_bad_today_is_usage_error(capsys, data_file):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--data-file", str(data_file), "--today", "24/11/2026"])
    assert exc.value.code == 2


def test_text_output_says_season_and_is_plain(capsys, data_file):
    code, out, _ = run_check(capsys, data_file)
    assert out.startswith("imgwizard check: Match 2027 season, as of 2026-11-24")
    assert "Summary:" in out
    assert not any(ch in out for ch in "┌─│└╭╰━")  # no box drawing for screen readers
    assert code == 1


def test_json_document_shape(capsys, tmp_path, data_file):
    save(data_file, complete_dossier(tmp_path, TODAY))
    _, out, _ = run_check(capsys, data_file, "--json")
    doc = json.loads(out)
    assert doc["format"] == "imgwizard-check/1"
    assert doc["match_year"] == 2027
    assert [s["number"] for s in doc["steps"]] == list(range(1, 12))
    assert set(doc["summary"]) == {"blocker", "warning", "info"}
    for f in doc["findings"]:
        assert {"code", "severity", "step", "message", "fix"} <= set(f)


def test_season_without_package_data_says_so(capsys, tmp_path, data_file):
    d = complete_dossier(tmp_path, TODAY)
    d.profile.target_match_year = 2035
    save(data_file, d)
    _, out, _ = run_check(capsys, data_file)
    assert out.startswith("imgwizard check: Match 2035 season")
    assert "Season note:" in out
    _, out, _ = run_check(capsys, data_file, "--json")
    doc = json.loads(out)
    assert doc["match_year"] == 2035 and doc["season_notes"]


def test_steps_carry_the_same_status_words_as_the_sidebar(tmp_path, capsys):
    from imgwizard.cli import main

    data = tmp_path / "d.toml"
    assert main(["check", "--json", "--today", "2026-11-24", "--data-file", str(data)]) == 1
    steps = {s["id"]: s for s in json.loads(capsys.readouterr().out)["steps"]}
    assert steps["documents"]["status"].endswith("blockers")
    assert steps["nrmp"]["status"] == "not started" and steps["nrmp"]["next"] is None
    main(["check", "--today", "2026-11-24", "--data-file", str(data)])
    assert "Step 7, Register with the NRMP: not started" in capsys.readouterr().out
