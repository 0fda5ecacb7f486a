"""Specialty names as applicants type them, mapped to one canonical id, and the service each
specialty applies through in a season.

Specialty names in the dossier are free text ("IM", "Internal medicine", "OB/GYN"). Rules that
depend on the specialty (signal counts, fees, which application service) need one key per
specialty; `canonical` gives it. Which specialties apply outside ERAS is a season fact
(`residencycas.specialties`), never a literal here: Emergency Medicine moved to ResidencyCAS for
Match 2026 and OB/GYN for Match 2025.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from imgwizard.season.facts import Season

if TYPE_CHECKING:
    from imgwizard.model import Dossier

# canonical id -> the display name, then the spellings applicants use (compared lower-case,
# with punctuation folded to single spaces).
_NAMES: dict[str, tuple[str, ...]] = {
    "anesthesiology": ("Anesthesiology", "anesthesia", "anaesthesiology", "anaesthesia"),
    "dermatology": ("Dermatology", "derm"),
    "diagnostic_radiology": (
        "Diagnostic Radiology",
        "radiology",
        "diagnostic and interventional radiology",
        "interventional radiology",
        "dr",
        "ir",
    ),
    "emergency_medicine": ("Emergency Medicine", "em", "emergency"),
    "family_medicine": ("Family Medicine", "fm", "family practice"),
    "general_surgery": ("General Surgery", "surgery", "gs"),
    "internal_medicine": (
        "Internal Medicine",
        "im",
        "medicine",
        "internal medicine categorical",
        "categorical internal medicine",
        "internal medicine preliminary",
        "preliminary internal medicine",
    ),
    "neurology": ("Neurology", "neuro"),
    "obstetrics_gynecology": (
        "Obstetrics and Gynecology",
        "ob gyn",
        "obgyn",
        "obstetrics gynecology",
        "obstetrics and gynaecology",
        "obstetrics gynaecology",
        "ob",
    ),
    "pathology": ("Pathology", "path"),
    "pediatrics": ("Pediatrics", "peds", "paediatrics"),
    "psychiatry": ("Psychiatry", "psych"),
    "plastic_surgery": ("Plastic Surgery", "plastic surgery integrated", "plastics"),
    "urology": ("Urology",),
}

_LOOKUP: dict[str, str] = {}
for _id, _spellings in _NAMES.items():
    for _spelling in (_id.replace("_", " "), *_spellings):
        _LOOKUP[re.sub(r"[^a-z0-9]+", " ", _spelling.lower()).strip()] = _id

Service = Literal["ERAS", "ResidencyCAS"]


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).strip()


def canonical(name: str) -> str:
    """The canonical id for a specialty name ("OB/GYN" -> "obstetrics_gynecology").

    An unknown name gets a slug of its own (lower case, underscores), so two spellings of an
    unknown specialty still count apart, as they would in MyERAS."""
    folded = _fold(name)
    return _LOOKUP.get(folded) or folded.replace(" ", "_")


def display_name(specialty_id: str) -> str:
    names = _NAMES.get(specialty_id)
    return names[0] if names else specialty_id.replace("_", " ").capitalize()


def residencycas_specialties(season: Season) -> frozenset[str]:
    """Canonical ids of the specialties that apply through ResidencyCAS in this season."""
    fact = season.get("residencycas.specialties")
    if fact is None or not isinstance(fact.value, str):
        return frozenset()
    return frozenset(canonical(part) for part in fact.value.split(";") if part.strip())


def application_service(name: str, season: Season) -> Service:
    """Where an applicant to this specialty applies in this season: ERAS or ResidencyCAS."""
    return "ResidencyCAS" if canonical(name) in residencycas_specialties(season) else "ERAS"


def services_used(dossier: Dossier, season: Season) -> frozenset[Service]:
    """The application services this dossier's specialties and programs go through; ERAS
    alone while nothing says otherwise (no specialty named yet)."""
    names = [s.name for s in dossier.specialties if s.name.strip()]
    names += [p.specialty for p in dossier.programs if p.specialty.strip()]
    if not names:
        return frozenset({"ERAS"})
    return frozenset(application_service(name, season) for name in names)


def uses_eras(dossier: Dossier, season: Season) -> bool:
    """Do ERAS checklists, fees and deadlines apply to this dossier at all?"""
    return "ERAS" in services_used(dossier, season)
