"""Issue 15, point by point: the wizard at 80x24 over SSH — focus you can see, keys that work
on arrival, required fields first, bulk actions, type-ahead, prefilled fields, nothing cut,
help that scrolls, a focus you can see without colour, the photo's pixel size."""

from __future__ import annotations

import datetime as dt
import struct

from textual import events
from textual.widgets import DataTable, Input, Select, Static

from imgwizard import store
from imgwizard.demo import TODAY, demo_dossier
from imgwizard.model import Dossier, Letter, Program, SignalTier, Specialty, Visa
from imgwizard.progress import missing, step_status
from imgwizard.rules import run_all
from imgwizard.rules.files import image_size
from imgwizard.season import load_season
from imgwizard.settings import Settings
from imgwizard.steps import STEPS, step
from imgwizard.tui.app import WizardApp
from imgwizard.tui.screens.confirm import ConfirmScreen
from imgwizard.tui.screens.help import HelpScreen
from imgwizard.tui.screens.program_form import ProgramFormScreen
from imgwizard.tui.widgets.sidebar import StepSidebar
from tests.journey import fully_visible, jpeg_bytes


def make_app(path, dossier: Dossier | None = None) -> WizardApp:
    if dossier is not None:
        store.save(path, dossier)
    return WizardApp(
        path,
        today=TODAY,
        settings=Settings(),
        clock=lambda: dt.datetime(2026, 11, 24, 9),
        preload=False,
    )


def many_programs(n: int = 12) -> Dossier:
    d = Dossier()
    d.specialties = []
    for i in range(n):
        spec = "Internal Medicine" if i % 3 else "Family Medicine"
        d.programs.append(Program(name=f"Program {i:02}", specialty=spec))
    return d


async def at_step(pilot, step_id: str) -> None:
    await pilot.app.go_to_step(step_id, focus_pane=True)
    await pilot.pause()
    await pilot.pause()


# ---------------------------------------------------------------- 1. focus on screen, on arrival
async def test_adding_a_letter_focuses_the_writer_field_on_screen(data_file):
    app = make_app(data_file, demo_dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "letters")
        assert app.focused is app.screen.query_one("#letters-table")  # on arrival
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        writer = app.screen.query_one("#l-writer Input")
        assert app.focused is writer
        assert fully_visible(app, writer)
        await pilot.press(*"Dr New")
    assert app.dossier.letters[-1].writer == "Dr New"


async def test_each_step_focuses_a_useful_control_on_arrival_and_keeps_it_on_screen(data_file):
    app = make_app(data_file, demo_dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        for s in STEPS:
            await at_step(pilot, s.id)
            focused = app.focused
            assert focused is not None and not isinstance(focused, StepSidebar), s.id
            assert "SeasonFactRow" not in {type(a).__name__ for a in focused.ancestors}, s.id
            assert fully_visible(app, focused), s.id
        await at_step(pilot, "programs")
        assert app.focused is app.screen.query_one("#programs-table")
        await at_step(pilot, "interviews")
        assert app.focused is app.screen.query_one("#interviews-table")


# ---------------------------------------------------------------- 2. keys on arrival, way back
async def test_program_keys_work_on_arrival(data_file):
    app = make_app(data_file, many_programs(3))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "programs")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ProgramFormScreen)


