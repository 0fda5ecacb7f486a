"""A save as root keeps the file its owner's (issue #12, point 2).

On a shared machine `sudo imgwizard season set ...` on someone's dossier made it
`root:root 0600`: its owner could no longer read it. Now the saved file, its backup and the lock
file keep (or, when new, take) the owner and group of the user's file and folder; a save that
cannot keep them (a user without the right to chown) is refused with exit 2 and the file left
byte for byte as it was. Real processes: `imgwizard season set` run as root, and as uid 1000."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from imgwizard import store
from imgwizard.model import Dossier

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to chown and save as root")

USER, GROUP = 1000, 1000
OTHER = 1001


# Run as another user: this Python lives where only root may enter, so the child starts as
# root, imports what the command needs, then gives up root for good (real and effective ids).
AS_USER = """
import os, sys, fcntl, pwd, grp, getpass, socket, json
import imgwizard.cli, imgwizard.commands.season, imgwizard.commands.common
import imgwizard.store, imgwizard.safe_text, imgwizard.settings, imgwizard.season
import imgwizard.season.corrections, imgwizard.season.loader, platformdirs
import importlib.readers, importlib.resources
imgwizard.season.load_season(2027)  # reads the package data while it can
import gettext, locale  # argparse's messages import them lazily
imgwizard.cli.build_parser()  # and every command module it lists
from imgwizard.cli import main
uid = int(sys.argv[1])
os.setgroups([])
os.setresgid(uid, uid, uid)
os.setresuid(uid, uid, uid)
sys.exit(main(sys.argv[2:]))
"""


def imgwizard(data: Path, *args: str, user: int | None = None, home: Path | None = None):
    env = dict(os.environ)
    if home is not None:
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "c"), XDG_DATA_HOME=str(home / "d"))
    argv = ["--data-file", str(data), *args]
    if user is None:
        command = [sys.executable, "-m", "imgwizard", *argv]
    else:
        command = [sys.executable, "-c", AS_USER, str(user), *argv]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def owned(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)


@pytest.fixture
def shared_tmp():
    """A folder every user may enter (pytest's own tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="imgwizard-owners-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def users_folder(shared_tmp):
    """A folder of uid 1000 (as their home would be), with their dossier in it."""
    folder = shared_tmp / "home-of-1000" / "imgwizard"
    folder.mkdir(parents=True, mode=0o700)
    for part in (folder.parent, folder):
        os.chown(part, USER, GROUP)
    data = folder / "dossier.toml"
    dossier = Dossier()
    dossier.profile.full_name = "Owner Onethousand"
    store.save(data, dossier, backup=False)
    os.chown(data, USER, GROUP)
    return data


def test_season_set_as_root_keeps_file_backup_and_lock_the_users(users_folder):
    data = users_folder
    result = imgwizard(
        data, "season", "set", "--today", "2026-11-24", "nrmp.match_day", "2027-03-19"
    )
    assert result.returncode == 0, result.stderr
    assert store.load(data).season_corrections  # the edit was saved ...
    assert owned(data) == (USER, GROUP, 0o600)  # ... and the file is still theirs
    assert owned(store.backup_path(data)) == (USER, GROUP, 0o600)
    assert owned(store.lock_path(data))[:2] == (USER, GROUP)  # created by root, given to them
    assert [p.name for p in data.parent.iterdir() if p.name.endswith(".tmp")] == []
    # The owner can go on using it: a save as uid 1000 works (no root-owned lock in the way).
    again = imgwizard(
        data,
        "season",
        "reset",
        "--today",
        "2026-11-24",
        "nrmp.match_day",
        user=USER,
        home=data.parent,
    )
    assert again.returncode == 0, again.stderr
    assert owned(data) == (USER, GROUP, 0o600)


def test_backup_copied_as_root_where_no_hard_link_is_allowed_keeps_the_owner(
    users_folder, monkeypatch
):
    """The backup falls back to a copy where hard links fail: the copy keeps the owner too."""

    def no_link(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    session = store.Store(users_folder)
    edit = store.load(users_folder)
    edit.profile.full_name = "Edited As Root"
    session.save(edit)
    assert owned(users_folder) == (USER, GROUP, 0o600)
    assert owned(store.backup_path(users_folder)) == (USER, GROUP, 0o600)


def test_new_file_written_as_root_in_a_users_folder_is_theirs(users_folder):
    data = users_folder.with_name("second.toml")
    result = imgwizard(
        data, "season", "set", "--today", "2026-11-24", "nrmp.match_day", "2027-03-19"
    )
    assert result.returncode == 0, result.stderr
    assert owned(data) == (USER, GROUP, 0o600)
    assert owned(store.lock_path(data))[:2] == (USER, GROUP)


def test_a_user_who_cannot_keep_the_owner_is_refused_and_the_file_untouched():
    """uid 1000 may write the shared folder but not chown uid 1001's file: refused, exit 2."""
    shared = Path(tempfile.mkdtemp(prefix="imgwizard-shared-"))
    try:
        os.chmod(shared, 0o777)
        data = shared / "dossier.toml"
        dossier = Dossier()
        dossier.profile.full_name = "Someone Else"
        store.save(data, dossier, backup=False)
        os.chown(data, OTHER, OTHER)
        os.chmod(data, 0o666)  # readable and writable by uid 1000, but not theirs
        before, before_stat = data.read_bytes(), owned(data)
        home = shared / "home"
        home.mkdir()
        os.chown(home, USER, GROUP)
        result = imgwizard(
            data,
            "season",
            "set",
            "--today",
            "2026-11-24",
            "nrmp.match_day",
            "2027-03-19",
            user=USER,
            home=home,
        )
        assert result.returncode == 2, result.stdout + result.stderr
        assert "belongs to" in result.stderr and "uid 1001" in result.stderr
        assert "Traceback" not in result.stderr
        assert data.read_bytes() == before and owned(data) == before_stat
        leftovers = [p.name for p in shared.iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []
        assert not store.backup_path(data).exists()
    finally:
        shutil.rmtree(shared)
