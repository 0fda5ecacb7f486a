"""One module per step, each defining `Pane`, a StepPane subclass. See base.py for the contract.

`pane_class(step_id)` imports a pane's module only when it is needed, so the first screen does
not pay for the other ten.
"""

from __future__ import annotations

import importlib

from imgwizard.tui.panes.base import StepPane


def pane_class(step_id: str) -> type[StepPane]:
    module = importlib.import_module(f"imgwizard.tui.panes.{step_id}")
    return module.Pane
