"""The plan: ordering, grouping, reminders from the dossier's dates, the step and field each
action opens, `imgwizard plan`, and the calendar export built on it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from imgwizard.demo import demo_dossier
from imgwizard.model import Interview, InterviewStatus, Letter, new_dossier
from imgwizard.plan import build_plan
from imgwizard.season import load_season
from imgwizard.steps import STEP_IDS
from tests.builders import make_season

TODAY = dt.date(2026, 11, 30)


def ids(plan, group=None):
    grouped = plan.grouped()
    return [a.id for a in (grouped[group] if group else plan.actions)]


def test_actions_are_in_date_order_with_undated_last():
    plan = build_plan(demo_dossier(), load_season(2027), TODAY)
    dated = [a.due for a in plan.actions if a.due is not None]
    assert dated == sorted(dated)
    undated = [i for i, a in enumerate(plan.actions) if a.due is None]
    assert all(i >= len(dated) for i in undated)
    for action in plan.actions:
        assert action.step in STEP_IDS and action.where
        if action.due is not None:
            assert action.confidence in ("official", "secondary", "estimate", "yours")


@pytest.mark.parametrize(
    ("due_in", "group"),
    [(-1, "overdue"), (0, "this_week"), (7, "this_week"), (8, "next_30_days"), (31, "later")],
)
def test_groups_by_days_left(due_in, group):
    season = make_season({"nrmp.registration_deadline": TODAY + dt.timedelta(days=due_in)})
    plan = build_plan(new_dossier(TODAY), season, TODAY)
    assert "deadline.nrmp_registration" in ids(plan, group)


def test_done_is_folded_and_past_milestones_dropped():
    d = new_dossier(TODAY)
    d.nrmp.registered = True
    season = make_season(
        {
            "nrmp.registration_deadline": TODAY + dt.timedelta(days=3),
            "nrmp.registration_opens": TODAY - dt.timedelta(days=30),
            "eras.season_opens": TODAY - dt.timedelta(days=100),
        }
    )
    plan = build_plan(d, season, TODAY)
    assert "deadline.nrmp_registration" in ids(plan, "done")
    assert not any(a.id.startswith("milestone.nrmp.registration_opens") for a in plan.actions)


def test_reminders_from_dossier_dates():
    d = new_dossier(TODAY)
    d.letters = [Letter(writer="Dr A", requested_on=TODAY - dt.timedelta(days=40))]
    d.interviews = [
        Interview(program_name="Lake IM", date=TODAY + dt.timedelta(days=5)),
        Interview(
            program_name="Hill FM",
            date=TODAY - dt.timedelta(days=1),
            status=InterviewStatus.COMPLETED,
        ),
    ]
    plan = build_plan(d, make_season({}), TODAY)
    by_id = {a.id: a for a in plan.actions}
    letter = by_id["letter.0.follow_up"]
    assert letter.group(TODAY) == "overdue" and "40 days ago" in letter.what
    assert (letter.step, letter.field, letter.confidence) == ("letters", "l-rec", "yours")
    assert by_id["interview.0.prepare"].due == TODAY + dt.timedelta(days=3)
    assert by_id["interview.0.thank_you"].due == TODAY + dt.timedelta(days=7)
    assert by_id["interview.0.thank_you"].field == "iv-thanks"
    assert "interview.1.prepare" not in by_id  # that interview is over
    assert by_id["interview.1.thank_you"].group(TODAY) == "this_week"
    d.interviews[1].thank_you_sent = True
    assert build_plan(d, make_season({}), TODAY).grouped()["done"]
    # The letters rule's own "overdue" finding is not listed twice.
    assert not any(a.id.startswith("finding.letters.overdue") for a in plan.actions)


@pytest.mark.parametrize(
    ("action_id", "step", "field"),
    [
        ("deadline.nrmp_registration", "nrmp", "nrmp-registered"),
        ("deadline.rol_certification", "rank_list", "rank-certified"),
        ("deadline.ecfmg_verification", "eligibility", "reported-to-nrmp"),
        ("deadline.eras_submission", "eras", "eras-submit"),
    ],
)
def test_each_deadline_opens_its_step_and_field(action_id, step, field):
    plan = build_plan(new_dossier(TODAY), load_season(2027), TODAY)
    action = next(a for a in plan.actions if a.id == action_id)
    assert (action.step, action.field) == (step, field)


def test_ecfmg_verification_is_a_hard_deadline_that_says_what_it_blocks():
    plan = build_plan(new_dossier(TODAY), load_season(2027), TODAY)
    action = next(a for a in plan.actions if a.id == "deadline.ecfmg_verification")
    assert action.hard and "withdrawn from the Match" in action.blocks
    assert action.confidence == "estimate"


def test_open_blockers_become_actions_due_by_their_steps_deadline():
    plan = build_plan(demo_dossier(), load_season(2027), TODAY)
    cv = next(a for a in plan.actions if a.id.startswith("finding.documents.cv"))
    assert cv.due == load_season(2027).date("eras.programs_review_opens")
    assert cv.field == "doc-cv" and cv.step == "documents"


def test_plan_command_json_on_the_demo(tmp_path, capsys):
    from imgwizard import store
    from imgwizard.cli import main

    path = tmp_path / "d.toml"
    store.save(path, demo_dossier())
    code = main(["plan", "--json", "--today", "2026-11-30", "--data-file", str(path)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1  # something is overdue
    dated = [a["due"] for a in doc["actions"] if a["due"]]
    assert dated == sorted(dated) and len(dated) > 5
    for a in doc["actions"]:
        assert {"due", "confidence", "step", "where", "days_left"} <= set(a)
        assert a["step"] in STEP_IDS and a["where"]
    code = main(["plan", "--within", "7", "--today", "2026-11-30", "--data-file", str(path)])
    out = capsys.readouterr().out
    assert code == 1 and "Overdue" in out and "Later" not in out


def test_plan_exit_0_when_nothing_overdue(tmp_path, capsys):
    from imgwizard.cli import main

    code = main(["plan", "--today", "2026-06-01", "--data-file", str(tmp_path / "new.toml")])
    assert code == 0 and "Plan for Match" in capsys.readouterr().out


def test_calendar_has_no_event_before_the_season_opened_and_alarms_hard_deadlines():
    from icalendar import Calendar

    from imgwizard.exporting import render

    season = load_season(2027)
    text = render(
        "ics", demo_dossier(), season, TODAY, now=dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    )
    cal = Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    opened = season.date("eras.season_opens")
    starts = [e["DTSTART"].dt for e in events]
    assert starts and min(starts) >= opened
    summaries = " ".join(str(e["SUMMARY"]) for e in events)
    assert "Step 2 CS" not in summaries and "attempt" not in summaries.lower()
    hard = [e for e in events if list(e.walk("VALARM"))]
    assert any("rank order list" in str(e["SUMMARY"]).lower() for e in hard)
    assert any("Interview: Riverside" in str(e["SUMMARY"]) for e in events)


def test_booked_exams_and_pathway_expiry_from_the_dossier():
    from imgwizard.model import Outcome

    d = new_dossier(TODAY)
    d.exams.step2ck.outcome = Outcome.SCHEDULED
    d.exams.step2ck.taken_on = TODAY + dt.timedelta(days=20)
    d.ecfmg.pathway_expires_on = TODAY + dt.timedelta(days=60)
    by_id = {a.id: a for a in build_plan(d, make_season({}), TODAY).actions}
    exam = by_id["exam.step2ck"]
    assert (exam.due, exam.field, exam.group(TODAY)) == (
        TODAY + dt.timedelta(days=20),
        "step2ck-outcome",
        "next_30_days",
    )
    expiry = by_id["ecfmg.pathway_expires"]
    assert expiry.hard and "Match eligibility" in expiry.blocks
    d.ecfmg.certified = True
    assert "ecfmg.pathway_expires" not in {
        a.id for a in build_plan(d, make_season({}), TODAY).actions
    }


@pytest.mark.parametrize(
    ("key", "step"),
    [
        ("nrmp.match_week_starts", "match_day"),
        ("nrmp.ranking_opens", "rank_list"),
        ("eras.token_release", "eras"),
        ("usmle.step1_pass_fail_from", "eligibility"),
    ],
)
def test_season_dates_ahead_belong_to_their_step(key, step):
    opened = TODAY - dt.timedelta(days=100)
    season = make_season({key: TODAY + dt.timedelta(days=10), "eras.season_opens": opened})
    action = next(
        a for a in build_plan(new_dossier(TODAY), season, TODAY).actions if a.season_key == key
    )
    assert (action.step, action.kind, action.group(TODAY)) == (step, "milestone", "next_30_days")


def test_eligibility_warnings_are_not_given_the_rank_list_date():
    d = new_dossier(TODAY)
    d.education.graduation_date = TODAY - dt.timedelta(days=400)
    plan = build_plan(d, load_season(2027), TODAY)
    diploma = next(a for a in plan.actions if "diploma" in a.id)
    assert diploma.due is None and diploma.group(TODAY) == "later"
