"""A repaint draws the rows that changed, not every row between the first and the last.

Textual's compositor (8.2) repaints a frame's dirty regions by taking the box around all of
them and asking every widget that box overlaps for all of its visible lines: a key typed into
a field (its row), the header's save indicator (the top row) and the findings panel's border
(near the bottom) made the screen, the body, the pane and the sidebar render every line they
have, 5-9 ms per key at 80x24. Here the dirty rows are drawn in bands of adjacent rows, and
each widget renders only its lines within the band, and only the lines that the widgets in
front of it do not cover entirely: the screen, the body, the main area and the content
switcher are drawn where they show, not under the pane of a new step (1-2 ms of a step
change). What reaches the terminal is the same: the same rows, the same cells
(tests/tui/test_ui_latency.py compares it with Textual's own full render).

Installed once, for the whole app (`install()`), as a patch of two private methods of the
pinned Textual version; with another version it leaves Textual alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import cast

import textual
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

PATCHED_FOR = "8.2.8"
# Textual's own, for the tests to compare with.
TEXTUAL_RENDER_CHOPS = Compositor._render_chops


def _bands(rows: list[int]) -> Iterator[tuple[int, int]]:
    """Runs of adjacent rows, as (first, past the last)."""
    start = previous = rows[0]
    for row in rows[1:]:
        if row != previous + 1:
            yield start, previous + 1
            start = row
        previous = row
    yield start, previous + 1


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip | None]]:
    """Compositor._render_chops, asking each widget only for its lines within the crop's
    rows, and only for the lines where something in front of it has not already filled
    every piece of its width.

    Widgets come front to back and the first strip for a piece of a line wins, so the lines
    of a container that its children cover (the screen, the body, the main area, the content
    switcher behind a pane) were rendered and cut up only to be thrown away."""
    cuts = self.cuts
    fromkeys = cast("Callable[[list[int]], dict[int, Strip | None]]", dict.fromkeys)
    chops: list[dict[int, Strip | None]] = [fromkeys(cut_set[:-1]) for cut_set in cuts]
    crop_overlaps = crop.overlaps
    top, bottom = crop.y, crop.bottom
    intersection = Region.intersection

    def open_line(y: int, first_cut: int, last_cut: int) -> bool:
        """Line y has a piece between these columns that nothing has filled yet."""
        if not is_rendered_line(y):
            return False
        line = chops[y]
        return any(line[cut] is None for cut in cuts[y] if last_cut > cut >= first_cut)

    for widget, (region, clip) in self.visible_widgets.items():
        if not crop_overlaps(clip):
            continue
        # Rows of the clip within the crop; columns as they were.
        clip_top, clip_bottom = max(clip.y, top), min(clip.bottom, bottom)
        if clip_bottom <= clip_top:
            continue
        render_x, render_y, render_width, render_height = intersection(
            region, Region(clip.x, clip_top, clip.width, clip_bottom - clip_top)
        )
        if not (render_width and render_height):
            continue
        first_cut, last_cut = render_x, render_x + render_width
        # Only the rows from the first to the last with a piece still to fill.
        rows = range(render_y, render_y + render_height)
        first_row = next((y for y in rows if open_line(y, first_cut, last_cut)), None)
        if first_row is None:
            continue
        last_row = next(y for y in reversed(rows) if open_line(y, first_cut, last_cut))
        render_region = Region(render_x, first_row, render_width, last_row + 1 - first_row)
        strips = widget.render_lines(render_region.translate(-region.offset))
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            chops_line = chops[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            cut_strips = strip.divide([cut - render_x for cut in final_cuts[1:]])
            # Front to back: the first strip for a piece of the line wins.
            get_chops_line = chops_line.get
            for cut, cut_strip in zip(final_cuts, cut_strips, strict=False):  # not the end
                if get_chops_line(cut) is None:
                    chops_line[cut] = cut_strip
    return chops


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


@cache
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
        Compositor._render_chops = _render_chops  # type: ignore[method-assign]
        Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
    return True
