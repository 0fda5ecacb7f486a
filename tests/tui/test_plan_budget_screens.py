"""Pilot: the Plan (F7) and Budget (F8) screens at 80x24, the jump from an action to its step
and field, the plan first when something is urgent, and the budget's own numbers saved."""

from __future__ import annotations

import datetime as dt

import pytest

from imgwizard import store
from imgwizard.demo import demo_dossier
from imgwizard.settings import Settings
from imgwizard.tui.app import WizardApp
from imgwizard.tui.screens.budget import BudgetScreen
from imgwizard.tui.screens.plan import PlanScreen
from tests.wizard_app import saved_toml

TODAY = dt.date(2026, 11, 30)


def app_for(path, dossier=None, **kwargs) -> WizardApp:
    store.save(path, dossier or demo_dossier())
    return WizardApp(path, today=TODAY, settings=Settings(), preload=False, **kwargs)


async def press_for(pilot, key: str, screen_type):
    """Press `key` on the wizard and return the screen it opened (of `screen_type`)."""
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, screen_type)
    return screen


@pytest.mark.parametrize(("key", "step_id"), [("q", "documents"), ("3", "eligibility")])
async def test_plan_opens_first_when_something_is_overdue(tmp_path, key, step_id):
    """q closes it; a wizard key closes it and does its job there (here: go to step 3)."""
    app = app_for(tmp_path / "d.toml", plan_on_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "overdue" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, PlanScreen) and app.current_step == step_id
        await press_for(pilot, "f7", PlanScreen)
        await pilot.press("f8")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, BudgetScreen)


