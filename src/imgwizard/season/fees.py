"""Fees worked out from the season's facts (never from literals in code).

ERAS charges per program, counted per specialty: the first `eras.fee_tier1_programs` programs
of each specialty cost `eras.fee_tier1_per_program` each, every further program in that same
specialty `eras.fee_tier2_per_program`. For Match 2026 that is $11 for programs 1-30 and $30
from the 31st, so AAMC's examples come out as 30 EM = $330, 43 IM + 7 radiology = $797 and
32 IM + 32 EM = $780.

ResidencyCAS (Emergency Medicine, OB/GYN) charges a base fee for the first programs and two
per-program tiers after it (2025-26: $99 for 1-18, $18 each for 19-30, $23 each from 31).
"""

from __future__ import annotations

from collections.abc import Mapping

from imgwizard.season.facts import Fact, Season

ERAS_FEE_KEYS = (
    "eras.fee_tier1_per_program",
    "eras.fee_tier1_programs",
    "eras.fee_tier2_per_program",
)


class FeeUnknown(LookupError):
    """The season lacks a fact the fee needs; the message names the key."""


def _basis(season: Season, keys: tuple[str, ...]) -> list[Fact]:
    facts = []
    for key in keys:
        fact = season.get(key)
        if fact is None or not isinstance(fact.value, int):
            raise FeeUnknown(f"no value for {key} in the Match {season.match_year} season")
        facts.append(fact)
    return facts


def eras_fee_basis(season: Season) -> list[Fact]:
    """The facts the ERAS fee rests on (to show their confidence next to the total)."""
    return _basis(season, ERAS_FEE_KEYS)


def eras_fee(counts_per_specialty: Mapping[str, int], season: Season) -> int:
    """Total ERAS application fee in whole dollars for so many programs in each specialty."""
    tier1, tier1_programs, tier2 = (int(f.value) for f in eras_fee_basis(season))
    total = 0
    for specialty, count in counts_per_specialty.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(
                f"{specialty}: program count must be a whole number >= 0, not {count!r}"
            )
        first = min(count, tier1_programs)
        total += first * tier1 + (count - first) * tier2
    return total


RESIDENCYCAS_FEE_KEYS = (
    "residencycas.fee_base",
    "residencycas.fee_base_programs",
    "residencycas.fee_tier2_per_program",
    "residencycas.fee_tier2_programs",
    "residencycas.fee_tier3_per_program",
)


def residencycas_fee_basis(season: Season) -> list[Fact]:
    """The facts the ResidencyCAS fee rests on."""
    return _basis(season, RESIDENCYCAS_FEE_KEYS)


def residencycas_fee(programs: int, season: Season) -> int:
    """ResidencyCAS fee in whole dollars for so many programs: a base fee covering the first
    programs, one per-program fee up to the end of the second tier, another after it."""
    base, base_programs, tier2, tier2_last, tier3 = (
        int(f.value) for f in residencycas_fee_basis(season)
    )
    if isinstance(programs, bool) or not isinstance(programs, int) or programs < 0:
        raise ValueError(f"program count must be a whole number >= 0, not {programs!r}")
    if programs == 0:
        return 0
    second = max(0, min(programs, tier2_last) - base_programs)
    third = max(0, programs - max(tier2_last, base_programs))
    return base + second * tier2 + third * tier3
