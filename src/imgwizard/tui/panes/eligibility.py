"""Step 3: ECFMG certification and what programs look at — exams, the clinical and
communication skills requirement, the medical school, visa and US clinical experience.

A long form in sections; it scrolls, so it works at 80x24. Rules that changed are explained
where they bite: Step 1 scores exist only for exams before pass/fail began, Step 2 CS is a past
exam (an old pass still counts, it cannot be taken), OET minimums come from the season with
their confidence.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Collapsible, Static

from imgwizard.model import STEP1_PASS_FAIL_FROM, Exam, Outcome, PathwayStatus, Visa
from imgwizard.rules.eligibility import oet_shortfalls
from imgwizard.tui.panes.base import StepPane
from imgwizard.tui.widgets.fields import (
    BoundCheckbox,
    BoundInput,
    BoundSelect,
    refresh_bound,
    tri_state,
)
from imgwizard.tui.widgets.pane_kit import (
    Explain,
    Section,
    apply_read_only,
    css_beside,
    fact_text,
)

OUTCOMES = [
    ("Not taken", Outcome.NOT_TAKEN),
    ("Scheduled", Outcome.SCHEDULED),
    ("Taken, result pending", Outcome.PENDING),
    ("Passed", Outcome.PASSED),
    ("Failed", Outcome.FAILED),
]
PATHWAYS = [("Not chosen yet", None)] + [(f"Pathway {n}", n) for n in range(1, 7)]
PATHWAY_STATUS = [
    ("Not started", PathwayStatus.NOT_STARTED),
    ("Applied", PathwayStatus.APPLIED),
    ("Accepted", PathwayStatus.ACCEPTED),
    ("Expired", PathwayStatus.EXPIRED),
    ("Not needed (old Step 2 CS pass)", PathwayStatus.NOT_NEEDED),
]
VISAS = [
    ("None: US citizen or permanent resident", Visa.NONE),
    ("J-1", Visa.J1),
    ("H-1B", Visa.H1B),
    ("J-1 or H-1B, either", Visa.J1_OR_H1B),
    ("Not decided yet", Visa.UNDECIDED),
]
OET_SUBTESTS = ("listening", "reading", "writing", "speaking")
# Which Pathway fits, in a line each (ECFMG's 2026 Pathways; see ecfmg.org/certification-pathways).
PATHWAY_HINT = (
    "Which fits? 1: you hold a licence to practise medicine in another country. 2: you passed "
    "a licensure OSCE at an acceptable medical school. 3-5: your school attests to your "
    "clinical skills (which one depends on how the school is accredited). 6: Mini-CEX "
    "evaluations of real patient encounters, if none of 1-5 fits or you failed Step 2 CS. "
    "Check the current Pathways on ecfmg.org before you apply."
)
STEP1_DATE = STEP1_PASS_FAIL_FROM.strftime("%d %b %Y").lstrip("0")


def exam_fields(prefix: str, target: Callable[[], Exam], score_help: str = "") -> ComposeResult:
    """Outcome and date on one line, score and attempts on the next."""
    with Horizontal(classes="pair"):
        yield BoundSelect("Result", target, "outcome", options=OUTCOMES, id=f"{prefix}-outcome")
        yield BoundInput("Date taken", target, "taken_on", kind="date", id=f"{prefix}-date")
    with Horizontal(classes="pair"):
        yield BoundInput(
            "Score",
            target,
            "score",
            kind="int",
            placeholder="e.g. 245",
            help=score_help,
            id=f"{prefix}-score",
        )
        yield BoundInput(
            "Attempts so far",
            target,
            "attempts",
            kind="int",
            placeholder="0",
            id=f"{prefix}-attempts",
        )


class EligibilityPane(StepPane):
    STEP_ID = "eligibility"
    DEFAULT_CSS = css_beside(__file__)

    def compose_body(self) -> ComposeResult:
        exams = lambda: self.dossier.exams  # noqa: E731
        ecfmg = lambda: self.dossier.ecfmg  # noqa: E731
        edu = lambda: self.dossier.education  # noqa: E731
        yield Explain(
            "An IMG needs ECFMG certification to start residency, and programs screen on "
            "exams, graduation year, visa and US clinical experience. Fill in what you have; "
            "the findings list what is still missing."
        )
        yield Static("", id="rules-change", classes="note", markup=False)

        # What the step needs comes first (steps.py "required", plus what programs screen
        # on); the rest is grouped in sections that fold away (Enter on a section's title).
        yield Section("What this step needs")
        yield BoundSelect(
            "Visa you will need for residency",
            lambda: self.dossier.profile,
            "visa",
            options=VISAS,
            id="visa",
        )
        yield BoundInput(
            "Months of US clinical experience (hands-on, in the US)",
            lambda: self.dossier.profile,
            "us_clinical_experience_months",
            kind="int",
            optional=False,
            id="usce-months",
        )
        yield BoundInput("Medical school name", edu, "school_name", id="school-name")
        yield BoundInput("Country of the school", edu, "school_country", id="school-country")
        yield BoundInput(
            "Graduation date", edu, "graduation_date", kind="date", id="graduation-date"
        )

        with Collapsible(title="USMLE Step 1 and Step 2 CK", collapsed=False, id="sec-usmle"):
            yield Section("USMLE Step 1")
            yield from exam_fields(
                "step1",
                lambda: self.dossier.exams.step1,
                score_help=f"Only for a Step 1 taken before {STEP1_DATE}: since then Step 1 "
                "is reported as pass or fail, with no score. Leave it empty otherwise.",
            )
            yield Section("USMLE Step 2 CK")
            yield from exam_fields("step2ck", lambda: self.dossier.exams.step2ck)
            yield Static("", id="attempt-limit", classes="note", markup=False)

        with Collapsible(
            title="Clinical and communication skills (Pathway, OET)",
            collapsed=False,
            id="sec-skills",
        ):
            yield Explain(
                "Met through an ECFMG Pathway together with OET Medicine — or by a Step 2 CS "
                "pass from before the exam ended."
            )
            with Horizontal(classes="pair"):
                yield BoundSelect(
                    "ECFMG Pathway",
                    ecfmg,
                    "pathway",
                    options=PATHWAYS,
                    allow_blank=True,
                    id="pathway",
                )
                yield BoundSelect(
                    "Pathway status",
                    ecfmg,
                    "pathway_status",
                    options=PATHWAY_STATUS,
                    id="pathway-status",
                )
            yield Static(PATHWAY_HINT, id="pathway-hint", classes="note", markup=False)
            yield BoundInput(
                "Pathway valid until",
                ecfmg,
                "pathway_expires_on",
                kind="date",
                id="pathway-expires",
            )
            yield BoundInput(
                "OET Medicine: date of the sitting",
                lambda: self.dossier.exams.oet,
                "taken_on",
                kind="date",
                id="oet-date",
            )
            with Horizontal(classes="pair"):
                for name in OET_SUBTESTS[:2]:
                    yield self._oet_field(name)
            with Horizontal(classes="pair"):
                for name in OET_SUBTESTS[2:]:
                    yield self._oet_field(name)
            yield Static("", id="oet-result", classes="note", markup=False)
            yield BoundCheckbox(
                "I passed Step 2 CS before it ended",
                exams,
                "step2cs_legacy_pass",
                id="step2cs-legacy",
            )
            yield Static(
                "Step 2 CS is a past exam: it ended in 2021 and cannot be taken now. Tick it "
                "only for a pass from before then, which still counts.",
                id="step2cs-note",
                classes="note",
                markup=False,
            )

        with Collapsible(title="Your school in the World Directory", id="sec-school"):
            yield BoundSelect(
                "Listed in the World Directory of Medical Schools?",
                edu,
                "world_directory_listed",
                options=tri_state(),
                allow_blank=True,
                id="wdoms-listed",
            )
            yield BoundSelect(
                "Does the listing carry an ECFMG note (Sponsor Notes tab)?",
                edu,
                "ecfmg_note",
                options=tri_state(),
                allow_blank=True,
                id="ecfmg-note",
            )
            with Horizontal(classes="pair"):
                yield BoundInput(
                    "Note applies from year",
                    edu,
                    "ecfmg_note_from_year",
                    kind="int",
                    id="note-from",
                )
                yield BoundInput(
                    "to year (empty: current)",
                    edu,
                    "ecfmg_note_to_year",
                    kind="int",
                    id="note-to",
                )
            yield BoundCheckbox(
                "ECFMG has verified my medical diploma",
                edu,
                "diploma_verified",
                id="diploma-verified",
            )
            yield BoundCheckbox(
                "ECFMG has verified my final medical school transcript",
                edu,
                "final_transcript_verified",
                id="transcript-verified",
            )

        with Collapsible(title="ECFMG application and certification", id="sec-ecfmg"):
            yield BoundCheckbox(
                "I have submitted my application for ECFMG certification",
                ecfmg,
                "application_submitted",
                id="ecfmg-application",
            )
            yield BoundCheckbox("ECFMG has certified me", ecfmg, "certified", id="certified")
            yield BoundInput("Certified on", ecfmg, "certified_on", kind="date", id="certified-on")
            yield BoundCheckbox(
                "ECFMG has reported my requirements to the NRMP",
                ecfmg,
                "requirements_reported_to_nrmp",
                id="reported-to-nrmp",
            )

        with Collapsible(title="USMLE Step 3 (optional; needed for an H-1B visa)", id="sec-step3"):
            yield from exam_fields("step3", lambda: self.dossier.exams.step3)

    def _oet_field(self, name: str) -> BoundInput:
        return BoundInput(
            f"OET {name}",
            lambda: self.dossier.exams.oet,
            name,
            kind="int",
            placeholder="0-500",
            help=self._oet_minimum(name),
            id=f"oet-{name}",
        )

    def _oet_minimum(self, name: str) -> str:
        return "Minimum: " + fact_text(self.season, f"oet.min_{name}", "not known")

    # -- lines that depend on the season and the answers
    def on_mount(self) -> None:
        for box in self.query(Checkbox):
            box.compact = True
        self._refresh_notes()
        apply_read_only(self, self.read_only)

    def _refresh_notes(self) -> None:
        season = self.season
        step1 = fact_text(season, "usmle.step1_pass_fail_from", STEP1_DATE)
        cs = fact_text(season, "usmle.step2cs_discontinued", "2021")
        self.query_one("#rules-change", Static).update(
            f"Rules that changed: Step 1 is pass/fail for exams from {step1}. Step 2 CS "
            f"was discontinued ({cs}); clinical skills are now shown through an ECFMG "
            "Pathway with OET Medicine. Step 1 and Step 2 CK are booked in the FSMB's USMLE "
            f"portal (from {fact_text(season, 'usmle.fsmb_services_from', '2026')})."
        )
        limit = season.get("usmle.attempt_limit")
        self.query_one("#attempt-limit", Static).update(
            f"USMLE attempts allowed per Step: {limit.display()}."
            if limit is not None
            else "USMLE attempts allowed per Step: not known for this season."
        )
        for name in OET_SUBTESTS:
            help_line = self.query_one(f"#oet-{name} .field-help", Static)
            help_line.update(self._oet_minimum(name))
        short = oet_shortfalls(self.dossier.exams.oet, season)
        line = self.query_one("#oet-result", Static)
        if short is None:
            line.update(
                "OET: enter all four sub-scores of one sitting to compare them with the minimums."
            )
        elif short:
            line.update(
                "OET below the minimum in: " + "; ".join(short) + ". All four must "
                "reach it in the same sitting."
            )
        else:
            line.update("OET: all four sub-scores reach the minimums.")
        line.set_class(bool(short), "-short")

    def findings_changed(self) -> None:
        self._refresh_notes()

    def season_changed(self) -> None:
        self._refresh_notes()

    def reload(self) -> None:
        refresh_bound(self)
        self._refresh_notes()
        apply_read_only(self, self.read_only)
