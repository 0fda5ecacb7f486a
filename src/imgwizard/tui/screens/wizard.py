"""The one wizard screen: header, step sidebar, the current step's pane, findings, footer.

All eleven panes live in a ContentSwitcher and stay mounted, so moving between steps never
loses typed text. Only the current pane is built before the first paint; the others follow
right after it, so the first screen appears quickly.

The screen reads the app's state through a typed getter (`ShellApp`) and refreshes itself when
the app announces new findings or a new save state (signals); it asks the app for a step, help
or the review with messages. It never imports the app.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import ClassVar

from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Static

from imgwizard.progress import findings_by_step, missing
from imgwizard.steps import STEPS, step
from imgwizard.tui import frame_first
from imgwizard.tui.messages import (
    DossierEdited,
    GoToStep,
    ShowBudget,
    ShowHelp,
    ShowPlan,
    ShowReview,
    StepBy,
)
from imgwizard.tui.panes import pane_class
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.shell import ShellApp
from imgwizard.tui.widgets.findings import FindingsPanel
from imgwizard.tui.widgets.header import WizardHeader
from imgwizard.tui.widgets.sidebar import StepSidebar

# Below this the wizard shows a notice instead of its layout.
MIN_WIDTH, MIN_HEIGHT = 60, 16
# Seconds after the first screen's refresh before the other panes are built.
PRELOAD_AFTER = 0.05
# Seconds after the first screen by which the start-up is over for the garbage collector.
GC_BACK_AFTER = 10.0
# After start-up the collector runs when the applicant pauses: GC_IDLE seconds after the last
# edit and the last key (a key a field refuses is typing too), and at least every GC_AT_LEAST
# seconds. Left to itself it ran in the middle of typing
# (every run of the rules over 3,000 programs leaves thousands of objects behind): a full
# collection took 30-180 ms, on the UI thread or in a worker holding the GIL.
GC_IDLE = 1.0
GC_AT_LEAST = 60.0
# What survives a collection is frozen, so that the next one scans only what came after it. But
# an object frozen while alive that later dies in a reference cycle (a table's rows filled
# again, widgets and drawn lines replaced) is never collected while frozen: at 300 programs
# ~10,000 objects and ~1.5 MiB kept for every round of benchmarks/session_memory.py (16 keys,
# 20 step changes, the help), as long as the wizard runs. So
# after GC_DEEP_IDLE seconds without a key or an edit, once GC_DEEP_GROWTH more objects have
# been frozen since the last time, everything is unfrozen, collected and frozen again (a full
# collection: 150-360 ms at 300 programs and ~250 ms at 3,000, while nobody types).
GC_DEEP_IDLE = 30.0
GC_DEEP_GROWTH = 50_000
# From this width on the sidebar shows titles and status words; below, short names and glyphs.
WIDE_FROM = 100


class WizardFooter(Footer):
    """Textual's Footer, composed again only when the keys it shows change.

    Textual's Footer composes its keys anew after every announcement of the screen's bindings,
    which comes with every focus change: every step change and every Tab removed the footer's
    keys and mounted them again, with another layout of the screen, to show the same keys."""

    _composed: tuple[object, ...] | None = None

    def _shown(self) -> tuple[object, ...]:
        """What the keys show, as Footer.compose picks it: the first shown binding of each
        action (f3 and "[" are one key, Back, and "[" leaves the active bindings whenever a
        text field has the focus), then the command palette's."""
        first: dict[str, tuple[object, ...]] = {}
        active = self.screen.active_bindings
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (
                    binding.key, self.app.get_key_display(binding), binding.description,
                    binding.group, enabled, tooltip,
                )  # fmt: skip
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_key = None if palette is None else (palette[1].key, *palette[2:])
        return (self.compact, self.show_command_palette, palette_key, *first.items())

    def compose(self) -> ComposeResult:
        self._forget_removed_keys()
        self._composed = self._shown() if self._bindings_ready else None
        yield from super().compose()

    def _forget_removed_keys(self) -> None:
        """Let the keys of the last composition go. Each FooterKey binds the footer's `compact`
        (`data_bind`), which leaves (the key, its setter) in the footer's own watchers, and
        Textual drops the entries of closed keys only when `compact` changes, which it never
        does here (textual#6666): every key ever composed stayed alive, ~25 KB each, 8 per new
        composition, ~3 MiB for every 20 step changes with the focus in the panes. The same
        test as Textual's own pruning, when a composition replaces them. Written against the
        pinned Textual;
        tests/tui/test_ui_latency.py checks the keys are freed."""
        watchers = getattr(self, "__watchers", None)  # Textual's name, set with setattr
        if not isinstance(watchers, dict):
            return
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]

    def bindings_changed(self, screen: Screen) -> None:
        same_screen = self._composed is not None and self.is_attached and screen is self.screen
        if same_screen and self._shown() == self._composed:
            return
        super().bindings_changed(screen)


