"""The whole dossier as JSON: `store.to_data` with dates as ISO strings, under a small header.

    {"format": "imgwizard-dossier", "format_version": 1, "exported_on": "2026-11-24",
     "dossier": {"schema_version": 2, "profile": {...}, ...}}

`imgwizard import-json` (imgwizard.importing.dossier_json) reads it back to an equal dossier.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from imgwizard.model import Dossier
from imgwizard.store import to_data

FORMAT = "imgwizard-dossier"
FORMAT_VERSION = 1


def _iso(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def export_data(dossier: Dossier, today: dt.date) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_on": today.isoformat(),
        "dossier": to_data(dossier),
    }


def render_json(dossier: Dossier, today: dt.date) -> str:
    return (
        json.dumps(export_data(dossier, today), indent=2, ensure_ascii=False, default=_iso) + "\n"
    )
