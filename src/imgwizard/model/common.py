"""Shared pieces of the dossier model: the base class and the small enums."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

# Lone surrogates: what Python makes of bytes that are not UTF-8 (a file name in another
# encoding, a broken paste). They cannot be written to the UTF-8 file, so they are refused here.
_SURROGATE = re.compile("[\ud800-\udfff]")


_NOT_TEXT = (
    "contains bytes that are not valid text (not UTF-8; a file name in another encoding or a "
    "broken paste?): retype it, or rename the file"
)


def _has_surrogates(value: Any) -> bool:
    return isinstance(value, str) and _SURROGATE.search(value) is not None


def _is_surrogate_error(error: Any) -> bool:
    return error["type"] == "string_unicode" or (
        error["type"] != "not_text" and _has_surrogates(error.get("input"))
    )


def _plain_surrogate_errors(exc: ValidationError) -> ValidationError | None:
    """The same errors, with pydantic's "unable to parse raw data as a unicode string" (or "not
    a valid path") for a lone surrogate said in words the applicant can act on; None when no
    error is about one (the original is then raised untouched)."""
    errors = exc.errors()
    if not any(_is_surrogate_error(error) for error in errors):
        return None
    details: list[InitErrorDetails] = []
    for error in errors:
        if _is_surrogate_error(error):
            kind = PydanticCustomError("not_text", _NOT_TEXT)
        else:  # already formatted: kept word for word, its context alongside
            kind = PydanticCustomError(error["type"], error["msg"], error.get("ctx"))
        details.append({"type": kind, "loc": error["loc"], "input": error.get("input")})
    return ValidationError.from_exception_data(exc.title, details)


T = TypeVar("T")


# Default factories as plain functions. Pydantic inspects each factory's signature when it
# builds a class (does it take the validated data?): for `list` that parses the builtin's text
# signature with the tokenize module, and for a model class it builds the class's signature;
# ~13 ms of CPU at every start (`imgwizard check` included) for the 40 factories here.
def empty_list() -> list[Any]:
    return []


def new(cls: Callable[[], T]) -> Callable[[], T]:
    """`Field(default_factory=new(Profile))`: a fresh `Profile()` per record."""

    def make() -> T:
        return cls()

    make.__qualname__ = f"new({getattr(cls, '__qualname__', cls)})"
    return make


class Record(BaseModel):
    """Base of every dossier part.

    Unknown keys are refused (a typo in a hand-edited file is reported, not silently dropped),
    and assignments are validated so the UI cannot put a bad value into the dossier.

    Lone surrogates (what Python makes of bytes that are not UTF-8: a file name in another
    encoding, a broken paste) cannot be written to the UTF-8 file. `str_max_length` gives every
    text field, however nested (list items, dict keys, optional text), a length constraint, and
    pydantic-core then reads the text as UTF-8 in Rust, which refuses them; the model wrap
    validator only rewords that error. It replaced a Python `field_validator("*")` that ran for
    every field of every record: 53,000 Python calls to load 3,000 programs.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        use_enum_values=False,
        populate_by_name=True,
        str_max_length=1 << 30,  # no real limit: the constraint makes the Rust UTF-8 check run
    )

    @model_validator(mode="wrap")
    @classmethod
    def _valid_text(cls, value: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        try:
            return handler(value)
        except ValidationError as exc:
            plain = _plain_surrogate_errors(exc)
            if plain is None:
                raise
            raise plain from None


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
