"""The SOAP plan (Supplemental Offer and Acceptance Program, Match Week): who may take part, the
programs the applicant prepares ahead (capped by the season's `nrmp.soap_applications_max`),
the documents to refresh and the Match Week timeline, all from season facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imgwizard.model import Dossier, Outcome, SoapProgram
from imgwizard.season import Confidence, Fact, Season

CAP_KEY = "nrmp.soap_applications_max"

# (id, what to refresh): kept in the dossier's soap.documents_refreshed when done.
DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("personal_statement", "Personal statement for each SOAP specialty"),
    ("cv", "MyERAS experiences and CV up to date"),
    ("letters", "Letters suited to the SOAP specialties"),
    ("contact", "Phone and email you answer during Match Week"),
)

# (season key, what happens then), in time order.
TIMELINE: tuple[tuple[str, str], ...] = (
    ("nrmp.rol_deadline", "Last day to register and certify; ECFMG must have verified you"),
    ("nrmp.match_week_starts", "You learn whether you matched; SOAP starts"),
    ("nrmp.soap_ends", "SOAP ends"),
    ("nrmp.match_day", "Match Day: where you matched"),
)


@dataclass(frozen=True, slots=True)
class Blocker:
    code: str
    text: str
    fix: str


def eligibility(dossier: Dossier, season: Season, today: dt.date) -> list[Blocker]:
    """What stands between the applicant and SOAP, as far as the dossier shows (empty = nothing
    known). NRMP decides eligibility; this only says what the applicant can still fix."""
    from imgwizard.rules.eligibility import clinical_skills_met

    out = []
    deadline = season.get("nrmp.rol_deadline")
    by = f" by the rank order list deadline ({deadline.display()})" if deadline else ""
    nrmp = dossier.nrmp
    last_day = season.date("nrmp.rol_deadline")
    late = bool(nrmp.registered_on and last_day and nrmp.registered_on > last_day)
    if not nrmp.registered or late:
        out.append(
            Blocker(
                "not_registered",
                f"SOAP is only for applicants registered for the Main Residency Match{by}",
                "Register in NRMP R3 before that deadline (late registration has a fee).",
            )
        )
    ecfmg, exams = dossier.ecfmg, dossier.exams
    if not (ecfmg.certified or ecfmg.requirements_reported_to_nrmp):
        met = (
            exams.step1.outcome is Outcome.PASSED
            and exams.step2ck.outcome is Outcome.PASSED
            and clinical_skills_met(dossier, season, today)
        )
        out.append(
            Blocker(
                "ecfmg_not_verified",
                "ECFMG must report to the NRMP that your exams and clinical and communication "
                f"skills requirement are met{by}; without that you cannot take part in SOAP"
                + ("" if met else " (the eligibility step shows what is still open)"),
                "Check in MyIntealth that ECFMG has reported you to the NRMP, and tick it in "
                "the eligibility step when it has."
                if met
                else "Finish what the eligibility step lists, in time for the deadline.",
            )
        )
    return out


def cap(season: Season) -> Fact | None:
    return season.get(CAP_KEY)


def can_add(dossier: Dossier, season: Season) -> tuple[bool, str]:
    """Whether one more program fits the SOAP plan, and what to say. An official cap refuses;
    an estimated one only warns (an estimate never blocks)."""
    fact = cap(season)
    size = len(dossier.soap.programs)
    if fact is None or not isinstance(fact.value, int):
        return True, ""
    if size + 1 <= fact.value:
        return True, ""
    if fact.confidence in (Confidence.OFFICIAL, Confidence.YOURS):
        return False, (
            f"SOAP allows {fact.value} applications in all ({fact.display()}): your plan is "
            "full. Remove a program first."
        )
    return True, (
        f"More than {fact.display()} programs: SOAP's limit is not confirmed for this season; "
        "you may not be able to send them all."
    )


def add(dossier: Dossier, season: Season, program: SoapProgram) -> tuple[bool, str]:
    """Add a program to the plan when it fits; returns (added, message)."""
    ok, message = can_add(dossier, season)
    if ok:
        dossier.soap.programs = [*dossier.soap.programs, program]
    return ok, message


def timeline(season: Season) -> list[tuple[str, Fact | None]]:
    """(what happens, the fact with its date and confidence) for Match Week, in order."""
    return [(text, season.get(key)) for key, text in TIMELINE]


def documents_left(dossier: Dossier) -> list[str]:
    done = set(dossier.soap.documents_refreshed)
    return [label for key, label in DOCUMENTS if key not in done]
