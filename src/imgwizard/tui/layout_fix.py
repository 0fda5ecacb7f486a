"""A text that changes size right after its first layout keeps its new size.

Textual caches each widget's box model (its size in the layout) under a key that includes the
widget's `_layout_updates` counter, and `Widget.refresh(layout=True)` bumps that counter only
when no layout request is already pending. A widget's first layouts leave one pending (setting
its `virtual_size` asks for a layout), so a `Static` filled right after the first frame, as the
panes fill their notes and details, kept the box model of its empty start: a program's detail
lines and the geography explanation showed one line of three, cut off without a mark.

Here every layout request bumps the counter, so the cached box model is not reused for new
content. Textual is pinned exactly (pyproject.toml), so the one method wrapped here cannot move
under us; tests/tui/test_layout_fix.py fails without it.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget

_original_refresh = Widget.refresh


def _refresh(
    self: Widget,
    *regions: Region,
    repaint: bool = True,
    layout: bool = False,
    recompose: bool = False,
) -> Widget:
    if layout and self._layout_required:  # already pending: Textual would not bump it
        self._layout_updates += 1
    return _original_refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)


def install() -> None:
    if Widget.refresh is not _refresh:
        Widget.refresh = _refresh  # type: ignore[method-assign]
