"""Step 3 pane: exams, clinical skills (Pathway + OET), school, visa and certification."""

from __future__ import annotations

import datetime as dt

from imgwizard.model import Outcome, PathwayStatus, Visa, new_dossier
from tests.tui_harness import TODAY, PaneHarness
from tests.wizard_app import focus


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector).render())


async def type_into(pilot, field_id: str, text: str) -> None:
    """Put `text` in the field's box, as a paste would (one change, not one per key)."""
    box = pilot.app.query_one(f"#{field_id} Input")
    box.focus()
    box.value = text
    await pilot.pause()


async def test_step2ck_by_keyboard_from_the_top():
    app = PaneHarness("eligibility")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#step2ck-outcome Select")
        await pilot.press("enter", "down", "down", "down", "enter")  # Not taken -> Passed
        await pilot.press("tab", *"2026-05-04", "enter", *"251", "enter", *"1")
        await pilot.pause()
        ck = app.dossier.exams.step2ck
        assert (ck.outcome, ck.taken_on, ck.score, ck.attempts) == (
            Outcome.PASSED,
            dt.date(2026, 5, 4),
            251,
            1,
        )


async def test_step1_score_after_pass_fail_is_refused_with_the_reason():
    app = PaneHarness("eligibility")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, "step1-date", "2023-03-01")
        await type_into(pilot, "step1-score", "230")
        error = app.query_one("#step1-score").error_text
        assert "pass/fail" in error
        assert app.dossier.exams.step1.score is None
        # before 26 Jan 2022 a score was reported, and is kept
        await type_into(pilot, "step1-date", "2021-06-01")
        await type_into(pilot, "step1-score", "231")
        assert app.dossier.exams.step1.score == 231
        assert app.query_one("#step1-score").error_text == ""


BAD_VALUES = [
    ("step2ck-score", "301", "300 or less"),
    ("step2ck-attempts", "two", "not a whole number"),
    ("oet-listening", "600", "500 or less"),
    ("graduation-date", "2020-13-01", "YYYY-MM-DD"),
    ("usce-months", "-1", "0 or more"),
    ("certified-on", "yesterday", "YYYY-MM-DD"),
]


async def test_bad_values_are_refused_at_the_field():
    # one app for the whole table: mounting this long form is the slow part
    app = PaneHarness("eligibility")
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.dossier.model_dump()
        for field_id, typed, message in BAD_VALUES:
            await type_into(pilot, field_id, typed)
            assert message in app.query_one(f"#{field_id}").error_text, field_id
            assert app.dossier.model_dump() == before, field_id


async def test_oet_minimums_from_the_season_and_a_shortfall_in_words():
    app = PaneHarness("eligibility")
    async with app.run_test(size=(80, 24)) as pilot:
        minimum = app.season.get("oet.min_writing")
        help_line = text_of(app, "#oet-writing .field-help")
        assert help_line == f"Minimum: {minimum.display()}"
        await type_into(pilot, "oet-date", "2026-02-10")
        for name, score in (("listening", 400), ("reading", 400), ("speaking", 400)):
            await type_into(pilot, f"oet-{name}", str(score))
        await type_into(pilot, "oet-writing", str(minimum.value - 10))
        line = text_of(app, "#oet-result")
        assert f"writing {minimum.value - 10} (needs {minimum.value})" in line
        app.query_one("#oet-writing Input").value = str(minimum.value)
        await pilot.pause()
        assert text_of(app, "#oet-result") == "OET: all four sub-scores reach the minimums."


async def test_step2cs_is_only_a_past_pass_never_an_exam_to_take():
    app = PaneHarness("eligibility")
    async with app.run_test(size=(80, 24)) as pilot:
        note = text_of(app, "#step2cs-note")
        assert "past exam" in note and "cannot be taken" in note
        assert "Step 2 CS" not in " ".join(str(w.render()) for w in app.query(".section-title"))
        app.query_one("#step2cs-legacy Checkbox").focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.dossier.exams.step2cs_legacy_pass is True


async def test_pathway_world_directory_visa_and_note_years():
    app = PaneHarness("eligibility")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#pathway Select").focus()
        await pilot.press("enter", "down", "down", "enter")
        app.query_one("#pathway-status Select").focus()
        await pilot.press("enter", "down", "down", "enter")
        app.query_one("#wdoms-listed Select").focus()
        await pilot.press("enter", "down", "enter")
        app.query_one("#visa Select").focus()
        await pilot.press("enter", "up", "up", "enter")  # from "Not decided yet" up to H-1B
        await pilot.pause()
        d = app.dossier
        assert d.ecfmg.pathway == 2
        assert d.ecfmg.pathway_status is PathwayStatus.ACCEPTED
        assert d.education.world_directory_listed is True
        assert d.profile.visa is Visa.H1B
        await type_into(pilot, "note-from", "2010")
        await type_into(pilot, "note-to", "2005")
        assert "backwards" in app.query_one("#note-to").error_text
        assert d.education.ecfmg_note_to_year is None


async def test_read_only_disables_the_form():
    app = PaneHarness("eligibility", new_dossier(TODAY), read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert all(w.disabled for w in app.query("Input, Select, Checkbox"))


async def test_through_the_wizard_exam_answers_reach_the_saved_file(data_file):
    from tests.wizard_app import open_step, saved_toml, wizard

    app = wizard(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "eligibility")
        app.screen.query_one("#step2ck-score Input").focus()
        await pilot.press(*"247", "enter", *"2")
        app.screen.query_one("#step2cs-legacy Checkbox").focus()
        await pilot.press("space")
        await pilot.pause()
    saved = saved_toml(data_file)
    assert saved["exams"]["step2ck"]["score"] == 247
    assert saved["exams"]["step2ck"]["attempts"] == 2
    assert saved["exams"]["step2cs_legacy_pass"] is True


async def test_reload_shows_the_new_dossier():
    app = PaneHarness("eligibility")
    async with app.run_test(size=(80, 24)) as pilot:
        replaced = new_dossier(TODAY)
        replaced.exams.step2ck.score = 238
        replaced.profile.visa = Visa.J1
        app.dossier = replaced
        app.pane.reload()
        await pilot.pause()
        assert app.query_one("#step2ck-score Input").value == "238"
        assert app.query_one("#visa Select").value is Visa.J1
