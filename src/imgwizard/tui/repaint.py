"""A repaint draws the rows that changed, not every row between the first and the last.

Textual's compositor (8.2) repaints a frame's dirty regions by taking the box around all of
them and asking every widget that box overlaps for all of its visible lines: a key typed into
a field (its row), the header's save indicator (the top row) and the findings panel's border
(near the bottom) made the screen, the body, the pane and the sidebar render every line they
have, 5-9 ms per key at 80x24. Here the dirty rows are drawn in bands of adjacent rows, and
each widget renders only its lines within the band. What reaches the terminal is the same:
the same rows, the same cells (tests/tui/test_ui_latency.py compares it with a full render).

Installed once, for the whole app (`install()`), as a patch of two private methods of the
pinned Textual version; with another version it leaves Textual alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import textual
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

PATCHED_FOR = "8.2.8"


def _bands(rows: list[int]) -> Iterator[tuple[int, int]]:
    """Runs of adjacent rows, as (first, past the last)."""
    start = previous = rows[0]
    for row in rows[1:]:
        if row != previous + 1:
            yield start, previous + 1
            start = row
        previous = row
    yield start, previous + 1


def _get_renders(
    self: Compositor, crop: Region | None = None
) -> Iterable[tuple[Region, Region, list[Strip]]]:
    """Compositor._get_renders, each widget's lines limited to the crop's rows."""
    visible_widgets = self.visible_widgets
    if crop:
        crop_overlaps = crop.overlaps
        widget_regions = [
            (widget, region, clip)
            for widget, (region, clip) in visible_widgets.items()
            if crop_overlaps(clip)
        ]
        top, bottom = crop.y, crop.bottom
    else:
        widget_regions = [
            (widget, region, clip) for widget, (region, clip) in visible_widgets.items()
        ]
        top, bottom = 0, None
    intersection = Region.intersection
    for widget, region, clip in widget_regions:
        if bottom is not None:  # rows of the clip within the crop; columns as they were
            clip_top, clip_bottom = max(clip.y, top), min(clip.bottom, bottom)
            if clip_bottom <= clip_top:
                continue
            clip = Region(clip.x, clip_top, clip.width, clip_bottom - clip_top)
        new_x, new_y, new_width, new_height = intersection(region, clip)
        if new_width and new_height:
            yield (
                region,
                clip,
                widget.render_lines(
                    Region(new_x - region.x, new_y - region.y, new_width, new_height)
                ),
            )


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """Compositor.render_partial_update, one band of adjacent dirty rows at a time."""
    screen_region = self.size.region
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    spans = list(self._regions_to_spans(update_regions))
    rows = sorted({y for y, _, _ in spans})
    is_rendered_line = set(rows).__contains__
    chops: list | None = None
    for first, past in _bands(rows):
        band = Region(0, first, screen_region.width, past - first).intersection(screen_region)
        if not band:
            continue
        band_chops = self._render_chops(band, is_rendered_line)
        if chops is None:
            chops = list(band_chops)
        else:
            chops[first:past] = band_chops[first:past]
    if chops is None:
        return None
    chop_ends = [cut_set[1:] for cut_set in self.cuts]
    return ChopsUpdate(chops, spans, chop_ends)


def textual_version() -> str | None:
    """The installed Textual's version, from the name of its dist-info folder beside it when
    there is exactly one: `textual.__version__` imports importlib.metadata (with email, csv
    and zipfile) and reads the package's metadata, ~20 ms of the first screen. Any other
    layout (an egg, a system package) falls back to it."""
    site = Path(textual.__file__).resolve().parent.parent
    try:
        found = [
            entry.name[len("textual-") : -len(".dist-info")]
            for entry in os.scandir(site)
            if entry.name.startswith("textual-") and entry.name.endswith(".dist-info")
        ]
    except OSError:
        found = []
    if len(found) == 1:
        return found[0]
    return getattr(textual, "__version__", None)


def install() -> bool:
    """Patch the compositor (once); False if this Textual is not the one it was made for."""
    if textual_version() != PATCHED_FOR:
        return False
    if Compositor.render_partial_update is not _render_partial_update:
        Compositor._get_renders = _get_renders  # type: ignore[method-assign]
        Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
    return True
