"""Step 11 pane: Match Day countdown, result, SOAP and next steps per outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Select, Static

from imgwizard.model import MatchOutcome, Program, new_dossier
from imgwizard.tui.widgets.season_fact import SeasonFactRow
from tests.tui_harness import PaneHarness


def dossier_with_programs():
    dossier = new_dossier(dt.date(2026, 11, 24))
    dossier.programs = [
        Program(id="p-a", name="[bold]Alpha[/] IM", specialty="Internal Medicine"),
        Program(id="p-b", name="Beta FM", specialty="Family Medicine"),
    ]
    return dossier


def next_steps(app) -> str:
    return str(app.query_one("#match-next-steps", Static).render())


async def choose(pilot, app, selector: str, downs: int) -> None:
    app.query_one(f"{selector} Select", Select).focus()
    await pilot.press("enter", *["down"] * downs, "enter")
    await pilot.pause()


async def test_countdown_and_estimate_shown():
    app = PaneHarness("match_day")
    async with app.run_test(size=(80, 24)):
        countdown = str(app.query_one("#match-countdown", Static).render())
        row = next(r for r in app.query(SeasonFactRow) if r.key == "nrmp.match_day")
        text = row.value_text
    assert "Match Day in 115 days" in countdown and "not confirmed" in countdown
    assert "≈" in text and "estimate" in text


async def test_matched_result_and_program_chosen_with_keys():
    app = PaneHarness("match_day", dossier=dossier_with_programs())
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Monday of Match Week" in next_steps(app)
        await choose(pilot, app, "#match-outcome", 1)
        await choose(pilot, app, "#match-program", 1)
        steps = next_steps(app)
    assert app.dossier.match.outcome is MatchOutcome.MATCHED
    assert app.dossier.match.matched_program_id == "p-a"
    assert "contract" in steps and "J-1" in steps and "ECFMG" in steps


@pytest.mark.parametrize(
    ("downs", "outcome", "words"),
    [
        (3, MatchOutcome.UNMATCHED, ("SOAP", "List of Unfilled Programs")),
        (2, MatchOutcome.PARTIALLY_MATCHED, ("SOAP", "missing position")),
        (4, MatchOutcome.WITHDRAWN, ("next season",)),
    ],
)
async def test_next_steps_follow_outcome(downs, outcome, words):
    app = PaneHarness("match_day")
    async with app.run_test(size=(80, 24)) as pilot:
        await choose(pilot, app, "#match-outcome", downs)
        steps = next_steps(app)
    assert app.dossier.match.outcome is outcome
    for word in words:
        assert word in steps


async def test_soap_checkbox_and_program_list_follows_programs_step():
    dossier = dossier_with_programs()
    app = PaneHarness("match_day", dossier=dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#match-soap Checkbox").focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.dossier.match.soap_participating
        # A program added in step 2 shows up here after the next rules run.
        app.dossier.programs.append(Program(id="p-c", name="Gamma Peds"))
        app.pane.findings_changed()
        await pilot.pause()
        await choose(pilot, app, "#match-program", 3)
    assert app.dossier.match.matched_program_id == "p-c"


async def test_match_day_correction_saved_and_shown_as_yours():
    app = PaneHarness("match_day")
    async with app.run_test(size=(80, 24)) as pilot:
        row = next(r for r in app.query(SeasonFactRow) if r.key == "nrmp.match_day")
        row.query_one(".fact-body").focus()
        await pilot.press("c", "ctrl+u", *"2027-03-19", "enter")
        await pilot.pause()
        text = row.value_text
        countdown = str(app.query_one("#match-countdown", Static).render())
    assert [c.key for c in app.dossier.season_corrections] == ["nrmp.match_day"]
    assert "Fri 19 Mar 2027 · yours" in text
    assert "(your date)" in countdown and "not confirmed" not in countdown


def soap_dossier(year: int, listed: int):
    from imgwizard.model import SoapProgram

    dossier = new_dossier(dt.date(2026, 11, 24))
    dossier.profile.target_match_year = year
    dossier.soap.programs = [SoapProgram(name=f"S{i}") for i in range(listed)]
    return dossier


async def add_soap(pilot, app, name: str) -> None:
    field = app.query_one("#soap-new")
    field.focus()
    await pilot.press(*name, "enter")
    await pilot.pause()


async def test_soap_plan_adds_removes_and_ticks_documents():
    app = PaneHarness("match_day", dossier=soap_dossier(2027, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await add_soap(pilot, app, "[red]Gamma[/] IM")
        await add_soap(pilot, app, "Delta FM")
        count = str(app.query_one("#soap-count", Static).render())
        timeline = str(app.query_one("#soap-timeline", Static).render())
        app.query_one("#soap-table").focus()
        await pilot.press("up", "x")  # removes the first
        await pilot.pause()
        app.query_one("#soap-doc-cv").focus()
        await pilot.press("space")
        await pilot.pause()
    assert [p.name for p in app.dossier.soap.programs] == ["Delta FM"]
    assert app.dossier.soap.documents_refreshed == ["cv"]
    assert "2 programs in your SOAP plan" in count and "≈ 45 · estimate" in count
    assert "Match Day: where you matched" in timeline and "Fri 19 Mar 2027" in timeline
    assert app.edits == ["match_day"] * 4


@pytest.mark.parametrize(
    ("year", "kept", "word"),
    [(2026, 45, "full"), (2027, 46, "not confirmed")],
)
async def test_soap_list_cap(year, kept, word):
    app = PaneHarness("match_day", dossier=soap_dossier(year, 45))
    async with app.run_test(size=(80, 24)) as pilot:
        await add_soap(pilot, app, "One more")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        field = app.query_one("#soap-new")
        left = field.value
    assert len(app.dossier.soap.programs) == kept
    assert any(word in n for n in notes)
    # Refused: the typed name stays in the box; added: the box is cleared.
    assert left == ("One more" if kept == 45 else "")
