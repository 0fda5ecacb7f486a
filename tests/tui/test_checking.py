"""The rules off the UI thread (issue #18): the findings a worker applies are the ones a full run
gives for the dossier as it is, after every kind of edit; a result about an older state of the
dossier is never applied. Nothing here is timed."""

from __future__ import annotations

from textual.widgets import Input

from imgwizard import store
from imgwizard.demo import demo_dossier
from imgwizard.model import Program, VisaType
from imgwizard.progress import step_status
from imgwizard.rules import run_all
from imgwizard.rules.eligibility import program_eligibility
from imgwizard.rules.findings import Finding, Severity
from imgwizard.steps import STEPS
from imgwizard.tui.app import Checked
from imgwizard.tui.checking import Checker, CheckResult, check
from imgwizard.tui.messages import DossierEdited
from imgwizard.tui.panes.programs import ProgramsPane, ProgramTable, Row
from imgwizard.tui.widgets.findings import MAX_SHOWN, FindingsPanel
from imgwizard.tui.widgets.sidebar import StepSidebar
from imgwizard.wording import plural
from tests.conftest import TODAY, make_wizard


def test_checker_applies_only_a_check_of_the_latest_edit():
    checker = Checker(off_thread_from=10)
    assert not checker.pending
    first = checker.edited()
    assert checker.pending
    assert checker.start() == first
    assert checker.start() is None  # one at a time
    second = checker.edited()  # an edit while the check runs
    assert not checker.finished(first)  # its result is about the dossier before `second`
    assert checker.start() == second
    assert checker.finished(second)
    checker.applied_now()
    assert not checker.pending
    assert checker.start() is None  # nothing left to check


def test_checker_runs_off_the_thread_from_its_size_on():
    dossier = demo_dossier(TODAY)
    checker = Checker(off_thread_from=len(dossier.programs))
    assert checker.off_thread(dossier)
    checker.off_thread_from += 1
    assert not checker.off_thread(dossier)


def test_check_gives_the_findings_of_a_full_run_and_each_programs_reasons(data_file):
    dossier = demo_dossier(TODAY)
    dossier.programs.append(
        Program(id="p-x", name="Far", visas_sponsored=[VisaType.H1B], visa_policy_known=True)
    )
    app = make_wizard(data_file)  # only for its season; never run
    app.dossier = dossier
    app._reload_season()
    result = check(dossier, app.season, TODAY)
    assert result.findings == run_all(dossier, app.season, TODAY)
    assert result.program_reasons == {
        p.id: tuple(program_eligibility(dossier, p, app.season, TODAY)) for p in dossier.programs
    }
    # Each step's findings and status, as the sidebar and the findings panel would pick them.
    for s in STEPS:
        mine = [f for f in result.findings if f.step == s.id]
        assert result.by_step[s.id] == mine
        assert result.statuses[s.id] == step_status(s, dossier, result.findings)


def _assert_current(app) -> None:
    """What the wizard shows is what a full run says about the dossier now."""
    assert not app.checking
    assert not app.checker.pending
    assert not app.screen.query_one(FindingsPanel).checking
    assert app.findings == run_all(app.dossier, app.season, app.today)
    assert app.program_reasons == {
        p.id: tuple(program_eligibility(app.dossier, p, app.season, app.today))
        for p in app.dossier.programs
    }
    sidebar = app.screen.query_one(StepSidebar)
    assert sidebar.statuses == {s.id: step_status(s, app.dossier, app.findings) for s in STEPS}
    if app.current_step == "programs":
        _assert_programs_table_current(app)
    # The panel compares (and shows) the first MAX_SHOWN findings and the count of each
    # severity: they are those of a full run.
    mine = sorted((f for f in app.findings if f.step == app.current_step), key=Finding.sort_key)
    shown = app.screen.query_one(FindingsPanel)._shown
    assert shown[1] == tuple(mine[:MAX_SHOWN])
    assert shown[2] == tuple(sum(f.severity is sev for f in mine) for sev in Severity)


