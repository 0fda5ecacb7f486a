"""The web mode refuses what is not the user's own browser tab (issue #12, point 1 and the
IPv6 URL of point 7).

One real `imgwizard serve` on 127.0.0.1 and a real websocket client (aiohttp): a foreign
Origin, a DNS-rebinding Host, a missing or wrong token each get 403 and not one byte of the
screen, and the file is untouched; the URL `serve` prints (with its per-launch token) gets the
wizard, as a browser would."""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from imgwizard import store
from imgwizard.commands.serve import host_allowed, origin_allowed, url_host
from imgwizard.model import Dossier

pytest.importorskip("textual_serve")
aiohttp = pytest.importorskip("aiohttp")

SECRET_NAME = "Amina Secretname"


def free_port(family: int = socket.AF_INET, host: str = "127.0.0.1") -> int:
    with socket.socket(family) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class Served:
    def __init__(self, data: Path, host: str, port: int):
        self.data, self.port = data, port
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "imgwizard",
                "--data-file",
                str(data),
                "serve",
                "--host",
                host,
                "--port",
                str(port),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.first_line = self.proc.stdout.readline().decode()  # flushed before listening
        found = re.search(r"open (\S+) in a browser", self.first_line)
        assert found, self.first_line
        self.url = found.group(1)
        self.token = self.url.rpartition("token=")[2]

    def stop(self) -> str:
        self.proc.terminate()
        try:
            out = self.proc.communicate(timeout=15)[0]
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out = self.proc.communicate()[0]
        return out.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    data = folder / "private" / "dossier.toml"
    dossier = Dossier()
    dossier.profile.full_name = SECRET_NAME
    store.save(data, dossier, backup=False)
    server = Served(data, "127.0.0.1", free_port())
    yield server
    server.stop()


async def _wait_up(http, port: int) -> None:
    for _ in range(300):
        with contextlib.suppress(aiohttp.ClientError):
            async with http.get(f"http://127.0.0.1:{port}/static/js/textual.js") as resp:
                if resp.status == 200:
                    return
        await asyncio.sleep(0.1)
    pytest.fail("serve never started listening")


async def _screen(ws, until: bytes, seconds: float) -> bytes:
    received = b""
    deadline = time.monotonic() + seconds
    while until not in received and time.monotonic() < deadline:
        with contextlib.suppress(TimeoutError):
            msg = await ws.receive(timeout=1)
            if msg.type == aiohttp.WSMsgType.BINARY:
                received += msg.data
            elif msg.type == aiohttp.WSMsgType.TEXT:
                received += msg.data.encode()
            elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
    return received


async def _attempt(port: int, path: str, headers: dict[str, str]) -> tuple[int | None, bytes]:
    """Open a websocket as a hostile page would; (refusal status or None, bytes received)."""
    async with aiohttp.ClientSession() as http:
        await _wait_up(http, port)
        try:
            async with http.ws_connect(
                f"ws://127.0.0.1:{port}{path}?width=100&height=30", headers=headers
            ) as ws:
                await ws.send_json(["stdin", "3"])  # what the attack did: change the step
                return None, await _screen(ws, SECRET_NAME.encode(), 8)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status, b""


def _another(token: str) -> str:
    """The token with its last character changed (appending a fixed "A" was the real token
    whenever the token already ended in "A": one launch in 64)."""
    return token[:-1] + ("B" if token.endswith("A") else "A")