async def test_quitting_while_the_plan_is_being_mounted_is_clean(tmp_path):
    """F10 as the wizard appears, while the plan that opens by itself is being mounted: exit
    0, no NoMatches from a screen torn down under its on_mount (seen in a terminal)."""
    app = app_for(tmp_path / "d.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.show_plan()  # its mount goes on in the background ...
        await app.action_quit()  # ... when the quit key arrives
    assert app.return_code == 0


async def test_the_plan_stays_closed_when_the_settings_say_so(tmp_path):
    path = tmp_path / "d.toml"
    store.save(path, demo_dossier())
    settings = Settings(plan_on_start=False)
    app = WizardApp(path, today=TODAY, settings=settings, preload=False, plan_on_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.current_plan().urgent  # something is overdue: it would have opened
        assert app.screen is app.wizard


async def test_a_large_dossier_opens_the_plan_when_its_first_findings_arrive(tmp_path):
    """From OFF_THREAD_FROM programs the rules run in a worker: the first screen is drawn
    without findings (no check on the UI thread before it), and the plan opens once they are
    in, built on them."""
    app = app_for(tmp_path / "d.toml", plan_on_start=True)
    app.checker.off_thread_from = 0  # as a dossier of OFF_THREAD_FROM programs or more
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            # Pushed and composed: pushed in the callback that applies the first findings, it
            # could be caught by this loop before its widgets were mounted.
            if isinstance(app.screen, PlanScreen) and app.screen.query(".dialog-title"):
                break
        assert isinstance(app.screen, PlanScreen)
        assert not app.checker.pending  # the findings it was built on are the current ones
        assert "overdue" in str(app.screen.query_one(".dialog-title").render())


async def test_the_plan_does_not_open_over_a_dialog_opened_before_the_findings(tmp_path):
    app = app_for(tmp_path / "d.toml", plan_on_start=True)
    app.checker.off_thread_from = 0
    app.checker.start = lambda: None  # the first check is still out when F1 is pressed
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert not isinstance(help_screen, PlanScreen) and app.wizard is not help_screen
        del app.checker.start
        app._start_check()
        for _ in range(20):
            await pilot.pause(0.05)
            if not app.checker.pending:
                break
        await pilot.pause()
        assert not app.checker.pending
        assert app.screen is help_screen  # the plan did not cover the help


async def test_f7_plan_enter_jumps_to_the_actions_field(tmp_path):
    d = demo_dossier()
    d.letters = d.letters[:1]  # no letter reminder: the first action is the ERAS submission
    app = app_for(tmp_path / "d.toml", d)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await press_for(pilot, "f7", PlanScreen)
        plan_list = screen.query_one("#plan-list")
        first = plan_list.get_option_at_index(plan_list.highlighted)
        assert first.id == "deadline.eras_submission"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_step == "eras"
        field = app.wizard.query_one("#eras-submit")
        assert app.focused is field


async def test_plan_jump_to_rank_list_certification(tmp_path):
    app = app_for(tmp_path / "d.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await press_for(pilot, "f7", PlanScreen)
        plan_list = screen.query_one("#plan-list")
        index = next(
            i
            for i in range(plan_list.option_count)
            if plan_list.get_option_at_index(i).id == "deadline.rol_certification"
        )
        plan_list.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_step == "rank_list"
        target = app.wizard.query_one("#rank-certified")
        assert app.focused is not None and target in (app.focused, *app.focused.ancestors)


def lines_text(screen) -> str:
    options = screen.query_one("#budget-lines")
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


async def test_budget_enter_marks_a_line_paid_and_saves_it(tmp_path):
    path = tmp_path / "d.toml"
    d = demo_dossier()
    d.eras.token_obtained = False
    app = app_for(path, d)
    async with app.run_test(size=(80, 24)) as pilot:
        options = (await press_for(pilot, "f8", BudgetScreen)).query_one("#budget-lines")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("ecfmg.token")
        assert "○ to pay ECFMG ERAS token" in lines_text(app.screen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert "✓ paid   ECFMG ERAS token" in lines_text(app.screen)
        options.highlighted = ids.index("eras.applications")  # paid by your answers
        await pilot.press("enter")
        await pilot.pause()
        assert app.dossier.budget.paid == ["ecfmg.token"]
        await pilot.press("f8", "f10")
    assert saved_toml(path)["budget"]["paid"] == ["ecfmg.token"]


async def test_f8_budget_shows_lines_and_saves_own_interview_cost(tmp_path):
    path = tmp_path / "d.toml"
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await press_for(pilot, "f8", BudgetScreen)
        assert "ERAS application fees: ≈ $44 · estimate" in lines_text(screen)
        assert "Budget for Match 2027" in str(screen.query_one("#budget-title").render())
        field = screen.query_one("#budget-virtual Input")
        field.focus()
        await pilot.press("1", "2", "0", "tab")
        await pilot.pause()
        await pilot.pause()
        assert "Virtual interview set-up: $120 · yours" in lines_text(screen)
        await pilot.press("f8")
        await pilot.pause()
        assert not isinstance(app.screen, BudgetScreen)
        await pilot.press("f10")
    assert saved_toml(path)["budget"]["virtual_setup_cost"] == 120


async def test_action_whose_field_is_in_a_closed_form_opens_the_step(tmp_path):
    app = app_for(tmp_path / "d.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.open_field("letters", "l-rec")
        await pilot.pause()
        await pilot.pause()
        assert app.current_step == "letters"
        pane = await app.wizard.pane("letters")
        assert app.focused is not None and pane in app.focused.ancestors


async def test_every_field_an_action_or_cost_names_exists_in_its_step(tmp_path):
    from imgwizard.budget import build_budget
    from imgwizard.model import Interview, Outcome, Visa
    from imgwizard.plan import build_plan

    d = demo_dossier()
    d.profile.visa = Visa.H1B
    d.exams.step2ck.outcome = Outcome.SCHEDULED
    d.exams.step2ck.taken_on = TODAY + dt.timedelta(days=9)
    d.ecfmg.pathway_expires_on = TODAY + dt.timedelta(days=90)
    d.interviews.append(Interview(program_name="Extra", date=TODAY + dt.timedelta(days=20)))
    app = app_for(tmp_path / "d.toml", d)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        targets = {(a.step, a.field) for a in build_plan(d, app.season, TODAY).actions}
        targets |= {(x.step, x.field) for x in build_budget(d, app.season, TODAY).lines}
        targets = {t for t in targets if t[1]}
        assert len(targets) > 10
        for step_id, field_id in sorted(targets):
            pane = await app.wizard.pane(step_id)
            await pilot.pause()
            assert pane.query(f"#{field_id}"), (step_id, field_id)
