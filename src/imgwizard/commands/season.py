"""`imgwizard season`: the season's dates, fees and limits, and the applicant's own corrections.

imgwizard season [--year N] [--json]     every fact: key, value, confidence, source, checked
imgwizard season set KEY VALUE           use the value your own account shows
imgwizard season reset KEY               back to the package value
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

NAME = "season"
HELP = "list the season's dates, fees and limits with their sources; set or reset your own"

FORMAT = "imgwizard-season/1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imgwizard.commands.common import parse_day

    def common(p: argparse.ArgumentParser, *, data_file: bool = True) -> None:
        if data_file:  # the `season` parser itself gets --data-file from cli.py
            p.add_argument(
                "--data-file",
                metavar="PATH",
                default=argparse.SUPPRESS,
                help="the dossier file to use",
            )
        p.add_argument(
            "--today",
            type=parse_day,
            metavar="YYYY-MM-DD",
            default=argparse.SUPPRESS,
            help="act as of this date (default: today)",
        )

    parser.add_argument(
        "--year", type=int, metavar="N", help="Match year (default: your dossier's target year)"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON document")
    common(parser, data_file=False)
    actions = parser.add_subparsers(dest="season_action", metavar="ACTION", title="actions")
    set_ = actions.add_parser(
        "set",
        help="use your own value for one fact (from MyERAS, NRMP R3 or MyIntealth)",
        description="Record the value your own account shows for one season fact. It is kept "
        "in your dossier with today's date and wins over imgwizard's package data.",
    )
    set_.add_argument("key", help="the fact's key, as `imgwizard season` lists it")
    set_.add_argument("value", help="a date YYYY-MM-DD, whole dollars, or a whole number")
    common(set_)
    reset = actions.add_parser(
        "reset",
        help="drop your value for one fact; the package value is used again",
        description="Drop your own value for one season fact.",
    )
    reset.add_argument("key", help="the fact's key")
    common(reset)


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "season_action", None)
    if action == "set":
        return _edit(args, setting=True)
    if action == "reset":
        return _edit(args, setting=False)
    return _list(args)


# --------------------------------------------------------------------------- listing


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def fact_row(fact: Any) -> dict[str, Any]:
    spec = fact.spec
    return {
        "key": fact.key,
        "label": spec.label,
        "kind": spec.kind.value,
        "value": _json_value(fact.value),
        "display": fact.display(),
        "confidence": fact.confidence.value,
        "source": fact.source,
        "checked": fact.checked.isoformat(),
        "rule": fact.rule or None,
        "note": fact.note or None,
        "where_to_check": spec.where_to_check,
        "package_value": _json_value(fact.package_value),
    }


def _list(args: argparse.Namespace) -> int:
    import json

    from imgwizard.commands.common import data_path, fail, read_dossier, season_for
    from imgwizard.season import CATALOGUE

    path = data_path(args)
    today = getattr(args, "today", None) or dt.date.today()
    dossier, existed = read_dossier(path, today)
    target = dossier.match_year(today)
    year = args.year if args.year is not None else target
    if not 2000 <= year <= 2100:
        return fail(f"--year {year}: give a Match year between 2000 and 2100")
    season = season_for(dossier, today, year)
    notes = list(season.notes)
    if year != target and dossier.season_corrections:
        notes.append(
            f"your {len(dossier.season_corrections)} correction(s) belong to your target "
            f"season, Match {target}, and are not shown here"
        )
    unknown = [key for key in CATALOGUE if key not in season.facts]
    if args.json:
        doc = {
            "format": FORMAT,
            "match_year": year,
            "target_match_year": target,
            "data_file": str(path),
            "data_file_exists": existed,
            "season_file": season.data_file or None,
            "notes": notes,
            "facts": [fact_row(f) for f in season.facts.values()],
            "unknown": unknown,
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    source = season.data_file or "no package file (estimated)"
    print(f"imgwizard season · Match {year} · {source}")
    for note in notes:
        print(f"note: {note}")
    print("columns: key · value · confidence · checked · source (· rule for estimates)")
    width = max(len(k) for k in season.facts) if season.facts else 0
    for fact in season.facts.values():
        value = fact.value_text()
        if fact.package_value is not None:
            value += f" (package: {_json_value(fact.package_value)})"
        row = (
            f"{fact.key:<{width}}  {value:<16}  {fact.confidence.value:<9}  "
            f"{fact.checked.isoformat()}  {fact.source}"
        )
        if fact.rule:
            row += f"  · rule: {fact.rule}"
        print(row)
    if unknown:
        print(f"no value for: {', '.join(unknown)} (set your own with `imgwizard season set`)")
    return 0


# --------------------------------------------------------------------------- set / reset


def _edit(args: argparse.Namespace, *, setting: bool) -> int:
    from imgwizard import store
    from imgwizard.commands.common import data_path, fail
    from imgwizard.season import load_season
    from imgwizard.season.corrections import (
        CorrectionError,
        match_year_of,
        require_key,
        reset_correction,
        set_correction,
    )

    path = data_path(args)
    today = getattr(args, "today", None) or dt.date.today()
    try:
        lock = store.acquire_lock(path)
    except store.LockHeld as exc:
        return fail(f"{exc.describe()}\nNothing was changed.")
    except store.StoreError as exc:
        return fail(exc.describe())
    try:
        try:
            dossier, _ = store.load_or_new(path, today)
        except store.StoreError:
            lock.abandon()  # a refused file gets no lock file beside it
            raise
        year = match_year_of(dossier, today)
        if setting:
            correction = set_correction(dossier, args.key, args.value, today)
            key = correction.key
        else:
            key = args.key.strip()
            require_key(key)
            if not reset_correction(dossier, key):
                fact = load_season(year).get(key)
                shown = fact.display() if fact else "no package value"
                print(f"{key}: you had no value of your own; it stays {shown}")
                return 0
        store.save(path, dossier)
    except CorrectionError as exc:
        return fail(str(exc))
    except store.StoreError as exc:
        return fail(exc.describe())
    finally:
        lock.release()
    fact = load_season(year, dossier.season_corrections).get(key)
    if setting:
        was = "" if fact.package_value is None else f" (package value was {fact.package_value})"
        print(f"{key} = {fact.display()} for Match {year}{was}; saved to {path}")
    else:
        shown = fact.display() if fact else "no package value"
        print(f"{key}: your value is gone; back to {shown}; saved to {path}")
    return 0
