"""Estimate a Match year that has no package file from the nearest season that has one.

Each date moves by a rule that keeps the pattern of the season it comes from:

- most ERAS dates keep their weekday and week of the month ("first Wednesday of June");
- Match Day keeps its weekday and week ("third Friday of March"), and the NRMP dates around it
  keep their distance to it ("16 days before Match Day");
- a few dates are the same calendar day every season ("May 31"), one moved to the Friday before
  when it falls on a weekend;
- dates that record when a rule changed (Step 1 pass/fail from 2022-01-26) do not move, and
  neither do fees and limits ("unchanged since Match 2027").

Every estimated fact is marked `estimate` and names its rule, the base season included.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from imgwizard.season.facts import CATALOGUE, Confidence, Fact, Kind, Season

_ORDINALS = ("first", "second", "third", "fourth")


@dataclass(frozen=True)
class NthWeekday:
    """The same weekday in the same week of the month ("third Friday of March")."""


@dataclass(frozen=True)
class FromAnchor:
    """A fixed number of days from another fact of the same season."""

    anchor: str
    days: int


@dataclass(frozen=True)
class SameDay:
    """The same calendar day each season; optionally the Friday before when on a weekend."""

    month: int
    day: int
    friday_before_weekend: bool = False


@dataclass(frozen=True)
class YearsOn:
    """A cut-off that moves with the season: the same calendar day, as many years on as the
    Match year (the earliest OET sitting a Pathways season accepts)."""


@dataclass(frozen=True)
class Unchanged:
    """Dates of past rule changes: they do not move."""


Rule = NthWeekday | FromAnchor | SameDay | YearsOn | Unchanged

# Anchors come first so that dates derived from them see the estimated anchor.
DATE_RULES: dict[str, Rule] = {
    "nrmp.match_day": NthWeekday(),
    "eras.programs_review_opens": NthWeekday(),
    "eras.season_opens": NthWeekday(),
    "eras.token_release": NthWeekday(),
    "eras.earliest_submission": NthWeekday(),
    "eras.mspe_release": FromAnchor("eras.programs_review_opens", 0),
    "eras.season_ends": SameDay(5, 31),
    "ecfmg.pathways_closes": SameDay(5, 31),
    "nrmp.registration_opens": SameDay(9, 15),
    "nrmp.registration_deadline": SameDay(1, 31, friday_before_weekend=True),
    "nrmp.ranking_opens": SameDay(2, 1),
    "nrmp.rol_deadline": FromAnchor("nrmp.match_day", -16),
    "nrmp.match_week_starts": FromAnchor("nrmp.match_day", -4),
    "nrmp.soap_ends": FromAnchor("nrmp.match_day", -1),
    "oet.earliest_accepted": YearsOn(),
}

# Keys whose date is a moment in exam history, not a point in the season calendar.
HISTORICAL_PREFIXES = ("usmle.", "oet.")


def rule_for(key: str) -> Rule:
    if key in DATE_RULES:
        return DATE_RULES[key]
    if key.startswith(HISTORICAL_PREFIXES):
        return Unchanged()
    return NthWeekday()


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-4) given weekday of a month; n = -1 for the last one."""
    days = [
        day
        for day in calendar.Calendar().itermonthdates(year, month)
        if day.month == month and day.weekday() == weekday
    ]
    return days[-1] if n == -1 else days[n - 1]


def _week_of(day: dt.date) -> int:
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def describe_nth(day: dt.date) -> str:
    n = _week_of(day)
    ordinal = "last" if n == -1 else _ORDINALS[n - 1]
    return f"{ordinal} {calendar.day_name[day.weekday()]} of {calendar.month_name[day.month]}"


def shift_date(
    key: str, base: dt.date, years: int, estimated: dict[str, dt.date]
) -> tuple[dt.date, str]:
    """Move one date `years` Match years on by its rule; returns (date, rule text)."""
    rule = rule_for(key)
    if isinstance(rule, Unchanged):
        return base, "unchanged"
    if isinstance(rule, FromAnchor) and rule.anchor in estimated:
        day = estimated[rule.anchor] + dt.timedelta(days=rule.days)
        label = CATALOGUE[rule.anchor].label
        if rule.days == 0:
            return day, f"same day as '{label}'"
        when = "before" if rule.days < 0 else "after"
        days = f"{abs(rule.days)} day{'' if abs(rule.days) == 1 else 's'}"
        return day, f"{days} {when} '{label}' (a {calendar.day_name[day.weekday()]})"
    if isinstance(rule, YearsOn):
        return base.replace(year=base.year + years), "the same day, a year later each season"
    if isinstance(rule, SameDay):
        day = dt.date(base.year + years, rule.month, rule.day)
        text = f"{calendar.month_name[rule.month]} {rule.day} each season"
        if rule.friday_before_weekend:
            text += ", or the Friday before when it falls on a weekend"
            while day.weekday() >= 5:
                day -= dt.timedelta(days=1)
        return day, text
    # NthWeekday, and FromAnchor whose anchor is missing from the base season.
    n = _week_of(base)
    day = nth_weekday(base.year + years, base.month, base.weekday(), n)
    return day, describe_nth(base)


def estimate_season(base: Season, match_year: int) -> Season:
    """A season for `match_year` built from `base` by the rules above; every fact an estimate."""
    years = match_year - base.match_year
    since = f"Match {base.match_year}"
    facts: dict[str, Fact] = {}
    dates: dict[str, dt.date] = {}
    order = [k for k in DATE_RULES if k in base.facts] + [
        k for k in base.facts if k not in DATE_RULES
    ]
    for key in order:
        fact = base.facts[key]
        if fact.confidence is Confidence.YOURS:  # pragma: no cover - base is package data
            continue
        if CATALOGUE[key].kind is Kind.DATE and isinstance(fact.value, dt.date):
            value, how = shift_date(key, fact.value, years, dates)
            dates[key] = value
            rule = f"unchanged since {since}" if how == "unchanged" else f"{how}, as in {since}"
        else:
            value, rule = fact.value, f"unchanged since {since}"
        was = f"{since}: {fact.value_text()} ({fact.confidence.value})"
        facts[key] = Fact(
            key,
            value,
            Confidence.ESTIMATE,
            fact.source,
            fact.checked,
            rule=rule,
            note=f"{was}; {fact.note}" if fact.note else was,
        )
    ordered = {k: facts[k] for k in CATALOGUE if k in facts}
    return Season(match_year, ordered)
