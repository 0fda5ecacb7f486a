"""Reusable test data: a season built in code and a complete, valid dossier with real files.

`complete_dossier(tmp_path, today)` writes tiny but real PDF / JPEG files under tmp_path and
returns a Dossier that the rules find nothing blocking in (for the Match season that `today`
points to). Other tests (snapshots, export) reuse it; change it with care.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from imgwizard.model import (
    DocStatus,
    Dossier,
    Letter,
    Outcome,
    PathwayStatus,
    PersonalStatement,
    Program,
    Specialty,
    Visa,
    VisaType,
    default_match_year,
    new_dossier,
)
from imgwizard.season import Confidence, Fact, Season

CHECKED = dt.date(2026, 11, 24)
TEST_SOURCE = "https://example.org/test-season"

# A minimal real PDF (header, one empty page, trailer) and the smallest JPEG-shaped bytes.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
TINY_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
TINY_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

# Season values the unit tests use (shaped like the reference's Match 2026 values).
DEFAULT_FACTS: dict[str, Any] = {
    "eras.personal_statement_max_chars": 28000,
    "eras.letters_per_program_max": 4,
    "eras.letters_required_default": 3,
    "eras.photo_max_kb": 150,
    "eras.photo_format": "JPEG",
    "eras.letter_max_kb": 1000,
    "usmle.attempt_limit": 4,
    "oet.min_listening": 350,
    "oet.min_reading": 350,
    "oet.min_speaking": 350,
    "oet.min_writing": 300,
}


def make_season(
    facts: dict[str, Any] | None = None,
    *,
    match_year: int = 2027,
    defaults: bool = True,
    confidence: Confidence = Confidence.OFFICIAL,
) -> Season:
    """A Season built in code: DEFAULT_FACTS (unless defaults=False) updated with `facts`;
    a value of None removes the key."""
    values = dict(DEFAULT_FACTS) if defaults else {}
    values.update(facts or {})
    built = {
        key: Fact(key, value, confidence, TEST_SOURCE, CHECKED, rule="test rule")
        for key, value in values.items()
        if value is not None
    }
    return Season(match_year, built)


def dossier_with(**changes) -> Dossier:
    """A default dossier with attributes set by path: dossier_with(exams__step2ck__score=216)."""
    dossier = Dossier()
    for dotted, value in changes.items():
        target = dossier
        *path, name = dotted.split("__")
        for part in path:
            target = getattr(target, part)
        setattr(target, name, value)
    return dossier


def write(path: Path, content: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return str(path)


def complete_dossier(tmp_path: Path, today: dt.date):
    """A dossier with everything in place, its documents real tiny files under tmp_path."""
    files = tmp_path / "documents"
    d = new_dossier(today)
    year = d.profile.target_match_year or default_match_year(today)
    d.profile.full_name = "Amara Okafor"
    d.profile.email = "amara@example.org"
    d.profile.usmle_id = "12345678"
    d.profile.visa = Visa.J1
    d.profile.us_clinical_experience_months = 6
    d.education.school_name = "Example University College of Medicine"
    d.education.school_country = "Nigeria"
    d.education.world_directory_listed = True
    d.education.ecfmg_note = True
    d.education.ecfmg_note_from_year = 1990
    d.education.graduation_date = dt.date(year - 3, 6, 30)
    d.education.diploma_verified = True
    d.education.final_transcript_verified = True
    d.exams.step1.outcome = Outcome.PASSED
    d.exams.step1.taken_on = dt.date(year - 3, 2, 1)
    d.exams.step1.attempts = 1
    d.exams.step2ck.outcome = Outcome.PASSED
    d.exams.step2ck.taken_on = dt.date(year - 2, 8, 1)
    d.exams.step2ck.score = 245
    d.exams.step2ck.attempts = 1
    d.exams.oet.taken_on = dt.date(year - 2, 10, 1)
    d.exams.oet.listening = 400
    d.exams.oet.reading = 400
    d.exams.oet.writing = 350
    d.exams.oet.speaking = 400
    d.ecfmg.application_submitted = True
    d.ecfmg.pathway = 1
    d.ecfmg.pathway_status = PathwayStatus.ACCEPTED
    d.ecfmg.requirements_reported_to_nrmp = True
    d.specialties = [Specialty(name="Internal Medicine")]
    d.programs = [
        Program(
            id=f"p-{n}",
            name=f"Example Hospital {n} Internal Medicine",
            specialty="Internal Medicine",
            visas_sponsored=[VisaType.J1],
            visa_policy_known=True,
            max_years_since_graduation=5,
            min_step2ck_score=220,
            min_usce_months=3,
            max_attempts=1,
            letters_required=3,
            applied=True,
            applied_on=today - dt.timedelta(days=30),
        )
        for n in (1, 2)
    ]
    for key in ("cv", "mspe", "medical_school_transcript"):
        doc = getattr(d.documents, key)
        doc.path = write(files / f"{key}.pdf", TINY_PDF)
        doc.status = DocStatus.UPLOADED
    d.documents.photo.path = write(files / "photo.jpg", TINY_JPEG)
    d.documents.photo.status = DocStatus.UPLOADED
    d.documents.usmle_transcript.authorized = True  # a release in MyERAS, not a file
    d.documents.usmle_transcript.authorized_on = today - dt.timedelta(days=60)
    d.documents.ecfmg_status_report.confirmed = True  # ECFMG sends it; no file
    d.personal_statements = [
        PersonalStatement(
            specialty="Internal Medicine",
            title="IM statement",
            text="Why internal medicine: " + "I care for patients over time. " * 20,
            status=DocStatus.READY,
        )
    ]
    requested = today - dt.timedelta(days=60)
    d.letters = [
        Letter(
            writer=f"Dr Writer {n}",
            writer_role="Attending physician, Example Hospital",
            specialty="Internal Medicine",
            requested_on=requested,
            received_on=requested + dt.timedelta(days=14),
            uploaded_on=requested + dt.timedelta(days=14),
            path=write(files / f"letter{n}.pdf", TINY_PDF),
            program_ids=["p-1", "p-2"],
        )
        for n in (1, 2, 3)
    ]
    d.nrmp.registered = True
    d.nrmp.registered_on = today - dt.timedelta(days=40)
    d.nrmp.fee_paid = True
    d.nrmp.mpa_signed = True
    d.eras.token_obtained = True
    d.eras.myeras_registered = True
    d.eras.submitted = True
    d.eras.submitted_on = today - dt.timedelta(days=30)
    return d
