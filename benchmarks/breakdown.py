"""Where the time and memory of the targets issue #18 still misses go: the profile behind
docs/performance.md's closing tables. Nothing here asserts a time.

    .venv/bin/python benchmarks/breakdown.py [--runs 10] [--programs 300] [--switches 40]

(needs pyte, as run.py: `.venv/bin/pip install -e '.[bench]'`). Three parts:

1. **Start-up in stages.** Processes that stop after each stage of what the wizard does before
   its first screen (Textual imported as the minimal app imports it; pydantic and the model;
   the wizard's own modules; the dossier read and validated; the first run of the rules), then
   the wizard itself until ready and the minimal app until ready, on a pseudo-terminal as
   run.py starts them. Each stage includes the ones before it; its cost is its median minus the
   previous stage's. Peak memory (VmHWM) the same way.
2. **`imgwizard check` in stages**: the interpreter alone; pydantic; the model; the command's
   other modules; the dossier read and validated; the rules; the whole command.
3. **A step switch in phases** (in this process, Textual's headless driver at 80x24, F4/F3
   over every step as run.py switches): from the key to our handler, to the layout, the
   layout's arrangement of the screen, the widgets' new sizes, the render of the frame.

Every stage of parts 1 and 2 runs `gc.disable()` first, as `imgwizard` and `imgwizard check`
do before their imports (commands/run.py, commands/check.py). All runs of parts 1 and 2 are
interleaved (the order alternates each round) so that a slow moment of a shared machine falls
on every stage alike.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_large_dossier  # noqa: E402
import run as bench  # noqa: E402

TEXTUAL = "from textual.app import App; from textual.widgets import Footer, Header, Static"
MODEL = "import imgwizard.model"
WIZARD_MODULES = (
    "import imgwizard.tui.app, imgwizard.tui.screens.wizard, imgwizard.tui.panes.programs"
)
CHECK_MODULES = (
    "import json, argparse, imgwizard.cli, imgwizard.commands.check, imgwizard.commands.common, "
    "imgwizard.rules, imgwizard.store, imgwizard.season.which, imgwizard.progress, imgwizard.steps"
)


def load(path: Path) -> str:
    """The dossier read and validated, and its season, as the commands do."""
    return (
        "import datetime as _dt, pathlib as _p; "
        "from imgwizard.commands.common import read_dossier, season_for; "
        f"_today = _dt.date.fromisoformat({bench.TODAY.isoformat()!r}); "
        f"_d, _ = read_dossier(_p.Path({str(path)!r}), _today); _s = season_for(_d, _today)"
    )


RULES = "from imgwizard.rules import run_all; run_all(_d, _s, _today)"


def stages(code: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each stage's label and its code: gc off, then every stage's code up to it."""
    done, out = ["import gc; gc.disable()"], []
    for label, part in code:
        done.append(part)
        out.append((label, "; ".join(done)))
    return out


def start_stages(path: Path) -> list[tuple[str, str]]:
    return stages(
        [
            ("Textual, as the minimal app imports it", TEXTUAL),
            ("+ pydantic and the model's classes", MODEL),
            ("+ the wizard's own modules", WIZARD_MODULES),
            ("+ the dossier read and validated", load(path)),
            ("+ the first run of the rules", RULES),
        ]
    )


def check_stages(path: Path) -> list[tuple[str, str]]:
    return stages(
        [
            ("the interpreter alone", "pass"),
            ("+ pydantic", "import pydantic; from pydantic import BaseModel, Field"),
            ("+ the model's classes", MODEL),
            ("+ the command's other modules", CHECK_MODULES),
            ("+ the dossier read and validated", load(path)),
            ("+ the rules", RULES),
        ]
    )


Measure = Callable[[], tuple[float, float]]  # (wall ms, peak memory MiB)


def interleaved(measures: list[tuple[str, Measure]], runs: int) -> list[list[tuple]]:
    """Each measure's results, in the order given."""
    for _, measure in measures:  # warm the page cache and the .pyc files: not counted
        measure()
    out: list[list[tuple]] = [[] for _ in measures]
    indexed = list(enumerate(measures))
    for i in range(runs):
        for at, (_, measure) in indexed if i % 2 == 0 else reversed(indexed):
            out[at].append(measure())
    return out


