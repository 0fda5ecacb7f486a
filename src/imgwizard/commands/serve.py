"""`imgwizard serve`: the same wizard in a web browser, through textual-serve.

Optional: `pip install 'imgwizard[web]'`. Bound to 127.0.0.1 by default; any other address
needs --allow-remote.

textual-serve itself accepts any websocket: a page on any website the user visits while
`serve` runs could connect to ws://127.0.0.1:PORT/ws, read the dossier off the screen and type
into it. So every request here passes three checks (GuardedServer):
- a per-launch secret token, printed in the URL (`/?token=...`; the page's websocket is
  `/ws/<token>`), as notebook servers do: other local accounts and other sites cannot guess it;
- the Host header must name the served address (a DNS-rebinding page arrives as
  `Host: evil.example:PORT`);
- an Origin header, when sent (browsers always send one on a websocket), must be this server.
Refusals are 403 with no screen, and are logged on the serve console.
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


def url_host(host: str) -> str:
    """The host as it appears in a URL: an IPv6 address in brackets."""
    host = host.strip()
    return f"[{host.strip('[]')}]" if ":" in host else host


def allowed_hosts(host: str, port: int) -> set[str]:
    """Host header values (lower case, with port) that name this server."""
    names = {url_host(host).lower()}
    if is_loopback(host):
        names |= {"localhost", "127.0.0.1", "[::1]"}
    return {f"{name}:{port}" for name in names}


def _unspecified(host: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def host_allowed(header: str, host: str, port: int) -> bool:
    """Whether a request's Host header names this server. Bound to every address (0.0.0.0 or
    ::, with --allow-remote), any IP address literal is accepted: DNS rebinding needs a name."""
    import ipaddress

    header = header.strip().lower()
    if header in allowed_hosts(host, port):
        return True
    if not _unspecified(host):
        return False
    name, _, given_port = header.rpartition(":")
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return given_port == str(port)


def origin_allowed(origin: str | None, host_header: str) -> bool:
    """No Origin (not a browser, and the token still applies) or this very server."""
    if origin is None:
        return True
    return origin.strip().lower() in {f"http://{host_header.strip().lower()}"}


def new_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


def guarded_server(command: str, *, host: str, port: int, token: str):
    """textual-serve's Server with the token, Host and Origin checks (see the module doc)."""
    import hmac
    import logging

    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    from imgwizard.safe_text import visible_line

    log = logging.getLogger("imgwizard.serve")

    class GuardedServer(Server):
        def refuse(self, request: web.Request, why: str) -> web.Response:
            log.warning(visible_line(f"refused {request.method} {request.path}: {why}"))
            return web.Response(status=403, text=f"imgwizard: refused ({why})\n")

        @web.middleware
        async def guard(self, request: web.Request, handler):
            host_header = request.headers.get("Host", "")
            if not host_allowed(host_header, host, port):
                return self.refuse(request, f"Host {host_header!r} is not this server")
            origin = request.headers.get("Origin")
            if not origin_allowed(origin, host_header):
                return self.refuse(request, f"Origin {origin!r} is another site")
            secret = request.match_info.get("token", request.query.get("token", ""))
            if request.path.startswith("/static/"):
                return await handler(request)  # textual-serve's own scripts and fonts
            if not hmac.compare_digest(secret.encode(), token.encode()):
                return self.refuse(request, "missing or wrong token")
            return await handler(request)

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[self.guard])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.add_routes(
                [
                    web.get("/", self.handle_guarded_index, name="index"),
                    web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                    web.get("/download/{key}", self.handle_download, name="download"),
                    web.static("/static", self.statics_path, name="static"),
                ]
            )
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.on_shutdown)
            return app

        async def on_startup(self, app: web.Application) -> None:
            pass  # textual-serve's banner would print the command; run() says what matters

        async def handle_guarded_index(self, request: web.Request) -> web.Response:
            static = request.app.router["static"].url_for(filename="/")
            context = {
                "font_size": 16,
                "app_websocket_url": f"ws://{request.host}/ws/{token}",
                "config": {"static": {"url": f"{self.public_url}{static}".rstrip("/") + "/"}},
                "application": {"name": self.title},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            # The token is in this page's URL: never send it on as a Referer, never cache it.
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-store"
            return response

    public = f"http://{url_host(host)}:{port}"
    return GuardedServer(
        command, host=host.strip("[]"), port=port, title="imgwizard", public_url=public
    )


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
    from imgwizard.safe_text import visible_line

    path = data_path(args).resolve()
    command = wizard_command(path, read_only=args.read_only)
    token = new_token()
    url = f"http://{url_host(args.host)}:{args.port}/?token={token}"
    print(f"imgwizard web mode: open {url} in a browser (Ctrl+C here stops it)")
    print(f"data file: {visible_line(str(path))}")
    print(
        "note: the token in that address is the only key; anyone who has the whole address "
        "can read and change your dossier while this runs. It changes at every start.",
        flush=True,
    )
    server = guarded_server(command, host=args.host, port=args.port, token=token)
    try:
        server.serve()
    except OSError as exc:
        return fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    return 0


# textual-serve's console writes its own colours: cli.main must not escape this command's
# output (its own lines above pass user text through visible_line instead).
run.raw_output = True  # type: ignore[attr-defined]
