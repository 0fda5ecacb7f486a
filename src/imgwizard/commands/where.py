"""`imgwizard where`: the data file, and whether it exists."""

from __future__ import annotations

import argparse
import json

NAME = "where"
HELP = "show where your data file is and whether it exists"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from imgwizard import store
    from imgwizard.commands.common import data_path
    from imgwizard.settings import settings_path

    path = data_path(args)
    info = {
        "data_file": str(path),
        "exists": path.exists(),
        "backup": str(store.backup_path(path)),
        "backup_exists": store.backup_path(path).exists(),
        "lock": str(store.lock_path(path)),
        "settings": str(settings_path()),
        "settings_exists": settings_path().exists(),
    }
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    print(path)
    print(f"  data file: {'exists' if info['exists'] else 'not created yet'}")
    print(f"  backup:    {info['backup']} ({'exists' if info['backup_exists'] else 'none yet'})")
    print(
        f"  settings:  {info['settings']} "
        f"({'exists' if info['settings_exists'] else 'defaults; none saved yet'})"
    )
    for warning in store.permission_warnings(path) if info["exists"] else []:
        print(f"  warning:   {warning}")
    return 0
