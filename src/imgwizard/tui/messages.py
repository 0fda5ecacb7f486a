"""Messages the shell and the panes exchange.

They go up the DOM (pane → screen → app); what goes down is announced by the signals on
`ShellApp` (tui/shell.py). The app and the wizard screen do not call back and forth."""

from __future__ import annotations

from textual.message import Message


class DossierEdited(Message):
    """A pane changed the dossier in place. The app saves (debounced, off the UI thread) and
    re-runs the rules; panes never save or check by themselves."""

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id


class GoToStep(Message):
    """Ask the shell to show a step (from the sidebar, the review screen, a finding, a key).

    `focus_pane`: True moves focus to the pane's first field (the user wants to work on it);
    None leaves it on the sidebar if it is there."""

    def __init__(self, step_id: str, *, focus_pane: bool | None = True) -> None:
        super().__init__()
        self.step_id = step_id
        self.focus_pane = focus_pane


class StepBy(Message):
    """Ask the shell to show the next (+1) or previous (-1) step."""

    def __init__(self, delta: int) -> None:
        super().__init__()
        self.delta = delta


class ShowHelp(Message):
    """Ask the shell for the help screen of the current step."""


class ShowReview(Message):
    """Ask the shell for the review of every finding."""


class ShowPlan(Message):
    """Ask the shell for the plan: what to do next, by when."""


class ShowBudget(Message):
    """Ask the shell for the budget: every cost of the season."""
