"""Memory over a long session: does the wizard let go of what it no longer uses?

    .venv/bin/python benchmarks/session_memory.py [--programs 300] [--rounds 10]

Runs the wizard in this process (Textual's headless driver, 80x24) on a generated dossier,
waits until every pane is built, then does rounds of work: 8 letters typed into the full name
and taken back (step 1), 20 step switches (F4 ten times, F3 ten times, the focus in the panes'
fields, so the footer's keys change), the help opened and closed. After each round it pauses,
and the wizard's own idle collector runs as it does for an applicant who stops typing; its
long pause (GC_DEEP_IDLE, 30 s) is shortened to --deep-idle seconds to fit the run.

Per round: the process's resident memory, the widgets alive (Textual message pumps) and the
objects the collector has frozen. At the end, the frozen objects that are garbage (found by
unfreezing and collecting once more): what a long session would never give back. Nothing
here asserts anything; docs/performance.md has the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import weakref
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_large_dossier  # noqa: E402
from edit_busy import settle  # noqa: E402


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


_PUMPS: weakref.WeakSet = weakref.WeakSet()


def count_widgets() -> None:
    """Keep every Textual message pump made from now on in _PUMPS (weakly). gc.get_objects()
    would not do: it leaves out what the collector has frozen."""
    from textual.message_pump import MessagePump

    original = MessagePump.__init__

    def __init__(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        _PUMPS.add(self)

    MessagePump.__init__ = __init__  # type: ignore[method-assign]


def widgets_alive() -> Counter[str]:
    return Counter(type(pump).__name__ for pump in list(_PUMPS))


async def one_round(app, pilot) -> None:
    app.screen.query_one("#sidebar").focus()
    await pilot.press("1")
    await pilot.pause(0.05)
    app.screen.query_one("#full-name Input").focus()
    for key in [*"abcdefgh", *["backspace"] * 8]:
        await pilot.press(key)
    await pilot.pause(0.3)
    for key in ["f4"] * 10 + ["f3"] * 10:
        await pilot.press(key)
    await pilot.press("f1")
    await pilot.pause(0.1)
    await pilot.press("escape")
    await pilot.pause(0.1)
    await app.workers.wait_for_complete()


async def measure(path: Path, rounds: int, deep_idle: float) -> list[str]:
    from imgwizard.settings import Settings
    from imgwizard.tui.app import WizardApp
    from imgwizard.tui.screens import wizard

    gc.disable()  # as `imgwizard` starts (commands/run.py)
    wizard.GC_DEEP_IDLE = deep_idle
    count_widgets()
    out = []
    app = WizardApp(path, settings=Settings(plan_on_start=False), preload=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        before = widgets_alive()
        out.append(f"start: {rss_mib():.0f} MiB, {gc.get_freeze_count():,} objects frozen")
        out.append("\n| round | RSS (MiB) | widgets alive, more than at the start | frozen |")
        out.append("|---|---|---|---|")
        for number in range(1, rounds + 1):
            await one_round(app, pilot)
            await pilot.pause(deep_idle + 0.6)  # the idle collection, then the long pause's
            more = widgets_alive() - before
            shown = ", ".join(f"{n} {name}" for name, n in more.most_common(3)) or "none"
            out.append(f"| {number} | {rss_mib():.0f} | {shown} | {gc.get_freeze_count():,} |")
        gc.unfreeze()
        trapped = gc.collect()
        gc.freeze()
        out.append(f"\nFrozen and garbage at the end: {trapped:,} objects.")
        await pilot.press("f10")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--deep-idle", type=float, default=2.0, help="seconds of the collector's long pause"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="imgwizard-session-") as tmp:
        path = Path(tmp) / "dossier.toml"
        make_large_dossier.make(path, args.programs)
        lines = asyncio.run(measure(path, args.rounds, args.deep_idle))
    print(f"# Memory over a session, {args.programs} programs, {args.rounds} rounds")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
