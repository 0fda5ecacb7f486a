"""Command palette (ctrl+p): "Go to step N — Title" for every step, plus help and review."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from imgwizard.steps import STEPS


class StepCommands(Provider):
    def _commands(self):
        app = self.app
        for s in STEPS:
            yield (
                f"Go to step {s.number} — {s.title}",
                partial(app.run_action, f"go_to_step('{s.id}')"),
                s.purpose,
            )
        plan = partial(app.run_action, "show_plan")
        yield ("Plan: what to do next, by when", plan, "Overdue, this week, next 30 days, later")
        budget = partial(app.run_action, "show_budget")
        yield ("Budget: what the season costs", budget, "Every fee, paid and still to pay")
        review = partial(app.run_action, "show_review")
        yield ("Review all findings", review, "Every finding, grouped by step")
        help_ = partial(app.run_action, "show_wizard_help")
        yield ("Help", help_, "Keys, and what this step is for")

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
