"""An edit that could not be saved when the session ended is not lost silently.

When the last save fails as the wizard ends (SIGTERM or SIGHUP with the disk full, the file
made read-only, or "Quit anyway"), the dossier in memory is written to a recovery file
(store.write_recovery: `<name>.recovery` beside the file, else a private folder in the temp
folder) and the wizard says where on the terminal it leaves. The next start finds the file
beside the dossier and offers it: use it (saved at once; the file it replaces is kept as the
backup) or keep it for later.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from imgwizard import store
from imgwizard.model import Dossier

if TYPE_CHECKING:  # the screen is imported when a recovery file is offered, not at every start
    from imgwizard.tui.screens.confirm import ConfirmScreen


def keep_unsaved(path: Path, dossier: Dossier, error: store.SaveError) -> str:
    """Write the recovery file; the message to print when the wizard has left the screen."""
    reason = ", ".join(str(p) for p in error.problems) or "unknown error"
    where = store.write_recovery(path, dossier)
    if where is None:
        return (
            f"imgwizard: your latest changes could not be saved to {path} ({reason}), and "
            "no recovery file could be written either: they are lost. The last saved file is "
            "intact."
        )
    return (
        f"imgwizard: your latest changes could not be saved to {path} ({reason}).\n"
        f"They were written to {where}. Start imgwizard again"
        + (
            ""
            if where == store.recovery_path(path)
            else f" after copying it to {store.recovery_path(path)}"
        )
        + " and it offers to use them; the last saved file is intact."
    )


def pending(path: Path) -> Path | None:
    """The recovery file beside the dossier, if there is one."""
    recovery = store.recovery_path(path)
    return recovery if recovery.is_file() and not recovery.is_symlink() else None


def offer(recovery: Path) -> ConfirmScreen:
    from imgwizard.tui.screens.confirm import ConfirmScreen

    when = dt.datetime.fromtimestamp(recovery.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return ConfirmScreen(
        "Unsaved changes from a previous session",
        f"A session that ended on {when} could not save its latest changes; they were kept "
        f"in\n{recovery}\n\nUse them now? They replace what the data file holds (the file "
        "as it is now is kept as its backup, .bak). Not now keeps the recovery file where it is "
        "for later; delete it to stop being asked.",
        yes="Use them",
        no="Not now",
    )


def restore(recovery: Path, save) -> tuple[Dossier | None, str]:
    """Load the recovery file and hand it to `save` (which raises SaveError); remove it once
    saved. Returns the dossier (None when it cannot be read) and what to tell the user."""
    try:
        dossier = store.load(recovery)
    except (OSError, store.StoreError) as exc:
        detail = exc.describe() if isinstance(exc, store.StoreError) else str(exc)
        return None, f"The recovery file cannot be used; it is left as it is.\n{detail}"
    try:
        save(dossier)
    except store.SaveError as exc:
        reason = ", ".join(str(p) for p in exc.problems)
        return (
            dossier,
            f"Using the recovered changes; saving them failed ({reason}) and is retried.",
        )
    recovery.unlink(missing_ok=True)
    return dossier, "The recovered changes are in use and saved."
