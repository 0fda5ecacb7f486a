"""Types of season facts and the catalogue of keys every season may hold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class SeasonDataError(Exception):
    """A season file (package data) is malformed; names the file and the key."""


class Confidence(StrEnum):
    OFFICIAL = "official"  # read on the official body's own page
    SECONDARY = "secondary"  # only a third-party page says it
    ESTIMATE = "estimate"  # not published: derived from earlier years by a named rule
    YOURS = "yours"  # the applicant's own correction, from their own account


class Kind(StrEnum):
    DATE = "date"
    MONEY = "money"  # whole US dollars
    COUNT = "count"  # a whole number (characters, letters, ranks, attempts)
    SCORE = "score"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class FactSpec:
    key: str
    kind: Kind
    label: str
    where_to_check: str  # the account or page where the applicant can see the real value


def _spec(key: str, kind: Kind, label: str, where: str) -> tuple[str, FactSpec]:
    return key, FactSpec(key, kind, label, where)


D, M, C, S, T = Kind.DATE, Kind.MONEY, Kind.COUNT, Kind.SCORE, Kind.TEXT

_TWO_TIERS = (("gold", "gold"), ("silver", "silver"))
_ONE_TIER = (("single", "program"),)
# (canonical specialty id, name, tiers, where to check) for the specialties whose signal count
# a season file may hold. Ids are those of imgwizard.specialties.canonical.
SIGNAL_SPECIALTIES: tuple[tuple[str, str, tuple[tuple[str, str], ...], str], ...] = (
    ("internal_medicine", "Internal Medicine", _TWO_TIERS, "MyERAS"),
    ("anesthesiology", "Anesthesiology", _TWO_TIERS, "MyERAS"),
    ("diagnostic_radiology", "Diagnostic Radiology", _TWO_TIERS, "MyERAS"),
    ("family_medicine", "Family Medicine", _ONE_TIER, "MyERAS"),
    ("pediatrics", "Pediatrics", _ONE_TIER, "MyERAS"),
    ("psychiatry", "Psychiatry", _ONE_TIER, "MyERAS"),
    ("general_surgery", "General Surgery", _ONE_TIER, "MyERAS"),
    ("neurology", "Neurology", _ONE_TIER, "MyERAS"),
    ("pathology", "Pathology", _ONE_TIER, "MyERAS"),
    ("emergency_medicine", "Emergency Medicine", _ONE_TIER, "ResidencyCAS"),
    ("obstetrics_gynecology", "Obstetrics and Gynecology", _TWO_TIERS, "ResidencyCAS"),
)

# Every key a season file may hold. A season file may leave a key out (then it is unknown for
# that season, or estimated); it may not hold a key that is not here.
CATALOGUE: dict[str, FactSpec] = dict(
    [
        # ERAS calendar
        _spec("eras.season_opens", D, "ERAS season opens (MyERAS)", "MyERAS"),
        _spec("eras.token_release", D, "ECFMG releases ERAS tokens", "MyIntealth"),
        _spec("eras.earliest_submission", D, "First day to submit to programs", "MyERAS"),
        _spec("eras.programs_review_opens", D, "Programs start reviewing applications", "MyERAS"),
        _spec("eras.mspe_release", D, "MSPE released to programs", "MyERAS"),
        _spec("eras.season_ends", D, "ERAS season ends", "MyERAS"),
        _spec(
            "aamc.letter_requests_reset",
            D,
            "Letter requests still open on this day were dropped (new Letter Writer Portal)",
            "MyERAS",
        ),
        # ERAS limits
        _spec(
            "eras.personal_statement_max_chars",
            C,
            "Personal statement limit (characters)",
            "MyERAS",
        ),
        _spec(
            "eras.letters_per_program_max", C, "Letters assigned per program (maximum)", "MyERAS"
        ),
        _spec("eras.letters_required_default", C, "Letters most programs ask for", "program pages"),
        _spec("eras.photo_max_kb", C, "Photo file size limit (KB)", "MyIntealth"),
        _spec("eras.photo_format", T, "Photo file type", "MyIntealth"),
        _spec("eras.photo_width_px", C, "Photo width (pixels)", "MyIntealth"),
        _spec("eras.photo_height_px", C, "Photo height (pixels)", "MyIntealth"),
        _spec("eras.letter_max_kb", C, "Letter file size limit (KB)", "AAMC Letter Writer Portal"),
        _spec("eras.document_max_kb", C, "Supporting document size limit (KB)", "MyIntealth"),
        _spec("eras.experiences_max", C, "Experiences (maximum)", "MyERAS"),
        _spec(
            "eras.meaningful_experiences_max", C, "Most meaningful experiences (maximum)", "MyERAS"
        ),
        # ERAS and ECFMG fees
        _spec("eras.fee_tier1_per_program", M, "ERAS fee per program, first tier", "MyERAS"),
        _spec(
            "eras.fee_tier1_programs", C, "Programs per specialty in the first fee tier", "MyERAS"
        ),
        _spec(
            "eras.fee_tier2_per_program", M, "ERAS fee per program after the first tier", "MyERAS"
        ),
        _spec("eras.usmle_transcript_fee", M, "USMLE transcript fee (once a season)", "MyERAS"),
        _spec("ecfmg.eras_token_fee", M, "ECFMG ERAS token fee", "MyIntealth"),
        _spec("usmle.step2ck_fee", M, "USMLE Step 2 CK exam fee", "FSMB USMLE portal"),
        _spec("usmle.step3_fee", M, "USMLE Step 3 exam fee", "FSMB USMLE portal"),
        _spec("oet.fee", M, "OET Medicine test fee", "oet.com"),
        _spec("oet.fee_high", M, "OET Medicine test fee, upper end", "oet.com"),
        _spec("ecfmg.pathway_fee", M, "ECFMG Pathway application fee", "MyIntealth"),
        _spec(
            "interview.in_person_cost",
            M,
            "In-person interview cost, planning default (travel, stay)",
            "your own travel quotes",
        ),
        _spec(
            "interview.in_person_cost_high",
            M,
            "In-person interview cost, planning default, upper end",
            "your own travel quotes",
        ),
        _spec(
            "interview.virtual_setup_cost",
            M,
            "Virtual interview set-up, planning default (camera, light, quiet room)",
            "your own quotes",
        ),
        # Application services other than ERAS
        _spec(
            "residencycas.specialties",
            T,
            "Specialties that apply through ResidencyCAS, not ERAS",
            "ResidencyCAS",
        ),
        _spec(
            "residencycas.fee_base", M, "ResidencyCAS fee for the first programs", "ResidencyCAS"
        ),
        _spec(
            "residencycas.fee_base_programs",
            C,
            "Programs covered by the ResidencyCAS base fee",
            "ResidencyCAS",
        ),
        _spec(
            "residencycas.fee_tier2_per_program",
            M,
            "ResidencyCAS fee per program after the base",
            "ResidencyCAS",
        ),
        _spec(
            "residencycas.fee_tier2_programs",
            C,
            "Last program counted at the ResidencyCAS second-tier fee",
            "ResidencyCAS",
        ),
        _spec(
            "residencycas.fee_tier3_per_program",
            M,
            "ResidencyCAS fee per program after the second tier",
            "ResidencyCAS",
        ),
        _spec(
            "ecfmg.residencycas_support_fee",
            M,
            "ECFMG ResidencyCAS support fee (documents for ResidencyCAS)",
            "MyIntealth",
        ),
        # NRMP calendar
        _spec("nrmp.registration_opens", D, "NRMP registration opens", "NRMP R3"),
        _spec("nrmp.registration_deadline", D, "NRMP standard registration deadline", "NRMP R3"),
        _spec("nrmp.ranking_opens", D, "Rank order list entry opens", "NRMP R3"),
        _spec("nrmp.rol_deadline", D, "Rank order list certification deadline", "NRMP R3"),
        _spec("nrmp.match_week_starts", D, "Match Week starts (matched or not)", "NRMP R3"),
        _spec("nrmp.soap_ends", D, "SOAP ends", "NRMP R3"),
        _spec("nrmp.match_day", D, "Match Day", "NRMP R3"),
        # NRMP limits and fees
        _spec("nrmp.rol_max_ranks", C, "Ranks per list (maximum)", "NRMP R3"),
        _spec("nrmp.ranks_included", C, "Programs included in the registration fee", "NRMP R3"),
        _spec("nrmp.registration_fee", M, "NRMP registration fee", "NRMP R3"),
        _spec("nrmp.extra_rank_fee", M, "Fee per program ranked beyond those included", "NRMP R3"),
        _spec("nrmp.late_registration_fee", M, "NRMP late registration fee", "NRMP R3"),
        _spec(
            "nrmp.rol_length_fee_from", C, "Ranks from which a list-length fee applies", "NRMP R3"
        ),
        # USMLE / ECFMG rules that apply to the season
        _spec("usmle.attempt_limit", C, "Attempts allowed per Step", "usmle.org"),
        _spec("usmle.step1_pass_fail_from", D, "Step 1 pass/fail only from", "usmle.org"),
        _spec(
            "usmle.fsmb_services_from",
            D,
            "FSMB's USMLE portal handles IMGs' Step 1 and Step 2 CK from",
            "usmle.org",
        ),
        _spec("usmle.step2ck_passing_score", S, "Step 2 CK passing score", "usmle.org"),
        _spec(
            "usmle.step2ck_passing_score_from",
            D,
            "Step 2 CK passing score applies to tests from",
            "usmle.org",
        ),
        _spec(
            "usmle.step2ck_passing_score_before",
            S,
            "Step 2 CK passing score for tests before that day",
            "usmle.org",
        ),
        _spec("usmle.step3_passing_score", S, "Step 3 passing score", "usmle.org"),
        _spec(
            "usmle.attempt_limit_from", D, "Attempt limit applies to applications from", "usmle.org"
        ),
        _spec(
            "usmle.step2cs_discontinued",
            D,
            "Step 2 CS discontinued (not offered since)",
            "usmle.org",
        ),
        # Visas
        _spec(
            "ecfmg.j1_processing_weeks",
            C,
            "Weeks ECFMG needs for a complete J-1 sponsorship file",
            "ecfmg.org (EVSP)",
        ),
        _spec(
            "visa.h1b_new_petition_payment",
            M,
            "One-time payment on some new H-1B petitions (Proclamation 10973)",
            "your program's GME office",
        ),
        _spec("ecfmg.pathways_opens", D, "ECFMG Pathways application opens", "ecfmg.org"),
        _spec("ecfmg.pathways_closes", D, "ECFMG Pathways application closes", "ecfmg.org"),
        _spec(
            "oet.earliest_accepted",
            D,
            "Earliest OET Medicine test date the season's Pathways accept",
            "ecfmg.org",
        ),
        _spec("oet.min_listening", S, "OET Medicine minimum, listening", "ecfmg.org"),
        _spec("oet.min_reading", S, "OET Medicine minimum, reading", "ecfmg.org"),
        _spec("oet.min_speaking", S, "OET Medicine minimum, speaking", "ecfmg.org"),
        _spec("oet.min_writing", S, "OET Medicine minimum, writing", "ecfmg.org"),
        _spec("oet.writing_300_from", D, "OET writing minimum of 300 for tests from", "ecfmg.org"),
        # Program signals, geographic preferences and SOAP. Signal keys are
        # signals.<canonical specialty id>.<tier>: "gold" + "silver" for a two-tier specialty,
        # "single" for one tier; a specialty without keys has no known count this season.
        *[
            _spec(f"signals.{sid}.{tier}", C, f"{name}: {word} signals", where)
            for sid, name, tiers, where in SIGNAL_SPECIALTIES
            for tier, word in tiers
        ],
        _spec(
            "eras.geographic_divisions_max",
            C,
            "Census divisions you may choose as a geographic preference (maximum)",
            "MyERAS",
        ),
        _spec("nrmp.soap_applications_max", C, "SOAP applications (maximum, in all)", "NRMP R3"),
    ]
)


FactValue = dt.date | int | str


@dataclass(frozen=True, slots=True)
class Fact:
    key: str
    value: FactValue
    confidence: Confidence
    source: str  # URL (or "your MyERAS account" for a correction)
    checked: dt.date  # when the source was read (or the correction entered)
    rule: str = ""  # for an estimate: how it was derived, e.g. "third Friday of March"
    note: str = ""  # a time of day, a caveat
    package_value: FactValue | None = None  # what the package said, when the user corrected it

    @property
    def spec(self) -> FactSpec:
        return CATALOGUE[self.key]

    @property
    def is_official(self) -> bool:
        return self.confidence is Confidence.OFFICIAL

    def value_text(self) -> str:
        kind = self.spec.kind
        if kind is Kind.DATE and isinstance(self.value, dt.date):
            return self.value.strftime("%a %d %b %Y")
        if kind is Kind.MONEY:
            return f"${self.value:,}" if isinstance(self.value, int) else str(self.value)
        if kind is Kind.COUNT and isinstance(self.value, int):
            return f"{self.value:,}{unit(self.spec.label)}"
        return str(self.value)

    def display(self) -> str:
        """The value as shown anywhere: official plain; anything else says what it is."""
        text = self.value_text()
        if self.confidence is Confidence.OFFICIAL:
            return text
        if self.confidence is Confidence.YOURS:
            return f"{text} · yours"
        prefix = "≈ " if self.confidence is Confidence.ESTIMATE else ""
        return f"{prefix}{text} · {self.confidence.value} · check {self.spec.where_to_check}"


# A count's unit, from the end of its label: "Photo file size limit (KB)" shows "150 KB".
UNITS = {"(KB)": " KB", "(pixels)": " px", "(characters)": " characters"}


def unit(label: str) -> str:
    return next((u for end, u in UNITS.items() if label.endswith(end)), "")


@dataclass
class Season:
    match_year: int
    facts: dict[str, Fact] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # e.g. "no package data for 2028: estimated"
    data_file: str = ""

    def get(self, key: str) -> Fact | None:
        if key not in CATALOGUE:
            raise KeyError(f"unknown season key {key!r}")
        return self.facts.get(key)

    def value(self, key: str, default: FactValue | None = None) -> FactValue | None:
        fact = self.get(key)
        return default if fact is None else fact.value

    def date(self, key: str) -> dt.date | None:
        value = self.value(key)
        return value if isinstance(value, dt.date) else None

    def count(self, key: str) -> int | None:
        """A whole-number value (limit, fee, score), or None when the season lacks it."""
        value = self.value(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def number(self, key: str, default: int) -> int:
        value = self.count(key)
        return default if value is None else value
