"""Fees worked out from the season's facts (never from literals in code).

ERAS charges per program, counted per specialty: the first `eras.fee_tier1_programs` programs
of each specialty cost `eras.fee_tier1_per_program` each, every further program in that same
specialty `eras.fee_tier2_per_program`. For Match 2026 that is $11 for programs 1-30 and $30
from the 31st, so AAMC's examples come out as 30 EM = $330, 43 IM + 7 radiology = $797 and
32 IM + 32 EM = $780.
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


def eras_fee_basis(season: Season) -> list[Fact]:
    """The facts the ERAS fee rests on (to show their confidence next to the total)."""
    facts = []
    for key in ERAS_FEE_KEYS:
        fact = season.get(key)
        if fact is None or not isinstance(fact.value, int):
            raise FeeUnknown(f"no value for {key} in the Match {season.match_year} season")
        facts.append(fact)
    return facts


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
