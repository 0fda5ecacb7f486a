"""The season calendar against today: a deadline within the warning window is a warning with
the days left; a deadline passed with its step not done is a blocker; coming ones are info.

Each deadline finding's data carries the date (ISO), its confidence, its source and the season
key, so `check --json` shows how sure the date is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from imgwizard.model import Dossier
from imgwizard.rules import rule
from imgwizard.rules.common import fact_data, unknown
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Confidence, Fact, Season
from imgwizard.specialties import uses_eras
from imgwizard.wording import plural

# From the rules issue: a deadline this close is a warning with the days left.
WARN_WITHIN_DAYS = 30


@dataclass(frozen=True, slots=True)
class Deadline:
    name: str  # code part: deadlines.<name>.<state>
    key: str  # season key of the date
    step: str
    what: str  # "the NRMP registration deadline"
    todo: str  # what must be done by then, as a fix
    done: Callable[[Dossier], bool] | None  # None: a day to know, nothing to do by it
    # A later day until which the step can still be done late (ERAS stays open until the season
    # ends; NRMP registration until the rank order list deadline), with what late means.
    grace_key: str = ""
    late: str = ""
    late_fee_key: str = ""  # a fee charged for doing it late, named in the late fix


DEADLINES: tuple[Deadline, ...] = (
    Deadline(
        "eras_submission",
        "eras.programs_review_opens",
        "eras",
        "the day programs start reviewing applications",
        "Certify and submit your MyERAS application before programs start reviewing.",
        lambda d: d.eras.submitted,
        "eras.season_ends",
        "ERAS stays open until the season ends: submit now, every day counts, since programs "
        "have been reviewing and inviting since that day. Letters, the MSPE and transcripts "
        "can follow your submission.",
    ),
    Deadline(
        "nrmp_registration",
        "nrmp.registration_deadline",
        "nrmp",
        "the NRMP standard registration deadline",
        "Register for the Main Residency Match in R3 and pay the fee (a late fee applies "
        "after this date).",
        lambda d: d.nrmp.registered,
        "nrmp.rol_deadline",
        "Late registration stays open, with the late fee, until the rank order list deadline; "
        "register in R3 now. Without registration before that deadline there is no Match and "
        "no SOAP.",
        "nrmp.late_registration_fee",
    ),
    Deadline(
        "ecfmg_verification",
        "nrmp.rol_deadline",
        "eligibility",
        "the rank order list deadline, by which ECFMG must report your exam and skills "
        "requirements to the NRMP",
        "Finish the missing ECFMG requirements now; without ECFMG's report by this date you are "
        "withdrawn from the Match.",
        lambda d: d.ecfmg.requirements_reported_to_nrmp or d.ecfmg.certified,
    ),
    Deadline(
        "rol_certification",
        "nrmp.rol_deadline",
        "rank_list",
        "the rank order list certification deadline",
        "Enter your rank order list in R3 and certify it; an uncertified list is not used.",
        lambda d: d.rank_list.certified,
    ),
    Deadline(
        "match_day",
        "nrmp.match_day",
        "match_day",
        "Match Day",
        "Nothing to do by then; watch R3 and your e-mail for your result.",
        None,
    ),
)


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _days_text(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {plural(days, 'day')}"


def deadline_findings(
    dossier: Dossier, season: Season, today: dt.date, deadline: Deadline
) -> Iterator[Finding]:
    done = deadline.done(dossier) if deadline.done else False
    if done:
        return
    fact = season.get(deadline.key)
    if fact is None or not isinstance(fact.value, dt.date):
        if deadline.done is not None:
            yield unknown(season, deadline.key, deadline.step, f"warn you before {deadline.what}")
        return
    when = fact.display()
    days = (fact.value - today).days
    data = (*fact_data(fact), ("date", fact.value.isoformat()), ("days_left", days))
    code = f"deadlines.{deadline.name}"
    if days < 0:
        if deadline.done is None:
            return
        yield _passed(season, today, deadline, fact, days, data)
    elif days <= WARN_WITHIN_DAYS and deadline.done is not None:
        yield Finding(
            f"{code}.soon",
            Severity.WARNING,
            deadline.step,
            f"{sentence(deadline.what)} is {_days_text(days)}: {when}.",
            deadline.todo,
            subject=deadline.key,
            data=data,
        )
    else:
        yield Finding(
            f"{code}.upcoming",
            Severity.INFO,
            deadline.step,
            f"{sentence(deadline.what)}: {when} ({_days_text(days)}).",
            deadline.todo,
            subject=deadline.key,
            data=data,
        )


def _sure(fact: Fact) -> bool:
    """Official or the applicant's own value: only such a date can block on its own."""
    return fact.confidence in (Confidence.OFFICIAL, Confidence.YOURS, Confidence.SECONDARY)


def _passed(
    season: Season, today: dt.date, deadline: Deadline, fact: Fact, days: int, data: tuple
) -> Finding:
    code = f"deadlines.{deadline.name}"
    when = fact.display()
    grace = season.get(deadline.grace_key) if deadline.grace_key else None
    if grace is not None and isinstance(grace.value, dt.date) and today <= grace.value:
        fee = season.get(deadline.late_fee_key) if deadline.late_fee_key else None
        return Finding(
            f"{code}.late",
            Severity.WARNING,
            deadline.step,
            f"{sentence(deadline.what)} was {when} ({plural(-days, 'day')} ago), and this step "
            f"is not done; it can still be done until {grace.display()}.",
            deadline.late + (f" Late fee: {fee.display()}." if fee else ""),
            subject=deadline.key,
            data=(*data, ("until_key", grace.key), ("until_confidence", grace.confidence.value)),
        )
    if grace is not None and isinstance(grace.value, dt.date):
        closed_days = (today - grace.value).days
        return Finding(
            f"{code}.closed",
            Severity.BLOCKER if _sure(grace) else Severity.WARNING,
            deadline.step,
            f"{sentence(deadline.what)} was {when}, and the last day to do it late, "
            f"{grace.display()}, passed {plural(closed_days, 'day')} ago. This step is not done."
            + ("" if _sure(grace) else " That last day is an estimate: check it."),
            f"Check in {grace.spec.where_to_check} what still applies; otherwise plan for the "
            "next season.",
            subject=deadline.key,
            data=(*data, ("until_key", grace.key), ("until_confidence", grace.confidence.value)),
        )
    return Finding(
        f"{code}.passed",
        Severity.BLOCKER if _sure(fact) else Severity.WARNING,
        deadline.step,
        f"{sentence(deadline.what)} was {when} ({plural(-days, 'day')} ago), and this "
        "step is not done." + ("" if _sure(fact) else " The date is an estimate: check it."),
        deadline.todo + " Do it now, or ask what still applies after the date.",
        subject=deadline.key,
        data=data,
    )


@rule
def deadlines(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    eras = uses_eras(dossier, season)
    for deadline in DEADLINES:
        if deadline.step == "eras" and not eras:
            continue  # ResidencyCAS only: its own calendar (rules/services.py says so)
        yield from deadline_findings(dossier, season, today, deadline)
