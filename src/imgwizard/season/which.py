"""Which Match season a dossier is in, and which Match an applicant can realistically make.

`season_of` is the one place that answers "which season's dates, fees and limits apply to this
dossier": the wizard, every command and the tests call it. `suggest_match_year` reads what the
dossier says (exams, Pathway) against the season calendar and explains its suggestion; the
first screen asks the year with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imgwizard.model import Dossier, Outcome, PathwayStatus, default_match_year
from imgwizard.season.facts import Season
from imgwizard.season.loader import load_season

# Our own advice, not a season fact: an exam not yet taken needs about three months to book,
# sit and get the result (USMLE results take weeks) before the day it must be known.
EXAM_LEAD_DAYS = 90


def match_year_of(dossier: Dossier, today: dt.date) -> int:
    """The Match the dossier aims for: the applicant's answer, else the season in progress."""
    return dossier.match_year(today)


def season_of(dossier: Dossier, today: dt.date, year: int | None = None) -> Season:
    """The season for the dossier (or for `year`), with the applicant's corrections when it is
    their target season. May raise SeasonDataError (damaged package data)."""
    target = match_year_of(dossier, today)
    year = target if year is None else year
    return load_season(year, dossier.season_corrections if year == target else ())


@dataclass(frozen=True, slots=True)
class Suggestion:
    year: int
    reasons: tuple[str, ...]  # why, in plain words; the first is the main one

    @property
    def text(self) -> str:
        return f"Suggested: Match {self.year}. " + " ".join(self.reasons)


def _late(exam_outcome: Outcome, taken_on: dt.date | None, by: object, today: dt.date) -> bool:
    """An exam that will not be passed by `by`: not taken (or failed) with too little time."""
    if not isinstance(by, dt.date) or exam_outcome in (Outcome.PASSED, Outcome.PENDING):
        return False
    if exam_outcome is Outcome.SCHEDULED and taken_on is not None:
        return taken_on > by
    return (by - today).days < EXAM_LEAD_DAYS


def suggest_match_year(dossier: Dossier, today: dt.date) -> Suggestion:
    """The first Match the dossier can realistically make, and why."""
    year = default_match_year(today)
    season = load_season(year)
    reasons = _why_not(dossier, season, today)
    if reasons:
        later = year + 1
        return Suggestion(later, (*reasons, f"Match {later} gives you the time."))
    opens = season.date("eras.season_opens")
    when = f" (ERAS opens {opens.strftime('%B %Y')})" if opens and opens > today else ""
    return Suggestion(
        year,
        (f"Nothing you entered rules out Match {year}{when}: its Match Day is in March {year}.",),
    )


def _why_not(dossier: Dossier, season: Season, today: dt.date) -> list[str]:
    exams, ecfmg = dossier.exams, dossier.ecfmg
    review = season.get("eras.programs_review_opens")
    rol = season.get("nrmp.rol_deadline")
    closes = season.get("ecfmg.pathways_closes")
    reasons = []
    if review is not None and _late(exams.step1.outcome, exams.step1.taken_on, review.value, today):
        reasons.append(
            f"Step 1 is not passed, and programs start reviewing Match {season.match_year} "
            f"applications on {review.display()}: most will not consider you without it."
        )
    if rol is not None and _late(exams.step2ck.outcome, exams.step2ck.taken_on, rol.value, today):
        reasons.append(
            f"Step 2 CK is not passed, and ECFMG must report it to the NRMP by the rank order "
            f"list deadline, {rol.display()}."
        )
    skills_open = not (
        ecfmg.certified
        or exams.step2cs_legacy_pass
        or ecfmg.pathway_status is not PathwayStatus.NOT_STARTED
    )
    if skills_open and closes is not None and isinstance(closes.value, dt.date):
        last = closes.value
        if rol is not None and isinstance(rol.value, dt.date):
            last = min(last, rol.value)
        if (last - today).days < EXAM_LEAD_DAYS:
            reasons.append(
                "No ECFMG Pathway applied for yet, and the clinical skills requirement must be "
                f"met (with OET Medicine) by {rol.display() if rol else closes.display()}."
            )
    return reasons