async def test_escape_and_ctrl_l_go_back_from_a_form_to_its_list(data_file):
    app = make_app(data_file, demo_dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        for step_id, table in (("letters", "#letters-table"), ("interviews", "#interviews-table")):
            await at_step(pilot, step_id)
            await pilot.press("e")
            await pilot.pause()
            assert app.focused is not app.screen.query_one(table)
            for _ in range(3):
                await pilot.press("tab")
            await pilot.press("escape")
            await pilot.pause()
            assert app.focused is app.screen.query_one(table), step_id
            await pilot.press("e", "tab", "ctrl+l")
            await pilot.pause()
            assert app.focused is app.screen.query_one(table), step_id


# ---------------------------------------------------------------- 3. required fields
def test_a_step_is_not_done_while_a_field_it_needs_is_empty():
    season = load_season(2027)
    d = Dossier()
    d.specialties = [Specialty(name="Internal Medicine")]
    status = step_status(step("specialty"), d, run_all(d, season, TODAY))
    assert status.word == "in progress"
    assert status.missing == ("full name", "e-mail", "citizenship", "USMLE/ECFMG ID")
    assert "fill in full name" in status.next_goal
    d.profile.full_name, d.profile.email = "A B", "a@example.org"
    d.profile.citizenship, d.profile.usmle_id = "Ghana", "12345678"
    assert missing(step("specialty"), d) == []
    # Step 3: an undecided visa is not an answer.
    d.education.school_name, d.education.school_country = "X", "Ghana"
    d.education.graduation_date = dt.date(2024, 1, 1)
    assert missing(step("eligibility"), d) == ["visa you will need"]
    d.profile.visa = Visa.J1
    assert missing(step("eligibility"), d) == []


async def test_sidebar_says_what_is_left_and_eligibility_starts_with_what_it_needs(data_file):
    dossier = Dossier()
    dossier.specialties = [Specialty(name="Internal Medicine")]
    dossier.profile.full_name = "Someone"
    app = make_app(data_file, dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await at_step(pilot, "eligibility")
        assert app.focused is app.screen.query_one("#visa Select")
        folded = [c.id for c in app.screen.query("Collapsible") if c.collapsed]
        assert "sec-step3" in folded and "sec-ecfmg" in folded
        sidebar = app.screen.query_one(StepSidebar)
        row = str(sidebar.get_option_at_index(0).prompt)
        assert "3 to fill in" in row, row


# ---------------------------------------------------------------- 4. bulk actions
async def test_mark_programs_then_signal_applied_letter_and_delete_all_at_once(data_file):
    dossier = many_programs(6)
    dossier.letters = [Letter(writer="Dr Roe", specialty="Internal Medicine")]
    app = make_app(data_file, dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "programs")
        await pilot.press("space", "space", "space")  # marks rows 0-2, the cursor moves on
        await pilot.press("g")
        await pilot.pause()
        signalled = sorted(p.name for p in app.dossier.programs if p.signal is not SignalTier.NONE)
        assert signalled == ["Program 00", "Program 01", "Program 02"]
        await pilot.press("asterisk", "p")
        await pilot.pause()
        assert app.screen.id == "date-dialog"
        await pilot.press(*"2026-09-03", "enter")
        await pilot.pause()
        assert all(p.applied and p.applied_on == dt.date(2026, 9, 3) for p in app.dossier.programs)
        await pilot.press("shift+down", "shift+down", "l")  # rows 3-5: the cursor was on 3
        await pilot.pause()
        await pilot.press("enter")  # the only letter
        await pilot.pause()
        names = {p.id: p.name for p in app.dossier.programs}
        assert sorted(names[i] for i in app.dossier.letters[0].program_ids) == [
            "Program 03",
            "Program 04",
            "Program 05",
        ]
        await pilot.press("up", "up", "space", "space", "d")  # rows 3 and 4
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert len(app.dossier.programs) == 4
        marks = [str(r.label) for r in app.screen.query_one(DataTable).rows.values()]
        assert marks == [" "] * 4  # marks are cleared after an action


async def test_letter_goes_to_every_program_of_its_specialty_with_one_key(data_file):
    dossier = many_programs(9)
    dossier.letters = [Letter(writer="Dr Roe", specialty="internal medicine")]
    app = make_app(data_file, dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "letters")
        await pilot.press("s")
        await pilot.pause()
    saved = app.dossier
    im = {p.id for p in saved.programs if p.specialty == "Internal Medicine"}
    assert set(saved.letters[0].program_ids) == im and len(im) == 6


async def test_several_letters_deleted_after_one_question(data_file):
    dossier = Dossier()
    dossier.letters = [Letter(writer=w) for w in ("A", "B", "C")]
    app = make_app(data_file, dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "letters")
        await pilot.press("space", "space", "d")
        await pilot.pause()
        assert "Delete 2 letters?" in str(app.screen.query_one(".dialog-title", Static).render())
        await pilot.press("y")
        await pilot.pause()
    assert [x.writer for x in app.dossier.letters] == ["C"]


# ---------------------------------------------------------------- 5. type-ahead after Enter
async def test_keys_typed_ahead_after_enter_reach_the_next_field(data_file):
    app = make_app(data_file, Dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "nrmp")
        first = app.screen.query_one("#nrmp-date Input", Input)
        first.focus()
        await pilot.pause()
        # All at once, as from a paste or a laggy link: nothing waits between the keys.
        for char in "2026-09-01":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("enter", None))
        for char in "N1234567":
            app.post_message(events.Key(char, char))
        await pilot.pause()
        await pilot.pause()
        assert first.value == "2026-09-01"
        assert app.screen.query_one("#nrmp-id Input", Input).value == "N1234567"


# ---------------------------------------------------------------- 6. prefilled fields
async def test_prefilled_date_is_selected_so_typing_replaces_it(data_file):
    dossier = many_programs(2)
    app = make_app(data_file, dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "interviews")
        await pilot.press("a")
        await pilot.pause()
        invited = app.screen.query_one("#iv-invited Input", Input)
        assert invited.value == TODAY.isoformat()
        invited.focus()
        await pilot.pause()
        assert invited.selected_text == TODAY.isoformat()
        await pilot.press(*"2026-10-28")
    assert app.dossier.interviews[0].invited_on == dt.date(2026, 10, 28)


# ---------------------------------------------------------------- 7. nothing cut at 80 columns
async def test_first_screen_at_80x24_shows_every_short_step_name(data_file):
    app = make_app(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(StepSidebar)
        rows = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        for s, row in zip(STEPS, rows, strict=True):
            assert s.short and s.short in row, row
            assert len(row) <= sidebar.content_size.width, row
        assert all(len(s.short) <= 11 for s in STEPS)


async def test_footer_keeps_f_keys_when_a_table_has_focus_and_urls_are_links(data_file):
    app = make_app(data_file, demo_dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "letters")
        assert isinstance(app.focused, DataTable)
        footer_keys = {
            b.binding.key.split(",")[0]
            for b in app.screen.active_bindings.values()
            if b.binding.show
        }
        assert {"f1", "f3", "f4", "f10"} <= footer_keys, footer_keys
        source = app.screen.query_one("#pane-letters .step-source", Static)
        assert source.size.height == 1  # one line, never wrapped
        spans = [s for s in source.visual._spans if getattr(s.style, "link", None)]  # type: ignore[attr-defined]
        assert spans and spans[0].style.link == step("letters").source
        table = app.screen.query_one("#letters-table", DataTable)
        progress_col = next(c for c in table.columns.values() if str(c.label) == "Progress")
        assert progress_col.width >= len("requested 2026-10-12")


# ---------------------------------------------------------------- 8. help, colour, dialogs, photo
async def test_help_scrolls_at_80x24_without_a_tab_first(data_file):
    app = make_app(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0


async def test_focus_border_differs_by_shape_under_no_color(data_file, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data_file, Dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await at_step(pilot, "nrmp")
        date, nrmp_id = app.screen.query("#nrmp-date Input, #nrmp-id Input").results(Input)
        date.focus()
        await pilot.pause()
        assert date.styles.border_top[0] != nrmp_id.styles.border_top[0]


async def test_escape_on_a_half_filled_add_dialog_asks_first(data_file):
    app = make_app(data_file, many_programs(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "programs")
        await pilot.press("a", *"Half", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ProgramFormScreen)
        await pilot.press("ctrl+n")  # save and start the next one, same specialty
        await pilot.pause()
        assert app.screen.program.name == "" and isinstance(app.screen, ProgramFormScreen)
        await pilot.press("escape")  # nothing typed in the new one: closes without a question
        await pilot.pause()
        assert not isinstance(app.screen, (ProgramFormScreen, ConfirmScreen))
    assert [p.name for p in app.dossier.programs] == ["Program 00", "Half"]


def test_photo_pixel_size_is_checked_from_its_header(tmp_path):
    season = load_season(2027)
    assert season.get("eras.photo_max_kb").display().startswith("150 KB")
    tiny, good = tmp_path / "tiny.jpg", tmp_path / "good.jpg"
    tiny.write_bytes(jpeg_bytes(1, 1))
    good.write_bytes(jpeg_bytes(600, 800))
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 400, 500)
    assert image_size(png) == (400, 500)
    assert image_size(jpeg_bytes(7, 9)) == (7, 9)
    d = Dossier()
    d.documents.photo.path = str(tiny)
    found = [f for f in run_all(d, season, TODAY) if f.code == "documents.photo.too_small"]
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert "1×1 pixels" in found[0].message and "not official" in found[0].message
    d.documents.photo.path = str(good)
    assert not [f for f in run_all(d, season, TODAY) if f.code == "documents.photo.too_small"]


async def test_pathway_list_says_which_one_fits(data_file):
    app = make_app(data_file, Dossier())
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "eligibility")
        hint = str(app.screen.query_one("#pathway-hint", Static).render())
        assert "1: you hold a licence" in hint and "6: Mini-CEX" in hint
        assert isinstance(app.screen.query_one("#pathway Select"), Select)


async def test_findings_panel_says_what_is_left_at_80x24(data_file):
    dossier = Dossier()
    dossier.specialties = [Specialty(name="Internal Medicine")]
    dossier.profile.full_name = "Someone"
    app = make_app(data_file, dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#findings")
        assert "Still to fill in: e-mail, citizenship, USMLE/ECFMG ID." in panel.plain


async def test_a_step_key_pressed_in_the_sidebar_reaches_the_step(data_file):
    app = make_app(data_file, many_programs(2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, StepSidebar)
        await pilot.press("2")  # digits move between steps from the sidebar
        await pilot.pause()
        assert app.current_step == "programs" and isinstance(app.focused, StepSidebar)
        await pilot.press("a")  # the step's own key, shown on screen, without a Tab first
        await pilot.pause()
        assert isinstance(app.screen, ProgramFormScreen)
