"""`imgwizard budget`: every cost of the season, what is paid and what is still to pay.

Plain lines or --json (format imgwizard-budget/1). Exit status 0, or 2 on a usage or file
error. The data file is never written.
"""

from __future__ import annotations

import argparse

NAME = "budget"
HELP = "what the season costs: each fee with its confidence, paid and still to pay (or --json)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imgwizard.commands.common import parse_day

    parser.add_argument("--json", action="store_true", help="print a JSON document")
    parser.add_argument("--today", type=parse_day, metavar="YYYY-MM-DD", help="as of this date")


def run(args: argparse.Namespace) -> int:
    import datetime as dt
    import json

    from imgwizard.budget import budget_lines, build_budget
    from imgwizard.commands.common import data_path, plain, read_dossier, season_for

    today = args.today or dt.date.today()
    dossier, _ = read_dossier(data_path(args), today)
    budget = build_budget(dossier, season_for(dossier, today), today)
    if args.json:
        print(json.dumps(budget.to_json(), indent=2, ensure_ascii=False))
    else:
        for line in budget_lines(budget):
            print(plain(line))
    return 0
