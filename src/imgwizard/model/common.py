"""Shared pieces of the dossier model: the base class and the small enums."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

# Lone surrogates: what Python makes of bytes that are not UTF-8 (a file name in another
# encoding, a broken paste). They cannot be written to the UTF-8 file, so they are refused here.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_surrogates(value: Any) -> Any:
    texts = value if isinstance(value, list | tuple) else [value]
    for text in texts:
        if isinstance(text, str) and _SURROGATE.search(text):
            raise ValueError(
                "contains bytes that are not valid text (not UTF-8; a file name in another "
                "encoding or a broken paste?): retype it, or rename the file"
            )
    return value


class Record(BaseModel):
    """Base of every dossier part.

    Unknown keys are refused (a typo in a hand-edited file is reported, not silently dropped),
    and assignments are validated so the UI cannot put a bad value into the dossier.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        use_enum_values=False,
        populate_by_name=True,
    )

    @field_validator("*", mode="before")
    @classmethod
    def _valid_text(cls, value: Any) -> Any:
        return _refuse_surrogates(value)


class Outcome(StrEnum):
    NOT_TAKEN = "not_taken"
    SCHEDULED = "scheduled"
    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"


class Visa(StrEnum):
    """What the applicant needs to train in the US."""

    NONE = "none"  # US citizen or permanent resident
    J1 = "j1"
    H1B = "h1b"
    J1_OR_H1B = "j1_or_h1b"
    UNDECIDED = "undecided"


class VisaType(StrEnum):
    J1 = "j1"
    H1B = "h1b"


class DocStatus(StrEnum):
    MISSING = "missing"
    DRAFTING = "drafting"
    READY = "ready"
    UPLOADED = "uploaded"
    NOT_APPLICABLE = "not_applicable"


class SpecialtyRole(StrEnum):
    PRIMARY = "primary"
    BACKUP = "backup"
    PRELIMINARY = "preliminary"


class InterviewFormat(StrEnum):
    VIRTUAL = "virtual"
    IN_PERSON = "in_person"
    HYBRID = "hybrid"


class InterviewStatus(StrEnum):
    INVITED = "invited"
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    WAITLISTED = "waitlisted"


class PathwayStatus(StrEnum):
    NOT_STARTED = "not_started"
    APPLIED = "applied"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    NOT_NEEDED = "not_needed"


class MatchOutcome(StrEnum):
    PENDING = "pending"
    MATCHED = "matched"
    PARTIALLY_MATCHED = "partially_matched"
    UNMATCHED = "unmatched"
    WITHDRAWN = "withdrawn"


class SignalTier(StrEnum):
    """The signal a program gets: none, gold or silver (two-tier specialties) or a plain signal
    (single-tier specialties). Which tiers a specialty has is a season fact."""

    NONE = "none"
    GOLD = "gold"
    SILVER = "silver"
    SIGNAL = "signal"


class CensusDivision(StrEnum):
    """The nine US Census divisions ERAS offers as geographic preferences."""

    NEW_ENGLAND = "new_england"
    MIDDLE_ATLANTIC = "middle_atlantic"
    EAST_NORTH_CENTRAL = "east_north_central"
    WEST_NORTH_CENTRAL = "west_north_central"
    SOUTH_ATLANTIC = "south_atlantic"
    EAST_SOUTH_CENTRAL = "east_south_central"
    WEST_SOUTH_CENTRAL = "west_south_central"
    MOUNTAIN = "mountain"
    PACIFIC = "pacific"


class Setting(StrEnum):
    """The setting preference ERAS offers."""

    NOT_SET = "not_set"
    NO_PREFERENCE = "no_preference"
    URBAN = "urban"
    SUBURBAN = "suburban"
    RURAL = "rural"
