"""What issue #18's UI-latency work keeps or updates in place shows the same as doing it
the eager way: rendered grids, sidebar rows, step statuses. No timings here."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App
from textual.style import Style
from textual.visual import RenderOptions, RichVisual

from imgwizard import store
from imgwizard.demo import demo_dossier, missing_documents_dossier
from imgwizard.model import Dossier, Program
from imgwizard.rules.findings import Finding, Severity
from imgwizard.steps import STEP_IDS, STEPS
from imgwizard.tui.widgets.findings import (
    FindingsGrid,
    FindingsPanel,
    RowStrips,
    finding_row,
    grid_of,
)
from imgwizard.tui.widgets.header import WizardHeader
from imgwizard.tui.widgets.sidebar import StepSidebar, step_status
from tests.conftest import make_wizard

FINDINGS = [
    Finding("x.a", Severity.BLOCKER, "programs", "A blocker with a long message " * 3, "Fix."),
    Finding("x.b", Severity.WARNING, "programs", "A warning.", "Do this, then that " * 4),
    Finding("x.c", Severity.INFO, "programs", "A note without a fix.", ""),
]


def _lines(strips) -> list[str]:
    return [strip.text for strip in strips]


class _Host(App[None]):
    def __init__(self, widget) -> None:
        super().__init__()
        self._widget = widget

    def compose(self):
        yield self._widget


WIDE = [
    Finding("w.a", Severity.WARNING, "programs", "中文字 " * 9 + "x" * 70, "é " * 30),
    Finding("w.b", Severity.BLOCKER, "programs", "Tabs\tand  spaces,  kept", ""),
    Finding("w.c", Severity.INFO, "programs", "", "Only a fix."),
]


def _rows(findings: list[Finding], more: str = "") -> list[tuple]:
    """A panel's rows for these findings (as FindingsPanel._grid makes them)."""
    rows = [((f.severity, f.message, f.fix), finding_row(f)) for f in findings]
    if more:
        rows.append((("more", more), (Text(""), Text(more, style="italic"))))
    return rows


def _rich_grid(rows: list[tuple]) -> object:
    return grid_of(row for _key, row in rows)


async def test_a_grid_drawn_from_kept_rows_draws_what_rich_draws_at_every_width():
    """FindingsGrid draws its rows from lines kept per row (RowStrips), shared between grids
    and rendered several rows at a time: at every width and style, line for line and style
    for style, what Rich draws for the grid as one table; the same height and width too."""
    panel = FindingsPanel()
    async with _Host(panel).run_test(size=(80, 24)) as pilot:
        widget = pilot.app.query_one("#findings-body")
        options = RenderOptions(widget._get_style, widget.styles)
        # An empty style last would be the last drawn: Rich then draws one line (a quirk of
        # Textual's post_render) where it measures several. The widget's own style is last.
        styles = (Style(), widget.visual_style + Style(bold=True), widget.visual_style)
        grids = [
            _rows(FINDINGS),
            _rows(FINDINGS[1:] + WIDE, "… and 3 more: F2 (Review) lists every finding."),
            _rows(WIDE[:1] + FINDINGS[:1], "… and 4 more: F2 (Review) lists every finding."),
            _rows(FINDINGS + WIDE, "… and 3 more: F2 (Review) lists every finding."),
        ]
        kept = RowStrips()
        for width in (*range(1, 42), 57, 59, 79, 120, 57):
            for rows in grids:
                fresh = RichVisual(widget, _rich_grid(rows))
                grid = FindingsGrid(widget, rows, kept)
                assert grid.get_optimal_width(widget.styles, width) == fresh.get_optimal_width(
                    widget.styles, width
                )
                for style in styles:
                    expected = fresh.render_strips(width, None, style, options)
                    drawn = grid.render_strips(width, None, style, options)
                    assert _lines(drawn) == _lines(expected), (width, style)
                    assert drawn == expected, (width, style)
                    cropped = grid.render_strips(width, 3, style, options)
                    assert cropped == fresh.render_strips(width, 3, style, options)
                assert grid.get_height(widget.styles, width) == fresh.get_height(
                    widget.styles, width
                )
        assert any(len(lines) > 1 for lines in kept._lines.values())  # rows split, not whole


