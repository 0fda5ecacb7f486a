"""SeasonFactRow: a season fact with its confidence, corrected and reset from the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from imgwizard.tui.widgets.season_fact import SeasonFactRow, days_left_text
from tests.conftest import make_wizard
from tests.tui_harness import PaneHarness

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (dt.date(2026, 11, 24), "today"),
        (dt.date(2026, 11, 25), "tomorrow"),
        (dt.date(2026, 12, 4), "in 10 days"),
        (dt.date(2026, 11, 23), "passed yesterday"),
        (dt.date(2026, 11, 14), "passed 10 days ago"),
    ],
)
def test_days_left_text(when, expected):
    assert days_left_text(when, TODAY) == expected


def row(app, key: str) -> SeasonFactRow:
    return next(r for r in app.query(SeasonFactRow) if r.key == key)


async def open_editor(pilot, app, key: str) -> Input:
    row(app, key).query_one(".fact-body").focus()
    await pilot.press("c")
    await pilot.pause()
    editor = row(app, key).editor
    assert editor is not None and editor.has_focus
    return editor


async def test_estimate_is_shown_as_estimate_with_days_left():
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)):
        text = row(app, "nrmp.match_day").value_text
    assert "≈" in text and "estimate" in text and "check NRMP R3" in text
    assert "Fri 19 Mar 2027" in text and "in 115 days" in text


async def test_correction_typed_is_saved_and_shown_as_yours():
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app, "nrmp.match_day")
        assert editor.value == "2027-03-19"  # prefilled with the current value
        await pilot.press("ctrl+u", *"2027-03-18", "enter")
        await pilot.pause()
        text = row(app, "nrmp.match_day").value_text
        assert row(app, "nrmp.match_day").editor is None
    [corr] = app.dossier.season_corrections
    assert (corr.key, corr.value, corr.entered_on) == (
        "nrmp.match_day",
        dt.date(2027, 3, 18),
        TODAY,
    )
    assert "Thu 18 Mar 2027 · yours" in text and "≈" not in text
    assert app.edits == ["nrmp"]


@pytest.mark.parametrize(
    ("key", "typed"),
    [
        ("nrmp.match_day", "19/03/2027"),  # not ISO
        ("nrmp.match_day", "2031-03-19"),  # outside the season
        ("nrmp.registration_fee", "-5"),  # a negative fee
    ],
)
async def test_refused_value_shows_message_and_leaves_dossier(key, typed):
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot, app, key)
        await pilot.press("ctrl+u", *typed, "enter")
        await pilot.pause()
        the_row = row(app, key)
        assert the_row.error_text  # a message at the row
        assert the_row.editor is not None  # the typed text stays to be fixed
        assert the_row.editor.value == typed
    assert app.dossier.season_corrections == []
    assert app.edits == []


async def test_reset_returns_to_package_value():
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot, app, "nrmp.rol_deadline")
        await pilot.press("ctrl+u", *"2027-03-01", "enter")
        await pilot.pause()
        assert len(app.dossier.season_corrections) == 1
        assert "yours" in row(app, "nrmp.rol_deadline").value_text
        await pilot.press("r")
        await pilot.pause()
        text = row(app, "nrmp.rol_deadline").value_text
    assert app.dossier.season_corrections == []
    assert "estimate" in text and "yours" not in text


@pytest.mark.parametrize("keys", [("escape",), ("ctrl+u", "enter")])
async def test_editor_closes_without_change(keys):
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot, app, "nrmp.match_day")
        await pilot.press(*keys)
        await pilot.pause()
        assert row(app, "nrmp.match_day").editor is None
        assert app.focused is row(app, "nrmp.match_day").query_one(".fact-body")
    assert app.dossier.season_corrections == []


async def test_read_only_refuses_corrections():
    app = PaneHarness("nrmp", read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        row(app, "nrmp.match_day").query_one(".fact-body").focus()
        await pilot.press("c")
        await pilot.pause()
        assert row(app, "nrmp.match_day").editor is None
        assert "read-only" in row(app, "nrmp.match_day").error_text
    assert app.dossier.season_corrections == []


async def test_correction_in_the_real_wizard_is_saved_in_the_file(data_file):
    from imgwizard import store

    app = make_wizard(data_file, preload=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("7")  # step 7, NRMP
        the_row = app.screen.query_one("#fact-nrmp-rol-deadline", SeasonFactRow)
        assert "≈ Wed 03 Mar 2027 · estimate" in the_row.value_text
        the_row.query_one(".fact-body").focus()
        await pilot.press("c", "ctrl+u", *"2027-03-04", "enter")
        await pilot.pause()
        assert "Thu 04 Mar 2027 · yours" in the_row.value_text
        # The rules use the user's date at once (deadline findings carry it).
        await pilot.press("f10")
    saved = store.load(data_file)
    assert [(c.key, c.value, c.entered_on) for c in saved.season_corrections] == [
        ("nrmp.rol_deadline", dt.date(2027, 3, 4), TODAY)
    ]


async def test_focus_shows_where_an_estimate_comes_from_and_the_keys():
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)) as pilot:
        detail = row(app, "nrmp.match_day").query_one(".fact-detail")
        assert not detail.display
        row(app, "nrmp.match_day").query_one(".fact-body").focus()
        await pilot.pause()
        assert detail.display
        text = str(detail.render())
        assert "Estimated:" in text and "Friday" in text and "c correct" in text
        await pilot.press("tab")
        await pilot.pause()
        assert not detail.display
