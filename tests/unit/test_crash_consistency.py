"""Crash consistency and the lock: SIGKILL at random moments never leaves half a file.

The kill loop itself lives in benchmarks/crash_loop.py (the full run: `--kills 500`); here it
runs with a CI-sized count.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from imgwizard import store
from imgwizard.model import Dossier

ROOT = Path(__file__).resolve().parents[2]


def _crash_loop():
    spec = importlib.util.spec_from_file_location("crash_loop", ROOT / "benchmarks/crash_loop.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_loop"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("kills", "spawn"), [(80, False), (6, True)], ids=["fork", "spawn"])
def test_sigkill_during_saves_leaves_old_or_new_version(tmp_path, kills, spawn):
    report = _crash_loop().run(kills, folder=tmp_path, seed=5, spawn=spawn)
    assert report.failures == []
    assert report.kills == kills
    assert report.old_version + report.new_version == kills  # every kill checked
    if not spawn:  # 80 kills: some of them surely land in or after a save
        assert report.saves + report.new_version + report.mid_write > 0


def test_takeover_removes_a_dead_sessions_temporary_files(data_file):
    store.save(data_file, Dossier())
    folder = data_file.parent
    leftovers = [folder / ".dossier.toml.abcd1234.tmp", folder / "dossier.toml.bak.tmp"]
    unrelated = [folder / ".dossier.toml.notes.tmp", folder / "other.tmp", folder / "notes.txt"]
    for item in leftovers + unrelated:
        item.write_text("x")
    before = data_file.read_bytes()
    # A dead session's lock: its details are still in the file, nobody holds the flock.
    store.lock_path(data_file).write_text(store.LockInfo.mine().to_text())
    lock = store.acquire_lock(data_file)
    try:
        assert lock.taken_over is not None
        assert [p for p in leftovers if p.exists()] == []
        assert all(p.exists() for p in unrelated)
        assert data_file.read_bytes() == before
    finally:
        lock.release()


def test_clean_lock_release_does_not_count_as_takeover(data_file):
    store.acquire_lock(data_file).release()
    lock = store.acquire_lock(data_file)
    assert lock.taken_over is None
    lock.release()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from imgwizard import store
    lock = store.acquire_lock(Path(sys.argv[1]))
    print("held", flush=True)
    time.sleep(60)
    """
)


def _holder(path: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_live_holder_in_another_process_is_named(data_file):
    proc = _holder(data_file)
    try:
        with pytest.raises(store.LockHeld) as info:
            store.acquire_lock(data_file)
    finally:
        proc.kill()
        proc.wait()
    holder = info.value.holder
    assert holder is not None
    assert holder.pid == proc.pid
    assert holder.host == os.uname().nodename
    message = str(info.value)
    assert f"pid {proc.pid} on {holder.host}" in message
    assert f"since {holder.since.astimezone():%Y-%m-%d %H:%M}" in message
    assert "close the other session" in message and "--read-only" not in message


def test_stale_lock_of_a_killed_holder_is_taken_over(data_file):
    proc = _holder(data_file)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    lock = store.acquire_lock(data_file)
    try:
        assert lock.taken_over is not None
        assert lock.taken_over.pid == proc.pid  # names the dead holder
        assert store.read_lock(data_file).pid == os.getpid()  # and the lock is ours now
    finally:
        lock.release()
