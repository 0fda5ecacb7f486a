"""One module per step, named after the step id, each defining one StepPane subclass named
after the step: `letters` → `LettersPane`, `rank_list` → `RankListPane`. See base.py for the
contract.

`pane_class(step_id)` imports a pane's module only when it is needed, so the first screen does
not pay for the other ten.
"""

from __future__ import annotations

import importlib

from imgwizard.tui.panes.base import StepPane


def pane_class_name(step_id: str) -> str:
    """`rank_list` → `RankListPane`."""
    return "".join(part.capitalize() for part in step_id.split("_")) + "Pane"


def pane_class(step_id: str) -> type[StepPane]:
    module = importlib.import_module(f"imgwizard.tui.panes.{step_id}")
    cls = getattr(module, pane_class_name(step_id))
    if not (isinstance(cls, type) and issubclass(cls, StepPane) and step_id == cls.STEP_ID):
        raise TypeError(f"{module.__name__}.{pane_class_name(step_id)} is not the {step_id} pane")
    return cls
