"""Snapshot tests (pytest-textual-snapshot): every step at 80x24 and 120x40, plus help, review,
the corrupt-file and lock modals. Update with `pytest tests/test_snapshots.py --snapshot-update`
and look at the SVGs (tests/__snapshots__/) before committing them.

Everything that could change between runs is fixed: "today", the clock of the save indicator,
the data file's path (relative, in a temporary folder), the settings folder, the demo dossier's
program ids; notifications are cleared and cursors do not blink.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from imgwizard import store
from imgwizard.demo import demo_dossier, missing_documents_dossier
from imgwizard.steps import STEP_IDS
from imgwizard.tui.app import WizardApp
from tests.conftest import make_wizard

CLOCK = dt.datetime(2026, 11, 24, 9, 30, 0)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/amina/.config")  # shown in help, never read
    return tmp_path


def wizard(path: Path = Path("dossier.toml")) -> WizardApp:
    return make_wizard(path)


async def steady(pilot) -> None:
    """No toasts, no blinking cursors, workers (file checks) done."""
    await pilot.pause()
    await pilot.app.hold_still()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step_id", STEP_IDS)
def test_step(snap_compare, workdir, step_id, size):
    dossier = demo_dossier()
    dossier.wizard.current_step = step_id
    store.save(Path("dossier.toml"), dossier)
    assert snap_compare(wizard(), terminal_size=SIZES[size], run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, workdir, size):
    dossier = demo_dossier()
    dossier.wizard.current_step = "eligibility"
    store.save(Path("dossier.toml"), dossier)

    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("f1")

    assert snap_compare(wizard(), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, workdir, size):
    store.save(Path("dossier.toml"), missing_documents_dossier())

    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("f2")

    assert snap_compare(wizard(), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_corrupt_file_modal(snap_compare, workdir, size):
    Path("dossier.toml").write_text('schema_version = 1\n[profile]\nfull_name = "Amina\n')
    assert snap_compare(wizard(), terminal_size=SIZES[size])


def test_lock_modal(snap_compare, workdir, monkeypatch):
    store.save(Path("dossier.toml"), demo_dossier())
    holder = store.LockInfo(4242, "lab-pc", "amina", dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    lock = store.acquire_lock(Path("dossier.toml"))
    monkeypatch.setattr(store.locking, "read_lock", lambda path: holder)
    try:
        assert snap_compare(wizard(), terminal_size=(80, 24))
    finally:
        lock.release()


def test_too_small_notice(snap_compare, workdir):
    store.save(Path("dossier.toml"), demo_dossier())
    assert snap_compare(wizard(), terminal_size=(50, 14), run_before=steady)
