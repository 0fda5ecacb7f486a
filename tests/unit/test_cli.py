import json
import os
import subprocess
import sys

import pytest

from imgwizard import store
from imgwizard.cli import main


def test_where_prints_platformdirs_path(capsys, _isolated_home):
    assert main(["where"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == str(store.default_path())
    assert str(_isolated_home) in out
    assert "not created yet" in out


def test_where_honours_env_and_flag(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("IMGWIZARD_DATA_FILE", str(tmp_path / "x.toml"))
    main(["where"])
    assert capsys.readouterr().out.splitlines()[0] == str(tmp_path / "x.toml")
    main(["where", "--data-file", str(tmp_path / "y.toml")])
    assert capsys.readouterr().out.splitlines()[0] == str(tmp_path / "y.toml")


def test_check_on_corrupt_file_exits_2(capsys, data_file):
    data_file.parent.mkdir(parents=True)
    data_file.write_text("schema_version = [")
    assert main(["check", "--data-file", str(data_file)]) == 2
    err = capsys.readouterr().err
    assert str(data_file) in err and "line 1" in err
    assert data_file.read_text() == "schema_version = ["


def test_check_json_is_parseable(capsys, data_file):
    code = main(["check", "--json", "--today", "2026-11-24", "--data-file", str(data_file)])
    doc = json.loads(capsys.readouterr().out)
    assert doc["today"] == "2026-11-24"
    assert code == (1 if doc["summary"]["blocker"] else 0)
    assert not data_file.exists()  # check never writes


def test_headless_commands_do_not_import_textual(tmp_path):
    env = {**os.environ, "IMGWIZARD_DATA_FILE": str(tmp_path / "d.toml")}
    for args in (["where"], ["check", "--json"], ["--help"]):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "imgwizard", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        imported = [line for line in result.stderr.splitlines() if "import time:" in line]
        assert imported, "importtime printed nothing"
        assert not [line for line in imported if "textual" in line], args


def _command_modules() -> list[str]:
    import pkgutil

    import imgwizard.commands as commands

    return [f"{commands.__name__}.{m.name}" for m in pkgutil.iter_modules(commands.__path__)]


def test_every_command_module_imports_without_textual():
    """Found, not listed: a new command module is checked too. `run` starts the wizard, but
    only when called: importing it must stay as light as the others."""
    modules = _command_modules()
    assert {"imgwizard.commands.check", "imgwizard.commands.run"} <= set(modules)
    for module in modules:
        code = (
            f"import sys, {module}; "
            "print(sorted(m for m in sys.modules if m.partition('.')[0] == 'textual'))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, (module, result.stderr)
        assert result.stdout.strip() == "[]", (module, result.stdout)


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "imgwizard" in capsys.readouterr().out


def test_command_names_are_the_modules_names():
    import importlib

    from imgwizard.cli import COMMAND_NAMES

    for name, module in COMMAND_NAMES.items():
        assert name == importlib.import_module(f"imgwizard.commands.{module}").NAME


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--json", "--today", "2026-11-30"],
        ["--data-file", "plan", "check", "--json"],
        ["--data", "plan", "check"],
        ["--data-file=check", "plan", "--within", "7"],
        ["--no-mouse", "--data-file", "check"],
        ["--read-only"],
        [],
        ["season", "set", "eras.fee", "check"],
        ["export", "--format", "markdown", "--output", "check"],
        ["import-programs", "plan.csv"],
        ["budget", "--json"],
    ],
)
def test_a_command_is_parsed_as_the_full_parser_parses_it(argv):
    """`imgwizard check` builds a parser with `check` only (requested_command): it reads
    every command line as the parser of every command does."""
    from imgwizard.cli import build_parser, requested_command

    def parsed(parser):
        try:
            return vars(parser.parse_args(argv))
        except SystemExit as exc:  # an error: the same error either way
            return {"exit": exc.code}

    assert parsed(build_parser(requested_command(argv))) == parsed(build_parser())


def test_help_and_unknown_commands_get_the_full_parser():
    from imgwizard.cli import requested_command

    assert requested_command(["--help"]) is None
    assert requested_command(["-h", "check"]) is None
    assert requested_command(["chek"]) is None
    assert requested_command(["--data-file", "check"]) is None  # a file called "check"
    assert requested_command(["import-json", "x.json"]) == "import_json"
