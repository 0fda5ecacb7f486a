"""Fee estimates as info findings, priced by `imgwizard.pricing` (the one fee module the
budget, the ERAS step and the export also use): the application fees (ERAS, and ResidencyCAS
for specialties that apply through it) and the NRMP fees for the rank order list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imgwizard.model import Dossier
from imgwizard.pricing import CostLine, application_fees, least_sure, nrmp_lines, program_counts
from imgwizard.rules import rule
from imgwizard.rules.common import unknown
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Confidence, Fact, Season
from imgwizard.wording import plural

__all__ = ["eras_estimate", "nrmp_estimate"]


def _facts(line: CostLine, season: Season) -> list[Fact]:
    return [f for f in (season.get(k) for k in line.keys) if f is not None]


def _basis_note(facts: list[Fact]) -> str:
    unsure = [f for f in facts if f.confidence is not Confidence.OFFICIAL]
    if not unsure:
        return ""
    return " Based on " + "; ".join(f"{f.spec.label}: {f.display()}" for f in unsure) + "."


def _fee_data(line: CostLine, **extra) -> tuple:
    return (
        ("total_usd", line.low),
        *extra.items(),
        ("confidence", line.confidence.value if line.confidence else "unknown"),
        ("sources", list(line.sources)),
        ("season_keys", list(line.keys)),
    )


_SERVICE = {"eras.applications": "ERAS", "residencycas.applications": "ResidencyCAS"}


@rule
def eras_estimate(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    counts = program_counts(dossier, season)
    for line in application_fees(dossier, season):
        service = _SERVICE[line.id]
        per = counts.eras if service == "ERAS" else counts.residencycas
        n = sum(per.values())
        if not line.known:
            yield unknown(season, line.keys[0], "eras", f"estimate your {service} fees")
            continue
        which = (
            f"the {plural(n, 'program')} you applied to"
            if counts.basis == "applied"
            else f"all {plural(n, 'program')} on your list, if you apply to each"
        )
        specialties = ", ".join(f"{k} {name}" for name, k in per.items())
        code = "fees.eras_estimate" if service == "ERAS" else "fees.residencycas_estimate"
        yield Finding(
            code,
            Severity.INFO,
            "eras",
            f"{service} application fees for {which} ({specialties}): about ${line.low:,}."
            + _basis_note(_facts(line, season)),
            f"{'MyERAS' if service == 'ERAS' else 'ResidencyCAS'} works out the exact amount "
            "when you apply; fees are not refunded, so apply only where you are eligible.",
            data=_fee_data(line, programs=n, per_specialty=dict(per)),
        )


@rule
def nrmp_estimate(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    ranks = len(dossier.rank_list.program_ids)
    if not ranks:
        return
    lines = {line.id: line for line in nrmp_lines(dossier, season, today)}
    registration = lines["nrmp.registration"]
    included = season.value("nrmp.ranks_included")
    extra_fact = season.get("nrmp.extra_rank_fee")
    if not registration.known or not isinstance(included, int) or extra_fact is None:
        return
    extra = lines.get("nrmp.extra_ranks")
    total = (registration.low or 0) + (extra.low or 0 if extra else 0)
    over = max(0, ranks - included)
    facts = _facts(registration, season) + [f for f in (season.get("nrmp.ranks_included"),) if f]
    facts.append(extra_fact)
    yield Finding(
        "fees.nrmp_estimate",
        Severity.INFO,
        "rank_list",
        f"NRMP fees for a list of {plural(ranks, 'program')}: about ${total:,} (registration "
        f"${registration.low:,} covers {included}; {over} more at ${extra_fact.value:,} each)."
        + _basis_note(facts),
        "R3 shows the exact amount before you certify your list.",
        data=(
            ("total_usd", total),
            ("ranks", ranks),
            ("confidence", least_sure(facts).value),
            ("sources", sorted({f.source for f in facts})),
            ("season_keys", [f.key for f in facts]),
        ),
    )
