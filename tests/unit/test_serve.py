"""Web mode: the command textual-serve runs, the loopback guard, the missing-extra message,
and one real session over the websocket (the browser check itself is in docs/web-mode.md)."""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import socket
import subprocess
import sys

import pytest

from imgwizard.cli import main
from imgwizard.commands.serve import INSTALL_HINT, is_loopback, wizard_command


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_wizard_command_runs_this_python_on_the_same_file(tmp_path):
    data = tmp_path / "my data" / "it's.toml"
    command = wizard_command(data, python="/opt/py thon/bin/python")
    assert shlex.split(command) == [
        "/opt/py thon/bin/python",
        "-m",
        "imgwizard",
        "--data-file",
        str(data),
    ]
    assert shlex.split(wizard_command(data, read_only=True))[-1] == "--read-only"
    assert shlex.split(wizard_command(data))[0] == sys.executable


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_non_loopback_is_refused_without_allow_remote(capsys, host):
    assert main(["serve", "--host", host]) == 2
    err = capsys.readouterr().err
    assert "refusing to listen" in err and "--allow-remote" in err


def test_missing_extra_names_the_install_command(capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "textual_serve" else real(name, *a),
    )
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert INSTALL_HINT in err and "pip install 'imgwizard[web]'" in err


def test_bad_port_is_refused(capsys):
    assert main(["serve", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_browser_session_gets_the_wizard(tmp_path):
    """Start `imgwizard serve` on loopback, fetch the page, open the websocket the page opens,
    and read the wizard's first screen. Bounded: 60 s at most, then everything is stopped."""
    pytest.importorskip("textual_serve")
    import aiohttp

    from tests.unit.test_security_serve import _screen as read_screen

    port = free_port()
    data = tmp_path / "private" / "dossier.toml"
    server = subprocess.Popen(
        [sys.executable, "-m", "imgwizard", "--data-file", str(data), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )

    first = server.stdout.readline().decode()  # printed (and flushed) before listening
    url = first.split("open ", 1)[1].split(" ", 1)[0]
    token = url.rpartition("token=")[2]

    async def session() -> tuple[str, str]:
        async with aiohttp.ClientSession() as http:
            page = ""
            for _ in range(200):
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(url) as resp:
                        page = await resp.text()
                        break
                await asyncio.sleep(0.1)
            ws_url = f"ws://127.0.0.1:{port}/ws/{token}?width=100&height=30"
            async with http.ws_connect(ws_url) as ws:
                received = await read_screen(ws, b"Choose a specialty", 45)
            return page, received.decode("utf-8", "replace")

    try:
        page, screen = asyncio.run(asyncio.wait_for(session(), 60))
    finally:
        server.terminate()
        try:
            out = server.communicate(timeout=15)[0].decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            server.kill()
            out = server.communicate()[0].decode("utf-8", "replace")
    assert "<title>" in page.lower() or "imgwizard" in page, page[:500]
    assert f"ws://127.0.0.1:{port}/ws/{token}" in page
    assert "Choose a specialty" in screen, out[-2000:]
    assert "Research programs" in screen  # the sidebar lists the steps
    assert first.startswith(f"imgwizard web mode: open http://127.0.0.1:{port}/?token=")
