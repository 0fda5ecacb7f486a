"""Rules about the single documents of the application (CV, MSPE, transcripts, photo ...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imgwizard.model import DOCUMENT_LABELS, DocStatus, Dossier
from imgwizard.rules import rule
from imgwizard.rules.common import count, in_sentence, unknown
from imgwizard.rules.files import Kind, file_finding, pixel_size
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Season

_FIX = {
    "cv": "Complete the MyERAS application (your CV) and enter its PDF export's path.",
    "mspe": "Ask your school for the MSPE (dean's letter) and upload it through ECFMG; if it "
    "cannot be had, say so in MyERAS so ECFMG sends a placeholder letter.",
    "medical_school_transcript": "Upload the medical school transcript through ECFMG, or ask "
    "your school to send it through EMSWP.",
    "usmle_transcript": "Authorize the USMLE transcript release in MyERAS and assign it to your "
    "programs.",
    "photo": "Have a passport-style photo taken and upload it through ECFMG (the photo is "
    "optional in ERAS: if you decide against one, mark it 'not applicable').",
    "ecfmg_status_report": "ECFMG sends the status report to MyERAS; check it appears in your "
    "application.",
}


@rule
def missing_documents(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    for key, label in DOCUMENT_LABELS.items():
        doc = getattr(dossier.documents, key)
        if doc.status is DocStatus.NOT_APPLICABLE:
            continue
        if not doc.path and doc.status in (DocStatus.MISSING, DocStatus.DRAFTING):
            yield Finding(
                f"documents.{key}.missing",
                Severity.BLOCKER,
                "documents",
                f"No {in_sentence(label)} yet.",
                _FIX[key],
                subject=key,
            )


def photo_kind(season: Season) -> Kind:
    """JPEG, or JPEG or PNG when the season's photo format names PNG."""
    fmt = season.value("eras.photo_format")
    return Kind.JPEG_OR_PNG if isinstance(fmt, str) and "PNG" in fmt.upper() else Kind.JPEG


@rule
def document_files(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """Every document with a path: the file is there, readable, not empty, the right kind by
    its content, and within the season's size limit."""
    for key, label in DOCUMENT_LABELS.items():
        doc = getattr(dossier.documents, key)
        if not doc.path or doc.status is DocStatus.NOT_APPLICABLE:
            continue
        if key == "photo":
            kind, limit_key = photo_kind(season), "eras.photo_max_kb"
        else:
            kind, limit_key = Kind.PDF, "eras.document_max_kb"
        max_kb = count(season, limit_key)
        found = file_finding(f"documents.{key}", "documents", label, doc.path, kind, max_kb, key)
        if found is not None:
            yield found
        elif key == "photo":
            if max_kb is None:
                yield unknown(season, limit_key, "documents", "check the photo's file size")
            yield from photo_pixels(doc.path, season)


def photo_pixels(path: str, season: Season) -> Iterator[Finding]:
    """A warning when the photo has fewer pixels than the season's photo size (a 1x1 image is
    a JPEG too). The size is not official, so this is never a blocker, and the message says so."""
    width, height = count(season, "eras.photo_width_px"), count(season, "eras.photo_height_px")
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
        "documents",
        f"The photo is {size[0]}×{size[1]} pixels; the photo size given for Match "
        f"{season.match_year} is {width}×{height} pixels{sure}.",
        f"Use a passport-style photo of at least {width}×{height} pixels.",
        subject="photo",
        data=(("width", size[0]), ("height", size[1])),
    )
