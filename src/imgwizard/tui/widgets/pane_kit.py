"""Small pieces the step panes 1-5 share: section titles, key hints, season facts shown with
their confidence, read-only handling and loading a pane's .tcss file."""

from __future__ import annotations

from pathlib import Path

from textual.dom import DOMNode
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from imgwizard.season import Season

EDITABLE = (Input, Select, Checkbox, Button)


def css_beside(module_file: str) -> str:
    """The text of the .tcss file next to a module (panes are widgets: no CSS_PATH for them)."""
    path = Path(module_file).with_suffix(".tcss")
    return path.read_text(encoding="utf-8") if path.exists() else ""


class Section(Static):
    """A section title inside a long form."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(title, markup=False, classes="section-title", id=id)


class Explain(Static):
    """A short plain-language explanation."""

    def __init__(self, text: str, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(text, markup=False, classes=f"explain {classes}".strip(), id=id)


class Hint(Static):
    """The keys a list or table answers to, e.g. "a add · e edit · d delete"."""

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(text, markup=False, classes="key-hint", id=id)


def fact_text(season: Season, key: str, unknown: str = "not known for this season") -> str:
    """A season value as shown on screen: Fact.display() (estimates say so) or `unknown`."""
    fact = season.get(key)
    return fact.display() if fact is not None else unknown


def apply_read_only(root: DOMNode, read_only: bool) -> None:
    """Disable every editing control under `root` while another session holds the file.

    Tables stay usable (scrolling and reading), but panes check read_only before changing
    anything from a key binding."""
    for widget in root.query("*"):
        if isinstance(widget, TextArea):
            widget.read_only = read_only
        elif isinstance(widget, EDITABLE) and not widget.has_class("always-enabled"):
            widget.disabled = read_only
