"""The one module that touches the dossier file on disk.

Load: read, parse TOML, migrate older schema versions, validate. A file that cannot be read,
parsed or validated raises a `StoreError` that names the file, the line or field, and what to
do; the file itself is never written to in that case.

Save: serialise, write a temporary file in the same folder (created 0600), flush, fsync,
`os.replace` over the real file, fsync the folder. The first save of a session keeps the file
as it was as `<name>.bak`, so a session of bad edits can always be undone.

Lock: `<name>.lock` held with `flock`; it names the holder (pid, host, user, since) so a second
session can say who has the file. The kernel drops the lock when its holder dies, so a stale
lock is simply taken over. A lock file created for a file that was then refused is removed.

Ownership: a save (and the backup and the lock file) keeps the owner and group of the file it
replaces, so `sudo imgwizard ...` on someone's file never takes it from them; when that cannot
be done the save is refused and the file left as it was.

Recovery: an edit that could not be saved when the session ended (a full disk, a file made
read-only) is written to `<name>.recovery` beside the file (or a private folder in the temp
folder when even that fails); the wizard offers it on the next start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imgwizard.model import SCHEMA_VERSION, Dossier, new_dossier  # noqa: F401  (re-exported)
from imgwizard.store.codec import (  # noqa: F401
    Snapshot,
    dump_bytes,
    dumps,
    encode,
    snapshot,
    to_data,
)
from imgwizard.store.errors import (  # noqa: F401
    CorruptFile,
    FutureSchema,
    InvalidDossier,
    LockError,
    OwnerError,
    Problem,
    ReadOnlyFileSystem,
    SaveError,
    StoreError,
    UnreadableFile,
    reason,
)
from imgwizard.store.locking import (  # noqa: F401
    Lock,
    LockHeld,
    LockInfo,
    acquire_lock,
    read_lock,
    remove_leftovers,
)
from imgwizard.store.migrations import (  # noqa: F401
    MIGRATIONS,
    _v1_to_v2_signals,
    migrate,
)
from imgwizard.store.paths import (  # noqa: F401
    APP_NAME,
    ENV_VAR,
    FILE_NAME,
    FOOTER,
    HEADER,
    backup_path,
    default_path,
    lock_path,
    recovery_path,
    resolve_path,
)
from imgwizard.store.reading import (  # noqa: F401
    check_kind,
    load,
    load_or_new,
    parse,
    permission_warnings,
    read_text,
    validation_problems,
)
from imgwizard.store.recovery import (  # noqa: F401
    write_recovery,
)
from imgwizard.store.writing import (  # noqa: F401
    ensure_folder,
    give,
    owner_for,
    save,
    write_atomic,
)


class Store:
    """One session's view of one dossier file: load once, save often, back up once."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._backed_up = False
        self.lock: Lock | None = None

    @property
    def backup_path(self) -> Path:
        return backup_path(self.path)

    def load_or_new(self, today: dt.date | None = None) -> tuple[Dossier, bool]:
        return load_or_new(self.path, today)

    def save(self, dossier: Dossier | Snapshot) -> None:
        """Save the dossier or a snapshot of it (writing.save); the first save that finds a
        file there keeps it as the backup."""
        backing_up = not self._backed_up and self.path.exists()
        save(self.path, dossier, backup=backing_up)
        self._backed_up = self._backed_up or backing_up

    def acquire(self) -> Lock:
        self.lock = acquire_lock(self.path)
        return self.lock

    def release(self, *, refused: bool = False) -> None:
        """Give the lock back; `refused`: the file was not used, so a lock file this session
        created goes too (Lock.abandon)."""
        if self.lock is not None:
            self.lock.abandon() if refused else self.lock.release()
            self.lock = None
