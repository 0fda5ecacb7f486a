"""Step 1 pane: target specialties, backup plan and the applicant's profile, by keyboard."""

from __future__ import annotations

from textual.widgets import Button, Input, Select, TextArea

from imgwizard.model import PersonalStatement, Specialty, SpecialtyRole, new_dossier
from tests.tui_harness import TODAY, PaneHarness
from tests.wizard_app import focus


def field_error(app, field_id: str) -> str:
    return app.query_one(f"#{field_id}").error_text


async def test_add_name_and_role_of_specialties_with_keys():
    app = PaneHarness("specialty")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#add-specialty")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Internal Medicine")
        await focus(pilot, "#add-specialty")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Family Medicine", "tab", "enter", "down", "enter")
        await pilot.pause()
        specs = app.dossier.specialties
        assert [s.name for s in specs] == ["Internal Medicine", "Family Medicine"]
        assert specs[0].role is SpecialtyRole.PRIMARY
        # the second starts as a backup; one down in the menu chooses "Preliminary year"
        assert specs[1].role is SpecialtyRole.PRELIMINARY
        assert "specialty" in app.edits


async def test_remove_a_specialty_with_its_button():
    dossier = new_dossier(TODAY)
    dossier.specialties = [Specialty(name="Pediatrics"), Specialty(name="Neurology")]
    app = PaneHarness("specialty", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, ".remove-specialty")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")  # the question defaults to keeping it
        await pilot.pause()
        assert len(app.dossier.specialties) == 2
        await pilot.press("enter", "y")
        await pilot.pause()
        assert [s.name for s in app.dossier.specialties] == ["Neurology"]
        assert isinstance(app.focused, Input)  # focus moves to the next row, not lost


async def test_backup_plan_is_typed_into_the_dossier():
    app = PaneHarness("specialty")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#backup-plan TextArea")
        await pilot.press(*"Prelim [medicine]")
        await pilot.pause()
        assert app.dossier.backup_plan == "Prelim [medicine]"


async def test_bad_email_is_refused_at_the_field_and_the_dossier_keeps_the_last_good_value():
    app = PaneHarness("specialty")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#email Input")
        await pilot.press(*"ana@example.org")
        assert app.dossier.profile.email == "ana@example.org"
        await pilot.press(*["backspace"] * len("example.org"))
        await pilot.pause()
        assert "name@example.org" in field_error(app, "email")
        assert app.dossier.profile.email == "ana@e"  # the last shape that was valid


async def test_target_match_year_edits_the_profile_and_tells_the_shell():
    app = PaneHarness("specialty")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#match-year Input")
        await pilot.press("end", *["backspace"] * 4, *"2026")
        await pilot.pause()
        assert app.dossier.profile.target_match_year == 2026
        assert app.edits  # the shell was told (it reloads the season)
        season_line = str(app.query_one("#season-line").render())
        assert "Match 2026" in season_line
        await pilot.press("x")
        await pilot.pause()
        assert "not a whole number" in field_error(app, "match-year")
        assert app.dossier.profile.target_match_year == 2026
        # a year without package data: the season is estimated, and the step says so
        await pilot.press(*["backspace"] * 5, *"2030")
        await pilot.pause()
        assert app.dossier.profile.target_match_year == 2030
        assert "no package data for Match 2030" in str(app.query_one("#season-line").render())


async def test_usmle_id_in_the_wrong_shape_is_refused():
    app = PaneHarness("specialty")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#usmle-id Input")
        await pilot.press(*"12ab")
        await pilot.pause()
        assert field_error(app, "usmle-id")
        assert app.dossier.profile.usmle_id == ""


async def test_renaming_a_specialty_carries_its_statement_over():
    dossier = new_dossier(TODAY)
    dossier.specialties = [Specialty(name="Surgery")]
    dossier.personal_statements = [PersonalStatement(specialty="Surgery", text="Why surgery")]
    app = PaneHarness("specialty", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, ".specialty-name Input")
        await pilot.press("end", *" (General)", "tab")
        await pilot.pause()
        assert app.dossier.specialties[0].name == "Surgery (General)"
        assert app.dossier.personal_statements[0].specialty == "Surgery (General)"


async def test_read_only_disables_every_control():
    dossier = new_dossier(TODAY)
    dossier.specialties = [Specialty(name="Pediatrics")]
    app = PaneHarness("specialty", dossier, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for widget in app.query("Input, Select, Button"):
            assert widget.disabled, widget
        assert app.query_one(TextArea).read_only
        app.query_one("#add-specialty", Button).press()
        await pilot.pause()
        assert len(app.dossier.specialties) == 1
        assert app.query_one(Select).disabled


async def test_through_the_wizard_the_answers_reach_the_saved_file(data_file):
    from tests.wizard_app import add_specialty, open_step, saved_toml, wizard

    app = wizard(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "specialty")
        await add_specialty(pilot, "Psychiatry")
        await focus(pilot, "#full-name Input")
        await pilot.press(*"Ana [Lima]")
        await pilot.pause()
    saved = saved_toml(data_file)
    assert saved["specialties"] == [{"name": "Psychiatry", "role": "primary"}]
    assert saved["profile"]["full_name"] == "Ana [Lima]"


async def test_reload_shows_the_new_dossier():
    app = PaneHarness("specialty")
    async with app.run_test(size=(80, 24)) as pilot:
        replaced = new_dossier(TODAY)
        replaced.specialties = [Specialty(name="Radiology")]
        replaced.profile.full_name = "Noor"
        app.dossier = replaced
        app.pane.reload()
        await pilot.pause()
        assert app.query_one(".specialty-name Input").value == "Radiology"
        assert app.query_one("#full-name Input").value == "Noor"
        assert not app.query_one("#no-specialty").display
