"""Keep control characters in user text from reaching the terminal.

Rich and Textual strip a few control characters (BEL, backspace …) but pass ESC and the C1
controls through, so a program name holding `ESC ] 0 ; … BEL` retitled the terminal and
`ESC [ 2 J` cleared it: escape sequences from a hand-edited file, an imported CSV or a paste were
written to the terminal as they were. Every widget's text becomes terminal output in one place,
`Strip.render`; this removes C0, DEL and C1 characters from segment text there, before Textual
adds its own styles and cursor moves. The dossier keeps the text exactly as it was; only what is
drawn changes (the sequence shows as its harmless printable rest, e.g. `]0;title`).

Textual is pinned exactly (pyproject.toml), so the one method wrapped here cannot move under us;
tests/tui/test_reliability_wizard.py checks the terminal output of a real run.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.strip import Strip

# C0 controls, DEL and C1 controls. They have no width, so removing them keeps the layout.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without control characters (fast when there are none)."""
    return text if text.isprintable() else _CONTROL.sub("", text)


_original_render = Strip.render


def _render(self: Strip, console) -> str:
    if self._render_cache is None and not all(seg.text.isprintable() for seg in self._segments):
        self._segments = [
            Segment(printable(seg.text), seg.style, seg.control) for seg in self._segments
        ]
    return _original_render(self, console)


def install() -> None:
    """Idempotent: wrap Strip.render once per process."""
    if Strip.render is not _render:
        Strip.render = _render  # type: ignore[method-assign]