async def test_a_new_grid_renders_only_its_new_rows_to_measure_and_draw_it(monkeypatch):
    """After the widget drew a grid, a grid with one new finding and a new "… more" line is
    measured and drawn from one Rich render of those two rows, per width; drawing reuses it."""
    rendered: list[int] = []  # the rows of each grid Rich renders
    original = RichVisual.render_strips

    def counted(self, width, height, style, options):
        rendered.append(len(self._renderable.rows))
        return original(self, width, height, style, options)

    panel = FindingsPanel()
    async with _Host(panel).run_test(size=(80, 24)) as pilot:
        widget = pilot.app.query_one("#findings-body")
        options = RenderOptions(widget._get_style, widget.styles)
        style = widget.visual_style
        kept = RowStrips()
        first = FindingsGrid(widget, _rows(FINDINGS, "… and 9 more."), kept)
        first.render_strips(50, None, style, options)  # the widget drew a grid
        rows = _rows(FINDINGS + WIDE[:1], "… and 8 more.")
        fresh = RichVisual(widget, _rich_grid(rows))
        expected = fresh.render_strips(50, None, style, options)
        monkeypatch.setattr(RichVisual, "render_strips", counted)
        grid = FindingsGrid(widget, rows, kept)
        assert grid.get_height(widget.styles, 50) == len(expected)
        assert grid.render_strips(50, len(expected), style, options) == expected
        assert rendered == [2]  # the new finding and the new "more" line, once
        assert grid.get_height(widget.styles, 52) == len(original(fresh, 52, None, style, options))
        assert rendered == [2, 5]  # another width: its rows, once
        assert grid.render_strips(50, len(expected) - 2, style, options) == expected[:-2]
        assert rendered == [2, 5]


async def test_findings_shown_again_draw_as_a_new_panel_draws_them():
    """A → B → A reuses A's rendered grid: the screen is the one a fresh panel shows."""
    other = [Finding("y", Severity.WARNING, "letters", "Another step's warning.", "Fix it.")]
    panel, fresh = FindingsPanel(id="kept"), FindingsPanel(id="fresh")

    class Two(App[None]):
        def compose(self):
            yield panel
            yield fresh

    async with Two().run_test(size=(80, 40)) as pilot:
        for findings in (FINDINGS, other, FINDINGS[:1], FINDINGS):
            panel.show("Research programs", findings)
            fresh._grids.clear()  # the eager way: a grid built and rendered now
            fresh._rows = RowStrips()
            fresh.show("Research programs", findings)
            await pilot.pause()
            assert panel.plain == fresh.plain
            kept_lines = [panel.render_line(y).text for y in range(panel.size.height)]
            fresh_lines = [fresh.render_line(y).text for y in range(fresh.size.height)]
            assert kept_lines == fresh_lines
            body = panel.query_one("#findings-body")
            fresh_body = fresh.query_one("#findings-body")
            assert body.size == fresh_body.size
            assert [body.render_line(y).text for y in range(body.size.height)] == [
                fresh_body.render_line(y).text for y in range(fresh_body.size.height)
            ]


def _drawn(sidebar: StepSidebar) -> list[str]:
    return [sidebar.render_line(y).text for y in range(sidebar.size.height)]


def _painted(sidebar: StepSidebar) -> list[object]:
    """What the screen gets from the sidebar: its lines as kept between repaints (only the
    rows it marked dirty are drawn again), with their styles."""
    return list(sidebar.render_lines(sidebar.size.region))


