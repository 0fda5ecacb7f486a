"""Bad files: every kind is refused with the file, the line or field, and what to do; the file
is left byte-identical (same bytes, same mtime, nothing added beside it); `check` exits 2."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from imgwizard import cli, store
from imgwizard.model import Dossier, Letter, PersonalStatement, Program

GOOD = "schema_version = 1\n"


@dataclass(frozen=True)
class Bad:
    id: str
    make: Callable[[Path], None]  # puts the bad thing at the path
    error: type[store.StoreError]
    words: str  # in the message
    line: int | None = None  # the problem names this line
    field: str | None = None  # the problem names this field


def text(content: str | bytes) -> Callable[[Path], None]:
    raw = content.encode() if isinstance(content, str) else content
    return lambda path: path.write_bytes(raw)


def folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("x")


def link_elsewhere(path: Path) -> None:
    target = path.parent.parent / "elsewhere.toml"
    target.write_text(GOOD)
    path.symlink_to(target)


def dangling_link(path: Path) -> None:
    path.symlink_to(path.parent / "missing.toml")


def fifo(path: Path) -> None:
    os.mkfifo(path, 0o600)


def cut_short(path: Path) -> None:
    full = store.dumps(Dossier())
    path.write_text(full[: full.index("[wizard]")])  # cut at a line boundary: valid TOML


CASES = [
    # Not TOML.
    Bad("unclosed-array", text(GOOD + "profile = [\n"), store.CorruptFile, "cut short", line=2),
    Bad("unclosed-string", text(GOOD + '[profile]\nfull_name = "Ana\n'), store.CorruptFile, "", 3),
    Bad(
        "duplicate-key",
        text(GOOD + "backup_plan = 'a'\nbackup_plan = 'b'\n"),
        store.CorruptFile,
        "",
        3,
    ),
    Bad("duplicate-table", text(GOOD + "[profile]\n[profile]\n"), store.CorruptFile, "", 3),
    Bad("not-utf8", text(b"schema_version = 1\n\xff\xfe\n"), store.CorruptFile, "UTF-8", 2),
    Bad("nul-byte", text(GOOD + "backup_plan = 'a\x00b'\n"), store.CorruptFile, "", 2),
    Bad(
        "bad-date",
        text(GOOD + "[education]\ngraduation_date = 2020-13-45\n"),
        store.CorruptFile,
        "",
        3,
    ),
    Bad("nested-too-deep", text("x = " + "[" * 50_000), store.CorruptFile, "nested too deeply"),
    Bad(
        "huge-integer",
        text(GOOD + "[profile]\nus_clinical_experience_months = " + "9" * 5000),
        store.CorruptFile,
        "digits",
    ),
    # Truncated.
    Bad("empty", text(b""), store.CorruptFile, "empty"),
    Bad("blank", text(b"\n  \n\t\n"), store.CorruptFile, "empty"),
    Bad("comments-only", text(store.HEADER[:40]), store.CorruptFile, "no data"),
    Bad("cut-at-line", cut_short, store.CorruptFile, "ends early"),
    # Wrong types.
    Bad(
        "score-text",
        text(GOOD + "[exams.step2ck]\nscore = 'high'\n"),
        store.InvalidDossier,
        "valid integer",
        3,
        "exams.step2ck.score",
    ),
    Bad(
        "table-as-string", text(GOOD + "profile = 'Ana'\n"), store.InvalidDossier, "", 2, "profile"
    ),
    Bad("list-as-int", text(GOOD + "programs = 3\n"), store.InvalidDossier, "list", 2, "programs"),
    Bad(
        "bool-as-string",
        text(GOOD + "[ecfmg]\ncertified = 'maybe'\n"),
        store.InvalidDossier,
        "boolean",
        3,
        "ecfmg.certified",
    ),
    Bad(
        "date-as-int",
        text(GOOD + "[education]\ngraduation_date = 2020\n"),
        store.InvalidDossier,
        "",
        3,
        "education.graduation_date",
    ),
    Bad(
        "schema-version-text",
        text("schema_version = 'one'\n"),
        store.InvalidDossier,
        "whole number",
        field="schema_version",
    ),
    # Unknown keys.
    Bad("unknown-top", text(GOOD + "nmae = 'x'\n"), store.InvalidDossier, "unknown key", 2, "nmae"),
    Bad(
        "typo-nested",
        text(GOOD + "[profile]\nfull_nmae = 'x'\n"),
        store.InvalidDossier,
        "did you mean 'full_name'",
        3,
        "profile.full_nmae",
    ),
    Bad(
        "unknown-table",
        text(GOOD + "[extras]\na = 1\n"),
        store.InvalidDossier,
        "unknown key",
        field="extras",
    ),
    Bad(
        "typo-in-list",
        text(GOOD + "[[programs]]\nid = 'p-1'\nnmae = 'x'\n"),
        store.InvalidDossier,
        "did you mean 'name'",
        4,
        "programs[0].nmae",
    ),
    # Values out of range or not allowed.
    Bad(
        "score-999",
        text(GOOD + "[exams.step2ck]\nscore = 999\n"),
        store.InvalidDossier,
        "less than or equal to 300",
        3,
        "exams.step2ck.score",
    ),
    Bad(
        "months-negative",
        text(GOOD + "[profile]\nus_clinical_experience_months = -1\n"),
        store.InvalidDossier,
        "greater than or equal to 0",
        3,
        "profile.us_clinical_experience_months",
    ),
    Bad(
        "oet-501",
        text(GOOD + "[exams.oet]\nwriting = 501\n"),
        store.InvalidDossier,
        "500",
        3,
        "exams.oet.writing",
    ),
    Bad(
        "pathway-7",
        text(GOOD + "[ecfmg]\npathway = 7\n"),
        store.InvalidDossier,
        "6",
        3,
        "ecfmg.pathway",
    ),
    Bad(
        "year-1800",
        text(GOOD + "[profile]\ntarget_match_year = 1800\n"),
        store.InvalidDossier,
        "1950",
        3,
        "profile.target_match_year",
    ),
    Bad(
        "visa-enum",
        text(GOOD + "[profile]\nvisa = 'green card'\n"),
        store.InvalidDossier,
        "'j1'",
        3,
        "profile.visa",
    ),
    Bad(
        "email-shape",
        text(GOOD + "[profile]\nemail = 'ana'\n"),
        store.InvalidDossier,
        "name@example.org",
        3,
        "profile.email",
    ),
    Bad(
        "step1-score-after-pass-fail",
        text(GOOD + "[exams.step1]\ntaken_on = 2023-05-01\nscore = 230\n"),
        store.InvalidDossier,
        "pass/fail",
        field="exams.step1",
    ),
    Bad(
        "duplicate-program-ids",
        text(GOOD + "[[programs]]\nid = 'p-1'\n[[programs]]\nid = 'p-1'\n"),
        store.InvalidDossier,
        "ids must be unique",
        field="programs",
    ),
    Bad(
        "v0-infinite-year",
        text("name = 'A'\ngraduation_year = inf\n"),
        store.InvalidDossier,
        "migrate",
    ),
    # Newer than us.
    Bad(
        "future-schema",
        text("schema_version = 99\n"),
        store.FutureSchema,
        "newer imgwizard",
        None,
        "schema_version",
    ),
    # Not a plain file of ours.
    Bad("directory", folder, store.UnreadableFile, "folder"),
    Bad("symlink-elsewhere", link_elsewhere, store.UnreadableFile, "symbolic link"),
    Bad("dangling-symlink", dangling_link, store.UnreadableFile, "symbolic link"),
    Bad("fifo", fifo, store.UnreadableFile, "not a regular file"),
]


def snapshot(path: Path) -> dict:
    """Everything about the path and its folder that a write would change."""
    out: dict = {"folder": sorted(p.name for p in path.parent.iterdir())}
    st = os.lstat(path)
    out["lstat"] = (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino)
    if path.is_symlink():
        out["link"] = os.readlink(path)
        if path.exists():
            out["target"] = (path.read_bytes(), path.stat().st_mtime_ns)
    elif path.is_dir():
        out["inside"] = sorted((p.name, p.read_bytes()) for p in path.iterdir())
    elif path.is_file():
        out["bytes"] = path.read_bytes()
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_file_is_refused_and_left_untouched(tmp_path, capsys, case):
    path = tmp_path / "data" / "dossier.toml"
    path.parent.mkdir()
    case.make(path)
    before = snapshot(path)

    with pytest.raises(case.error) as info:
        store.load(path)
    message = info.value.describe()
    assert str(path) in message
    assert case.words in message
    assert "What to do: " in message
    if case.line is not None:
        assert case.line in [p.line for p in info.value.problems]
    if case.field is not None:
        assert case.field in [p.field for p in info.value.problems]
    if case.line is not None or case.field is not None:
        assert f"line {case.line}" in message or f"field {case.field}" in message

    assert cli.main(["check", "--data-file", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "What to do" in err and "Traceback" not in err

    assert snapshot(path) == before


def test_case_table_covers_every_kind():
    """The docs quote this count; the table must keep one case per kind the issue names."""
    kinds = {c.error for c in CASES}
    assert kinds == {
        store.CorruptFile,
        store.InvalidDossier,
        store.FutureSchema,
        store.UnreadableFile,
    }
    assert len(CASES) >= 30


def rich_dossier() -> Dossier:
    d = Dossier()
    d.profile.full_name = "Zoë Ñúñez عائشة"
    d.exams.step2ck.score = 241
    d.programs = [Program(id="p-00000001", name="Mercy IM", min_step2ck_score=230, notes="✓")]
    d.letters = [Letter(writer="Dr 李")]
    d.personal_statements = [PersonalStatement(specialty="IM", text="line one\nline two")]
    return d


def test_truncated_at_every_offset_is_refused_or_whole(tmp_path):
    """A file cut anywhere (an interrupted copy) never loads as a different dossier."""
    d = rich_dossier()
    raw = store.dumps(d).encode()
    path = tmp_path / "dossier.toml"
    refused = 0
    for cut in range(len(raw)):
        path.write_bytes(raw[:cut])
        try:
            loaded = store.load(path)
        except store.StoreError as exc:
            assert exc.problems and "What to do" in exc.describe()
            refused += 1
        else:
            # Only a cut inside the end line's comment may load, and then nothing is lost.
            assert cut >= raw.index(b"# end of dossier") + len("# end of dossier"), cut
            assert loaded == d
        assert path.read_bytes() == raw[:cut]
    assert refused >= len(raw) - len(store.FOOTER)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_check_exits_2_on_truncated_file(tmp_path, capsys, fraction):
    raw = store.dumps(rich_dossier()).encode()
    path = tmp_path / "dossier.toml"
    path.write_bytes(raw[: int(len(raw) * fraction)])
    assert cli.main(["check", "--data-file", str(path)]) == 2
    assert "What to do" in capsys.readouterr().err


def test_hand_edit_that_keeps_the_last_line_still_loads(tmp_path):
    """The end-of-file check must not get in the way of ordinary hand edits."""
    text = store.dumps(Dossier()).replace('full_name = ""', 'full_name = "Edited By Hand"')
    text += "\n# a note of my own after the last line\n"
    path = tmp_path / "dossier.toml"
    path.write_text(text)
    assert store.load(path).profile.full_name == "Edited By Hand"
    # A file someone wrote from scratch (no header) needs no end line.
    path.write_text("schema_version = 1\n[profile]\nfull_name = 'From Scratch'\n")
    assert store.load(path).profile.full_name == "From Scratch"
