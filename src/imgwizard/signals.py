"""Program signals: which tiers a specialty has in a season, how many of each, and how many the
applicant has used.

The counts are season facts (`signals.<canonical specialty id>.<tier>`, see season/facts.py):
a two-tier specialty has `gold` and `silver`, a single-tier one `single`. A specialty with no
key has no known count in that season (for example the ResidencyCAS specialties, whose counts
were not found): signals to it are not counted against any cap.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from imgwizard.model import Dossier, Program, SignalTier
from imgwizard.season import CATALOGUE, Confidence, Fact, Season
from imgwizard.specialties import canonical, display_name

_TIER_KEYS: dict[SignalTier, str] = {
    SignalTier.GOLD: "gold",
    SignalTier.SILVER: "silver",
    SignalTier.SIGNAL: "single",
}
# Short names for the one-line usage summary (80 columns); others use the display name.
SHORT_NAMES = {
    "internal_medicine": "IM",
    "family_medicine": "FM",
    "general_surgery": "Surgery",
    "diagnostic_radiology": "Radiology",
    "obstetrics_gynecology": "OB/GYN",
    "emergency_medicine": "EM",
    "anesthesiology": "Anesthesia",
    "pediatrics": "Peds",
    "psychiatry": "Psych",
}
TIER_LABELS: dict[SignalTier, str] = {
    SignalTier.NONE: "none",
    SignalTier.GOLD: "gold",
    SignalTier.SILVER: "silver",
    SignalTier.SIGNAL: "signal",
}


def fact_key(specialty_id: str, tier: SignalTier) -> str:
    return f"signals.{specialty_id}.{_TIER_KEYS[tier]}"


def is_two_tier(specialty_id: str) -> bool:
    """Whether the catalogue knows this specialty's signals as gold + silver."""
    return fact_key(specialty_id, SignalTier.GOLD) in CATALOGUE


def known_specialty(specialty_id: str) -> bool:
    return is_two_tier(specialty_id) or fact_key(specialty_id, SignalTier.SIGNAL) in CATALOGUE


def tiers(specialty_id: str) -> tuple[SignalTier, ...]:
    """The tiers a specialty's programs can get (besides none)."""
    if is_two_tier(specialty_id):
        return (SignalTier.GOLD, SignalTier.SILVER)
    return (SignalTier.SIGNAL,)


def default_tier(specialty_id: str) -> SignalTier:
    """The tier a yes/no signal becomes (older files, CSV imports): silver where the specialty
    has two tiers, else a plain signal."""
    return SignalTier.SILVER if is_two_tier(specialty_id) else SignalTier.SIGNAL


def cap(season: Season, specialty_id: str, tier: SignalTier) -> Fact | None:
    """The season's count for one tier, or None when it is not known."""
    if tier is SignalTier.NONE or not known_specialty(specialty_id):
        return None
    key = fact_key(specialty_id, tier)
    return season.get(key) if key in CATALOGUE else None


@dataclass(frozen=True, slots=True)
class TierUsage:
    tier: SignalTier
    used: int
    cap: Fact | None

    @property
    def allowed(self) -> int | None:
        value = None if self.cap is None else self.cap.value
        return value if isinstance(value, int) else None

    @property
    def over(self) -> int:
        return 0 if self.allowed is None else max(0, self.used - self.allowed)

    def text(self) -> str:
        word = "signals" if self.tier is SignalTier.SIGNAL else TIER_LABELS[self.tier]
        if self.allowed is None:
            return f"{self.used} {word} (count not known)"
        unsure = self.cap is not None and self.cap.confidence in (
            Confidence.ESTIMATE,
            Confidence.SECONDARY,
        )
        return f"{self.used} of {'≈' if unsure else ''}{self.allowed} {word}"


