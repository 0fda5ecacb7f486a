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
        "ics: your plan (dated actions, milestones, interviews) for a calendar app",
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
    from imgwizard.commands.common import data_path, fail, read_dossier, season_for
    from imgwizard.exporting import export_to, render

    path = data_path(args)
    today = args.today or dt.date.today()
    dossier, existed = read_dossier(path, today)
    if not existed:
        print(
            f"imgwizard: note: {path} does not exist yet; exporting an empty dossier",
            file=sys.stderr,
        )
    season = season_for(dossier, today)
    if not args.output:
        sys.stdout.write(render(args.format, dossier, season, today))
        return 0
    try:
        written = export_to(args.output, args.format, dossier, season, today, force=args.force)
    except store.StoreError as exc:
        return fail(exc.describe())
    print(f"wrote {written} ({args.format}, readable by you alone)")
    return 0
