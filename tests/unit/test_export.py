"""Export: Markdown report, JSON (round trip through import-json), ICS (parsed by icalendar)."""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
import subprocess
import sys

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings

from imgwizard import store
from imgwizard.cli import main
from imgwizard.exporting import OutputExists, export_to, render
from imgwizard.exporting.ics import date_facts, escape_text, fold
from imgwizard.exporting.markdown import cell, escape
from imgwizard.importing.dossier_json import parse_export
from imgwizard.model import (
    DocStatus,
    Interview,
    InterviewStatus,
    Letter,
    Program,
    SeasonCorrection,
    Specialty,
    VisaType,
    new_dossier,
)
from imgwizard.rules import Severity, by_step, run_all
from imgwizard.season import Confidence, load_season
from tests.strategies import dossiers

TODAY = dt.date(2026, 11, 24)
NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)


def sample():
    d = new_dossier(TODAY)
    d.profile.full_name = "Ana | *Bold* <b>Reyes</b>"
    d.specialties = [Specialty(name="Internal Medicine")]
    a = Program(
        name="St. Mary | North\nCampus",
        specialty="Internal Medicine",
        city="Brooklyn",
        state="NY",
        visas_sponsored=[VisaType.J1],
    )
    b = Program(name="Lakeside, Rural; Track \\ B", specialty="Family Medicine")
    d.programs = [a, b]
    d.documents.cv.status = DocStatus.READY
    d.documents.cv.path = "/home/ana/private/cv-final.pdf"
    d.letters = [Letter(writer="Dr. O'Neil", writer_role="Chief | Medicine", program_ids=[a.id])]
    d.interviews = [
        Interview(
            program_id=a.id,
            date=dt.date(2026, 12, 3),
            status=InterviewStatus.SCHEDULED,
            notes="Bring: CV, ID; ask about \\ call\nsecond line",
        ),
        Interview(program_id=b.id, date=None),  # no date: no calendar event
        Interview(program_name="Hillcrest", date=dt.date(2027, 1, 12)),
    ]
    d.rank_list.program_ids = [b.id, a.id]
    d.season_corrections = [
        SeasonCorrection(key="nrmp.match_day", value=dt.date(2027, 3, 19), entered_on=TODAY)
    ]
    return d


def season_of(d):
    from imgwizard.season.which import season_of as core_season_of

    return core_season_of(d, TODAY)


# --------------------------------------------------------------------------- markdown


def test_markdown_has_every_section_and_step_counts():
    d = sample()
    season = season_of(d)
    text = render("md", d, season, TODAY)
    for heading in (
        "## Steps",
        "## What to fix, by step",
        "## Documents",
        "## Programs",
        "## Letters of recommendation",
        "## Interviews",
        "## Rank list",
    ):
        assert heading in text
    grouped = by_step(run_all(d, season, TODAY))
    from imgwizard.steps import STEPS

    for step in STEPS:
        items = grouped.get(step.id, [])
        counts = [sum(f.severity is s for f in items) for s in Severity]
        row = next(line for line in text.splitlines() if line.startswith(f"| {step.number} |"))
        assert row.endswith(" | ".join(str(c) for c in counts) + " |"), row
        for f in items:
            assert escape(f.fix) in text


def test_markdown_escapes_user_text_and_hides_folders():
    d = sample()
    text = render("md", d, season_of(d), TODAY)
    assert "# Residency application report: Ana \\| \\*Bold\\* \\<b\\>Reyes\\</b\\>" in text
    assert "St. Mary \\| North<br>Campus" in text
    documents = text.split("## Documents")[1].split("##")[0]
    assert "cv-final.pdf" in documents and "/home/ana" not in documents
    # rank list keeps the user's order
    ranks = text.split("## Rank list")[1]
    assert ranks.index("Lakeside") < ranks.index("St. Mary")
    assert "Fri 19 Mar 2027 · yours" in text  # the correction, marked as the user's


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a|b", "a\\|b"),
        ("line\nbreak", "line<br>break"),
        ("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("back\\slash", "back\\\\slash"),
        ("", "—"),
        ("\r\n\n", "—"),
    ],
)
def test_cell_escaping(raw, expected):
    assert cell(raw) == expected


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(dossiers())
def test_markdown_tables_keep_their_shape_whatever_the_text(d):
    text = render(
        "md", d, season_of(d) if d.profile.target_match_year else load_season(2027), TODAY
    )
    widths: list[int] = []
    for line in text.splitlines():
        if not line.startswith("|"):
            widths = []
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        widths.append(cells)
        assert cells == widths[0], line


# --------------------------------------------------------------------------- json


