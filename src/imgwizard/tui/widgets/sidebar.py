"""The step sidebar: eleven rows, each with number, title and status as glyph *and* word.

A step's status is derived from the findings and the dossier every time (imgwizard.progress,
shared with the export and `check`); nothing stores it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from imgwizard.model import Dossier
from imgwizard.progress import StepStatus, findings_by_step, started, step_status, step_statuses
from imgwizard.rules.findings import Finding
from imgwizard.steps import STEPS, Step
from imgwizard.tui.messages import GoToStep

__all__ = ["StepSidebar", "StepStatus", "started", "step_status"]


class StepSidebar(OptionList):
    """Arrows move, Enter (or a click) opens the step. `narrow` shows each step's short name
    and its glyph on one line (80 columns have room for them)."""

    DEFAULT_CSS = """
    StepSidebar { height: 1fr; }
    """

    def __init__(self, current: str, **kwargs: Any) -> None:
        super().__init__(*[Option(Text(s.title), id=s.id) for s in STEPS], **kwargs)
        self.current = current
        self.narrow = False
        self.statuses: dict[str, StepStatus] = {}
        self._shown: dict[str, Text] = {}

    def update_status(
        self,
        dossier: Dossier,
        findings: list[Finding],
        current: str,
        statuses: dict[str, StepStatus] | None = None,
    ) -> None:
        """`statuses`: worked out with the findings (CheckResult.statuses, in the rules'
        worker at 3,000 programs); without them they are worked out here."""
        self.current = current
        if statuses is None:
            statuses = step_statuses(dossier, findings_by_step(findings))
        self.statuses = statuses
        self._render_rows()

    def set_current(self, current: str) -> None:
        """Move the current-step mark; the statuses stay (nothing they depend on changed)."""
        if current != self.current:
            self.current = current
            self._render_rows()

    def set_narrow(self, narrow: bool) -> None:
        if narrow != self.narrow:
            self.narrow = narrow
            self._render_rows()

    def _row(self, step: Step) -> Text:
        status = self.statuses.get(step.id, StepStatus("○", "not started"))
        here = step.id == self.current
        style = "bold" if here else ""
        mark = "▸" if here else " "
        if self.narrow:
            return Text.assemble(
                (f"{mark}{step.number:>2} {step.short or step.title:<11} ", style), status.short
            )
        left = f" · {len(status.missing)} to fill in" if status.missing else ""
        return Text.assemble(
            (f"{mark}{step.number:>2} {step.title}", style),
            "\n",
            f"    {status.text}{left}",
        )

    def _render_rows(self) -> None:
        changed = []
        for index, step in enumerate(STEPS):
            row = self._row(step)
            if self._shown.get(step.id) != row:  # each replaced row costs a layout pass
                self._shown[step.id] = row
                changed.append((index, row))
        if changed:
            self._replace_prompts(changed)
        index = self.get_option_index(self.current)
        old = self.highlighted
        if old != index:
            # As `self.highlighted = index` does, without its repaint of every row (the
            # reactive refreshes the whole list): only the rows that lose and gain the
            # highlight are drawn again.
            self.set_reactive(OptionList.highlighted, index)
            self.watch_highlighted(index)
            self._refresh_rows([index] if old is None else [old, index])

    def _refresh_rows(self, indexes: list[int]) -> None:
        """Draw these rows again (the others keep what they drew); all if not measured yet."""
        lines = self._line_cache
        if not lines.lines or any(i not in lines.index_to_line for i in indexes):
            self.refresh()
            return
        for index in indexes:
            self.refresh_lines(lines.index_to_line[index], lines.heights[index])

    def _replace_prompts(self, changed: list[tuple[int, Text]]) -> None:
        """replace_option_prompt for several rows, keeping what is still valid.

        OptionList.replace_option_prompt throws away every row's rendering and the map of
        lines, so the next paint measures and renders all eleven rows again, once per
        replaced row's call: moving the mark (two rows) cost 2-4 ms per step change. When
        every replaced row keeps its height, only those rows are rendered again."""
        lines = self._line_cache
        if not lines.lines or not self.scrollable_content_region:
            for index, row in changed:  # not measured yet: nothing to keep
                self.replace_option_prompt_at_index(index, row)
            return
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        same_heights = True
        for index, row in changed:
            option = self.options[index]
            option._set_prompt(row)
            cached = self._option_render_cache.keys()  # an LRUCache: no __iter__
            for key in [k for k in cached if k[0] is option]:
                self._option_render_cache.discard(key)
            height = self._get_visual(option).get_height(self.styles, width - padding.width)
            if height + option._divider != lines.heights.get(index):
                same_heights = False
        if same_heights:
            self._refresh_rows([index for index, _ in changed])
        else:
            self._clear_caches()

    async def _on_key(self, event: events.Key) -> None:
        # A letter is one of the shown step's keys ("a add" …): it goes to the step, which
        # gets the focus, so the keys on screen work without a Tab first. Digits stay here.
        char = event.character
        if char and len(event.key) == 1 and char.isalpha():
            hand_over = getattr(self.screen, "hand_key_to_pane", None)
            if hand_over is not None and hand_over(event.key, char):
                event.stop()
                event.prevent_default()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(GoToStep(event.option.id))
