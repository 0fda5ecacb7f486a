"""Eligibility: the parts of ECFMG certification, the USMLE attempt limit, and, per program,
whether the applicant meets what the program asks (`program_eligibility`, also used by the UI).

Current rules (ecfmg-usmle.md): Step 1 and Step 2 CK passed; the clinical and communication
skills requirement met by an accepted ECFMG Pathway with OET Medicine passed in one sitting, or
by an old Step 2 CS pass. Step 2 CS ended in 2021 and is never suggested as an exam to take.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from imgwizard.model import Dossier, Exam, Oet, Outcome, PathwayStatus, Program, Visa, VisaType
from imgwizard.rules import rule
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Season
from imgwizard.wording import plural

STEP = "eligibility"
OET_SUBTESTS = ("listening", "reading", "writing", "speaking")


# --------------------------------------------------------------------------- exams


def _passed(exam: Exam) -> bool:
    return exam.outcome is Outcome.PASSED


def _exam_finding(exam: Exam, code: str, name: str, fix: str) -> Iterator[Finding]:
    if exam.outcome is Outcome.PASSED:
        return
    waiting = exam.outcome in (Outcome.SCHEDULED, Outcome.PENDING)
    state = {
        Outcome.NOT_TAKEN: "not taken yet",
        Outcome.SCHEDULED: "scheduled, not passed yet",
        Outcome.PENDING: "taken; the result is not in yet",
        Outcome.FAILED: "not passed (last attempt failed)",
    }[exam.outcome]
    yield Finding(
        code,
        Severity.WARNING if waiting else Severity.BLOCKER,
        STEP,
        f"USMLE {name}: {state}. ECFMG certification needs it passed, and ECFMG must report "
        "it to the NRMP by the rank order list deadline.",
        fix,
        subject=name,
    )


@rule
def exams_passed(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    exams = dossier.exams
    yield from _exam_finding(
        exams.step1,
        "eligibility.step1.not_passed",
        "Step 1",
        "Register for Step 1 through ECFMG (MyIntealth), take it, and enter the result when it "
        "comes (Step 1 is reported as pass/fail).",
    )
    yield from _exam_finding(
        exams.step2ck,
        "eligibility.step2ck.not_passed",
        "Step 2 CK",
        "Register for Step 2 CK through ECFMG (MyIntealth), take it, and enter the result and "
        "score when they come.",
    )


@rule
def attempt_limit(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """At the USMLE's attempt limit without a pass, no Step can be applied for any more."""
    limit = season.count("usmle.attempt_limit")
    if limit is None:
        return
    exams = dossier.exams
    for name, exam in (
        ("Step 1", exams.step1),
        ("Step 2 CK", exams.step2ck),
        ("Step 3", exams.step3),
    ):
        if _passed(exam) or exam.attempts == 0:
            continue
        if exam.attempts >= limit:
            yield Finding(
                "eligibility.attempts.over_limit",
                Severity.BLOCKER,
                STEP,
                f"USMLE {name}: {plural(exam.attempts, 'attempt')} without a pass. The USMLE "
                f"allows {limit} attempts at a Step; at the limit you cannot apply for any Step.",
                "Check your attempt record with ECFMG; if the count is right, talk to an adviser "
                "about careers that do not need the USMLE.",
                subject=name,
                data=(("attempts", exam.attempts), ("limit", limit)),
            )
        elif exam.attempts == limit - 1 and exam.outcome is Outcome.FAILED:
            yield Finding(
                "eligibility.attempts.last_attempt",
                Severity.WARNING,
                STEP,
                f"USMLE {name}: {plural(exam.attempts, 'attempt')} so far; the next is your last "
                f"of {limit}.",
                "Take it only when practice scores show you are ready.",
                subject=name,
                data=(("attempts", exam.attempts), ("limit", limit)),
            )


# --------------------------------------------------------------------------- clinical skills


def oet_minimums(oet: Oet, season: Season) -> dict[str, int] | None:
    """The minimum per sub-test for this OET sitting, or None when the season lacks them.

    For sittings before `oet.writing_300_from` writing needed the same score as the other
    sub-tests (350, Grade B, in all four); from that date the season's writing minimum applies.
    """
    mins = {name: season.count(f"oet.min_{name}") for name in OET_SUBTESTS}
    if any(v is None for v in mins.values()):
        return None
    result = {k: int(v) for k, v in mins.items() if v is not None}
    lowered_from = season.date("oet.writing_300_from")
    if lowered_from and oet.taken_on and oet.taken_on < lowered_from:
        result["writing"] = max(result["listening"], result["reading"], result["speaking"])
    return result