def test_json_round_trip_through_the_cli(tmp_path, capsys):
    source = tmp_path / "a" / "dossier.toml"
    d = sample()
    store.save(source, d)
    out = tmp_path / "export.json"
    assert main(["export", "--format", "json", "-o", str(out), "--data-file", str(source)]) == 0
    doc = json.loads(out.read_text())
    assert doc["format"] == "imgwizard-dossier" and doc["format_version"] == 1
    assert doc["dossier"]["season_corrections"][0]["value"] == "2027-03-19"
    fresh = tmp_path / "b" / "dossier.toml"
    assert main(["import-json", str(out), "--data-file", str(fresh)]) == 0
    assert store.load(fresh) == store.load(source)
    assert store.load(fresh).season_corrections[0].value == dt.date(2027, 3, 19)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(dossiers())
def test_json_round_trip_any_dossier(d):
    text = render("json", d, load_season(2027), TODAY)
    assert parse_export(text, store.Path("x.json")) == d


def test_import_json_refuses_to_replace_answers_without_force(tmp_path, capsys):
    target = tmp_path / "d.toml"
    store.save(target, sample())
    before = target.read_bytes()
    other = new_dossier(TODAY)
    other.profile.full_name = "Someone Else"
    export = tmp_path / "other.json"
    export.write_text(render("json", other, load_season(2027), TODAY))
    assert main(["import-json", str(export), "--data-file", str(target)]) == 2
    assert "already holds your answers" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["import-json", str(export), "--force", "--data-file", str(target)]) == 0
    assert store.load(target).profile.full_name == "Someone Else"
    assert store.backup_path(target).read_bytes() == before


def test_import_json_into_a_blank_dossier_needs_no_force(tmp_path):
    target = tmp_path / "d.toml"
    store.save(target, new_dossier(TODAY))
    export = tmp_path / "x.json"
    d = sample()
    export.write_text(render("json", d, load_season(2027), TODAY))
    assert main(["import-json", str(export), "--data-file", str(target)]) == 0
    assert store.load(target) == d


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "no JSON object"),
        ('{"format": "something-else"}', "not an imgwizard export"),
        ('{"format": "imgwizard-dossier", "format_version": 99, "dossier": {}}', "reads up to"),
        (
            '{"format": "imgwizard-dossier", "format_version": 1, '
            '"dossier": {"schema_version": 1, "profile": {"full_nam": "x"}}}',
            "did you mean 'full_name'",
        ),
        (
            '{"format": "imgwizard-dossier", "format_version": 1, '
            '"dossier": {"schema_version": 1, "exams": {"step2ck": {"score": 999}}}}',
            "exams.step2ck.score",
        ),
    ],
)
def test_import_json_bad_files_are_reported_and_change_nothing(tmp_path, capsys, text, expected):
    source = tmp_path / "bad.json"
    source.write_text(text)
    target = tmp_path / "d.toml"
    assert main(["import-json", str(source), "--data-file", str(target)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not target.exists()


# --------------------------------------------------------------------------- ics


def parse_ics(text):
    return icalendar.Calendar.from_ical(text)


def test_ics_has_one_event_per_open_dated_plan_action():
    from imgwizard.exporting.ics import calendar_actions
    from imgwizard.plan import build_plan

    d = sample()
    season = season_of(d)
    text = render("ics", d, season, TODAY, now=NOW)
    cal = parse_ics(text)
    events = list(cal.walk("VEVENT"))
    wanted = calendar_actions(build_plan(d, season, TODAY), season)
    assert len(wanted) >= 8 and len(events) == len(wanted)
    assert cal["VERSION"] == "2.0" and "imgwizard" in cal["PRODID"]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    opened = season.date("eras.season_opens")
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert prop in event, prop
        start = event.decoded("DTSTART")
        assert type(start) is dt.date and start >= opened  # all-day, none before the season
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == NOW
    for fact in date_facts(season):
        found = [
            str(e["SUMMARY"])
            for e in events
            if e.decoded("DTSTART") == fact.value and fact.spec.label in str(e["SUMMARY"])
        ]
        for summary in found:
            if fact.confidence is Confidence.ESTIMATE:
                assert summary.startswith("≈ ") and "estimate" in summary
                assert fact.spec.where_to_check in summary
            elif fact.confidence is Confidence.OFFICIAL:
                assert summary == fact.spec.label


def test_ics_escapes_and_round_trips_user_text():
    d = sample()
    cal = parse_ics(render("ics", d, season_of(d), TODAY, now=NOW))
    interview = next(e for e in cal.walk("VEVENT") if e.decoded("DTSTART") == dt.date(2026, 12, 3))
    assert str(interview["SUMMARY"]) == "Interview: St. Mary | North\nCampus (virtual)"
    assert "Bring: CV, ID; ask about \\ call\nsecond line" in str(interview["DESCRIPTION"])
    assert str(interview["LOCATION"]) == "Brooklyn, NY"
    assert str(interview["STATUS"]) == "CONFIRMED"


def test_ics_lines_are_crlf_and_folded_at_75_octets():
    d = sample()
    d.interviews[0].notes = "é" * 200 + "," * 50  # multi-byte characters across fold points
    raw = render("ics", d, season_of(d), TODAY, now=NOW).encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # never split inside a character
    assert "é" * 200 in str(
        next(e for e in parse_ics(raw).walk("VEVENT") if "Interview" in str(e["SUMMARY"]))[
            "DESCRIPTION"
        ]
    )


def test_ics_uids_are_stable_between_exports():
    d = sample()
    first = parse_ics(render("ics", d, season_of(d), TODAY, now=NOW))
    d.interviews[1].date = dt.date(2027, 1, 5)  # giving the undated one a date
    later = parse_ics(render("ics", d, season_of(d), TODAY, now=NOW + dt.timedelta(days=3)))
    assert {str(e["UID"]) for e in first.walk("VEVENT")} < {
        str(e["UID"]) for e in later.walk("VEVENT")
    }


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a,b;c\\d", "a\\,b\\;c\\\\d"),
        ("one\ntwo\r\nthree", "one\\ntwo\\nthree"),
        ("bell\x07", "bell"),
    ],
)
def test_ics_text_escaping(raw, expected):
    assert escape_text(raw) == expected


