"""The rank order list's limits: R3's maximum number of ranks and the list-length fee.

The extra fee for ranks beyond those included is estimated in rules/fees.py (fees.nrmp_estimate);
what SOAP needs is in rules/choices.py (soap.*).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imgwizard.model import Dossier
from imgwizard.rules import rule
from imgwizard.rules.common import fact_data
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Confidence, Season
from imgwizard.wording import plural


@rule
def rank_list_limits(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    ranks = len(dossier.rank_list.program_ids)
    if not ranks:
        return
    limit = season.get("nrmp.rol_max_ranks")
    if limit is not None and isinstance(limit.value, int) and ranks > limit.value:
        sure = limit.confidence in (Confidence.OFFICIAL, Confidence.YOURS, Confidence.SECONDARY)
        yield Finding(
            "rank_list.too_many",
            Severity.BLOCKER if sure else Severity.WARNING,
            "rank_list",
            f"Your rank order list has {plural(ranks, 'program')}; R3 takes at most "
            f"{limit.display()} on one list." + ("" if sure else " (That limit is an estimate.)"),
            f"Remove {ranks - limit.value} of the programs you want least.",
            data=(*fact_data(limit), ("ranks", ranks)),
        )
    from_ = season.get("nrmp.rol_length_fee_from")
    if from_ is not None and isinstance(from_.value, int) and ranks >= from_.value:
        yield Finding(
            "rank_list.length_fee",
            Severity.INFO,
            "rank_list",
            f"A list of {from_.display()} ranks or more carries NRMP's extra 'Length of Rank "
            "Order List' fee, on top of the per-program fee; imgwizard does not know its amount.",
            "R3 shows the amount before you certify; fees are not refunded.",
            data=(*fact_data(from_), ("ranks", ranks)),
        )
