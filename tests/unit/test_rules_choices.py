"""Signals, geographic preferences, the rank list's history and the SOAP plan: the core helpers
and every rule of rules/choices.py, table-driven."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from imgwizard import ranking, signals, soap, store
from imgwizard.geography import division_of
from imgwizard.model import (
    CensusDivision,
    Dossier,
    MatchOutcome,
    Outcome,
    PathwayStatus,
    Program,
    RankList,
    SignalTier,
    SoapProgram,
    Visa,
    VisaType,
    new_dossier,
)
from imgwizard.rules import choices
from imgwizard.rules.findings import Severity
from imgwizard.season import Confidence, load_season
from imgwizard.season.facts import Fact

TODAY = dt.date(2026, 11, 30)
FIXTURES = Path(__file__).parents[1] / "fixtures"
G, S, P, N = SignalTier.GOLD, SignalTier.SILVER, SignalTier.SIGNAL, SignalTier.NONE


def programs(specialty: str, tiers: list[SignalTier], **kw: Any) -> list[Program]:
    slug = specialty.replace(" ", "")[:6].lower()
    return [
        Program(id=f"p-{slug}-{i}", name=f"{specialty} {i}", specialty=specialty, signal=t, **kw)
        for i, t in enumerate(tiers)
    ]


def dossier(year: int = 2027, progs: list[Program] | None = None) -> Dossier:
    d = new_dossier(TODAY)
    d.profile.target_match_year = year
    d.programs = progs or []
    return d


def findings(rule, d: Dossier, year: int | None = None, today: dt.date = TODAY):
    season = load_season(year or d.profile.target_match_year or 2027)
    return list(rule(d, season, today))


def codes(found) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.severity.value, f.subject) for f in found)


# --------------------------------------------------------------------------- season facts


@pytest.mark.parametrize(
    ("year", "key", "value", "confidence"),
    [
        (2026, "signals.internal_medicine.gold", 3, "official"),
        (2026, "signals.internal_medicine.silver", 12, "official"),
        (2026, "signals.anesthesiology.gold", 5, "official"),
        (2026, "signals.anesthesiology.silver", 10, "official"),
        (2026, "signals.family_medicine.single", 5, "estimate"),
        (2026, "signals.psychiatry.single", 10, "estimate"),
        (2026, "signals.general_surgery.single", 15, "estimate"),
        (2026, "signals.diagnostic_radiology.gold", 6, "estimate"),
        (2027, "signals.internal_medicine.gold", 3, "estimate"),
        (2027, "signals.internal_medicine.silver", 12, "estimate"),
        (2027, "signals.anesthesiology.silver", 10, "estimate"),
        (2027, "signals.neurology.single", 8, "estimate"),
        (2026, "eras.geographic_divisions_max", 3, "official"),
        (2027, "eras.geographic_divisions_max", 3, "estimate"),
        (2026, "nrmp.soap_applications_max", 45, "official"),
        (2027, "nrmp.soap_applications_max", 45, "estimate"),
    ],
)
def test_signal_and_soap_facts_follow_the_reference(year, key, value, confidence):
    fact = load_season(year).get(key)
    assert fact is not None and fact.value == value
    assert fact.confidence.value == confidence


@pytest.mark.parametrize("year", [2026, 2027])
@pytest.mark.parametrize("sid", ["emergency_medicine", "obstetrics_gynecology"])
def test_residencycas_counts_are_unknown_not_invented(year, sid):
    season = load_season(year)
    assert all(signals.cap(season, sid, t) is None for t in (G, S, P))


def test_estimates_carry_the_newest_official_value():
    fact = load_season(2027).get("signals.internal_medicine.gold")
    assert "Match 2026" in fact.rule and "official" in fact.rule


# --------------------------------------------------------------------------- core helpers


@pytest.mark.parametrize(
    ("specialty", "tier"),
    [
        ("IM", S),
        ("Internal Medicine", S),
        ("Anesthesiology", S),
        ("Radiology", S),
        ("Family Medicine", P),
        ("Psychiatry", P),
        ("Dermatology", P),  # no known tiers: a plain signal
        ("", P),
    ],
)
def test_default_tier(specialty, tier):
    from imgwizard.specialties import canonical

    assert signals.default_tier(canonical(specialty)) is tier


def test_usage_line_counts_per_tier_and_marks_estimates():
    d = dossier(2027, programs("Internal Medicine", [G, G, S, N]) + programs("Psychiatry", [P]))
    assert signals.usage_lines(d, load_season(2027)) == [
        "IM: 2 of ≈3 gold, 1 of ≈12 silver used",
        "Psych: 1 of ≈10 signals used",
    ]
    d.profile.target_match_year = 2026
    assert signals.usage_lines(d, load_season(2026))[0] == ("IM: 2 of 3 gold, 1 of 12 silver used")


def test_usage_counts_as_a_pass_per_tier_did():
    """usage() counts every tier in one pass over the programs: the same as counting each
    tier of each specialty on its own, in the same order, with tiers a specialty lacks kept
    in the order the applicant first used them."""
    import random

    season = load_season(2027)
    names = ["Internal Medicine", "Psychiatry", "Family Medicine", "IM", "Cardiology", " "]
    for seed in range(30):
        rng = random.Random(seed)
        listed = [
            Program(specialty=rng.choice(names), signal=rng.choice(list(SignalTier)))
            for _ in range(rng.randrange(0, 40))
        ]
        d = dossier(2027, listed)
        for use in signals.usage(d, season):
            mine = [
                p
                for p in d.programs
                if p.specialty.strip() and use.specialty_id == (signals.canonical(p.specialty))
            ]
            assert list(use.programs) == mine
            wanted = list(signals.tiers(use.specialty_id))
            for p in mine:
                if p.signalled and p.signal not in wanted:
                    wanted.append(p.signal)
            assert [t.tier for t in use.tiers] == wanted
            assert [t.used for t in use.tiers] == [sum(p.signal is t for p in mine) for t in wanted]


def test_usage_programs_are_those_of_the_dossier_when_it_was_counted():
    """`programs` is picked from the programs as they were counted, not as they are later."""
    d = dossier(2027, programs("Internal Medicine", [G, N]) + programs("IM", [S]))
    [use] = signals.usage(d, load_season(2027))
    counted = list(d.programs)
    d.programs.append(Program(specialty="IM", signal=G))
    assert list(use.programs) == counted
    assert [t.used for t in use.tiers] == [1, 1]


def test_next_tier_cycles_through_the_specialty_tiers():
    p = Program(specialty="IM")
    seen = []
    for _ in range(3):
        p.signal = signals.next_tier(p)
        seen.append(p.signal)
    assert seen == [G, S, N]
    fm = Program(specialty="Family Medicine", signal=G)  # a tier FM lacks: back to none
    assert signals.next_tier(fm) is N


@pytest.mark.parametrize(
    ("state", "division"),
    [
        ("NY", CensusDivision.MIDDLE_ATLANTIC),
        ("new york", CensusDivision.MIDDLE_ATLANTIC),
        ("Ohio", CensusDivision.EAST_NORTH_CENTRAL),
        ("D.C.", CensusDivision.SOUTH_ATLANTIC),
        ("tx", CensusDivision.WEST_SOUTH_CENTRAL),
        ("Idaho", CensusDivision.MOUNTAIN),
        ("HI", CensusDivision.PACIFIC),
        ("Vermont", CensusDivision.NEW_ENGLAND),
        ("MO", CensusDivision.WEST_NORTH_CENTRAL),
        ("KY", CensusDivision.EAST_SOUTH_CENTRAL),
        ("PR", None),
        ("", None),
        ("Narnia", None),
    ],
)
def test_state_to_division(state, division):
    assert division_of(state) is division


def test_every_state_and_dc_has_a_division():
    from imgwizard.geography import _STATES

    assert len({code for code, _, _ in _STATES}) == 51
    assert {d for _, _, d in _STATES} == set(CensusDivision)


# --------------------------------------------------------------------------- signal rules


@dataclass
class SignalCase:
    name: str
    year: int
    progs: list[Program]
    expected: list[tuple[str, str, str]]
    setup: Any = None
    rule: Any = choices.signal_counts


def _j1(d: Dossier) -> None:
    d.profile.visa = Visa.J1


def _applying(d: Dossier) -> None:
    d.eras.submitted = True


SIGNAL_CASES = [
    SignalCase(
        "35 IM signals over an estimated cap: warning",
        2027,
        programs("IM", [S] * 35),
        [("signals.over_limit", "warning", "internal_medicine.silver")],
    ),
    SignalCase(
        "over an official cap: blocker",
        2026,
        programs("IM", [G] * 4 + [S] * 12),
        [("signals.over_limit", "blocker", "internal_medicine.gold")],
    ),
    SignalCase(
        "anesthesiology official 5 + 10 exactly: nothing",
        2026,
        programs("Anesthesiology", [G] * 5 + [S] * 10),
        [],
    ),
    SignalCase(
        "single tier over an estimate: warning",
        2026,
        programs("Family Medicine", [P] * 6),
        [("signals.over_limit", "warning", "family_medicine.signal")],
    ),
    SignalCase(
        "unused while programs wait: info per tier",
        2027,
        programs("IM", [G, N]),
        [
            ("signals.unused", "info", "internal_medicine.gold"),
            ("signals.unused", "info", "internal_medicine.silver"),
        ],
    ),
    SignalCase(
        "unused but no program without a signal: nothing",
        2027,
        programs("Psychiatry", [P, P]),
        [],
    ),
    SignalCase(
        "ResidencyCAS specialty: count unknown, info",
        2027,
        programs("Emergency Medicine", [P] * 9),
        [("signals.count_unknown", "info", "emergency_medicine")],
    ),
    SignalCase(
        "specialty without known counts: info",
        2027,
        programs("Dermatology", [P]),
        [("signals.count_unknown", "info", "dermatology")],
    ),
    SignalCase("no signals at all, unknown specialty: nothing", 2027, programs("Derm", [N]), []),
    SignalCase(
        "ineligible program (visa): warning naming why",
        2027,
        programs("IM", [G], visas_sponsored=[VisaType.H1B], visa_policy_known=True),
        [("signals.ineligible", "warning", "p-im-0")],
        setup=_j1,
        rule=choices.signal_programs,
    ),
    SignalCase(
        "eligible program: nothing",
        2027,
        programs("IM", [G], visas_sponsored=[VisaType.J1], visa_policy_known=True),
        [],
        setup=_j1,
        rule=choices.signal_programs,
    ),
    SignalCase(
        "signal on a program not applied once applying: warning",
        2027,
        programs("IM", [S]),
        [("signals.not_applied", "warning", "p-im-0")],
        setup=_applying,
        rule=choices.signal_programs,
    ),
    SignalCase(
        "signal on a program not applied before applying: nothing",
        2027,
        programs("IM", [S]),
        [],
        rule=choices.signal_programs,
    ),
    SignalCase(
        "plain signal on a two-tier specialty: wrong tier",
        2027,
        programs("IM", [P]),
        [("signals.wrong_tier", "warning", "p-im-0")],
        rule=choices.signal_programs,
    ),
    SignalCase(
        "gold on a single-tier specialty: wrong tier",
        2027,
        programs("Pediatrics", [G]),
        [("signals.wrong_tier", "warning", "p-pediat-0")],
        rule=choices.signal_programs,
    ),
    SignalCase(
        "gold on an unknown specialty: not judged",
        2027,
        programs("Dermatology", [G]),
        [],
        rule=choices.signal_programs,
    ),
]


@pytest.mark.parametrize("case", SIGNAL_CASES, ids=lambda c: c.name)
def test_signal_rules(case: SignalCase):
    d = dossier(case.year, case.progs)
    if case.setup:
        case.setup(d)
    assert codes(findings(case.rule, d)) == sorted(case.expected)


def test_over_limit_carries_the_cap_and_its_confidence():
    d = dossier(2027, programs("IM", [S] * 35))
    (f,) = [f for f in findings(choices.signal_counts, d) if f.code == "signals.over_limit"]
    data = dict(f.data)
    assert data["season_key"] == "signals.internal_medicine.silver"
    assert data["confidence"] == "estimate" and data["allowed"] == 12 and data["used"] == 35
    assert "estimate" in f.message and "23 too many" in f.message


def test_a_corrected_cap_is_firm():
    from imgwizard.model import SeasonCorrection

    d = dossier(2027, programs("IM", [G] * 5))
    d.season_corrections = [
        SeasonCorrection(key="signals.internal_medicine.gold", value=4, entered_on=TODAY)
    ]
    season = load_season(2027, d.season_corrections)
    (f,) = [f for f in choices.signal_counts(d, season, TODAY) if f.code == "signals.over_limit"]
    assert f.severity is Severity.BLOCKER and dict(f.data)["confidence"] == "yours"


def test_ineligible_signal_reuses_the_programs_step_reasons():
    from imgwizard.rules.eligibility import program_reasons

    d = dossier(2027, programs("IM", [G], min_step2ck_score=250))
    d.exams.step2ck.outcome, d.exams.step2ck.score = Outcome.PASSED, 231
    (f,) = findings(choices.signal_programs, d)
    (reason,) = program_reasons(d, d.programs[0], load_season(2027), TODAY)
    assert reason.text in f.message
    assert dict(f.data)["reasons"] == ["step2ck_below_minimum"]


# --------------------------------------------------------------------------- geography


def _geo(divisions=(), no_pref=False, explanation="family nearby"):
    def setup(d: Dossier) -> None:
        d.geography.divisions = list(divisions)
        d.geography.no_division_preference = no_pref
        d.geography.division_explanation = explanation

    return setup


MA, SA, PAC, MT = (
    CensusDivision.MIDDLE_ATLANTIC,
    CensusDivision.SOUTH_ATLANTIC,
    CensusDivision.PACIFIC,
    CensusDivision.MOUNTAIN,
)


def _in(*states: str, applied: bool = False) -> list[Program]:
    return [
        Program(id=f"p-g{i}", name=f"P{i}", state=s, applied=applied) for i, s in enumerate(states)
    ]


GEO_CASES = [
    ("nothing chosen", 2027, _geo(), [], []),
    ("three divisions, estimate cap", 2027, _geo([MA, SA, PAC]), [], []),
    (
        "four over an estimated cap",
        2027,
        _geo([MA, SA, PAC, MT]),
        [],
        [("geography.too_many_divisions", "warning", "")],
    ),
    (
        "four over an official cap",
        2026,
        _geo([MA, SA, PAC, MT]),
        [],
        [("geography.too_many_divisions", "blocker", "")],
    ),
    (
        "divisions and no preference",
        2027,
        _geo([MA], no_pref=True),
        [],
        [("geography.conflicting", "warning", "")],
    ),
    (
        "no explanation",
        2027,
        _geo([MA], explanation=""),
        [],
        [("geography.no_explanation", "info", "")],
    ),
    (
        "most listed programs outside",
        2027,
        _geo([MA]),
        _in("NY", "CA", "TX", "Narnia"),
        [("geography.mostly_outside", "info", "")],
    ),
    ("half outside: no note", 2027, _geo([MA]), _in("NY", "CA"), []),
    (
        "applied programs count, not the whole list",
        2027,
        _geo([MA]),
        [
            *_in("NY", "NJ", applied=True),
            Program(id="p-x1", state="CA"),
            Program(id="p-x2", state="TX"),
            Program(id="p-x3", state="WA"),
        ],
        [],
    ),
    ("no preference with programs anywhere", 2027, _geo(no_pref=True), _in("CA", "TX"), []),
]


@pytest.mark.parametrize(
    ("name", "year", "setup", "progs", "expected"), GEO_CASES, ids=[c[0] for c in GEO_CASES]
)
def test_geography_rules(name, year, setup, progs, expected):
    d = dossier(year, progs)
    setup(d)
    assert codes(findings(choices.geographic_preferences, d)) == sorted(expected)


# --------------------------------------------------------------------------- rank list


def test_change_keeps_versions_only_after_the_first_certification():
    rl = RankList(program_ids=["a", "b"])
    assert not ranking.change(rl, ["b", "a"], TODAY)  # never certified: no history
    assert rl.history == []
    rl.certified, rl.certified_on = True, TODAY
    assert ranking.change(rl, ["a", "b"], TODAY)
    assert [v.program_ids for v in rl.history] == [["b", "a"]]
    assert rl.history[0].certified and rl.history[0].certified_on == TODAY
    assert not rl.certified
    # More edits the same day between certifications: one version, not one per key press.
    assert not ranking.change(rl, ["a", "b", "c"], TODAY)
    assert len(rl.history) == 1
    # The next day's edit keeps the uncertified list of the day before.
    tomorrow = TODAY + dt.timedelta(days=1)
    assert ranking.change(rl, ["c", "a", "b"], tomorrow)
    assert [(v.program_ids, v.saved_on, v.certified) for v in rl.history[1:]] == [
        (["a", "b", "c"], tomorrow, False)
    ]
    assert not ranking.change(rl, ["c", "a", "b"], tomorrow)  # no change, nothing kept


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (["a", "b"], ["a", "b"], []),
        (["a", "b"], ["b", "a"], [("moved", "b", 2, 1), ("moved", "a", 1, 2)]),
        (["a", "b"], ["a"], [("removed", "b", 2, None)]),
        (["a"], ["a", "c"], [("added", "c", None, 2)]),
        (
            ["a", "b", "c"],
            ["c", "d", "a"],
            [
                ("removed", "b", 2, None),
                ("added", "d", None, 2),
                ("moved", "c", 3, 1),
                ("moved", "a", 1, 3),
            ],
        ),
    ],
)
def test_diff(old, new, expected):
    assert [
        (c.kind, c.program_id, c.old_rank, c.new_rank) for c in ranking.diff(old, new)
    ] == expected


def test_diff_text_names_programs():
    d = dossier(2027, [Program(id="p-a", name="Alpha"), Program(id="p-b", name="Beta")])
    assert ranking.diff_text(d, ["p-a", "p-b"], ["p-b"]) == [
        "- Alpha removed (was 1)",
        "~ Beta moved 2 → 1",
    ]
    assert ranking.diff_text(d, ["p-a"], ["p-a"]) == ["no difference"]


def _ranked(ids, certified=False, history=False, target=None):
    def setup(d: Dossier) -> None:
        d.rank_list = RankList(program_ids=ids[:1] if history else ids, certified=certified)
        if history:
            d.rank_list.certified = True
            ranking.change(d.rank_list, ids, TODAY)
        d.rank_list.target_length = target

    return setup


RANK_CASES = [
    ("never certified", _ranked(["p-0"]), []),
    ("certified", _ranked(["p-0"], certified=True), []),
    (
        "changed after certifying",
        _ranked(["p-0", "p-1"], history=True),
        [("rank_list.certify_again", "warning", "")],
    ),
    ("short of own target", _ranked(["p-0", "p-1"], target=5), [("rank_list.short", "info", "")]),
    ("at own target", _ranked(["p-0", "p-1"], target=2), []),
    (
        "visa not sponsored on the list",
        _ranked(["p-0", "p-2"]),
        [("rank_list.visa_not_sponsored", "warning", "p-2")],
    ),
]


@pytest.mark.parametrize(("name", "setup", "expected"), RANK_CASES, ids=[c[0] for c in RANK_CASES])
def test_rank_list_rules(name, setup, expected):
    d = dossier(
        2027,
        [
            Program(id="p-0", visas_sponsored=[VisaType.J1], visa_policy_known=True),
            Program(id="p-1"),
            Program(id="p-2", visas_sponsored=[VisaType.H1B], visa_policy_known=True),
        ],
    )
    d.profile.visa = Visa.J1
    setup(d)
    assert codes(findings(choices.rank_list_checks, d)) == sorted(expected)


# --------------------------------------------------------------------------- SOAP


def _eligible(d: Dossier) -> None:
    d.nrmp.registered = True
    d.ecfmg.requirements_reported_to_nrmp = True


def _soap(n=0, outcome=MatchOutcome.PENDING, eligible=True, docs=True, participating=False):
    def setup(d: Dossier) -> None:
        d.soap.programs = [SoapProgram(name=f"S{i}") for i in range(n)]
        d.match.outcome = outcome
        d.match.soap_participating = participating
        if eligible:
            _eligible(d)
        if docs:
            d.soap.documents_refreshed = [key for key, _ in soap.DOCUMENTS]

    return setup


ROL_2027 = dt.date(2027, 3, 3)
SOAP_CASES = [
    ("empty, early", 2027, _soap(), TODAY, []),
    (
        "empty, after the ROL deadline",
        2027,
        _soap(),
        ROL_2027 + dt.timedelta(days=2),
        [("soap.no_plan", "info", "")],
    ),
    ("45 programs: at the cap", 2027, _soap(45), TODAY, []),
    ("46 over an estimated cap", 2027, _soap(46), TODAY, [("soap.over_limit", "info", "")]),
    ("46 over an official cap", 2026, _soap(46), TODAY, [("soap.over_limit", "warning", "")]),
    (
        "plan, not registered, not verified",
        2027,
        _soap(3, eligible=False),
        TODAY,
        [("soap.ecfmg_not_verified", "warning", ""), ("soap.not_registered", "warning", "")],
    ),
    (
        "unmatched, not eligible",
        2027,
        _soap(0, MatchOutcome.UNMATCHED, eligible=False),
        TODAY,
        [("soap.ecfmg_not_verified", "warning", ""), ("soap.not_registered", "warning", "")],
    ),
    (
        "matched: eligibility not raised",
        2027,
        _soap(3, MatchOutcome.MATCHED, eligible=False),
        TODAY,
        [],
    ),
    (
        "documents still to refresh",
        2027,
        _soap(2, docs=False),
        TODAY,
        [("soap.documents_to_refresh", "info", "")],
    ),
]


@pytest.mark.parametrize(
    ("name", "year", "setup", "today", "expected"), SOAP_CASES, ids=[c[0] for c in SOAP_CASES]
)
def test_soap_rules(name, year, setup, today, expected):
    d = dossier(year)
    setup(d)
    assert codes(findings(choices.soap_plan, d, today=today)) == sorted(expected)


def test_registered_after_the_rol_deadline_is_not_eligible():
    d = dossier(2027)
    _eligible(d)
    d.nrmp.registered_on = ROL_2027 + dt.timedelta(days=1)
    assert [b.code for b in soap.eligibility(d, load_season(2027), TODAY)] == ["not_registered"]


def test_requirements_met_but_not_reported_says_so():
    d = dossier(2027)
    d.nrmp.registered = True
    d.exams.step1.outcome = d.exams.step2ck.outcome = Outcome.PASSED
    d.ecfmg.pathway_status = PathwayStatus.NOT_NEEDED
    (b,) = soap.eligibility(d, load_season(2027), TODAY)
    assert b.code == "ecfmg_not_verified" and "reported" in b.fix


@pytest.mark.parametrize(
    ("year", "confidence", "added", "says"),
    [(2026, "official", False, "full"), (2027, "estimate", True, "not confirmed")],
)
def test_soap_cap_refuses_only_when_official(year, confidence, added, says):
    d = dossier(year)
    d.soap.programs = [SoapProgram(name=f"S{i}") for i in range(45)]
    season = load_season(year)
    assert soap.cap(season).confidence.value == confidence
    ok, message = soap.add(d, season, SoapProgram(name="one more"))
    assert ok is added and says in message
    assert len(d.soap.programs) == (46 if added else 45)


def test_timeline_comes_from_season_facts_in_order():
    season = load_season(2027)
    rows = soap.timeline(season)
    days = [fact.value for _, fact in rows]
    assert days == sorted(days) and days[-1] == dt.date(2027, 3, 19)
    assert all(isinstance(f, Fact) and f.confidence is Confidence.ESTIMATE for _, f in rows)


# --------------------------------------------------------------------------- migration


def test_v1_file_migrates_signals_to_tiers():
    d = store.load(FIXTURES / "v1_dossier.toml")
    assert d.schema_version == store.SCHEMA_VERSION
    tiers = {p.id: p.signal for p in d.programs}
    assert tiers == {"p-im": S, "p-fm": P, "p-derm": P, "p-none": N}
    assert d.rank_list.certified and d.rank_list.history == []
    assert d.soap.programs == [] and d.geography.divisions == []


def test_migration_note_says_what_true_becomes():
    doc = store._v1_to_v2_signals.__doc__ or ""
    assert "silver" in doc and "single" in doc and "signal = true" in doc


def test_v1_migration_leaves_bad_values_for_validation():
    data = {"schema_version": 1, "programs": [{"id": "p-1", "signal": "maybe"}]}
    out = store.migrate(data, Path("x.toml"))
    assert out["programs"][0]["signal"] == "maybe" and out["schema_version"] == 2
    with pytest.raises(store.InvalidDossier):
        store.parse('schema_version = 1\n[[programs]]\nid = "p-1"\nsignal = "maybe"\n', Path("x"))


# --------------------------------------------------------------------------- imgwizard check


@pytest.mark.parametrize(
    ("year", "severity", "confidence", "exit_code"),
    [(2027, "warning", "estimate", 0), (2026, "blocker", "official", 1)],
)
def test_check_json_reports_35_signalled_im_programs(
    tmp_path, capsys, year, severity, confidence, exit_code
):
    import json

    from imgwizard.cli import main

    # A v1 file (signal = true), as an older imgwizard wrote it; one program lacks the J-1.
    lines = ["schema_version = 1", "[profile]", f"target_match_year = {year}", 'visa = "j1"']
    for i in range(35):
        visa = "h1b" if i == 0 else "j1"
        lines += [
            "[[programs]]",
            f'id = "p-{i:03d}"',
            f'name = "IM Program {i}"',
            'specialty = "Internal Medicine"',
            "signal = true",
            "visa_policy_known = true",
            f'visas_sponsored = ["{visa}"]',
        ]
    path = tmp_path / "d.toml"
    path.write_text("\n".join(lines) + "\n")
    before = path.read_bytes()
    code = main(
        ["check", "--data-file", str(path), "--json", "--today", "2026-11-30", "--step", "programs"]
    )
    doc = json.loads(capsys.readouterr().out)
    found = {(f["code"], f.get("subject", "")): f for f in doc["findings"]}
    over = found[("signals.over_limit", "internal_medicine.silver")]
    assert over["severity"] == severity
    assert over["data"]["confidence"] == confidence
    assert over["data"]["used"] == 35 and over["data"]["allowed"] == 12
    assert over["data"]["season_key"] == "signals.internal_medicine.silver"
    ineligible = found[("signals.ineligible", "p-000")]
    assert "does not sponsor the J-1 visa you need" in ineligible["message"]
    assert (code == 1) is (exit_code == 1)
    assert path.read_bytes() == before  # check never rewrites the file
