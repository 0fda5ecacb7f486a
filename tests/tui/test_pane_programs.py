"""Step 2 pane: the programs table, its form, sorting, filtering, eligibility and CSV import."""

from __future__ import annotations

from textual.widgets import DataTable

from imgwizard.model import Program, SignalTier, Visa, VisaType, new_dossier
from imgwizard.tui.screens.program_form import ProgramFormScreen
from imgwizard.tui.screens.program_import import ImportCsvScreen
from tests.tui_harness import TODAY, PaneHarness


def program(name: str, **kw) -> Program:
    return Program(name=name, **kw)


def dossier_with(*programs: Program, visa: Visa = Visa.UNDECIDED):
    dossier = new_dossier(TODAY)
    dossier.profile.visa = visa
    dossier.programs = list(programs)
    return dossier


def column(app, key: str) -> list[str]:
    table = app.query_one("#programs-table", DataTable)
    return [
        table.get_cell_at((r, table.get_column_index(key))).plain for r in range(table.row_count)
    ]


async def to_table(pilot) -> None:
    pilot.app.query_one("#programs-table").focus()
    await pilot.pause()


async def test_add_a_program_from_the_keyboard():
    app = PaneHarness("programs")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ProgramFormScreen)
        await pilot.press(*"Mercy IM", "enter", *"Internal Medicine", "enter", *"Ohio", "enter")
        await pilot.press("enter", *"OH", "ctrl+s")
        await pilot.pause()
        [p] = app.dossier.programs
        assert (p.name, p.specialty, p.city, p.state) == (
            "Mercy IM",
            "Internal Medicine",
            "Ohio",
            "",
        )
        assert column(app, "name") == ["Mercy IM"]
        assert app.edits == ["programs"]


async def test_a_refused_value_in_the_form_stays_at_the_field_and_blocks_save():
    app = PaneHarness("programs")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Mercy IM")
        app.screen.query_one("#program-step2ck Input").focus()
        await pilot.press(*"abc")
        await pilot.pause()
        assert "not a whole number" in app.screen.query_one("#program-step2ck").error_text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProgramFormScreen)
        assert "refused" in str(app.screen.query_one("#program-form-error").render())
        assert app.dossier.programs == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProgramFormScreen)
        assert app.dossier.programs == []


async def test_a_program_without_a_name_is_not_saved():
    app = PaneHarness("programs")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert "needs a name" in str(app.screen.query_one("#program-form-error").render())
        app.screen.query_one("#program-cancel").press()
        await pilot.pause()
        assert app.dossier.programs == []


