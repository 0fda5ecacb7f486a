"""F1 help: the keys, what the current step is for and where the official word is."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from imgwizard.season import Season
from imgwizard.steps import Step

# Facts the eligibility note is made of: (season key, what it means in our words).
RULES_CHANGES = (
    (
        "usmle.step2cs_discontinued",
        "Step 2 CS (Clinical Skills) is no longer offered, since",
        "A legacy pass still counts; nobody can take it now.",
    ),
    (
        "usmle.step1_pass_fail_from",
        "Step 1 is reported as pass/fail only for exams taken from",
        "Older Step 1 results keep their three-digit score.",
    ),
    (
        "usmle.attempt_limit_from",
        "The limit on attempts per Step applies from",
        "",
    ),
    (
        "oet.writing_300_from",
        "ECFMG asks for an OET writing score of at least 300 for tests from",
        "",
    ),
)


def rules_change_note(season: Season) -> Text:
    """What changed in the exam rules, with the dates from the season (confidence shown)."""
    text = Text()
    text.append("What changed in the rules\n", style="bold")
    for key, label, after in RULES_CHANGES:
        fact = season.get(key)
        if fact is None:
            continue
        text.append(f"  • {label} {fact.display()}.")
        if after:
            text.append(f" {after}")
        text.append("\n")
    limit = season.get("usmle.attempt_limit")
    if limit is not None:
        text.append(f"  • Attempts allowed per Step: {limit.display()}.\n")
    text.append(
        "  • The clinical and communication skills requirement is now met through an ECFMG "
        "Pathway together with OET Medicine (the English test for health professionals)"
    )
    scores = [season.get(f"oet.min_{part}") for part in ("listening", "reading", "speaking")]
    writing = season.get("oet.min_writing")
    if all(scores) and writing:
        text.append(
            f"; minimum scores: listening, reading and speaking {scores[0].display()}, "  # type: ignore[union-attr]
            f"writing {writing.display()}"
        )
    text.append(".")
    return text


# What each of the wizard's actions does, for the key list.
KEY_HELP = {
    "help": "this help",
    "review": "review every finding of every step; Enter opens a step",
    "previous_step": "previous step",
    "next_step": "next step",
    "toggle_sidebar": "hide or show the step list",
    "focus_sidebar": "go to the step list (arrows and Enter choose a step)",
    "quit": "save and quit",
}


def keys_text(rows: Iterable[tuple[str, str, str]]) -> Text:
    text = Text()
    text.append("Keys", style="bold")
    text.append("   (binding ids in brackets: change keys in the settings file's [keymap])")
    for keys, description, ids in rows:
        text.append(f"\n  {keys:<18}", style="bold")
        text.append(description)
        if ids:
            text.append(f"  [{ids}]", style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("q,f1,escape", "close", "Close", id="help_close")]

    def __init__(
        self,
        step: Step,
        season: Season,
        keys: list[tuple[str, str, str]],
        data_path: str,
        settings_path: str,
    ) -> None:
        super().__init__(classes="modal")
        self.step, self.season, self.keys = step, season, keys
        self.data_path, self.settings_path = data_path, settings_path

    def compose(self) -> ComposeResult:
        step = self.step
        about = Text()
        about.append(f"Step {step.number} of 11 — {step.title}\n", style="bold")
        about.append(f"{step.purpose}\n")
        about.append("Official source: ", style="bold")
        about.append(step.source)
        with Vertical(classes="dialog wide"):
            yield Static("Help", classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll", id="help-scroll"):
                yield Static(about, classes="dialog-body", markup=False)
                if step.id == "eligibility":
                    yield Static(
                        rules_change_note(self.season), classes="dialog-body", markup=False
                    )
                yield Static(keys_text(self.keys), classes="dialog-body", markup=False)
                where = Text()
                where.append("Your data\n", style="bold")
                where.append(f"  {self.data_path}\n")
                where.append("  Every change is saved a moment after you make it.\n")
                where.append("Settings (theme, keys)\n", style="bold")
                where.append(f"  {self.settings_path}")
                yield Static(where, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (q)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