def _assert_programs_table_current(app) -> None:
    """The programs step's rows, table and count are what a build from scratch shows (its
    rows are compared with the programs only where fields or reasons changed: issue #18)."""
    pane = app.screen.query_one(ProgramsPane)
    fresh = {p.id: Row.of(p, app.program_reasons[p.id]) for p in app.dossier.programs}
    assert pane._rows == fresh
    assert pane._rows.ineligible == sum(1 for r in fresh.values() if r.reasons)
    assert pane._rows.unknown == 0
    table = pane.query_one(ProgramTable)
    cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    assert cells == [[str(c) for c in fresh[pid].cells()] for pid in pane._shown]
    count = str(pane.query_one("#program-count").render())
    assert count.startswith(plural(len(fresh), "program"))
    ineligible = sum(1 for r in fresh.values() if r.reasons)
    assert (f"{ineligible} not eligible" in count) == bool(ineligible)


async def _settle(pilot) -> None:
    await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _type(pilot, step_id: str, selector: str, text: str, clear: bool = False) -> None:
    await pilot.app.go_to_step(step_id, focus_pane=True)
    await pilot.pause()
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await pilot.pause()
    if clear:
        await pilot.press("ctrl+u")
    await pilot.press(*text)


async def test_off_the_ui_thread_every_kind_of_edit_ends_with_a_full_runs_findings(data_file):
    store.save(data_file, demo_dossier(TODAY))
    app = make_wizard(data_file)
    app.checker.off_thread_from = 0  # every check in a worker, whatever the size
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        _assert_current(app)
        # Text fields on three steps; the graduation date changes programs' eligibility.
        await _type(pilot, "specialty", "#full-name Input", "Amina O.", clear=True)
        await _settle(pilot)
        _assert_current(app)
        assert app.dossier.profile.full_name == "Amina O."
        await _type(pilot, "eligibility", "#graduation-date Input", "2012-06-30", clear=True)
        await _settle(pilot)
        _assert_current(app)
        await _type(pilot, "nrmp", "#nrmp-id Input", "N7654321", clear=True)
        await _settle(pilot)
        _assert_current(app)
        # A program's signal tier from the table (g), then a program deleted (d, confirmed).
        await pilot.app.go_to_step("programs", focus_pane=True)
        await pilot.pause()
        _assert_current(app)  # the graduation date's reasons, brought up to date when shown
        app.screen.query_one("#programs-table").focus()
        await pilot.press("g")
        await _settle(pilot)
        _assert_current(app)
        # Fields a row shows, changed by something other than this step (as another step
        # or a dialog would), and a change of the applicant that changes programs' reasons.
        last = app.dossier.programs[-1]
        last.name, last.priority = "Zenith Regional", last.priority + 1
        app.dossier.exams.step2ck.score = 200
        app.post_message(DossierEdited("eligibility"))
        await _settle(pilot)
        _assert_current(app)
        app.dossier.exams.step2ck.score = None
        app.post_message(DossierEdited("eligibility"))
        await _settle(pilot)
        _assert_current(app)
        before = len(app.dossier.programs)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")  # the confirmation's default button: Delete
        await _settle(pilot)
        assert len(app.dossier.programs) in (before - 1, before)
        _assert_current(app)
        await pilot.press("f10")


async def test_a_large_dossier_opens_checking_and_then_shows_a_full_runs_findings(data_file):
    store.save(data_file, demo_dossier(TODAY))
    app = make_wizard(data_file)
    app.checker.off_thread_from = 0  # as a dossier of OFF_THREAD_FROM programs or more
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        _assert_current(app)
        panel = app.screen.query_one(FindingsPanel)
        mine = [f for f in app.findings if f.step == app.current_step]
        assert panel.plain.startswith("Checks for this step" if mine else "✓ Nothing to fix")
        await pilot.press("f10")


