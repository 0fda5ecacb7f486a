"""Personal statement rules: one per specialty, within the season's character limit."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard.model import DocStatus, PersonalStatement, Specialty, SpecialtyRole, new_dossier
from imgwizard.rules import Severity
from imgwizard.rules.statements import statements_length, statements_missing
from tests.builders import TINY_PDF, make_season, write

TODAY = dt.date(2026, 11, 24)


def dossier(specialties=(), statements=()):
    d = new_dossier(TODAY)
    d.specialties = [Specialty(name=n, role=SpecialtyRole.PRIMARY) for n in specialties]
    d.personal_statements = list(statements)
    return d


def ps(specialty="", text="My reasons.", path="", status=DocStatus.DRAFTING):
    return PersonalStatement(specialty=specialty, text=text, path=path, status=status)


@pytest.mark.parametrize(
    ("specialties", "statements", "subjects"),
    [
        ((), (), [""]),
        ((), (ps(),), []),
        (("Internal Medicine",), (), ["Internal Medicine"]),
        (("Internal Medicine", "Pediatrics"), (ps("internal medicine"),), ["Pediatrics"]),
        (("Internal Medicine", "Pediatrics"), (ps(""),), []),  # a general one covers both
        (("Internal Medicine",), (ps("Internal Medicine", text="  "),), ["Internal Medicine"]),
        (("Internal Medicine",), (ps("Internal Medicine", text="", path="/x/ps.txt"),), []),
        (
            ("Internal Medicine",),
            (ps("Internal Medicine", status=DocStatus.NOT_APPLICABLE),),
            ["Internal Medicine"],
        ),
    ],
)
def test_statement_missing_table(specialties, statements, subjects):
    found = list(statements_missing(dossier(specialties, statements), make_season(), TODAY))
    assert [f.subject for f in found] == subjects
    for f in found:
        assert f.code == "statements.missing" and f.severity is Severity.BLOCKER
        assert f.step == "personal_statement"
        assert "personal statement" in f.message and f.subject in f.message


@pytest.mark.parametrize(
    ("length", "limit", "expected"),
    [
        (100, 28000, []),
        (28000, 28000, []),
        (28001, 28000, ["statements.too_long"]),
        (50, 40, ["statements.too_long"]),
    ],
)
def test_statement_text_length(length, limit, expected):
    d = dossier(["IM"], [ps("IM", text="x" * length)])
    found = list(
        statements_length(d, make_season({"eras.personal_statement_max_chars": limit}), TODAY)
    )
    assert [f.code for f in found] == expected
    for f in found:
        assert f.severity is Severity.BLOCKER and f.subject == "IM"
        assert f"{length:,}" in f.message and f"{limit:,}" in f.message
        assert f"{length - limit:,}" in f.fix


@pytest.mark.parametrize(
    ("name", "content", "limit", "expected"),
    [
        ("ps.txt", "a" * 90, 100, []),
        ("ps.txt", "a" * 101, 100, ["statements.too_long"]),
        ("ps.md", "é" * 100, 100, []),  # 200 bytes but 100 characters
        ("ps.md", "é" * 101, 100, ["statements.too_long"]),
        ("ps.txt", "a" * 1000, 100, ["statements.too_long"]),  # over 4 bytes per char: not read
        ("ps.pdf", TINY_PDF, 100, ["statements.length_unknown"]),
        ("ps.txt", b"", 100, ["statements.file.empty"]),
        ("gone.txt", None, 100, ["statements.file.not_found"]),
    ],
)
def test_statement_file_table(tmp_path, name, content, limit, expected):
    path = tmp_path / name
    if content is not None:
        write(path, content.encode() if isinstance(content, str) else content)
    d = dossier(["IM"], [ps("IM", text="", path=str(path))])
    found = list(
        statements_length(d, make_season({"eras.personal_statement_max_chars": limit}), TODAY)
    )
    assert [f.code for f in found] == expected
    if expected == ["statements.length_unknown"]:
        assert found[0].severity is Severity.INFO


def test_statement_limit_unknown_is_said():
    d = dossier(["IM"], [ps("IM", text="x" * 50)])
    found = list(
        statements_length(d, make_season({"eras.personal_statement_max_chars": None}), TODAY)
    )
    assert [f.code for f in found] == ["season.value_unknown"]


def test_no_statements_no_length_findings():
    assert list(statements_length(dossier(), make_season(), TODAY)) == []