def make_pane(step_id: str) -> StepPane:
    pane = pane_class(step_id)()
    # Focus goes to the pane's fields, never to the pane itself: focusing a container restyles
    # its whole subtree, which made every step change slow. Tab from the sidebar lands on the
    # first field; the wheel and a focused field's scrolling still move the pane.
    pane.can_focus = False
    return pane


def pane_id(step_id: str) -> str:
    return f"pane-{step_id}"


class WizardScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "review", "Review", id="review"),
        Binding("f3,left_square_bracket", "previous_step", "Back", id="previous_step"),
        Binding("f4,right_square_bracket", "next_step", "Next", id="next_step"),
        Binding("f5", "toggle_sidebar", "Sidebar", id="toggle_sidebar"),
        Binding("f6", "focus_sidebar", "Steps", id="focus_sidebar", show=False),
        Binding("f7", "plan", "Plan", id="plan"),
        # Listed in F1 help and the palette; the 80-column footer has no room left for it.
        Binding("f8", "budget", "Budget", id="budget", show=False),
        *[
            Binding(str(n % 10), f"digit({n % 10})", f"Step {n}", id=f"digit_{n % 10}", show=False)
            for n in range(1, 11)
        ],
    ]

    # A second digit within this many seconds after "1" makes 10 or 11.
    TWO_DIGIT_WINDOW = 1.2

    # Screen.focused repaints the whole screen when it changes (a Reactive's default): every
    # Tab and every step change drew all 24 rows, though the widgets that gain and lose the
    # focus restyle and repaint themselves and their containers (Screen._update_focus_styles).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    app = getters.app(ShellApp)

    def __init__(self) -> None:
        super().__init__(id="wizard")
        # Repaints draw the rows that changed (tui/repaint.py) and a layout's frame comes
        # before its Hide/Show/Resize (tui/frame_first.py, which installs repaint's too).
        frame_first.install()
        self._last_digit: tuple[int, float] | None = None
        self._sidebar_hidden = False
        # Hidden panes hear about new findings (and a new season) when they are next shown:
        # telling all eleven on every keystroke would make typing slow.
        self._stale_findings: set[str] = set()
        self._stale_season: set[str] = set()
        # Held while a pane is looked up and mounted: the preload and a step change must not
        # both build the same pane.
        self._pane_lock = asyncio.Lock()
        self._building = True  # the background build of the hidden panes goes on
        self._idle_collector = False
        self._last_edit = self._last_collect = self._last_key = 0.0
        self._frozen_after_deep = 0  # gc.get_freeze_count() after the last full collection
        # The sidebar's statuses hold until the dossier or the findings change: a step
        # change only moves its mark.
        self._statuses_current = False

    def compose(self) -> ComposeResult:
        app = self.app
        current = app.current_step
        # The size classes before the children exist: set in on_mount they restyled the
        # whole first screen once more.
        width, height = app.size
        self._size_classes(width, height)
        yield WizardHeader(id="header")
        with Horizontal(id="body"):
            sidebar = StepSidebar(current, id="sidebar")
            sidebar.narrow = width < WIDE_FROM
            yield sidebar
            with Vertical(id="main"):
                with ContentSwitcher(id="panes", initial=pane_id(current)):
                    yield make_pane(current)
                yield FindingsPanel(id="findings")
        yield Static(
            f"The terminal is too small for the wizard — make it at least "
            f"{MIN_WIDTH}×{MIN_HEIGHT} characters. (F10 saves and quits.)",
            id="too-small",
            markup=False,
        )
        yield WizardFooter(id="footer")

    def on_mount(self) -> None:
        self.app.findings_signal.subscribe(self, self._findings_changed, immediate=True)
        self.app.save_state_signal.subscribe(self, self._save_state_changed, immediate=True)
        self.app.checking_signal.subscribe(self, self._checking_changed, immediate=True)
        self._checking_changed(self.app.checking)
        self._apply_size(self.app.size.width, self.app.size.height)
        self.refresh_status()
        self.query_one(StepSidebar).focus()
        if self.app.preload:
            self.call_after_refresh(self.set_timer, PRELOAD_AFTER, self._mount_next_pane)
        # If the preload never finishes (or is off), the collector still comes back on.
        self.set_timer(GC_BACK_AFTER, self.startup_finished)

    async def stop_building(self) -> None:
        """Stop the background build and wait for a pane half-built: quitting meanwhile tore
        its widgets down under it (a NoMatches traceback and exit status 1 on the way out)."""
        self._building = False
        async with self._pane_lock:
            pass
        for pane in self.mounted_panes():
            await pane.settle()

    def startup_finished(self) -> None:
        """The start-up is over for the garbage collector, off since start-up if
        commands/run.py turned it off: one collection, then what is alive is frozen so later
        collections skip it (a full collection over the built wizard took 60-170 ms), and from
        now on the collector runs when the applicant pauses (GC_IDLE), not while they type."""
        if not gc.isenabled() and not self._idle_collector:
            self._collect(everything=True)
            self._idle_collector = True
            self.set_interval(GC_IDLE / 2, self._collect_when_idle)

    def on_dossier_edited(self, _message: DossierEdited) -> None:
        self._last_edit = time.monotonic()  # not stopped: the app saves and checks
        self._statuses_current = False

    def saw_event(self, event: object) -> None:
        """Every event the app gets, before it is handled: a key is the applicant at work
        even when it edits nothing (a key a field refuses, arrows, scrolling)."""
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()

    def _collect_when_idle(self) -> None:
        now = time.monotonic()
        busy_until = max(self._last_edit, self._last_key)
        paused = self._last_edit > self._last_collect and now - busy_until >= GC_IDLE
        if paused or now - self._last_collect >= GC_AT_LEAST:
            # What survives is frozen too, so the next pause scans only what came after it
            # (over everything alive, a full collection took ~100 ms at 3,000 programs).
            self._collect()
        elif (
            now - busy_until >= GC_DEEP_IDLE
            and gc.get_freeze_count() - self._frozen_after_deep >= GC_DEEP_GROWTH
        ):
            self._collect(everything=True)

    def _collect(self, *, everything: bool = False) -> None:
        """One collection, then what is alive is frozen so that the next one scans only what
        comes after it; `everything`: the frozen objects are collected too (GC_DEEP_IDLE)."""
        if everything:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        if everything:
            self._frozen_after_deep = gc.get_freeze_count()
        self._last_collect = time.monotonic()

    async def _mount_next_pane(self) -> None:
        """Build one pane not shown yet, then ask for the next after the screen's refresh.

        One pane per refresh, and not through ContentSwitcher.add_content: that mounts inside
        App.batch_update, which throws away every frame drawn meanwhile, so building all ten
        in one go held the first screen back until the last pane was built (1.5 s of CPU for
        300 programs). Now the first screen is drawn first and a key pressed meanwhile waits
        for one pane at most."""
        if not self._building or not self.is_attached or self.app.return_code is not None:
            return  # the app is closing: building a pane now would meet a half-removed DOM
        switcher = self.query_one("#panes", ContentSwitcher)
        async with self._pane_lock:
            missing = [s for s in STEPS if not switcher.query_children(f"#{pane_id(s.id)}")]
            if not missing:
                self.startup_finished()
                return
            pane = make_pane(missing[0].id)
            pane.display = False
            await switcher.mount(pane)
        self.call_after_refresh(self._mount_next_pane)

    async def pane(self, step_id: str) -> StepPane:
        """The step's pane, mounting it first if the lazy mount has not reached it yet."""
        switcher = self.query_one("#panes", ContentSwitcher)
        async with self._pane_lock:
            found = switcher.query_children(f"#{pane_id(step_id)}")
            if found:
                return found.first(StepPane)
            pane = make_pane(step_id)
            await switcher.add_content(pane)
            return pane

    def mounted_panes(self) -> list[StepPane]:
        return list(self.query_one("#panes", ContentSwitcher).query_children(StepPane))

    def _findings_changed(self, season_changed: bool) -> None:
        self.refresh_status()
        self.panes_outdated(season=season_changed)

    def _checking_changed(self, checking: bool) -> None:
        if checking:  # an edit (from a dialog too): the statuses change with the findings
            self._statuses_current = False
        self.query_one(FindingsPanel).set_checking(checking)

    def _save_state_changed(self, _state: str) -> None:
        self.query_one(WizardHeader).set_status(self.app.status_text())

    def panes_outdated(self, *, season: bool) -> None:
        """The rules ran again (and maybe the season changed): update the visible pane now,
        the others when they are shown."""
        current = self.app.current_step
        for pane in self.mounted_panes():
            if current == pane.STEP_ID:
                if season:
                    pane.season_changed()
                pane.findings_changed()
            else:
                self._stale_findings.add(pane.STEP_ID)
                if season:
                    self._stale_season.add(pane.STEP_ID)

    def _bring_up_to_date(self, pane: StepPane) -> None:
        if pane.STEP_ID in self._stale_season:
            self._stale_season.discard(pane.STEP_ID)
            pane.season_changed()
        if pane.STEP_ID in self._stale_findings:
            self._stale_findings.discard(pane.STEP_ID)
            pane.findings_changed()

    async def show_step(self, step_id: str, *, focus_pane: bool | None = None) -> None:
        """Show the step. Focus stays on the sidebar if it is there (so arrows and number keys
        go on working); otherwise, or when asked, it moves to the pane's first field."""
        pane = await self.pane(step_id)
        self._bring_up_to_date(pane)
        self.query_one("#panes", ContentSwitcher).current = pane.id
        pane.scroll_home(animate=False)
        if focus_pane is None:
            focus_pane = not self.query_one(StepSidebar).has_focus
        if focus_pane:
            self.call_after_refresh(self.focus_first_field, pane)
        self.refresh_status(statuses=not self._statuses_current)

    def focus_first_field(self, pane: StepPane) -> None:
        """Focus the step's first useful control (StepPane.first_focus), so the keys the
        step shows work at once."""
        widget = pane.first_focus()
        if widget is not None:
            widget.focus()
        else:
            self.query_one(StepSidebar).focus()

    def on_screen_resume(self) -> None:
        # Back from a dialog, focus returns to where it was, but the screen may have changed
        # under it (a new row, a longer findings panel): show the focused widget again.
        self.call_after_refresh(self._reveal_focused)

    def _reveal_focused(self) -> None:
        focused = self.focused
        if focused is not None and focused.is_attached:
            focused.scroll_visible(animate=False, immediate=True)

    def hand_key_to_pane(self, key: str, character: str) -> bool:
        """Focus the shown step's first control and let it have the key (from the sidebar)."""
        pane = self.query_one("#panes", ContentSwitcher).visible_content
        widget = pane.first_focus() if isinstance(pane, StepPane) else None
        if widget is None:
            return False
        widget.focus()
        self.app.post_message(events.Key(key, character))
        return True

    def refresh_status(self, *, statuses: bool = True) -> None:
        """Header, sidebar and findings panel for the current step. `statuses=False`: the
        sidebar's step statuses are still those of the dossier and findings shown."""
        app = self.app
        current = step(app.current_step)
        header = self.query_one(WizardHeader)
        header.set_title(f"Step {current.number} of {len(STEPS)} — {current.title}")
        header.set_status(app.status_text())
        sidebar = self.query_one(StepSidebar)
        if statuses:
            # The statuses worked out with the findings, unless the dossier changed since
            # (a check still running): then from the edited dossier and the findings there are.
            worked_out = None if app.checking else app.step_statuses
            sidebar.update_status(app.dossier, app.findings, current.id, worked_out)
            self._statuses_current = True
        else:
            sidebar.set_current(current.id)
        # The same run's, in its order (run_all sorts the findings; grouping keeps it).
        grouped = app.findings_by_step or findings_by_step(app.findings)
        mine = grouped.get(current.id, [])
        left = tuple(missing(current, app.dossier))
        self.query_one(FindingsPanel).show(current.title, mine, left, ordered=True)

    # -- sizes
    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        self._size_classes(width, height)
        self.query_one(StepSidebar).set_narrow(width < WIDE_FROM)
        self.query_one(WizardHeader).set_status(self.app.status_text())

    def _size_classes(self, width: int, height: int) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")
        self.set_class(height < 30, "-short")
        self.set_class(width < WIDE_FROM, "-narrow")

    # -- actions
    def action_help(self) -> None:
        self.post_message(ShowHelp())

    def action_review(self) -> None:
        self.post_message(ShowReview())

    def action_plan(self) -> None:
        self.post_message(ShowPlan())

    def action_budget(self) -> None:
        self.post_message(ShowBudget())

    def action_next_step(self) -> None:
        self.post_message(StepBy(+1))

    def action_previous_step(self) -> None:
        self.post_message(StepBy(-1))

    def action_toggle_sidebar(self) -> None:
        self._sidebar_hidden = not self._sidebar_hidden
        self.set_class(self._sidebar_hidden, "-sidebar-hidden")
        sidebar = self.query_one(StepSidebar)
        if self._sidebar_hidden and sidebar.has_focus:
            pane = self.query_one("#panes", ContentSwitcher).visible_content
            if isinstance(pane, StepPane):
                self.focus_first_field(pane)

    def action_focus_sidebar(self) -> None:
        if self._sidebar_hidden:
            self.action_toggle_sidebar()
        self.query_one(StepSidebar).focus()

    def action_digit(self, digit: int) -> None:
        now = time.monotonic()
        last, self._last_digit = self._last_digit, (digit, now)
        if last and last[0] == 1 and digit in (0, 1) and now - last[1] <= self.TWO_DIGIT_WINDOW:
            number = 10 + digit
            self._last_digit = None
        else:
            number = 10 if digit == 0 else digit
        self.post_message(GoToStep(STEPS[number - 1].id, focus_pane=None))
