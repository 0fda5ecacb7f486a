"""FIFOs and devices never hang the program (issue #12, point 4).

`import-programs` on a FIFO never returned; in the wizard the same path froze the screen and
ignored SIGTERM/SIGHUP; `import-programs --dry-run /dev/zero` read until MemoryError. Now one
core reader (programs_csv.read_csv_file), used by the command and the wizard, refuses what is
not a regular file before opening it, opens with O_NONBLOCK, and reads at most the size cap;
the wizard reads in a worker thread. Real processes, each with a time limit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from imgwizard import store
from imgwizard.importing import programs_csv
from imgwizard.importing.programs_csv import MAX_CSV_BYTES, CsvFileError, read_csv_file
from tests.tui.test_reliability_wizard import Terminal


def cli(*args: str, timeout: float = 30) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "imgwizard", *args],
        capture_output=True,
        text=True,
        timeout=timeout,  # a hang fails the test instead of blocking it
        check=False,
    )
    return result, time.monotonic() - start


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "programs.csv"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("dry_run", [False, True])
def test_import_programs_refuses_a_fifo_at_once(fifo, data_file, dry_run):
    extra = ["--dry-run"] if dry_run else []
    result, took = cli("--data-file", str(data_file), "import-programs", *extra, str(fifo))
    assert result.returncode == 2, result
    assert "not a regular file" in result.stderr and "Nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert took < 20
    assert not data_file.exists() and not store.lock_path(data_file).exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_import_programs_refuses_a_device(device, data_file):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    result, _ = cli("--data-file", str(data_file), "import-programs", "--dry-run", device)
    assert result.returncode == 2, result
    assert "not a regular file" in result.stderr
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr


def test_import_programs_caps_the_size_like_the_wizard(tmp_path, data_file):
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(b"name\n")
        handle.truncate(MAX_CSV_BYTES + 1)  # sparse: no need to write 5 MB
    result, _ = cli("--data-file", str(data_file), "import-programs", "--dry-run", str(big))
    assert result.returncode == 2
    assert "too large" in result.stderr and f"{MAX_CSV_BYTES:,}" in result.stderr


def test_a_file_swapped_for_a_fifo_after_the_check_does_not_block(fifo, monkeypatch):
    """The race: the path was a regular file when checked, a FIFO when opened. O_NONBLOCK
    opens a FIFO at once and the check on the opened file refuses it."""
    regular = os.stat(__file__)
    real_stat = os.stat
    monkeypatch.setattr(
        programs_csv.os, "stat", lambda p, *a, **k: regular if p == fifo else real_stat(p, *a, **k)
    )
    start = time.monotonic()
    with pytest.raises(CsvFileError, match="not a regular file"):
        read_csv_file(fifo)
    assert time.monotonic() - start < 5


def test_a_file_that_grows_past_the_cap_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "grows.csv"
    path.write_bytes(b"name\nA\n")
    real_read = os.read
    monkeypatch.setattr(programs_csv.os, "read", lambda fd, n: b"x" * n or real_read(fd, n))
    with pytest.raises(CsvFileError, match="too large"):
        read_csv_file(path)


def test_wizard_import_of_a_fifo_keeps_the_screen_live_and_signals_work(fifo, data_file, tmp_path):
    """The wizard: step 2, import (i), the FIFO's path, Enter. The refusal shows at once, the
    screen still answers keys, and SIGTERM ends the program (it was ignored while frozen)."""
    store.save(data_file, store.new_dossier())
    term = Terminal(data_file, tmp_path / "stacks.txt")
    try:
        term.wait_for(b"Step 1 of 11")
        term.keys("2")
        term.wait_for(b"Research programs")
        term.pump(0.5)
        term.keys("\t")
        term.pump(0.5)
        term.keys("i")
        term.wait_for(b"Import programs from a CSV file")
        term.keys(str(fifo) + "\r")
        term.wait_for(b"not a regular file", timeout=20)
        term.keys("\x1b")  # Esc closes the dialog: the screen answers
        term.wait_for(b"0 programs", timeout=20)
        os.kill(term.pid, signal.SIGTERM)
        status = term.wait_exit(timeout=20)
    finally:
        term.kill()
    assert status == 128 + signal.SIGTERM
    assert b"Traceback" not in term.output