def oet_shortfalls(oet: Oet, season: Season) -> list[str] | None:
    """Sub-tests below their minimum in this one sitting ("writing 290 (needs 300)"); None when
    the scores are not all entered or the season lacks the minimums."""
    scores = {name: getattr(oet, name) for name in OET_SUBTESTS}
    if any(v is None for v in scores.values()):
        return None
    mins = oet_minimums(oet, season)
    if mins is None:
        return None
    return [
        f"{name} {scores[name]} (needs {mins[name]})"
        for name in OET_SUBTESTS
        if (scores[name] or 0) < mins[name]
    ]


def _pathway_expired(dossier: Dossier, today: dt.date) -> bool:
    ecfmg = dossier.ecfmg
    if ecfmg.pathway_status is PathwayStatus.EXPIRED:
        return True
    return ecfmg.pathway_expires_on is not None and ecfmg.pathway_expires_on < today


def clinical_skills_met(dossier: Dossier, season: Season, today: dt.date) -> bool:
    """Met by certification, an old Step 2 CS pass, or an accepted, unexpired Pathway with an
    OET sitting that reached every minimum."""
    if dossier.ecfmg.certified or dossier.exams.step2cs_legacy_pass:
        return True
    if dossier.ecfmg.pathway_status is PathwayStatus.NOT_NEEDED:
        return True
    if dossier.ecfmg.pathway_status is not PathwayStatus.ACCEPTED or _pathway_expired(
        dossier, today
    ):
        return False
    return oet_shortfalls(dossier.exams.oet, season) == []


_PATHWAY_FIX = (
    "Apply for the ECFMG Pathway that fits you in MyIntealth and take OET Medicine. (Step 2 CS "
    "ended in 2021 and cannot be taken; if you passed it before then, tick that you did.)"
)


