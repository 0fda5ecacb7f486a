"""Step 7 pane: registration fields, R3 deadlines with days left, fees with their confidence."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Checkbox, Input

from imgwizard.tui.widgets.season_fact import SeasonFactRow
from tests.tui_harness import PaneHarness


def rows(app) -> dict[str, SeasonFactRow]:
    return {r.key: r for r in app.query(SeasonFactRow)}


async def test_registration_typed_with_keys_lands_in_dossier():
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#nrmp-registered Checkbox", Checkbox).focus()
        await pilot.press("space", "tab", *"2026-10-02", "enter", *"N1234567", "enter")
        await pilot.press("space", "tab", "space")
        await pilot.pause()
        assert app.focused is app.query_one("#nrmp-mpa Checkbox")
    nrmp = app.dossier.nrmp
    assert nrmp.registered and nrmp.fee_paid and nrmp.mpa_signed
    assert nrmp.registered_on == dt.date(2026, 10, 2)
    assert nrmp.nrmp_id == "N1234567"


async def test_bad_nrmp_id_is_refused_at_the_field():
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#nrmp-id Input", Input).focus()
        await pilot.press(*"12ab")
        await pilot.pause()
        assert app.query_one("#nrmp-id").error_text
    assert app.dossier.nrmp.nrmp_id == ""


async def test_deadlines_and_fees_show_estimates_as_estimates():
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)):
        shown = {key: row.value_text for key, row in rows(app).items()}
    for key in ("nrmp.registration_deadline", "nrmp.rol_deadline", "nrmp.match_day"):
        assert key in shown
        fact = app.season.get(key)
        if not fact.is_official:
            assert "estimate" in shown[key] or "secondary" in shown[key]
    assert "≈ Fri 19 Mar 2027 · estimate" in shown["nrmp.match_day"]
    assert "in 115 days" in shown["nrmp.match_day"]
    assert "nrmp.registration_fee" in shown and "$" in shown["nrmp.registration_fee"]


async def test_official_2026_value_is_plain():
    from imgwizard.model import new_dossier

    dossier = new_dossier(dt.date(2025, 11, 1))
    assert dossier.match_year(dt.date(2025, 11, 1)) == 2026
    app = PaneHarness("nrmp", dossier=dossier, today=dt.date(2025, 11, 1))
    async with app.run_test(size=(80, 24)):
        text = rows(app)["nrmp.match_day"].value_text
    assert "Fri 20 Mar 2026" in text and "≈" not in text and "estimate" not in text


async def test_correcting_a_deadline_from_the_keyboard():
    app = PaneHarness("nrmp")
    async with app.run_test(size=(80, 24)) as pilot:
        rows(app)["nrmp.registration_deadline"].query_one(".fact-body").focus()
        await pilot.press("c", "ctrl+u", *"2027-01-28", "enter")
        await pilot.pause()
        text = rows(app)["nrmp.registration_deadline"].value_text
    assert [(c.key, c.value) for c in app.dossier.season_corrections] == [
        ("nrmp.registration_deadline", dt.date(2027, 1, 28))
    ]
    assert "Thu 28 Jan 2027 · yours" in text and "in 65 days" in text
