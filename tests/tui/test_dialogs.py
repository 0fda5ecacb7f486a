"""A dialog closes once (tui/screens/dialog.py): keys typed quickly after the key that closed
it must not close the screen underneath. Two F4 on the plan in a terminal used to pop the
wizard and then end the app with ScreenStackError."""

from __future__ import annotations

import pytest

from imgwizard import store
from imgwizard.demo import demo_dossier
from imgwizard.tui.screens.budget import BudgetScreen
from imgwizard.tui.screens.dialog import Dialog
from imgwizard.tui.screens.plan import PlanScreen
from imgwizard.tui.screens.review import ReviewScreen
from tests.conftest import make_wizard


@pytest.mark.parametrize("key", ["f7", "f2", "f8"])
async def test_a_second_dismiss_leaves_the_wizard_in_place(tmp_path, key):
    path = tmp_path / "d.toml"
    store.save(path, demo_dossier())
    app = make_wizard(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlanScreen | ReviewScreen | BudgetScreen)
        assert isinstance(dialog, Dialog)
        dialog.dismiss(None)  # the key that closes it ...
        dialog.dismiss(None)  # ... and one typed right after, still aimed at it
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.wizard
        before = app.current_step
        await pilot.press("f4")  # the wizard still answers
        await pilot.pause()
        assert app.current_step != before
    assert app.return_code in (None, 0)


def test_every_dialog_of_the_wizard_is_a_dialog():
    import importlib
    import pkgutil

    from textual.screen import ModalScreen

    import imgwizard.tui.screens as screens

    found = []
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, ModalScreen)
                and value.__module__ == module.__name__
            ):
                found.append(value)
                assert issubclass(value, Dialog), value
    assert len(found) >= 10
