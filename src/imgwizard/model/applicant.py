"""Who the applicant is: profile, medical education, exams and ECFMG certification."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from imgwizard.model.common import Outcome, PathwayStatus, Record, Visa, new

# Step 1 became pass/fail for exams taken on or after this date (usmle.org, official).
# It is a fact of the exam's history, not of a Match season, so it lives with the model
# that enforces it; the season files repeat it with its source for display.
STEP1_PASS_FAIL_FROM = dt.date(2022, 1, 26)

Year = Annotated[int, Field(ge=1950, le=2100)]
Months = Annotated[int, Field(ge=0, le=240)]
Attempts = Annotated[int, Field(ge=0, le=20)]
Score3 = Annotated[int, Field(ge=1, le=300, description="USMLE three-digit score")]
OetScore = Annotated[int, Field(ge=0, le=500, description="OET sub-test score, 0 to 500")]


class Profile(Record):
    full_name: str = Field("", max_length=200_000)
    email: str = Field("", max_length=320)
    citizenship: str = Field("", max_length=200)
    usmle_id: str = Field(
        "",
        pattern=r"^([0-9][0-9-]{6,10})?$",
        description="USMLE/ECFMG identification number: 7 or 8 digits, dashes allowed",
    )
    visa: Visa = Visa.UNDECIDED
    us_clinical_experience_months: Months = 0
    target_match_year: Year | None = Field(
        None, description="The Match (March of this year) the applicant is aiming for"
    )

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str) -> str:
        if value and ("@" not in value or value.startswith("@") or value.endswith("@")):
            raise ValueError("an e-mail address looks like name@example.org")
        return value


class Education(Record):
    school_name: str = Field("", max_length=500)
    school_country: str = Field("", max_length=200)
    # None means "I have not checked yet"; False means "checked, and it is not".
    world_directory_listed: bool | None = None
    ecfmg_note: bool | None = Field(
        None, description="The World Directory listing carries an ECFMG note (Sponsor Notes tab)"
    )
    ecfmg_note_from_year: Year | None = None
    ecfmg_note_to_year: Year | None = Field(None, description="Empty when the note says 'current'")
    graduation_date: dt.date | None = None
    diploma_verified: bool = False
    final_transcript_verified: bool = False

    @model_validator(mode="after")
    def _note_years_in_order(self) -> Education:
        lo, hi = self.ecfmg_note_from_year, self.ecfmg_note_to_year
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(
                f"ECFMG note years run backwards ({lo} to {hi}): the first year must come first"
            )
        return self


class Exam(Record):
    outcome: Outcome = Outcome.NOT_TAKEN
    taken_on: dt.date | None = None
    score: Score3 | None = None
    attempts: Attempts = 0


class Step1(Exam):
    @model_validator(mode="after")
    def _pass_fail_only(self) -> Step1:
        if self.score is not None and self.taken_on and self.taken_on >= STEP1_PASS_FAIL_FROM:
            raise ValueError(
                "Step 1 taken on or after 26 Jan 2022 is reported as pass/fail only: "
                "leave the score empty"
            )
        return self


class Oet(Record):
    """OET Medicine, the English test every ECFMG Pathway requires."""

    taken_on: dt.date | None = None
    listening: OetScore | None = None
    reading: OetScore | None = None
    writing: OetScore | None = None
    speaking: OetScore | None = None


class Exams(Record):
    step1: Step1 = Field(default_factory=new(Step1))
    step2ck: Exam = Field(default_factory=new(Exam))
    step3: Exam = Field(default_factory=new(Exam))
    oet: Oet = Field(default_factory=new(Oet))
    # Step 2 CS ended in January 2021; an old pass can still count for clinical skills.
    step2cs_legacy_pass: bool = False


class Ecfmg(Record):
    """ECFMG certification: the components and what ECFMG has reported."""

    application_submitted: bool = False
    pathway: Annotated[int, Field(ge=1, le=6)] | None = None
    pathway_status: PathwayStatus = PathwayStatus.NOT_STARTED
    pathway_expires_on: dt.date | None = None
    requirements_reported_to_nrmp: bool = False
    certified: bool = False
    certified_on: dt.date | None = None
