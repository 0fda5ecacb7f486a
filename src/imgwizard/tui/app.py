"""The wizard: one Textual App over the core (model, steps, rules, season, store).

The app owns the live state panes read (dossier, season, today, findings, read_only: see
tui/shell.py), re-runs the rules on every edit and announces the new findings (a signal the
wizard screen listens to), and answers the screen's requests (a step, help, the review). The
data file's session (lock, autosave, signals and the hard exit) lives in tui/session.py.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.theme import Theme

from imgwizard import store as store_mod
from imgwizard.model import Dossier
from imgwizard.safe_text import visible
from imgwizard.season import Season
from imgwizard.season.which import match_year_of, season_of
from imgwizard.settings import DEFAULT_THEME, Settings, load_settings, save_settings, settings_path
from imgwizard.steps import STEP_IDS, STEPS, step
from imgwizard.store import LockHeld, SaveError, Store, StoreError
from imgwizard.tui import recovery
from imgwizard.tui.autosave import Autosaver
from imgwizard.tui.checking import Checker, CheckResult, check
from imgwizard.tui.messages import (
    DossierEdited,
    GoToStep,
    ShowBudget,
    ShowHelp,
    ShowPlan,
    ShowReview,
    StepBy,
)
from imgwizard.tui.palette import StepCommands
from imgwizard.tui.safe_output import install as install_safe_output
from imgwizard.tui.screens.wizard import WizardScreen
from imgwizard.tui.session import SaveFinished, Session
from imgwizard.tui.shell import ShellApp

if TYPE_CHECKING:
    from imgwizard.plan import Plan

# The modal screens (plan, budget, review, help, the lock and error screens, the quit
# confirmation) and the plan's and budget's modules are imported when first shown, not at
# start: none is on the first screen (issue #18).

# Escape sequences in user text are never written to the terminal (see safe_output).
install_safe_output()

ANSI_THEME = "ansi-dark"


class Checked(Message):
    """Posted by the rules' worker thread (post_message is thread-safe)."""

    def __init__(self, generation: int, dossier: Dossier, result: CheckResult | None = None,
                 error: Exception | None = None) -> None:  # fmt: skip
        super().__init__()
        self.generation = generation
        self.dossier = dossier
        self.result = result
        self.error = error


