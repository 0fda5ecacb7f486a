"""A full disk and a read-only file system, for real (issue #12, points 6 and 7).

On a small tmpfs mounted for the test (root may mount here; where the machine refuses a mount
the same code paths are driven by fault injection instead):
- a full disk when the lock is taken: `season set` and the wizard's start said nothing useful
  (a traceback from os.pwrite, exit 1); now a clear message, exit 2, the file intact, and no
  lock file left behind; the wizard offers its read-only mode;
- SIGTERM while the disk is full exited 143 silently and lost the edit; now the edit goes to a
  recovery file, the terminal says where, and the next start offers it;
- a read-only file system said "cannot read the data file" and offered only Quit; now it says
  read-only and offers the read-only mode, which works there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from imgwizard import store
from imgwizard.model import Dossier
from tests.tui.test_reliability_wizard import Terminal

SEASON_SET = ("season", "set", "--today", "2026-11-24", "nrmp.match_day", "2027-03-19")


def named(name: str) -> Dossier:
    d = Dossier()
    d.profile.full_name = name
    d.profile.target_match_year = 2027
    return d


def mount_tmpfs(where: Path, size: str = "512k", options: str = "") -> bool:
    where.mkdir(parents=True, exist_ok=True)
    opts = f"size={size},mode=0700" + (f",{options}" if options else "")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    if os.geteuid() != 0 or not mount_tmpfs(disk):
        pytest.skip("this machine refuses a tmpfs mount (the fault-injection tests cover it)")
    yield disk
    umount(disk)


def fill(folder: Path) -> Path:
    """Fill the file system holding `folder` to the last byte."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    return filler


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imgwizard", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def plain(output: bytes) -> str:
    """Terminal output without its escape sequences."""
    text = re.sub(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]", b"", output)
    return text.decode("utf-8", "replace")


# --------------------------------------------------------------------------- point 6


def test_full_disk_at_lock_time_is_a_clear_message_exit_2_file_intact(small_disk):
    data = small_disk / "dossier.toml"
    store.save(data, named("Amina Full"), backup=False)
    before = data.read_bytes()
    fill(small_disk)
    result = run("--data-file", str(data), *SEASON_SET)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert "cannot write the lock file" in result.stderr and "the disk is full" in result.stderr
    assert "free some disk space" in result.stderr
    assert data.read_bytes() == before
    assert not store.lock_path(data).exists()  # nothing left behind


def test_full_disk_at_wizard_start_shows_the_reason_and_offers_read_only(small_disk, tmp_path):
    data = small_disk / "dossier.toml"
    store.save(data, named("Amina Full"), backup=False)
    before = data.read_bytes()
    fill(small_disk)
    term = Terminal(data, tmp_path / "stacks.txt")
    try:
        term.wait_for(b"Open read-only", timeout=40)
        screen = plain(term.output)
        assert "disk is full" in screen
        term.keys("r")  # the read-only mode needs no lock and writes nothing: it works here
        term.wait_for(b"Step 1 of 11")
        term.wait_for(b"read-only")
        term.keys("\x11")  # ctrl+q
        status = term.wait_exit()
    finally:
        term.kill()
    assert status == 0
    assert b"Traceback" not in term.output
    assert data.read_bytes() == before
    assert not store.lock_path(data).exists()


def test_lock_write_failure_by_fault_injection(data_file, monkeypatch):
    """The same refusal where no file system can be filled: os.pwrite raises ENOSPC."""
    store.save(data_file, named("Injected"), backup=False)
    before = data_file.read_bytes()

    def full(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "pwrite", full)
    with pytest.raises(store.LockError, match="the disk is full") as info:
        store.acquire_lock(data_file)
    assert info.value.offers_read_only
    assert data_file.read_bytes() == before
    assert not store.lock_path(data_file).exists()
    monkeypatch.undo()
    store.acquire_lock(data_file).release()  # and the lock works once there is room


# --------------------------------------------------------------------------- point 7: SIGTERM


