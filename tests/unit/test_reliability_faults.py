"""Faults on save: disk full, quota, read-only folder or file system, permission denied.

Each one gives a SaveError with a clear reason, leaves the previous file (and its backup)
byte-identical with no temporary file behind, and a later save succeeds once the fault clears.
Faults are injected by monkeypatching the store's os/tempfile calls; the read-only folder is
also tried for real with chmod when not running as root (root ignores the mode bits).
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from imgwizard import store
from imgwizard.model import Dossier


def named(name: str) -> Dossier:
    d = Dossier()
    d.profile.full_name = name
    return d


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class FailingWrites(io.RawIOBase):
    """A file object whose writes fail, standing in for a handle on a full disk."""

    def __init__(self, handle, code: int):
        self.handle, self.code = handle, code

    def write(self, data):  # type: ignore[override]
        raise oserror(self.code)

    def fileno(self):
        return self.handle.fileno()

    def close(self):
        self.handle.close()
        super().close()


@dataclass(frozen=True)
class Fault:
    id: str
    inject: Callable[[pytest.MonkeyPatch, int], None]
    code: int
    reason: str  # what the message must say


def on_write(mp: pytest.MonkeyPatch, code: int) -> None:
    real = os.fdopen
    mp.setattr(os, "fdopen", lambda fd, *a, **k: FailingWrites(real(fd, *a, **k), code))


def on_fsync(mp: pytest.MonkeyPatch, code: int) -> None:
    def fsync(fd):
        raise oserror(code)

    mp.setattr(os, "fsync", fsync)


def on_create(mp: pytest.MonkeyPatch, code: int) -> None:
    """The folder refuses new files (read-only folder or file system, no permission)."""

    def mkstemp(*args, **kwargs):
        raise oserror(code)

    mp.setattr(tempfile, "mkstemp", mkstemp)


def on_replace(mp: pytest.MonkeyPatch, code: int) -> None:
    def replace(src, dst):
        raise oserror(code)

    mp.setattr(os, "replace", replace)


def on_backup(mp: pytest.MonkeyPatch, code: int) -> None:
    """Keeping the backup fails: no hard links here, and the copy hits the fault."""

    def link(src, dst):
        raise oserror(errno.EPERM)

    real_open = os.open

    def open_(path, flags, mode=0o777, *args, **kwargs):
        if str(path).endswith(".bak.tmp"):
            fd = real_open(path, flags, mode, *args, **kwargs)
            os.close(fd)  # the file now exists, as it would on a real full disk
            raise oserror(code)
        return real_open(path, flags, mode, *args, **kwargs)

    mp.setattr(os, "link", link)
    mp.setattr(os, "open", open_)


FAULTS = [
    Fault("enospc-write", on_write, errno.ENOSPC, "the disk is full"),
    Fault("enospc-fsync", on_fsync, errno.ENOSPC, "the disk is full"),
    Fault("edquot-write", on_write, errno.EDQUOT, "quota"),
    Fault("eio-fsync", on_fsync, errno.EIO, "Input/output error"),
    Fault("enospc-replace", on_replace, errno.ENOSPC, "the disk is full"),
    Fault("eacces-folder", on_create, errno.EACCES, "permission denied"),
    Fault("eperm-folder", on_create, errno.EPERM, "permission denied"),
    Fault("erofs-folder", on_create, errno.EROFS, "read-only"),
    Fault("eacces-replace", on_replace, errno.EACCES, "permission denied"),
    Fault("enospc-backup", on_backup, errno.ENOSPC, "the disk is full"),
]


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
def test_fault_on_save_keeps_previous_file_and_retry_succeeds(data_file, monkeypatch, fault):
    session = store.Store(data_file)
    store.save(data_file, named("saved before"))
    before = data_file.read_bytes()
    before_mtime = data_file.stat().st_mtime_ns
    edit = named("the edit")

    with monkeypatch.context() as mp:
        fault.inject(mp, fault.code)
        with pytest.raises(store.SaveError) as info:
            session.save(edit)
        with pytest.raises(store.SaveError):  # still failing while the fault lasts
            session.save(edit)

    message = info.value.describe()
    assert str(data_file) in message
    assert fault.reason in message
    assert "intact" in message  # what to do / what happened to the file
    assert data_file.read_bytes() == before
    assert data_file.stat().st_mtime_ns == before_mtime
    assert leftovers(data_file.parent) == []
    if store.backup_path(data_file).exists():
        assert store.load(store.backup_path(data_file)) == named("saved before")

    session.save(edit)  # the fault cleared: the retry goes through
    assert store.load(data_file) == edit
    assert store.load(session.backup_path) == named("saved before")
    assert leftovers(data_file.parent) == []


@pytest.mark.parametrize("fault", FAULTS[:3], ids=[f.id for f in FAULTS[:3]])
def test_first_save_that_fails_leaves_no_file(data_file, monkeypatch, fault):
    with monkeypatch.context() as mp:
        fault.inject(mp, fault.code)
        with pytest.raises(store.SaveError):
            store.save(data_file, named("new"))
    assert not data_file.exists()
    assert leftovers(data_file.parent) == []
    store.save(data_file, named("new"))
    assert store.load(data_file) == named("new")


def test_folder_that_cannot_be_created_is_a_save_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(store.SaveError) as info:
        store.save(blocker / "dossier.toml", named("x"))
    assert str(blocker / "dossier.toml") in str(info.value)
    assert blocker.read_text() == "a file where the folder should be"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a chmod 500 folder anyway")
def test_real_read_only_folder(data_file):
    store.save(data_file, named("before"))
    before = data_file.read_bytes()
    os.chmod(data_file.parent, 0o500)
    try:
        with pytest.raises(store.SaveError, match="permission denied"):
            store.save(data_file, named("after"))
        assert data_file.read_bytes() == before
    finally:
        os.chmod(data_file.parent, 0o700)
    store.save(data_file, named("after"))
    assert store.load(data_file) == named("after")


def test_save_never_writes_through_a_symlink_or_over_a_folder(tmp_path):
    target = tmp_path / "elsewhere.toml"
    target.write_text("precious")
    link = tmp_path / "data" / "dossier.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    with pytest.raises(store.SaveError, match="link or a folder"):
        store.save(link, named("x"))
    assert target.read_text() == "precious"
    assert link.is_symlink()
    folder = tmp_path / "data2" / "dossier.toml"
    folder.mkdir(parents=True)
    with pytest.raises(store.SaveError, match="link or a folder"):
        store.save(folder, named("x"))
    assert folder.is_dir()


def test_backup_is_private_even_if_the_old_file_was_not(data_file):
    store.save(data_file, named("old"))
    os.chmod(data_file, 0o644)  # widened by hand
    store.Store(data_file).save(named("new"))
    assert stat.S_IMODE(store.backup_path(data_file).stat().st_mode) == 0o600
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o600
