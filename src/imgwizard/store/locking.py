"""The session lock (flock) naming its holder, so a second session can say who has the file."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

import tomli as tomllib  # the compiled upstream of tomllib: parses ~2x faster
import tomli_w

from imgwizard.store.errors import LockError, ReadOnlyFileSystem, StoreError, reason
from imgwizard.store.paths import backup_path, lock_path
from imgwizard.store.reading import check_kind
from imgwizard.store.writing import ensure_folder, give, owner_for


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: dt.datetime

    def describe(self) -> str:
        when = self.since.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{self.user or 'someone'} (pid {self.pid} on {self.host}, since {when})"

    def to_text(self) -> str:
        return tomli_w.dumps(
            {"pid": self.pid, "host": self.host, "user": self.user, "since": self.since}
        )

    @classmethod
    def from_text(cls, text: str) -> LockInfo | None:
        try:
            data = tomllib.loads(text)
            since = data["since"]
            if not isinstance(since, dt.datetime):
                return None
            return cls(int(data["pid"]), str(data["host"]), str(data.get("user", "")), since)
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
            return None

    @classmethod
    def mine(cls) -> LockInfo:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = ""
        return cls(
            os.getpid(), socket.gethostname(), user, dt.datetime.now(dt.UTC).replace(microsecond=0)
        )


class LockHeld(StoreError):
    headline = "the data file is open in another imgwizard session"

    def __init__(self, path: Path, holder: LockInfo | None):
        self.holder = holder
        who = holder.describe() if holder else "an unknown process"
        super().__init__(
            path,
            [f"held by {who}"],
            # The wizard offers its read-only mode on its own screen; a command that changes
            # the file has no read-only form, so none is suggested here.
            hint="close the other session (or let it finish) and run this again. Nothing "
            "was changed. `imgwizard check`, `season` and `export` only read the file and "
            "work while it is open.",
        )


def read_lock(path: Path) -> LockInfo | None:
    try:
        return LockInfo.from_text(lock_path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


@dataclass
class Lock:
    """A held lock on a dossier file. Release it, or let the process end."""

    path: Path
    fd: int
    taken_over: LockInfo | None = None  # a dead session's lock we replaced
    released: bool = field(default=False)
    created: bool = False  # this session created the lock file

    def abandon(self) -> None:
        """Release after the data file was refused: a lock file this session created goes
        too, so a file imgwizard would not use gets nothing new beside it. (Removed while
        still held: any other session opening it now fails to lock and says so.)"""
        if self.created and not self.released:
            with contextlib.suppress(OSError):
                if os.path.samestat(os.fstat(self.fd), os.stat(self.path, follow_symlinks=False)):
                    os.unlink(self.path)
        self.release()

    def release(self) -> None:
        if self.released:
            return
        import fcntl

        self.released = True
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
        with contextlib.suppress(OSError):
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        with contextlib.suppress(OSError):
            os.close(self.fd)


def remove_leftovers(path: Path) -> list[Path]:
    """Delete the temporary files a session killed inside a save left beside the dossier.

    Only safe while holding the lock: every writer of the dossier holds it, so no save is
    under way. The data file and its backup are never touched."""
    prefix, removed = f".{path.name}.", []
    bak_tmp = backup_path(path).name + ".tmp"
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            ours = name.startswith(prefix) and name.endswith(".tmp")
            # mkstemp adds 8 random characters between our prefix and suffix.
            if (ours and len(name) == len(prefix) + 8 + 4) or name == bak_tmp:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def acquire_lock(path: Path) -> Lock:
    """Take the lock on the dossier at path, or raise LockHeld naming its holder (LockError
    when the lock file cannot be made or written: read-only file system, full disk)."""
    import fcntl

    path = Path(path)
    lp = lock_path(path)
    # A data file that will be refused anyway (a link, a folder, a pipe) gets no lock file.
    with contextlib.suppress(FileNotFoundError):
        check_kind(path)
    created = False
    try:
        ensure_folder(lp.parent)
        flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(lp, flags | os.O_CREAT | os.O_EXCL, 0o600)
            created = True
        except FileExistsError:
            fd = os.open(lp, flags)
    except OSError as exc:
        kind = ReadOnlyFileSystem if exc.errno == errno.EROFS else LockError
        raise kind(
            path,
            [f"cannot create the lock file {lp}: {reason(exc)}"],
            **({} if kind is ReadOnlyFileSystem else {"hint": _LOCK_HINT}),
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise LockHeld(path, read_lock(path)) from None
    lock = Lock(lp, fd, created=created)
    try:
        if created:  # the lock file belongs to whoever owns the data file
            give(fd, owner_for(path), lp, required=False)
        previous = LockInfo.from_text(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
        if previous is not None:
            # The last holder died without releasing: it may have been killed inside a save.
            remove_leftovers(path)
        data = LockInfo.mine().to_text().encode()
        os.ftruncate(fd, 0)
        if os.pwrite(fd, data, 0) != len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    except OSError as exc:
        lock.abandon()
        raise LockError(
            path, [f"cannot write the lock file {lp}: {reason(exc)}"], hint=_LOCK_HINT
        ) from None
    with contextlib.suppress(OSError):
        os.fsync(fd)
    lock.taken_over = previous
    return lock


_LOCK_HINT = (
    "free some disk space or fix the folder's permissions, then try again; or open the "
    "wizard read-only (imgwizard --read-only), which needs no lock. Nothing was changed."
)
