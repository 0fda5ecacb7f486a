"""`imgwizard where` shows the settings and backup paths; `--help` lists every command."""

from __future__ import annotations

import importlib
import json

import pytest

from imgwizard.cli import COMMAND_MODULES, build_parser, main
from imgwizard.settings import Settings, save_settings, settings_path


def test_where_shows_settings_and_backup(capsys, data_file):
    assert main(["where", "--data-file", str(data_file)]) == 0
    out = capsys.readouterr().out
    assert f"settings:  {settings_path()} (defaults; none saved yet)" in out
    assert f"backup:    {data_file}.bak" in out
    save_settings(Settings(theme="nord"))
    assert main(["where", "--json", "--data-file", str(data_file)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["settings"] == str(settings_path())
    assert info["settings_exists"] is True
    assert info["backup"] == f"{data_file}.bak"


def test_help_lists_every_command_with_its_line(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # wide enough that no help line wraps
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    out = capsys.readouterr().out
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"imgwizard.commands.{name}")
        [line] = [line for line in out.splitlines() if line.split()[:1] == [module.NAME]]
        assert module.HELP in line
        assert "\n" not in module.HELP
    for name in ("export", "import-json", "import-programs", "serve"):
        assert any(line.split()[:1] == [name] for line in out.splitlines())
