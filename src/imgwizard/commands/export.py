"""`imgwizard export`: a Markdown report, the dossier as JSON, or an ICS calendar."""

from __future__ import annotations

import argparse

NAME = "export"
HELP = "export a report, your data (JSON) or a calendar"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imgwizard.commands.common import parse_day

    parser.add_argument(
        "--format",
        choices=("md", "json", "ics"),
        default="md",
        help="md: report for an advisor (default); json: your whole dossier; "
        "ics: the season's dates and your interviews for a calendar app",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (readable by you alone) instead of printing",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--today", type=parse_day, metavar="YYYY-MM-DD", help="report as of this date"
    )


def run(args: argparse.Namespace) -> int:
    import datetime as dt
    import sys

    from imgwizard import store
    from imgwizard.commands.common import data_path, fail
    from imgwizard.exporting import export_to, render
    from imgwizard.model import default_match_year
    from imgwizard.season import SeasonDataError, load_season

    path = data_path(args)
    today = args.today or dt.date.today()
    try:
        dossier, existed = store.load_or_new(path, today)
    except store.StoreError as exc:
        return fail(exc.describe())
    if not existed:
        print(
            f"imgwizard: note: {path} does not exist yet; exporting an empty dossier",
            file=sys.stderr,
        )
    year = dossier.profile.target_match_year or default_match_year(today)
    try:
        season = load_season(year, dossier.season_corrections)
    except SeasonDataError as exc:
        return fail(f"the season data is damaged: {exc}")
    if not args.output:
        sys.stdout.write(render(args.format, dossier, season, today))
        return 0
    try:
        written = export_to(args.output, args.format, dossier, season, today, force=args.force)
    except store.StoreError as exc:
        return fail(exc.describe())
    print(f"wrote {written} ({args.format}, readable by you alone)")
    return 0
