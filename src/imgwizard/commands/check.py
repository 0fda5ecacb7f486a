"""`imgwizard check`: every finding, without starting the wizard."""

from __future__ import annotations

import argparse

NAME = "check"
HELP = "list what is missing or wrong (text or --json); exit 1 if anything blocks"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imgwizard.commands.common import parse_day

    parser.add_argument("--json", action="store_true", help="print a JSON document")
    parser.add_argument(
        "--today",
        type=parse_day,
        metavar="YYYY-MM-DD",
        help="check as of this date instead of today",
    )


def run(args: argparse.Namespace) -> int:
    import datetime as dt
    import json

    from imgwizard import store
    from imgwizard.commands.common import data_path, fail
    from imgwizard.model import default_match_year
    from imgwizard.rules import Severity, by_step, run_all
    from imgwizard.season import load_season
    from imgwizard.steps import STEPS

    path = data_path(args)
    today = args.today or dt.date.today()
    try:
        dossier, existed = store.load_or_new(path, today)
    except store.StoreError as exc:
        return fail(exc.describe())
    year = dossier.profile.target_match_year or default_match_year(today)
    season = load_season(year, dossier.season_corrections)
    findings = run_all(dossier, season, today)
    blockers = sum(f.severity is Severity.BLOCKER for f in findings)
    if args.json:
        doc = {
            "format": "imgwizard-check/1",
            "data_file": str(path),
            "data_file_exists": existed,
            "today": today.isoformat(),
            "match_year": year,
            "season_notes": season.notes,
            "summary": {s.value: sum(f.severity is s for f in findings) for s in Severity},
            "findings": [f.to_json() for f in findings],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        print(f"imgwizard check · Match {year} season · as of {today.isoformat()}")
        print(f"data file: {path}{'' if existed else ' (not created yet)'}")
        for note in season.notes:
            print(f"note: {note}")
        grouped = by_step(findings)
        for step in STEPS:
            items = grouped.get(step.id, [])
            if not items:
                continue
            print(f"\nStep {step.number} of {len(STEPS)} · {step.title}")
            for f in items:
                print(f"  [{f.severity.value.upper()}] {f.message}")
                print(f"      fix: {f.fix}")
                print(f"      code: {f.code}")
        counts = {s: sum(f.severity is s for f in findings) for s in Severity}
        print(
            f"\n{counts[Severity.BLOCKER]} blockers, {counts[Severity.WARNING]} warnings, "
            f"{counts[Severity.INFO]} notes"
        )
    return 1 if blockers else 0
