"""Documents: what the file keeps is where each document is and how far along it is.

Never the contents of a PDF or photo; the personal statement may be kept as text because
applicants write it inside the wizard.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator

from imgwizard.model.common import DocStatus, Record, empty_list, new

MAX_TEXT = 200_000


def _clean_path(value: str) -> str:
    if "\x00" in value:
        raise ValueError("a file path cannot contain a NUL character")
    return value.strip()


class Document(Record):
    path: str = Field("", max_length=4096)
    status: DocStatus = DocStatus.MISSING
    uploaded_on: dt.date | None = None
    notes: str = Field("", max_length=MAX_TEXT)

    @field_validator("path")
    @classmethod
    def _path_ok(cls, value: str) -> str:
        return _clean_path(value)


class UsmleTranscriptRelease(Record):
    """The USMLE transcript is not a file the applicant has: it is a release they authorize in
    MyERAS (USMLE ID, "Authorize Release"), then assign to programs."""

    authorized: bool = False
    authorized_on: dt.date | None = None
    notes: str = Field("", max_length=MAX_TEXT)


class StatusReportCheck(Record):
    """The ECFMG Status Report is sent to ERAS by ECFMG itself: the applicant only confirms it
    shows in their MyERAS application."""

    confirmed: bool = False
    notes: str = Field("", max_length=MAX_TEXT)


class Documents(Record):
    """The single documents of an ERAS application (letters and statements are lists).

    Four are files the applicant provides (the photo optional); the USMLE transcript is an
    authorization and the ECFMG Status Report a status to confirm."""

    cv: Document = Field(default_factory=new(Document))
    mspe: Document = Field(default_factory=new(Document))
    medical_school_transcript: Document = Field(default_factory=new(Document))
    photo: Document = Field(default_factory=new(Document))
    usmle_transcript: UsmleTranscriptRelease = Field(default_factory=new(UsmleTranscriptRelease))
    ecfmg_status_report: StatusReportCheck = Field(default_factory=new(StatusReportCheck))


# Labels for people, used by the UI, the CLI and the rules' messages alike: the documents that
# are files the applicant provides.
DOCUMENT_LABELS: dict[str, str] = {
    "cv": "CV / MyERAS application",
    "mspe": "MSPE (dean's letter)",
    "medical_school_transcript": "Medical school transcript",
    "photo": "Photo",
}
# Files ERAS does not require: a missing one is a note, never a blocker.
OPTIONAL_DOCUMENTS = frozenset({"photo"})
USMLE_TRANSCRIPT_LABEL = "USMLE transcript release (authorized in MyERAS)"
STATUS_REPORT_LABEL = "ECFMG Status Report (sent by ECFMG)"


class PersonalStatement(Record):
    specialty: str = Field("", max_length=200)
    title: str = Field("", max_length=500)
    path: str = Field("", max_length=4096)
    text: str = Field("", max_length=MAX_TEXT)
    status: DocStatus = DocStatus.DRAFTING

    @field_validator("path")
    @classmethod
    def _path_ok(cls, value: str) -> str:
        return _clean_path(value)


class Letter(Record):
    writer: str = Field("", max_length=500)
    writer_role: str = Field("", max_length=500, description="Title and institution")
    specialty: str = Field("", max_length=200, description="Specialty the letter speaks for")
    standardized: bool = False  # a specialty's standardized letter (SLOE, SLOR ...)
    requested_on: dt.date | None = None
    received_on: dt.date | None = None
    uploaded_on: dt.date | None = None
    path: str = Field("", max_length=4096)
    program_ids: list[str] = Field(
        default_factory=empty_list, description="Programs it is assigned to"
    )

    @field_validator("path")
    @classmethod
    def _path_ok(cls, value: str) -> str:
        return _clean_path(value)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Letter:
        req, rec, up = self.requested_on, self.received_on, self.uploaded_on
        if req and rec and rec < req:
            raise ValueError("a letter cannot be received before it was requested")
        if rec and up and up < rec:
            raise ValueError("a letter cannot be uploaded before it was received")
        return self
