"""imgwizard's performance benchmark (issue #6). One command:

    .venv/bin/python benchmarks/run.py --runs 10 --programs 30,300,3000

(needs pyte: `.venv/bin/pip install -e '.[bench]'`). It measures from outside the process, on a
pseudo-terminal of 80x24 (TERM=xterm-256color), with pyte rendering what the program draws:

- ready: spawn -> first complete screen. For the wizard: the sidebar's eleven steps and the
  resumed step's pane drawn; for the minimal Textual app (benchmarks/minimal_app.py): its Static
  and its footer. Paired, interleaved runs (the order alternates) in the same environment; the
  figure that counts is the median of the per-pair ratios wizard / minimal.
- step switch: key press -> the screen shows the next step, many switches in one process.
- peak RSS of the child (VmHWM, read just before the quit key) against the minimal app's.
- `imgwizard check` as a whole process (spawn -> exit), against the minimal app's ready time.
- in-process: load + validate the dossier, one save (what autosave does), all rules.

Every child gets a private HOME and XDG folders and its own copy of the generated dossier, so the
benchmark never touches your real data. Children quit with their quit key, then SIGTERM, then
SIGKILL. Nothing here asserts a time: the figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import fcntl
import gc
import json
import os
import platform
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_large_dossier  # noqa: E402  (a sibling script, not a package)
import minimal_app  # noqa: E402

COLS, ROWS = 80, 24
TODAY = dt.date(2026, 11, 24)  # the rules' "today", fixed so every run checks the same things
QUIT_KEY = b"\x11"  # ctrl+q: Textual's quit, and the wizard's
NEXT_KEY = b"\x1bOS"  # F4, the wizard's "next step"
PREV_KEY = b"\x1bOR"  # F3, "previous step"

# Issue #18's targets, for the 300-program dossier; LARGE_BUDGETS override them at 3,000.
BUDGETS = {
    "ready_ratio": 1.5,  # stretch 1.35
    "switch_ms": 20.0,
    "save_ms": 15.0,
    "rules_ms": 10.0,
    "edit_busy_max_ms": 10.0,
    "check_ratio": 0.6,
    "rss_ratio": 1.5,
}
LARGE = 3000
LARGE_BUDGETS = {"ready_ratio": 2.0}

# A Textual peer measured side by side (its own virtual environment: it pins another Textual).
PEER_LOG_LINES = 300


def budget(key: str, programs: int) -> float:
    if programs >= LARGE and key in LARGE_BUDGETS:
        return LARGE_BUDGETS[key]
    return BUDGETS[key]


class Timeout(Exception):
    pass


# --------------------------------------------------------------------------- screen predicates


Predicate = Callable[[str], bool]


def minimal_ready(text: str) -> bool:
    """The minimal app's first complete screen: its Static and its footer."""
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    return minimal_app.TEXT in text and "palette" in last


def _step(number: int):
    from imgwizard.steps import STEPS

    return STEPS[number - 1]


@dataclass
class WizardView:
    """How the harness recognises the wizard on screen, by its text as a person reads it.

    Ready means: the header names the resumed step, the sidebar has a row for each of the
    eleven steps (at 80 columns the sidebar is narrow: a number and a status glyph per row),
    the resumed step's pane shows its purpose and `pane_marker` (text from the pane's own body),
    and the footer shows its keys."""

    resumed_step: int = 2
    pane_marker: str = ""

    def __post_init__(self) -> None:
        if not self.pane_marker:
            self.pane_marker = PANE_MARKERS.get(_step(self.resumed_step).id, "")

    def ready(self, text: str) -> bool:
        lines = text.split("\n")
        if not lines or f"Step {self.resumed_step} of 11" not in lines[0]:
            return False
        if "Quit" not in lines[-1]:
            return False
        purpose = _step(self.resumed_step).purpose[:30]
        if purpose not in text or (self.pane_marker and self.pane_marker not in text):
            return False
        numbers = {int(m.group(1)) for line in lines[1:-1] if (m := _SIDEBAR_ROW.match(line))}
        return numbers >= set(range(1, 12))

    def shows_step(self, number: int) -> Predicate:
        needle = f"Step {number} of 11"
        return lambda text: needle in text.split("\n", 1)[0]


