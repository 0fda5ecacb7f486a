"""User text made safe for a terminal in headless output (check, season, where, errors ...).

A program name imported from a CSV file can hold `ESC [ 2 J` (clear the screen), `ESC ] 0 ; …
BEL` (retitle the terminal), a C1 control such as U+009B (a one-character CSI on many
terminals) or a bidi override (U+202E, which shows the rest of the line backwards). Printed as
they are, they act on the reader's terminal. `visible(text)` writes each such character as a
`\\uXXXX` escape instead: the reader sees that something odd is in the name, nothing acts on
the terminal, and inside a JSON string the escape means the same character, so JSON output
stays valid and exact.

Tab and newline are kept (they are how the output is laid out); carriage return, every other C0
control, DEL, the C1 controls and the bidi/line-separator format characters are escaped.
The wizard itself draws through tui/safe_output.py; this module has no Textual.
"""

from __future__ import annotations

import re
from typing import TextIO

# C0 except tab and newline, DEL, C1, Arabic letter mark, LRM/RLM, line/paragraph separators,
# the embeddings/overrides (U+202A-U+202E) and the isolates (U+2066-U+2069).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: str) -> str:
    """`text` with every character that could act on a terminal written as `\\uXXXX`."""
    return _UNSAFE.sub(_escape, text)


def visible_line(text: str) -> str:
    """Like visible(), with newlines escaped too: one field on one line of output."""
    return visible(text).replace("\n", "\\u000a")


class SafeStream:
    """A text stream that passes everything written through visible(): installed over stdout
    and stderr for the headless commands (cli.main), so no path of output can skip it.
    Everything else (flush, isatty, encoding ...) is the wrapped stream's."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)
