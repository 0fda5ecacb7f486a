"""A step's status: derived from the dossier and the findings, never stored."""

import datetime as dt

import pytest

from imgwizard.model import Interview, InterviewStatus, Letter, MatchOutcome, Program, new_dossier
from imgwizard.progress import step_status
from imgwizard.rules.findings import Finding, Severity
from imgwizard.steps import step

TODAY = dt.date(2026, 11, 24)


def _finding(step_id, severity):
    return Finding(f"{step_id}.x", severity, step_id, "m", "f")


def test_blockers_win_and_are_counted():
    d = new_dossier(TODAY)
    status = step_status(step("documents"), d, [_finding("documents", Severity.BLOCKER)] * 2)
    assert (status.glyph, status.word, status.blockers) == ("✗", "2 blockers", 2)


def test_untouched_step_is_not_started():
    assert step_status(step("nrmp"), new_dossier(TODAY), []).word == "not started"


@pytest.mark.parametrize(
    ("step_id", "start", "finish"),
    [
        (
            "rank_list",
            lambda d: d.rank_list.program_ids.append("p-1"),
            lambda d: setattr(d.rank_list, "certified", True),
        ),
        (
            "nrmp",
            lambda d: setattr(d.nrmp, "nrmp_id", "N1234567"),
            lambda d: setattr(d.nrmp, "registered", True),
        ),
        (
            "eras",
            lambda d: setattr(d.eras, "token_obtained", True),
            lambda d: setattr(d.eras, "submitted", True),
        ),
        (
            "interviews",
            lambda d: d.interviews.append(Interview(program_name="A")),
            lambda d: setattr(d.interviews[0], "status", InterviewStatus.COMPLETED),
        ),
        (
            "match_day",
            lambda d: setattr(d.match, "soap_participating", True),
            lambda d: setattr(d.match, "outcome", MatchOutcome.MATCHED),
        ),
        (
            "letters",
            lambda d: setattr(d.nrmp, "registered", False),  # nothing of its own yet
            lambda d: d.letters.append(Letter(writer="Dr A")),
        ),
        ("programs", lambda d: None, lambda d: d.programs.append(Program(name="Mercy"))),
    ],
)
def test_no_findings_is_not_done_until_the_step_goal_is_reached(step_id, start, finish):
    d = new_dossier(TODAY)
    start(d)
    before = step_status(step(step_id), d, [])
    finish(d)
    after = step_status(step(step_id), d, [])
    if before.word != "not started":
        assert before.word == "in progress" and before.next_goal
    assert after.text == "✓ done"


def test_warnings_keep_a_finished_step_in_progress():
    d = new_dossier(TODAY)
    d.nrmp.registered = True
    status = step_status(step("nrmp"), d, [_finding("nrmp", Severity.WARNING)])
    assert status.word == "in progress" and status.warnings == 1


def test_mandatory_missing_lists_unreached_mandatory_goals_in_order():
    from imgwizard.progress import mandatory_missing

    d = new_dossier(TODAY)
    assert [s.id for s in mandatory_missing(d)] == [
        "specialty",
        "programs",
        "nrmp",
        "eras",
        "rank_list",
    ]
    d.nrmp.registered = True
    d.rank_list.certified = True
    assert [s.id for s in mandatory_missing(d)] == ["specialty", "programs", "eras"]
