"""The optimisations made for issue #6 keep behaviour: what is saved is what the dossier holds."""

from __future__ import annotations

import datetime as dt
import threading
import tomllib
from pathlib import Path

import pytest
import tomli_w

from imgwizard import store
from imgwizard.model import Dossier, Interview, Letter, PersonalStatement, Program
from tests.builders import dossier_with

PATH = Path("dossier.toml")


def _dossier(programs: int = 5) -> Dossier:
    return Dossier(
        programs=[Program(id=f"p-{i}", name=f"Program {i}", notes="x") for i in range(programs)],
        interviews=[Interview(program_id="p-1", date=dt.date(2026, 12, 1))],
        letters=[Letter(writer="Dr. A", program_ids=["p-0", "p-1"])],
        personal_statements=[PersonalStatement(specialty="IM", text="line one\nline two")],
    )


def _reference(dossier: Dossier) -> dict:
    """What the file said before the cache: tomli_w over the whole dossier."""
    return tomllib.loads(tomli_w.dumps(store.to_data(dossier)))


EDITS = {
    "one field": lambda d: setattr(d.programs[2], "notes", "changed"),
    "insert first": lambda d: d.programs.insert(0, Program(id="p-new", name="New")),
    "delete middle": lambda d: d.programs.pop(2),
    "reverse": lambda d: d.programs.reverse(),
    "empty the list": lambda d: d.programs.clear(),
    "letter assignment": lambda d: d.letters[0].program_ids.append("p-3"),
    "statement text": lambda d: setattr(d.personal_statements[0], "text", "new text"),
    "back to the start": lambda d: setattr(d.programs[2], "notes", "x"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_dumps_after_an_edit_matches_a_fresh_serialisation(edit):
    dossier = _dossier()
    store.dumps(dossier)  # fills the cache
    EDITS[edit](dossier)
    text = store.dumps(dossier)
    assert store.parse(text, PATH) == dossier
    assert tomllib.loads(text) == _reference(dossier)
    assert text.endswith(store.FOOTER)


def test_edits_in_sequence_are_all_saved():
    dossier = _dossier()
    for name in sorted(EDITS, key=lambda n: n == "empty the list"):  # emptying goes last
        EDITS[name](dossier)
        assert store.parse(store.dumps(dossier), PATH) == dossier, name
    assert dossier.programs == []


def test_two_dossiers_in_turn_do_not_mix():
    a, b = _dossier(3), _dossier(4)
    b.programs[0].name = "Only in b"
    for _ in range(2):
        assert store.parse(store.dumps(a), PATH) == a
        assert store.parse(store.dumps(b), PATH) == b


def test_dumps_from_threads_is_consistent():
    dossiers = [_dossier(3 + i) for i in range(4)]
    failures: list[str] = []

    def work(d: Dossier) -> None:
        for _ in range(20):
            if store.parse(store.dumps(d), PATH) != d:
                failures.append(str(len(d.programs)))

    threads = [threading.Thread(target=work, args=(d,)) for d in dossiers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


async def test_step_keys_during_the_preload_build_each_pane_once(tmp_path):
    """Panes are built in the background after the first screen; a step change that gets
    there first must not build a second copy (DuplicateIds used to end the app)."""
    import sys

    from imgwizard.settings import Settings
    from imgwizard.steps import STEP_IDS
    from imgwizard.tui.app import WizardApp
    from imgwizard.tui.panes.base import StepPane

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import make_large_dossier

    path = tmp_path / "d.toml"
    make_large_dossier.make(path, 30)
    app = WizardApp(path, today=dt.date(2026, 11, 24), settings=Settings(), preload=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*["f4"] * 9, "f3", "f4")
        for _ in range(40):
            await pilot.pause(0.05)
            panes = [p.STEP_ID for p in app.screen.query(StepPane)]
            if len(panes) == len(STEP_IDS):
                break
        assert sorted(panes) == sorted(STEP_IDS)
        assert app.current_step == "match_day"
        assert app.return_code is None  # still running: no crash


async def test_preload_and_a_step_change_racing_for_one_pane_build_it_once(tmp_path):
    import asyncio

    from imgwizard.settings import Settings
    from imgwizard.tui.app import WizardApp
    from imgwizard.tui.panes.base import StepPane
    from imgwizard.tui.screens.wizard import WizardScreen

    app = WizardApp(tmp_path / "d.toml", today=dt.date(2026, 11, 24), settings=Settings())
    app.preload = False
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if isinstance(app.screen, WizardScreen):
                break
        screen = app.screen
        assert isinstance(screen, WizardScreen)
        # The preload's next pane is the first not built: step 2 (step 1 is on screen).
        await asyncio.gather(screen._mount_next_pane(), screen.pane("programs"))
        await pilot.pause()
        ids = [p.STEP_ID for p in screen.query(StepPane)]
        assert ids.count("programs") == 1
        assert app.return_code is None
        await screen.stop_building()


async def test_quitting_while_the_panes_are_built_in_the_background_exits_cleanly(tmp_path):
    import sys

    from imgwizard.settings import Settings
    from imgwizard.tui.app import WizardApp
    from imgwizard.tui.panes.base import StepPane

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import make_large_dossier

    path = tmp_path / "d.toml"
    make_large_dossier.make(path, 30)
    for delay in (0.0, 0.05, 0.1, 0.2):
        app = WizardApp(path, today=dt.date(2026, 11, 24), settings=Settings(), preload=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(delay)
            built = len(app.screen.query(StepPane))
            await pilot.press("f10")
            await pilot.pause()
        assert app.return_code == 0, (delay, built)


async def test_findings_panel_lists_the_first_findings_and_counts_the_rest():
    from textual.app import App

    from imgwizard.rules.findings import Finding, Severity
    from imgwizard.tui.widgets.findings import MAX_SHOWN, FindingsPanel

    findings = [
        Finding(f"programs.x.{i:03}", Severity.WARNING, "programs", f"Problem {i:03}.", "Fix it.")
        for i in range(MAX_SHOWN + 75)
    ] + [Finding("programs.y", Severity.BLOCKER, "programs", "The blocker.", "Fix first.")]

    class Host(App[None]):
        def compose(self):
            yield FindingsPanel()

    async with Host().run_test(size=(80, 24)) as pilot:
        panel = pilot.app.query_one(FindingsPanel)
        panel.show("Research programs", findings)
        await pilot.pause()
        lines = panel.plain.splitlines()
        assert lines[0] == f"Checks for this step: 1 blocker, {MAX_SHOWN + 75} warnings"
        assert "The blocker." in lines[1]  # blockers first, always shown
        assert sum("Problem" in line for line in lines) == MAX_SHOWN - 1
        assert lines[-1] == "… and 76 more: F2 (Review) lists every finding."


def _started_by_dumping(step, dossier) -> bool:
    """The sidebar's first definition: dump the step's fields and compare with a new dossier."""
    from imgwizard import progress

    data = progress._strip(dossier.model_dump(mode="json", include=set(step.fields)))
    defaults = progress._defaults()
    return any(data.get(part) != defaults.get(part) for part in step.fields)


_edited = dossier_with


STARTED_CASES = {
    "new": Dossier(),
    "target year only (ignored)": _edited(profile__target_match_year=2027),
    "a name": _edited(profile__full_name="A"),
    "one empty program": _edited(programs=[Program()]),
    "backup plan": _edited(backup_plan="x"),
    "NRMP registered": _edited(nrmp__registered=True),
    "an interview": _edited(interviews=[Interview()]),
    "a letter": _edited(letters=[Letter()]),
    "everything": _dossier(),
}


@pytest.mark.parametrize("case", list(STARTED_CASES))
def test_sidebar_started_answers_as_the_full_dump_did(case):
    from imgwizard.progress import started
    from imgwizard.steps import STEPS

    dossier = STARTED_CASES[case]
    assert [started(s, dossier) for s in STEPS] == [_started_by_dumping(s, dossier) for s in STEPS]
