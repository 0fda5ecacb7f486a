"""F1 help: the keys, what the current step is for and where the official word is."""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style as RichStyle
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from imgwizard.season import Season
from imgwizard.steps import Step
from imgwizard.tui.screens.dialog import Dialog


def rules_change_note(season: Season) -> Text:
    """What changed in the exam rules, in our words, with the dates and numbers from the season
    (each shown with its confidence when it is not official)."""

    def fact(key: str) -> str | None:
        found = season.get(key)
        return found.display() if found is not None else None

    lines = []
    if cs := fact("usmle.step2cs_discontinued"):
        lines.append(
            f"Step 2 CS (Clinical Skills) was discontinued on {cs}: nobody can take it now. "
            "A past pass that is still valid for certification still counts."
        )
    if p_f := fact("usmle.step1_pass_fail_from"):
        lines.append(
            f"Step 1 is reported as pass/fail only for exams taken from {p_f}; earlier exams "
            "keep their three-digit score."
        )
    if fsmb := fact("usmle.fsmb_services_from"):
        lines.append(
            f"Since {fsmb}, IMGs register for Step 1 and Step 2 CK, get scheduling permits and "
            "score reports in the FSMB's USMLE portal, not MyIntealth. ECFMG keeps "
            "certification, Pathways, J-1 sponsorship and ERAS support."
        )
    passing, since_ck = (
        fact("usmle.step2ck_passing_score"),
        fact("usmle.step2ck_passing_score_from"),
    )
    if passing:
        before = fact("usmle.step2ck_passing_score_before")
        when = f" for tests from {since_ck}" if since_ck else ""
        earlier = f" ({before} before that)" if before else ""
        lines.append(f"Step 2 CK passing score: {passing}{when}{earlier}.")
    lines.append(
        "Whether your school's accreditor is recognized (WFME is one recognizing body) is noted "
        "on its World Directory listing and your ECFMG Status Report; it is not a requirement "
        "for your own certification."
    )
    limit, since = fact("usmle.attempt_limit"), fact("usmle.attempt_limit_from")
    if limit:
        when = f" for applications from {since}" if since else ""
        lines.append(
            f"At most {limit} attempts per Step{when}, incomplete attempts included; the "
            "limit used to be higher."
        )
    parts = ("listening", "reading", "speaking", "writing")
    oet_facts = [season.get(f"oet.min_{part}") for part in parts]
    skills = (
        "The clinical and communication skills requirement is now met through an ECFMG "
        "Pathway with OET Medicine, the English test for health professionals (all four "
        "sub-tests in one sitting)"
    )
    if all(oet_facts):
        writing_from = fact("oet.writing_300_from")
        since_text = f" for tests from {writing_from}" if writing_from else ""
        scores = ", ".join(
            f"{part} {f.value_text()}"  # type: ignore[union-attr]
            for part, f in zip(parts, oet_facts, strict=True)
        )
        skills += f"; minimum scores{since_text}: {scores}"
        # One confidence for the four scores when they share it, rather than four times.
        confidences = {f.confidence for f in oet_facts}  # type: ignore[union-attr]
        first = oet_facts[0]
        if len(confidences) == 1 and not first.is_official:  # type: ignore[union-attr]
            skills += f" ({first.display().split(' · ', 1)[1]})"  # type: ignore[union-attr]
        elif len(confidences) > 1:
            skills += " (" + ", ".join(f.display() for f in oet_facts) + ")"  # type: ignore[union-attr]
    lines.append(skills + ".")
    text = Text()
    text.append("What changed in the rules", style="bold")
    for line in lines:
        text.append(f"\n  • {line}")
    return text


# What each of the wizard's actions does, for the key list.
KEY_HELP = {
    "help": "this help",
    "review": "review every finding of every step; Enter opens a step",
    "previous_step": "previous step",
    "next_step": "next step",
    "toggle_sidebar": "hide or show the step list",
    "focus_sidebar": "go to the step list (arrows and Enter choose a step)",
    "plan": "the plan: what to do next and by when; Enter opens the step and field",
    "budget": "the budget: every cost of the season, paid and still to pay",
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


class HelpScreen(Dialog[None]):
    """The help, as tall as the screen; its text has focus, so arrows and Page Up / Down
    scroll it at once (at 80x24 it does not fit)."""

    BINDINGS = [Binding("q,f1,escape", "close", "Close", id="help_close")]
    DEFAULT_CSS = """
    HelpScreen .dialog { height: 100%; }
    HelpScreen #help-scroll:focus { border-left: thick $accent; }
    """

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
        about.append(step.source, style=RichStyle(link=step.source))
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
        self.query_one("#help-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
