"""`imgwizard serve`: the same wizard in a web browser, through textual-serve.

Optional: `pip install 'imgwizard[web]'`. Bound to 127.0.0.1 by default; any other address
needs --allow-remote, because textual-serve has no log-in: whoever reaches the port gets your
dossier.
"""

from __future__ import annotations

import argparse

NAME = "serve"
HELP = "run the wizard in a web browser (imgwizard[web])"

INSTALL_HINT = "pip install 'imgwizard[web]'"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow an address other than loopback (there is no password: anyone who can "
        "reach it can read and change your dossier)",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="the wizard opens the file read-only"
    )


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def wizard_command(data_file, *, read_only: bool = False, python: str | None = None) -> str:
    """The shell command textual-serve runs for each browser session: this Python running
    the wizard on the same data file (quoted: textual-serve passes it to a shell)."""
    import shlex
    import sys

    argv = [python or sys.executable, "-m", "imgwizard", "--data-file", str(data_file)]
    if read_only:
        argv.append("--read-only")
    return shlex.join(argv)


def run(args: argparse.Namespace) -> int:
    import importlib.util

    from imgwizard.commands.common import data_path, fail

    if not is_loopback(args.host) and not args.allow_remote:
        return fail(
            f"refusing to listen on {args.host}: the web mode has no password, so anyone who "
            "can reach that address could read and change your dossier.\n"
            "What to do: use the default 127.0.0.1 (and an SSH tunnel: ssh -L 8000:127.0.0.1:"
            "8000 host), or pass --allow-remote if you really mean it."
        )
    if not 1 <= args.port <= 65535:
        return fail(f"--port must be between 1 and 65535, not {args.port}")
    if importlib.util.find_spec("textual_serve") is None:
        return fail(
            "the web mode needs the optional package textual-serve, which is not installed.\n"
            f"What to do: {INSTALL_HINT}"
        )
    from textual_serve.server import Server

    path = data_path(args).resolve()
    command = wizard_command(path, read_only=args.read_only)
    url = f"http://{args.host}:{args.port}"
    print(f"imgwizard web mode: open {url} in a browser (Ctrl+C here stops it)")
    print(f"data file: {path}")
    print(
        "note: other accounts on this machine can reach 127.0.0.1 too; use the web mode on a "
        "machine that is yours alone."
    )
    server = Server(command, host=args.host, port=args.port, title="imgwizard")
    try:
        server.serve()
    except OSError as exc:
        return fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    return 0