class WizardApp(ShellApp):
    CSS_PATH = "app.tcss"
    TITLE = "imgwizard"
    COMMANDS = App.COMMANDS | {StepCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f10", "quit", "Quit", id="quit", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="quit_ctrl_q", priority=True, show=False),
    ]

    def __init__(
        self,
        path: Path,
        *,
        today: dt.date | None = None,
        read_only: bool = False,
        settings: Settings | None = None,
        ansi: bool = False,
        clock: Callable[[], dt.datetime] | None = None,
        preload: bool = True,
        plan_on_start: bool = False,
    ) -> None:
        """`today` and `clock` can be fixed (tests, screenshots). `preload=False` builds each
        pane on its first visit instead of right after the first paint (tests that look at
        one or two steps). `plan_on_start` opens the plan first when something is overdue or
        due this week (a real session; tests ask for it when they test it)."""
        self.settings = settings if settings is not None else load_settings()
        self.use_ansi = ansi or self.settings.ansi
        super().__init__(
            today=today,
            read_only=read_only,
            preload=preload,
            ansi_color=True if self.use_ansi else None,
        )
        self.path = Path(path)
        self.clock = clock or dt.datetime.now
        self.plan_on_start = plan_on_start and self.settings.plan_on_start
        self.store = Store(self.path)
        self.session = Session(self, self.store, self.clock)
        self.existed = False
        self._season_key: tuple[object, ...] = ()
        self.checker = Checker()
        self._season_changed = False  # since the findings last applied
        self._warned_read_only = False
        self._plan_pending = False  # open the plan first once the findings are in
        # The plan's screen while it is being mounted: quitting meanwhile (F10 as the wizard
        # appears, the plan opening on its own) tore it down under its on_mount.
        self._opening: Awaitable[object] | None = None
        self._started_theme = DEFAULT_THEME

    async def on_event(self, event) -> None:  # a textual.events.Event
        if (screen := self.wizard) is not None:
            screen.saw_event(event)
        await super().on_event(event)

    # ------------------------------------------------------------------ start
    def on_mount(self) -> None:
        self._apply_settings()
        if not self.read_only:
            try:
                self.session.acquire()
            except LockHeld as exc:
                from imgwizard.tui.screens.lock import LockHeldScreen

                self.push_screen(
                    LockHeldScreen(str(self.path), exc.holder), self._after_lock_choice
                )
                return
            except StoreError as exc:
                self._show_store_error(exc)
                return
        self._open()

    def _after_lock_choice(self, choice: str | None) -> None:
        if choice == "read_only":
            self.read_only = True
            self._open()
        else:
            self.exit(return_code=1)

    def _show_store_error(self, error: StoreError) -> None:
        from imgwizard.tui.screens.error import StoreErrorScreen

        self.store.release(refused=True)
        self.push_screen(StoreErrorScreen(error), self._after_lock_choice)

    def _open(self) -> None:
        try:
            self.dossier, self.existed = self.store.load_or_new(self.today)
        except StoreError as exc:
            self._show_store_error(exc)
            return
        found = recovery.pending(self.path)
        if found is not None and not self.read_only:
            self.push_screen(recovery.offer(found), lambda use: self._after_recovery(found, use))
            return
        self._show_wizard()
        if found is not None:
            self.notify(
                f"Unsaved changes of an earlier session are in {found}; start without "
                "--read-only to use them.",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def _after_recovery(self, found: Path, use: bool | None) -> None:
        note = ""
        if use:

            def save(dossier: Dossier) -> None:
                self.dossier = dossier
                self.saver.edited()
                self.saver.save()

            _, note = recovery.restore(found, save)
        self._show_wizard()
        if note:
            self.notify(note, title="Recovery", timeout=15, markup=False)
        if self.saver.dirty:
            self.session.schedule_save()  # saving the recovered changes failed: retried

    def _show_wizard(self) -> None:
        requested = self.dossier.wizard.current_step
        self.current_step = requested if requested in STEP_IDS else STEP_IDS[0]
        self._reload_season()
        self.checker.edited()
        off_thread = self.checker.off_thread(self.dossier)
        if off_thread:  # the first screen comes first; its findings when the rules are done
            self.set_checking(True)
        else:
            self._use_check(check(self.dossier, self.season, self.today))  # type: ignore[arg-type]
        self.save_state = self._initial_state()
        self.session.install_signal_handlers()
        self.push_screen(WizardScreen())
        if off_thread:
            # After the frame that shows the resumed step whole (the programs step fills its
            # table right after its first frame): a worker running the rules meanwhile held
            # the GIL for half of it, and the first screen of 3,000 programs came later by
            # about the rules' time.
            self.call_after_refresh(self.call_after_refresh, self._start_check)
        # Not on a first visit: a new applicant answers the Match year question first, and a
        # plan of everything not yet done would only bury it.
        answered = self.dossier.profile.target_match_year is not None
        self._plan_pending = self.plan_on_start and self.existed and answered
        if not off_thread:  # else when the first findings arrive (on_checked)
            self.call_after_refresh(self._plan_if_urgent)
        where = "Your data is kept in" if self.existed else "A new file will be kept in"
        self.notify(f"{where} {self.path}", title="imgwizard", timeout=8, markup=False)
        for warning in store_mod.permission_warnings(self.path):
            self.notify(warning, severity="warning", timeout=15, markup=False)

    def _plan_if_urgent(self) -> None:
        """Open the plan first when something is overdue or due this week: after the first
        screen is drawn, and for a large dossier after its first findings, not before (the
        plan is built on the findings; building them on the UI thread held the first screen of
        3,000 programs back by ~0.1 s)."""
        if self._plan_pending and self.wizard is not None:
            self._plan_pending = False
            # Not over a dialog the applicant opened meanwhile (F1, F2 …).
            if self.screen is self.wizard and self.current_plan().urgent:
                self.show_plan()

    def _initial_state(self) -> str:
        if self.read_only:
            return "read-only"
        return "all saved" if self.existed else "new file"

    def _apply_settings(self) -> None:
        theme = ANSI_THEME if self.use_ansi else self.settings.theme
        if theme not in self.available_themes:
            self.notify(
                f"Unknown theme {theme!r} in the settings; using {DEFAULT_THEME}.",
                severity="warning",
                markup=False,
            )
            theme = DEFAULT_THEME
        self.theme = theme
        self._started_theme = theme
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        for warning in self.settings.warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=12, markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        name = theme.name
        # The theme we started with (from the settings, --ansi, or the default standing in for
        # an unknown name) is not a choice the user made: only a change is saved.
        if name in (self.settings.theme, self._started_theme):
            return
        self.settings.theme = name
        try:
            save_settings(self.settings)
        except StoreError as exc:
            self.notify(f"Could not remember the theme: {exc.problems[0]}", severity="warning")

    def _reload_season(self) -> None:
        assert self.dossier is not None
        year = match_year_of(self.dossier, self.today)
        corrections = self.dossier.season_corrections
        key = (year, tuple(c.model_dump_json() for c in corrections))
        if key != self._season_key:
            self._season_key = key
            self.season = season_of(self.dossier, self.today)

    # ------------------------------------------------------------------ the session
    @property
    def saver(self) -> Autosaver:
        return self.session.saver

    def flush_and_release(self) -> bool:
        """Save what is pending, synchronously, and give the lock back (see Session)."""
        return self.session.flush_and_release()

    @property
    def wizard(self) -> WizardScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, WizardScreen):
                return screen
        return None

    async def hold_still(self) -> None:
        """For screenshots and snapshots: finish background work (file checks), clear the
        notifications and stop cursors blinking, so two pictures of the same state match."""
        from textual.widgets import Input, TextArea

        await self.workers.wait_for_complete()
        self.clear_notifications()
        for widget in self.screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False

    # ------------------------------------------------------------------ navigation
    async def go_to_step(self, step_id: str, *, focus_pane: bool | None = None) -> None:
        screen = self.wizard
        if screen is None or step_id not in STEP_IDS:
            return
        if step_id != self.current_step:
            self.current_step = step_id
            assert self.dossier is not None
            if not self.read_only:
                self.dossier.wizard.current_step = step_id
                self.session.schedule_save()
        await screen.show_step(step_id, focus_pane=focus_pane)

    async def step_by(self, delta: int) -> None:
        index = STEP_IDS.index(self.current_step) + delta
        if 0 <= index < len(STEPS):
            await self.go_to_step(STEP_IDS[index])

    async def on_go_to_step(self, message: GoToStep) -> None:
        message.stop()
        await self.go_to_step(message.step_id, focus_pane=message.focus_pane)

    async def on_step_by(self, message: StepBy) -> None:
        message.stop()
        await self.step_by(message.delta)

    def on_show_help(self, message: ShowHelp) -> None:
        message.stop()
        self.show_help()

    def on_show_review(self, message: ShowReview) -> None:
        message.stop()
        self.show_review()

    def on_show_plan(self, message: ShowPlan) -> None:
        message.stop()
        self.show_plan()

    def on_show_budget(self, message: ShowBudget) -> None:
        message.stop()
        self.show_budget()

    async def action_go_to_step(self, step_id: str) -> None:
        await self.go_to_step(step_id)

    def action_show_review(self) -> None:
        self.show_review()

    def action_show_wizard_help(self) -> None:
        self.show_help()

    def show_help(self) -> None:
        from imgwizard.tui.screens.help import KEY_HELP, HelpScreen

        screen = self.wizard
        if screen is None or self.season is None:
            return
        # The keys as they are now (after the user's keymap), one row per action.
        keys: dict[str, list[str]] = {}
        ids: dict[str, list[str]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.id or binding.id.startswith("digit_"):
                continue
            keys.setdefault(binding.action, []).append(self.get_key_display(binding))
            ids.setdefault(binding.action, [])
            if binding.id not in ids[binding.action]:
                ids[binding.action].append(binding.id)
        rows = [
            (" / ".join(keys[a]), KEY_HELP.get(a, a.replace("_", " ")), ", ".join(ids[a]))
            for a in keys
        ]
        rows += [
            ("1 … 9, 0", "go to step 1 … 9, 10 (type 1 1 for step 11)", "digit_1 … digit_0"),
            ("Tab / shift+Tab", "move between fields; Enter in a field moves on too", ""),
            ("ctrl+p", "command palette: steps, plan, budget, theme", "command_palette"),
        ]
        self.push_screen(
            HelpScreen(
                step(self.current_step),
                self.season,
                rows,
                str(self.path),
                str(settings_path()),
            )
        )

    def current_plan(self) -> Plan:
        from imgwizard.plan import build_plan

        assert self.dossier is not None and self.season is not None
        self.check_now()  # a check still running: the plan is built on current findings
        return build_plan(self.dossier, self.season, self.today, self.findings)

    def action_show_plan(self) -> None:
        self.show_plan()

    def action_show_budget(self) -> None:
        self.show_budget()

    def show_plan(self) -> None:
        from imgwizard.tui.screens.plan import PlanScreen

        if self.wizard is not None and not isinstance(self.screen, PlanScreen):
            self._opening = self.push_screen(PlanScreen(self.current_plan()), self._after_plan)

    def show_budget(self) -> None:
        from imgwizard.tui.screens.budget import BudgetScreen

        if self.wizard is not None and not isinstance(self.screen, BudgetScreen):
            self.push_screen(BudgetScreen())

    async def _after_plan(self, target: tuple[str, str] | None) -> None:
        if not target:
            return
        step_id, field_or_key = target
        if step_id:
            await self.open_field(step_id, field_or_key)
        else:  # a wizard key pressed on the plan: do what it does on the wizard
            self.simulate_key(field_or_key)

    async def open_field(self, step_id: str, field_id: str) -> None:
        """Show the step and focus the field an action is done in (its first field when the
        action names none or the field is not on screen)."""
        await self.go_to_step(step_id, focus_pane=not field_id)
        screen = self.wizard
        if screen is None or not field_id:
            return
        pane = await screen.pane(step_id)
        found = pane.query(f"#{field_id}")
        if not found:
            screen.focus_first_field(pane)
            return
        target = found.first()
        shown = all(node.display for node in target.ancestors_with_self if node is not pane)
        focusable = [w for w in target.query("*") if w.focusable and w.display]
        widget = target if target.focusable else (focusable[0] if focusable else None)
        if widget is None or not shown:  # e.g. a list's detail form, closed
            screen.focus_first_field(pane)
        else:
            self.call_after_refresh(widget.focus)
            self.call_after_refresh(pane.scroll_to_widget, target, animate=False)

    def show_review(self) -> None:
        if self.wizard is not None:
            from imgwizard.tui.screens.review import ReviewScreen

            self.check_now()  # a check still running: the review lists current findings
            self.push_screen(ReviewScreen(list(self.findings)), self._after_review)

    def _after_review(self, step_id: str | None) -> None:
        if step_id:
            self.post_message(GoToStep(step_id))

    # ------------------------------------------------------------------ edits and saving
    def on_dossier_edited(self, message: DossierEdited) -> None:
        message.stop()
        if self.dossier is None:
            return
        old_season = self.season
        self._reload_season()
        self._season_changed |= self.season is not old_season
        self.checker.edited()
        if self.checker.off_thread(self.dossier):
            self.set_checking(True)
            # After the frame that shows the key: a worker running the rules meanwhile would
            # hold the GIL half the time and double the repaint's wall time.
            self.call_after_refresh(self._start_check)
        else:
            self.check_now()
        if not self.read_only:
            self.session.schedule_save()
        elif not self._warned_read_only:
            self._warned_read_only = True
            self.notify(
                "This session is read-only: changes are not saved.",
                severity="warning",
                markup=False,
            )

    # ------------------------------------------------------------------ the rules
    def check_now(self) -> None:
        """Run the rules on the UI thread and apply them (a small dossier after an edit; the
        review, plan and budget when a check is still running: they show findings whole)."""
        if self.dossier is None or not self.checker.pending:
            return
        self._use_check(check(self.dossier, self.season, self.today))  # type: ignore[arg-type]
        self._apply_check()

    def _use_check(self, result: CheckResult) -> None:
        self.findings = result.findings
        self.program_reasons = result.program_reasons
        self.signal_lines = result.signal_lines
        self.findings_by_step = result.by_step
        self.step_statuses = result.statuses
        self.program_rows = result.program_rows
        self.checker.applied_now()

    def _apply_check(self) -> None:
        season_changed, self._season_changed = self._season_changed, False
        self.set_checking(False)
        self.findings_updated(season_changed=season_changed)

    def _start_check(self) -> None:
        generation = self.checker.start()
        if generation is None:
            return
        dossier, season, today = self.dossier, self.season, self.today
        self.run_worker(
            lambda: self._check_in_thread(generation, dossier, season, today),
            thread=True,
            group="rules",
            exit_on_error=False,
        )

    def _check_in_thread(self, generation: int, dossier: Dossier, season: Season | None,
                         today: dt.date) -> None:  # fmt: skip
        try:
            result = check(dossier, season, today)
        except Exception as exc:  # re-raised on the UI thread if the result is current
            self.post_message(Checked(generation, dossier, error=exc))
        else:
            self.post_message(Checked(generation, dossier, result))

    def on_checked(self, message: Checked) -> None:
        current = self.checker.finished(message.generation) and message.dossier is self.dossier
        if not current:  # an edit came meanwhile: this result is not about it
            self.call_after_refresh(self._start_check)
            return
        if message.error is not None:
            raise message.error
        if self.checker.pending and message.result is not None:
            self._use_check(message.result)
            self._apply_check()
        if self._plan_pending:
            self._plan_if_urgent()

    def on_save_finished(self, message: SaveFinished) -> None:
        self.session.save_finished(message)

    async def action_quit(self) -> None:
        if (screen := self.wizard) is not None:
            await screen.stop_building()  # a pane half-built must not be torn down mid-mount
        if self._opening is not None:
            opening, self._opening = self._opening, None
            await opening
        if not self.session.has_unsaved():
            self.flush_and_release()
            self.exit(return_code=0)
            return
        try:
            self.saver.save()
        except SaveError as exc:
            from imgwizard.tui.screens.confirm import ConfirmScreen

            reason = ", ".join(str(p) for p in exc.problems)
            self.push_screen(
                ConfirmScreen(
                    "Your latest changes are not saved",
                    f"Saving failed: {reason}.\n\nQuit anyway? The changes since the last save "
                    "are then written to a recovery file, offered at the next start. Choose "
                    "No to stay; saving is retried.",
                    yes="Quit anyway",
                    no="Stay",
                ),
                self._after_quit_confirm,
            )
            return
        self.flush_and_release()
        self.exit(return_code=0)

    def _after_quit_confirm(self, quit_anyway: bool | None) -> None:
        if quit_anyway:
            self.session.quit_anyway()
            self.exit(return_code=1)
        else:
            self.session.start_save()

    def on_unmount(self) -> None:
        self.flush_and_release()
        self.session.remove_signal_handlers()

    def _handle_exception(self, error: Exception) -> None:
        # A signal that lands while a pane is being mounted tears widgets down under it
        # (e.g. Select's on_mount: NoMatches). The data is saved and the lock free by then:
        # finish the exit quietly instead of printing a traceback and exiting 1.
        if self.session.exiting_on_signal:
            self.log.error(f"ignored while exiting on a signal: {error!r}")
            return
        super()._handle_exception(error)


def run_wizard(
    path: Path, *, mouse: bool = True, read_only: bool = False, ansi: bool = False
) -> int:
    app = WizardApp(Path(path).absolute(), read_only=read_only, ansi=ansi, plan_on_start=True)
    app.session.hard_exit_on_signal = True
    try:
        app.run(mouse=mouse and app.settings.mouse)
    finally:
        app.flush_and_release()
        if app.session.exit_note:  # where an edit that could not be saved went
            print(visible(app.session.exit_note), file=sys.stderr)
    code = app.return_code
    return 0 if code is None else code