async def test_a_result_about_an_older_dossier_is_thrown_away(data_file):
    store.save(data_file, demo_dossier(TODAY))
    app = make_wizard(data_file)
    app.checker.off_thread_from = 0
    bogus = Finding(
        code="test.stale", severity=Severity.BLOCKER, step="specialty", message="stale", fix=""
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        old = app.checker.edited()
        assert app.checker.start() == old  # as if a worker were checking `old` ...
        app.checker.edited()  # ... when another edit came
        app.post_message(Checked(old, app.dossier, CheckResult([bogus])))
        await _settle(pilot)
        assert bogus not in app.findings  # never applied: the rules ran again instead
        _assert_current(app)
        await pilot.press("f10")


async def test_the_review_waits_for_no_worker_it_lists_current_findings(data_file):
    store.save(data_file, demo_dossier(TODAY))
    app = make_wizard(data_file)
    app.checker.off_thread_from = 0
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        app.checker.edited()  # an edit whose check has not come back yet
        app.set_checking(True)
        assert app.screen.query_one(FindingsPanel).border_title  # "checking …" is shown
        app.dossier.profile.full_name = ""
        app.show_review()
        await pilot.pause()
        assert app.screen.findings == run_all(app.dossier, app.season, app.today)
        assert not app.checker.pending and not app.checking
        await pilot.press("escape")
        await _settle(pilot)
        await pilot.press("f10")


async def test_after_start_up_the_collector_runs_when_the_applicant_pauses(data_file, monkeypatch):
    """Start-up ends with one collection and a freeze; automatic collection stays off and a
    collection runs GC_IDLE after the last edit (or every GC_AT_LEAST seconds), not per key."""
    import gc

    from imgwizard.tui.screens import wizard as wizard_screen

    store.save(data_file, demo_dossier(TODAY))
    app = make_wizard(data_file)
    collections: list[int] = []
    clock = [1000.0]
    fake_time = type("FakeTime", (), {"monotonic": staticmethod(lambda: clock[0])})
    monkeypatch.setattr(wizard_screen, "time", fake_time)  # this module's clock only
    was_enabled = gc.isenabled()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        gc.disable()  # as commands/run.py starts the wizard
        try:
            monkeypatch.setattr(wizard_screen.gc, "collect", lambda *a: collections.append(1))
            monkeypatch.setattr(wizard_screen.gc, "freeze", lambda: None)
            screen.startup_finished()
            assert collections == [1] and not gc.isenabled()
            screen._collect_when_idle()
            assert collections == [1]  # no edit since: nothing to do
            clock[0] += 0.1
            await _type(pilot, "specialty", "#full-name Input", "A")
            clock[0] += wizard_screen.GC_IDLE / 2
            screen._collect_when_idle()
            assert collections == [1]  # still typing
            clock[0] += wizard_screen.GC_IDLE
            screen._collect_when_idle()
            assert collections == [1, 1]  # paused
            clock[0] += wizard_screen.GC_AT_LEAST + 1
            screen._collect_when_idle()
            assert collections == [1, 1, 1]  # at least every GC_AT_LEAST seconds
            await pilot.press("f10")
        finally:
            if was_enabled:
                gc.enable()


async def test_a_long_pause_collects_what_died_after_it_was_frozen(data_file, monkeypatch):
    """An object alive when the idle collector froze it, and dead since in a reference cycle,
    is kept by the usual pass (frozen objects are not scanned); after GC_DEEP_IDLE seconds
    without a key, once enough was frozen since, everything is collected, it with it."""
    import gc
    import weakref

    from imgwizard.tui.screens import wizard as wizard_screen

    store.save(data_file, demo_dossier(TODAY))
    app = make_wizard(data_file)
    clock = [1000.0]
    fake_time = type("FakeTime", (), {"monotonic": staticmethod(lambda: clock[0])})
    monkeypatch.setattr(wizard_screen, "time", fake_time)  # this module's clock only
    monkeypatch.setattr(wizard_screen, "GC_DEEP_GROWTH", 1)  # any growth is enough here
    was_enabled = gc.isenabled()

    class Node:
        pass

    def frozen_then_dropped() -> weakref.ref:
        first, second = Node(), Node()
        first.other, second.other = second, first  # a cycle: only the collector frees it
        gc.freeze()  # alive when the idle collector froze what survived
        return weakref.ref(first)

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        gc.disable()  # as commands/run.py starts the wizard
        try:
            screen.startup_finished()
            dropped = frozen_then_dropped()
            screen._last_key = clock[0] = clock[0] + 0.1  # the applicant at work
            clock[0] += wizard_screen.GC_DEEP_IDLE - 1
            screen._collect_when_idle()
            gc.collect()
            assert dropped() is not None  # frozen: a collection does not see it
            clock[0] += 2
            screen._collect_when_idle()
            assert dropped() is None
            await pilot.press("f10")
        finally:
            gc.unfreeze()
            if was_enabled:
                gc.enable()
