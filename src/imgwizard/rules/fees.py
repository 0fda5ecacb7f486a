"""Fee estimates from the season's fee facts: ERAS for the programs applied to, NRMP for the
rank order list. Info findings; the data says how sure each fee is."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from imgwizard.model import Dossier
from imgwizard.rules import rule
from imgwizard.rules.common import unknown
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Confidence, Fact, Season
from imgwizard.season.fees import FeeUnknown, eras_fee, eras_fee_basis
from imgwizard.wording import plural

# Least sure first: a total is only as sure as its least sure part.
_SURENESS = (Confidence.ESTIMATE, Confidence.SECONDARY, Confidence.YOURS, Confidence.OFFICIAL)


def least_sure(facts: list[Fact]) -> Confidence:
    return min((f.confidence for f in facts), key=_SURENESS.index)


def _basis_note(facts: list[Fact]) -> str:
    unsure = [f for f in facts if f.confidence is not Confidence.OFFICIAL]
    if not unsure:
        return ""
    return " Based on " + "; ".join(f"{f.spec.label}: {f.display()}" for f in unsure) + "."


def _fee_data(total: int, facts: list[Fact], **extra) -> tuple:
    return (
        ("total_usd", total),
        *extra.items(),
        ("confidence", least_sure(facts).value),
        ("sources", sorted({f.source for f in facts})),
        ("season_keys", [f.key for f in facts]),
    )


@rule
def eras_estimate(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    applied = [p for p in dossier.programs if p.applied]
    chosen = applied or dossier.programs
    if not chosen:
        return
    fallback = dossier.primary_specialties()[0] if dossier.primary_specialties() else ""
    per_specialty = Counter((p.specialty or fallback or "unspecified") for p in chosen)
    try:
        facts = eras_fee_basis(season)
        total = eras_fee(per_specialty, season)
    except FeeUnknown:
        yield unknown(season, "eras.fee_tier1_per_program", "eras", "estimate your ERAS fees")
        return
    which = (
        f"the {plural(len(chosen), 'program')} you applied to"
        if applied
        else f"all {plural(len(chosen), 'program')} on your list, if you apply to each"
    )
    specialties = ", ".join(f"{n} {name}" for name, n in sorted(per_specialty.items()))
    yield Finding(
        "fees.eras_estimate",
        Severity.INFO,
        "eras",
        f"ERAS application fees for {which} ({specialties}): about ${total:,}."
        + _basis_note(facts),
        "MyERAS works out the exact amount when you apply; fees are not refunded, so apply "
        "only where you are eligible.",
        data=_fee_data(
            total, facts, programs=len(chosen), per_specialty=dict(sorted(per_specialty.items()))
        ),
    )


@rule
def nrmp_estimate(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    ranks = len(dossier.rank_list.program_ids)
    if not ranks:
        return
    keys = ("nrmp.registration_fee", "nrmp.ranks_included", "nrmp.extra_rank_fee")
    facts = [season.get(k) for k in keys]
    if any(f is None or season.count(f.key) is None for f in facts):
        return
    fee, included, extra = (int(f.value) for f in facts)  # type: ignore[union-attr]
    over = max(0, ranks - included)
    total = fee + over * extra
    known = [f for f in facts if f is not None]
    yield Finding(
        "fees.nrmp_estimate",
        Severity.INFO,
        "rank_list",
        f"NRMP fees for a list of {plural(ranks, 'program')}: about ${total:,} (registration "
        f"${fee:,} covers {included}; {over} more at ${extra:,} each)." + _basis_note(known),
        "R3 shows the exact amount before you certify your list.",
        data=_fee_data(total, known, ranks=ranks),
    )
