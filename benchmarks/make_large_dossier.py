"""Make a large, realistic dossier for the benchmarks (deterministic: same seed, same file).

    .venv/bin/python benchmarks/make_large_dossier.py OUT.toml --programs 300

writes OUT.toml through imgwizard.store.save, and beside it a folder `OUT-documents/` of tiny
but real document files (PDFs that start with %PDF-, a JPEG with its magic bytes) that the
dossier points at, so the document rules do real stat and header reads.

What is in it: N programs (default 300) with what each asks of applicants and the applicant's
notes, 40 interviews (or N when N < 40), 4 letters assigned to every applied program, a
~20,000-character personal statement, every single document, a rank list of the completed
interviews, a couple of season corrections, and the wizard resumed on the programs step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

from imgwizard import store
from imgwizard.model import (
    DocStatus,
    Document,
    Documents,
    Dossier,
    Ecfmg,
    Education,
    Eras,
    Exam,
    Exams,
    Interview,
    InterviewFormat,
    InterviewStatus,
    Letter,
    MatchResult,
    Nrmp,
    Oet,
    Outcome,
    PathwayStatus,
    PersonalStatement,
    Profile,
    Program,
    RankList,
    SeasonCorrection,
    SignalTier,
    Specialty,
    SpecialtyRole,
    StatusReportCheck,
    Step1,
    UsmleTranscriptRelease,
    Visa,
    VisaType,
    Wizard,
)

DEFAULT_SEED = 20270319
DEFAULT_PROGRAMS = 300
INTERVIEWS = 40
LETTERS = 4
STATEMENT_CHARS = 20_000
RESUME_STEP = "programs"
# Everything is dated relative to this day, so the file does not change with the calendar.
BASE_DAY = dt.date(2026, 9, 1)

# Tiny but real files: the rules read their first bytes to tell a PDF from a JPEG.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
JPEG_BYTES = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 64
    + b"\xff\xd9"
)

_PLACES = [
    ("Boston", "MA"),
    ("Worcester", "MA"),
    ("New York", "NY"),
    ("Brooklyn", "NY"),
    ("Buffalo", "NY"),
    ("Newark", "NJ"),
    ("Philadelphia", "PA"),
    ("Pittsburgh", "PA"),
    ("Baltimore", "MD"),
    ("Detroit", "MI"),
    ("Flint", "MI"),
    ("Cleveland", "OH"),
    ("Toledo", "OH"),
    ("Chicago", "IL"),
    ("Peoria", "IL"),
    ("Milwaukee", "WI"),
    ("Minneapolis", "MN"),
    ("St. Louis", "MO"),
    ("Kansas City", "MO"),
    ("Houston", "TX"),
    ("Lubbock", "TX"),
    ("El Paso", "TX"),
    ("Atlanta", "GA"),
    ("Macon", "GA"),
    ("Miami", "FL"),
    ("Orlando", "FL"),
    ("Nashville", "TN"),
    ("Memphis", "TN"),
    ("Phoenix", "AZ"),
    ("Albuquerque", "NM"),
    ("Fresno", "CA"),
    ("Bakersfield", "CA"),
    ("Seattle", "WA"),
    ("Spokane", "WA"),
]
_INSTITUTIONS = [
    "University Hospital",
    "Medical Center",
    "Community Hospital",
    "Regional Medical Center",
    "Memorial Hospital",
    "Health System",
    "Methodist Hospital",
    "St. Mary's Hospital",
    "Mercy Health",
    "Veterans Affairs Medical Center",
]
_SPECIALTIES = [
    ("Internal Medicine", 0.6),
    ("Family Medicine", 0.25),
    ("Preliminary Internal Medicine", 0.1),
    ("Pediatrics", 0.05),
]
_NOTES = [
    "Strong IMG history; two residents from my school in the last three years.",
    "Requires USCE within the last 12 months; mine ends in June.",
    "Sponsors J-1 only; H-1B case by case according to the coordinator.",
    "Program director is interested in global health; mention the rural clinic.",
    "Call schedule is q4 in the first year; good fellowship match in cardiology.",
    "Website says no cut-off for graduation year, but the FAQ says five years.",
    "Filter seems to be Step 2 CK 230; confirm at the open house.",
    "",
]
_WORDS = [
    "patient",
    "clinic",
    "ward",
    "rounds",
    "night",
    "shift",
    "family",
    "village",
    "hospital",
    "learned",
    "listened",
    "care",
    "medicine",
    "residency",
    "internal",
    "training",
    "team",
    "nurse",
    "mentor",
    "research",
    "community",
    "trust",
    "language",
    "teaching",
    "outcome",
    "diagnosis",
    "treatment",
    "chronic",
    "acute",
    "emergency",
    "resilience",
    "curiosity",
    "service",
    "rural",
    "urban",
    "colleague",
    "responsibility",
    "growth",
    "knowledge",
    "evidence",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def personal_statement_text(rng: random.Random, chars: int = STATEMENT_CHARS) -> str:
    """Paragraphs of plausible words, cut at a sentence end just under `chars`."""
    paragraphs: list[str] = []
    total = 0
    while True:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(4, 8)))
        if total + len(paragraph) + 2 > chars:
            break
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def write_documents(folder: Path) -> dict[str, Path]:
    """The tiny document files; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {
        "cv": "cv.pdf",
        "mspe": "mspe.pdf",
        "medical_school_transcript": "transcript.pdf",
        "usmle_transcript": "usmle-transcript.pdf",
        "photo": "photo.jpg",
        "ecfmg_status_report": "ecfmg-status-report.pdf",
        "personal_statement": "personal-statement.pdf",
        **{f"letter{i}": f"letter-{i}.pdf" for i in range(1, LETTERS + 1)},
    }
    paths = {}
    for key, name in names.items():
        path = folder / name
        path.write_bytes(JPEG_BYTES if name.endswith(".jpg") else PDF_BYTES)
        paths[key] = path.resolve()
    return paths


