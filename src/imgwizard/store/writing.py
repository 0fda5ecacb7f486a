"""Atomic save: temporary file (0600), fsync, rename, folder fsync; backup; ownership kept."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from imgwizard.model import Dossier
from imgwizard.store.codec import Snapshot, encode, snapshot
from imgwizard.store.errors import OwnerError, SaveError, StoreError, reason
from imgwizard.store.paths import backup_path


def ensure_folder(folder: Path) -> None:
    """Create the folder (and missing parents) as 0700; existing folders are left alone."""
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for item in reversed(missing):
        with contextlib.suppress(FileExistsError):
            item.mkdir(mode=0o700)
        os.chmod(item, 0o700)  # the umask may have taken bits away; never adds any


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _user_name(uid: int) -> str:
    import pwd

    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def owner_for(path: Path) -> tuple[int, int] | None:
    """Who a file written at `path` must belong to, when that is not simply us: the owner and
    group of the file already there; for a new file written by root (sudo), the folder's
    owner. None when the kernel's default (us) is right."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        if os.geteuid() != 0:
            return None
        try:
            st = os.stat(path.parent)
        except OSError:
            return None
    wanted = (st.st_uid, st.st_gid)
    return None if wanted == (os.geteuid(), os.getegid()) else wanted


def give(fd: int, owner: tuple[int, int] | None, path: Path, *, required: bool = True) -> None:
    """Hand the open file `fd` to `owner` (see owner_for). When that is refused and `required`,
    raise OwnerError: replacing the file would take it from its owner."""
    if owner is None:
        return
    try:
        os.fchown(fd, *owner)
    except OSError:
        # Our own file whose group we may not give (not a member): it stays ours, with our
        # group; nothing is taken from anyone.
        if required and owner[0] != os.geteuid():
            raise OwnerError(
                path,
                [
                    f"it belongs to {_user_name(owner[0])}, group {owner[1]}; saving it as "
                    f"{_user_name(os.geteuid())} would take it from its owner"
                ],
                hint="run imgwizard as the file's owner (without sudo). Nothing was changed.",
            ) from None


def _keep_backup(path: Path) -> None:
    """Keep the current file as <name>.bak (a hard link where the file system allows)."""
    bak = backup_path(path)
    tmp = bak.with_name(bak.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        try:
            os.link(path, tmp)  # the same file: same owner, group and contents
        except OSError:
            owner = owner_for(path)
            data = path.read_bytes()
            # O_EXCL | O_NOFOLLOW: never write through a link planted in a shared folder
            # between the unlink above and this open.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(tmp, flags, 0o600)
            with os.fdopen(fd, "wb") as handle:
                give(handle.fileno(), owner, path)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, bak)
    except BaseException:  # a failed copy (disk full) must not leave the .bak.tmp behind
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Write bytes so that the file is either the old version or the new one, never half.
    The new file keeps the owner and group of the one it replaces (or the save is refused)."""
    path = Path(path)
    folder = path.parent
    try:
        ensure_folder(folder)
        if path.is_symlink() or path.is_dir():
            raise SaveError(path, ["the path is a link or a folder; refusing to replace it"])
        owner = owner_for(path)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                # Before any byte is written: a refusal leaves nothing but this empty file,
                # removed below. A new file (no owner to keep) is handed over where allowed.
                give(handle.fileno(), owner, path, required=path.exists())
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            backed_up = backup and path.exists()
            if backed_up:
                _keep_backup(path)
            os.replace(tmp_name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        if backed_up:
            # A hard-linked backup keeps the old file's mode; if that was widened by hand,
            # narrow the backup to the owner (never widen). The live file is new and 0600.
            with contextlib.suppress(OSError):
                bak = backup_path(path)
                os.chmod(bak, stat.S_IMODE(bak.stat().st_mode) & 0o600)
        _fsync_dir(folder)
    except StoreError:
        raise
    except OSError as exc:
        raise SaveError(path, [reason(exc)]) from exc


def save(path: Path, dossier: Dossier | Snapshot, *, backup: bool = True) -> None:
    """Save the dossier, or a snapshot of it taken earlier (store.snapshot: on the thread that
    edits it, so that a save in another thread writes it as it was between two edits)."""
    taken = dossier if isinstance(dossier, Snapshot) else snapshot(dossier)
    write_atomic(Path(path), encode(taken), backup=backup)