def test_sigterm_with_the_disk_full_keeps_the_edit_in_a_recovery_file(small_disk, tmp_path):
    data = small_disk / "dossier.toml"
    store.save(data, named("Amina Before"), backup=False)
    before = data.read_bytes()
    typed = "Prelim year plan typed while the disk was full"
    term = Terminal(data, tmp_path / "stacks.txt")
    try:
        term.wait_for(b"Step 1 of 11")
        filler = fill(small_disk)  # the lock is held; now the disk fills up
        term.to_backup_plan()
        term.pump(0.5)
        term.keys(typed)
        term.wait_for(b"Not saved", timeout=30)  # the autosave failed and said so
        os.kill(term.pid, signal.SIGTERM)
        status = term.wait_exit()
    finally:
        term.kill()
    out = plain(term.output)
    assert status == 128 + signal.SIGTERM
    assert "Traceback" not in out
    assert "could not be saved" in out and "the disk is full" in out, out[-1500:]
    where = re.search(r"They were written to (\S+?\.recovery)\.", out)
    assert where, out[-1500:]
    recovered = Path(where.group(1))
    # Beside the file there was no room: a private folder in the temp folder took it.
    assert recovered.parent != small_disk
    assert (recovered.parent.stat().st_mode & 0o777) == 0o700
    assert store.load(recovered).backup_plan == typed
    assert data.read_bytes() == before  # the data file itself is intact

    # Room again: copy it beside the file as the message says; the next start offers it.
    filler.unlink()
    shutil.copy(recovered, store.recovery_path(data))
    shutil.rmtree(recovered.parent)
    term = Terminal(data, tmp_path / "stacks2.txt")
    try:
        term.wait_for(b"Unsaved changes from a previous session")
        term.keys("y")
        term.wait_for(b"Step 1 of 11")
        term.wait_until(lambda: not store.recovery_path(data).exists())
        term.keys("\x11")
        status = term.wait_exit()
    finally:
        term.kill()
    assert status == 0
    saved = store.load(data)
    assert saved.backup_plan == typed and saved.profile.full_name == "Amina Before"
    assert store.backup_path(data).read_bytes() == before  # what it replaced is the backup


async def test_a_data_file_that_cannot_be_written_sends_the_edit_beside_it(data_file):
    """In process: the data file's save fails (injected: as for a file made read-only), the
    folder has room. SIGTERM puts the edit in <name>.recovery beside it and says so."""
    from textual.widgets import Input

    from tests.tui.test_reliability_wizard import make_app

    store.save(data_file, named("Before"))
    app = make_app(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def refused(dossier):
            raise store.SaveError(data_file, ["permission denied"])

        app.store.save = refused  # type: ignore[method-assign]
        app.screen.query_one("#full-name Input", Input).focus()
        await pilot.press("end", "X")  # a prefilled field selects its text on focus
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause(0.2)
    assert app.return_code == 128 + signal.SIGTERM
    beside = store.recovery_path(data_file)
    assert f"They were written to {beside}." in app.session.exit_note
    assert "permission denied" in app.session.exit_note
    assert store.load(beside).profile.full_name == "BeforeX"
    assert (beside.stat().st_mode & 0o777) == 0o600
    assert store.load(data_file).profile.full_name == "Before"


# --------------------------------------------------------------------------- point 7: read-only FS


@pytest.fixture
def read_only_disk(small_disk):
    data = small_disk / "dossier.toml"
    store.save(data, named("Amina Readonly"), backup=False)
    result = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_disk)], capture_output=True, check=False
    )
    if result.returncode != 0:
        pytest.skip("cannot remount read-only here")
    yield data
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], capture_output=True, check=False)


def test_read_only_file_system_is_named_and_read_only_mode_offered(read_only_disk, tmp_path):
    data = read_only_disk
    before = data.read_bytes()
    result = run("--data-file", str(data), *SEASON_SET)
    assert result.returncode == 2
    assert "read-only file system" in result.stderr and "cannot read" not in result.stderr
    assert "Traceback" not in result.stderr
    # `check` only reads: it works there.
    assert run("--data-file", str(data), "check").returncode in (0, 1)

    term = Terminal(data, tmp_path / "stacks.txt")
    try:
        term.wait_for(b"Open read-only", timeout=40)
        screen = plain(term.output)
        assert "read-only file system" in screen and "cannot read" not in screen
        term.keys("r")
        term.wait_for(b"Step 1 of 11")
        term.wait_until(lambda: "Your data is kept in" in plain(term.output))  # found, read
        term.keys("\x11")
        status = term.wait_exit()
    finally:
        term.kill()
    assert status == 0
    assert data.read_bytes() == before