def _program(rng: random.Random, index: int) -> Program:
    city, state = rng.choice(_PLACES)
    specialty = rng.choices([s for s, _ in _SPECIALTIES], [w for _, w in _SPECIALTIES])[0]
    institution = rng.choice(_INSTITUTIONS)
    visas = rng.choice([[], [VisaType.J1], [VisaType.J1, VisaType.H1B], [VisaType.H1B]])
    applied = rng.random() < 0.85
    return Program(
        id=f"p-{rng.getrandbits(32):08x}",
        name=f"{city} {institution} {specialty} Program #{index + 1}",
        specialty=specialty,
        acgme_id=f"{rng.randint(1_400_000_000, 1_499_999_999)}",
        city=city,
        state=state,
        visas_sponsored=visas,
        visa_policy_known=rng.random() < 0.7,
        max_years_since_graduation=rng.choice([None, 3, 5, 7, 10]),
        min_step2ck_score=rng.choice([None, None, 220, 225, 230, 235, 240]),
        min_usce_months=rng.choice([None, 0, 3, 6, 12]),
        max_attempts=rng.choice([None, 1, 2]),
        letters_required=rng.choice([None, 3, 3, 4]),
        requires_step3=rng.random() < 0.05,
        priority=rng.randint(1, 5),
        signal=SignalTier.SIGNAL if rng.random() < 0.03 else SignalTier.NONE,
        applied=applied,
        applied_on=BASE_DAY + dt.timedelta(days=rng.randint(24, 40)) if applied else None,
        notes=rng.choice(_NOTES),
    )


