"""Step 6 pane: letters added, edited and assigned to programs with the keyboard."""

from __future__ import annotations

import datetime as dt

from textual.widgets import SelectionList, Static

from imgwizard.model import Letter, Program, new_dossier
from tests.tui_harness import PaneHarness


def dossier(programs: int = 3, letters: list[Letter] | None = None):
    d = new_dossier(dt.date(2026, 11, 24))
    d.programs = [
        Program(id=f"p-{i}", name=f"[bold]Prog[/] {i}", specialty="Internal Medicine")
        for i in range(programs)
    ]
    d.letters = letters or []
    return d


async def test_add_letter_fill_it_and_assign_programs_with_keys():
    app = PaneHarness("letters", dossier=dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#letters-table").focus()
        await pilot.press("a", *"Dr Roe", "enter", *"Prof, CH", "enter")
        # What a letter needs comes first: writer, role, specialty, requested on.
        await pilot.press(*"IM", "enter", *"2026-09-01", "enter", "space", "tab")
        await pilot.press(*"2026-09-20", "enter", "enter", "enter")
        # The program list: first program, skip one, third program.
        assert isinstance(app.focused, SelectionList)
        await pilot.press("space", "down", "down", "space")
        await pilot.pause()
        labels = [str(o.prompt) for o in app.query_one(SelectionList).options]
    [letter] = app.dossier.letters
    assert letter.writer == "Dr Roe"
    assert letter.writer_role == "Prof, CH"
    assert letter.specialty == "IM" and letter.standardized
    assert (letter.requested_on, letter.received_on) == (dt.date(2026, 9, 1), dt.date(2026, 9, 20))
    assert letter.uploaded_on is None
    assert letter.program_ids == ["p-0", "p-2"]
    # Program names are shown as text, brackets and all, with their letter counts.
    assert labels[0] == "[bold]Prog[/] 0 — Internal Medicine · 1 letter"
    assert labels[1].endswith("· 0 letters")


async def test_date_out_of_order_is_refused_at_the_field():
    letters = [Letter(writer="A", requested_on=dt.date(2026, 9, 1))]
    app = PaneHarness("letters", dossier=dossier(letters=letters))
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#l-rec Input").focus()
        await pilot.press(*"2026-08-01")
        await pilot.pause()
        assert "before it was requested" in app.query_one("#l-rec").error_text
    assert app.dossier.letters[0].received_on is None


async def test_cursor_moves_form_to_other_letter_and_shows_its_warnings():
    letters = [
        Letter(writer="A", requested_on=dt.date(2026, 9, 1), received_on=dt.date(2026, 9, 5)),
        Letter(writer="B", requested_on=dt.date(2026, 8, 1)),
    ]
    app = PaneHarness("letters", dossier=dossier(letters=letters))
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#letters-table").focus()
        await pilot.press("down")
        await pilot.pause()
        issues = str(app.query_one("#letter-issues", Static).render())
        assert app.query_one("#l-writer Input").value == "B"
        assert "requested 115 days ago" in issues  # the rules' overdue warning for letter 2
        await pilot.press("e", "end", *" Smith")
        await pilot.pause()
    assert [x.writer for x in app.dossier.letters] == ["A", "B Smith"]


async def test_over_the_per_program_maximum_is_named():
    limit = 4  # eras.letters_per_program_max in the Match 2027 season
    letters = [Letter(writer=f"W{i}", program_ids=["p-0"]) for i in range(limit + 1)]
    app = PaneHarness("letters", dossier=dossier(letters=letters))
    assert app.season.value("eras.letters_per_program_max") == limit
    async with app.run_test(size=(80, 24)) as pilot:
        over = str(app.query_one("#letters-over", Static).render())
        assert f"(5 of {limit})" in over and "[bold]Prog[/] 0" in over
        # Unassign it from the first letter: back within the limit.
        app.query_one(SelectionList).focus()
        await pilot.press("space")
        await pilot.pause()
        assert not app.query_one("#letters-over").display
    assert app.dossier.letters[0].program_ids == []


async def test_delete_asks_first():
    letters = [Letter(writer="A"), Letter(writer="B")]
    app = PaneHarness("letters", dossier=dossier(letters=letters))
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#letters-table").focus()
        await pilot.press("d", "n")
        await pilot.pause()
        assert len(app.dossier.letters) == 2
        await pilot.press("d", "y")
        await pilot.pause()
    assert [x.writer for x in app.dossier.letters] == ["B"]


async def test_read_only_adds_nothing():
    app = PaneHarness("letters", dossier=dossier(), read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#letters-table").focus()
        await pilot.press("a")
        await pilot.pause()
    assert app.dossier.letters == []
