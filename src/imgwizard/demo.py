"""A demo dossier of a fictional applicant, shared by the tests, screenshots and benchmarks.

Everything is fixed (program ids, dates), so snapshots and screenshots do not change from one
run to the next. Some documents are missing on purpose so the findings have something to say.
"""

from __future__ import annotations

import datetime as dt

from imgwizard.model import (
    DocStatus,
    Dossier,
    Exam,
    Interview,
    InterviewFormat,
    InterviewStatus,
    Letter,
    Oet,
    Outcome,
    PathwayStatus,
    Program,
    SignalTier,
    Specialty,
    SpecialtyRole,
    Step1,
    Visa,
    VisaType,
    new_dossier,
)

TODAY = dt.date(2026, 11, 24)

PROGRAMS = (
    # id, name, city, state, visas, max years since graduation, min Step 2 CK, priority, signal tier
    (
        "p-demo-01",
        "Riverside University Internal Medicine",
        "Albany",
        "NY",
        ("j1", "h1b"),
        5,
        230,
        1,
        "gold",
    ),
    (
        "p-demo-02",
        "Lakeshore Community Hospital IM",
        "Toledo",
        "OH",
        ("j1",),
        10,
        None,
        2,
        "silver",
    ),
    ("p-demo-03", "Mountain View Medical Center", "Boise", "ID", (), 3, 240, 3, "none"),
    (
        "p-demo-04",
        "Bayside Health Internal Medicine",
        "Mobile",
        "AL",
        ("j1",),
        None,
        220,
        2,
        "none",
    ),
    (
        "p-demo-05",
        "Prairie State University Hospital",
        "Peoria",
        "IL",
        ("j1", "h1b"),
        7,
        None,
        4,
        "none",
    ),
)


def demo_dossier(today: dt.date = TODAY) -> Dossier:
    """Dr. Amina Okafor (fictional), applying to Internal Medicine for Match 2027."""
    d = new_dossier(today)
    d.profile.full_name = "Amina Okafor"
    d.profile.email = "amina.okafor@example.org"
    d.profile.citizenship = "Nigeria"
    d.profile.visa = Visa.J1
    d.profile.us_clinical_experience_months = 4
    d.profile.target_match_year = 2027
    d.education.school_name = "University of Ibadan College of Medicine"
    d.education.school_country = "Nigeria"
    d.education.world_directory_listed = True
    d.education.ecfmg_note = True
    d.education.graduation_date = dt.date(2022, 11, 30)
    d.exams.step1 = Step1(outcome=Outcome.PASSED, taken_on=dt.date(2023, 5, 12), attempts=1)
    d.exams.step2ck = Exam(
        outcome=Outcome.PASSED, taken_on=dt.date(2024, 2, 20), score=238, attempts=1
    )
    d.exams.oet = Oet(
        taken_on=dt.date(2024, 6, 1), listening=380, reading=360, writing=350, speaking=370
    )
    d.ecfmg.application_submitted = True
    d.ecfmg.pathway = 6
    d.ecfmg.pathway_status = PathwayStatus.ACCEPTED
    d.specialties = [
        Specialty(name="Internal Medicine", role=SpecialtyRole.PRIMARY),
        Specialty(name="Transitional Year", role=SpecialtyRole.PRELIMINARY),
    ]
    d.backup_plan = "Apply to preliminary medicine positions as well; SOAP if unmatched."
    for pid, name, city, state, visas, years, score, priority, signal in PROGRAMS:
        d.programs.append(
            Program(
                id=pid,
                name=name,
                specialty="Internal Medicine",
                city=city,
                state=state,
                visas_sponsored=[VisaType(v) for v in visas],
                visa_policy_known=True,
                max_years_since_graduation=years,
                min_step2ck_score=score,
                priority=priority,
                signal=SignalTier(signal),
                applied=pid != "p-demo-05",
            )
        )
    # Documents: the CV is drafted, the dean's letter and the photo are still missing.
    d.documents.cv.status = DocStatus.DRAFTING
    d.documents.medical_school_transcript.status = DocStatus.UPLOADED
    d.documents.usmle_transcript.authorized = True
    d.documents.ecfmg_status_report.confirmed = True
    d.letters = [
        Letter(
            writer="Dr. Grace Mensah",
            writer_role="Professor of Medicine, University College Hospital Ibadan",
            specialty="Internal Medicine",
            requested_on=dt.date(2026, 7, 1),
            received_on=dt.date(2026, 8, 15),
            uploaded_on=dt.date(2026, 8, 20),
            program_ids=["p-demo-01", "p-demo-02", "p-demo-04"],
        ),
        Letter(
            writer="Dr. Daniel Brooks",
            writer_role="Attending, Riverside University (observership)",
            specialty="Internal Medicine",
            requested_on=dt.date(2026, 8, 1),
        ),
    ]
    d.nrmp.registered = True
    d.nrmp.registered_on = dt.date(2026, 9, 20)
    d.nrmp.nrmp_id = "N1234567"
    d.nrmp.fee_paid = True
    d.eras.token_obtained = True
    d.eras.myeras_registered = True
    d.interviews = [
        Interview(
            program_id="p-demo-01",
            program_name="Riverside University Internal Medicine",
            invited_on=dt.date(2026, 10, 20),
            date=dt.date(2026, 12, 3),
            format=InterviewFormat.VIRTUAL,
            status=InterviewStatus.SCHEDULED,
        ),
        Interview(
            program_id="p-demo-02",
            program_name="Lakeshore Community Hospital IM",
            invited_on=dt.date(2026, 10, 28),
            date=dt.date(2026, 11, 12),
            format=InterviewFormat.VIRTUAL,
            status=InterviewStatus.COMPLETED,
            thank_you_sent=True,
        ),
    ]
    d.rank_list.program_ids = ["p-demo-02", "p-demo-01"]
    d.wizard.current_step = "documents"
    return d


def missing_documents_dossier(today: dt.date = TODAY) -> Dossier:
    """A dossier without CV, personal statement, letters and dean's letter (the issue's case)."""
    d = demo_dossier(today)
    d.documents.cv.status = DocStatus.MISSING
    d.documents.mspe.status = DocStatus.MISSING
    d.personal_statements = []
    d.letters = []
    return d