async def test_moving_the_sidebar_mark_draws_what_a_full_redraw_draws():
    """Rows replaced in place (same height) look as after OptionList's own full reset; only
    the rows that change are drawn again, and what the screen keeps of the others is what a
    full redraw draws (the mark, the highlight and its style)."""
    dossier = demo_dossier()
    for narrow, size in ((False, (120, 30)), (True, (80, 30))):
        sidebar = StepSidebar(STEP_IDS[0], id="sidebar")
        sidebar.narrow = narrow
        async with _Host(sidebar).run_test(size=size) as pilot:
            sidebar.update_status(dossier, [], STEP_IDS[0])
            await pilot.pause()
            for current in (*STEP_IDS[1:4], STEP_IDS[0], STEP_IDS[-1], "arrows", STEP_IDS[5]):
                if current == "arrows":  # the highlight moved off the current step's row
                    sidebar.focus()
                    await pilot.press("up", "up")
                    await pilot.pause()
                else:
                    sidebar.set_current(current)
                await pilot.pause()
                kept, painted = _drawn(sidebar), _painted(sidebar)
                sidebar._clear_caches()  # the eager way: every row measured and drawn again
                await pilot.pause()
                assert kept == _drawn(sidebar)
                assert painted == _painted(sidebar)
                assert any(line.startswith("▸") for line in kept)
            assert sidebar.highlighted == STEP_IDS.index(STEP_IDS[5])
            # A status that changes a row's height (wide: none do) takes the full reset.
            sidebar.update_status(missing_documents_dossier(), FINDINGS, STEP_IDS[2])
            await pilot.pause()
            kept = _drawn(sidebar)
            sidebar._clear_caches()
            await pilot.pause()
            assert kept == _drawn(sidebar)


async def test_step_changes_keep_the_statuses_a_full_refresh_computes(data_file):
    """Between edits a step change only moves the mark; after an edit the statuses are
    those computed from the edited dossier, as before."""
    app = make_wizard(data_file)  # a new dossier: adding a program starts step 2
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def expected() -> dict[str, object]:
            return {s.id: step_status(s, app.dossier, app.findings) for s in STEPS}

        sidebar = app.screen.query_one(StepSidebar)
        for key in ("f4", "f4", "3", "f3", "1"):
            await pilot.press(key)
            await pilot.pause()
            assert sidebar.statuses == expected()
            assert sidebar.current == app.current_step
        before = dict(sidebar.statuses)
        pane = await app.screen.pane(app.current_step)
        app.dossier.programs.append(Program(id="p-new", name="A new program"))
        pane.edited()  # as a pane reports its edit
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f6", "f4")
        await pilot.pause()
        assert sidebar.statuses == expected()
        assert sidebar.statuses != before  # the edit did change a status
        # A large dossier's check runs in a thread; a step change before it ends shows the
        # edited dossier with the findings there are (the check here never ends).
        app.checker.off_thread_from = 0
        app._start_check = lambda: None
        before = dict(sidebar.statuses)
        app.dossier.programs.clear()
        pane = await app.screen.pane(app.current_step)
        pane.edited()
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert sidebar.statuses == expected()
        assert sidebar.statuses != before


async def test_a_field_typed_past_its_width_shows_what_a_laid_out_input_shows():
    """FieldInput skips the screen layout Input asks for on every key: what it shows (the
    text scrolled to the cursor) and its scroll limits are Input's, key by key."""
    from textual.widgets import Input

    from imgwizard.tui.widgets.fields import FieldInput

    field, plain = FieldInput(id="field"), Input(id="plain")

    class Two(App[None]):
        CSS = "Input { width: 24; }"

        def compose(self):
            yield field
            yield plain

    async with Two().run_test(size=(40, 10)) as pilot:
        text = "Dr. Amina Okafor-Nwachukwu, MBBS"
        for widget in (field, plain):
            widget.focus()
            await pilot.pause()
            await pilot.press(*text)
        await pilot.pause()
        for widget in (field, plain):
            assert widget.value == text
        assert field.virtual_size == plain.virtual_size
        assert field.scroll_x == plain.scroll_x > 0
        assert field.max_scroll_x == plain.max_scroll_x
        assert [field.render_line(y).text for y in range(3)] == [
            plain.render_line(y).text for y in range(3)
        ]
        for widget in (field, plain):
            widget.focus()
            await pilot.press("home")
        await pilot.pause()
        assert field.scroll_x == plain.scroll_x == 0
        assert [field.render_line(y).text for y in range(3)] == [
            plain.render_line(y).text for y in range(3)
        ]


