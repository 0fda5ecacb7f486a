"""Messages the adversarial pass found wrong or misleading (issue #12, point 7).

Each says what is true and what works: headless commands are not told to use --read-only
(which they do not have) when another session holds the lock; a UTF-16 file is called UTF-16
with "save it as UTF-8"; a 10,000-character program name gets one message, not two that
contradict each other; "the last 1 years" is gone; the disk-full notice gives its hint once;
a refused file gets no lock file beside it. (The read-only file system, SIGTERM on a full
disk and `serve --host ::1` are in test_reliability_full_disk.py and test_security_serve.py;
`check` warning about permissions is in test_security_headless_text.py.)"""

from __future__ import annotations

import datetime as dt
import errno
import os

import pytest
from textual.widgets import Input

from imgwizard import store
from imgwizard.model import Dossier, Program
from imgwizard.rules.eligibility import program_reasons
from imgwizard.season import load_season
from tests.tui.test_reliability_full_disk import SEASON_SET, run
from tests.tui.test_reliability_wizard import make_app, settle
from tests.unit.test_crash_consistency import _holder
from tests.unit.test_reliability_faults import on_write


def test_headless_commands_are_not_told_to_use_read_only_when_the_lock_is_held(data_file, tmp_path):
    store.save(data_file, Dossier())
    csv = tmp_path / "p.csv"
    csv.write_text("name\nA\n", encoding="utf-8")
    holder = _holder(data_file)
    try:
        for args in (SEASON_SET, ("import-programs", str(csv))):
            result = run("--data-file", str(data_file), *args)
            assert result.returncode == 2, (args, result)
            assert "open in another imgwizard session" in result.stderr
            assert "--read-only" not in result.stderr, result.stderr
            assert "close the other session" in result.stderr
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("bom", [True, False], ids=["with-BOM", "no-BOM"])
def test_utf16_data_file_says_save_it_as_utf8(data_file, bom):
    data_file.parent.mkdir(parents=True)
    text = store.dumps(Dossier())
    data_file.write_bytes(text.encode("utf-16" if bom else "utf-16-le"))
    before = data_file.read_bytes()
    result = run("--data-file", str(data_file), "check")
    assert result.returncode == 2
    assert "UTF-16" in result.stderr and "save it as UTF-8" in result.stderr
    assert data_file.read_bytes() == before


def test_other_bad_bytes_still_name_the_line_and_say_utf8(data_file):
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(store.dumps(Dossier()).encode().replace(b"schema", b"\xff\xfeschema", 1))
    result = run("--data-file", str(data_file), "check")
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr and "line 3" in result.stderr
    assert "UTF-16" not in result.stderr


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p.mkdir(), id="folder"),
        pytest.param(lambda p: os.mkfifo(p), id="fifo"),
        pytest.param(lambda p: p.symlink_to(p.parent / "elsewhere"), id="symlink"),
        pytest.param(lambda p: p.write_bytes(b"\xff\xfe\x00"), id="utf16-garbage"),
        pytest.param(lambda p: p.write_text("not = toml = here\n"), id="corrupt"),
    ],
)
def test_a_refused_file_gets_no_lock_file(data_file, tmp_path, make):
    data_file.parent.mkdir(parents=True)
    make(data_file)
    csv = tmp_path / "p.csv"
    csv.write_text("name\nA\n", encoding="utf-8")
    for args in (SEASON_SET, ("import-programs", str(csv)), ("import-json", str(csv))):
        result = run("--data-file", str(data_file), *args)
        assert result.returncode == 2, (args, result)
        assert "Traceback" not in result.stderr
        assert not store.lock_path(data_file).exists(), args


def test_program_reason_says_the_last_year_not_the_last_1_years():
    season = load_season(2027)
    dossier = Dossier()
    dossier.education.graduation_date = dt.date(2024, 6, 30)
    for limit, words in ((1, "the last year;"), (2, "the last 2 years;")):
        program = Program(id="p1", name="Mercy", max_years_since_graduation=limit)
        texts = [r.text for r in program_reasons(dossier, program, season, dt.date(2026, 11, 24))]
        assert any(words in t for t in texts), texts
        assert not any("1 years" in t for t in texts), texts
    dossier.education.graduation_date = dt.date(2026, 6, 30)
    program = Program(id="p1", name="Mercy", max_years_since_graduation=0)
    texts = [r.text for r in program_reasons(dossier, program, season, dt.date(2026, 11, 24))]
    assert any("2026, 1 year before" in t for t in texts), texts


async def test_a_10000_character_program_name_gets_one_consistent_message(data_file):
    from imgwizard.tui.screens.program_form import ProgramFormScreen
    from tests.tui.test_pane_programs import PaneHarness, dossier_with, to_table

    app = PaneHarness("programs", dossier_with())
    async with app.run_test(size=(100, 40)) as pilot:
        await to_table(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ProgramFormScreen)
        name = app.screen.query_one("#program-name Input", Input)
        name.value = "A" * 10_000
        await pilot.pause()
        app.screen.action_save()
        await pilot.pause()
        form_error = str(app.screen.query_one("#program-form-error").render())
        field_text = " ".join(str(w.render()) for w in app.screen.query(".field-error"))
        assert "too long" in field_text
        assert "needs a name" not in form_error  # it has one: it is too long
        assert "refused" in form_error
        assert isinstance(app.screen, ProgramFormScreen)  # not saved


async def test_disk_full_notice_gives_its_hint_once(data_file, monkeypatch):
    store.save(data_file, Dossier())
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        on_write(monkeypatch, errno.ENOSPC)
        app.screen.query_one("#full-name Input", Input).focus()
        await pilot.press("X")
        await settle(pilot)
        notices = [str(n.message) for n in app._notifications if "Could not save" in str(n.message)]
        assert len(notices) == 1, notices
        notice = notices[0]
        assert "the disk is full" in notice
        assert notice.count("retried") == 1 and notice.count("kept") == 1, notice
        assert "Free disk space" in notice
        monkeypatch.undo()
        await pilot.press("f10")
