"""`imgwizard plan`: what to do next and by when, as plain lines or --json.

Exit status: 0 when nothing is overdue, 1 when something is, 2 on a usage or file error. The
data file is never written.
"""

from __future__ import annotations

import argparse

NAME = "plan"
HELP = "what to do next and by when (text or --json); exit 1 if anything is overdue"


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imgwizard.commands.common import parse_day

    parser.add_argument("--json", action="store_true", help="print a JSON document")
    parser.add_argument(
        "--today", type=parse_day, metavar="YYYY-MM-DD", help="plan as of this date"
    )
    parser.add_argument(
        "--within",
        type=_days,
        metavar="DAYS",
        help="only open actions due within DAYS (overdue ones included)",
    )
    parser.add_argument("--all", action="store_true", help="list done actions too")


def run(args: argparse.Namespace) -> int:
    import datetime as dt
    import json

    from imgwizard.commands.common import data_path, plain, read_dossier, season_for
    from imgwizard.plan import build_plan, plan_lines

    today = args.today or dt.date.today()
    dossier, _ = read_dossier(data_path(args), today)
    season = season_for(dossier, today)
    plan = build_plan(dossier, season, today)
    overdue = bool(plan.overdue)
    if args.within is not None:
        plan = plan.within(args.within)
    if args.json:
        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
    else:
        for line in plan_lines(plan, show_done=args.all):
            print(plain(line))
    return 1 if overdue else 0