async def test_the_idle_collector_waits_for_a_pause_in_keys_not_only_in_edits(
    data_file, monkeypatch
):
    """Keys that edit nothing (refused by a field, arrows) are the applicant at work too:
    the collection waits until they stop."""
    import gc
    import time

    from imgwizard.tui.screens import wizard as wizard_mod

    app = make_wizard(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        collected = []
        monkeypatch.setattr(gc, "collect", lambda *a: collected.append(a))
        monkeypatch.setattr(gc, "freeze", lambda: None)
        await pilot.press("f6")  # a key through the app, as any key
        assert time.monotonic() - screen._last_key < 1.0
        now = time.monotonic()
        screen._last_collect = now - 10
        screen._last_edit = now - 5  # edits paused long ago…
        screen._collect_when_idle()
        assert collected == []  # …but a key came just now
        screen._last_key = now - wizard_mod.GC_IDLE - 0.1
        screen._collect_when_idle()
        assert len(collected) == 1


def test_sidebar_statuses_from_findings_grouped_by_step_equal_the_full_pass():
    from imgwizard.progress import step_status as full

    dossier = missing_documents_dossier()
    severities = list(Severity)
    findings = [
        Finding(f"x.{n}.{k}", sev, step.id, f"m{n}.{k}", "")
        for n, step in enumerate(STEPS)
        for k, sev in enumerate(severities)
        if (n + k) % 3  # some steps with blockers, some with warnings or notes only
    ] + [Finding("x.other", Severity.BLOCKER, "not-a-step", "stray", "")]
    sidebar = StepSidebar(STEP_IDS[0])
    sidebar._render_rows = lambda: None  # not mounted: only the statuses
    sidebar.update_status(dossier, findings, STEP_IDS[0])
    assert sidebar.statuses == {s.id: full(s, dossier, findings) for s in STEPS}
    assert {st.glyph for st in sidebar.statuses.values()} >= {"✗", "•"}


async def test_a_static_updated_without_a_layout_when_its_size_holds_shows_what_a_layout_shows():
    """update_if_changed repaints only when the new text takes the old one's room; the
    screen is then the one a full layout gives, and a text that needs more (or fewer) lines
    still moves what is under it."""
    from textual.containers import Vertical
    from textual.widgets import Static

    from imgwizard.tui.widgets.fields import same_size, update_if_changed

    line, below = Static("one line", id="line"), Static("under it", id="below")
    auto = Static("auto width", id="auto")

    class Host(App[None]):
        CSS = "#auto { width: auto; }"

        def compose(self):
            with Vertical():
                yield line
                yield below
                yield auto

    def picture(app) -> list[object]:
        return [
            (w.region, [w.render_line(y).text for y in range(w.size.height)])
            for w in (line, below, auto)
        ]

    async with Host().run_test(size=(30, 12)) as pilot:
        await pilot.pause()
        texts = [
            "two words",  # same lines: no layout
            "a longer line that wraps onto a second line here",  # more lines
            "and now again a long text that wraps onto two lines",  # same (two)
            "short",  # fewer
        ]
        for text in texts:
            fits = same_size(line, text)
            update_if_changed(line, text)
            await pilot.pause()
            shown = picture(pilot.app)
            line.refresh(layout=True)  # the eager way
            await pilot.pause()
            assert shown == picture(pilot.app), text
            assert fits == (text in (texts[0], texts[2]))
        assert not same_size(auto, "wider text than before")  # its width follows its text


async def test_what_the_repaints_draw_adds_up_to_a_full_render(data_file, monkeypatch):
    """tui/repaint.py draws the dirty rows band by band and skips what widgets in front
    cover: a terminal that gets only those updates shows, after typing and step changes,
    what Textual's own full render of the screen shows, cell by cell with its colours."""
    pyte = pytest.importorskip("pyte")
    from textual._compositor import Compositor, LayoutUpdate

    from imgwizard.tui import repaint

    store.save(data_file, demo_dossier())
    app = make_wizard(data_file)
    assert repaint.install()
    assert Compositor.render_partial_update is repaint._render_partial_update
    terminal = pyte.Screen(80, 24)
    stream = pyte.ByteStream(terminal)
    updates = []

    def display(screen, update) -> None:  # what a terminal would get, headless or not
        if update is not None and not app._batch_count:
            updates.append(type(update).__name__)
            stream.feed(update.render_segments(app.console).encode())

    monkeypatch.setattr(app, "_display", display)

    def full_render() -> list[str]:
        return [strip.text for strip in app.screen._compositor.render_strips()]

    def cells(screen) -> list[list[tuple]]:
        return [
            [(c.data, c.fg, c.bg, c.bold, c.italics, c.reverse) for c in row]
            for row in (
                [screen.buffer[y][x] for x in range(screen.columns)] for y in range(screen.lines)
            )
        ]

    def textual_full_render() -> list[list[tuple]]:
        """Textual's own renderer, every widget drawn, sent to a blank terminal."""
        compositor = app.screen._compositor
        region = compositor.size.region
        chops = repaint.TEXTUAL_RENDER_CHOPS(compositor, region, lambda y: True)
        update = LayoutUpdate([list(chop.values()) for chop in chops], region)
        blank = pyte.Screen(80, 24)
        pyte.ByteStream(blank).feed(update.render_segments(app.console).encode())
        return cells(blank)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        steps = (("1", "tab"), tuple("Dr A"), ("f4", "f4"), ("7", "tab"), tuple("12"))
        tour = (("f4",), ("f4", "f4"), ("f3",), ("f4", "f4", "f4"), ("f3", "f3", "f3", "f3"))
        for keys in (*tour, *steps):
            await pilot.press(*keys)
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert [line.rstrip() for line in terminal.display] == [
                line.rstrip() for line in full_render()
            ], keys
            assert cells(terminal) == textual_full_render(), keys
        assert any(fg != "default" for row in cells(terminal) for _, fg, *_ in row)
        # Rows far apart changed in one frame: the header's status, a field, the findings
        # panel's border (as an edit at 3,000 programs does): several bands.
        header = app.screen.query_one(WizardHeader)
        panel = app.screen.query_one(FindingsPanel)
        bands = []
        real_bands = repaint._bands
        monkeypatch.setattr(repaint, "_bands", lambda rows: bands.append(rows) or real_bands(rows))
        for checking, status in ((True, "saving…"), (False, "saved 09:30:00")):
            header.set_status(status)
            panel.set_checking(checking)
            app.focused.insert_text_at_cursor("x")
            await pilot.pause()
            assert [line.rstrip() for line in terminal.display] == [
                line.rstrip() for line in full_render()
            ]
            assert status in terminal.display[0]
        assert any(len(list(real_bands(rows))) > 2 for rows in bands)


def test_the_repaint_patch_finds_textual_s_version_without_reading_package_metadata():
    """The version check behind repaint.install() names the installed Textual (the one
    importlib.metadata finds) without importing importlib.metadata on the way to the first
    screen (~20 ms with email, csv and zipfile)."""
    import importlib.metadata
    import subprocess
    import sys

    from imgwizard.tui import repaint

    assert repaint.textual_version() == importlib.metadata.version("textual")
    code = (
        "import sys; from imgwizard.tui import repaint; repaint.install(); "
        "print('importlib.metadata' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_the_findings_panel_is_short_on_a_clear_step_and_gets_its_height_back(data_file):
    """A step with nothing to fix keeps the panel at two rows (its border and one line, even
    when what is left to fill in wraps); a step with findings gets the panel's height from
    app.tcss back (at most 6 rows below 30 rows, 12 above), whatever step came before."""
    store.save(data_file, Dossier())  # specialty: clear, and its "still to fill in" wraps
    tour = ["specialty", "eligibility", "interviews", "match_day", "specialty", "nrmp"]
    for size, most in (((80, 24), 6), ((120, 40), 12)):
        app = make_wizard(data_file)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            clear_seen = findings_seen = wrapped = 0
            for step_id in [*tour, *reversed(tour)]:
                await app.go_to_step(step_id)
                await pilot.pause()
                panel = app.screen.query_one(FindingsPanel)
                title, body = panel.query_one("#findings-title"), panel.query_one("#findings-body")
                content = title.outer_size.height + (body.outer_size.height if body.display else 0)
                if panel.plain.startswith("Checks for this step"):
                    findings_seen += 1
                    assert panel.outer_size.height == min(most, 1 + content), step_id
                else:
                    clear_seen += 1
                    wrapped += content > 1
                    assert panel.outer_size.height == min(2, 1 + content), step_id
            assert clear_seen and findings_seen
            assert wrapped or size != (80, 24)  # there the short height holds a longer text


async def test_a_layout_draws_its_frame_then_posts_what_textual_posts(data_file, monkeypatch):
    """tui/frame_first.py: on step changes the widgets get the same Hide, Resize and Show
    messages, in the same order, as from Textual's own layout; only the frame comes first."""
    from textual import events
    from textual.screen import Screen
    from textual.widget import Widget

    from imgwizard.tui import frame_first

    store.save(data_file, demo_dossier())
    app = make_wizard(data_file)
    log: list[tuple] = []
    real_post = Widget.post_message

    def post(widget, message):
        if isinstance(message, events.Hide | events.Show | events.Resize):
            sizes = (getattr(message, "size", None), getattr(message, "virtual_size", None))
            log.append((type(message).__name__, widget, *sizes))
        return real_post(widget, message)

    def display(screen, update) -> None:
        if update is not None and not app._batch_count:
            log.append(("frame",))

    monkeypatch.setattr(Widget, "post_message", post)
    monkeypatch.setattr(app, "_display", display)
    tour = ["f4"] * 5 + ["f3"] * 5
    async with app.run_test(size=(80, 24)) as pilot:
        assert frame_first.install()
        for key in tour:  # every pane built and shown once
            await pilot.press(key)
            await pilot.pause()
        passes = []
        for method in (frame_first.TEXTUAL_REFRESH_LAYOUT, frame_first._refresh_layout):
            monkeypatch.setattr(Screen, "_refresh_layout", method)
            switches = []
            for key in tour:
                log.clear()
                await pilot.press(key)
                await pilot.pause()
                switches.append(list(log))
            passes.append(switches)
    for textual_way, ours in zip(*passes, strict=True):
        messages = [entry for entry in ours if entry[0] != "frame"]
        assert messages == [entry for entry in textual_way if entry[0] != "frame"]
        assert any(name == "Hide" for name, *_ in messages)
        assert any(name == "Show" for name, *_ in messages)
        assert ours.index(("frame",)) < ours.index(messages[0])
        assert textual_way.index(("frame",)) > textual_way.index(messages[0])


async def test_the_full_map_kept_is_a_fresh_arrangement_and_is_arranged_once_per_layout(
    data_file, monkeypatch
):
    """tui/full_map.py: whenever the compositor's full map is not marked stale it equals a
    fresh arrangement of the screen, after step changes, typing, scrolling and a resize; and
    the whole screen is arranged outside a layout only when a scroll (which arranges what is
    visible, by design) left the full map to be arranged when next asked."""
    from textual._compositor import Compositor

    from imgwizard.tui import full_map

    store.save(data_file, demo_dossier())
    app = make_wizard(data_file)
    arrange = Compositor._arrange_root
    state = {"layout": False, "scrolled": False}
    layouts, rebuilds = [], []

    def watched_arrange(self, root, size, visible_only=True):
        if not visible_only and not state["layout"]:  # full_map arranging the screen again
            rebuilds.append(state["scrolled"])
            state["scrolled"] = False
        return arrange(self, root, size, visible_only)

    real_reflow, real_reflow_visible = Compositor.reflow, Compositor.reflow_visible

    def watched_reflow(self, parent, size):
        state["layout"] = True
        try:
            return real_reflow(self, parent, size)
        finally:
            state["layout"] = state["scrolled"] = False
            layouts.append(size)

    def watched_reflow_visible(self, parent, size):
        state["scrolled"] = True
        return real_reflow_visible(self, parent, size)

    monkeypatch.setattr(Compositor, "_arrange_root", watched_arrange)
    monkeypatch.setattr(Compositor, "reflow", watched_reflow)
    monkeypatch.setattr(Compositor, "reflow_visible", watched_reflow_visible)
    checked = []

    def check_map(what) -> None:
        compositor = app.screen._compositor
        if compositor._full_map_invalidated:
            return
        fresh, _ = arrange(compositor, compositor.root, compositor.size, visible_only=False)
        assert compositor._full_map == fresh, what
        checked.append(what)

    async with app.run_test(size=(80, 24)) as pilot:
        assert Compositor.update_widgets is full_map._update_widgets
        tour = ["f4"] * 10 + ["f3"] * 10
        for key in tour:  # every pane built and shown once
            await pilot.press(key)
            await pilot.pause()
        actions = [
            *(("key", key) for key in tour),
            ("key", "1"), ("key", "tab"), *(("key", char) for char in "Dr Ada"),
            ("off screen", "repaint"), ("key", "f4"), ("key", "f4"), ("scroll", "end"),
            ("key", "f4"), ("key", "f3"),
            ("scroll", "home"), ("key", "backspace"), ("resize", (100, 30)), ("key", "f4"),
        ]  # fmt: skip
        del layouts[:], rebuilds[:]
        for kind, key in actions:
            if kind == "resize":
                await pilot.resize_terminal(*key)
            elif kind == "scroll":
                pane = app.screen.query_one("ContentSwitcher").visible_content
                pane.scroll_end(animate=False) if key == "end" else pane.scroll_home(animate=False)
            elif kind == "off screen":  # a widget below the fold repaints (a note updated)
                compositor = app.screen._compositor
                pane = app.screen.query_one("ContentSwitcher").visible_content
                below = [
                    widget
                    for widget in pane.query("*")
                    if widget in compositor._full_map and widget not in compositor.visible_widgets
                ]
                assert below
                below[-1].refresh()
                await pilot.pause()
                app.focused.refresh()  # then one on screen: it asks for its size
            else:
                await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            check_map((kind, key))
    assert len(checked) > len(actions) // 2
    assert len(layouts) > len(tour)
    assert all(rebuilds), rebuilds  # each arrangement outside a layout came after a scroll


async def test_the_footer_shows_what_textual_s_footer_composes_and_recomposes_only_for_a_change(
    data_file, monkeypatch
):
    """WizardFooter: after every focus change and step change its keys are the ones Textual's
    Footer would compose for the screen as it is then; it is composed again only when they
    differ ("[" and "]" leaving the bindings while a text field has the focus changes
    nothing shown), and it is when they do (a season fact's `c` Correct key)."""
    from textual.compose import compose
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    from imgwizard.tui.screens.wizard import WizardFooter
    from imgwizard.tui.widgets.season_fact import SeasonFactRow

    store.save(data_file, demo_dossier())
    app = make_wizard(data_file)
    recomposed = []
    real_recompose = Footer.recompose

    async def counted(self):
        recomposed.append(self)
        return await real_recompose(self)

    monkeypatch.setattr(Footer, "recompose", counted)

    def textual_s(footer) -> list:
        """The keys Textual's own Footer.compose gives for the screen as it is now."""
        with footer._context():
            return compose(footer, Footer.compose(footer))

    def keys(widgets) -> list[tuple]:
        return [
            (k.key, k.key_display, k.description, k.action, k._disabled)
            for k in widgets
            if isinstance(k, FooterKey)
        ]

    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.screen.query_one(WizardFooter)
        await pilot.press("1")
        await pilot.pause()
        del recomposed[:]
        for key in ["tab"] * 6 + ["shift+tab"] * 6 + ["f4", "tab", "tab", "f3", "f4", "f4"]:
            await pilot.press(key)
            await pilot.pause()
            assert keys(footer.children) == keys(textual_s(footer)), key
        assert recomposed == []
        assert any(key.description == "Back" for key in footer.query(FooterKey))
        # A widget with a shown key of its own: the footer is composed again, with it.
        await pilot.press("7")
        await pilot.pause()
        fact = app.screen.query(SeasonFactRow).first()
        next(widget for widget in fact.query("*") if widget.can_focus).focus()
        await pilot.pause()
        await pilot.pause()
        assert recomposed
        assert any(key.description == "Correct" for key in footer.query(FooterKey))
        assert keys(footer.children) == keys(textual_s(footer))


async def test_the_footer_lets_go_of_the_keys_it_no_longer_shows(data_file):
    """Textual's FooterKey binds the footer's `compact`, which left every key ever composed in
    the footer's watchers (textual#6666): ~25 KB a key, 8 keys a composition, for as long as
    the wizard runs. Once a composition replaces them, the old keys are freed."""
    import gc
    import weakref

    from textual.widgets._footer import FooterKey

    from imgwizard.tui.screens.wizard import WizardFooter
    from imgwizard.tui.widgets.season_fact import SeasonFactRow

    store.save(data_file, demo_dossier())
    app = make_wizard(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.screen.query_one(WizardFooter)
        await pilot.press("7")
        await pilot.pause()
        old = [weakref.ref(key) for key in footer.query(FooterKey)]
        assert old
        # A widget with a key of its own: the footer is composed again, with it.
        fact = app.screen.query(SeasonFactRow).first()
        next(widget for widget in fact.query("*") if widget.can_focus).focus()
        await pilot.pause()
        await pilot.pause()
        assert any(key.description == "Correct" for key in footer.query(FooterKey))
        gc.unfreeze()  # the wizard may have frozen them with everything alive at the time
        gc.collect()
        assert [ref for ref in old if ref() is not None] == []
        # The keys shown are still bound: they follow the footer's `compact`.
        footer.compact = True
        await pilot.pause()
        assert all(key.compact for key in footer.query(FooterKey))


async def test_a_focus_change_repaints_what_it_restyles_not_the_whole_screen(
    data_file, monkeypatch
):
    """WizardScreen.focused does not repaint the whole screen: a Tab between fields sends the
    rows of the fields that gain and lose the focus (9.1 KB a Tab became 1.4 KB at 80x24), and
    a terminal that gets only those shows what a full render of the screen shows."""
    pyte = pytest.importorskip("pyte")
    from textual._compositor import ChopsUpdate

    store.save(data_file, demo_dossier())
    app = make_wizard(data_file)
    terminal = pyte.Screen(80, 24)
    stream = pyte.ByteStream(terminal)
    rows_sent: list[set[int]] = []

    def display(screen, update) -> None:
        if update is not None and not app._batch_count:
            rows = {y for y, _, _ in update.spans} if isinstance(update, ChopsUpdate) else None
            rows_sent.append(rows if rows is not None else set(range(24)))
            stream.feed(update.render_segments(app.console).encode())

    monkeypatch.setattr(app, "_display", display)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause(0.3)
        pane = app.screen.query_one("ContentSwitcher").visible_content
        unscrolled = 0
        for key in ["tab"] * 5 + ["shift+tab"] * 5:
            del rows_sent[:]
            focused, scroll_y = app.focused, pane.scroll_y
            await pilot.press(key)
            await pilot.pause()
            assert app.focused is not focused, key
            if pane.scroll_y == scroll_y:  # a field scrolled into view moves the whole pane
                unscrolled += 1
                assert rows_sent and all(len(rows) < 24 for rows in rows_sent), key
            full = [strip.text for strip in app.screen._compositor.render_strips()]
            assert [line.rstrip() for line in terminal.display] == [
                line.rstrip() for line in full
            ], key
        assert unscrolled >= 5