# Text from a pane's own body (not the purpose line every pane shows first), by step id.
PANE_MARKERS = {"programs": "sorted by"}  # the table's status line, once it is filled

# A sidebar row: the current-step mark or a space, the step number, a space.
_SIDEBAR_ROW = re.compile(r"^[▸ ]\s?(\d{1,2}) ")


# --------------------------------------------------------------------------- a child on a pty


def child_env(home: Path) -> dict[str, str]:
    """A private, predictable environment: own HOME and XDG folders, 80x24, xterm-256color."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL", "XDG_", "IMGWIZARD"))
        and k not in {"NO_COLOR", "COLUMNS", "LINES", "COLORTERM", "TERM_PROGRAM"}
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TERM="xterm-256color",
        LANG=os.environ.get("LANG") or "C.UTF-8",
        PYTHONDONTWRITEBYTECODE="",
    )
    env.pop("PYTHONDONTWRITEBYTECODE")
    return env


@dataclass
class PtyChild:
    """A program on a pseudo-terminal, its screen rendered by pyte."""

    argv: Sequence[str]
    env: dict[str, str]
    cols: int = COLS
    rows: int = ROWS
    pid: int = 0
    fd: int = -1
    started: float = 0.0
    exited: bool = False
    status: int | None = None
    maxrss_kb: int = 0
    chunks: int = 0
    _screen: object = field(default=None, repr=False)
    _stream: object = field(default=None, repr=False)

    def start(self) -> PtyChild:
        import pyte

        self._screen = terminal_screen(self.cols, self.rows)
        self._stream = pyte.ByteStream(self._screen)
        winsize = struct.pack("HHHH", self.rows, self.cols, 0, 0)
        argv, env = list(self.argv), dict(self.env)
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the program can ask for it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        os.set_blocking(fd, False)
        return self

    def text(self) -> str:
        return "\n".join(self._screen.display)

    def _drain(self) -> list[tuple[float, bytes]]:
        """Everything the child has written so far, each read with the moment it arrived."""
        out = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            except OSError as exc:  # EIO: the child closed the terminal (it exited)
                if exc.errno == errno.EIO:
                    self.exited = True
                    break
                raise
            if not data:
                self.exited = True
                break
            out.append((time.perf_counter(), data))
        return out

    def pump(self, timeout: float) -> list[tuple[float, bytes]]:
        if self.exited:
            return []
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        return self._drain() if ready else []

    def wait_for(self, predicate: Predicate, timeout: float = 20.0) -> float:
        """The moment (perf_counter) the output that made `predicate` true arrived.

        Output is read first and rendered afterwards, chunk by chunk, so the time pyte takes
        to parse does not hold the child up or count against it."""
        if predicate(self.text()):
            return time.perf_counter()
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or self.exited:
                raise Timeout(
                    f"{' '.join(self.argv)}: the expected screen did not appear "
                    f"(exited={self.exited}); last screen:\n{self.text()}"
                )
            for moment, data in self.pump(min(left, 0.05)):
                self._stream.feed(data)
                self.chunks += 1
                if predicate(self.text()):
                    return moment

    def settle(self, quiet: float = 0.05, limit: float = 2.0) -> None:
        """Read until the child has drawn nothing for `quiet` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            got = self.pump(quiet)
            if not got:
                return
            for _, data in got:
                self._stream.feed(data)

    def send(self, keys: bytes) -> float:
        moment = time.perf_counter()
        os.write(self.fd, keys)
        return moment

    def stop(self, quit_key: bytes = QUIT_KEY, grace: float = 3.0) -> bool:
        """Quit with the key; SIGTERM after `grace`, SIGKILL after as long again.

        True when the child quit by itself. Records the peak RSS first (VmHWM: wait4's
        ru_maxrss would count the harness's own memory, which the child shares until exec),
        then the exit status."""
        clean = True
        if self.pid and self.status is None:
            self.maxrss_kb = peak_rss_kb(self.pid) or self.maxrss_kb
            with _suppress_oserror():
                os.write(self.fd, quit_key)
            clean = self._reap(grace)
            if not clean:
                with _suppress_oserror():
                    os.kill(self.pid, signal.SIGTERM)
                if not self._reap(grace):
                    with _suppress_oserror():
                        os.kill(self.pid, signal.SIGKILL)
                    self._reap(None)
        if self.fd >= 0:
            with _suppress_oserror():
                os.close(self.fd)
            self.fd = -1
        return clean

    def _reap(self, timeout: float | None) -> bool:
        end = None if timeout is None else time.perf_counter() + timeout
        while True:
            pid, status = os.waitpid(self.pid, 0 if end is None else os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return True
            if end is not None and time.perf_counter() >= end:
                return False
            self.pump(0.02)  # keep reading so a child writing its last frame never blocks


def terminal_screen(cols: int, rows: int):
    """pyte's screen, ignoring extra parameters of a cursor-position sequence as a terminal
    does: pyte 0.8 raised TypeError on one (`cursor_position() takes from 1 to 3 positional
    arguments but 4 were given`), which stopped a benchmark run (once in eight runs)."""
    import pyte

    class Screen(pyte.Screen):
        def cursor_position(self, line=None, column=None, *_extra) -> None:
            super().cursor_position(line, column)

    return Screen(cols, rows)


def peak_rss_kb(pid: int) -> int:
    """The process's peak resident set since it exec'd (Linux VmHWM), in KiB; 0 if unknown."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class _suppress_oserror:
    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        return kind is not None and issubclass(kind, OSError)


# --------------------------------------------------------------------------- commands


def wizard_argv() -> list[str]:
    """The wizard as a user starts it: the console script beside this Python, if installed,
    with no options (the data file is found in the sandbox's per-user data folder)."""
    script = Path(sys.executable).with_name("imgwizard")
    return [str(script)] if script.exists() else [sys.executable, "-m", "imgwizard"]


def check_argv() -> list[str]:
    return [*wizard_argv(), "check", "--today", TODAY.isoformat()]


def minimal_argv() -> list[str]:
    return [sys.executable, str(HERE / "minimal_app.py")]


# The floors under the start-up targets with the fixed stack: what any wizard showing the
# dossier, and any `check` validating it, must import before anything else happens. The
# wizard's floor is the minimal app's own imports plus pydantic and the model's classes
# (nothing drawn); `check`'s is the model's classes alone. A target below its floor cannot be
# met by work on the first screen or on the command.
FLOOR_WIZARD = (
    "from textual.app import App; from textual.widgets import Footer, Header, Static; "
    "import imgwizard.model"
)
FLOOR_CHECK = "import imgwizard.model"


def floor_argv(code: str) -> list[str]:
    """The floor's imports, then its own peak memory printed (VmHWM, which exec resets: the
    rusage figure would keep the harness's, from before the exec)."""
    report = "; print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM:')))"
    return [sys.executable, "-c", code + report]


def measure_floor(code: str, env: dict[str, str]) -> ProcessRun:
    started = time.perf_counter()
    child = subprocess.Popen(floor_argv(code), env=env, stdout=subprocess.PIPE, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    parts = out.split()
    hwm = int(parts[1]) if len(parts) >= 2 and parts[1].isdigit() else 0
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status), hwm)


@dataclass
class Peer:
    """Another Textual app started side by side: toolong (`tl FILE`), a log viewer, from its own
    virtual environment, on a log of PEER_LOG_LINES lines; ready when the last line and the
    footer show."""

    name: str
    venv: Path
    log: Path | None = None

    def argv(self) -> list[str]:
        return [str(self.venv / "bin" / "tl"), str(self.log)]

    def write_log(self, workdir: Path) -> None:
        self.log = workdir / "peer.log"
        self.log.write_text(
            "".join(
                f"2026-11-24 10:{i // 60 % 60:02d}:{i % 60:02d} INFO line {i} of the log\n"
                for i in range(1, PEER_LOG_LINES + 1)
            )
        )

    def ready(self, text: str) -> bool:
        last = text.rstrip("\n").rsplit("\n", 1)[-1]
        return f"line {PEER_LOG_LINES} of the log" in text and "Help" in last

    def version(self) -> str:
        out = subprocess.run(
            [str(self.venv / "bin" / "python"), "-c",
             "import importlib.metadata as m; print(m.version('toolong'), m.version('textual'))"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        return out.stdout.strip() or "?"


class Sandbox:
    """A private HOME for every child, with a fresh copy of the dossier where imgwizard looks
    by default (the per-user data folder under the sandbox's XDG_DATA_HOME)."""

    def __init__(self, source: Path, root: Path):
        self.source, self.root, self.count = source, root, 0

    def fresh(self) -> tuple[Path, Path]:
        self.count += 1
        home = self.root / f"run{self.count}" / "home"
        data = Path(child_env(home)["XDG_DATA_HOME"]) / "imgwizard" / "dossier.toml"
        data.parent.mkdir(mode=0o700, parents=True)
        shutil.copyfile(self.source, data)
        os.chmod(data, 0o600)
        # The generated applicant has overdue actions, so the plan would open over the wizard
        # once the first findings are in: ready is the wizard's own screen, so it stays off.
        settings = Path(child_env(home)["XDG_CONFIG_HOME"]) / "imgwizard" / "settings.toml"
        settings.parent.mkdir(mode=0o700, parents=True)
        settings.write_text("plan_on_start = false\n", encoding="utf-8")
        os.chmod(settings, 0o600)
        return home, data

    def verify(self) -> None:
        """Refuse to run unless imgwizard, in a sandbox's environment, uses the sandbox's copy."""
        home, data = self.fresh()
        out = subprocess.run(
            [*wizard_argv(), "where", "--json"],
            env=child_env(home),
            capture_output=True,
            text=True,
            check=True,
        )
        found = Path(json.loads(out.stdout)["data_file"])
        if found.resolve() != data.resolve():
            raise SystemExit(f"the sandbox would use {found}, not its copy {data}: stopping")


# --------------------------------------------------------------------------- measurements


@dataclass
class StartRun:
    ready_s: float
    maxrss_kb: int
    clean_exit: bool
    cpu_s: float = float("nan")  # CPU time the child had used when it was ready


def cpu_seconds(pid: int) -> float:
    """CPU time of every thread of a process so far (Linux /proc schedstat, nanoseconds).

    Unlike wall time it does not grow when other programs compete for the CPU, so it shows
    where a busy machine makes the wall-clock figures noisy."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as handle:
                total += int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")
    return total / 1e9


def measure_start(argv: Sequence[str], env: dict[str, str], ready: Predicate,
                  quit_key: bytes = QUIT_KEY) -> StartRun:  # fmt: skip
    child = PtyChild(argv, env).start()
    try:
        moment = child.wait_for(ready)
        cpu = cpu_seconds(child.pid)
    finally:
        clean = child.stop(quit_key)
    return StartRun(moment - child.started, child.maxrss_kb, clean, cpu)


@dataclass
class ProcessRun:
    wall_s: float
    cpu_s: float
    status: int
    maxrss_kb: int = 0


def measure_process(argv: Sequence[str], env: dict[str, str]) -> ProcessRun:
    """Spawn -> exit of a headless command, output discarded; CPU time from wait4."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, child.returncode)


@dataclass
class SwitchRun:
    latencies_ms: list[float]
    maxrss_kb: int
    clean_exit: bool
    first_visits_ms: list[float] = field(default_factory=list)


def measure_switches(argv: Sequence[str], env: dict[str, str], screen: WizardView,
                     switches: int, next_key: bytes = NEXT_KEY, prev_key: bytes = PREV_KEY,
                     quit_key: bytes = QUIT_KEY) -> SwitchRun:  # fmt: skip
    """Key press -> the screen shows the next step; forward to step 11, back to 1, again.

    First a tour of every step right after the first screen (`first_visits_ms`: these may
    wait for a pane still being built), then `switches` measured switches. Each switch starts
    from a quiet screen (nothing drawn for 50 ms)."""
    child = PtyChild(argv, env).start()
    state = {"current": screen.resumed_step, "direction": 1}

    def switch() -> float:
        current, direction = state["current"], state["direction"]
        if not 1 <= current + direction <= 11:
            direction = state["direction"] = -direction
        target = current + direction
        sent = child.send(next_key if direction > 0 else prev_key)
        shown = child.wait_for(screen.shows_step(target), timeout=5.0)
        state["current"] = target
        child.settle()
        return (shown - sent) * 1000

    try:
        child.wait_for(screen.ready)
        child.settle()
        tour = [switch() for _ in range(11 - screen.resumed_step + 10)]  # to 11, back to 1
        latencies = [switch() for _ in range(switches)]
    finally:
        clean = child.stop(quit_key)
    return SwitchRun(latencies, child.maxrss_kb, clean, tour)


def _median_ms(func: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(first call, median of the following `repeats`) in milliseconds."""
    times = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times[1:])


def measure_inprocess(path: Path, workdir: Path, repeats: int = 20) -> dict[str, float]:
    """load + validate, one save (the session Store's, as autosave does), all rules."""
    from imgwizard import store
    from imgwizard.rules import run_all
    from imgwizard.season import load_season

    # The harness holds several dossiers and pyte screens: freeze them, so the collector's
    # passes over the harness's own heap are not counted against imgwizard's code.
    gc.collect()
    gc.freeze()
    try:
        return _inprocess(store, run_all, load_season, path, workdir, repeats)
    finally:
        gc.unfreeze()


def _inprocess(store, run_all, load_season, path: Path, workdir: Path, repeats: int) -> dict:
    out: dict[str, float] = {}
    out["load_first_ms"], out["load_ms"] = _median_ms(lambda: store.load(path), repeats)
    dossier = store.load(path)
    target = workdir / "save" / "dossier.toml"
    target.parent.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(path, target)
    session = store.Store(target)
    edits = iter(range(10**9))

    def autosave() -> None:
        # What an autosave follows: one field of one program changed.
        program = dossier.programs[len(dossier.programs) // 2] if dossier.programs else None
        if program is not None:
            program.notes = f"edit {next(edits)}"
        session.save(dossier)

    out["save_first_ms"], out["save_ms"] = _median_ms(autosave, repeats)
    out["dumps_ms"] = _median_ms(lambda: store.dumps(dossier), repeats)[1]
    # The part of a save on the UI thread: autosave snapshots the dossier there, between two
    # edits, and encodes and writes the snapshot in a worker thread.
    out["snapshot_ms"] = _median_ms(lambda: store.snapshot(dossier), repeats)[1]
    season = load_season(
        dossier.profile.target_match_year or TODAY.year, dossier.season_corrections
    )
    findings: list = []

    def rules() -> None:
        findings[:] = run_all(dossier, season, TODAY)

    out["rules_first_ms"], out["rules_ms"] = _median_ms(rules, repeats)
    out["findings"] = len(findings)
    return out


# --------------------------------------------------------------------------- one size


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure_edits(path: Path, env: dict[str, str], keys: int) -> dict:
    """benchmarks/edit_busy.py in its own process: the UI thread's longest busy time per key."""
    out = subprocess.run(
        [sys.executable, str(HERE / "edit_busy.py"), str(path), "--chars", str(keys)],
        env=env, capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_size(programs: int, runs: int, switches: int, workdir: Path, screen: WizardView,
               log=print, peer: Peer | None = None, edit_keys: int = 0) -> dict:  # fmt: skip
    dossier_path = workdir / f"dossier-{programs}.toml"
    make_large_dossier.make(dossier_path, programs)
    sandbox = Sandbox(dossier_path, workdir / f"runs-{programs}")
    sandbox.verify()
    size_kb = dossier_path.stat().st_size / 1024
    log(f"-- {programs} programs ({size_kb:,.0f} KiB): {runs} paired runs")

    def wizard() -> StartRun:
        home, _ = sandbox.fresh()
        return measure_start(wizard_argv(), child_env(home), screen.ready)

    def minimal() -> StartRun:
        home, _ = sandbox.fresh()
        return measure_start(minimal_argv(), child_env(home), minimal_ready)

    def check() -> ProcessRun:
        home, _ = sandbox.fresh()
        return measure_process(check_argv(), child_env(home))

    def floor_wizard() -> ProcessRun:
        home, _ = sandbox.fresh()
        return measure_floor(FLOOR_WIZARD, child_env(home))

    def floor_check() -> ProcessRun:
        home, _ = sandbox.fresh()
        return measure_floor(FLOOR_CHECK, child_env(home))

    def peer_start() -> StartRun:
        home, _ = sandbox.fresh()
        return measure_start(peer.argv(), child_env(home), peer.ready)  # type: ignore[union-attr]

    # Warm the page cache and the .pyc files; these runs are not counted.
    wizard(), minimal(), check(), floor_wizard(), floor_check()
    wiz, mini, chk, peers, fw, fc = [], [], [], [], [], []
    if peer is not None:
        peer_start()
    for i in range(runs):
        order = [
            (mini, minimal),
            (wiz, wizard),
            (chk, check),
            (fw, floor_wizard),
            (fc, floor_check),
        ]
        if peer is not None:
            order.insert(2, (peers, peer_start))
        if i % 2:
            order.reverse()
        for bucket, func in order:
            bucket.append(func())
        log(
            f"   run {i + 1}: minimal {mini[-1].ready_s * 1000:6.1f} ms "
            f"(cpu {mini[-1].cpu_s * 1000:5.0f}), wizard {wiz[-1].ready_s * 1000:6.1f} ms "
            f"(cpu {wiz[-1].cpu_s * 1000:5.0f}), check {chk[-1].wall_s * 1000:6.1f} ms"
            + (f", {peer.name} {peers[-1].ready_s * 1000:6.1f} ms" if peer else "")
        )
    ratios = [w.ready_s / m.ready_s for w, m in zip(wiz, mini, strict=True)]
    result = {
        "programs": programs,
        "file_kib": round(size_kb, 1),
        "minimal_ready_ms": _median([m.ready_s * 1000 for m in mini]),
        "wizard_ready_ms": _median([w.ready_s * 1000 for w in wiz]),
        "ready_ratio": _median(ratios),
        "ready_ratios": ratios,
        "minimal_cpu_ms": _median([m.cpu_s * 1000 for m in mini]),
        "wizard_cpu_ms": _median([w.cpu_s * 1000 for w in wiz]),
        "cpu_ratio": _median([w.cpu_s / m.cpu_s for w, m in zip(wiz, mini, strict=True)]),
        "check_ms": _median([c.wall_s * 1000 for c in chk]),
        "check_cpu_ms": _median([c.cpu_s * 1000 for c in chk]),
        "check_statuses": sorted({c.status for c in chk}),
        "minimal_rss_mib": _median([m.maxrss_kb / 1024 for m in mini]),
        "wizard_rss_mib": _median([w.maxrss_kb / 1024 for w in wiz]),
        "clean_exits": sum(w.clean_exit for w in wiz) + sum(m.clean_exit for m in mini),
        "children": len(wiz) + len(mini),
    }
    result["floor_wizard_ms"] = _median([f.wall_s * 1000 for f in fw])
    result["floor_ready_ratio"] = _median(
        [f.wall_s / m.ready_s for f, m in zip(fw, mini, strict=True)]
    )
    result["floor_rss_ratio"] = _median(
        [f.maxrss_kb / m.maxrss_kb for f, m in zip(fw, mini, strict=True)]
    )
    result["floor_check_ratio"] = _median(
        [f.wall_s / m.ready_s for f, m in zip(fc, mini, strict=True)]
    )
    result["check_ratio"] = result["check_ms"] / result["minimal_ready_ms"]
    result["check_cpu_ratio"] = result["check_cpu_ms"] / result["minimal_cpu_ms"]
    result["rss_ratio"] = result["wizard_rss_mib"] / result["minimal_rss_mib"]
    if peer is not None:
        result["peer_ready_ms"] = _median([p.ready_s * 1000 for p in peers])
        result["peer_ratio"] = _median(
            [p.ready_s / m.ready_s for p, m in zip(peers, mini, strict=True)]
        )
        result["peer_cpu_ratio"] = _median(
            [p.cpu_s / m.cpu_s for p, m in zip(peers, mini, strict=True)]
        )
        result["peer_rss_ratio"] = (
            _median([p.maxrss_kb / 1024 for p in peers]) / result["minimal_rss_mib"]
        )
    if edit_keys:
        home, data = sandbox.fresh()
        log(f"   typing {edit_keys} keys into each of 4 fields, then the filter (in process)")
        result.update(measure_edits(data, child_env(home), edit_keys))
    if switches:
        home, _ = sandbox.fresh()
        sw = measure_switches(wizard_argv(), child_env(home), screen, switches)
        result["switch_ms"] = _median(sw.latencies_ms)
        result["switch_p90_ms"] = sorted(sw.latencies_ms)[int(len(sw.latencies_ms) * 0.9) - 1]
        result["switch_count"] = len(sw.latencies_ms)
        result["first_visit_ms"] = _median(sw.first_visits_ms)
        # Peak RSS after every step's pane has been shown.
        result["wizard_rss_all_steps_mib"] = sw.maxrss_kb / 1024
        result["rss_all_steps_ratio"] = (
            result["wizard_rss_all_steps_mib"] / result["minimal_rss_mib"]
        )
    result.update(measure_inprocess(dossier_path, workdir))
    return result


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    import pyte  # noqa: F401
    import textual

    from imgwizard import __version__

    return {
        "cpus": str(os.cpu_count()),
        "python": platform.python_version(),
        "textual": textual.__version__,
        "imgwizard": __version__,
        "platform": platform.platform(),
        "date": dt.date.today().isoformat(),
    }


def _verdict(value: float, budget: float) -> str:
    return "pass" if value <= budget else "**MISS**"


def markdown(results: list[dict], info: dict[str, str], command: str) -> str:
    """The table for docs/performance.md."""
    sizes = [r["programs"] for r in results]
    rows = [
        ("minimal Textual app ready (ms)", "minimal_ready_ms", None, "{:.0f}"),
        ("wizard ready (ms)", "wizard_ready_ms", None, "{:.0f}"),
        ("wizard ready / minimal (median of pairs)", "ready_ratio", "ready_ratio", "{:.2f}x"),
        ("CPU used until ready: minimal app (ms)", "minimal_cpu_ms", None, "{:.0f}"),
        ("CPU used until ready: wizard (ms)", "wizard_cpu_ms", None, "{:.0f}"),
        ("  CPU ratio wizard / minimal (median of pairs)", "cpu_ratio", None, "{:.2f}x"),
        ("  floor: Textual + model imported / minimal", "floor_ready_ratio", None, "{:.2f}x"),
        ("peer ready / minimal (median of pairs)", "peer_ratio", None, "{:.2f}x"),
        ("  peer CPU ratio / minimal", "peer_cpu_ratio", None, "{:.2f}x"),
        ("  peer peak RSS / minimal", "peer_rss_ratio", None, "{:.2f}x"),
        ("step switch key -> repaint, median (ms)", "switch_ms", "switch_ms", "{:.1f}"),
        ("step switch, 90th percentile (ms)", "switch_p90_ms", None, "{:.1f}"),
        ("step switch on the first tour, median (ms)", "first_visit_ms", None, "{:.1f}"),
        ("one save (autosave's Store.save) (ms)", "save_ms", "save_ms", "{:.1f}"),
        ("  of which serialising (dumps) (ms)", "dumps_ms", None, "{:.1f}"),
        ("  of which on the UI thread (snapshot) (ms)", "snapshot_ms", None, "{:.1f}"),
        ("load + validate (ms)", "load_ms", None, "{:.1f}"),
        ("all rules, warm (ms)", "rules_ms", "rules_ms", "{:.2f}"),
        ("all rules, first call (ms)", "rules_first_ms", None, "{:.2f}"),
        ("UI thread busy per edit, longest (ms)", "edit_busy_max_ms", "edit_busy_max_ms", "{:.1f}"),
        ("  median over the keys typed (ms)", "edit_busy_median_ms", None, "{:.1f}"),
        ("  UI thread's own CPU, longest (ms)", "edit_cpu_max_ms", None, "{:.1f}"),
        ("  UI thread's own CPU, median (ms)", "edit_cpu_median_ms", None, "{:.1f}"),
        ("UI thread busy when a save finishes (ms)", "save_busy_ms", None, "{:.1f}"),
        ("UI thread busy per filter key, longest (ms)", "filter_busy_max_ms", None, "{:.1f}"),
        ("  median over the filter's keys (ms)", "filter_busy_median_ms", None, "{:.1f}"),
        ("`imgwizard check` process (ms)", "check_ms", None, "{:.0f}"),
        ("`imgwizard check` / minimal ready", "check_ratio", "check_ratio", "{:.2f}x"),
        ("`imgwizard check` CPU (ms)", "check_cpu_ms", None, "{:.0f}"),
        ("  / minimal app's CPU until ready", "check_cpu_ratio", None, "{:.2f}x"),
        ("  floor: the model imported / minimal ready", "floor_check_ratio", None, "{:.2f}x"),
        ("peak RSS minimal app (MiB)", "minimal_rss_mib", None, "{:.1f}"),
        ("peak RSS wizard, start + quit (MiB)", "wizard_rss_mib", None, "{:.1f}"),
        ("peak RSS wizard / minimal", "rss_ratio", "rss_ratio", "{:.2f}x"),
        ("  floor: imports only / minimal", "floor_rss_ratio", None, "{:.2f}x"),
        ("peak RSS wizard, every step shown (MiB)", "wizard_rss_all_steps_mib", None, "{:.1f}"),
        ("  / minimal", "rss_all_steps_ratio", "rss_ratio", "{:.2f}x"),
        ("dossier file (KiB)", "file_kib", None, "{:.0f}"),
    ]
    head = "| figure | " + " | ".join(f"{n:,} programs" for n in sizes) + " | budget |"
    lines = [head, "|---" * (len(sizes) + 2) + "|"]
    for label, key, budget_key, fmt in rows:
        cells = []
        for r in results:
            if key not in r:
                cells.append("–")
                continue
            cell = fmt.format(r[key])
            if budget_key:
                cell += " " + _verdict(r[key], budget(budget_key, r["programs"]))
            cells.append(cell)
        limit = ""
        if budget_key:
            unit = "x" if budget_key.endswith("ratio") else " ms"
            limit = f"<= {BUDGETS[budget_key]:g}{unit}"
            if budget_key in LARGE_BUDGETS:
                limit += f" ({LARGE_BUDGETS[budget_key]:g}{unit} at {LARGE:,})"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {limit} |")
    about = (
        f"Machine: {info['cpus']} CPUs, Python {info['python']}, Textual {info['textual']}, "
        f"{info['platform']}; {info['date']}"
        + (f"; peer {info['peer']}" if "peer" in info else "")
        + f".\n\nCommand: `{command}`"
    )
    return about + "\n\n" + "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="paired start-up runs per size")
    parser.add_argument(
        "--programs", default="30,300,3000", help="dossier sizes, comma-separated (programs)"
    )
    parser.add_argument("--switches", type=int, default=40, help="step switches per size")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--peer", choices=["toolong"], help="also start this Textual peer side by side"
    )
    parser.add_argument(
        "--peer-venv", type=Path, help="the peer's virtual environment (it pins another Textual)"
    )
    parser.add_argument(
        "--edit-keys", type=int, default=12,
        help="keys typed into each of 4 fields to time the UI thread per edit (0: skip)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        import pyte  # noqa: F401
    except ImportError:
        print("benchmarks need pyte: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.programs.split(",") if s.strip()]
    screen = WizardView(resumed_step=_resumed_step_number())
    info = machine()
    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    workdir = Path(tempfile.mkdtemp(prefix="imgwizard-bench-"))
    peer = None
    if args.peer:
        if args.peer_venv is None or not (args.peer_venv / "bin" / "tl").exists():
            print(f"--peer {args.peer} needs --peer-venv with {args.peer} installed",
                  file=sys.stderr)  # fmt: skip
            return 2
        peer = Peer(args.peer, args.peer_venv)
        peer.write_log(workdir)
        info["peer"] = f"{args.peer} {peer.version()} (toolong, textual)"
    results = []
    try:
        for size in sizes:
            results.append(
                bench_size(
                    size,
                    args.runs,
                    args.switches,
                    workdir,
                    screen,
                    peer=peer,
                    edit_keys=args.edit_keys,
                )
            )
    finally:
        if args.keep:
            print(f"work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(markdown(results, info, command.strip()))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, indent=2) + "\n")
    return 0


def _resumed_step_number() -> int:
    from imgwizard.steps import step

    return step(make_large_dossier.RESUME_STEP).number


if __name__ == "__main__":
    sys.exit(main())