def _attack_cases(port: int, token: str) -> dict[str, tuple[str, dict[str, str]]]:
    own = f"127.0.0.1:{port}"
    return {
        "foreign Origin": (f"/ws/{token}", {"Origin": "https://evil.example"}),
        "foreign Origin, same port": (f"/ws/{token}", {"Origin": f"http://evil.example:{port}"}),
        "null Origin": (f"/ws/{token}", {"Origin": "null"}),
        "DNS rebinding Host": (
            f"/ws/{token}",
            {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"},
        ),
        "no token (textual-serve's own /ws)": ("/ws", {"Origin": f"http://{own}"}),
        "wrong token": ("/ws/" + "x" * len(token), {"Origin": f"http://{own}"}),
        "token of another launch": (f"/ws/{_another(token)}", {"Origin": f"http://{own}"}),
    }


def test_hostile_websockets_are_refused_and_see_nothing(served):
    before = served.data.read_bytes()
    results = {}
    for name, (path, headers) in _attack_cases(served.port, served.token).items():
        results[name] = asyncio.run(asyncio.wait_for(_attempt(served.port, path, headers), 60))
    for name, (status, received) in results.items():
        assert status == 403, (name, status)
        assert SECRET_NAME.encode() not in received, name
    assert served.data.read_bytes() == before  # no key reached the wizard


def test_the_page_without_its_token_or_from_another_host_is_refused(served):
    async def fetch(path: str, headers: dict[str, str]) -> tuple[int, str]:
        async with aiohttp.ClientSession() as http:
            await _wait_up(http, served.port)
            async with http.get(f"http://127.0.0.1:{served.port}{path}", headers=headers) as r:
                return r.status, await r.text()

    token = served.token
    assert asyncio.run(fetch("/", {}))[0] == 403
    assert asyncio.run(fetch("/?token=wrong", {}))[0] == 403
    status, body = asyncio.run(fetch(f"/?token={token}", {"Host": f"evil.example:{served.port}"}))
    assert status == 403 and token not in body
    status, page = asyncio.run(fetch(f"/?token={token}", {}))
    assert status == 200
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws/{token}"' in page


def test_the_printed_url_gets_the_wizard(served):
    """The good case: what a browser does with the URL serve printed."""
    port, token = served.port, served.token
    assert served.url == f"http://127.0.0.1:{port}/?token={token}"
    assert len(token) >= 32

    async def browser() -> tuple[str, bytes]:
        async with aiohttp.ClientSession() as http:
            await _wait_up(http, port)
            async with http.get(served.url) as resp:
                page = await resp.text()
                assert resp.headers["Referrer-Policy"] == "no-referrer"
            ws_url = re.search(r'data-session-websocket-url="([^"]+)"', page).group(1)
            async with http.ws_connect(
                ws_url + "?width=100&height=30", headers={"Origin": f"http://127.0.0.1:{port}"}
            ) as ws:
                return page, await _screen(ws, b"Choose a specialty", 45)

    _, screen = asyncio.run(asyncio.wait_for(browser(), 60))
    assert b"Choose a specialty" in screen


def test_ipv6_loopback_url_has_brackets(tmp_path):
    try:
        port = free_port(socket.AF_INET6, "::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    server = Served(tmp_path / "d.toml", "::1", port)
    try:
        assert server.url == f"http://[::1]:{port}/?token={server.token}"

        async def get() -> int:
            async with aiohttp.ClientSession() as http:
                for _ in range(300):
                    with contextlib.suppress(aiohttp.ClientError):
                        async with http.get(server.url) as resp:
                            return resp.status
                    await asyncio.sleep(0.1)
                return 0

        assert asyncio.run(asyncio.wait_for(get(), 60)) == 200
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("header", "host", "ok"),
    [
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("localhost:8000", "127.0.0.1", True),
        ("LOCALHOST:8000", "127.0.0.1", True),
        ("[::1]:8000", "::1", True),
        ("127.0.0.1:8001", "127.0.0.1", False),
        ("evil.example:8000", "127.0.0.1", False),
        ("127.0.0.1.nip.io:8000", "127.0.0.1", False),
        ("", "127.0.0.1", False),
        ("192.168.1.5:8000", "0.0.0.0", True),  # --allow-remote on every address: IPs only
        ("evil.example:8000", "0.0.0.0", False),
        ("myhost.lan:8000", "myhost.lan", True),
    ],
)
def test_host_header_rule(header, host, ok):
    assert host_allowed(header, host, 8000) is ok


def test_origin_rule_and_url_host():
    assert origin_allowed(None, "127.0.0.1:8000")
    assert origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert not origin_allowed("http://localhost:8000", "127.0.0.1:8000")
    assert not origin_allowed("https://evil.example", "127.0.0.1:8000")
    assert not origin_allowed("null", "127.0.0.1:8000")
    assert url_host("::1") == "[::1]" and url_host("[::1]") == "[::1]"
    assert url_host("127.0.0.1") == "127.0.0.1"
