"""Crash consistency: kill a saving process with SIGKILL at random moments, then check the file.

    python benchmarks/crash_loop.py --kills 500            # the full run (docs/reliability.md)
    python benchmarks/crash_loop.py --kills 20 --spawn     # fresh interpreters instead of fork

Each round starts a child process that takes the dossier's lock (taking over the lock of the
child killed before it), then saves numbered versions in a loop through `store.Store.save`,
reporting each completed save on a pipe. Versions alternate between a small and a large
dossier (about 30 kB) so kills land in writes of different sizes, and the first save of every
child also keeps the backup. The parent kills the child with SIGKILL after a random delay and
checks, after every kill:

- the data file loads (no StoreError) and equals the last version the child reported saved, or
  the one after it (the save that was under way: old or new, never half);
- the backup, when there is one, loads and is a version that was written;
- leftover temporary files belong to the last killed child only (the next session that takes
  over a dead session's lock removes them);
- the lock, when a child got as far as writing it, is taken over by the next child and names
  the dead one.

The test suite runs this with a CI-sized count (tests/unit/test_crash_consistency.py).
"""

from __future__ import annotations

import argparse
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from imgwizard import store
from imgwizard.model import Dossier, PersonalStatement, Program


def version(seq: int) -> Dossier:
    """The dossier saved as version `seq`: small and large ones alternate."""
    d = Dossier()
    d.profile.full_name = f"version {seq}"
    if seq % 2:
        d.programs = [
            Program(id=f"p-{i:08x}", name=f"Program {i} of version {seq}", notes="n" * 500)
            for i in range(40)
        ]
        d.personal_statements = [PersonalStatement(specialty="IM", text="s" * 8000)]
    return d


def seq_of(dossier: Dossier) -> int:
    return int(dossier.profile.full_name.removeprefix("version "))


def child(path: Path, start: int, out: int) -> None:
    """Run in the child: take the lock, then save versions start, start+1, ... forever."""
    session = store.Store(path)
    lock = session.acquire()
    taken = lock.taken_over.pid if lock.taken_over else 0
    os.write(out, f"L {os.getpid()} {taken}\n".encode())
    seq = start
    while True:
        session.save(version(seq))
        os.write(out, f"{seq}\n".encode())
        seq += 1


@dataclass
class Report:
    kills: int = 0
    old_version: int = 0  # the file was the last completed save
    new_version: int = 0  # the save under way had been renamed into place before the kill
    mid_write: int = 0  # a temporary file was left: the kill landed inside a save
    before_lock: int = 0  # the child died before it had taken the lock
    takeovers_named: int = 0  # the next child's Lock.taken_over named the dead child
    saves: int = 0  # completed saves reported by children
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.kills} kills, {len(self.failures)} failures; file was the previous version "
            f"{self.old_version} times and the new one {self.new_version} times; "
            f"{self.mid_write} kills left a temporary file (inside a save), "
            f"{self.before_lock} came before the lock was taken; "
            f"{self.takeovers_named} lock takeovers named the dead session; "
            f"{self.saves} saves completed; {self.seconds:.1f} s"
        )


def _temps(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _start(path: Path, start: int, spawn: bool) -> tuple[int, int, subprocess.Popen | None]:
    """Start a child; returns (pid, read end of its pipe, Popen or None when forked)."""
    if spawn:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", str(path), str(start)],
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        return proc.pid, proc.stdout.fileno(), proc
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which only ever dies by SIGKILL
        try:
            os.close(r)
            child(path, start, w)
        finally:
            os._exit(3)
    os.close(w)
    return pid, r, None


def _read(fd: int, until_line: bool = False) -> bytes:
    """Read the child's reports: to the end (it is dead), or up to its first line."""
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
        if until_line and b"\n" in chunk:
            break
    return b"".join(chunks)


def run(
    kills: int,
    *,
    folder: Path | None = None,
    seed: int | None = None,
    window: float = 0.025,
    spawn: bool = False,
) -> Report:
    """Kill `kills` saving children; every check failure is recorded in Report.failures."""
    rng = random.Random(seed)
    report = Report()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(folder or scratch)
        path = folder / "dossier.toml"
        store.save(path, version(0))
        last = 0  # the last version known saved
        # Children that may have written their name into the lock: the last one known to
        # have, and every one since (a kill can land between writing the lock and saying so).
        may_hold: list[int] = []
        while report.kills < kills:
            pid, fd, proc = _start(path, last + 1, spawn)
            # Half the rounds (all of them for a fresh interpreter, slow to import) wait until
            # the child holds the lock, so kills land among saves however loaded the machine;
            # the other half kill at any moment, from start-up on.
            head = _read(fd, until_line=True) if spawn or report.kills % 2 else b""
            time.sleep(rng.uniform(0, window))
            os.kill(pid, signal.SIGKILL)
            if proc is not None:
                proc.wait()
            else:
                os.waitpid(pid, 0)
            lines = (head + _read(fd)).decode().splitlines()
            if proc is not None:
                proc.stdout.close()  # type: ignore[union-attr]
            else:
                os.close(fd)
            report.kills += 1
            where = f"kill {report.kills} (child {pid})"
            locked = [ln.split() for ln in lines if ln.startswith("L ")]
            may_hold.append(pid)
            if locked:
                taken = int(locked[0][2])
                if taken in may_hold[:-1]:
                    report.takeovers_named += 1
                elif taken:
                    report.failures.append(f"{where}: lock named {taken}, not one of {may_hold}")
                may_hold = [pid]
            else:
                report.before_lock += 1
            done = [int(ln) for ln in lines if ln.isdigit()]
            report.saves += len(done)
            if done:
                last = done[-1]
            try:
                found = store.load(path)
            except (store.StoreError, OSError) as exc:
                report.failures.append(f"{where}: the file does not load: {exc}")
                continue
            if found == version(last):
                report.old_version += 1
            elif found == version(last + 1):
                report.new_version += 1
                last += 1
            else:
                report.failures.append(
                    f"{where}: the file is {found.profile.full_name!r}, expected version "
                    f"{last} or {last + 1}"
                )
            bak = store.backup_path(path)
            if bak.exists():
                try:
                    if seq_of(store.load(bak)) > last:
                        report.failures.append(f"{where}: the backup is newer than the file")
                except (store.StoreError, OSError, ValueError) as exc:
                    report.failures.append(f"{where}: the backup does not load: {exc}")
            temps = _temps(folder, path.name)
            if temps:
                report.mid_write += 1
            if len(temps) > 2:
                report.failures.append(f"{where}: temporary files pile up: {temps}")
    report.seconds = time.perf_counter() - began
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--window", type=float, default=0.025, help="max seconds before a kill")
    parser.add_argument("--spawn", action="store_true", help="fresh interpreters, not fork")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), int(args.child[1]), sys.stdout.fileno())
        return 3  # pragma: no cover - never returns
    report = run(args.kills, seed=args.seed, window=args.window, spawn=args.spawn)
    print(report.summary())
    for failure in report.failures[:20]:
        print("FAIL", failure)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
