"""A layout draws its frame before it tells the widgets what changed.

Textual's Screen._refresh_layout (8.2) lays the screen out, then posts Hide to every widget
that left the screen, Resize to every one that moved in or changed size and Show to every
one that moved in, and only then draws the frame. A step change hides one pane and shows
another: 100-200 messages at 80x24, 1.5-2 ms of posting between the key and the frame. The
widgets handle these messages after the layout's callback in either order, so here they are
posted right after the frame is drawn: the same messages, to the same widgets, in the same
order (tests/tui/test_ui_latency.py compares them with Textual's own method).

Installed once, for the whole app (`install()`), as a patch of one private method of the
pinned Textual version, with tui/repaint.py's patches and only when repaint says this is the
Textual they were made for (one check of the version, made in one place); with another
version it leaves Textual alone.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

from imgwizard.tui import full_map, repaint

# Textual's own, for the tests to compare with.
TEXTUAL_REFRESH_LAYOUT = Screen._refresh_layout


def _refresh_layout(self: Screen, size: Size | None = None, scroll: bool = False) -> None:
    """Screen._refresh_layout, its Hide, Resize and Show messages posted after the frame."""
    size = self.outer_size if size is None else size
    if self.app.is_inline:
        size = size.with_height(self.app._get_inline_height())
    if not size:
        return
    self._compositor.update_widgets(self._dirty_widgets)
    self._update_timer.pause()
    resize_event = events.Resize
    messages: list[tuple[Widget, Message]] = []
    try:
        if scroll and not self._layout_widgets:
            exposed_widgets = self._compositor.reflow_visible(self, size)
            if exposed_widgets:
                for widget, geometry in self._compositor.layers:
                    region, _, _, virtual_size, container_size, _, _ = geometry
                    if widget in exposed_widgets and widget._size_updated(
                        region.size, virtual_size, container_size, layout=False
                    ):
                        resize = resize_event(region.size, virtual_size, container_size)
                        messages.append((widget, resize))
        else:
            # The new full map stands as current (tui/full_map.py).
            hidden, shown, resized = full_map.reflow(self._compositor, self, size)
            self._layout_widgets.clear()
            messages.extend((widget, events.Hide()) for widget in hidden)
            send_resize = shown | resized
            for widget, geometry in self._compositor.layers:
                region, _, _, virtual_size, container_size, _, _ = geometry
                widget._size_updated(region.size, virtual_size, container_size)
                if widget in send_resize:
                    resize = resize_event(region.size, virtual_size, container_size)
                    messages.append((widget, resize))
            messages.extend((widget, events.Show()) for widget in shown)
    except Exception as error:
        self.app._handle_exception(error)
        return

    if self.is_current:
        if self.app._batch_count:
            self.call_later(self._compositor_refresh)
        else:
            self._compositor_refresh()
    for widget, message in messages:
        widget.post_message(message)

    if self.app._dom_ready:
        self.screen_layout_refresh_signal.publish(self.screen)
    else:
        self.app.post_message(events.Ready())
        self.app._dom_ready = True


def install() -> bool:
    """Patch the screen (once), with repaint's patches; False if this Textual is not the
    one they were made for."""
    if not repaint.install():
        return False
    if Screen._refresh_layout is not _refresh_layout:
        Screen._refresh_layout = _refresh_layout  # type: ignore[method-assign]
    full_map.install()
    return True
