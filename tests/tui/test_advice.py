"""Advice an applicant can act on (issue 13): the gate, no false blockers, the rules of Match 2027.

Table-driven through the rules (run_all with the shipped seasons unless a row says otherwise),
plus Pilot tests for the ERAS gate and the Match year question.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from textual.widgets import Button, Static

from imgwizard import store
from imgwizard.cli import main
from imgwizard.gate import eras_gate
from imgwizard.model import (
    DocStatus,
    Letter,
    Outcome,
    PathwayStatus,
    PersonalStatement,
    Program,
    Specialty,
    Visa,
    new_dossier,
)
from imgwizard.rules import Severity, run_all
from imgwizard.rules.documents import size_limit
from imgwizard.rules.files import Kind
from imgwizard.season import Confidence, load_season
from imgwizard.season.which import season_of, suggest_match_year
from imgwizard.tui.screens.date_dialog import DateScreen
from tests.builders import complete_dossier, dossier_with, make_season
from tests.tui_harness import PaneHarness

TODAY = dt.date(2026, 11, 24)
DOCS = Path(__file__).parents[2] / "docs"


def findings(dossier, today=TODAY, season=None):
    season = season or season_of(dossier, today)
    return run_all(dossier, season, today)


def by_code(found):
    return {f.code: f for f in found}


def empty():
    return new_dossier(TODAY)


with_ = dossier_with


# --------------------------------------------------------------------------- 1. the ERAS gate


def ready_but_much_missing() -> object:
    """What MyERAS needs is in place; Step 2 CK, Pathway, OET, MSPE and letters are not."""
    d = new_dossier(TODAY)
    d.eras.token_obtained = d.eras.myeras_registered = True
    d.documents.cv.status = DocStatus.READY
    d.specialties = [Specialty(name="Internal Medicine")]
    d.personal_statements = [PersonalStatement(specialty="Internal Medicine", text="Why IM.")]
    d.programs = [Program(id="p-1", name="Example IM", specialty="Internal Medicine")]
    d.exams.step1.outcome = Outcome.PASSED
    return d


@pytest.mark.parametrize(
    ("build", "ready", "missing"),
    [
        (empty, False, {"token", "application", "statement", "programs"}),
        (ready_but_much_missing, True, set()),
    ],
)
def test_gate_lists_only_what_submitting_needs(build, ready, missing):
    d = build()
    found = findings(d)
    gate = eras_gate(d, season_of(d, TODAY), found)
    assert gate.ready is ready
    assert {i.key for i in gate.missing} == missing
    follow = {f.code for f in gate.can_follow}
    if build is ready_but_much_missing:
        # None of these stops a submission: they can follow it.
        assert {
            "eligibility.step2ck.not_passed",
            "eligibility.clinical_skills.missing",
            "documents.mspe.missing",
        } <= follow


def test_gate_in_check_exit_status(tmp_path, capsys):
    data = tmp_path / "d.toml"
    args = ["check", "--data-file", str(data), "--today", TODAY.isoformat(), "--ready", "eras"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "Ready to submit in MyERAS: no" in out and "[missing] Programs chosen" in out
    store.save(data, ready_but_much_missing())
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Ready to submit in MyERAS: yes" in out and "Can follow after submission: " in out
    assert main([*args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["ready"] is True and doc["can_follow"]


async def test_gate_pilot_submits_at_once_when_only_followers_are_missing():
    app = PaneHarness("eras", dossier=ready_but_much_missing())
    async with app.run_test(size=(80, 24)) as pilot:
        summary = str(app.query_one("#eras-gate-summary", Static).render())
        assert "Ready to submit" in summary and "can follow after submission" in summary
        button = app.query_one("#eras-submit", Button)
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        # No "are you sure" (nothing needed is missing): only the date, today offered.
        assert isinstance(app.screen, DateScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.screen_stack) == 1
    assert app.dossier.eras.submitted and not app.dossier.eras.submitted_despite_blockers


# --------------------------------------------------------------------------- 2, 3, 4: done-when


def test_check_json_on_an_empty_dossier(tmp_path, capsys):
    """`imgwizard check --json --today 2026-11-24` on an empty dossier."""
    data = tmp_path / "none.toml"
    main(["check", "--json", "--data-file", str(data), "--today", "2026-11-24"])
    doc = json.loads(capsys.readouterr().out)
    blockers = [f for f in doc["findings"] if f["severity"] == "blocker"]
    for f in blockers:
        assert f.get("subject") not in ("photo", "ecfmg_status_report", "usmle_transcript")
        assert not f["code"].startswith("deadlines.eras_submission")
    codes = {f["code"]: f for f in doc["findings"]}
    for code in ("eligibility.step1.not_passed", "eligibility.step2ck.not_passed"):
        assert "FSMB" in codes[code]["fix"] and "MyIntealth" not in codes[code]["fix"]
    late = codes["deadlines.eras_submission.late"]
    assert late["severity"] == "warning" and "every day counts" in late["fix"]


@pytest.mark.parametrize(
    ("doc_changes", "code", "severity"),
    [
        ({}, "documents.photo.none", Severity.INFO),
        ({}, "documents.usmle_transcript.not_authorized", Severity.WARNING),
        ({}, "documents.ecfmg_status_report.unconfirmed", Severity.INFO),
        ({"documents__usmle_transcript__authorized": True}, None, None),
        ({"documents__ecfmg_status_report__confirmed": True}, None, None),
    ],
)
def test_documents_that_are_not_files(doc_changes, code, severity):
    found = by_code(findings(with_(**doc_changes)))
    if code is None:
        key = next(iter(doc_changes)).split("__")[1]
        assert not any(c.startswith(f"documents.{key}.") for c in found)
    else:
        assert found[code].severity is severity


def test_v1_file_with_old_documents_migrates_without_loss(tmp_path):
    path = tmp_path / "v1.toml"
    path.write_text(
        "schema_version = 1\n"
        "[documents.usmle_transcript]\npath = '/x/usmle.pdf'\nstatus = 'uploaded'\n"
        "uploaded_on = 2026-09-01\nnotes = 'sent'\n"
        "[documents.ecfmg_status_report]\nstatus = 'ready'\n"
    )
    d = store.load(path)
    release, report = d.documents.usmle_transcript, d.documents.ecfmg_status_report
    assert release.authorized and release.authorized_on == dt.date(2026, 9, 1)
    assert "sent" in release.notes and "/x/usmle.pdf" in release.notes
    assert not report.confirmed and "ready" in report.notes
    assert d.schema_version == store.SCHEMA_VERSION


@pytest.mark.parametrize(
    ("today", "season", "code", "severity"),
    [
        (TODAY, None, "deadlines.eras_submission.late", Severity.WARNING),
        # After the season's end (an estimate for 2027): closed, but an estimate never blocks.
        (dt.date(2027, 6, 2), None, "deadlines.eras_submission.closed", Severity.WARNING),
        (
            dt.date(2027, 6, 2),
            {"eras.programs_review_opens": dt.date(2026, 9, 23), "eras.season_ends": TODAY},
            "deadlines.eras_submission.closed",
            Severity.BLOCKER,
        ),
        (dt.date(2027, 2, 10), None, "deadlines.nrmp_registration.late", Severity.WARNING),
        (dt.date(2027, 3, 5), None, "deadlines.nrmp_registration.closed", Severity.WARNING),
    ],
)
def test_late_is_a_warning_until_the_real_end(today, season, code, severity):
    d = empty()
    d.profile.target_match_year = 2027
    s = make_season(season) if season else None
    if s is not None:
        s.facts.update({k: v for k, v in load_season(2027).facts.items() if k.startswith("nrmp.")})
    found = by_code(findings(d, today, s))
    assert found[code].severity is severity
    if code == "deadlines.nrmp_registration.late":
        assert "Late fee: ≈ $50" in found[code].fix and "SOAP" in found[code].fix


@pytest.mark.parametrize(
    ("today", "portal"),
    [(TODAY, "FSMB"), (dt.date(2025, 11, 1), "MyIntealth")],
)
def test_exam_fixes_name_the_portal_of_the_day(today, portal):
    found = by_code(findings(new_dossier(today), today))
    assert portal in found["eligibility.step1.not_passed"].fix
    assert portal in found["eligibility.step2ck.not_passed"].fix


def test_help_names_fsmb_and_says_wfme_is_not_required():
    from imgwizard.tui.screens.help import rules_change_note

    text = rules_change_note(load_season(2027)).plain
    assert "FSMB" in text and "218" in text and "214" in text
    assert "WFME" in text and "not a requirement" in text


# ----------------------------------------------------------------- 5, 6 ResidencyCAS, WFME


@pytest.mark.parametrize(
    ("names", "told", "eras_applies"),
    [
        (["Emergency Medicine"], {"emergency_medicine"}, False),
        (["OB/GYN", "Internal Medicine"], {"obstetrics_gynecology"}, True),
        (["Internal Medicine"], set(), True),
    ],
)
def test_residencycas_specialties_are_told(names, told, eras_applies):
    d = empty()
    d.specialties = [Specialty(name=n) for n in names]
    found = findings(d)
    assert {f.subject for f in found if f.code == "specialty.residencycas"} == told
    assert any(f.code.startswith("deadlines.eras_submission") for f in found) is eras_applies
    assert eras_gate(d, season_of(d, TODAY), found).applies is eras_applies
    release = by_code(found)["documents.usmle_transcript.not_authorized"]
    assert ("MyERAS" in release.fix) is eras_applies


def test_school_recognition_is_never_a_gate(tmp_path):
    for d in table_dossiers(tmp_path):
        for f in findings(d):
            text = f"{f.message} {f.fix}".lower()
            assert "wfme" not in text and "accredit" not in text, f.code


# --------------------------------------------------------------------------- 7 new checks


@pytest.mark.parametrize(
    ("changes", "today", "code", "severity", "says"),
    [
        (
            {"exams__oet__taken_on": dt.date(2023, 5, 1)},
            TODAY,
            "eligibility.oet.too_old",
            Severity.WARNING,
            "estimate",
        ),
        ({}, dt.date(2027, 6, 5), "eligibility.pathway.window_closed", Severity.WARNING, "≈"),
        ({}, TODAY, "eligibility.pathway.window", Severity.INFO, "rank order list"),
        (
            {"profile__visa": Visa.J1},
            TODAY,
            "eligibility.j1.statement_of_need",
            Severity.INFO,
            "212(e)",
        ),
        (
            {"profile__visa": Visa.J1_OR_H1B},
            TODAY,
            "eligibility.h1b.new_petition_payment",
            Severity.INFO,
            "secondary",
        ),
        ({}, TODAY, "eligibility.certification.before_start", Severity.INFO, "1 July"),
        (
            {"exams__step2ck__score": 216, "exams__step2ck__taken_on": dt.date(2025, 8, 1)},
            TODAY,
            "eligibility.step2ck.below_passing",
            Severity.WARNING,
            "218 · secondary",
        ),
    ],
)
def test_new_checks(changes, today, code, severity, says):
    d = with_(**changes)
    d.profile.target_match_year = 2027
    found = by_code(findings(d, today))
    assert found[code].severity is severity
    assert says in found[code].message + found[code].fix


def test_step2ck_score_is_judged_by_its_test_date():
    d = with_(exams__step2ck__score=216, exams__step2ck__taken_on=dt.date(2024, 8, 1))
    assert "eligibility.step2ck.below_passing" not in by_code(findings(d))  # 214 then
    d.exams.step2ck.score = 212
    f = by_code(findings(d))["eligibility.step2ck.below_passing"]
    assert dict(f.data)["season_key"] == "usmle.step2ck_passing_score_before"
    assert dict(f.data)["confidence"] == "official"


def test_h1b_payment_never_states_its_legal_status():
    d = with_(profile__visa=Visa.H1B)
    f = by_code(findings(d))["eligibility.h1b.new_petition_payment"]
    text = f.message.lower()
    for claim in ("is in force", "is illegal", "struck down", "was blocked", "no longer"):
        assert claim not in text
    assert "ask" in f.fix.lower()


def test_ranks_over_the_limit_and_beyond_the_included():
    d = empty()
    d.rank_list.program_ids = [f"p-{n}" for n in range(301)]
    found = by_code(findings(d))
    assert found["rank_list.too_many"].severity is Severity.WARNING  # 300 is an estimate in 2027
    assert "estimate" in found["rank_list.too_many"].message
    assert "rank_list.length_fee" in found
    assert "281 more" in found["fees.nrmp_estimate"].message
    official = by_code(findings(d, season=make_season({"nrmp.rol_max_ranks": 300})))
    assert official["rank_list.too_many"].severity is Severity.BLOCKER


@pytest.mark.parametrize(
    ("requested", "uploaded", "dropped"),
    [
        (dt.date(2026, 4, 1), None, True),
        (dt.date(2026, 4, 1), dt.date(2026, 5, 1), False),  # moved to the new portal
        (dt.date(2026, 7, 1), None, False),  # asked in the new portal
    ],
)
def test_letter_requests_dropped_by_the_new_portal(requested, uploaded, dropped):
    d = empty()
    received = uploaded
    d.letters = [
        Letter(writer="Dr A", requested_on=requested, received_on=received, uploaded_on=uploaded)
    ]
    found = by_code(findings(d))
    assert ("letters.request_dropped" in found) is dropped


# --------------------------------------------------------------------------- 8 confidence


@pytest.mark.parametrize(
    ("build", "code", "key"),
    [
        (empty, "letters.too_few", "eras.letters_required_default"),
        (
            lambda: with_(
                personal_statements=[PersonalStatement(specialty="IM", text="x" * 28_001)]
            ),
            "statements.too_long",
            "eras.personal_statement_max_chars",
        ),
    ],
)
def test_estimates_never_block_and_say_so(build, code, key):
    f = by_code(findings(build()))[code]
    assert f.severity is Severity.WARNING
    assert "estimate" in f.message
    data = dict(f.data)
    assert data["season_key"] == key and data["confidence"] == "estimate"


def test_check_json_carries_fact_key_and_confidence(tmp_path, capsys):
    main(["check", "--json", "--data-file", str(tmp_path / "n.toml"), "--today", "2026-11-24"])
    doc = json.loads(capsys.readouterr().out)
    letters = next(f for f in doc["findings"] if f["code"] == "letters.too_few")
    assert letters["data"]["season_key"] == "eras.letters_required_default"
    assert letters["data"]["confidence"] == "estimate"


# --------------------------------------------------------------------------- 9 the Match year


@pytest.mark.parametrize(
    ("changes", "today", "year", "why"),
    [
        ({}, TODAY, 2028, "Step 1"),
        ({}, dt.date(2026, 6, 2), 2027, "Nothing you entered"),
        ({"exams__step1__outcome": Outcome.PASSED}, TODAY, 2027, "Nothing you entered"),
        ({"exams__step1__outcome": Outcome.PASSED}, dt.date(2027, 1, 10), 2028, "Step 2 CK"),
    ],
)
def test_match_year_suggestion(changes, today, year, why):
    d = with_(**changes)
    if changes:
        d.ecfmg.pathway_status = PathwayStatus.APPLIED
    suggestion = suggest_match_year(d, today)
    assert suggestion.year == year
    assert why in suggestion.text


async def test_first_screen_asks_the_year_and_suggests_one():
    app = PaneHarness("specialty", dossier=new_dossier(TODAY))
    assert app.dossier.profile.target_match_year is None
    async with app.run_test(size=(80, 24)) as pilot:
        text = str(app.query_one("#match-year-suggestion", Static).render())
        assert "Suggested: Match 2028" in text and "Step 1" in text
        assert "Not chosen yet" in str(app.query_one("#season-line", Static).render())
        button = app.query_one("#use-suggested-year", Button)
        assert str(button.label) == "Use Match 2028"
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.dossier.profile.target_match_year == 2028
        assert app.season.match_year == 2028
        assert not button.display


# --------------------------------------------------------------------------- 10 size limit


def test_one_size_limit_for_rules_and_pane():
    import imgwizard.tui.panes.documents as pane

    season = load_season(2027)
    assert size_limit("photo", season).key == "eras.photo_max_kb"
    assert size_limit("photo", season).max_kb == 150
    assert size_limit("mspe", season).kind is Kind.PDF
    assert not hasattr(pane, "limit_key")


# --------------------------------------------------------------------------- 11 season data


@pytest.mark.parametrize("year", [2026, 2027])
@pytest.mark.parametrize(
    ("key", "value", "confidence"),
    [
        ("usmle.fsmb_services_from", dt.date(2026, 1, 12), "secondary"),
        ("usmle.step2ck_passing_score", 218, "secondary"),
        ("usmle.step2ck_passing_score_from", dt.date(2025, 7, 1), "secondary"),
        ("usmle.step2ck_passing_score_before", 214, "official"),
        ("nrmp.rol_length_fee_from", 100, "official"),
        ("ecfmg.j1_processing_weeks", 6, "official"),
        ("visa.h1b_new_petition_payment", 100_000, "secondary"),
        ("residencycas.specialties", "Emergency Medicine; Obstetrics and Gynecology", "official"),
    ],
)
def test_season_facts_from_the_2026_updates(year, key, value, confidence):
    fact = load_season(year).get(key)
    assert fact is not None and fact.value == value
    assert fact.confidence is Confidence(confidence)


def test_letter_portal_and_pathways_facts_by_season():
    s26, s27 = load_season(2026), load_season(2027)
    assert s27.get("aamc.letter_requests_reset").value == dt.date(2026, 6, 1)
    assert s26.get("aamc.letter_requests_reset") is None
    assert s26.get("ecfmg.pathways_opens").confidence is Confidence.OFFICIAL
    assert s27.get("ecfmg.pathways_opens") is None  # nothing found for 2027
    for s in (s26, s27):
        assert s.get("oet.earliest_accepted").confidence is Confidence.ESTIMATE
        assert s.get("ecfmg.pathways_closes").confidence is Confidence.ESTIMATE


# --------------------------------------------------------------------------- docs/rules.md


def table_dossiers(tmp_path):
    """Dossiers that between them raise (nearly) every code."""
    out = [empty(), ready_but_much_missing()]
    messy = complete_dossier(tmp_path, TODAY)
    messy.documents.cv.path = str(tmp_path / "gone.pdf")
    messy.letters.append(Letter(writer="", requested_on=dt.date(2026, 4, 1)))
    messy.exams.step2ck.outcome, messy.exams.step2ck.attempts = Outcome.FAILED, 4
    messy.exams.step2ck.score = 200
    messy.exams.oet.taken_on = dt.date(2021, 1, 1)
    messy.ecfmg.pathway_status = PathwayStatus.APPLIED
    messy.profile.visa = Visa.J1_OR_H1B
    messy.rank_list.program_ids = [f"x-{n}" for n in range(301)]
    messy.specialties.append(Specialty(name="Emergency Medicine"))
    messy.programs[0].min_step2ck_score = 250
    out.append(messy)
    return out


def test_every_code_emitted_is_in_docs_rules(tmp_path):
    doc = (DOCS / "rules.md").read_text("utf-8")
    listed = set(re.findall(r"`([a-z0-9_]+(?:\.[a-z0-9_<>]+)+)`", doc))
    patterns = [
        re.compile("^" + re.sub(r"<[a-z]+>", "[a-z0-9_]+", c.replace(".", r"\.")) + "$")
        for c in listed
    ]
    emitted: set[str] = set()
    for today in (TODAY, dt.date(2027, 2, 10), dt.date(2027, 3, 5), dt.date(2027, 6, 5)):
        for d in table_dossiers(tmp_path):
            emitted |= {f.code for f in findings(d, today)}
    assert len(emitted) > 40
    undocumented = sorted(c for c in emitted if not any(p.match(c) for p in patterns))
    assert undocumented == []


async def test_wizard_first_screen_match_year_changes_the_season(tmp_path):
    """The whole wizard: a new file opens on the year question; using the suggestion moves the
    header to Match 2028 and keeps it in the file."""
    from tests.tui.test_tui_app import header_text, make_app

    data = tmp_path / "dossier.toml"
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_step == "specialty" and "Match 2027" in header_text(app)
        screen = app.screen
        text = str(screen.query_one("#match-year-suggestion", Static).render())
        assert text.startswith("Suggested: Match 2028.") and "Step 1 is not passed" in text
        button = screen.query_one("#use-suggested-year", Button)
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Match 2028" in header_text(app)
        await pilot.press("f10")
    assert store.load(data).profile.target_match_year == 2028


async def test_wizard_eras_gate_says_what_can_follow(tmp_path):
    from tests.tui.test_tui_app import make_app

    data = tmp_path / "dossier.toml"
    store.save(data, ready_but_much_missing())
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("8")
        await pilot.pause()
        assert app.current_step == "eras"
        summary = str(app.screen.query_one("#eras-gate-summary", Static).render())
        assert summary.startswith("✓ Ready to submit") and "can follow" in summary
        await pilot.press("f10")
