"""Autosave bookkeeping shared by the UI thread and the save worker thread.

Every edit bumps `generation`. A save writes whatever the dossier holds at that moment and
records the generation it was asked for; a save for a generation that a newer save already
covered is skipped, so saves finishing out of order never write older data over newer. One
lock makes saves strictly one at a time (the worker's and the synchronous flush on exit).

No Textual here: the app schedules (debounce timer, worker thread, retries) and shows status.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from imgwizard.model import Dossier
from imgwizard.store import Store


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

    @property
    def dirty(self) -> bool:
        return self.saved_generation < self.generation

    def edited(self) -> int:
        self.generation += 1
        return self.generation

    def save(self, generation: int | None = None) -> bool:
        """Save now, in the calling thread. Returns False when there was nothing to write.
        Raises store.SaveError (the edit stays in memory; the caller retries)."""
        generation = self.generation if generation is None else generation
        with self._lock:
            if generation <= self.saved_generation:
                return False
            try:
                # model_dump runs inside pydantic-core without releasing the GIL, so the
                # snapshot it takes is consistent even while the UI thread edits.
                self.store.save(self._dossier())
            except BaseException:
                self.failures += 1
                raise
            self.failures = 0
            self.saved_generation = max(self.saved_generation, generation)
            return True
