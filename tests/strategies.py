"""Hypothesis strategies for whole dossiers (shared by the round-trip and fuzz tests)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from imgwizard.model import (
    CensusDivision,
    DocStatus,
    Document,
    Dossier,
    Interview,
    Letter,
    Outcome,
    PersonalStatement,
    Program,
    RankList,
    RankListVersion,
    Setting,
    SignalTier,
    SoapPlan,
    SoapProgram,
    Specialty,
    SpecialtyRole,
    Visa,
    VisaType,
)

# TOML text is UTF-8: lone surrogates cannot be written, so they are not part of the model's
# text (the loader never produces them either).
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
opt_dates = st.none() | dates
# Same values as from_regex(r"p-[0-9a-f]{8}"), at a fraction of the cost (from_regex made up half
# of the time to draw a dossier).
program_ids = st.integers(0, 2**32 - 1).map(lambda i: f"p-{i:08x}")


def documents():
    return st.builds(
        Document,
        path=text.map(lambda s: s.replace("\x00", "").strip()),
        status=st.sampled_from(DocStatus),
        uploaded_on=opt_dates,
        notes=text,
    )


def programs():
    return st.builds(
        Program,
        name=text,
        specialty=text,
        visas_sponsored=st.lists(st.sampled_from(VisaType), max_size=2),
        max_years_since_graduation=st.none() | st.integers(0, 60),
        min_step2ck_score=st.none() | st.integers(1, 300),
        min_usce_months=st.none() | st.integers(0, 120),
        priority=st.integers(1, 5),
        signal=st.sampled_from(SignalTier),
        notes=text,
    )


def letters():
    return st.builds(
        Letter,
        writer=text,
        writer_role=text,
        requested_on=st.none(),
        received_on=st.none(),
        uploaded_on=opt_dates,
        program_ids=st.lists(program_ids, max_size=3),
    )


def rank_lists():
    ids = st.lists(program_ids, max_size=4, unique=True)
    version = st.builds(
        RankListVersion,
        program_ids=ids,
        saved_on=dates,
        certified=st.booleans(),
        certified_on=opt_dates,
    )
    return st.builds(
        RankList,
        program_ids=ids,
        certified=st.booleans(),
        certified_on=opt_dates,
        target_length=st.none() | st.integers(1, 600),
        history=st.lists(version, max_size=3),
    )


def soap_plans():
    return st.builds(
        SoapPlan,
        programs=st.lists(
            st.builds(SoapProgram, name=text, specialty=text, state=text, notes=text), max_size=3
        ),
        documents_refreshed=st.lists(text, max_size=3),
    )


@st.composite
def dossiers(draw) -> Dossier:
    d = Dossier()
    d.profile.full_name = draw(text)
    d.profile.visa = draw(st.sampled_from(Visa))
    d.profile.us_clinical_experience_months = draw(st.integers(0, 240))
    d.profile.target_match_year = draw(st.none() | st.integers(2020, 2035))
    d.education.school_name = draw(text)
    d.education.world_directory_listed = draw(st.none() | st.booleans())
    d.education.graduation_date = draw(opt_dates)
    d.exams.step2ck.outcome = draw(st.sampled_from(Outcome))
    d.exams.step2ck.score = draw(st.none() | st.integers(1, 300))
    d.exams.step2ck.taken_on = draw(opt_dates)
    d.exams.step1.attempts = draw(st.integers(0, 20))
    d.exams.oet.writing = draw(st.none() | st.integers(0, 500))
    d.specialties = draw(
        st.lists(st.builds(Specialty, name=text, role=st.sampled_from(SpecialtyRole)), max_size=3)
    )
    d.programs = draw(st.lists(programs(), max_size=4, unique_by=lambda p: p.id))
    d.documents.cv = draw(documents())
    d.documents.photo = draw(documents())
    d.personal_statements = draw(
        st.lists(st.builds(PersonalStatement, specialty=text, text=text), max_size=2)
    )
    d.letters = draw(st.lists(letters(), max_size=3))
    d.interviews = draw(
        st.lists(st.builds(Interview, program_name=text, date=opt_dates, notes=text), max_size=2)
    )
    d.match.notes = draw(text)
    d.geography.divisions = draw(st.lists(st.sampled_from(CensusDivision), max_size=4, unique=True))
    d.geography.no_division_preference = draw(st.booleans())
    d.geography.division_explanation = draw(text)
    d.geography.setting = draw(st.sampled_from(Setting))
    d.geography.setting_explanation = draw(text)
    d.rank_list = draw(rank_lists())
    d.soap = draw(soap_plans())
    return d
