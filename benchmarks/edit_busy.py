"""How long one edit keeps the wizard's UI thread busy (issue #18), run by benchmarks/run.py.

    .venv/bin/python benchmarks/edit_busy.py DOSSIER.toml [--chars 12] [--json]

Runs the wizard in this process (Textual's headless test driver, 80x24) on DOSSIER, waits until
every pane is built, then types into text fields of several steps, one key at a time, each key
followed by a quiet moment. Every callback the asyncio loop runs (a message handler, a timer, a
task's step: what keeps the UI thread from answering the next key) is timed by wrapping
`asyncio.Handle._run`; per key the longest one counts. Nothing here asserts a time.

Edits, in order: the applicant's full name (step 1), the NRMP ID (step 7), the geography
explanation and a program's signal tier (`g` in the programs table, step 2), then one save
(the autosave's 0.4 s quiet passes) whose completion is handled on the UI thread too.

Then, reported apart (a filter changes what the table shows, not the dossier): FILTER typed
into the programs step's filter and taken back key by key. Every program of
make_large_dossier.py is a "... Program #N": the letters keep every row, "#1" and "#12" keep
a third and a thirtieth of them, and the last backspaces bring every row back.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import statistics
import sys
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 24)
QUIET = 0.12  # seconds after each key: time for a worker's result to arrive and be applied
# The steps the fields below are on, by the number key that shows each.
STEP_OF_KEY = {"1": "specialty", "2": "programs", "7": "nrmp"}
FILTER = "program #12"
FILTER_LABEL = "programs filter (step 2)"


class BusyMeter:
    """Times every callback the event loop runs while `recording`, except the steps of the
    harness's own task: the test pilot's press() and pause() post a message to every widget
    and wait for each (8-16 ms at 3,000 programs), work the wizard never does for a key."""

    def __init__(self) -> None:
        self.recording = False
        self.harness: asyncio.Task | None = None
        self.spans: list[float] = []
        self.cpu_spans: list[float] = []
        self._original = asyncio.events.Handle._run

    def is_harness(self, handle: asyncio.Handle) -> bool:
        """A step of the harness's task (a task's step is its bound __wakeup/__step)."""
        owner = getattr(handle._callback, "__self__", None)
        return self.harness is not None and owner is self.harness

    def install(self) -> None:
        meter, original = self, self._original

        def _run(handle):
            if not meter.recording or meter.is_harness(handle):
                return original(handle)
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return original(handle)
            finally:
                meter.spans.append((time.perf_counter() - started) * 1000)
                meter.cpu_spans.append((time.thread_time() - cpu) * 1000)

        asyncio.events.Handle._run = _run  # type: ignore[method-assign]

    def take(self) -> tuple[float, float]:
        """(longest wall time, longest CPU time of the UI thread) of one callback since the
        last call. Wall time includes waiting for the GIL (a worker thread) and for the CPU
        (other programs on a shared machine); CPU time is the UI thread's own work."""
        worst = max(self.spans, default=0.0), max(self.cpu_spans, default=0.0)
        self.spans, self.cpu_spans = [], []
        return worst


async def settle(app, pilot) -> None:
    """Every pane built and the start-up's deferred work done, as an applicant finds the
    wizard a few seconds after it starts."""
    for _ in range(200):
        await pilot.pause(0.05)
        if len(getattr(app.screen, "mounted_panes", lambda: [])()) >= 11:
            break
    await pilot.pause(0.6)
    await app.workers.wait_for_complete()
    app.screen.startup_finished()  # what the wizard does by GC_BACK_AFTER at the latest


async def _measure(path: Path, chars: int) -> dict:
    from imgwizard.settings import Settings
    from imgwizard.tui.app import WizardApp

    meter = BusyMeter()
    meter.install()
    meter.harness = asyncio.current_task()
    gc.disable()  # as `imgwizard` starts (commands/run.py); the wizard turns it back on, frozen
    app = WizardApp(path, today=TODAY, settings=Settings(), preload=True)
    per_key: dict[str, list[float]] = {}
    per_key_cpu: dict[str, list[float]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        # Every pane built, the start-up's deferred work done.
        await settle(app, pilot)

        async def type_into(
            label: str, step_key: str, selector: str, keys: str | list[str] = ""
        ) -> None:
            # The step's number goes to the sidebar: pressed in the field typed into last, it
            # was typed into that field, and the keys below went to a pane not on screen.
            app.screen.query_one("#sidebar").focus()
            await pilot.pause(QUIET)
            await pilot.press(step_key)
            await pilot.pause(QUIET)
            wanted = STEP_OF_KEY[step_key]
            if app.current_step != wanted:
                raise RuntimeError(f"edit_busy: step {wanted!r} not shown ({app.current_step})")
            found = app.screen.query(selector)
            if not found:
                return
            widget = found.first()
            widget.focus()
            await pilot.pause(QUIET)
            times = per_key.setdefault(label, [])
            cpu_times = per_key_cpu.setdefault(label, [])
            # A list is pressed as it is; letters are pressed in turn, `chars` of them.
            letters = keys or "abcdefghij"
            pressed = (
                keys
                if isinstance(keys, list)
                else [letters[i % len(letters)] for i in range(chars)]
            )
            for key in pressed:
                meter.take()
                meter.recording = True
                await pilot.press(key)
                await pilot.pause(QUIET)
                meter.recording = False
                wall, cpu = meter.take()
                times.append(wall)
                cpu_times.append(cpu)

        await type_into("full name (step 1)", "1", "#full-name Input")
        await type_into("NRMP ID (step 7)", "7", "#nrmp-id Input")
        await type_into("geography: why (step 2)", "2", "#geo-why Input")
        await type_into("program signal tier, g (step 2)", "2", "#programs-table", "g")
        # One save's completion, on the UI thread.
        meter.take()
        meter.recording = True
        await pilot.pause(0.6)
        await app.workers.wait_for_complete()
        await pilot.pause(QUIET)
        meter.recording = False
        save_busy, save_cpu = meter.take()
        filter_keys = [*FILTER, *["backspace"] * len(FILTER)]
        await type_into(FILTER_LABEL, "2", "#program-filter", filter_keys)
        await pilot.press("f10")
    filtering = per_key.pop(FILTER_LABEL, [])
    per_key_cpu.pop(FILTER_LABEL, None)
    every = [t for times in per_key.values() for t in times]
    every_cpu = [t for times in per_key_cpu.values() for t in times]
    return {
        "edit_busy_max_ms": max(every, default=float("nan")),
        "edit_busy_median_ms": statistics.median(every) if every else float("nan"),
        "edit_busy_by_field_ms": {k: max(v) for k, v in per_key.items() if v},
        "edit_busy_per_key_ms": {k: [round(t, 1) for t in v] for k, v in per_key.items()},
        "edit_keys": len(every),
        "edit_cpu_max_ms": max(every_cpu, default=float("nan")),
        "edit_cpu_median_ms": statistics.median(every_cpu) if every_cpu else float("nan"),
        "edit_cpu_by_field_ms": {k: max(v) for k, v in per_key_cpu.items() if v},
        "save_busy_ms": save_busy,
        "save_cpu_ms": save_cpu,
        "filter_busy_max_ms": max(filtering, default=float("nan")),
        "filter_busy_median_ms": statistics.median(filtering) if filtering else float("nan"),
        "filter_busy_per_key_ms": [round(t, 1) for t in filtering],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dossier", type=Path)
    parser.add_argument("--chars", type=int, default=12, help="keys typed into each field")
    args = parser.parse_args(argv)
    result = asyncio.run(_measure(args.dossier, args.chars))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
