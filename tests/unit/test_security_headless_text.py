"""Headless output never writes user text's escape sequences raw (issue #12, point 5).

A program name imported from CSV holding `ESC[2J` and `ESC]0;pwned BEL` cleared and retitled
the terminal when `imgwizard check` printed it; C1 controls (U+009B) and bidi overrides
(U+202E) passed through too. Every headless command now writes through safe_text.visible:
such characters show as `\\uXXXX`. Real processes; the bytes they write are inspected."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from imgwizard import store
from imgwizard.exporting.ics import render_ics
from imgwizard.model import Interview, Program
from imgwizard.safe_text import visible, visible_line
from imgwizard.season import load_season

HOSTILE = "Evil\x1b[2J\x1b]0;pwned\x07\x9b31m\u202eName"
SHOWN = "Evil\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u202eName"
# Bytes that act on a terminal: ESC, BEL, C1 CSI (UTF-8 c2 9b), RLO (e2 80 ae), CR.
RAW = [b"\x1b", b"\x07", b"\xc2\x9b", b"\xe2\x80\xae", b"\r"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imgwizard", *args], capture_output=True, timeout=120, check=False
    )


def assert_harmless(output: bytes) -> None:
    for raw in RAW:
        assert raw not in output, (raw, output[-800:])


@pytest.fixture
def hostile_file(tmp_path, data_file):
    """A dossier whose program came in through `import-programs` from a CSV file."""
    csv = tmp_path / "programs.csv"
    csv.write_text(f'name,specialty,letters\n"{HOSTILE}",Internal Medicine,4\n', encoding="utf-8")
    result = run("--data-file", str(data_file), "import-programs", str(csv))
    assert result.returncode == 0, result.stderr
    assert_harmless(result.stdout + result.stderr)
    assert store.load(data_file).programs[0].name == HOSTILE  # kept exactly as it was
    return data_file, csv


def test_check_text_shows_the_name_with_its_controls_visible(hostile_file):
    data_file, _ = hostile_file
    result = run("--data-file", str(data_file), "check")
    assert result.returncode == 1  # the letters blocker
    assert_harmless(result.stdout + result.stderr)
    assert SHOWN in result.stdout.decode()


def test_check_json_stays_exact_and_harmless(hostile_file):
    data_file, _ = hostile_file
    result = run("--data-file", str(data_file), "check", "--json")
    assert_harmless(result.stdout + result.stderr)
    doc = json.loads(result.stdout)
    assert any(HOSTILE in f["message"] for f in doc["findings"])  # the JSON still means it


def test_import_report_shows_a_duplicate_name_visibly(hostile_file):
    data_file, csv = hostile_file
    result = run("--data-file", str(data_file), "import-programs", "--dry-run", str(csv))
    assert_harmless(result.stdout + result.stderr)
    out = result.stdout.decode()
    assert "already in your programs" in out
    assert "Evil\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202eName" in out  # repr()'d: visible too
    assert "1 row read; would add 0 programs, 1 duplicate skipped." in out


def test_paths_and_error_messages_are_shown_visibly(tmp_path):
    folder = tmp_path / "x\x1b]0;pwned\x07"
    folder.mkdir()
    bad = folder / "dossier\u202e.toml"
    bad.write_text("this is = = not toml\n", encoding="utf-8")
    for args in (["where"], ["check"], ["season"], ["export", "--format", "md"]):
        result = run("--data-file", str(bad), *args)
        assert_harmless(result.stdout + result.stderr)
        assert "\\u001b]0;pwned\\u0007" in (result.stdout + result.stderr).decode(), args
    where = run("--data-file", str(bad), "where", "--json")
    assert_harmless(where.stdout)
    assert json.loads(where.stdout)["data_file"] == str(bad)


def test_ics_export_strips_c1_controls_like_markdown():
    dossier = store.new_dossier(dt.date(2026, 11, 24))
    program = Program(id="p1", name=HOSTILE)
    dossier.programs = [program]
    dossier.interviews = [Interview(program_id="p1", date=dt.date(2026, 12, 10), notes=HOSTILE)]
    text = render_ics(dossier, load_season(2027), now=dt.datetime(2026, 11, 24, 9, 0))
    assert "\x9b" not in text and "\x1b" not in text and "\x07" not in text
    assert "pwned" in text  # the printable rest is kept


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, tab\tand\nnewline", "plain text, tab\tand\nnewline"),
        ("\x1b[31m", "\\u001b[31m"),
        ("a\rb", "a\\u000db"),
        ("\x00\x7f", "\\u0000\\u007f"),
        ("\x85\x9b\x9f", "\\u0085\\u009b\\u009f"),
        ("\u202a\u202e\u2066\u2069\u200f\u061c", "\\u202a\\u202e\\u2066\\u2069\\u200f\\u061c"),
        ("\u2028", "\\u2028"),
        ("é 名前 🙂", "é 名前 🙂"),
    ],
)
def test_visible(text, shown):
    assert visible(text) == shown


def test_visible_line_keeps_one_field_on_one_line():
    assert visible_line("a\nb") == "a\\u000ab"


def test_check_warns_about_a_file_other_users_can_read(data_file):
    """Point 7: `check` warns about a group/world-readable file, as `where` does."""
    store.save(data_file, store.new_dossier(dt.date(2026, 11, 24)))
    data_file.chmod(0o644)
    text = run("--data-file", str(data_file), "check").stdout.decode()
    assert "can be read by other users" in text and "chmod 600" in text
    result = run("--data-file", str(data_file), "check", "--json")
    json.loads(result.stdout)  # stdout stays a JSON document
    assert b"can be read by other users" in result.stderr
    data_file.chmod(0o600)
    assert b"other users" not in run("--data-file", str(data_file), "check").stdout
