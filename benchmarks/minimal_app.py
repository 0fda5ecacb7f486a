"""The floor: a minimal Textual app (Header, one Static, Footer), as issue #6 defines it.

benchmarks/run.py starts it side by side with the wizard; every ratio in docs/performance.md
is "the wizard / this app" measured in the same run on the same machine.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

TEXT = "Minimal Textual app: ready"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(TEXT)
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
