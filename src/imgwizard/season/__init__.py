"""Season facts: the dates, fees and limits of one Match year, each with where it came from.

Code asks the season; it never hard-codes a date, fee or limit. Every fact carries its source,
the date it was checked and a confidence. The applicant's own corrections (from their MyERAS,
R3 or MyIntealth account) win over package data and are marked as theirs.

Public API (used by rules, the TUI and the CLI):
    load_season(match_year, corrections=()) -> Season
    Season.get(key) -> Fact          Season.value(key)         Season.facts (ordered dict)
    Fact.display() -> "≈ Fri 19 Mar 2027 · estimate · check NRMP R3"

Which season a dossier is in: season.which (season_of, match_year_of, suggest_match_year).
Beside it: season.corrections (set_correction / reset_correction / CorrectionError, the
applicant's own values), season.estimate (a Match year without a file), season.fees (eras_fee).
Data files and rules: docs/season-data.md.
"""

from __future__ import annotations

from imgwizard.season.facts import (
    CATALOGUE,
    Confidence,
    Fact,
    FactSpec,
    Kind,
    Season,
    SeasonDataError,
)
from imgwizard.season.loader import available_years, load_season

__all__ = [
    "CATALOGUE",
    "Confidence",
    "Fact",
    "FactSpec",
    "Kind",
    "Season",
    "SeasonDataError",
    "available_years",
    "load_season",
]