def table(title: str, results: list[tuple[str, list[tuple]]], base: float) -> list[str]:
    """Median wall time and peak memory per stage, each stage's own part, and the wall time
    over `base` (the minimal app's ready time)."""
    lines = [
        f"\n### {title}\n",
        "| stage | time (ms) | its own (ms) | / minimal ready | peak memory (MiB) "
        "| its own (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    before_ms = before_mib = None
    for label, values in results:
        ms = statistics.median(v[0] for v in values)
        mib = statistics.median(v[1] for v in values)
        own_ms = "" if before_ms is None or not label.startswith("+") else f"{ms - before_ms:.0f}"
        known = mib == mib  # the whole command's memory is not read (NaN)
        own_mib = (
            f"{mib - before_mib:.1f}"
            if known and before_mib is not None and label.startswith("+")
            else ""
        )
        shown_mib = f"{mib:.1f}" if known else "–"
        lines.append(
            f"| {label} | {ms:.0f} | {own_ms} | {ms / base:.2f}x | {shown_mib} | {own_mib} |"
        )
        before_ms, before_mib = ms, mib
    return lines


def process_measure(code: str, env: dict[str, str]) -> Measure:
    def measure() -> tuple[float, float]:
        run = bench.measure_floor(code, env)
        if run.status != 0:
            raise SystemExit(f"a stage failed (exit {run.status}): {code}")
        return run.wall_s * 1000, run.maxrss_kb / 1024

    return measure


def pty_measure(argv: list[str], sandbox: bench.Sandbox, ready) -> Measure:
    """Spawn -> ready on a pseudo-terminal, each run in a fresh sandbox, as run.py does."""

    def measure() -> tuple[float, float]:
        home, _ = sandbox.fresh()
        run = bench.measure_start(argv, bench.child_env(home), ready)
        return run.ready_s * 1000, run.maxrss_kb / 1024

    return measure


def check_measure(env: dict[str, str]) -> Measure:
    def measure() -> tuple[float, float]:
        run = bench.measure_process(bench.check_argv(), env)
        return run.wall_s * 1000, float("nan")

    return measure


# --------------------------------------------------------------------------- step switch


async def _switch_phases(path: Path, switches: int) -> dict[str, list[float]]:
    from textual import events
    from textual._compositor import Compositor

    from imgwizard.settings import Settings
    from imgwizard.tui.app import WizardApp

    marks: dict[str, float] | None = None

    def mark(name: str) -> None:
        if marks is not None and name not in marks:
            marks[name] = time.perf_counter()

    def wrap(owner, attr: str, before: str, after: str) -> None:
        original = getattr(owner, attr)

        def wrapped(*args, **kwargs):
            mark(before)
            result = original(*args, **kwargs)
            mark(after)
            return result

        setattr(owner, attr, wrapped)

    wrap(WizardApp, "go_to_step", "handler", "handler done")
    wrap(Compositor, "reflow", "arrange", "arranged")
    wrap(Compositor, "render_update", "render", "rendered")
    rows: list[dict[str, float]] = []
    # The generated applicant has overdue actions: the plan stays closed, as in run.py.
    app = WizardApp(path, today=bench.TODAY, settings=Settings(plan_on_start=False))
    async with app.run_test(size=(bench.COLS, bench.ROWS)) as pilot:
        await pilot.pause(2.0)
        wrap(type(app.screen), "_refresh_layout", "layout", "layout done")
        step, direction = bench.WizardView().resumed_step, 1
        for i in range(21 + switches):  # a tour of every step first, not counted
            if not 1 <= step + direction <= 11:
                direction = -direction
            step += direction
            marks = {"key": time.perf_counter()}
            app.post_message(events.Key("f4" if direction > 0 else "f3", None))
            await asyncio.sleep(0.08)
            if i >= 21 and "rendered" in marks:
                rows.append(marks)
            marks = None
    order = ["key", "handler", "layout", "arrange", "arranged", "render", "rendered"]
    return {
        f"{a} -> {b}": [(r[b] - r[a]) * 1000 for r in rows if a in r and b in r]
        for a, b in itertools.pairwise(order)
    } | {"key -> rendered": [(r["rendered"] - r["key"]) * 1000 for r in rows]}


PHASES = {
    "key -> handler": "the key reaches the wizard's step handler",
    "handler -> layout": "the handler (the pane shown, the sidebar, the header) and the "
    "messages before the layout",
    "layout -> arrange": "the layout starts",
    "arrange -> arranged": "the screen arranged (every shown widget placed)",
    "arranged -> render": "the widgets told their new sizes",
    "render -> rendered": "the frame rendered (the lines that changed)",
    "key -> rendered": "in all: the key to the frame",
}


def switch_table(path: Path, switches: int) -> list[str]:
    phases = asyncio.run(_switch_phases(path, switches))
    lines = [
        f"\n### A step switch in phases (in process, headless, {len(phases['key -> rendered'])} "
        "switches)\n",
        "| phase | median (ms) | 90th percentile (ms) |",
        "|---|---|---|",
    ]
    for key, values in phases.items():
        if values:
            ranked = sorted(values)
            p90 = ranked[min(len(ranked) - 1, int(len(ranked) * 0.9))]
            lines.append(f"| {PHASES[key]} | {statistics.median(values):.1f} | {p90:.1f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="interleaved runs of each stage")
    parser.add_argument("--programs", type=int, default=300, help="programs in the dossier")
    parser.add_argument("--switches", type=int, default=40, help="step switches timed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="imgwizard-breakdown-") as tmp:
        work = Path(tmp)
        dossier = work / "dossier.toml"
        make_large_dossier.make(dossier, args.programs)
        sandbox = bench.Sandbox(dossier, work / "runs")
        sandbox.verify()
        home, data = sandbox.fresh()  # the stages only read the dossier: one copy serves all
        env = bench.child_env(home)
        minimal = (
            "the minimal app, ready",
            pty_measure(bench.minimal_argv(), sandbox, bench.minimal_ready),
        )
        start = [(label, process_measure(code, env)) for label, code in start_stages(data)]
        wizard = (
            "+ the first screen: the wizard until ready",
            pty_measure(bench.wizard_argv(), sandbox, bench.WizardView().ready),
        )
        check = [(label, process_measure(code, env)) for label, code in check_stages(data)]
        check.append(("+ the findings printed: the whole command", check_measure(env)))
        print(f"# Breakdown, {args.programs} programs, {args.runs} interleaved runs (medians)")
        print("machine: " + ", ".join(f"{k} {v}" for k, v in bench.machine().items()))
        measures = [minimal, *start, wizard, *check]
        results = interleaved(measures, args.runs)
        labelled = [(label, values) for (label, _), values in zip(measures, results, strict=True)]
        base = statistics.median(v[0] for v in results[0])
        base_mib = statistics.median(v[1] for v in results[0])
        start_results = labelled[1 : 2 + len(start)]
        check_results = labelled[2 + len(start) :]
        lines = [f"\nThe minimal app's ready time: {base:.0f} ms (peak memory {base_mib:.1f} MiB)."]
        lines += table("The wizard's start in stages", start_results, base)
        lines += table("`imgwizard check` in stages", check_results, base)
        if args.switches:
            lines += switch_table(data, args.switches)
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
