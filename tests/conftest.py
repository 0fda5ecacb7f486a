"""Every test runs with its own home: platformdirs and the env var point into tmp_path.

`make_wizard` (also the `wizard_app` fixture) is the one way tests build the real WizardApp."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from imgwizard.tui.app import WizardApp

TODAY = dt.date(2026, 11, 24)  # the demo applicant's "today"
CLOCK = dt.datetime(2026, 11, 24, 9, 30, 0)  # the save indicator's clock


def make_wizard(path: Path, **kwargs: Any) -> WizardApp:
    """The wizard on `path` with a fixed today and clock, default settings (not the user's
    file) and panes built on their first visit (faster); any of these can be overridden."""
    from imgwizard.settings import Settings
    from imgwizard.tui.app import WizardApp  # lazily: headless tests never load Textual

    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("settings", Settings())
    kwargs.setdefault("clock", lambda: CLOCK)
    kwargs.setdefault("preload", False)
    return WizardApp(path, **kwargs)


@pytest.fixture
def wizard_app():
    """The factory above, for tests that prefer a fixture: `app = wizard_app(data_file)`."""
    return make_wizard


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.delenv("IMGWIZARD_DATA_FILE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def data_file(tmp_path):
    """A dossier path in a folder that does not exist yet."""
    return tmp_path / "private" / "dossier.toml"
