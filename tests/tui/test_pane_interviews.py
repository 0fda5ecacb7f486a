"""Step 9 pane: interviews added with keys, program chosen, checklist ticked."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Select, SelectionList

from imgwizard.model import Interview, InterviewFormat, InterviewStatus, Program, new_dossier
from imgwizard.tui.panes.interviews import checklist_for
from tests.tui_harness import TODAY, PaneHarness


def dossier(interviews: list[Interview] | None = None):
    d = new_dossier(TODAY)
    d.programs = [Program(id="p-a", name="Alpha IM"), Program(id="p-b", name="Beta FM")]
    d.interviews = interviews or []
    return d


@pytest.mark.parametrize(
    ("fmt", "ids"),
    [
        (InterviewFormat.VIRTUAL, ["research", "questions", "practise", "video"]),
        (InterviewFormat.IN_PERSON, ["research", "questions", "practise", "travel"]),
        (InterviewFormat.HYBRID, ["research", "questions", "practise", "video", "travel"]),
    ],
)
def test_checklist_depends_on_format(fmt, ids):
    assert [item_id for item_id, _ in checklist_for(fmt)] == ids


async def test_add_interview_with_keys_and_tick_checklist():
    app = PaneHarness("interviews", dossier=dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#interviews-table").focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, Select)  # the program, first field of the form
        await pilot.press("enter", "down", "down", "enter")  # Beta FM
        await pilot.pause()
        app.query_one("#iv-date Input").focus()
        await pilot.press(*"2026-12-10", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Select)  # Enter moved on to the format
        await pilot.press("tab", "tab", "space")  # past status to thank-you: ticked
        app.query_one(SelectionList).focus()
        await pilot.press("space", "down", "down", "down", "space")
        await pilot.pause()
        row = app.query_one("#interviews-table").get_row_at(0)
    [iv] = app.dossier.interviews
    assert iv.program_id == "p-b" and iv.invited_on == TODAY
    assert iv.date == dt.date(2026, 12, 10) and iv.thank_you_sent
    assert iv.prep_done == ["research", "video"]
    assert [str(c) for c in row] == [
        "1",
        "Beta FM",
        "2026-12-10",
        "invited",
        "2/4",
        "sent",
    ]


async def test_free_program_name_and_status():
    app = PaneHarness("interviews", dossier=dossier([Interview()]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#iv-name Input").focus()
        await pilot.press(*"[i]Gamma[/i]")
        app.query_one("#iv-status Select").focus()
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        title = str(app.query_one("#interview-form-title").render())
    iv = app.dossier.interviews[0]
    assert iv.program_name == "[i]Gamma[/i]" and iv.status is InterviewStatus.COMPLETED
    assert "[i]Gamma[/i]" in title


async def test_format_change_changes_checklist():
    app = PaneHarness("interviews", dossier=dossier([Interview(prep_done=["research"])]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#iv-format Select").focus()
        await pilot.press("enter", "down", "enter")  # In person
        await pilot.pause()
        items = [o.value for o in app.query_one(SelectionList).options]
        selected = app.query_one(SelectionList).selected
    assert app.dossier.interviews[0].format is InterviewFormat.IN_PERSON
    assert items[-1] == "travel" and "video" not in items
    assert selected == ["research"]


async def test_delete_interview_after_confirmation():
    ivs = [Interview(program_name="A"), Interview(program_name="B")]
    app = PaneHarness("interviews", dossier=dossier(ivs))
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#interviews-table").focus()
        await pilot.press("down", "d", "y")
        await pilot.pause()
    assert [iv.program_name for iv in app.dossier.interviews] == ["A"]