class _BySpelling:
    """The counted programs grouped by their specialty as spelled, grouped once, when a rule
    first asks for a specialty's programs (the programs step's signals line never does)."""

    def __init__(self, programs: tuple[Program, ...]) -> None:
        self.programs = programs
        self._groups: dict[str, list[Program]] | None = None

    def pick(self, spellings: frozenset[str]) -> tuple[Program, ...]:
        if self._groups is None:
            groups: dict[str, list[Program]] = defaultdict(list)
            for program in self.programs:
                groups[program.specialty].append(program)
            self._groups = groups
        if len(spellings) == 1:
            return tuple(self._groups.get(next(iter(spellings)), ()))
        return tuple(p for p in self.programs if p.specialty in spellings)  # dossier order


@dataclass(frozen=True)
class SpecialtyUsage:
    specialty_id: str
    tiers: tuple[TierUsage, ...]
    # The specialty as the applicant spelled it on its programs ("IM", "Internal Medicine"),
    # and the programs counted: `programs` picks the specialty's from them when asked.
    spellings: frozenset[str] = frozenset()
    counted: _BySpelling = field(default_factory=lambda: _BySpelling(()), compare=False, repr=False)

    @property
    def name(self) -> str:
        return display_name(self.specialty_id)

    @cached_property
    def programs(self) -> tuple[Program, ...]:
        """Every program of the specialty (signalled or not), in the dossier's order."""
        return self.counted.pick(self.spellings)

    def text(self) -> str:
        """'IM: 2 of 3 gold, 9 of ≈12 silver used' (≈: not official)."""
        short = SHORT_NAMES.get(self.specialty_id, self.name)
        return f"{short}: {', '.join(t.text() for t in self.tiers)} used"


_SPECIALTY_AND_TIER = attrgetter("specialty", "signal")


def usage(dossier: Dossier, season: Season) -> list[SpecialtyUsage]:
    """Signals used per specialty, for every specialty that has programs, in name order."""
    # The programs step shows this after every edit of a tier (3,000 programs: a pass per
    # tier took 3.4 ms, one pass in Python 1.2 ms): the programs are counted by (specialty as
    # spelled, tier) in C, then the few pairs are merged by canonical specialty, each
    # specialty's tiers in the order they first appear.
    programs = tuple(dossier.programs)  # as they are now, whenever `programs` is asked
    counted = _BySpelling(programs)
    used: dict[str, dict[SignalTier, int]] = defaultdict(dict)
    spellings: dict[str, set[str]] = defaultdict(set)
    for (spelled, tier), n in Counter(map(_SPECIALTY_AND_TIER, programs)).items():
        if spelled.strip():
            sid = canonical(spelled)
            spellings[sid].add(spelled)
            counts = used[sid]
            counts[tier] = counts.get(tier, 0) + n
    out = []
    for sid in sorted(used, key=display_name):
        counts = used[sid]
        wanted = list(tiers(sid))
        # A tier the specialty does not have still counts where the applicant used it.
        wanted += [t for t in counts if t is not SignalTier.NONE and t not in wanted]
        out.append(
            SpecialtyUsage(
                sid,
                tuple(TierUsage(t, counts.get(t, 0), cap(season, sid, t)) for t in wanted),
                frozenset(spellings[sid]),
                counted,
            )
        )
    return out


def usage_lines(dossier: Dossier, season: Season) -> list[str]:
    """One line per specialty that has a signal used or a known count."""
    return [
        u.text()
        for u in usage(dossier, season)
        if any(t.used or t.allowed is not None for t in u.tiers)
    ]


def tier_choices(specialty: str) -> list[tuple[str, SignalTier]]:
    """(label, tier) for a program of this specialty: none first, then its tiers."""
    return [("No signal", SignalTier.NONE)] + [
        (TIER_LABELS[t].capitalize(), t) for t in tiers(canonical(specialty))
    ]


def next_tier(program: Program) -> SignalTier:
    """The tier after the program's current one, in the order none → its tiers → none."""
    order = [SignalTier.NONE, *tiers(canonical(program.specialty))]
    if program.signal not in order:
        return SignalTier.NONE
    return order[(order.index(program.signal) + 1) % len(order)]
