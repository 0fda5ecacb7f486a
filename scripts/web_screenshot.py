"""Screenshot of `imgwizard serve` in a real headless Chromium (the documented web-mode check).

Chromium's own `--screenshot` flag shoots as soon as the page has loaded, before the wizard's
process has started and sent its first screen over the websocket, so this script drives
Chromium through its DevTools protocol instead: open the page, wait until textual-serve's
terminal has received its first bytes (the page's body gets the class `-first-byte`), let it
paint, then capture the page as PNG.

    python scripts/web_screenshot.py http://127.0.0.1:8000 screenshots/web-mode.png

Needs Debian's chromium (`apt-get install chromium`) and aiohttp (installed with
imgwizard[web]). Everything stays on 127.0.0.1. Exit 0 when the wizard painted, 1 if not.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# textual-serve's page marks its body once the app's first output has arrived.
FIRST_BYTE = "document.body && document.body.classList.contains('-first-byte')"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def shoot(url: str, out: Path, width: int, height: int, wait: float, settle: float) -> bool:
    import aiohttp

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium not found: apt-get install chromium")
    port = free_port()
    profile = tempfile.mkdtemp(prefix="imgwizard-chromium-")
    proc = subprocess.Popen(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--remote-debugging-port={port}",
            "--remote-debugging-address=127.0.0.1",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with aiohttp.ClientSession() as http:
            target = None
            for _ in range(100):  # Chromium takes a moment to open its port
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"http://127.0.0.1:{port}/json/list") as resp:
                        pages = [t for t in await resp.json() if t.get("type") == "page"]
                        if pages:
                            target = pages[0]
                            break
                await asyncio.sleep(0.1)
            if target is None:
                sys.exit("chromium did not open its DevTools port")
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                counter = 0

                async def call(method: str, **params):
                    nonlocal counter
                    counter += 1
                    await ws.send_str(
                        json.dumps({"id": counter, "method": method, "params": params})
                    )
                    while True:
                        msg = json.loads((await ws.receive()).data)
                        if msg.get("id") == counter:
                            return msg.get("result", {})

                await call(
                    "Emulation.setDeviceMetricsOverride",
                    width=width,
                    height=height,
                    deviceScaleFactor=1,
                    mobile=False,
                )
                await call("Page.navigate", url=url)
                painted = False
                deadline = time.monotonic() + wait
                while time.monotonic() < deadline:
                    result = await call(
                        "Runtime.evaluate",
                        expression=FIRST_BYTE,
                        returnByValue=True,
                    )
                    if result.get("result", {}).get("value"):
                        painted = True
                        break
                    await asyncio.sleep(0.25)
                await asyncio.sleep(settle)  # let the first screens arrive and paint
                shot = await call("Page.captureScreenshot", format="png")
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(base64.b64decode(shot["data"]))
                return painted
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("output", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--wait", type=float, default=20.0, help="seconds to wait for the app")
    parser.add_argument(
        "--settle", type=float, default=2.0, help="seconds to let it paint before the shot"
    )
    args = parser.parse_args()
    painted = asyncio.run(
        shoot(args.url, args.output, args.width, args.height, args.wait, args.settle)
    )
    print(f"{args.output}: {'the wizard painted' if painted else 'NO output from the app'}")
    return 0 if painted else 1


if __name__ == "__main__":
    sys.exit(main())
