"""Rules about the single documents of the application (CV, MSPE, transcripts, photo ...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imgwizard.model import DOCUMENT_LABELS, DocStatus, Dossier
from imgwizard.rules import rule
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
    "photo": "Have a passport-style photo taken and upload it through ECFMG.",
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
                f"No {label} yet.",
                _FIX[key],
                subject=key,
            )
