"""Programs from CSV: spreadsheet quirks, per-row errors, duplicates, all-or-nothing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from imgwizard import store
from imgwizard.cli import main
from imgwizard.importing.programs_csv import COLUMNS, HELP, decode, import_programs_csv
from imgwizard.model import Program, SignalTier, VisaType, new_dossier

SAMPLE = Path(__file__).parents[2] / "examples" / "programs-sample.csv"


def names(result):
    return [p.name for p in result.programs]


def test_the_sample_file_imports_cleanly():
    result = import_programs_csv(SAMPLE.read_text("utf-8"), new_dossier())
    assert result.errors == [] and result.duplicates == [] and result.ignored_columns == []
    assert result.rows == 3
    first, second, third = result.programs
    assert first.visas_sponsored == [VisaType.H1B, VisaType.J1] and first.visa_policy_known
    # "yes" on an Internal Medicine program: IM has gold and silver signals, so silver.
    assert (first.min_step2ck_score, first.max_attempts, first.signal) == (
        230,
        1,
        SignalTier.SILVER,
    )
    assert second.signal is SignalTier.NONE
    assert second.min_step2ck_score is None
    assert third.visas_sponsored == [] and third.visa_policy_known
    assert third.notes == "Citizens and green-card holders only; notes may hold commas, in quotes"


def test_every_column_is_documented_in_the_sample_and_help():
    header = SAMPLE.read_text("utf-8").splitlines()[0].split(",")
    assert header == list(COLUMNS)
    assert set(HELP) == set(COLUMNS)


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffname,specialty\nA,IM\n",  # BOM
        "name;specialty\nA;IM\n",  # semicolons (European Excel)
        "name\tspecialty\nA\tIM\n",  # tab (copied from a spreadsheet)
        "Program Name , SPECIALTY\r\nA,IM\r\n",  # aliases, case, spaces, CRLF
        'program_name;Specialty Name\n"A";"IM"\n',
    ],
)
def test_spreadsheet_dialects(text):
    result = import_programs_csv(text, new_dossier())
    assert result.errors == []
    assert [(p.name, p.specialty) for p in result.programs] == [("A", "IM")]


def test_semicolons_with_commas_inside_cells():
    text = "name;specialty;notes\nA, Campus B;IM;ask about nights, weekends\n"
    result = import_programs_csv(text, new_dossier())
    assert result.delimiter == ";"
    assert names(result) == ["A, Campus B"]
    assert result.programs[0].notes == "ask about nights, weekends"


def test_header_aliases():
    text = (
        "Program;Speciality;ACGME ID;Step 2 CK min;Visa Sponsorship;YOG;LoRs\n"
        "A;IM;123;240;J-1;5;3\n"
    )
    [program] = import_programs_csv(text, new_dossier()).programs
    assert program.acgme_id == "123"
    assert program.min_step2ck_score == 240
    assert program.visas_sponsored == [VisaType.J1]
    assert program.max_years_since_graduation == 5
    assert program.letters_required == 3


def test_extra_columns_are_ignored_and_reported_once():
    text = "name,Website,specialty,Website\nA,http://a,IM,x\nB,http://b,IM,y\n"
    result = import_programs_csv(text, new_dossier())
    assert names(result) == ["A", "B"]
    assert result.ignored_columns == ["Website", "Website"]


BAD_CELLS = [
    ("min_step2ck_score", "abc", "write a whole number (found 'abc')"),
    ("min_step2ck_score", "350", "must be at most 300"),
    ("min_step2ck_score", "240.5", "write a whole number"),
    ("priority", "9", "must be at most 5"),
    ("max_attempts", "0", "must be at least 1"),
    ("signal", "maybe", "write gold, silver, signal, none, yes or no"),
    ("visas", "O-1", "write j1, h1b, both or none"),
    ("acgme_id", "12 34/5", "letters, digits, dots and dashes"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_names_its_row_and_column(column, value, message):
    text = f"name,{column}\nGood,\nBad,{value}\n"
    result = import_programs_csv(text, new_dossier())
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.row, error.column) == (3, column)
    assert message in error.message
    assert str(error).startswith(f"row 3, {column}: ")
    assert names(result) == ["Good"]
    assert result.importable(accept_valid=False) == []
    assert [p.name for p in result.importable(accept_valid=True)] == ["Good"]


def test_row_numbers_count_the_header_and_skip_blank_lines():
    text = "name,priority\nA,1\n\n,\nB,x\n"
    result = import_programs_csv(text, new_dossier())
    assert result.bad_rows == [5]
    assert result.rows == 2


def test_missing_name_is_a_row_error():
    result = import_programs_csv("name,specialty\n,IM\n", new_dossier())
    assert [str(e) for e in result.errors] == ["row 2, name: the program name is empty"]


def test_no_name_column_is_a_file_error():
    result = import_programs_csv("title,specialty\nA,IM\n", new_dossier())
    assert result.file_error
    assert "no program name column" in result.errors[0].message
    assert "'title'" in result.errors[0].message
    assert result.importable(accept_valid=True) == []


def test_empty_file_is_a_file_error():
    assert import_programs_csv("\ufeff \n", new_dossier()).file_error


def test_duplicates_against_the_dossier_and_within_the_file():
    dossier = new_dossier()
    dossier.programs = [
        Program(name="Mount Sinai", specialty="Internal Medicine"),
        Program(name="Other", specialty="IM", acgme_id="999"),
    ]
    text = (
        "name,specialty,acgme_id\n"
        "MOUNT  sinai,internal medicine,\n"  # row 2: same name + specialty as the dossier
        "Renamed,IM,999\n"  # row 3: same ACGME id as the dossier
        "New,IM,111\n"  # row 4: new
        "New again,FM,111\n"  # row 5: same ACGME id as row 4
        "Fresh,IM,\n"  # row 6: new
        "fresh,im,\n"  # row 7: same as row 6
        "Mount Sinai,Pediatrics,\n"  # row 8: another specialty: new
    )
    result = import_programs_csv(text, dossier)
    assert names(result) == ["New", "Fresh", "Mount Sinai"]
    assert [(d.row, d.reason) for d in result.duplicates] == [
        (2, "already in your programs"),
        (3, "already in your programs"),
        (5, "same as row 4"),
        (7, "same as row 6"),
    ]
    ids = [p.id for p in dossier.programs + result.programs]
    assert len(set(ids)) == len(ids)


def test_decode_bytes():
    assert decode(b"\xef\xbb\xbfname\nA\n") == ("name\nA\n", [])
    text, notes = decode("name\nÉcole\n".encode("cp1252"))
    assert "École" in text and "Windows-1252" in notes[0]
    assert decode("name\tx\nA\t1\n".encode("utf-16"))[0] == "name\tx\nA\t1\n"


# --------------------------------------------------------------------------- CLI


def run_cli(tmp_path, data_file, text, *flags, raw: bytes | None = None):
    source = tmp_path / "programs.csv"
    if raw is not None:
        source.write_bytes(raw)
    else:
        source.write_text(text, "utf-8")
    return main(["import-programs", str(source), "--data-file", str(data_file), *flags])


def test_cli_imports_the_sample_into_a_new_file(tmp_path, capsys, data_file):
    assert main(["import-programs", str(SAMPLE), "--data-file", str(data_file)]) == 0
    assert len(store.load(data_file).programs) == 3
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o600
    assert "adding 3 programs" in capsys.readouterr().out
    # the same file again: all duplicates, nothing added, not an error
    assert main(["import-programs", str(SAMPLE), "--data-file", str(data_file)]) == 0
    assert len(store.load(data_file).programs) == 3
    out = capsys.readouterr().out
    assert out.count("duplicate: row") == 3


def test_cli_bad_row_imports_nothing_unless_accepted(tmp_path, capsys, data_file):
    text = "\ufeffname;specialty;step 2 ck min;Website\nA;IM;240;x\nB;IM;999;y\n"
    assert run_cli(tmp_path, data_file, text) == 1
    out = capsys.readouterr().out
    assert "row 3, step 2 ck min: must be at most 300" in out  # the sheet's own header
    assert "nothing imported" in out and "--accept-valid" in out
    assert "columns not used: 'Website'" in out
    assert not data_file.exists()
    assert run_cli(tmp_path, data_file, text, "--accept-valid") == 0
    assert [p.name for p in store.load(data_file).programs] == ["A"]


def test_cli_dry_run_changes_nothing(tmp_path, capsys, data_file):
    store.save(data_file, new_dossier())
    before = data_file.read_bytes()
    assert run_cli(tmp_path, data_file, "name\nA\nB\n", "--dry-run") == 0
    assert "would add 2 programs" in capsys.readouterr().out
    assert data_file.read_bytes() == before


def test_cli_file_error_exits_2(tmp_path, capsys, data_file):
    assert run_cli(tmp_path, data_file, "title\nA\n") == 2
    assert "no program name column" in capsys.readouterr().out
    assert main(["import-programs", str(tmp_path / "nope.csv"), "--data-file", str(data_file)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_refuses_while_the_wizard_holds_the_lock(tmp_path, capsys, data_file):
    store.save(data_file, new_dossier())
    lock = store.acquire_lock(data_file)
    try:
        assert run_cli(tmp_path, data_file, "name\nA\n") == 2
        assert "open in another imgwizard session" in capsys.readouterr().err
    finally:
        lock.release()
    assert store.load(data_file).programs == []


def test_cli_keeps_a_backup_of_the_previous_file(tmp_path, data_file):
    store.save(data_file, new_dossier())
    before = data_file.read_bytes()
    assert run_cli(tmp_path, data_file, "name\nA\n") == 0
    assert store.backup_path(data_file).read_bytes() == before


@pytest.mark.parametrize(
    ("specialty", "cell", "tier"),
    [
        ("Internal Medicine", "yes", SignalTier.SILVER),
        ("Internal Medicine", "Gold", SignalTier.GOLD),
        ("Psychiatry", "yes", SignalTier.SIGNAL),
        ("Psychiatry", "no", SignalTier.NONE),
        ("Anesthesiology", "silver", SignalTier.SILVER),
        ("", "", SignalTier.NONE),
    ],
)
def test_signal_cell_becomes_a_tier(specialty, cell, tier):
    text = f"name,specialty,signal\nA,{specialty},{cell}\n"
    [program] = import_programs_csv(text, new_dossier()).programs
    assert program.signal is tier
