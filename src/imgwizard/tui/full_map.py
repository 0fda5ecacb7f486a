"""The compositor's map of every widget is arranged once per layout, not again per refresh.

Textual's compositor (8.2) keeps two maps: the full one (every displayed widget, on screen or
not) and, after a scroll, one of the visible widgets. A widget's `region`, and so its `size`,
comes from the full map; when the map is marked stale, the next widget asked arranges the
whole screen again (`Compositor.full_map`). Two places marked it stale for nothing:

- **A layout** (`Compositor.reflow`) arranges the whole screen into a new full map but leaves
  the mark as it found it. A repaint before it had usually set it, so the first widget asked
  after the layout (a size change, a refresh, the render) arranged the screen a second time;
  and a scrollbar whose thumb moved asked in the middle of the layout, arranging a third.
  `reflow()` here clears the mark around Textual's reflow: during it a widget is answered from
  the map being replaced (only sizes are asked there, by `Widget._set_dirty`), after it from
  the new map, which is what a fresh arrangement gives.
- **A repaint** (`Compositor.update_widgets`) marks the map stale when a refreshed widget is
  not on screen, to place widgets mounted since the last layout. A widget scrolled out of
  view or on a hidden part of a pane is already in the full map, where it still is:
  repaints move nothing. `_update_widgets` keeps the mark off when every widget refreshed is
  in the map.

At 3,000 programs one arrangement of the programs step costs up to 20 ms; typing 48 keys
arranged the screen 44 times (107 ms) and now 1-5 times (1-9 ms); a step change arranged it
two or three times and now once. tests/tui/test_ui_latency.py checks that the map kept
equals a fresh arrangement after step changes, typing, scrolling and a resize.

Installed once with frame_first's patches, for the pinned Textual only (repaint's version
check); with another version Textual is left alone.
"""

from __future__ import annotations

from textual._compositor import Compositor, ReflowResult
from textual.geometry import Size
from textual.widget import Widget

# Textual's own, for the tests to compare with.
TEXTUAL_UPDATE_WIDGETS = Compositor.update_widgets


def reflow(compositor: Compositor, root: Widget, size: Size) -> ReflowResult:
    """Compositor.reflow, the new full map standing as current after it."""
    # Not scrolled since the last layout: the map holds the screen as it was, which is what a
    # widget asked during the reflow is answered from (after a scroll, Textual's way).
    if compositor._visible_map is None:
        compositor._full_map_invalidated = False
    result = compositor.reflow(root, size)
    compositor._full_map_invalidated = False
    return result


def _update_widgets(self: Compositor, widgets: set[Widget]) -> None:
    """Compositor.update_widgets, the full map left current when it holds every widget."""
    full_map = self._full_map
    keep = not self._full_map_invalidated and all(map(full_map.__contains__, widgets))
    TEXTUAL_UPDATE_WIDGETS(self, widgets)
    if keep:
        self._full_map_invalidated = False


def install() -> None:
    if Compositor.update_widgets is not _update_widgets:
        Compositor.update_widgets = _update_widgets  # type: ignore[method-assign]
