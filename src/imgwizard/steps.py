"""The eleven steps of a residency application, as data.

The sidebar, the CLI report, the rules (each finding names its step), progress and the tests
all read this one list; nothing else decides what the steps are, in which order they come, or
what finishing one means.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from imgwizard.model import Dossier, InterviewStatus, MatchOutcome


@dataclass(frozen=True, slots=True)
class Goal:
    """What finishing a step means to the applicant ("the rank list is certified").

    `mandatory`: the official process does not go on without it (no Match without a certified
    rank list). An optional goal still counts for the step's status, but is never called
    missing. progress.py reads goals; nothing else decides whether a step is done."""

    text: str  # said as "next: <text>" while the step is in progress
    reached: Callable[[Dossier], bool]
    mandatory: bool = False


@dataclass(frozen=True, slots=True)
class Required:
    """A dossier value the step needs before it can be done: a dotted path from the dossier,
    the label the user knows it by, and the values that count as "not answered" (an enum
    member is compared by its value)."""

    path: str
    label: str
    unset: tuple[object, ...] = (None, "")


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    number: int
    title: str
    purpose: str
    fields: tuple[str, ...]  # top-level dossier parts the step edits
    source: str  # the official page that explains this part of the process
    # None: the step's goal is "nothing missing" (eligibility, documents): started and free of
    # blockers and warnings is done.
    goal: Goal | None = None
    short: str = ""  # a name that fits a narrow sidebar (at most 11 characters)
    required: tuple[Required, ...] = ()  # shown first in the pane; the step is not done without


STEPS: tuple[Step, ...] = (
    Step(
        "specialty",
        1,
        "Choose a specialty",
        "Pick the specialty (or specialties) you will apply to, and a backup or "
        "preliminary-year plan in case the first choice does not match.",
        ("specialties", "backup_plan", "profile"),
        "https://students-residents.aamc.org/choosing-medical-specialty",
        Goal(
            "name a target specialty", lambda d: any(s.name for s in d.specialties), mandatory=True
        ),
        short="Specialty",
        required=(
            Required("profile.full_name", "full name"),
            Required("profile.email", "e-mail"),
            Required("profile.citizenship", "citizenship"),
            Required("profile.usmle_id", "USMLE/ECFMG ID"),
        ),
    ),
    Step(
        "programs",
        2,
        "Research programs",
        "List the programs you are considering with what each asks of applicants: visa "
        "sponsorship, years since graduation, minimum Step 2 CK score, US clinical experience.",
        ("programs", "geography"),
        "https://students-residents.aamc.org/applying-residencies-eras/residency-programs-myeras",
        Goal("add the programs you are considering", lambda d: bool(d.programs), mandatory=True),
        short="Programs",
    ),
    Step(
        "eligibility",
        3,
        "Meet eligibility requirements",
        "ECFMG certification: USMLE Step 1 and Step 2 CK, the clinical and communication "
        "skills requirement (an ECFMG Pathway with OET Medicine), a school listed in the World "
        "Directory with an ECFMG note, and a verified diploma.",
        ("exams", "ecfmg", "education", "profile"),
        "https://www.ecfmg.org/certification/requirements-for-certification.html",
        short="Eligibility",
        required=(
            Required("profile.visa", "visa you will need", unset=("undecided",)),
            Required("education.school_name", "medical school"),
            Required("education.school_country", "school country"),
            Required("education.graduation_date", "graduation date"),
        ),
    ),
    Step(
        "documents",
        4,
        "Prepare required documents",
        "Gather every document ERAS needs from you or from ECFMG on your behalf: CV "
        "(MyERAS application), MSPE, medical school transcript, USMLE transcript, photo and "
        "ECFMG status report.",
        ("documents",),
        "https://www.ecfmg.org/eras/applicants-documents-overview.html",
        short="Documents",
    ),
    Step(
        "personal_statement",
        5,
        "Write the personal statement",
        "Write one personal statement per specialty, within the MyERAS character limit.",
        ("personal_statements",),
        "https://students-residents.aamc.org/applying-residencies-eras/publication-chapters/personal-statement",
        Goal(
            "write a personal statement",
            lambda d: any(ps.text or ps.path for ps in d.personal_statements),
        ),
        short="Statement",
    ),
    Step(
        "letters",
        6,
        "Gather letters of recommendation",
        "Ask writers early, track each letter from request to upload, and assign up to the "
        "per-program maximum to each program.",
        ("letters",),
        "https://www.aamc.org/services/eras-institutions/eras-letter-writers-faq",
        Goal("record your letters of recommendation", lambda d: bool(d.letters)),
        short="Letters",
    ),
    Step(
        "nrmp",
        7,
        "Register with the NRMP",
        "Register for the Main Residency Match in R3 (separate from ERAS), sign the Match "
        "Participation Agreement and pay the fee before the deadline.",
        ("nrmp",),
        "https://www.nrmp.org/residency-applicants/get-ready-for-the-match/",
        Goal("register with the NRMP", lambda d: d.nrmp.registered, mandatory=True),
        short="NRMP",
    ),
    Step(
        "eras",
        8,
        "Submit through ERAS",
        "Get your ECFMG token, complete MyERAS, and certify and submit as soon as what ERAS "
        "needs is in place: letters, the MSPE and transcripts can follow.",
        ("eras", "programs"),
        "https://students-residents.aamc.org/applying-residencies-eras/publication-chapters/eras-timeline",
        Goal("submit your application", lambda d: d.eras.submitted, mandatory=True),
        short="ERAS",
    ),
    Step(
        "interviews",
        9,
        "Prepare for interviews",
        "Track invitations, dates and formats, prepare, and send thank-you notes.",
        ("interviews",),
        "https://www.nrmp.org/residency-applicants/",
        Goal(
            "record an interview",
            lambda d: any(i.status is InterviewStatus.COMPLETED for i in d.interviews),
        ),
        short="Interviews",
    ),
    Step(
        "rank_list",
        10,
        "Rank programs",
        "Order the programs you interviewed with, then certify the list in R3 before the "
        "deadline: an uncertified list is not used.",
        ("rank_list",),
        "https://www.nrmp.org/residency-applicants/ranking/",
        Goal("certify your rank order list", lambda d: d.rank_list.certified, mandatory=True),
        short="Rank list",
    ),
    Step(
        "match_day",
        11,
        "Match Day",
        "Match Week: learn whether you matched on Monday, take part in SOAP if you did not, and "
        "learn where you matched on Friday.",
        ("match", "soap"),
        "https://www.nrmp.org/residency-applicants/match-week/",
        Goal(
            "record your Match result",
            lambda d: d.match.outcome is not MatchOutcome.PENDING,
        ),
        short="Match Day",
    ),
)

STEP_IDS: tuple[str, ...] = tuple(step.id for step in STEPS)
_BY_ID = {step.id: step for step in STEPS}


def step(step_id: str) -> Step:
    """The step with this id; KeyError names the known ids."""
    try:
        return _BY_ID[step_id]
    except KeyError:
        raise KeyError(f"unknown step {step_id!r}; known: {', '.join(STEP_IDS)}") from None


def by_number(number: int) -> Step:
    if not 1 <= number <= len(STEPS):
        raise IndexError(f"step numbers run from 1 to {len(STEPS)}")
    return STEPS[number - 1]