def build(
    programs: int = DEFAULT_PROGRAMS,
    *,
    seed: int = DEFAULT_SEED,
    documents: dict[str, Path] | None = None,
    interviews: int = INTERVIEWS,
) -> Dossier:
    """The dossier (validated, through the model's own constructors)."""
    rng = random.Random(seed)
    docs = {k: str(v) for k, v in (documents or {}).items()}
    progs = [_program(rng, i) for i in range(programs)]
    # Program ids come from the seeded generator; make them unique the way the model demands.
    seen: set[str] = set()
    for i, prog in enumerate(progs):
        while prog.id in seen:
            prog.id = f"p-{rng.getrandbits(32):08x}"
        seen.add(prog.id)
        progs[i] = prog
    applied = [p for p in progs if p.applied]
    invited = rng.sample(applied, min(interviews, len(applied)))
    statuses = [
        InterviewStatus.COMPLETED,
        InterviewStatus.COMPLETED,
        InterviewStatus.SCHEDULED,
        InterviewStatus.INVITED,
        InterviewStatus.DECLINED,
        InterviewStatus.WAITLISTED,
    ]
    interview_list = []
    for i, prog in enumerate(invited):
        status = statuses[i % len(statuses)]
        day = BASE_DAY + dt.timedelta(days=60 + i * 2)
        interview_list.append(
            Interview(
                program_id=prog.id,
                program_name=prog.name,
                invited_on=day - dt.timedelta(days=21),
                date=day,
                format=rng.choice(list(InterviewFormat)),
                status=status,
                thank_you_sent=status is InterviewStatus.COMPLETED and rng.random() < 0.7,
                prep_done=rng.sample(["research", "questions", "attire", "tech check"], 2),
                notes=_sentence(rng) + " " + _sentence(rng),
            )
        )
    completed = [iv.program_id for iv in interview_list if iv.status is InterviewStatus.COMPLETED]
    letter_specs = [
        ("Dr. Amelia Hart", "Program Director, Internal Medicine, Boston Medical Center", True),
        ("Dr. Rajesh Iyer", "Professor of Medicine, Government Medical College", False),
        ("Dr. Sofia Marquez", "Attending, Family Medicine, Mercy Health Clinic", False),
        ("Dr. Chen Wei", "Chair of Medicine, Lakeside Regional Medical Center", True),
    ]
    letters = []
    for i, (writer, role, standardized) in enumerate(letter_specs[:LETTERS], start=1):
        requested = BASE_DAY - dt.timedelta(days=60 - i)
        letters.append(
            Letter(
                writer=writer,
                writer_role=role,
                specialty="Internal Medicine" if i != 3 else "Family Medicine",
                standardized=standardized,
                requested_on=requested,
                received_on=requested + dt.timedelta(days=20 + i),
                uploaded_on=requested + dt.timedelta(days=25 + i),
                path=docs.get(f"letter{i}", ""),
                program_ids=[p.id for p in applied],
            )
        )

    def doc(key: str) -> Document:
        return Document(
            path=docs.get(key, ""),
            status=DocStatus.UPLOADED,
            uploaded_on=BASE_DAY + dt.timedelta(days=10),
        )

    return Dossier(
        profile=Profile(
            full_name="Ana Lucía Fernández-Okafor",
            email="ana.fernandez@example.org",
            citizenship="Nigeria",
            usmle_id="1234-567-8",
            visa=Visa.J1,
            us_clinical_experience_months=6,
            target_match_year=2027,
        ),
        education=Education(
            school_name="University of Lagos College of Medicine",
            school_country="Nigeria",
            world_directory_listed=True,
            ecfmg_note=True,
            ecfmg_note_from_year=1990,
            graduation_date=dt.date(2022, 6, 30),
            diploma_verified=True,
            final_transcript_verified=True,
        ),
        exams=Exams(
            step1=Step1(outcome=Outcome.PASSED, taken_on=dt.date(2023, 5, 10), attempts=1),
            step2ck=Exam(
                outcome=Outcome.PASSED, taken_on=dt.date(2024, 2, 2), score=241, attempts=1
            ),
            oet=Oet(
                taken_on=dt.date(2024, 8, 3), listening=380, reading=410, writing=350, speaking=370
            ),
        ),
        ecfmg=Ecfmg(
            application_submitted=True,
            pathway=3,
            pathway_status=PathwayStatus.ACCEPTED,
            certified=True,
            certified_on=dt.date(2025, 1, 15),
        ),
        specialties=[
            Specialty(name="Internal Medicine", role=SpecialtyRole.PRIMARY),
            Specialty(name="Family Medicine", role=SpecialtyRole.BACKUP),
            Specialty(name="Preliminary Internal Medicine", role=SpecialtyRole.PRELIMINARY),
        ],
        backup_plan="Family medicine programs in the Midwest; a preliminary year if needed. "
        "Research position at my school's cardiology unit as a last resort.",
        programs=progs,
        documents=Documents(
            cv=doc("cv"),
            mspe=doc("mspe"),
            medical_school_transcript=doc("medical_school_transcript"),
            usmle_transcript=UsmleTranscriptRelease(
                authorized=True, authorized_on=BASE_DAY + dt.timedelta(days=10)
            ),
            photo=doc("photo"),
            ecfmg_status_report=StatusReportCheck(confirmed=True),
        ),
        personal_statements=[
            PersonalStatement(
                specialty="Internal Medicine",
                title="Why internal medicine",
                path=docs.get("personal_statement", ""),
                text=personal_statement_text(rng),
                status=DocStatus.READY,
            )
        ],
        letters=letters,
        nrmp=Nrmp(
            registered=True,
            registered_on=BASE_DAY + dt.timedelta(days=15),
            nrmp_id="N1234567",
            fee_paid=True,
            mpa_signed=True,
        ),
        eras=Eras(
            token_obtained=True,
            myeras_registered=True,
            submitted=True,
            submitted_on=BASE_DAY + dt.timedelta(days=24),
        ),
        interviews=interview_list,
        rank_list=RankList(program_ids=completed),
        match=MatchResult(),
        season_corrections=[
            SeasonCorrection(
                key="nrmp.rol_deadline",
                value=dt.date(2027, 3, 3),
                entered_on=BASE_DAY + dt.timedelta(days=30),
            )
        ],
        wizard=Wizard(current_step=RESUME_STEP),
    )


def documents_folder(path: Path) -> Path:
    return path.with_name(path.stem + "-documents")


def make(path: Path, programs: int = DEFAULT_PROGRAMS, *, seed: int = DEFAULT_SEED) -> Dossier:
    """Write the documents folder and the dossier at `path`; return the dossier."""
    path = Path(path).resolve()
    documents = write_documents(documents_folder(path))
    dossier = build(programs, seed=seed, documents=documents)
    store.save(path, dossier, backup=False)
    return dossier


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the dossier file to write")
    parser.add_argument("--programs", type=int, default=DEFAULT_PROGRAMS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    dossier = make(args.out, args.programs, seed=args.seed)
    size = args.out.stat().st_size
    print(
        f"{args.out}: {len(dossier.programs)} programs, {len(dossier.interviews)} interviews, "
        f"{len(dossier.letters)} letters, {size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
