"""Which application service a specialty uses: Emergency Medicine and OB/GYN apply through
ResidencyCAS, not ERAS, with their own application, fees and signals. The applicant is told;
ERAS deadlines and the ERAS gate are not applied to a dossier that uses ResidencyCAS only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from imgwizard.model import Dossier
from imgwizard.rules import rule
from imgwizard.rules.common import fact_data
from imgwizard.rules.findings import Finding, Severity
from imgwizard.season import Season
from imgwizard.specialties import application_service, canonical, display_name


@rule
def residencycas(dossier: Dossier, season: Season, today: dt.date) -> Iterator[Finding]:
    fact = season.get("residencycas.specialties")
    seen: set[str] = set()
    for spec in dossier.specialties:
        sid = canonical(spec.name)
        if not spec.name.strip() or sid in seen:
            continue
        seen.add(sid)
        if application_service(spec.name, season) != "ResidencyCAS":
            continue
        yield Finding(
            "specialty.residencycas",
            Severity.WARNING,
            "specialty",
            f"{display_name(sid)} programs take applications through ResidencyCAS in the Match "
            f"{season.match_year} season, not ERAS: a separate application with its own fees "
            "and signals. imgwizard's ERAS gate, deadlines and fee estimate do not cover it.",
            "Ask ECFMG for your ResidencyCAS link (IMGs get it from ECFMG), and apply there; "
            "your NRMP registration and rank list are the same for every specialty.",
            subject=sid,
            data=fact_data(fact) if fact else (),
        )