async def test_edit_with_enter_and_delete_with_confirmation():
    dossier = dossier_with(program("Alpha"), program("Beta"))
    app = PaneHarness("programs", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgramFormScreen)
        await pilot.press("end", *" Medical", "ctrl+s")
        await pilot.pause()
        assert [p.name for p in app.dossier.programs] == ["Alpha", "Beta Medical"]
        assert column(app, "name") == ["Alpha", "Beta Medical"]
        await pilot.press("up", "d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(app.dossier.programs) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [p.name for p in app.dossier.programs] == ["Beta Medical"]
        assert column(app, "name") == ["Beta Medical"]


async def test_deleting_a_ranked_program_takes_it_off_the_rank_list():
    alpha = program("Alpha")
    dossier = dossier_with(alpha)
    dossier.rank_list.program_ids = [alpha.id]
    dossier.rank_list.certified = True
    app = PaneHarness("programs", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.dossier.programs == [] and app.dossier.rank_list.program_ids == []
    # The certified list is kept as a version, and the list needs certifying again.
    assert [v.program_ids for v in app.dossier.rank_list.history] == [[alpha.id]]
    assert not app.dossier.rank_list.certified


async def test_s_cycles_the_sort_name_priority_eligibility():
    dossier = dossier_with(
        program("Cedar", priority=1),
        program("Birch", priority=5, visa_policy_known=True),  # sponsors no visa
        program("Aspen", priority=3, visas_sponsored=[VisaType.J1], visa_policy_known=True),
        visa=Visa.J1,
    )
    app = PaneHarness("programs", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        assert column(app, "name") == ["Aspen", "Birch", "Cedar"]
        await pilot.press("s")
        assert column(app, "name") == ["Birch", "Aspen", "Cedar"]
        await pilot.press("s")
        assert column(app, "name") == ["Aspen", "Cedar", "Birch"]  # eligible first
        await pilot.press("s")
        assert column(app, "name") == ["Aspen", "Birch", "Cedar"]
        assert "sorted by name" in str(app.query_one("#program-count").render())


async def test_filter_by_text_and_only_eligible():
    dossier = dossier_with(
        program("Mercy", specialty="Pediatrics", state="OH"),
        program("Lakeside", specialty="Internal Medicine", state="MI", visa_policy_known=True),
        program("Summit", specialty="Internal Medicine", state="OH"),
        visa=Visa.H1B,
    )
    app = PaneHarness("programs", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("f", *"internal")
        await pilot.pause()
        assert column(app, "name") == ["Lakeside", "Summit"]
        await pilot.press("enter")  # back to the table
        assert app.focused is app.query_one("#programs-table")
        await pilot.press("o")
        await pilot.pause()
        assert column(app, "name") == ["Summit"]
        assert "1 shown" in str(app.query_one("#program-count").render())
        await pilot.press("f", "home", "shift+end", "backspace", *"oh")
        await pilot.pause()
        assert column(app, "name") == ["Mercy", "Summit"]


async def test_an_ineligible_program_shows_why_and_updates_when_the_profile_changes():
    dossier = dossier_with(
        program(
            "Lakeside", min_step2ck_score=240, visas_sponsored=[VisaType.J1], visa_policy_known=True
        ),
        visa=Visa.H1B,
    )
    dossier.exams.step2ck.score = 250
    app = PaneHarness("programs", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        [cell] = column(app, "eligible")
        assert cell == "NO"  # the reasons are in the detail line, never cut at 80 columns
        assert "Not eligible: does not sponsor" in str(app.query_one("#program-detail").render())
        dossier.profile.visa = Visa.J1  # another step changes the visa need
        dossier.exams.step2ck.score = 230
        app.pane.findings_changed()
        await pilot.pause()
        assert column(app, "eligible") == ["NO"]
        detail = str(app.query_one("#program-detail").render())
        assert "asks for Step 2 CK 240 or more; yours is 230" in detail
        dossier.exams.step2ck.score = 241
        app.pane.findings_changed()
        assert column(app, "eligible") == ["yes"]


async def test_user_text_with_brackets_is_shown_literally():
    dossier = dossier_with(program("[bold]x[/] Hospital", specialty="[red]IM"))
    app = PaneHarness("programs", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        assert column(app, "name") == ["[bold]x[/] Hospital"]
        assert column(app, "specialty") == ["[red]IM"]
        detail = str(app.query_one("#program-detail").render())
        assert "[bold]x[/] Hospital" in detail


async def test_three_hundred_programs_mount_and_stay_in_step():
    programs = [
        program(f"Program {i:03}", specialty="Internal Medicine", state="NY", priority=1 + i % 5)
        for i in range(300)
    ]
    dossier = dossier_with(*programs)
    app = PaneHarness("programs", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        table = app.query_one("#programs-table", DataTable)
        assert table.row_count == 300
        programs[150].signal = SignalTier.SILVER  # e.g. another step marks a signal
        app.pane.findings_changed()
        assert table.get_cell_at((150, table.get_column_index("signal"))).plain == "silver"
        await pilot.press("ctrl+end")
        assert app.pane.highlighted_id == programs[299].id


async def test_import_csv_shows_row_errors_and_duplicates_and_adds_only_valid_rows(tmp_path):
    csv = tmp_path / "programs.csv"
    csv.write_text(
        "\ufeffProgram Name;Specialty;State;Step 2 CK min;Colour\n"
        "Mercy;Internal Medicine;OH;230;blue\n"
        "Lakeside;Internal Medicine;MI;abc;red\n"
        "Existing;Pediatrics;NY;;\n"
        "Summit;Internal Medicine;OH;;\n",
        encoding="utf-8",
    )
    dossier = dossier_with(program("Existing", specialty="Pediatrics"))
    app = PaneHarness("programs", dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportCsvScreen)
        # a long path typed key by key only slows the test: set it, then press Enter
        app.screen.query_one("#import-path").value = str(tmp_path / "nope.csv")
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the file is read in a worker thread
        await pilot.pause()
        assert "no such file" in app.screen.error_text
        assert len(app.dossier.programs) == 1
        app.screen.query_one("#import-path").value = str(csv)
        app.screen.query_one("#import-path").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = app.screen.report_text
        assert "row 3" in report and "Step 2 CK min" in report
        assert "row 4: 'Existing' skipped, already in your programs" in report
        assert "Colour" in report
        assert len(app.dossier.programs) == 1  # nothing before confirmation
        confirm = app.screen.query_one("#import-confirm")
        assert "valid rows anyway" in str(confirm.label)
        await pilot.press("enter")  # the confirm button has focus
        await pilot.pause()
        assert [p.name for p in app.dossier.programs] == ["Existing", "Mercy", "Summit"]
        assert app.dossier.programs[1].min_step2ck_score == 230
        assert sorted(column(app, "name")) == ["Existing", "Mercy", "Summit"]


async def test_read_only_refuses_changes():
    dossier = dossier_with(program("Alpha"))
    app = PaneHarness("programs", dossier, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("a", "e", "d", "i")
        await pilot.pause()
        assert not isinstance(app.screen, ProgramFormScreen | ImportCsvScreen)
        assert [p.name for p in app.dossier.programs] == ["Alpha"]
        await pilot.press("f", *"zz")  # filtering is reading, still allowed
        await pilot.pause()
        assert column(app, "name") == []


async def test_through_the_wizard_an_added_program_reaches_the_saved_file(data_file):
    from tests.wizard_app import open_step, saved_toml, wizard

    app = wizard(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "programs")
        app.screen.query_one("#programs-table").focus()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"[Lakeside] IM", "ctrl+s")
        await pilot.pause()
        assert column(app.screen, "name") == ["[Lakeside] IM"]
    [saved] = saved_toml(data_file)["programs"]
    assert saved["name"] == "[Lakeside] IM"


async def test_reload_rebuilds_the_table_from_the_new_dossier():
    app = PaneHarness("programs", dossier_with(program("Alpha")))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        app.dossier = dossier_with(program("Beta"), program("Gamma"))
        app.pane.reload()
        await pilot.pause()
        assert column(app, "name") == ["Beta", "Gamma"]
        assert "2 programs" in str(app.query_one("#program-count").render())


async def test_g_sets_the_signal_tier_and_the_usage_line_follows():
    programs = [program(f"IM {i}", specialty="Internal Medicine") for i in range(3)]
    programs.append(program("Psych", specialty="Psychiatry"))
    app = PaneHarness("programs", dossier_with(*programs))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        table = app.query_one("#programs-table", DataTable)
        column = table.get_column_index("signal")
        await pilot.press("g")  # IM 0: none -> gold
        await pilot.pause()
        assert app.dossier.programs[0].signal is SignalTier.GOLD
        assert table.get_cell_at((0, column)).plain == "gold"
        await pilot.press("down", "g", "g")  # IM 1: none -> gold -> silver
        await pilot.press("down", "down", "g")  # Psych: none -> signal (one tier)
        await pilot.pause()
        line = str(app.query_one("#program-signals").render())
    assert [p.signal for p in app.dossier.programs] == [
        SignalTier.GOLD,
        SignalTier.SILVER,
        SignalTier.NONE,
        SignalTier.SIGNAL,
    ]
    assert "IM: 1 of ≈3 gold, 1 of ≈12 silver used" in line
    assert "Psych: 1 of ≈10 signals used" in line
    assert "(≈ estimate)" in line
    assert app.edits == ["programs"] * 4


async def test_the_geography_section_comes_after_the_first_frame_as_it_would_have_been():
    """Composed after the first frame (issue #18): the same widgets, in the same place (after
    the filter, last in Tab order), showing the dossier's choices, read-only when it is."""
    from imgwizard.model import CensusDivision

    d = dossier_with(program("A", state="NY"))
    d.geography.divisions = [CensusDivision.PACIFIC]
    d.geography.division_explanation = "family in California"
    app = PaneHarness("programs", d)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.query_one("ProgramsPane")
        ids = [w.id for w in pane.query("*") if w.id]
        assert ids.index("program-filter") < ids.index("geo-divisions") < ids.index("geo-why")
        assert ids.index("geo-explain") == ids.index("only-eligible") + 1  # the section
        # follows the filter row directly, as when it was composed with the pane
        divisions = app.query_one("#geo-divisions")
        assert divisions.selected == ["pacific"]
        assert app.query_one("#geo-why Input").value == "family in California"
        assert "Up to 3" in str(app.query_one("#geo-explain").render())
        assert "0 of 1 programs listed" in str(app.query_one("#geo-placement").render())
    read_only = PaneHarness("programs", d, read_only=True)
    async with read_only.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert read_only.query_one("#geo-no-preference Checkbox").disabled
        assert read_only.query_one("#geo-why Input").disabled


async def test_geographic_divisions_are_ticked_and_placement_shown():
    from imgwizard.model import CensusDivision

    progs = [program("A", state="NY"), program("B", state="CA"), program("C", state="Texas")]
    app = PaneHarness("programs", dossier_with(*progs))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the section below the table is composed after the first frame
        app.query_one("#geo-divisions").focus()
        await pilot.press("down", "space")  # Middle Atlantic
        await pilot.press("end", "space")  # Pacific
        await pilot.pause()
        placed = str(app.query_one("#geo-placement").render())
        explain = str(app.query_one("#geo-explain").render())
        await pilot.press("space")  # Pacific off again
        await pilot.pause()
        codes = [f.code for f in app.findings]
    assert app.dossier.geography.divisions == [CensusDivision.MIDDLE_ATLANTIC]
    assert "2 of 3 programs listed (with a known state) lie in your chosen divisions" in placed
    assert "Up to 3 (≈ 3 · estimate · check MyERAS) of the 9" in explain
    assert "geography.mostly_outside" in codes  # NY only: CA and TX lie outside
    assert app.edits == ["programs"] * 3


async def test_after_a_check_the_rows_and_signals_line_are_what_a_full_build_shows():
    """findings_changed compares each row's plain values before building one, and takes the
    signals line from the run of the rules (issue #18): after edits made behind the pane's
    back, the table and the lines equal those of a pane built from scratch."""
    from imgwizard.model import SignalTier

    progs = [program(f"P{i}", state="NY") for i in range(6)]
    app = PaneHarness("programs", dossier_with(*progs))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one("ProgramsPane")
        d = app.dossier
        d.programs[1].signal = SignalTier.GOLD  # as a bulk action elsewhere would
        d.programs[2].applied = True
        d.programs[3].name = "Renamed"
        # As the run of the rules gives them (every program: no reasons is "()").
        app.program_reasons = {
            p.id: ("a reason",) if p in d.programs[:2] else () for p in d.programs
        }
        app.signal_lines = ["IM: as the run of the rules counted"]
        pane.findings_changed()
        await pilot.pause()
        table = app.query_one("#programs-table")
        after = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        signals = str(app.query_one("#program-signals").render())
        pane._build()
        await pilot.pause()
        rebuilt = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    assert after == rebuilt
    assert any("Renamed" in row[0] for row in after)
    assert any(row[2] == "gold" for row in after) and any(row[4] == "yes" for row in after)
    assert sum(row[1].startswith("NO") for row in after) == 2  # the two reasons given
    assert signals == "Signals · IM: as the run of the rules counted"


async def test_a_large_dossiers_first_table_waits_for_the_workers_reasons(tmp_path):
    """From OFF_THREAD_FROM programs the rules run in a worker: the first table shows "…" in
    Eligible? (not each program checked on the UI thread first), then exactly what a table
    built with the reasons shows."""
    from imgwizard import store
    from imgwizard.demo import demo_dossier
    from tests.conftest import make_wizard

    d = demo_dossier()
    d.wizard.current_step = "programs"
    path = tmp_path / "d.toml"
    store.save(path, d)
    app = make_wizard(path)
    app.checker.off_thread_from = 0  # as a dossier of OFF_THREAD_FROM programs or more
    held = app.checker.start
    app.checker.start = lambda: None  # the first run of the rules is still out
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        table = app.wizard.query_one("#programs-table", DataTable)
        cells = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        count = str(app.wizard.query_one("#program-count").render())
        assert table.row_count == 5 and set(cells) == {"…"}
        assert "eligibility being checked" in count and "not eligible" not in count
        app.checker.start = held
        app._start_check()
        for _ in range(40):
            await pilot.pause(0.05)
            if not app.checker.pending:
                break
        await pilot.pause()
        after = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        pane = app.wizard.query_one("ProgramsPane")
        pane._build()  # with the reasons known now
        await pilot.pause()
        rebuilt = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        count = str(app.wizard.query_one("#program-count").render())
    assert after == rebuilt
    assert {row[1] for row in after} == {"yes", "NO (3)"}
    assert "1 not eligible" in count and "being checked" not in count


async def test_a_refill_reuses_each_rows_cells_unchanged():
    """Row.cells() is made once per row and kept (issue #18): a filter and back shows the same
    texts, from the same cell objects, which the table has not altered."""
    progs = [program(f"Program {i} " + "with a long name " * 3) for i in range(8)]
    app = PaneHarness("programs", dossier_with(*progs))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.query_one("#programs-table", DataTable)
        before = [table.get_row_at(i) for i in range(table.row_count)]
        texts = [[c.plain for c in row] for row in before]
        app.query_one("#program-filter").value = "Program 3"
        await pilot.pause()
        assert table.row_count == 1
        app.query_one("#program-filter").value = ""
        await pilot.pause()
        after = [table.get_row_at(i) for i in range(table.row_count)]
    assert [[c.plain for c in row] for row in after] == texts
    pairs = zip(after, before, strict=True)
    assert all(a is b for row_a, row_b in pairs for a, b in zip(row_a, row_b, strict=True))


async def test_filter_sort_and_edits_show_what_a_fresh_build_shows():
    """A filter key picks from an order kept per sort and change of the rows, and a key that
    leaves the shown rows as they are does not fill the table again (issue #18: ~45 ms per
    key at 3,000 programs). After filter keys, sorts, "eligible only", an edit in place (g),
    and a rename and a new reason arriving with the findings, the table holds what a pane
    built from scratch with the same filter and sort shows."""
    names = ["Oak", "Elm Ridge", "Aspen", "Birch", "Cedar", "Maple", "Pine", "Willow"]
    progs = [
        program(
            name,
            specialty="Pediatrics" if i % 3 == 0 else "Internal Medicine",
            state="OH" if i % 2 else "NY",
            priority=i % 4 + 1,
        )
        for i, name in enumerate(names)
    ]
    app = PaneHarness("programs", dossier_with(*progs))
    async with app.run_test(size=(100, 40)) as pilot:
        await to_table(pilot)
        pane = app.query_one("ProgramsPane")
        table = app.query_one("#programs-table", DataTable)

        def shown() -> list[list[str]]:
            return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]

        async def same_as_rebuilt() -> list[list[str]]:
            now = shown()
            table.clear()
            pane._build()  # new rows, an empty table: filled from scratch
            await pilot.pause()
            assert shown() == now
            return now

        assert [row[0] for row in await same_as_rebuilt()] == sorted(names)
        await pilot.press("down", "down", "down")
        highlighted, keys = pane.highlighted_id, list(table.rows)
        await pilot.press("f", "e")  # every program's specialty has an "e"
        await pilot.pause()
        assert all(a is b for a, b in zip(table.rows, keys, strict=True))  # not filled again
        assert pane.highlighted_id == highlighted
        await same_as_rebuilt()
        await pilot.press(*"d")  # "ed": Pediatrics and Medicine, every program still
        await pilot.pause()
        await pilot.press(*"iat")  # "ediat": Pediatrics only
        await pilot.pause()
        assert {row[3] for row in await same_as_rebuilt()} == {"Pediatrics"}
        await pilot.press(*["backspace"] * 5)
        await pilot.pause()
        assert len(await same_as_rebuilt()) == len(names)
        await pilot.press(*"oh")  # matches the state
        await pilot.pause()
        assert len(await same_as_rebuilt()) == len(names) // 2
        await pilot.press("enter", "s")  # back to the table, sorted by priority
        await pilot.pause()
        assert len(await same_as_rebuilt()) == len(names) // 2
        await pilot.press("g")  # in place: the row's tier, no new order
        await pilot.pause()
        await pilot.press("f", "end", "backspace", "backspace")
        await pilot.pause()
        rows = await same_as_rebuilt()
        assert sum(row[2] != "–" for row in rows) == 1  # gold, or "yes" where one tier
        # New rows in the same order (a build after a change behind the pane's back): the
        # table is filled again, not kept for its order.
        app.dossier.programs[1].applied = True
        pane._build()
        await pilot.pause()
        assert sum(row[4] == "yes" for row in shown()) == 1
        # Behind the pane's back, then announced as a run of the rules would: a rename that
        # moves a program, and a reason that takes one out of "eligible only".
        app.dossier.programs[0].name = "Zelkova"
        app.program_reasons = {
            p.id: ("a reason",) if p.name == "Aspen" else () for p in app.dossier.programs
        }
        pane.findings_changed()
        await pilot.pause()
        await to_table(pilot)
        await pilot.press("s", "s")  # by eligibility, then by name: Zelkova moves to the end
        await pilot.pause()
        app.dossier.programs[0].name = "Alder"  # and to the top
        pane.findings_changed()
        await pilot.pause()
        assert (await same_as_rebuilt())[0][0] == "Alder"
        app.dossier.programs[0].name = "Zelkova"
        pane.findings_changed()
        await pilot.press("o")  # eligible only
        await pilot.pause()
        rows = await same_as_rebuilt()
        await pilot.press("f", *"zel")  # the new name, in the order kept since the rename
        await pilot.pause()
        found = await same_as_rebuilt()
    assert [row[0] for row in rows] == sorted(set(names) - {"Oak", "Aspen"} | {"Zelkova"})
    assert [row[0] for row in found] == ["Zelkova"]


def test_the_rows_keep_their_counts_as_rows_are_set_and_removed():
    """The count line reads Rows' counts instead of going through every row (issue #18):
    after any sequence of changes they are what counting the rows gives."""
    import random

    import pytest

    from imgwizard.tui.panes.programs import Row, Rows

    def row(reasons):
        return Row("n", "IM", "NY", 0, SignalTier.NONE, False, reasons)

    choices = [None, (), ("too long ago",), ("visa", "score")]
    rng = random.Random(7)
    rows = Rows((f"p{i}", row(rng.choice(choices))) for i in range(20))
    for _ in range(300):
        key = f"p{rng.randrange(30)}"
        action = rng.randrange(3)
        if action == 0:
            rows[key] = row(rng.choice(choices))
        elif action == 1:
            rows.pop(key)
        elif key in rows:
            del rows[key]
        assert rows.ineligible == sum(1 for r in rows.values() if r.reasons)
        assert rows.unknown == sum(1 for r in rows.values() if r.reasons is None)
    for refused in ("update", "setdefault", "popitem", "clear"):
        with pytest.raises(TypeError):
            getattr(rows, refused)({})


def test_a_row_is_made_from_and_compared_with_the_fields_it_shows():
    """Row.of reads the program with checking.PROGRAM_ROW, field by field in Row's order."""
    from dataclasses import fields

    from imgwizard.tui.checking import PROGRAM_ROW
    from imgwizard.tui.panes.programs import Row

    p = program("Lakeside", specialty="Psychiatry", state="OH", priority=4)
    p.signal, p.applied = SignalTier.GOLD, True
    row = Row.of(p, ("a reason",))
    assert [f.name for f in fields(Row)][:-1] == list(PROGRAM_ROW.__reduce__()[1])
    assert (row.name, row.specialty, row.state, row.priority, row.signal, row.applied) == (
        "Lakeside",
        "Psychiatry",
        "OH",
        4,
        SignalTier.GOLD,
        True,
    )
    assert row.reasons == ("a reason",) and row.shows(p, ("a reason",))
    p.priority = 5
    assert not row.shows(p, ("a reason",))


def test_a_new_row_keeps_the_old_rows_cells_for_the_fields_that_stay():
    """Row.keep_cells_of (issue #18: a run of the rules changes every program's Eligible?
    cell at once): for a change of each shown field, the new row's cells are those a row
    made from scratch shows, and the cells of the other columns are the old row's own."""
    from dataclasses import replace

    from imgwizard.tui.panes.programs import Row

    def look(cells) -> list[tuple[str, str, str]]:
        return [(c.plain, str(c.style), str(c.spans)) for c in cells]

    old = Row.of(program("Lakeside", specialty="Psychiatry", state="OH"), None)
    old.cells()  # as a row the table shows
    changes = {
        "name": "Mercy",
        "reasons": ("a reason", "another"),
        "signal": SignalTier.GOLD,
        "specialty": "Pediatrics",
        "applied": True,
    }
    for column, (name, value) in enumerate(changes.items()):
        new = replace(old, **{name: value})
        new.keep_cells_of(old)
        fresh = replace(old, **{name: value})  # no cells made yet
        assert look(new.cells()) == look(fresh.cells())
        assert new.cells()[column] is not old.cells()[column]
        others = [i for i in range(len(changes)) if i != column]
        assert all(new.cells()[i] is old.cells()[i] for i in others), name
