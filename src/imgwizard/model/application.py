"""Where the applicant applies: specialties, programs, NRMP, ERAS, interviews, ranks, result."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated

from pydantic import Field, field_validator

from imgwizard.model.common import (
    CensusDivision,
    InterviewFormat,
    InterviewStatus,
    MatchOutcome,
    Record,
    Setting,
    SignalTier,
    SpecialtyRole,
    VisaType,
    empty_list,
)

ShortText = Annotated[str, Field(max_length=500)]
LongText = Annotated[str, Field(max_length=200_000)]


def new_program_id() -> str:
    """A short id that stays stable when a program is renamed."""
    return "p-" + secrets.token_hex(4)


class Specialty(Record):
    name: ShortText = ""
    role: SpecialtyRole = SpecialtyRole.PRIMARY


class Program(Record):
    id: str = Field(default_factory=new_program_id, pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    name: ShortText = ""
    specialty: ShortText = ""
    acgme_id: str = Field("", pattern=r"^([0-9A-Za-z.-]{1,20})?$")
    city: ShortText = ""
    state: ShortText = ""
    # What the program asks (empty = not stated / not known).
    visas_sponsored: list[VisaType] = Field(default_factory=empty_list)
    visa_policy_known: bool = False
    max_years_since_graduation: Annotated[int, Field(ge=0, le=60)] | None = None
    min_step2ck_score: Annotated[int, Field(ge=1, le=300)] | None = None
    min_usce_months: Annotated[int, Field(ge=0, le=120)] | None = None
    max_attempts: Annotated[int, Field(ge=1, le=10)] | None = None
    letters_required: Annotated[int, Field(ge=0, le=10)] | None = None
    requires_step3: bool = False
    # The applicant's own view of it.
    priority: Annotated[int, Field(ge=1, le=5)] = 3
    signal: SignalTier = SignalTier.NONE
    applied: bool = False
    applied_on: dt.date | None = None
    notes: LongText = ""

    @field_validator("visas_sponsored")
    @classmethod
    def _unique_visas(cls, value: list[VisaType]) -> list[VisaType]:
        return sorted(set(value))

    @property
    def signalled(self) -> bool:
        return self.signal is not SignalTier.NONE


class GeographicPreferences(Record):
    """What the applicant tells programs in MyERAS about where they want to train."""

    divisions: list[CensusDivision] = Field(default_factory=empty_list, max_length=9)
    no_division_preference: bool = False
    division_explanation: LongText = ""
    setting: Setting = Setting.NOT_SET
    setting_explanation: LongText = ""

    @field_validator("divisions")
    @classmethod
    def _unique_divisions(cls, value: list[CensusDivision]) -> list[CensusDivision]:
        return list(dict.fromkeys(value))


class Nrmp(Record):
    registered: bool = False
    registered_on: dt.date | None = None
    nrmp_id: str = Field("", pattern=r"^([A-Za-z]?[0-9]{5,9})?$")
    fee_paid: bool = False
    mpa_signed: bool = False  # Match Participation Agreement


class Eras(Record):
    token_obtained: bool = False
    myeras_registered: bool = False
    submitted: bool = False
    submitted_on: dt.date | None = None
    # Set when the user marked the application submitted although something the gate needs
    # (imgwizard.gate: token, application, statement, programs) was not recorded as in place,
    # after an explicit confirmation.
    submitted_despite_blockers: bool = False


class Interview(Record):
    program_id: str = ""
    program_name: ShortText = ""
    invited_on: dt.date | None = None
    date: dt.date | None = None
    format: InterviewFormat = InterviewFormat.VIRTUAL
    status: InterviewStatus = InterviewStatus.INVITED
    thank_you_sent: bool = False
    prep_done: list[str] = Field(default_factory=empty_list, description="Checklist items done")
    notes: LongText = ""


def _no_duplicate_ranks(value: list[str]) -> list[str]:
    seen: set[str] = set()
    for pid in value:
        if pid in seen:
            raise ValueError(f"program {pid!r} is ranked twice: each program once")
        seen.add(pid)
    return value


class RankListVersion(Record):
    """An earlier state of the rank order list, kept when the list changed after it was first
    certified (R3 keeps no history)."""

    program_ids: list[str] = Field(default_factory=empty_list, max_length=300 * 2)
    saved_on: dt.date
    certified: bool = False
    certified_on: dt.date | None = None

    _no_duplicates = field_validator("program_ids")(_no_duplicate_ranks)


class RankList(Record):
    program_ids: list[str] = Field(default_factory=empty_list, max_length=300 * 2)
    certified: bool = False
    certified_on: dt.date | None = None
    # The applicant's own target length (no invented probabilities): a note when shorter.
    target_length: Annotated[int, Field(ge=1, le=600)] | None = None
    history: list[RankListVersion] = Field(default_factory=empty_list, max_length=1000)

    _no_duplicates = field_validator("program_ids")(_no_duplicate_ranks)


class MatchResult(Record):
    outcome: MatchOutcome = MatchOutcome.PENDING
    matched_program_id: str = ""
    soap_participating: bool = False
    notes: LongText = ""


class SoapProgram(Record):
    """A program the applicant prepares to apply to in SOAP, should they need it."""

    name: ShortText = ""
    specialty: ShortText = ""
    state: ShortText = ""
    notes: LongText = ""


class SoapPlan(Record):
    """What the applicant prepares ahead of Match Week in case they do not match."""

    programs: list[SoapProgram] = Field(default_factory=empty_list, max_length=300)
    documents_refreshed: list[str] = Field(default_factory=empty_list, max_length=20)


Dollars = Annotated[int, Field(ge=0, le=1_000_000, description="whole US dollars")]


class Budget(Record):
    """The applicant's own cost numbers; empty means "use the labelled planning default"."""

    in_person_interview_cost: Dollars | None = Field(
        None, description="Travel and stay for one in-person interview"
    )
    virtual_setup_cost: Dollars | None = Field(
        None, description="Camera, light, headset, a quiet room: once for all virtual interviews"
    )
    paid: list[str] = Field(
        default_factory=empty_list, description="Cost lines (budget line ids) you have paid"
    )