def test_fold_counts_octets():
    line = "X" * 74 + "é" + "Y"
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert [len(x) for x in folded] == [74, 4]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(dossiers())
def test_ics_parses_for_any_dossier(d):
    season = load_season(2027)
    cal = parse_ics(render("ics", d, season, TODAY, now=NOW))
    events = list(cal.walk("VEVENT"))
    from imgwizard.exporting.ics import calendar_actions
    from imgwizard.plan import build_plan

    assert len(events) == len(calendar_actions(build_plan(d, season, TODAY), season))


# --------------------------------------------------------------------------- files and CLI


def test_export_to_writes_0600_and_refuses_to_overwrite(tmp_path):
    d = sample()
    path = tmp_path / "new-folder" / "report.md"
    assert export_to(path, "md", d, season_of(d), TODAY) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.write_text("mine")
    with pytest.raises(OutputExists):
        export_to(path, "json", d, season_of(d), TODAY)
    assert path.read_text() == "mine"
    export_to(path, "json", d, season_of(d), TODAY, force=True)
    assert json.loads(path.read_text())["format"] == "imgwizard-dossier"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("fmt", ["md", "json", "ics"])
def test_cli_export_to_file_and_overwrite_rules(tmp_path, capsys, data_file, fmt):
    store.save(data_file, sample())
    out = tmp_path / f"out.{fmt}"
    args = ["export", "--format", fmt, "-o", str(out), "--data-file", str(data_file)]
    assert main([*args, "--today", "2026-11-24"]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    first = out.read_bytes()
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert out.read_bytes() == first
    assert main([*args, "--force"]) == 0


def test_cli_export_prints_to_stdout_and_writes_nothing(capsys, data_file):
    assert main(["export", "--format", "ics", "--data-file", str(data_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("BEGIN:VCALENDAR")
    assert not data_file.exists()


def test_cli_export_on_corrupt_dossier_exits_2(capsys, data_file):
    data_file.parent.mkdir(parents=True)
    data_file.write_text("profile = [")
    assert main(["export", "--data-file", str(data_file)]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_export_and_import_commands_do_not_import_textual(tmp_path):
    data = tmp_path / "d.toml"
    store.save(data, sample())
    export = tmp_path / "x.json"
    csv_file = tmp_path / "p.csv"
    csv_file.write_text("name,specialty\nA,IM\n")
    runs = [
        ["export", "--format", "md"],
        ["export", "--format", "ics"],
        ["export", "--format", "json", "-o", str(export)],
        ["import-json", str(export), "--force"],
        ["import-programs", str(csv_file), "--dry-run"],
    ]
    for args in runs:
        result = subprocess.run(
            [
                sys.executable,
                "-X",
                "importtime",
                "-m",
                "imgwizard",
                "--data-file",
                str(data),
                *args,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (args, result.stderr[-2000:])
        imported = [line for line in result.stderr.splitlines() if "import time:" in line]
        assert imported
        assert not [line for line in imported if "textual" in line], args


def test_markdown_programs_table_shows_the_rules_eligibility():
    from imgwizard.rules.eligibility import program_eligibility

    d = sample()
    d.exams.step2ck.outcome = "passed"
    d.exams.step2ck.score = 225
    d.programs[0].min_step2ck_score = 250
    season = season_of(d)
    reasons = program_eligibility(d, d.programs[0], season, TODAY)
    assert reasons  # a score under the program's minimum is a reason
    text = render("md", d, season, TODAY)
    row = next(line for line in text.splitlines() if line.startswith("| St. Mary"))
    assert row.endswith(f"| {cell(chr(10).join(reasons))} |")
    other = next(line for line in text.splitlines() if line.startswith("| Lakeside"))
    expected = program_eligibility(d, d.programs[1], season, TODAY)
    assert other.endswith(f"| {cell(chr(10).join(expected)) if expected else 'nothing flagged'} |")
