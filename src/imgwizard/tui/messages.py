"""Messages the shell and the panes exchange."""

from __future__ import annotations

from textual.message import Message


class DossierEdited(Message):
    """A pane changed the dossier in place. The app saves (debounced, off the UI thread) and
    re-runs the rules; panes never save or check by themselves."""

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id


class GoToStep(Message):
    """Ask the shell to show a step (from the review screen, a finding, a link in a pane)."""

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id
