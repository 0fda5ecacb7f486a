"""One wizard session on one data file: the lock, autosave scheduling, and the ways out.

The app asks; the session keeps the file safe:
- the data file's lock, taken on start and given back on every way out (the quit key, the end
  of the app, SIGHUP from a dropped SSH connection, SIGTERM);
- autosave: an edit schedules a save after autosave.QUIET seconds of quiet, but at most
  autosave.MAX_WAIT after the first unsaved edit (steady typing is saved too), in a worker
  thread; a failed save is retried (1, 2, 4 ... 30 s) and said once;
- an edit the file cannot take when the session ends goes to a recovery file (tui.recovery),
  and the exit note says where;
- signals: SIGHUP/SIGTERM save, release the lock and exit, with a hard exit after
  SIGNAL_EXIT_GRACE seconds in a real run (restoring a vanished terminal can hang).

The save indicator goes to the app's `set_save_state` (which announces it). No screen and no
pane is imported here.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

from textual.message import Message

from imgwizard.safe_text import visible
from imgwizard.store import SaveError, Snapshot, Store
from imgwizard.tui import recovery
from imgwizard.tui.autosave import Autosaver, retry_delay
from imgwizard.tui.shell import ShellApp

SIGNAL_EXIT_GRACE = 3.0  # seconds a SIGHUP/SIGTERM shutdown may take before a hard exit


class SaveFinished(Message):
    """Posted by the save worker thread (post_message is thread-safe)."""

    def __init__(self, generation: int, error: SaveError | None = None) -> None:
        super().__init__()
        self.generation = generation
        self.error = error


class Session:
    def __init__(self, app: ShellApp, store: Store, clock: Callable[[], Any]) -> None:
        self.app = app
        self.store = store
        self.clock = clock
        self.saver = Autosaver(store, lambda: app.dossier)  # type: ignore[arg-type,return-value]
        self.hard_exit_on_signal = False  # run_wizard sets it
        self.exiting_on_signal = False
        self.released = False
        self._save_timer: Any = None
        self._retry_timer: Any = None
        self._signals: list[int] = []
        self.exit_note = ""  # printed on the terminal once the wizard has left the screen

    # ------------------------------------------------------------------ lock
    def acquire(self) -> None:
        """Take the file's lock (LockHeld if another session has it, StoreError)."""
        self.store.acquire()

    def release(self) -> None:
        self.store.release()
        self.released = True

    # ------------------------------------------------------------------ autosave
    def schedule_save(self) -> None:
        self.saver.edited()
        if self.app.save_state != "saving…":
            self.app.set_save_state("saving…")
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        delay = self.saver.save_delay()
        if delay <= 0:
            # Overdue (steady typing): save now. A timer's event would queue behind the keys
            # still waiting and be cancelled by the next one, so it never fires while typing.
            self.start_save()
        else:
            self._save_timer = self.app.set_timer(delay, self.start_save)

    def start_save(self) -> None:
        self._save_timer = None
        if not self.saver.dirty or self.app.read_only or self.released:
            return
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        generation = self.saver.generation
        taken = self.saver.snapshot()  # here, between two edits; encoded and written there
        self.saver.save_started()
        self.app.run_worker(
            lambda: self._save_in_thread(generation, taken),
            thread=True,
            exclusive=True,
            group="autosave",
            exit_on_error=False,
        )

    def _save_in_thread(self, generation: int, taken: Snapshot) -> None:
        try:
            self.saver.save(generation, taken)
        except SaveError as exc:
            self.app.post_message(SaveFinished(generation, exc))
        else:
            self.app.post_message(SaveFinished(generation))

    def save_finished(self, message: SaveFinished) -> None:
        """The worker's save ended (on the UI thread): say so, retry a failure later."""
        if message.error is None:
            if self.saver.dirty:
                self.app.set_save_state("saving…" if self._save_timer else "changed")
            else:
                self.app.set_save_state(f"saved {self.clock():%H:%M:%S}")
            return
        reason = ", ".join(str(p) for p in message.error.problems) or "unknown error"
        delay = retry_delay(self.saver.failures)
        self.app.set_save_state(f"not saved — {reason}, retrying")
        if self.saver.failures == 1:
            hint = message.error.hint
            self.app.notify(
                f"Could not save: {reason}. Your changes are kept and saving is retried. "
                f"{hint[:1].upper()}{hint[1:]}",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
        if self._retry_timer is not None:
            self._retry_timer.stop()
        self._retry_timer = self.app.set_timer(delay, self.start_save)

    def has_unsaved(self) -> bool:
        return not self.app.read_only and self.app.dossier is not None and self.saver.dirty

    def flush_and_release(self) -> bool:
        """Save what is pending, synchronously, then give the lock back. Safe to call more than
        once and from a signal handler. Returns False if the last save failed."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        ok = True
        # Never after the lock is given back (a second call): another session may hold it now.
        if not self.released and self.has_unsaved():
            try:
                self.saver.save()
            except SaveError as exc:
                ok = False
                self.keep_unsaved(exc)
        self.release()
        return ok

    def quit_anyway(self) -> None:
        """The user quits although the last save failed: one last try, else the recovery file."""
        if not self.released and self.has_unsaved():
            try:
                self.saver.save()
            except SaveError as exc:
                self.keep_unsaved(exc)
        self.release()

    def keep_unsaved(self, error: SaveError) -> None:
        """The session ends with an edit the file could not take: write it elsewhere, once."""
        if not self.exit_note and self.app.dossier is not None:
            self.exit_note = recovery.keep_unsaved(self.store.path, self.app.dossier, error)

    # ------------------------------------------------------------------ signals
    def install_signal_handlers(self) -> None:
        """SIGHUP (the terminal went away, e.g. a dropped SSH connection) and SIGTERM: save,
        release the lock, exit."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            # imgwizard is POSIX-only (flock, SIGHUP), where the loop always supports this; a
            # loop outside the main thread (some test runners) raises RuntimeError/ValueError.
            with contextlib.suppress(RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.on_signal, sig)
                self._signals.append(sig)

    def remove_signal_handlers(self) -> None:
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            for sig in self._signals:
                with contextlib.suppress(RuntimeError, ValueError):
                    loop.remove_signal_handler(sig)
        self._signals.clear()

    def on_signal(self, sig: int) -> None:
        self.exiting_on_signal = True
        self.flush_and_release()
        # With the terminal gone, restoring it can block or fail; the data is safe and the lock
        # is free by now, so do not let a stuck shutdown keep the process alive.
        # (Only in a real run: under a test the process must live on.)
        if self.hard_exit_on_signal:
            watchdog = threading.Timer(SIGNAL_EXIT_GRACE, self._hard_exit, (128 + sig,))
            watchdog.daemon = True
            watchdog.start()
        self.app.exit(return_code=128 + sig)

    def _hard_exit(self, code: int) -> None:
        if self.exit_note:
            with contextlib.suppress(OSError):
                os.write(2, f"\n{visible(self.exit_note)}\n".encode())
        os._exit(code)
