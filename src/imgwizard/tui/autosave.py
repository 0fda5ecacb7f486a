"""Autosave bookkeeping shared by the UI thread and the save worker thread.

Every edit bumps `generation`. A save writes a snapshot of the dossier taken on the UI thread
when it starts (so between two edits, never inside one: `store.snapshot`, ~2 ms for 3,000
programs), encodes and writes it in a worker thread, and records the generation it was asked
for; a save for a generation that a newer save already
covered is skipped, so saves finishing out of order never write older data over newer. One
lock makes saves strictly one at a time (the worker's and the synchronous flush on exit).

When to save: QUIET seconds after the latest edit, but never more than MAX_WAIT seconds after
the first edit not yet on its way to disk. Without that cap steady typing (a key every 0.12 s)
restarted the quiet timer forever and nothing was saved until the typist paused: all of it was
lost to a crash or `kill -9` (issue #12).

No Textual here: the app schedules (debounce timer, worker thread, retries) and shows status.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from imgwizard.model import Dossier
from imgwizard.store import Snapshot, Store, snapshot

QUIET = 0.4  # seconds of quiet after an edit before saving
MAX_WAIT = 2.0  # ... but save at least this often while edits keep coming


# Seconds to wait after a failed save before trying again: 1, 2, 4 ... at most 30.
def retry_delay(failures: int) -> float:
    return float(min(30, 2 ** max(0, failures - 1)))


class Autosaver:
    def __init__(self, store: Store, dossier: Callable[[], Dossier]) -> None:
        self.store = store
        self._dossier = dossier
        self._lock = threading.Lock()
        self.generation = 0  # bumped on every edit (UI thread)
        self.saved_generation = 0  # the newest generation on disk
        self.failures = 0  # failed saves in a row
        self.pending_since: float | None = None  # first edit not yet handed to a save

    @property
    def dirty(self) -> bool:
        return self.saved_generation < self.generation

    def edited(self, now: float | None = None) -> int:
        if self.pending_since is None:
            self.pending_since = time.monotonic() if now is None else now
        self.generation += 1
        return self.generation

    def save_delay(self, now: float | None = None) -> float:
        """Seconds from now until the pending edits are saved: QUIET, or less when the first
        of them has waited nearly MAX_WAIT already."""
        if self.pending_since is None:
            return QUIET
        now = time.monotonic() if now is None else now
        return max(0.0, min(QUIET, self.pending_since + MAX_WAIT - now))

    def save_started(self) -> None:
        """A save is taking the edits made so far: the next edit starts a new wait."""
        self.pending_since = None

    def snapshot(self) -> Snapshot:
        """The dossier as it is now, for a save in another thread: take it on the thread that
        edits the dossier, so that it falls between two edits, never inside one."""
        return snapshot(self._dossier())

    def save(self, generation: int | None = None, taken: Snapshot | None = None) -> bool:
        """Save now, in the calling thread: the snapshot `taken` (for `generation`), or the
        dossier as it is. Returns False when there was nothing to write. Raises
        store.SaveError (the edit stays in memory; the caller retries)."""
        generation = self.generation if generation is None else generation
        with self._lock:
            if generation <= self.saved_generation:
                return False
            try:
                self.store.save(self._dossier() if taken is None else taken)
            except BaseException:
                self.failures += 1
                raise
            self.failures = 0
            self.saved_generation = max(self.saved_generation, generation)
            return True
