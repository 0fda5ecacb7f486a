"""The base of imgwizard's dialogs: a dialog closes once.

Textual's `Screen.dismiss` pops whatever screen is on top. Keys typed quickly reach a dialog
after it has closed itself (two F4 on the plan: the first closes it, the second arrived before
the screen was gone), so the second dismiss popped the wizard underneath and the third ended
the app with ScreenStackError (seen in a terminal, 3 of 3 tries). Here a dialog that is closing
or not on top ignores a further dismiss (tests/tui/test_dialogs.py).
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

R = TypeVar("R")


class Dialog(ModalScreen[R]):
    _dismissing = False

    def dismiss(self, result: R | None = None) -> AwaitComplete:
        if self._dismissing or not self.is_attached or self.app.screen is not self:
            return AwaitComplete()  # closed already: the keys that follow change nothing
        self._dismissing = True
        return super().dismiss(result)
