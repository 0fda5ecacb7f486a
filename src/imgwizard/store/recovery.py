"""An edit that could not be saved, written beside the file for the next start to offer."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from imgwizard.model import Dossier
from imgwizard.store.codec import dumps
from imgwizard.store.errors import StoreError
from imgwizard.store.paths import recovery_path
from imgwizard.store.writing import write_atomic


def write_recovery(path: Path, dossier: Dossier) -> Path | None:
    """Write a dossier that could not be saved to `<name>.recovery` beside the file, else to
    a new private folder in the temp folder. Returns where it went (None: nowhere)."""
    data = dumps(dossier).encode("utf-8")
    beside = recovery_path(path)
    with contextlib.suppress(OSError, StoreError):
        write_atomic(beside, data)
        return beside
    try:
        folder = Path(tempfile.mkdtemp(prefix="imgwizard-recovery-"))  # 0700, ours alone
        target = folder / beside.name
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            with contextlib.suppress(OSError):
                target.unlink()
                folder.rmdir()
            return None
        return target
    except OSError:
        return None
