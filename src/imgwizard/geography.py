"""US states and the nine Census divisions ERAS offers as geographic preferences.

The Census Bureau's division of the states is fixed geography, not season data; how many
divisions an applicant may choose is (`eras.geographic_divisions_max`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imgwizard.model import CensusDivision, Dossier

D = CensusDivision

DIVISION_LABELS: dict[CensusDivision, str] = {
    D.NEW_ENGLAND: "New England",
    D.MIDDLE_ATLANTIC: "Middle Atlantic",
    D.EAST_NORTH_CENTRAL: "East North Central",
    D.WEST_NORTH_CENTRAL: "West North Central",
    D.SOUTH_ATLANTIC: "South Atlantic",
    D.EAST_SOUTH_CENTRAL: "East South Central",
    D.WEST_SOUTH_CENTRAL: "West South Central",
    D.MOUNTAIN: "Mountain",
    D.PACIFIC: "Pacific",
}

# (postal code, name, division) for the 50 states and the District of Columbia.
_STATES: tuple[tuple[str, str, CensusDivision], ...] = (
    ("CT", "Connecticut", D.NEW_ENGLAND),
    ("ME", "Maine", D.NEW_ENGLAND),
    ("MA", "Massachusetts", D.NEW_ENGLAND),
    ("NH", "New Hampshire", D.NEW_ENGLAND),
    ("RI", "Rhode Island", D.NEW_ENGLAND),
    ("VT", "Vermont", D.NEW_ENGLAND),
    ("NJ", "New Jersey", D.MIDDLE_ATLANTIC),
    ("NY", "New York", D.MIDDLE_ATLANTIC),
    ("PA", "Pennsylvania", D.MIDDLE_ATLANTIC),
    ("IL", "Illinois", D.EAST_NORTH_CENTRAL),
    ("IN", "Indiana", D.EAST_NORTH_CENTRAL),
    ("MI", "Michigan", D.EAST_NORTH_CENTRAL),
    ("OH", "Ohio", D.EAST_NORTH_CENTRAL),
    ("WI", "Wisconsin", D.EAST_NORTH_CENTRAL),
    ("IA", "Iowa", D.WEST_NORTH_CENTRAL),
    ("KS", "Kansas", D.WEST_NORTH_CENTRAL),
    ("MN", "Minnesota", D.WEST_NORTH_CENTRAL),
    ("MO", "Missouri", D.WEST_NORTH_CENTRAL),
    ("NE", "Nebraska", D.WEST_NORTH_CENTRAL),
    ("ND", "North Dakota", D.WEST_NORTH_CENTRAL),
    ("SD", "South Dakota", D.WEST_NORTH_CENTRAL),
    ("DE", "Delaware", D.SOUTH_ATLANTIC),
    ("DC", "District of Columbia", D.SOUTH_ATLANTIC),
    ("FL", "Florida", D.SOUTH_ATLANTIC),
    ("GA", "Georgia", D.SOUTH_ATLANTIC),
    ("MD", "Maryland", D.SOUTH_ATLANTIC),
    ("NC", "North Carolina", D.SOUTH_ATLANTIC),
    ("SC", "South Carolina", D.SOUTH_ATLANTIC),
    ("VA", "Virginia", D.SOUTH_ATLANTIC),
    ("WV", "West Virginia", D.SOUTH_ATLANTIC),
    ("AL", "Alabama", D.EAST_SOUTH_CENTRAL),
    ("KY", "Kentucky", D.EAST_SOUTH_CENTRAL),
    ("MS", "Mississippi", D.EAST_SOUTH_CENTRAL),
    ("TN", "Tennessee", D.EAST_SOUTH_CENTRAL),
    ("AR", "Arkansas", D.WEST_SOUTH_CENTRAL),
    ("LA", "Louisiana", D.WEST_SOUTH_CENTRAL),
    ("OK", "Oklahoma", D.WEST_SOUTH_CENTRAL),
    ("TX", "Texas", D.WEST_SOUTH_CENTRAL),
    ("AZ", "Arizona", D.MOUNTAIN),
    ("CO", "Colorado", D.MOUNTAIN),
    ("ID", "Idaho", D.MOUNTAIN),
    ("MT", "Montana", D.MOUNTAIN),
    ("NV", "Nevada", D.MOUNTAIN),
    ("NM", "New Mexico", D.MOUNTAIN),
    ("UT", "Utah", D.MOUNTAIN),
    ("WY", "Wyoming", D.MOUNTAIN),
    ("AK", "Alaska", D.PACIFIC),
    ("CA", "California", D.PACIFIC),
    ("HI", "Hawaii", D.PACIFIC),
    ("OR", "Oregon", D.PACIFIC),
    ("WA", "Washington", D.PACIFIC),
)

_LOOKUP: dict[str, CensusDivision] = {}
for _code, _name, _division in _STATES:
    _LOOKUP[_code.lower()] = _division
    _LOOKUP[_name.lower()] = _division
_LOOKUP["washington dc"] = _LOOKUP["washington d c"] = D.SOUTH_ATLANTIC


def division_of(state: str) -> CensusDivision | None:
    """The Census division of a state written as its postal code or name ("NY", "New York");
    None for anything else (a territory, a typo, empty)."""
    folded = re.sub(r"[^a-z]+", " ", state.lower()).strip()
    return _LOOKUP.get(folded) or _LOOKUP.get(folded.replace(" ", ""))


def label(division: CensusDivision) -> str:
    return DIVISION_LABELS[division]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the applicant's programs lie against their chosen divisions."""

    applied_only: bool  # counted over programs applied to (else over every listed program)
    with_known_state: int
    outside: int

    @property
    def mostly_outside(self) -> bool:
        return self.with_known_state > 0 and self.outside * 2 > self.with_known_state

    def text(self) -> str:
        which = "applied to" if self.applied_only else "listed"
        return (
            f"{self.with_known_state - self.outside} of {self.with_known_state} programs "
            f"{which} (with a known state) lie in your chosen divisions"
        )


def placement(dossier: Dossier) -> Placement | None:
    """None when no division is chosen; else counts over the programs applied to (or, before
    any is, every listed program)."""
    chosen = dossier.geography.divisions
    if not chosen:
        return None
    applied = [p for p in dossier.programs if p.applied]
    known = [d for p in (applied or dossier.programs) if (d := division_of(p.state)) is not None]
    return Placement(bool(applied), len(known), sum(1 for d in known if d not in chosen))
