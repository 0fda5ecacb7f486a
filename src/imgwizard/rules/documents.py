"""Rules about the single documents of the application.

Four are files the applicant provides: the CV / MyERAS application, the MSPE and the medical
school transcript (missing ones are blockers of this step, though they can reach programs after
the ERAS submission), and the photo, which ERAS does not require (a missing photo is a note).
The USMLE transcript is a release the applicant authorizes in MyERAS, and the ECFMG Status Report
is sent by ECFMG itself: neither is "a file you are missing".

`size_limit(key, season)` is the one place that says which file kind and size limit a document
has; the documents pane uses it too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from imgwizard.model import (
    DOCUMENT_LABELS,
    OPTIONAL_DOCUMENTS,
    STATUS_REPORT_LABEL,
    USMLE_TRANSCRIPT_LABEL,
    DocStatus,
    Dossier,
)
from imgwizard.rules import rule
from imgwizard.rules.common import fact_ref, in_sentence, unknown
from imgwizard.rules.files import Kind, file_finding, pixel_size
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Fact, Season
from imgwizard.specialties import uses_eras

STEP = "documents"

_FIX = {
    "cv": "Complete the MyERAS application (your CV) and enter its PDF export's path.",
    "mspe": "Ask your school for the MSPE (dean's letter) and upload it through ECFMG; if it "
    "cannot be had, say so in MyERAS so ECFMG sends a placeholder letter. It may reach "
    "programs after you submit.",
    "medical_school_transcript": "Upload the medical school transcript through ECFMG, or ask "
    "your school to send it through EMSWP. It may reach programs after you submit.",
    "photo": "If you want a photo (optional; many programs like one), have a passport-style "
    "photo taken and upload it through ECFMG; otherwise mark it 'not applicable'.",
}


@dataclass(frozen=True, slots=True)
class SizeLimit:
    kind: Kind  # the file kind, judged by content
    key: str  # the season key of the size limit
    max_kb: int | None  # None: the season has no value
    fact: Fact | None


def photo_kind(season: Season) -> Kind:
    """JPEG, or JPEG or PNG when the season's photo format names PNG."""
    fmt = season.value("eras.photo_format")
    return Kind.JPEG_OR_PNG if isinstance(fmt, str) and "PNG" in fmt.upper() else Kind.JPEG


def size_limit(doc_key: str, season: Season) -> SizeLimit:
    """The file kind and size limit of one document in this season (rules and pane alike)."""
    if doc_key == "photo":
        kind, key = photo_kind(season), "eras.photo_max_kb"
    else:
        kind, key = Kind.PDF, "eras.document_max_kb"
    return SizeLimit(kind, key, season.count(key), season.get(key))


@rule
def missing_documents(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    for key, label in DOCUMENT_LABELS.items():
        doc = getattr(dossier.documents, key)
        if doc.status is DocStatus.NOT_APPLICABLE:
            continue
        if doc.path or doc.status not in (DocStatus.MISSING, DocStatus.DRAFTING):
            continue
        if key in OPTIONAL_DOCUMENTS:
            yield Finding(
                f"documents.{key}.none",
                Severity.INFO,
                STEP,
                f"No {in_sentence(label)} recorded. It is optional in ERAS.",
                _FIX[key],
                subject=key,
            )
            continue
        yield Finding(
            f"documents.{key}.missing",
            Severity.BLOCKER,
            STEP,
            f"No {in_sentence(label)} yet.",
            _FIX[key],
            subject=key,
        )


@rule
def usmle_transcript_release(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """Programs see USMLE results only once the applicant authorizes the release in MyERAS."""
    if dossier.documents.usmle_transcript.authorized:
        return
    if uses_eras(dossier, season):
        fee = season.get("eras.usmle_transcript_fee")
        fee_text = f" (a fee of {fee.display()} once a season)" if fee is not None else ""
        how = f"In MyERAS enter your USMLE ID, choose 'Authorize Release'{fee_text}, assign"
    else:  # ResidencyCAS only: its own release and fee
        fee, how = None, "Authorize the release in ResidencyCAS, assign"
    yield Finding(
        "documents.usmle_transcript.not_authorized",
        Severity.WARNING,
        STEP,
        f"{USMLE_TRANSCRIPT_LABEL}: not recorded as authorized. Programs cannot see your USMLE "
        "results until you authorize the release; it is not a file you upload.",
        f"{how} the transcript to your programs, then tick it here. It can follow your submission.",
        subject="usmle_transcript",
        data=fact_ref(fee),
    )


@rule
def status_report(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """ECFMG sends the Status Report; the applicant only checks it shows."""
    if dossier.documents.ecfmg_status_report.confirmed:
        return
    yield Finding(
        "documents.ecfmg_status_report.unconfirmed",
        Severity.INFO,
        STEP,
        f"{STATUS_REPORT_LABEL}: not confirmed yet. ECFMG sends it to your application itself; "
        "you do not upload it.",
        "Once your ERAS token is registered, check in MyERAS that the ECFMG Status Report "
        "appears, then tick it here.",
        subject="ecfmg_status_report",
    )


@rule
def document_files(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """Every document with a path: the file is there, readable, not empty, the right kind by
    its content, and within the season's size limit."""
    for key, label in DOCUMENT_LABELS.items():
        doc = getattr(dossier.documents, key)
        if not doc.path or doc.status is DocStatus.NOT_APPLICABLE:
            continue
        lim = size_limit(key, season)
        found = file_finding(
            f"documents.{key}", STEP, label, doc.path, lim.kind, lim.max_kb, key, lim.fact
        )
        if found is not None:
            yield found
        elif key == "photo":
            if lim.max_kb is None:
                yield unknown(season, lim.key, STEP, "check the photo's file size")
            yield from photo_pixels(doc.path, season)


def photo_pixels(path: str, season: Season) -> Iterator[Finding]:
    """A warning when the photo has fewer pixels than the season's photo size (a 1x1 image is
    a JPEG too). The size is not official, so this is never a blocker, and the message says so."""
    width, height = season.count("eras.photo_width_px"), season.count("eras.photo_height_px")
    if width is None or height is None:
        return
    size = pixel_size(path)
    if size is None or (size[0] >= width and size[1] >= height):
        return
    fact = season.get("eras.photo_width_px")
    sure = "" if fact is None or fact.is_official else f" ({fact.confidence.value}: not official)"
    yield Finding(
        "documents.photo.too_small",
        Severity.WARNING,
        STEP,
        f"The photo is {size[0]}×{size[1]} pixels; the photo size given for Match "
        f"{season.match_year} is {width}×{height} pixels{sure}.",
        f"Use a passport-style photo of at least {width}×{height} pixels.",
        subject="photo",
        data=(("width", size[0]), ("height", size[1])),
    )
