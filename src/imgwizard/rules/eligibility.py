"""Eligibility: the parts of ECFMG certification, the USMLE attempt limit, and, per program,
whether the applicant meets what the program asks (`program_eligibility`, also used by the UI).

Current rules (ecfmg-usmle.md, updates-2026.md): Step 1 and Step 2 CK passed; the clinical and
communication skills requirement met by an accepted ECFMG Pathway with OET Medicine passed in one
sitting, or by an old Step 2 CS pass. Step 2 CS ended in 2021 and is never suggested as an exam
to take. Since January 2026 IMGs register for Step 1 and Step 2 CK in the FSMB's USMLE portal;
ECFMG keeps certification, Pathways, J-1 sponsorship and ERAS support. A school's recognized
(WFME) accreditation is reported on its listing, never a requirement for the applicant: no rule
here asks for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from imgwizard.model import Dossier, Exam, Oet, Outcome, PathwayStatus, Program, Visa, VisaType
from imgwizard.pricing import least_sure
from imgwizard.rules import rule
from imgwizard.rules.common import fact_data, fact_ref
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Confidence, Fact, Season
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


def exam_portal(season: Season, today: dt.date) -> str:
    """Where an IMG registers for Step 1 / Step 2 CK on `today`: the FSMB's USMLE portal since
    the move (`usmle.fsmb_services_from`), ECFMG's MyIntealth before it."""
    moved = season.date("usmle.fsmb_services_from")
    if moved is not None and today < moved:
        return "through ECFMG (MyIntealth)"
    return (
        "in the FSMB's USMLE portal (an FSMB account plus an approved Application for ECFMG "
        "Certification; ECFMG no longer handles USMLE registration)"
    )


