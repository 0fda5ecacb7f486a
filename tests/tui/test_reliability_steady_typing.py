"""Steady typing is saved while it goes on (issue #12, point 3).

The autosave used to wait for 0.4 s of quiet, and every key restarted the wait: 60 characters
typed at 0.12 s intervals were all lost to a `kill -9`. Now a save happens at least every
MAX_WAIT seconds while edits keep coming. Measured on the real program under a
pseudo-terminal: type steadily, watch the file grow while typing, kill -9 at the last key."""

from __future__ import annotations

import time

from imgwizard import store
from imgwizard.tui.autosave import MAX_WAIT, QUIET, Autosaver
from tests.tui.test_reliability_wizard import Terminal

TYPED = "Prelim medicine at community hospitals, then SOAP if needed..."[:60]
INTERVAL = 0.12


def saved_plan(path) -> str:
    try:
        return store.load(path).backup_plan or ""
    except (FileNotFoundError, store.StoreError):
        return ""  # not written yet (or caught between two writes: never, replace is atomic)


def test_steady_typing_is_saved_while_it_goes_on_and_survives_kill_9(data_file, tmp_path):
    term = Terminal(data_file, tmp_path / "stacks.txt")
    growth: list[tuple[float, int]] = []  # (seconds since the first key, characters on disk)
    try:
        term.wait_for(b"Step 1 of 11")
        term.to_backup_plan()
        term.pump(0.5)
        start = time.monotonic()
        for char in TYPED:
            term.keys(char)
            term.pump(INTERVAL)
            growth.append((time.monotonic() - start, len(saved_plan(data_file))))
        typing_took = time.monotonic() - start
        term.kill()  # SIGKILL at the last key: no chance to flush anything
    finally:
        term.kill()
    plan = saved_plan(data_file)
    assert len(TYPED) == 60
    assert TYPED.startswith(plan), plan  # what is on disk is what was typed, in order
    # Typing took ~7 s; saves come at least every MAX_WAIT (plus a save's own time and the
    # machine's load), so all but the last few seconds of typing are on disk.
    lost_chars = len(TYPED) - len(plan)
    assert lost_chars * INTERVAL <= MAX_WAIT + QUIET + 1.5, (len(plan), typing_took, growth)
    # ... and the file grew while the typing went on, not only at the end.
    during = {chars for seconds, chars in growth if seconds < typing_took - MAX_WAIT}
    assert len(during - {0}) >= 2, growth


def test_save_delay_is_capped_by_the_first_pending_edit():
    saver = Autosaver(store.Store(__file__), lambda: None)  # type: ignore[arg-type]
    assert saver.save_delay(now=100.0) == QUIET  # nothing pending
    saver.edited(now=100.0)
    assert saver.save_delay(now=100.0) == QUIET
    for t in (100.1, 100.5, 101.0, 101.5):  # a key every 0.1-0.5 s keeps the quiet wait ...
        saver.edited(now=t)
        assert saver.save_delay(now=t) == QUIET
    saver.edited(now=101.8)
    assert abs(saver.save_delay(now=101.8) - (MAX_WAIT - 1.8)) < 1e-9  # ... until the cap
    saver.edited(now=102.5)
    assert saver.save_delay(now=102.5) == 0.0  # overdue: save at once
    saver.save_started()
    saver.edited(now=102.6)  # the next edit starts a new wait
    assert saver.save_delay(now=102.6) == QUIET
