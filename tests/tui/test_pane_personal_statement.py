"""Step 5 pane: one statement per target specialty, live character count against the limit."""

from __future__ import annotations

from imgwizard.model import PersonalStatement, Specialty, new_dossier
from imgwizard.tui.panes.personal_statement import StatementEditor, count_text
from tests.tui_harness import TODAY, PaneHarness
from tests.wizard_app import focus


def limit(app) -> int:
    return app.season.value("eras.personal_statement_max_chars")


def test_count_text_says_over_in_words():
    assert count_text(28_412, 28_000) == (
        "Over the limit: 28,412 / 28,000 characters — 412 over. "
        "Shorten it by 412 characters before you submit.",
        True,
    )
    assert count_text(10, 28_000) == ("10 / 28,000 characters — 27,990 left.", False)
    assert count_text(10, None)[0].startswith("10 characters")


def dossier_with(*names: str):
    dossier = new_dossier(TODAY)
    dossier.specialties = [Specialty(name=n) for n in names]
    return dossier


async def test_one_editor_per_specialty_and_nothing_saved_by_looking():
    app = PaneHarness("personal_statement", dossier_with("Pediatrics", "Family Medicine"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editors = list(app.query(StatementEditor))
        assert [e.specialty for e in editors] == ["Pediatrics", "Family Medicine"]
        assert app.dossier.personal_statements == []
        assert app.edits == []


async def test_typing_counts_live_and_creates_the_statement():
    app = PaneHarness("personal_statement", dossier_with("Pediatrics"))
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, ".ps-text TextArea")
        await pilot.press(*"I [love] kids")
        await pilot.pause()
        [ps] = app.dossier.personal_statements
        assert ps.specialty == "Pediatrics" and ps.text == "I [love] kids"
        editor = app.query_one(StatementEditor)
        assert editor.count_line.startswith(
            f"13 / {limit(app):,} characters — {limit(app) - 13:,} left."
        )
        fact = app.season.get("eras.personal_statement_max_chars")
        if not fact.is_official:  # an estimate says so next to the count
            assert fact.display() in editor.count_line
        await pilot.press("backspace")
        await pilot.pause()
        assert editor.count_line.startswith("12 / ")
        assert len(list(app.query(StatementEditor))) == 1  # the editor was not rebuilt


async def test_over_the_limit_is_said_in_words():
    dossier = dossier_with("Neurology")
    app = PaneHarness("personal_statement", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        n = limit(app)
        dossier.personal_statements.append(
            PersonalStatement(specialty="Neurology", text="x" * (n - 1))
        )
        app.query_one("#pane-personal_statement").reload()
        await pilot.pause()
        await focus(pilot, ".ps-text TextArea")
        await pilot.press("end", "y", "y")
        await pilot.pause()
        editor = app.query_one(StatementEditor)
        assert len(app.dossier.personal_statements[0].text) == n + 1
        assert editor.count_line.startswith(
            f"Over the limit: {n + 1:,} / {n:,} characters — 1 over"
        )
        assert editor.query_one(".ps-count").has_class("-over")
        assert any(f.code == "statements.too_long" for f in app.findings)


async def test_statements_of_other_specialties_are_kept_and_shown():
    dossier = dossier_with("Pediatrics")
    dossier.personal_statements = [PersonalStatement(specialty="Old choice", text="hello")]
    app = PaneHarness("personal_statement", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        names = [e.specialty for e in app.query(StatementEditor)]
        assert names == ["Pediatrics", "Old choice"]


async def test_a_new_specialty_in_step_one_adds_an_editor():
    dossier = dossier_with("Pediatrics")
    app = PaneHarness("personal_statement", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dossier.specialties.append(Specialty(name="Psychiatry"))
        app.pane.findings_changed()
        await pilot.pause()
        assert [e.specialty for e in app.query(StatementEditor)] == ["Pediatrics", "Psychiatry"]


async def test_a_file_path_with_a_problem_shows_the_rules_finding(tmp_path):
    dossier = dossier_with("Pediatrics")
    app = PaneHarness("personal_statement", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, ".ps-path Input")
        app.focused.insert_text_at_cursor(f"{tmp_path}/")  # pasted, then typed
        await pilot.press(*"missing.txt")
        await pilot.pause()
        assert app.dossier.personal_statements[0].path == str(tmp_path / "missing.txt")
        assert "no file at" in app.query_one(StatementEditor).count_line


async def test_through_the_wizard_the_statement_reaches_the_saved_file(data_file):
    from tests.wizard_app import add_specialty, open_step, saved_toml, wizard

    app = wizard(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "specialty")
        await add_specialty(pilot, "Neurology")
        await open_step(pilot, "personal_statement")
        editors = list(app.screen.query(StatementEditor))
        assert [e.specialty for e in editors] == ["Neurology"]
        await focus(pilot, ".ps-text TextArea")
        await pilot.press(*"Brains.")
        await pilot.pause()
        assert editors[0].count_line.startswith("7 / ")
    [ps] = saved_toml(data_file)["personal_statements"]
    assert (ps["specialty"], ps["text"]) == ("Neurology", "Brains.")


async def test_read_only_and_reload():
    app = PaneHarness("personal_statement", dossier_with("Pediatrics"), read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert all(w.disabled for w in app.query("Input, Select"))
        assert all(area.read_only for area in app.query("TextArea"))
        replaced = dossier_with("Surgery")
        replaced.personal_statements = [PersonalStatement(specialty="Surgery", text="Hands.")]
        app.dossier = replaced
        app.pane.reload()
        await pilot.pause()
        [editor] = app.query(StatementEditor)
        assert editor.specialty == "Surgery" and editor.count_line.startswith("6 / ")
        assert app.query_one(".ps-text TextArea").read_only