@rule
def exams_passed(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    exams = dossier.exams
    portal = exam_portal(season, today)
    yield from _exam_finding(
        exams.step1,
        "eligibility.step1.not_passed",
        "Step 1",
        f"Register for Step 1 {portal}, take it, and enter the result when it comes (Step 1 is "
        "reported as pass/fail).",
    )
    yield from _exam_finding(
        exams.step2ck,
        "eligibility.step2ck.not_passed",
        "Step 2 CK",
        f"Register for Step 2 CK {portal}, take it, and enter the result and score when they come.",
    )


def step2ck_passing(season: Season, taken_on: dt.date | None) -> Fact | None:
    """The Step 2 CK passing score in force on the test date (the current one when no date)."""
    since = season.date("usmle.step2ck_passing_score_from")
    if taken_on is not None and since is not None and taken_on < since:
        return season.get("usmle.step2ck_passing_score_before")
    return season.get("usmle.step2ck_passing_score")


@rule
def step2ck_score(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """A Step 2 CK score below the passing score of its test date. Always a warning: it says the
    entered score and outcome do not agree, and the passing score may be secondary."""
    exam = dossier.exams.step2ck
    if exam.score is None:
        return
    passing = step2ck_passing(season, exam.taken_on)
    if passing is None or not isinstance(passing.value, int) or exam.score >= passing.value:
        return
    when = f"taken on {exam.taken_on.isoformat()}" if exam.taken_on else "test date not entered"
    said = " You marked it passed." if exam.outcome is Outcome.PASSED else ""
    yield Finding(
        "eligibility.step2ck.below_passing",
        Severity.WARNING,
        STEP,
        f"USMLE Step 2 CK score {exam.score} ({when}) is below the passing score for that date, "
        f"{passing.display()}.{said}",
        "Check the score and the test date against your USMLE score report; if it is right, "
        "the exam was not passed and must be retaken.",
        subject="Step 2 CK",
        data=(*fact_data(passing), ("score", exam.score)),
    )


@rule
def attempt_limit(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """At the USMLE's attempt limit without a pass, no Step can be applied for any more."""
    limit = season.count("usmle.attempt_limit")
    if limit is None:
        return
    attempt_fact = fact_ref(season.get("usmle.attempt_limit"))
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
                data=(("attempts", exam.attempts), ("limit", limit), *attempt_fact),
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
                data=(("attempts", exam.attempts), ("limit", limit), *attempt_fact),
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
    "Apply for the ECFMG Pathway that fits you through ECFMG (MyIntealth; Pathways stay with "
    "ECFMG) and take OET Medicine. (Step 2 CS ended in 2021 and cannot be taken; if you passed "
    "it before then, tick that you did.)"
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
            "Apply for Pathways revalidation through ECFMG (MyIntealth).",
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
            "Watch MyIntealth (ECFMG) for its decision and answer any request quickly; mark the "
            "Pathway accepted when it is.",
        )
    oet = exams.oet
    shortfalls = oet_shortfalls(oet, season)
    min_facts = [f for n in OET_SUBTESTS if (f := season.get(f"oet.min_{n}")) is not None]
    least = least_sure(min_facts) if min_facts else Confidence.OFFICIAL
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
            Severity.WARNING if least is Confidence.ESTIMATE else Severity.BLOCKER,
            STEP,
            f"OET Medicine sitting below ECFMG's minimum: {'; '.join(shortfalls)}. All "
            "minimums must be reached in one sitting."
            + ("" if least is Confidence.OFFICIAL else f" (The minimums are {least.value}.)"),
            "Retake OET Medicine (all four sub-tests; results of different sittings cannot "
            "be combined)."
            + ("" if least is Confidence.OFFICIAL else " Confirm the minimums on ecfmg.org."),
            data=(
                *((name, getattr(oet, name)) for name in OET_SUBTESTS),
                ("season_keys", [f.key for f in min_facts]),
                ("confidence", least.value),
            ),
        )


def _sure(fact: Fact) -> bool:
    return fact.confidence in (Confidence.OFFICIAL, Confidence.YOURS)


@rule
def pathway_timing(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """The season's Pathways window and the earliest OET date its Pathways accept. Both are
    estimates for Match 2027 (nothing published): then a warning that says so, never a blocker."""
    ecfmg, exams = dossier.ecfmg, dossier.exams
    if ecfmg.certified or exams.step2cs_legacy_pass:
        return
    if ecfmg.pathway_status is PathwayStatus.NOT_NEEDED:
        return
    closes = season.get("ecfmg.pathways_closes")
    rol = season.get("nrmp.rol_deadline")
    rol_text = f" ({rol.display()})" if rol is not None else ""
    if ecfmg.pathway_status is PathwayStatus.NOT_STARTED and closes is not None:
        assert isinstance(closes.value, dt.date)
        if today > closes.value:
            yield Finding(
                "eligibility.pathway.window_closed",
                Severity.BLOCKER if _sure(closes) else Severity.WARNING,
                STEP,
                f"The Match {season.match_year} Pathways application closes {closes.display()}, "
                "and that day has passed with no Pathway applied for."
                + ("" if _sure(closes) else " The date is not published: check ecfmg.org."),
                "Check on ecfmg.org whether the season's Pathways still take applications; if "
                "not, aim for the next Match.",
                data=fact_data(closes),
            )
        else:
            yield Finding(
                "eligibility.pathway.window",
                Severity.INFO,
                STEP,
                f"Pathways for the Match {season.match_year}: applications stay open until "
                f"{closes.display()}, but for the Match ECFMG must report the requirement met "
                f"by the rank order list deadline{rol_text}.",
                "Apply well before the rank order list deadline: ECFMG's review takes weeks, and "
                "your OET result must be in first.",
                data=fact_data(closes),
            )
    earliest = season.get("oet.earliest_accepted")
    taken = exams.oet.taken_on
    if (
        earliest is not None
        and isinstance(earliest.value, dt.date)
        and taken is not None
        and taken < earliest.value
    ):
        yield Finding(
            "eligibility.oet.too_old",
            Severity.BLOCKER if _sure(earliest) else Severity.WARNING,
            STEP,
            f"Your OET Medicine sitting ({taken.isoformat()}) is before the earliest test "
            f"date the Match {season.match_year} Pathways accept, {earliest.display()}."
            + ("" if _sure(earliest) else " That date is not published yet: confirm it."),
            "Check the OET date rule for your Pathways season on ecfmg.org; if your sitting "
            "is too old, book OET Medicine again (ECFMG advises by December before the Match).",
            data=fact_data(earliest),
        )


@rule
def visa_steps(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    """What a J-1 or an H-1B asks beyond the exams. Notes: programs and ECFMG decide."""
    visa = dossier.profile.visa
    if visa in (Visa.J1, Visa.J1_OR_H1B):
        weeks = season.get("ecfmg.j1_processing_weeks")
        wait = f" ECFMG needs about {weeks.display()} weeks for a complete file." if weeks else ""
        yield Finding(
            "eligibility.j1.statement_of_need",
            Severity.INFO,
            STEP,
            "A J-1 sponsored by ECFMG needs a Statement of Need from the Ministry of Health of "
            "your country of most recent legal permanent residence, in the wording US rules set "
            "(22 CFR 62.27) and naming your specialty. Every ECFMG clinical J-1 carries the "
            "two-year home-country rule (INA 212(e)): you and a J-2 family must spend two years "
            "there before certain US visas or a green card.",
            "Ask your Ministry of Health now how it issues the Statement of Need; after the "
            "Match your hospital starts the J-1 file in ECFMG's EVNet." + wait,
            data=fact_data(weeks) if weeks else (),
        )
    if visa in (Visa.H1B, Visa.J1_OR_H1B):
        payment = season.get("visa.h1b_new_petition_payment")
        if payment is not None:
            yield Finding(
                "eligibility.h1b.new_petition_payment",
                Severity.INFO,
                STEP,
                f"A one-time payment of {payment.display()} has been asked on some new H-1B "
                "petitions since September 2025 (Presidential Proclamation 10973), mainly for "
                "people outside the US. Whether it applies to you, and to your program, "
                "imgwizard cannot tell: it has been challenged in court.",
                "Ask each program's GME office whether it sponsors an H-1B for you and who pays "
                "any such fee; a J-1 through ECFMG is the other route.",
                data=fact_data(payment),
            )
    if not dossier.ecfmg.certified:
        yield Finding(
            "eligibility.certification.before_start",
            Severity.INFO,
            STEP,
            "You can rank programs before ECFMG certifies you, but the certificate itself must "
            "be issued before residency starts (1 July), and only after you graduate and ECFMG "
            "verifies your diploma. A J-1 also waits for it.",
            "Keep your ECFMG file complete (exams, Pathway, final diploma and transcript) so the "
            "certificate is issued in time; some programs ask for it earlier.",
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
            f"Upload the final {what} to ECFMG (MyIntealth) so it can confirm it with your school; "
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
    # The reasons are made only when given (once per program for 3,000 programs, per run).
    if need is Visa.J1:
        return [] if VisaType.J1 in sponsored else [_not_sponsored(need)]
    if need is Visa.H1B:
        if VisaType.H1B not in sponsored:
            return [_not_sponsored(need)]
        return [] if _passed(dossier.exams.step3) else [_NO_STEP3]
    # J-1 or H-1B: either will do.
    if VisaType.J1 in sponsored:
        return []
    if VisaType.H1B in sponsored:
        return [] if _passed(dossier.exams.step3) else [_NO_STEP3]
    return [_not_sponsored(need)]


def _not_sponsored(need: Visa) -> Reason:
    return Reason(
        "visa_not_sponsored",
        f"does not sponsor the {'J-1 or H-1B' if need is Visa.J1_OR_H1B else need_label(need)} "
        "visa you need",
        "Drop it from your list unless the program confirms in writing that it sponsors it.",
    )


_NO_STEP3 = Reason(
    "step3_needed_for_h1b",
    "sponsors H-1B only, and an H-1B needs USMLE Step 3 passed",
    "Pass Step 3 before the program's deadline, or apply where J-1 is sponsored.",
)


def need_label(visa: Visa) -> str:
    return {Visa.J1: "J-1", Visa.H1B: "H-1B"}.get(visa, str(visa))


def _years(n: int) -> str:
    """'the last year', 'the last 5 years' (never 'the last 1 years')."""
    return "year" if n == 1 else plural(n, "year")


# Within one run of the rules (`remembered`), each program's reasons are worked out once:
# the programs rule, the signals rule and the programs pane's column all ask for them.
_remembered: ContextVar[dict[int, list[Reason]] | None] = ContextVar("reasons", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Work out each program's reasons once while this lasts: for one run of the rules over
    a dossier that does not change meanwhile (a run in the worker whose dossier is edited
    meanwhile is thrown away: tui/checking.py). Inside another, the outer one's memory is
    used."""
    if _remembered.get() is not None:
        yield
        return
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def program_reasons(
    dossier: Dossier, program: Program, season: Season, today: dt.date
) -> list[Reason]:
    """Why the applicant does not meet what this program asks (empty when nothing known
    stands in the way). Unknowns (a score not entered, a policy not stated) are not reasons.
    The list is shared within a `remembered()` run: do not change it."""
    memo = _remembered.get()
    if memo is None:
        return _program_reasons(dossier, program, season, today)
    found = memo.get(id(program))
    if found is None:
        found = memo[id(program)] = _program_reasons(dossier, program, season, today)
    return found


def _program_reasons(
    dossier: Dossier, program: Program, season: Season, today: dt.date
) -> list[Reason]:
    reasons: list[Reason] = []
    grad = dossier.education.graduation_date
    if program.max_years_since_graduation is not None and grad is not None:
        years = season.match_year - grad.year
        if years > program.max_years_since_graduation:
            reasons.append(
                Reason(
                    "graduation_too_long_ago",
                    "takes graduates of the last "
                    f"{_years(program.max_years_since_graduation)}; "
                    f"you graduated in {grad.year}, {plural(years, 'year')} before the "
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
