"""F7 plan: what to do next and by when, grouped overdue / this week / next 30 days / later,
with what is done folded away. Enter on an action opens its step and field.

The screen shows `imgwizard.plan.build_plan`; it decides nothing itself.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from imgwizard.plan import GROUPS, Action, Plan
from imgwizard.steps import step
from imgwizard.tui.screens.dialog import Dialog

_STYLE = {"overdue": "bold red", "this_week": "bold yellow"}

# The wizard's own keys close the plan and do what they do there (go to step 3, next step, the
# budget ...): shown first at start-up, the plan must not stand in the way of someone who
# already knows where they are going.
PASS_THROUGH = frozenset(
    {*"0123456789", "f1", "f2", "f3", "f4", "f5", "f6", "f8"}
    | {"left_square_bracket", "right_square_bracket"}
)


def action_text(action: Action, plan: Plan) -> Text:
    """Two or three lines: what; when, how sure, where, step; what it blocks."""
    st = step(action.step)
    text = Text("• ")
    text.append(action.what)
    if action.how:
        text.append(f"\n→ {action.how}")
    details = f"\n{action.when_text(plan.today)} · {action.where} · step {st.number}"
    text.append(details, style="dim")
    if action.blocks:
        text.append(f"\n! {action.blocks}", style="italic")
    return text


class PlanScreen(Dialog[tuple[str, str] | None]):
    """Dismisses with (step id, field id) of the action chosen, ("", key) for a wizard key
    to replay once the plan is closed, or None."""

    BINDINGS = [
        Binding("q,f7,escape", "close", "Close", id="plan_close"),
        Binding("d", "toggle_done", "Show done", id="plan_toggle_done"),
    ]

    def __init__(self, plan: Plan) -> None:
        super().__init__(classes="modal", id="plan")
        self.plan = plan
        self.show_done = False
        self._targets: dict[str, tuple[str, str]] = {}

    def compose(self) -> ComposeResult:
        grouped = self.plan.grouped()
        counts = ", ".join(
            f"{len(grouped[g])} {title.lower()}" for g, title in GROUPS[:4] if grouped[g]
        )
        with Vertical(classes="dialog full"):
            yield Static(
                f"Plan for Match {self.plan.match_year}: {counts or 'nothing open'}",
                classes="dialog-title",
                markup=False,
            )
            yield Static(
                "↑/↓ choose · Enter opens its step · d shows done · q closes",
                classes="dialog-note",
                markup=False,
            )
            yield OptionList(id="plan-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (q)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#plan-list", OptionList).focus()

    def fill(self) -> None:
        options: list[Option] = []
        self._targets.clear()
        grouped = self.plan.grouped()
        for group, title in GROUPS:
            items = grouped[group]
            if not items:
                continue
            if group == "done" and not self.show_done:
                folded = Text(f"Done: {len(items)} (press d to show)", style="dim")
                options.append(Option(folded, disabled=True))
                continue
            head = Text(f"{title} ({len(items)})", style=_STYLE.get(group, "bold"))
            options.append(Option(head, id=f"head-{group}", disabled=True))
            for action in items:
                options.append(Option(action_text(action, self.plan), id=action.id))
                self._targets[action.id] = (action.step, action.field)
        plan_list = self.query_one("#plan-list", OptionList)
        plan_list.clear_options()
        plan_list.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        plan_list.highlighted = first

    def on_key(self, event: events.Key) -> None:
        if event.key in PASS_THROUGH:
            event.stop()
            event.prevent_default()
            self.dismiss(("", event.key))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target:
            self.dismiss(target)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_toggle_done(self) -> None:
        self.show_done = not self.show_done
        self.fill()

    def action_close(self) -> None:
        self.dismiss(None)
