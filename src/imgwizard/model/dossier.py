"""The dossier: every answer the applicant gives, in one pydantic model."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, field_validator

from imgwizard.model.applicant import Ecfmg, Education, Exams, Profile
from imgwizard.model.application import (
    Budget,
    Eras,
    GeographicPreferences,
    Interview,
    MatchResult,
    Nrmp,
    Program,
    RankList,
    SoapPlan,
    Specialty,
)
from imgwizard.model.common import Record, empty_list, new
from imgwizard.model.documents import Documents, Letter, PersonalStatement

SCHEMA_VERSION = 2


class SeasonCorrection(Record):
    """A season fact the applicant corrected from their own MyERAS / R3 / MyIntealth account."""

    key: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    value: str | int | float | dt.date
    entered_on: dt.date


class Wizard(Record):
    """Where the applicant is in the wizard, so a later session resumes there."""

    current_step: str = Field("specialty", pattern=r"^[a-z_]+$")


class Dossier(Record):
    schema_version: Annotated[int, Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)] = SCHEMA_VERSION
    profile: Profile = Field(default_factory=new(Profile))
    education: Education = Field(default_factory=new(Education))
    exams: Exams = Field(default_factory=new(Exams))
    ecfmg: Ecfmg = Field(default_factory=new(Ecfmg))
    specialties: list[Specialty] = Field(default_factory=empty_list)
    backup_plan: str = Field("", max_length=200_000)
    programs: list[Program] = Field(default_factory=empty_list)
    documents: Documents = Field(default_factory=new(Documents))
    personal_statements: list[PersonalStatement] = Field(default_factory=empty_list)
    letters: list[Letter] = Field(default_factory=empty_list)
    nrmp: Nrmp = Field(default_factory=new(Nrmp))
    eras: Eras = Field(default_factory=new(Eras))
    geography: GeographicPreferences = Field(default_factory=new(GeographicPreferences))
    interviews: list[Interview] = Field(default_factory=empty_list)
    rank_list: RankList = Field(default_factory=new(RankList))
    match: MatchResult = Field(default_factory=new(MatchResult))
    soap: SoapPlan = Field(default_factory=new(SoapPlan))
    season_corrections: list[SeasonCorrection] = Field(default_factory=empty_list)
    budget: Budget = Field(default_factory=new(Budget))
    wizard: Wizard = Field(default_factory=new(Wizard))

    @field_validator("programs")
    @classmethod
    def _unique_program_ids(cls, value: list[Program]) -> list[Program]:
        seen: set[str] = set()
        for program in value:
            if program.id in seen:
                raise ValueError(f"two programs share the id {program.id!r}: ids must be unique")
            seen.add(program.id)
        return value

    def program(self, program_id: str) -> Program | None:
        return next((p for p in self.programs if p.id == program_id), None)

    def match_year(self, today: dt.date) -> int:
        """The Match the applicant aims for: their own choice, else the one being prepared."""
        return self.profile.target_match_year or default_match_year(today)

    def primary_specialties(self) -> list[str]:
        return [s.name for s in self.specialties if s.name]


def default_match_year(today: dt.date) -> int:
    """The Match a new applicant most likely aims for.

    An ERAS season opens in June for the Match of the following March, so from June on the
    next season is the one being prepared; before June the current season's Match is next.
    """
    return today.year + 1 if today.month >= 6 else today.year


def new_dossier(today: dt.date | None = None) -> Dossier:
    """A fresh dossier. The target Match year stays open until the applicant answers it on the
    first screen (imgwizard.season.which suggests one from what the dossier says); until then the
    season in progress is used."""
    return Dossier()
