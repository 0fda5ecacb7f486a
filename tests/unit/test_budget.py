"""The budget and the one fee module: tiers per specialty, ResidencyCAS, extra ranks, ranges from
estimates, paid vs still to pay, the what-if, and the `imgwizard budget` command."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from imgwizard.budget import build_budget
from imgwizard.model import (
    Interview,
    InterviewFormat,
    InterviewStatus,
    Outcome,
    PathwayStatus,
    Program,
    Visa,
    new_dossier,
)
from imgwizard.pricing import application_fee_summary, application_fees, spread
from imgwizard.season import Confidence, load_season
from tests.builders import make_season

TODAY = dt.date(2026, 11, 30)
FEES = {
    "eras.fee_tier1_per_program": 11,
    "eras.fee_tier1_programs": 30,
    "eras.fee_tier2_per_program": 30,
    "residencycas.specialties": "Emergency Medicine; Obstetrics and Gynecology",
    "residencycas.fee_base": 99,
    "residencycas.fee_base_programs": 18,
    "residencycas.fee_tier2_per_program": 18,
    "residencycas.fee_tier2_programs": 30,
    "residencycas.fee_tier3_per_program": 23,
    "nrmp.registration_fee": 70,
    "nrmp.ranks_included": 20,
    "nrmp.extra_rank_fee": 30,
    "nrmp.late_registration_fee": 50,
    "nrmp.registration_deadline": dt.date(2027, 1, 29),
}


def dossier(spec: dict[str, int], applied: bool = True):
    d = new_dossier(TODAY)
    d.profile.target_match_year = 2027
    d.exams.step2ck.outcome = Outcome.PASSED
    d.ecfmg.pathway_status = PathwayStatus.ACCEPTED
    for k, (name, n) in enumerate(spec.items()):
        d.programs += [Program(id=f"s{k}-{i}", specialty=name, applied=applied) for i in range(n)]
    return d


def line(budget, line_id):
    return next(x for x in budget.lines if x.id == line_id)


@pytest.mark.parametrize(
    ("spec", "eras", "rcas"),
    [
        ({"Internal Medicine": 35, "Family Medicine": 5}, 535, None),
        ({"IM": 30}, 330, None),
        ({"IM": 31}, 360, None),  # the 31st program costs almost three times the 30th
        ({"internal medicine": 20, "IM": 20}, 630, None),  # one specialty however spelt
        ({"Emergency Medicine": 18}, None, 99),
        ({"EM": 19}, None, 117),
        ({"Emergency Medicine": 31}, None, 338),
        ({"IM": 10, "OB/GYN": 40, "EM": 5}, 110, 99 + 12 * 18 + 15 * 23),
    ],
)
def test_application_fees_per_service_and_specialty(spec, eras, rcas):
    lines = {x.id: x for x in application_fees(dossier(spec), make_season(FEES))}
    assert (lines["eras.applications"].low if eras is not None else None) == eras
    assert (eras is None) is ("eras.applications" not in lines)
    if rcas is None:
        assert "residencycas.applications" not in lines
    else:
        assert lines["residencycas.applications"].low == rcas


def test_done_when_case_535_is_an_estimate_in_match_2027():
    d = dossier({"Internal Medicine": 35, "Family Medicine": 5})
    b = build_budget(d, load_season(2027), TODAY)
    eras = line(b, "eras.applications")
    assert eras.low == 535 and eras.is_estimate and eras.confidence is Confidence.ESTIMATE
    assert eras.paid  # applied programs are paid for
    assert "≈ $535" in application_fee_summary(d, load_season(2027))


def test_planned_programs_count_when_none_applied_and_are_still_to_pay():
    b = build_budget(dossier({"IM": 40}, applied=False), make_season(FEES), TODAY)
    eras = line(b, "eras.applications")
    assert eras.low == 630 and not eras.paid and b.counted_on == "planned"


@pytest.mark.parametrize(("ranks", "certified", "extra"), [(20, False, None), (25, False, 150)])
def test_extra_ranks(ranks, certified, extra):
    d = dossier({})
    d.rank_list.program_ids = [f"p{i}" for i in range(ranks)]
    d.rank_list.certified = certified
    b = build_budget(d, make_season(FEES), TODAY)
    ids = {x.id for x in b.lines}
    if extra is None:
        assert "nrmp.extra_ranks" not in ids
    else:
        assert line(b, "nrmp.extra_ranks").low == extra


@pytest.mark.parametrize(
    ("registered", "registered_on", "today", "late"),
    [
        (False, None, dt.date(2027, 1, 29), False),
        (False, None, dt.date(2027, 1, 30), True),
        (True, dt.date(2027, 2, 2), dt.date(2027, 2, 10), True),
        (True, dt.date(2027, 1, 2), dt.date(2027, 2, 10), False),
    ],
)
def test_late_fee_only_when_it_applies(registered, registered_on, today, late):
    d = dossier({})
    d.nrmp.registered, d.nrmp.registered_on = registered, registered_on
    b = build_budget(d, make_season(FEES), today)
    assert ("nrmp.late_registration" in {x.id for x in b.lines}) is late


def test_ranges_from_estimates_paid_and_to_pay():
    d = dossier({"IM": 10})
    d.exams.step2ck.outcome = Outcome.NOT_TAKEN
    d.ecfmg.pathway_status = PathwayStatus.NOT_STARTED
    d.nrmp.fee_paid = True
    d.interviews = [
        Interview(program_id="a", date=TODAY, format=InterviewFormat.IN_PERSON),
        Interview(
            program_id="b",
            date=TODAY,
            format=InterviewFormat.IN_PERSON,
            status=InterviewStatus.COMPLETED,
        ),
        Interview(program_id="c", status=InterviewStatus.DECLINED),
    ]
    season = load_season(2027)
    b = build_budget(d, season, TODAY)
    oet = line(b, "oet")
    assert (oet.low, oet.high) == (200, 300) and oet.is_estimate
    ahead = line(b, "interviews.in_person.ahead")
    assert (ahead.low, ahead.high, ahead.paid) == (250, 499, False)
    assert line(b, "interviews.in_person.done").paid
    assert b.total.low < b.total.high and "estimates" in b.summary()
    assert b.paid.low + b.to_pay.low == b.total.low
    assert line(b, "nrmp.registration").paid and b.paid.low >= 70 + 250
    # The applicant's own number replaces the default and is "yours".
    d.budget.in_person_interview_cost = 900
    ahead = line(build_budget(d, season, TODAY), "interviews.in_person.ahead")
    assert (ahead.low, ahead.high, ahead.confidence) == (900, 900, Confidence.YOURS)


def test_unknown_fee_is_unknown_not_zero():
    d = dossier({})
    d.profile.visa = Visa.H1B
    b = build_budget(d, load_season(2027), TODAY)
    step3 = line(b, "usmle.step3")
    assert step3.low is None and step3.amount_text() == "unknown"
    assert "1 unknown" in b.summary()


def test_marked_paid_by_the_applicant():
    d = dossier({"IM": 3}, applied=False)
    d.budget.paid = ["ecfmg.token"]
    assert line(
        build_budget(d, make_season(FEES | {"ecfmg.eras_token_fee": 165}), TODAY), "ecfmg.token"
    ).paid


def test_what_if_keeps_the_specialty_mix():
    d = dossier({"Internal Medicine": 35, "Family Medicine": 5})
    b = build_budget(d, make_season(FEES), TODAY)
    assert [n for n, _ in b.what_if] == [30, 60, 100]
    assert dict(b.what_if)[30] == 330
    assert spread(60, {"IM": 35, "FM": 5}) == {"IM": 52, "FM": 8} or spread(
        60, {"IM": 35, "FM": 5}
    ) == {"IM": 53, "FM": 7}
    assert sum(spread(100, {"A": 1, "B": 1, "C": 1}).values()) == 100


def test_budget_command_json(tmp_path, capsys):
    from imgwizard import store
    from imgwizard.cli import main

    path = tmp_path / "d.toml"
    store.save(path, dossier({"Internal Medicine": 35, "Family Medicine": 5}))
    assert main(["budget", "--json", "--data-file", str(path), "--today", "2026-11-30"]) == 0
    doc = json.loads(capsys.readouterr().out)
    eras = next(x for x in doc["lines"] if x["id"] == "eras.applications")
    assert eras["amount_usd"] == 535 and eras["estimate"] and eras["confidence"] == "estimate"
    assert main(["budget", "--data-file", str(path), "--today", "2026-11-30"]) == 0
    assert "ERAS application fees: ≈ $535" in capsys.readouterr().out


@pytest.mark.parametrize(
    "spec",
    [{"Internal Medicine": 35, "Family Medicine": 5}, {"IM": 12, "EM": 25, "OB/GYN": 9}],
)
def test_check_budget_eras_step_and_export_agree(spec):
    from imgwizard.exporting.markdown import render_markdown
    from imgwizard.rules import run_all

    d = dossier(spec)
    season = load_season(2027)
    budget = build_budget(d, season, TODAY)
    findings = {f.code: dict(f.data) for f in run_all(d, season, TODAY)}
    report = render_markdown(d, season, TODAY)
    summary = application_fee_summary(d, season)
    for code, line_id in (
        ("fees.eras_estimate", "eras.applications"),
        ("fees.residencycas_estimate", "residencycas.applications"),
    ):
        lines = [x for x in budget.lines if x.id == line_id]
        if not lines:
            assert code not in findings
            continue
        amount = lines[0].low
        assert findings[code]["total_usd"] == amount
        assert f"${amount:,}" in summary
        assert f"\\${amount:,}" in report  # Markdown escapes the dollar sign
