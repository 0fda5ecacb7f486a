"""Letter rules: how many, per program, and each letter's progress and file."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard.model import Letter, Program, new_dossier
from imgwizard.rules import Severity
from imgwizard.rules.letters import (
    OVERDUE_AFTER_DAYS,
    letters_count,
    letters_per_program,
    letters_progress,
)
from tests.builders import TINY_PDF, make_season, write

TODAY = dt.date(2026, 11, 24)


def done_letter(n: int, program_ids=()) -> Letter:
    day = TODAY - dt.timedelta(days=50)
    return Letter(
        writer=f"Dr {n}",
        requested_on=day,
        received_on=day,
        uploaded_on=day,
        program_ids=list(program_ids),
    )


def dossier(letters, programs=()):
    d = new_dossier(TODAY)
    d.letters = list(letters)
    d.programs = list(programs)
    return d


@pytest.mark.parametrize(
    ("have", "required", "expected"),
    [(0, 3, ["letters.too_few"]), (2, 3, ["letters.too_few"]), (3, 3, []), (4, 3, [])],
)
def test_too_few_letters(have, required, expected):
    d = dossier(done_letter(n) for n in range(have))
    found = list(letters_count(d, make_season({"eras.letters_required_default": required}), TODAY))
    assert [f.code for f in found] == expected
    for f in found:
        assert f.severity is Severity.BLOCKER and f.step == "letters"
        assert f"{required - have} more" in f.message
        assert dict(f.data)["have"] == have and dict(f.data)["required"] == required


def test_letters_required_unknown_is_said():
    found = list(
        letters_count(dossier([]), make_season({"eras.letters_required_default": None}), TODAY)
    )
    assert [f.code for f in found] == ["season.value_unknown"]


@pytest.mark.parametrize(
    ("asks", "assigned_to_it", "total", "expected"),
    [
        (4, None, 3, ["letters.too_few_for_program"]),  # nothing assigned anywhere: total counts
        (3, None, 3, []),
        (4, 4, 4, []),
        (4, 3, 4, ["letters.too_few_for_program"]),  # assigned counts once assignments exist
        (None, None, 3, []),
    ],
)
def test_program_asks_more_letters(asks, assigned_to_it, total, expected):
    program = Program(id="p-a", name="A", letters_required=asks)
    other = Program(id="p-b", name="B")
    letters = []
    for n in range(total):
        ids = [] if assigned_to_it is None else ["p-a"] if n < assigned_to_it else ["p-b"]
        letters.append(done_letter(n, ids))
    found = list(letters_count(dossier(letters, [program, other]), make_season(), TODAY))
    assert [f.code for f in found] == expected
    for f in found:
        assert f.subject == "p-a" and "A asks for 4 letters" in f.message


@pytest.mark.parametrize(
    ("assigned", "limit", "expected"),
    [
        (4, 4, []),
        (5, 4, ["letters.too_many_for_program"]),
        (0, 4, []),
        (3, 2, ["letters.too_many_for_program"]),
    ],
)
def test_too_many_for_program(assigned, limit, expected):
    letters = [done_letter(n, ["p-a"] if n < assigned else []) for n in range(6)]
    d = dossier(letters, [Program(id="p-a", name="Alpha IM")])
    found = list(
        letters_per_program(d, make_season({"eras.letters_per_program_max": limit}), TODAY)
    )
    assert [f.code for f in found] == expected
    for f in found:
        assert f.subject == "p-a" and "Alpha IM" in f.message and f.severity is Severity.BLOCKER


def _days_ago(n):
    return TODAY - dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("letter", "expected"),
    [
        (done_letter(1), []),
        (Letter(writer="", requested_on=_days_ago(5)), ["letters.writer_missing"]),
        (Letter(writer="Dr A"), ["letters.not_requested"]),
        (Letter(writer="Dr A", requested_on=_days_ago(OVERDUE_AFTER_DAYS)), []),
        (
            Letter(writer="Dr A", requested_on=_days_ago(OVERDUE_AFTER_DAYS + 1)),
            ["letters.overdue"],
        ),
        (
            Letter(writer="Dr A", requested_on=_days_ago(90), received_on=_days_ago(10)),
            ["letters.not_uploaded"],
        ),
        (Letter(writer="Dr A", received_on=_days_ago(10), uploaded_on=_days_ago(9)), []),
    ],
)
def test_letter_progress_table(letter, expected):
    found = list(letters_progress(dossier([letter]), make_season(), TODAY))
    assert sorted(f.code for f in found) == expected
    for f in found:
        assert f.subject == "letter 1" and f.step == "letters" and f.fix


def test_overdue_is_a_warning_with_days():
    letter = Letter(writer="Dr Osei", requested_on=_days_ago(60))
    (f,) = letters_progress(dossier([letter]), make_season(), TODAY)
    assert f.severity is Severity.WARNING
    assert "60 days" in f.message and "Dr Osei" in f.message


@pytest.mark.parametrize(
    ("content", "limit", "expected"),
    [
        (TINY_PDF, 1000, []),
        (b"plain text", 1000, ["letters.file.not_pdf"]),
        (b"", 1000, ["letters.file.empty"]),
        (None, 1000, ["letters.file.not_found"]),
        (TINY_PDF + b"\0" * 2000, 1, ["letters.file.too_large"]),
        (TINY_PDF + b"\0" * 2000, None, []),  # no limit known for the season: not judged
    ],
)
def test_letter_file_table(tmp_path, content, limit, expected):
    letter = done_letter(1)
    path = tmp_path / "letter.pdf"
    letter.path = write(path, content) if content is not None else str(path)
    season = make_season({"eras.letter_max_kb": limit})
    found = list(letters_progress(dossier([letter]), season, TODAY))
    assert [f.code for f in found] == expected
