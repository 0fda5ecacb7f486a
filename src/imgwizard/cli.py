"""Command line: `imgwizard` starts the wizard; subcommands work without Textual.

Each subcommand is a module in `imgwizard.commands` with NAME, HELP, add_arguments(parser)
and run(args) -> exit status. Modules import what they need inside run(), so `--help` and the
headless commands stay fast and never import Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from imgwizard import __version__

# Order here is the order `imgwizard --help` lists them.
COMMAND_MODULES = (
    "where",
    "check",
    "plan",
    "budget",
    "season",
    "export",
    "import_json",
    "import_programs",
    "serve",
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


# The name each command is typed as (its module's NAME), so the command line can be read
# before any command module is imported; tests/unit/test_cli.py checks it against NAME.
COMMAND_NAMES = {module.replace("_", "-"): module for module in COMMAND_MODULES}


def _commands(only: str | None = None):
    names = COMMAND_MODULES if only is None else (only,)
    return [importlib.import_module(f"imgwizard.commands.{name}") for name in names]


def requested_command(argv: Sequence[str]) -> str | None:
    """The module of the command named on the command line, when parsing needs no other
    command: `imgwizard check --json` is parsed by a parser that knows `check` only (importing
    every command module and building every subparser took ~20 ms of CPU, a tenth of a
    `check`). None (the full parser) for help, the version, no command or an unknown one,
    so what those print is unchanged."""
    arguments = iter(argv)
    for arg in arguments:
        if arg in ("-h", "--help", "--version") or arg.startswith("--help"):
            return None
        if len(arg) > 3 and "--data-file".startswith(arg):  # argparse takes "--data" too
            next(arguments, None)  # its value (a file may be called "plan")
        elif arg in COMMAND_NAMES:
            return COMMAND_NAMES[arg]
    return None


class _HelpFormatter(argparse.HelpFormatter):
    """argparse measures command names without the extra indent it prints them with, so a long
    one (import-programs) got its help pushed to the next line; count the indent."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction) and action.choices:
            longest = max(len(name) for name in action.choices)
            width = longest + self._current_indent + 2  # subcommands are indented 2 more
            self._action_max_length = max(self._action_max_length, width)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; `only`: with that one command module (see
    requested_command)."""
    parser = argparse.ArgumentParser(
        prog="imgwizard",
        formatter_class=_HelpFormatter,
        description="A terminal wizard for international medical graduates applying to US "
        "residency: eleven steps, one private file, and checks that say what is missing.",
        epilog="Run without a command to start the wizard. Data file: --data-file, else "
        "$IMGWIZARD_DATA_FILE, else the per-user data folder (see `imgwizard where`).",
    )
    parser.add_argument("--version", action="version", version=f"imgwizard {__version__}")
    parser.add_argument("--data-file", metavar="PATH", help="the dossier file to use")
    wizard = parser.add_argument_group("wizard options")
    wizard.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    wizard.add_argument(
        "--read-only", action="store_true", help="open without taking the lock; nothing is saved"
    )
    wizard.add_argument("--ansi", action="store_true", help="use the terminal's own 16 colours")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module in _commands(only):
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        command.add_argument(
            "--data-file", metavar="PATH", default=argparse.SUPPRESS, help="the dossier file to use"
        )
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from imgwizard.safe_text import SafeStream

    # User text (a program name from a CSV file, a path, an argument) may hold escape
    # sequences: whatever a command (or argparse's usage error) prints shows them as \uXXXX
    # instead of letting them act on the terminal. Not for the wizard, which draws through
    # tui/safe_output, nor for `serve`, whose console has its own colours.
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(real_out), SafeStream(real_err)
    try:
        arguments = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(requested_command(arguments)).parse_args(arguments)
    finally:
        sys.stdout, sys.stderr = real_out, real_err
    handler = getattr(args, "handler", None)
    if handler is None:
        from imgwizard.commands import run as wizard

        return wizard.run(args)
    from imgwizard.commands.common import CommandFailed, fail

    if getattr(handler, "raw_output", False) is False:
        sys.stdout, sys.stderr = SafeStream(real_out), SafeStream(real_err)
    try:
        return handler(args)
    except CommandFailed as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `imgwizard check | head`: the reader went away; that is not an error of ours.
        real_err.close()
        return 0
    finally:
        sys.stdout, sys.stderr = real_out, real_err


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
