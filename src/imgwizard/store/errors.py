"""What can go wrong with the file, each error naming the file, the place and what to do."""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (line and/or field) and what."""

    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field {self.field}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class StoreError(Exception):
    """Anything that stops the dossier file from being used. The file is left untouched."""

    headline = "cannot use the data file"
    hint = "imgwizard has not changed the file."
    offers_read_only = False  # True where the wizard's read-only mode would work

    def __init__(self, path: Path, problems: Iterable[Problem | str] = (), hint: str | None = None):
        self.path = Path(path)
        self.problems = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        if hint is not None:
            self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = [f"{self.headline}: {self.path}"]
        lines += [f"  - {p}" for p in self.problems]
        lines.append(f"What to do: {self.hint}")
        return "\n".join(lines)


class UnreadableFile(StoreError):
    headline = "cannot read the data file"


class CorruptFile(StoreError):
    headline = "the data file is not valid TOML"
    hint = (
        "open it in a text editor and fix the line named above, or restore the backup "
        "(<file>.bak) by copying it over the file. imgwizard has not changed the file."
    )


class InvalidDossier(StoreError):
    headline = "the data file has values imgwizard cannot accept"
    hint = (
        "correct the fields named above in a text editor (or restore <file>.bak). "
        "imgwizard has not changed the file."
    )


class FutureSchema(StoreError):
    headline = "the data file was written by a newer imgwizard"
    hint = "upgrade imgwizard (pip install -U imgwizard). imgwizard has not changed the file."


class LockError(StoreError):
    """The lock could not be taken for a reason other than another session holding it."""

    headline = "cannot lock the data file for this session"
    # The wizard's read-only mode takes no lock and writes nothing: it works here.
    offers_read_only = True


class ReadOnlyFileSystem(LockError):
    headline = "the data file is on a read-only file system"
    hint = (
        "nothing can be saved there. Open it read-only to see everything (imgwizard "
        "--read-only; the wizard offers it here); `imgwizard check`, `season` and `export` "
        "work too. To make changes, copy the file somewhere writable and use --data-file. "
        "Nothing was changed."
    )


class SaveError(StoreError):
    headline = "could not save the data file"
    hint = "free disk space or fix the folder's permissions. The last saved file is intact."


class OwnerError(SaveError):
    headline = "will not save a file that belongs to another user"


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
}


def reason(exc: OSError) -> str:
    """An OSError in plain words (no errno numbers)."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def short_repr(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