@rule
def clinical_skills(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    ecfmg, exams = dossier.ecfmg, dossier.exams
    if ecfmg.certified or exams.step2cs_legacy_pass:
        return
    status = ecfmg.pathway_status
    if status is PathwayStatus.NOT_NEEDED:
        return
    if _pathway_expired(dossier, today):
        when = f" on {ecfmg.pathway_expires_on.isoformat()}" if ecfmg.pathway_expires_on else ""
        yield Finding(
            "eligibility.pathway.expired",
            Severity.BLOCKER,
            STEP,
            f"Your accepted ECFMG Pathway expired{when}: the clinical and communication skills "
            "requirement is no longer met.",
            "Apply for Pathways revalidation in MyIntealth.",
        )
    elif status is PathwayStatus.NOT_STARTED:
        yield Finding(
            "eligibility.clinical_skills.missing",
            Severity.BLOCKER,
            STEP,
            "Clinical and communication skills requirement not met: no ECFMG Pathway applied "
            "for and no earlier Step 2 CS pass.",
            _PATHWAY_FIX,
        )
    elif status is PathwayStatus.APPLIED:
        yield Finding(
            "eligibility.pathway.pending",
            Severity.WARNING,
            STEP,
            "Your ECFMG Pathway application is not accepted yet.",
            "Watch MyIntealth for ECFMG's decision and answer any request quickly; mark the "
            "Pathway accepted when it is.",
        )
    oet = exams.oet
    shortfalls = oet_shortfalls(oet, season)
    if all(getattr(oet, name) is None for name in OET_SUBTESTS):
        yield Finding(
            "eligibility.oet.missing",
            Severity.BLOCKER,
            STEP,
            "No OET Medicine result: every ECFMG Pathway needs one.",
            "Book OET Medicine (all four sub-tests in one sitting) and enter the scores.",
        )
    elif shortfalls is None and any(getattr(oet, name) is None for name in OET_SUBTESTS):
        missing = [name for name in OET_SUBTESTS if getattr(oet, name) is None]
        yield Finding(
            "eligibility.oet.incomplete",
            Severity.WARNING,
            STEP,
            f"OET Medicine: no score entered for {', '.join(missing)}.",
            "Enter all four sub-test scores from the same sitting.",
        )
    elif shortfalls:
        yield Finding(
            "eligibility.oet.below_minimum",
            Severity.BLOCKER,
            STEP,
            f"OET Medicine sitting below ECFMG's minimum: {'; '.join(shortfalls)}. All "
            "minimums must be reached in one sitting.",
            "Retake OET Medicine (all four sub-tests; results of different sittings cannot "
            "be combined).",
            data=tuple((name, getattr(oet, name)) for name in OET_SUBTESTS),
        )


# --------------------------------------------------------------------------- school, diploma


@rule
def school_and_diploma(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    edu = dossier.education
    wdoms = "Search your school on wdoms.org and open its Sponsor Notes tab"
    if edu.world_directory_listed is None:
        yield Finding(
            "eligibility.world_directory.unchecked",
            Severity.WARNING,
            STEP,
            "Not checked yet whether your medical school is in the World Directory of Medical "
            "Schools.",
            f"{wdoms}, then record what you found.",
        )
    elif edu.world_directory_listed is False:
        yield Finding(
            "eligibility.world_directory.not_listed",
            Severity.BLOCKER,
            STEP,
            "Your medical school is not in the World Directory: its graduates cannot apply for "
            "ECFMG certification.",
            "Check the school's exact name and former names on wdoms.org; if it is truly not "
            "listed, contact ECFMG.",
        )
    elif edu.ecfmg_note is None:
        yield Finding(
            "eligibility.world_directory.note_unchecked",
            Severity.WARNING,
            STEP,
            "Not checked yet whether your school's World Directory listing carries an ECFMG note.",
            f"{wdoms} and record whether there is an ECFMG note and its graduation years.",
        )
    elif edu.ecfmg_note is False:
        yield Finding(
            "eligibility.world_directory.no_ecfmg_note",
            Severity.BLOCKER,
            STEP,
            "Your school's World Directory listing has no ECFMG note: its graduates cannot "
            "apply for ECFMG certification.",
            "Contact ECFMG and your school about the listing.",
        )
    grad = edu.graduation_date
    lo, hi = edu.ecfmg_note_from_year, edu.ecfmg_note_to_year
    if (
        grad
        and edu.ecfmg_note
        and ((lo is not None and grad.year < lo) or (hi is not None and grad.year > hi))
    ):
        span = f"{lo if lo is not None else '…'} to {hi if hi is not None else 'current'}"
        yield Finding(
            "eligibility.graduation_year_not_covered",
            Severity.BLOCKER,
            STEP,
            f"You graduate(d) in {grad.year}, outside the years the ECFMG note covers ({span}).",
            "Check the years on the Sponsor Notes tab again; if they are right, contact ECFMG.",
            data=(("graduation_year", grad.year), ("note_from", lo), ("note_to", hi)),
        )
    graduated = grad is not None and grad <= today
    for attr, code, what in (
        ("diploma_verified", "eligibility.diploma.unverified", "diploma"),
        ("final_transcript_verified", "eligibility.final_transcript.unverified", "transcript"),
    ):
        if getattr(edu, attr):
            continue
        yield Finding(
            code,
            Severity.WARNING if graduated else Severity.INFO,
            STEP,
            f"ECFMG has not verified your final medical school {what} yet"
            + ("." if graduated else " (it can only be verified after you graduate)."),
            f"Upload the final {what} in MyIntealth so ECFMG can confirm it with your school; "
            "ECFMG certification (needed before residency starts) waits for it.",
        )


@rule
def h1b_step3(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    if dossier.profile.visa is Visa.H1B and not _passed(dossier.exams.step3):
        yield Finding(
            "eligibility.step3.needed_for_h1b",
            Severity.WARNING,
            STEP,
            "You plan on an H-1B visa, which needs USMLE Step 3 passed (usually before the rank "
            "order list deadline or Match Day, as each program sets); Step 3 is not passed yet.",
            "Take Step 3 once you are ECFMG certified, or consider a J-1 (sponsored by ECFMG).",
        )


# --------------------------------------------------------------------------- per program


@dataclass(frozen=True, slots=True)
class Reason:
    code: str  # the last part of the finding's code: programs.<code>
    text: str  # plain words, for the programs pane and the finding's message
    fix: str


def _visa_reasons(dossier: Dossier, program: Program) -> list[Reason]:
    need = dossier.profile.visa
    if need in (Visa.NONE, Visa.UNDECIDED):
        return []
    if not program.visa_policy_known and not program.visas_sponsored:
        return []
    sponsored = set(program.visas_sponsored)
    step3 = _passed(dossier.exams.step3)
    none = Reason(
        "visa_not_sponsored",
        f"does not sponsor the {'J-1 or H-1B' if need is Visa.J1_OR_H1B else need_label(need)} "
        "visa you need",
        "Drop it from your list unless the program confirms in writing that it sponsors it.",
    )
    no_step3 = Reason(
        "step3_needed_for_h1b",
        "sponsors H-1B only, and an H-1B needs USMLE Step 3 passed",
        "Pass Step 3 before the program's deadline, or apply where J-1 is sponsored.",
    )
    if need is Visa.J1:
        return [] if VisaType.J1 in sponsored else [none]
    if need is Visa.H1B:
        if VisaType.H1B not in sponsored:
            return [none]
        return [] if step3 else [no_step3]
    # J-1 or H-1B: either will do.
    if VisaType.J1 in sponsored:
        return []
    if VisaType.H1B in sponsored:
        return [] if step3 else [no_step3]
    return [none]


def need_label(visa: Visa) -> str:
    return {Visa.J1: "J-1", Visa.H1B: "H-1B"}.get(visa, str(visa))


def program_reasons(
    dossier: Dossier, program: Program, season: Season, today: dt.date
) -> list[Reason]:
    """Why the applicant does not meet what this program asks (empty when nothing known
    stands in the way). Unknowns (a score not entered, a policy not stated) are not reasons."""
    reasons: list[Reason] = []
    grad = dossier.education.graduation_date
    if program.max_years_since_graduation is not None and grad is not None:
        years = season.match_year - grad.year
        if years > program.max_years_since_graduation:
            reasons.append(
                Reason(
                    "graduation_too_long_ago",
                    f"takes graduates of the last {program.max_years_since_graduation} years; "
                    f"you graduated in {grad.year}, {years} years before the "
                    f"{season.match_year} Match",
                    "Drop it from your list, or ask the program whether recent US clinical "
                    "experience makes up for it.",
                )
            )
    reasons += _visa_reasons(dossier, program)
    exams = dossier.exams
    if (
        program.requires_step3
        and not _passed(exams.step3)
        and not any(r.code == "step3_needed_for_h1b" for r in reasons)
    ):
        reasons.append(
            Reason(
                "step3_required",
                "asks for USMLE Step 3 passed",
                "Pass Step 3 before the program's deadline, or drop it from your list.",
            )
        )
    score = exams.step2ck.score
    minimum = program.min_step2ck_score
    if minimum is not None and score is not None and score < minimum:
        reasons.append(
            Reason(
                "step2ck_below_minimum",
                f"asks for Step 2 CK {minimum} or more; yours is {score}",
                "Drop it from your list unless the program says the minimum is flexible.",
            )
        )
    usce = dossier.profile.us_clinical_experience_months
    if program.min_usce_months is not None and usce < program.min_usce_months:
        reasons.append(
            Reason(
                "usce_short",
                f"asks for {plural(program.min_usce_months, 'month')} of US clinical experience; "
                f"you have {usce}",
                "Gain more US clinical experience (observership, externship) or drop it.",
            )
        )
    if program.max_attempts is not None:
        worst = max(exams.step1.attempts, exams.step2ck.attempts, exams.step3.attempts)
        if worst > program.max_attempts:
            reasons.append(
                Reason(
                    "attempts_over_limit",
                    f"takes at most {plural(program.max_attempts, 'attempt')} per Step; you "
                    f"needed {worst} for one Step",
                    "Drop it from your list unless the program says otherwise.",
                )
            )
    return reasons


def program_eligibility(
    dossier: Dossier, program: Program, season: Season, today: dt.date
) -> list[str]:
    """Plain-words reasons the applicant is not eligible for the program; [] = eligible as far
    as is known. For the programs pane (eligible / why not per row)."""
    return [r.text for r in program_reasons(dossier, program, season, today)]


__all__ = [
    "Reason",
    "clinical_skills_met",
    "oet_minimums",
    "oet_shortfalls",
    "program_eligibility",
    "program_reasons",
]
