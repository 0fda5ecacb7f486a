"""Step 8 pane: the ready-to-submit gate, its override, programs, signals and the fee."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Button, Input, OptionList, Static

from imgwizard.gate import eras_gate
from imgwizard.model import Program, SignalTier, new_dossier
from imgwizard.rules.findings import Severity
from imgwizard.season.fees import eras_fee
from imgwizard.tui.messages import GoToStep
from imgwizard.tui.widgets.season_fact import SeasonFactRow
from tests.builders import complete_dossier
from tests.tui_harness import TODAY, PaneHarness


class Harness(PaneHarness):
    """Records the steps the pane asks the shell to show."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__("eras", *args, **kwargs)
        self.went_to: list[str] = []

    def on_go_to_step(self, message: GoToStep) -> None:
        self.went_to.append(message.step_id)


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def press_submit(pilot, app) -> None:
    button = app.query_one("#eras-submit", Button)
    button.active_effect_duration = 0  # a second press in a test need not wait for the flash
    button.focus()
    await pilot.press("enter")
    await pilot.pause()


def gate_of(app):
    return eras_gate(app.dossier, app.season, app.findings)


def test_gate_keeps_every_other_blocker_as_can_follow():
    app = Harness()
    gate = gate_of(app)
    blockers = {f.code for f in app.findings if f.severity is Severity.BLOCKER}
    kept = {f.code for f in gate.can_follow}
    assert blockers - kept <= {"deadlines.eras_submission.passed"} | {
        c for c in blockers if c.startswith(("documents.cv.", "statements."))
    }
    assert all(f.severity is Severity.BLOCKER for f in gate.can_follow)
    assert {i.key for i in gate.missing} == {"token", "application", "statement", "programs"}


async def test_gate_refuses_to_mark_submitted_without_confirmation():
    app = Harness()
    assert any(f.severity is Severity.BLOCKER for f in app.findings)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_submit(pilot, app)
        await pilot.press("n")  # "Go back"
        await pilot.pause()
        assert "Not submitted yet" in text_of(app, "#eras-status")
    assert not app.dossier.eras.submitted
    assert not app.dossier.eras.submitted_despite_blockers
    assert app.edits == []


async def test_gate_override_with_explicit_confirmation_is_recorded():
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        await press_submit(pilot, app)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.id == "date-dialog"  # the date is asked, today offered
        await pilot.press("enter")
        await pilot.pause()
        status = text_of(app, "#eras-status")
        assert str(app.query_one("#eras-submit", Button).label) == "Mark as not submitted"
    eras = app.dossier.eras
    assert eras.submitted and eras.submitted_despite_blockers and eras.submitted_on == TODAY
    assert "something needed was not recorded" in status
    assert app.edits == ["eras"]


async def test_no_blockers_marks_submitted_at_once_and_can_be_undone(tmp_path):
    dossier = complete_dossier(tmp_path, TODAY)
    dossier.eras.submitted, dossier.eras.submitted_on = False, None
    app = Harness(dossier=dossier)
    assert gate_of(app).ready and not gate_of(app).can_follow, app.findings
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Ready to submit" in text_of(app, "#eras-gate-summary")
        await press_submit(pilot, app)
        assert app.screen.id == "date-dialog" and not dossier.eras.submitted
        await pilot.press("enter")  # today, as offered
        await pilot.pause()
        assert dossier.eras.submitted and not dossier.eras.submitted_despite_blockers
        assert app.query_one("#eras-date Input").value == TODAY.isoformat()
        await press_submit(pilot, app)
    assert not dossier.eras.submitted


async def test_mark_as_submitted_asks_for_the_date_and_typing_replaces_today(tmp_path):
    dossier = complete_dossier(tmp_path, TODAY)
    dossier.eras.submitted, dossier.eras.submitted_on = False, None
    app = Harness(dossier=dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_submit(pilot, app)
        box = app.screen.query_one("#date-value", Input)
        assert box.value == TODAY.isoformat() and box.selected_text == TODAY.isoformat()
        await pilot.press(*"2026-09-30", "enter")
        await pilot.pause()
    assert dossier.eras.submitted and dossier.eras.submitted_on == dt.date(2026, 9, 30)


async def test_gate_lists_needs_and_what_can_follow_and_enter_jumps_there():
    app = Harness()
    gate = gate_of(app)
    assert len(gate.can_follow) > 3
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one("#eras-gate", OptionList)
        shown = [str(o.prompt) for o in listing.options]
        headers = [s for s, o in zip(shown, listing.options, strict=True) if o.disabled]
        for item in gate.needed:
            assert any(item.label in s and item.fix in s for s in shown), item.key
        for finding in gate.can_follow:
            assert any(finding.message in s and finding.fix in s for s in shown), finding.code
        assert headers[0] == "Needed to submit" and "Can follow after submission" in headers
        listing.focus()
        await pilot.press("enter")
        await pilot.pause()
    first_step = listing.options[listing.highlighted].id.split(":")[0]
    assert app.went_to == [first_step]


SILVER, NONE = SignalTier.SILVER, SignalTier.NONE


async def test_programs_signals_and_fee_estimate():
    dossier = new_dossier(dt.date(2026, 11, 24))
    dossier.programs = [
        Program(
            id=f"im{i}",
            name=f"IM {i}",
            specialty="IM",
            applied=True,
            signal=SILVER if i < 3 else NONE,
        )
        for i in range(32)
    ] + [Program(id=f"fm{i}", name=f"FM {i}", specialty="FM", applied=i < 2) for i in range(5)]
    app = Harness(dossier=dossier)
    expected = eras_fee({"IM": 32, "FM": 2}, app.season)
    async with app.run_test(size=(80, 24)):
        programs = text_of(app, "#eras-programs")
        fee = text_of(app, "#eras-fee")
        rows = {r.key: r.value_text for r in app.query(SeasonFactRow)}
    assert "34 of 37 programs applied to" in programs
    assert "IM: 32" in programs and "FM: 2" in programs
    assert "Signals used: 3 (IM: 3)" in programs
    assert f"${expected:,}" in fee
    fact = app.season.get("eras.fee_tier1_per_program")
    if not fact.is_official:
        assert "≈" in fee
    assert set(rows) >= {"eras.season_opens", "eras.earliest_submission", "eras.mspe_release"}
